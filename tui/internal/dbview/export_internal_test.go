package dbview

import (
	"testing"
	"time"
)

func TestDefaultExportName(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	for title, want := range map[string]string{
		"Reading List":         "reading-list-2026-11-21.csv",
		"📈 Event Log (2026)":   "event-log-2026-2026-11-21.csv",
		"":                     "export-2026-11-21.csv",
		"Café / Bücher":        "café-bücher-2026-11-21.csv",
		"--Tasks & Projects--": "tasks-projects-2026-11-21.csv",
	} {
		if got := defaultExportName(title, now, formatCSV); got != want {
			t.Errorf("defaultExportName(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestCountRowsGroupsThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{1: "1 row", 60: "60 rows", 100_000: "100,000 rows"} {
		if got := countRows(n); got != want {
			t.Errorf("countRows(%d) = %q, want %q", n, got, want)
		}
	}
}
