package seqread_test

import (
	"context"
	"errors"
	"testing"

	"github.com/notion-tui/notion-tui/internal/seqread"
	"github.com/notion-tui/notion-tui/internal/testmain"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestMain(m *testing.M) { testmain.Run(m) }

func read(t *testing.T, opts notiontest.Options, p notionapi.QueryParams) (map[string]int, error) {
	t.Helper()
	srv := notiontest.Start(t, opts)
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for r, err := range seqread.Rows(context.Background(), c, notiontest.DataSourceEventLog, p) {
		if err != nil {
			return seen, err
		}
		seen[r.ID]++
	}
	return seen, nil
}

// Past the result cap, the next query starts at the last row's instant:
// every row once.
func TestRowsReadsPastTheCapOnce(t *testing.T) {
	t.Parallel()
	seen, err := read(t, notiontest.Options{Rows: 450, ResultCap: 100, ImportBatch: 20}, notionapi.QueryParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 450 {
		t.Fatalf("%d rows, want 450", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("row %s read %d times", id, n)
		}
	}
}

// More rows at one instant than a chain reaches cannot be read this way:
// the read says so instead of ending as if complete.
func TestRowsSaysWhenOneInstantHoldsMoreThanTheCap(t *testing.T) {
	t.Parallel()
	_, err := read(t, notiontest.Options{Rows: 250, ResultCap: 100, ImportBatch: 250}, notionapi.QueryParams{})
	if !errors.Is(err, notionapi.ErrResultLimit) {
		t.Fatalf("err = %v, want ErrResultLimit", err)
	}
}
