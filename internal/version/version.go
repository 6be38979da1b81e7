// Package version says which notion-tui this is.
//
// A release build sets Version with the linker:
//
//	go build -ldflags "-X github.com/notion-tui/notion-tui/internal/version.Version=v1.2.3"
//
// (goreleaser does, from the tag). A build without the flag reports the
// module version Go recorded, which `go install
// github.com/notion-tui/notion-tui@v1.2.3` sets; a plain `go build` in a
// checkout reports "dev" (or, where Go stamps it from git, a pseudo-version).
//
// Version must stay a plain string variable initialised to a constant: the
// linker's -X cannot set a variable initialised by a function call, which is
// why the flag once had no effect.
package version

import "runtime/debug"

// Version is set at link time; "dev" means it was not.
var Version = "dev"

// unset is Version's value when the linker did not set it.
const unset = "dev"

// String returns the version to show: the one set at link time, else the
// module version of the build, else "dev".
func String() string {
	return resolve(Version, debug.ReadBuildInfo)
}

// resolve picks the version from the link-time value and the build
// information.
func resolve(linked string, buildInfo func() (*debug.BuildInfo, bool)) string {
	if linked != "" && linked != unset {
		return linked
	}
	if bi, ok := buildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
	}
	return unset
}
