package keymap

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's keys table from the key map")

// TestOneKeyOneMeaning: outside the modal sections (a text field, a
// picker, a question), a key belongs to one action; a key that works
// always belongs to no other; and within a modal section a key is used
// once.
func TestOneKeyOneMeaning(t *testing.T) {
	t.Parallel()
	owner := map[string]Action{}
	modal := map[Section]map[string]Action{}
	for a := range numActions {
		e := table[a]
		if e.Does == "" || e.Label == "" || e.Where == "" {
			t.Errorf("action %d has no label, meaning or place: %+v", a, e)
		}
		for _, k := range e.Keys {
			if e.Section.Modal() {
				if modal[e.Section] == nil {
					modal[e.Section] = map[string]Action{}
				}
				if b, ok := modal[e.Section][k]; ok {
					t.Errorf("%q is both %q and %q in %q", k, table[b].Does, e.Does, e.Section.Title())
				}
				modal[e.Section][k] = a
				continue
			}
			if b, ok := owner[k]; ok {
				t.Errorf("%q is both %q (%s) and %q (%s)", k, table[b].Does, table[b].Section.Title(), e.Does, e.Section.Title())
			}
			owner[k] = a
		}
	}
	for a := range numActions {
		if table[a].Section != Always {
			continue
		}
		for _, k := range table[a].Keys {
			for s, keys := range modal {
				if b, ok := keys[k]; ok {
					t.Errorf("%q works always (%q) but is %q in %q", k, table[a].Does, table[b].Does, s.Title())
				}
			}
		}
	}
}

// TestREADMEKeysTable: the README's keys table is the key map's (run with
// -update to write it).
func TestREADMEKeysTable(t *testing.T) {
	t.Parallel()
	const begin, end = "<!-- keys: generated from tui/internal/keymap; go test ./tui/internal/keymap -update -->\n", "<!-- keys end -->"
	path := filepath.Join("..", "..", "..", "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("the README has no keys table between %q and %q", begin, end)
	}
	want := readme[:i+len(begin)] + "\n" + Markdown(false) + "\n" + readme[j:]
	if want == readme {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the README's keys table is not the key map's; run go test ./tui/internal/keymap -update")
}

// TestBindingsComeFromTheKeyMap: no screen makes a key binding of its own
// (key.NewBinding outside this package), so that every key the help
// names is in the table and means what the table says.
func TestBindingsComeFromTheKeyMap(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "keymap" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fs := token.NewFileSet()
		f, err := parser.ParseFile(fs, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewBinding" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "key" {
					t.Errorf("%s: a binding made outside the key map; use keymap.<Action>.Key()", fs.Position(call.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestKeyHelp: a binding says the table's words unless the screen says
// what the key does there, and Join puts the keys of several actions
// under one help.
func TestKeyHelp(t *testing.T) {
	t.Parallel()
	if h := CopyURL.Key().Help(); h.Key != "y" || h.Desc != "copy URL" {
		t.Errorf("CopyURL: %+v", h)
	}
	if h := Copy.Key("copy page ID").Help(); h.Key != "c" || h.Desc != "copy page ID" {
		t.Errorf("Copy with a description: %+v", h)
	}
	j := Join("", "move", PickUp, PickDown)
	if h := j.Help(); h.Key != "↑/↓" || h.Desc != "move" {
		t.Errorf("Join: %+v", h)
	}
	if got := strings.Join(j.Keys(), " "); got != "up ctrl+p down ctrl+n" {
		t.Errorf("Join keys: %s", got)
	}
	if Narrow.Key().Enabled() {
		t.Error("an action without keys makes an enabled binding")
	}
}
