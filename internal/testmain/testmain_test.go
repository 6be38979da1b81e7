package testmain

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Run(m) }

// calls matches a TestMain that ends through this package (e2e's calls a
// function of its own package that does).
var calls = regexp.MustCompile(`testmain\.(Run|Exit)\(|^\s*Run\(m\)`)

// TestEveryTestPackageEndsThroughTestmain keeps the convention: a test
// package added without it would pause a second under -race again.
func TestEveryTestPackageEndsThroughTestmain(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	ends := map[string]bool{}     // directory → a file calls testmain
	hasTests := map[string]bool{} // directory → has a _test.go file
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == root {
				return nil
			}
			name := d.Name()
			if name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		dir := filepath.Dir(path)
		if strings.HasSuffix(path, "_test.go") {
			hasTests[dir] = true
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			if calls.MatchString(line) {
				ends[dir] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(hasTests) < 30 {
		t.Fatalf("found %d test packages; the walk is broken", len(hasTests))
	}
	for dir := range hasTests {
		if !ends[dir] {
			t.Errorf("%s: its TestMain does not call testmain.Run (or testmain.Exit): under -race its binary pauses a second at exit", dir)
		}
	}
}
