package tui_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPackageGraphIsOneWay keeps the layering of docs/ARCHITECTURE.md: a
// screen package imports ui, styles, keymap, widgets, fields (the value
// editors), edit (editing in place) and savestep (saving a token), never
// another screen or the router; ui, widgets, fields, edit and savestep
// import no screen; styles and keymap
// import nothing of the app. Tests are not checked (external tests use the
// harness).
func TestPackageGraphIsOneWay(t *testing.T) {
	t.Parallel()
	const prefix = "github.com/notion-tui/notion-tui/tui/internal/"
	allowed := map[string][]string{
		"styles":   {},
		"keymap":   {},
		"widgets":  {"styles", "keymap"},
		"ui":       {"styles", "keymap"},
		"fields":   {"styles", "keymap", "widgets"},
		"edit":     {"styles", "keymap", "ui", "widgets", "fields"},
		"savestep": {"styles", "keymap", "ui", "widgets"},
		"uitest":   {},
		"apptest":  {"app", "ui", "uitest"},
	}
	screen := []string{"styles", "keymap", "ui", "widgets", "fields", "edit", "savestep"}
	dirs, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "app" {
			continue // the router imports every screen
		}
		pkg := d.Name()
		want, ok := allowed[pkg]
		if !ok {
			want = screen
		}
		files, _ := filepath.Glob(filepath.Join("internal", pkg, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range af.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				if !strings.HasPrefix(path, prefix) {
					continue
				}
				dep := strings.TrimPrefix(path, prefix)
				if !contains(want, dep) {
					t.Errorf("%s imports %s: %s may import only %v", f, dep, pkg, want)
				}
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
