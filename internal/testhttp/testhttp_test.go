package testhttp

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// shared matches a request sent through http.DefaultTransport's pool.
var shared = regexp.MustCompile(`\bhttp\.(Get|Head|Post|PostForm)\(|\bhttp\.DefaultClient\b|\bhttp\.DefaultTransport\.RoundTrip\(`)

// TestNoCodeUsesTheSharedHTTPClient keeps every request of the module,
// tests' and the product's, off http.DefaultTransport's pool (see the
// package's doc).
func TestNoCodeUsesTheSharedHTTPClient(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "testhttp_test.go") {
			return nil
		}
		files++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if code, _, _ := strings.Cut(line, "//"); shared.MatchString(code) {
				t.Errorf("%s:%d: %s: send through testhttp.Client (tests) or a client with a transport of its own", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read %d Go files; the walk is broken", files)
	}
}
