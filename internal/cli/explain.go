package cli

import (
	"github.com/notion-tui/notion-tui/internal/guide"
)

// explain renders an error for stderr: the guided fix in plain text.
func explain(err error) string {
	return "notion-tui: " + guide.Diagnose(err, guide.Context{}).Text()
}
