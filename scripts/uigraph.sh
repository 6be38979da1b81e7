#!/bin/sh
# uigraph.sh prints the import graph of the UI packages (tui and
# tui/internal/...) from go list: one line per package, "importer ->
# imported, ...", names relative to tui/internal. docs/ARCHITECTURE.md
# shows its output.
set -eu
cd "$(dirname "$0")/.."
go list -f '{{.ImportPath}}{{range .Imports}} {{.}}{{end}}' ./tui/... |
	sed 's|github.com/notion-tui/notion-tui/tui/internal/||g; s|github.com/notion-tui/notion-tui/tui|tui|g' |
	awk '{ ui[$1] = 1; line[NR] = $0 }
	END {
		for (n = 1; n <= NR; n++) {
			split(line[n], f, " "); out = ""
			for (i = 2; i in f; i++) if (f[i] in ui) out = out (out == "" ? "" : ", ") f[i]
			if (out != "") print f[1] " -> " out
		}
	}'
