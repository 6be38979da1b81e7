// Command notion-tui is a terminal app for the Notion API: a setup wizard,
// a workspace explorer, page creation, guided fixes for API errors, and an
// offline sandbox.
package main

import (
	"os"

	"github.com/notion-tui/notion-tui/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], &cli.Env{}))
}
