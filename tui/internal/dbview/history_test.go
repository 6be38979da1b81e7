package dbview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHistoryKeepsTwentyNewestFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h, err := readHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	for i := range 25 {
		if cmd := h.add("ds", query{Expr: "Pages > " + string(rune('a'+i))}, at); cmd != nil {
			cmd()
		}
	}
	if cmd := h.add("ds", query{}, at); cmd != nil {
		t.Error("an empty query is recorded")
	}
	h.add("ds", query{Expr: "Pages > w"}, at)() // again: moves to the front
	got, err := readHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	es := got.entries("ds")
	if len(es) != maxHistory {
		t.Fatalf("%d entries kept, want %d", len(es), maxHistory)
	}
	if es[0].Expr != "Pages > w" || es[1].Expr != "Pages > y" || es[19].Expr != "Pages > f" {
		t.Errorf("order %q, %q … %q", es[0].Expr, es[1].Expr, es[19].Expr)
	}
}

func TestHistoryUnreadableFileIsReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, HistoryFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := readHistory(dir)
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("error %v, want one saying the file is not JSON", err)
	}
	h.add("ds", query{Expr: "Done"}, time.Now())()
	if got, err := readHistory(dir); err != nil || len(got.entries("ds")) != 1 {
		t.Errorf("the file was not replaced: %v", err)
	}
}
