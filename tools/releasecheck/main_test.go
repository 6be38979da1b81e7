package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the app's repository, two levels up from this package.
const repoRoot = "../.."

func TestTheReleaseConfigPasses(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	if err := run(repoRoot, false, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "6 targets (linux, darwin, windows × amd64, arm64)") {
		t.Errorf("output = %q", out.String())
	}
}

// fakeRoot is a repository with a LICENSE and internal/version declaring
// Version as given.
func fakeRoot(t *testing.T, versionDecl string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "LICENSE"), []byte("MIT"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "internal", "version")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "package version\n\n" + versionDecl + "\n\nfunc build() string { return \"dev\" }\n"
	if err := os.WriteFile(filepath.Join(dir, "version.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestBrokenConfigsAreCaught(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join(repoRoot, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to, versionDecl, want string
	}{
		{"version 1 format", "version: 2", "version: 1", "", "want 2"},
		{"no Windows", "      - windows\n    goarch", "    goarch", "", "goos lacks windows"},
		{"no arm64", "      - arm64\n", "", "", "goarch lacks arm64"},
		{"cgo", "      - CGO_ENABLED=0\n", "      - CGO_ENABLED=1\n", "", "CGO_ENABLED=0"},
		{"stamp aimed at the old variable", "internal/version.Version", "internal/cli.Version", "", "do not stamp the version"},
		{"unknown template field", "{{ .Version }}", "{{ .Versoin }}", "", "Versoin"},
		{"misspelt key", "ldflags:", "ldflag:", "", "field ldflag not found"},
		{"no checksums", "  name_template: checksums.txt\n", "", "", "checksums file"},
		{"no LICENSE in the archives", "      - LICENSE\n", "", "", "does not include LICENSE"},
		{"no zip on Windows", "          - zip", "          - tar.gz", "", "not a zip on Windows"},
		{"Version set by a function", "", "", "var Version = build()", "must be initialised to a string constant"},
		{"no Version at all", "", "", "var Other = \"dev\"", "declares no variable Version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			decl := tt.versionDecl
			if decl == "" {
				decl = `var Version = "dev"`
			}
			root := fakeRoot(t, decl)
			yaml := string(good)
			if tt.from != "" {
				if !strings.Contains(yaml, tt.from) {
					t.Fatalf(".goreleaser.yaml has no %q to break", tt.from)
				}
				yaml = strings.Replace(yaml, tt.from, tt.to, 1)
			}
			if err := os.WriteFile(filepath.Join(root, ".goreleaser.yaml"), []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			err := run(root, false, &strings.Builder{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run = %v, want an error with %q", err, tt.want)
			}
		})
	}
}
