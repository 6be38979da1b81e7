// Command releasecheck checks .goreleaser.yaml without goreleaser (which
// takes minutes to build) and proves that its version stamp works: it
// builds the app with the release's flags and runs `notion-tui version`.
//
//	cd tools && go run ./releasecheck -root ..
//
// It checks what the release promises: goreleaser's version 2 format;
// linux, macOS and Windows on amd64 and arm64; static builds; checksums;
// archives that carry the LICENSE; and an -X flag that names a string
// variable the linker can set (one initialised by a function call silently
// keeps its own value). Unknown keys are errors, so a misspelt one is
// caught; when adding a real goreleaser key, run `goreleaser check` and
// add it to the model below.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// modulePath is the app's module.
const modulePath = "github.com/notion-tui/notion-tui"

// stampVersion is the version the check stamps into its build.
const stampVersion = "0.0.0-releasecheck"

// Targets every release must build.
var (
	wantGOOS   = []string{"linux", "darwin", "windows"}
	wantGOARCH = []string{"amd64", "arm64"}
)

// config is the part of goreleaser's schema the release uses.
type config struct {
	Version     int       `yaml:"version"`
	ProjectName string    `yaml:"project_name"`
	Builds      []build   `yaml:"builds"`
	Archives    []archive `yaml:"archives"`
	Checksum    struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	Snapshot struct {
		VersionTemplate string `yaml:"version_template"`
	} `yaml:"snapshot"`
	Changelog struct {
		Sort    string `yaml:"sort"`
		Filters struct {
			Exclude []string `yaml:"exclude"`
		} `yaml:"filters"`
	} `yaml:"changelog"`
	Release struct {
		GitHub struct {
			Owner string `yaml:"owner"`
			Name  string `yaml:"name"`
		} `yaml:"github"`
		Draft bool `yaml:"draft"`
	} `yaml:"release"`
}

type build struct {
	ID           string   `yaml:"id"`
	Main         string   `yaml:"main"`
	Binary       string   `yaml:"binary"`
	Env          []string `yaml:"env"`
	GOOS         []string `yaml:"goos"`
	GOARCH       []string `yaml:"goarch"`
	Flags        []string `yaml:"flags"`
	LDFlags      []string `yaml:"ldflags"`
	ModTimestamp string   `yaml:"mod_timestamp"`
}

type archive struct {
	ID              string   `yaml:"id"`
	IDs             []string `yaml:"ids"`
	NameTemplate    string   `yaml:"name_template"`
	Formats         []string `yaml:"formats"`
	FormatOverrides []struct {
		GOOS    string   `yaml:"goos"`
		Formats []string `yaml:"formats"`
	} `yaml:"format_overrides"`
	Files []string `yaml:"files"`
}

func main() {
	root := flag.String("root", ".", "the app's repository")
	noBuild := flag.Bool("no-build", false, "check the file only; do not build and run the app")
	flag.Parse()
	if err := run(*root, !*noBuild, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "releasecheck:", err)
		os.Exit(1)
	}
}

func run(root string, buildIt bool, out io.Writer) error {
	cfg, err := load(filepath.Join(root, ".goreleaser.yaml"))
	if err != nil {
		return err
	}
	if errs := check(cfg, root); len(errs) > 0 {
		return fmt.Errorf(".goreleaser.yaml:\n  %w", errors.Join(errs...))
	}
	b := cfg.Builds[0]
	fmt.Fprintf(out, ".goreleaser.yaml: %d targets (%s × %s), checksums, archives with LICENSE\n",
		len(b.GOOS)*len(b.GOARCH), strings.Join(b.GOOS, ", "), strings.Join(b.GOARCH, ", "))
	if !buildIt {
		return nil
	}
	return checkStamp(root, b, out)
}

// load decodes path, refusing keys the model does not know.
func load(path string) (config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return config{}, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var cfg config
	if err := dec.Decode(&cfg); err != nil {
		return config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// check returns every way cfg breaks the release's promises.
func check(cfg config, root string) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if cfg.Version != 2 {
		fail("version is %d, want 2 (goreleaser v2's format)", cfg.Version)
	}
	if len(cfg.Builds) != 1 {
		fail("%d builds, want exactly one (the app)", len(cfg.Builds))
		return errs
	}
	b := cfg.Builds[0]
	if b.Main != "." || b.Binary != "notion-tui" {
		fail("the build makes %q from %q, want notion-tui from .", b.Binary, b.Main)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		fail("the build does not set CGO_ENABLED=0: cross-compiled binaries must not need a C toolchain")
	}
	for _, goos := range wantGOOS {
		if !slices.Contains(b.GOOS, goos) {
			fail("goos lacks %s", goos)
		}
	}
	for _, goarch := range wantGOARCH {
		if !slices.Contains(b.GOARCH, goarch) {
			fail("goarch lacks %s", goarch)
		}
	}
	if _, err := stampFlags(b); err != nil {
		errs = append(errs, err)
	}
	if err := checkVersionVar(root); err != nil {
		errs = append(errs, err)
	}
	if cfg.Checksum.NameTemplate == "" {
		fail("checksum has no name_template: releases must ship a checksums file")
	}
	if a := cfg.Checksum.Algorithm; a != "" && a != "sha256" && a != "sha512" {
		fail("checksum algorithm %q, want sha256 or sha512", a)
	}
	if len(cfg.Archives) == 0 {
		fail("no archives")
	}
	for _, a := range cfg.Archives {
		if !slices.Contains(a.Files, "LICENSE") {
			fail("archive %q does not include LICENSE", a.ID)
		}
		zip := false
		for _, o := range a.FormatOverrides {
			zip = zip || (o.GOOS == "windows" && slices.Contains(o.Formats, "zip"))
		}
		if !zip {
			fail("archive %q is not a zip on Windows", a.ID)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "LICENSE")); err != nil {
		fail("the archives name LICENSE, but: %v", err)
	}
	return errs
}

// stampFlags expands the build's ldflags as goreleaser would for version
// stampVersion, and checks that they set the version variable.
func stampFlags(b build) (string, error) {
	data := map[string]string{"Version": stampVersion, "Tag": "v" + stampVersion, "ProjectName": "notion-tui"}
	var parts []string
	for _, f := range b.LDFlags {
		t, err := template.New("ldflags").Option("missingkey=error").Parse(f)
		if err != nil {
			return "", fmt.Errorf("ldflags %q: %w", f, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, data); err != nil {
			return "", fmt.Errorf("ldflags %q: %w (releasecheck knows .Version, .Tag and .ProjectName)", f, err)
		}
		parts = append(parts, buf.String())
	}
	flags := strings.Join(parts, " ")
	want := "-X " + modulePath + "/internal/version.Version=v" + stampVersion
	if !strings.Contains(flags, want) {
		return "", fmt.Errorf("ldflags %q do not stamp the version: want %q (with v{{ .Version }})", flags, want)
	}
	return flags, nil
}

// checkVersionVar checks that internal/version declares Version as a
// package-level string variable initialised to a string constant, the only
// form -X can set.
func checkVersionVar(root string) error {
	dir := filepath.Join(root, "internal", "version")
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(matches) == 0 {
		return fmt.Errorf("no Go files in %s (%v)", dir, err)
	}
	for _, path := range matches {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if name.Name != "Version" {
						continue
					}
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							return nil
						}
					}
					return fmt.Errorf("%s: Version must be initialised to a string constant, or -X cannot set it", fset.Position(name.Pos()))
				}
			}
		}
	}
	return fmt.Errorf("%s declares no variable Version for -X to set", dir)
}

// checkStamp builds the app for this machine with the release's flags and
// checks that `notion-tui version` reports the stamped version.
func checkStamp(root string, b build, out io.Writer) error {
	ldflags, err := stampFlags(b)
	if err != nil {
		return err
	}
	linked, err := linksVersion(root)
	if err != nil {
		return err
	}
	if !linked {
		if legacy, _ := legacyVersion(root); legacy {
			fmt.Fprintln(out, "NOTICE: the app does not use internal/version yet (internal/cli keeps its own Version): the stamp is not checked until it does")
			return nil
		}
		return errors.New("the app does not import " + modulePath + "/internal/version: -X stamps nothing")
	}
	dir, err := os.MkdirTemp("", "releasecheck-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "notion-tui")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := append([]string{"build", "-o", bin}, b.Flags...)
	args = append(args, "-ldflags", ldflags, b.Main)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), b.Env...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, msg)
	}
	version, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("notion-tui version: %w\n%s", err, version)
	}
	if !strings.Contains(string(version), "v"+stampVersion) {
		return fmt.Errorf("a build with the release's flags says %q, want it to report v%s", strings.TrimSpace(string(version)), stampVersion)
	}
	fmt.Fprintf(out, "the release's flags stamp the version: %s\n", firstLine(string(version)))
	return nil
}

// linksVersion reports whether the app's main package depends on
// internal/version.
func linksVersion(root string) (bool, error) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return false, fmt.Errorf("go list -deps: %w", err)
	}
	return slices.Contains(strings.Fields(string(out)), modulePath+"/internal/version"), nil
}

// legacyVersion reports whether internal/cli still declares a Version of
// its own (the form -X could not set), i.e. the app has not moved to
// internal/version yet.
func legacyVersion(root string) (bool, error) {
	data, err := os.ReadFile(filepath.Join(root, "internal", "cli", "version.go"))
	if err != nil {
		return false, err
	}
	return strings.Contains(string(data), "var Version = buildVersion()"), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strconv.Quote(line)
}
