package notionapi_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// TestDemoGoSnippetCallsTheClientAsItIs: the demo workspace's Getting
// started page shows Go code that uses this package, and a newcomer
// copies it. Every method it calls on the client must be one *Client has.
func TestDemoGoSnippetCallsTheClientAsItIs(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := newClient(t, srv, notiontest.TokenFull)
	client := reflect.TypeOf(c)
	snippets := 0
	for b, err := range c.ListBlockChildrenAll(context.Background(), notiontest.PageGettingStarted) {
		if err != nil {
			t.Fatal(err)
		}
		if b.Type != notionapi.BlockCode || b.Text() == nil || b.Text().Language != "go" {
			continue
		}
		snippets++
		src := b.Text().RichText.Plain()
		f, err := parser.ParseFile(token.NewFileSet(), "snippet.go", src, 0)
		if err != nil {
			t.Fatalf("the snippet does not parse: %v\n%s", err, src)
		}
		// The variables assigned from notionapi.NewClient are clients.
		clients := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
				if call, ok := as.Rhs[0].(*ast.CallExpr); ok && selectorName(call.Fun) == "notionapi.NewClient" {
					clients[as.Lhs[0].(*ast.Ident).Name] = true
				}
			}
			return true
		})
		if len(clients) == 0 {
			t.Fatalf("the snippet makes no client:\n%s", src)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && clients[x.Name] {
				if _, ok := client.MethodByName(sel.Sel.Name); !ok {
					t.Errorf("the snippet calls %s.%s, which *notionapi.Client does not have", x.Name, sel.Sel.Name)
				}
			}
			return true
		})
	}
	if snippets == 0 {
		t.Fatal("no Go snippet on the Getting started page")
	}
}

func selectorName(e ast.Expr) string {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			return x.Name + "." + sel.Sel.Name
		}
	}
	return ""
}
