package widgets

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

func TestFuzzyScoreRanksWholeWordsFirst(t *testing.T) {
	t.Parallel()
	if FuzzyScore("xyz", "Reading List") != 0 {
		t.Error("letters not in the text matched")
	}
	if FuzzyScore("lr", "Reading List") != 0 {
		t.Error("letters out of order matched")
	}
	if FuzzyScore("", "anything") == 0 {
		t.Error("an empty query matches nothing")
	}
	// The query in one piece, even after a scattered first match, beats
	// letters spread over words.
	for _, tt := range []struct{ q, better, worse string }{
		{"read", "Export ready", "Refactor dark mode"},
		{"read", "Reading List", "Export ready"},
		{"READ", "reading list", "Refactor dark mode"},
		{"rl", "Reading List", "Refactor all"},
		{"api", "API v3", "Rapid import"},
	} {
		b, w := FuzzyScore(tt.q, tt.better), FuzzyScore(tt.q, tt.worse)
		if b <= w || w == 0 {
			t.Errorf("%q: %q scores %d, %q %d", tt.q, tt.better, b, tt.worse, w)
		}
	}
}

func TestRelationTextByTitle(t *testing.T) {
	t.Parallel()
	refs := []notionapi.ObjectRef{{ID: "c7bfcaae-81da-47a9-83ff-81fd4c1b606c"}, {ID: "11111111-2222-3333-4444-555555555555"}}
	if got := RelationText(refs, false, nil); got != "c7bfcaae, 11111111" {
		t.Errorf("without titles: %q", got)
	}
	title := func(id string) string {
		if strings.HasPrefix(id, "c7") {
			return "Platform Reliability"
		}
		return "…"
	}
	if got := RelationText(refs, true, title); got != "Platform Reliability, …, …" {
		t.Errorf("with titles and more: %q", got)
	}
}

func TestTableCellFocusScrollsAndMarks(t *testing.T) {
	t.Parallel()
	tb, _ := gridTable(10, 12, 40, 6)
	tb.SetCellFocus(true)
	tb.Update(uitest.Key("right"))
	tb.Update(uitest.Key("right"))
	if tb.Col() != 2 {
		t.Fatalf("→ twice focused column %d", tb.Col())
	}
	tb.SetCol(11)
	if !strings.Contains(ansi.Strip(tb.View()), "r0c11") {
		t.Errorf("the focused last column is not drawn:\n%s", ansi.Strip(tb.View()))
	}
	tb.SetCol(99)
	if tb.Col() != 11 {
		t.Errorf("SetCol past the end: %d", tb.Col())
	}
	first, last := tb.Visible()
	if first != 0 || last != 4 {
		t.Errorf("visible rows %d–%d, want 0–4", first, last)
	}
	// Marked rows are drawn apart from the others (in colour).
	st := styles.New(true, false)
	g := &gridData{rows: 3, cols: 2}
	tc := NewTable(st, 1)
	tc.SetColumns([]Column{{Title: "A", Width: 6}, {Title: "B", Width: 6}})
	tc.SetData(g)
	tc.SetSize(30, 4)
	plain := strings.Split(tc.View(), "\n")[2]
	tc.SetMarked(func(r int) bool { return r == 1 })
	if marked := strings.Split(tc.View(), "\n")[2]; marked == plain || strings.TrimSpace(ansi.Strip(marked)) != strings.TrimSpace(ansi.Strip(plain)) {
		t.Errorf("a marked row is not drawn apart:\n%q\n%q", plain, marked)
	}
}

func TestRecordsAsCSVJSONMarkdown(t *testing.T) {
	t.Parallel()
	g := &gridData{rows: 3, cols: 2}
	r := RecordsOf(g, []Column{{Title: "Name"}, {Title: "Note"}}, []int{0, 2})
	r.IDs = []string{"id0", "id2"}
	r.URLs = []string{"https://www.notion.so/id0", "https://www.notion.so/id2"}
	if got, want := r.CSV(), "Name,Note,ID,URL\nr0c0,r0c1,id0,https://www.notion.so/id0\nr2c0,r2c1,id2,https://www.notion.so/id2\n"; got != want {
		t.Errorf("CSV:\n%s\nwant\n%s", got, want)
	}
	var objs []map[string]string
	if err := json.Unmarshal([]byte(r.JSON()), &objs); err != nil || len(objs) != 2 || objs[1]["Note"] != "r2c1" || objs[0]["id"] != "id0" {
		t.Errorf("JSON %v: %s", err, r.JSON())
	}
	one := RecordsOf(g, []Column{{Title: "Name"}}, []int{1})
	var obj map[string]string
	if err := json.Unmarshal([]byte(one.JSON()), &obj); err != nil || obj["Name"] != "r1c0" {
		t.Errorf("one row is not one object (%v): %s", err, one.JSON())
	}
	pipes := Records{Header: []string{"A|B"}, Rows: [][]string{{"x|y\nz"}}}
	if got, want := pipes.Markdown(), "| A\\|B |\n| --- |\n| x\\|y z |\n"; got != want {
		t.Errorf("Markdown:\n%q\nwant\n%q", got, want)
	}
}

func TestKeyMenuPicksByKeyAndCloses(t *testing.T) {
	t.Parallel()
	m := &KeyMenu{Title: "Copy", Items: []KeyItem{{Key: "c", Label: "cell"}, {Key: "r", Label: "row"}}}
	if i, cancel := m.Update(uitest.Key("r")); i != 1 || cancel {
		t.Errorf("r: %d %v", i, cancel)
	}
	if i, cancel := m.Update(uitest.Key("z")); i != -1 || !cancel {
		t.Errorf("a stray key: %d %v", i, cancel)
	}
}
