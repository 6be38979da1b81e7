package version

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	t.Parallel()
	info := func(v string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: v}}, true }
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	tests := []struct {
		name, linked string
		info         func() (*debug.BuildInfo, bool)
		want         string
	}{
		{"linker wins over go install", "v1.2.3", info("v1.2.0"), "v1.2.3"},
		{"go install", "dev", info("v1.2.0"), "v1.2.0"},
		{"go install of a commit", "dev", info("v0.0.0-20260301120000-abcdef123456"), "v0.0.0-20260301120000-abcdef123456"},
		{"go build in a checkout", "dev", info("(devel)"), "dev"},
		{"no build information", "dev", none, "dev"},
		{"empty -X value", "", info("(devel)"), "dev"},
	}
	for _, tt := range tests {
		if got := resolve(tt.linked, tt.info); got != tt.want {
			t.Errorf("%s: resolve(%q) = %q, want %q", tt.name, tt.linked, got, tt.want)
		}
	}
}

// TestLinkerFlagSetsTheVersion builds a program with the documented flag
// and runs it: the flag must reach String.
func TestLinkerFlagSetsTheVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "stamp")
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/notion-tui/notion-tui/internal/version.Version=v9.8.7", "./testdata/stamp")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "v9.8.7" {
		t.Errorf("a build with -X reports %q, want v9.8.7", out)
	}
}
