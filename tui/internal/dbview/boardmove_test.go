package dbview

import (
	"context"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// boardFixture is Tasks on its board view, every row loaded, the first
// card of To-do selected.
func boardFixture(t *testing.T) (*tasksFixture, string) {
	t.Helper()
	f := newTasksFixture(t)
	brd := f.views["Board"]
	f.v.applyEntry(viewEntry{notion: &brd})
	f.load()
	if c := f.v.brd.current(); c == nil || c.Label != "To-do" || len(c.Rows) == 0 {
		t.Fatalf("the board does not start on a card of To-do: %+v", c)
	}
	return f, f.v.rows[f.v.selectedRow()].id
}

// status is the Status of a page as the sandbox holds it.
func (f *tasksFixture) status(t *testing.T, id string) string {
	t.Helper()
	pg, err := f.client.GetPage(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return pg.Properties["Status"].Status.Name
}

// patches counts the updates of a page the sandbox received.
func (f *tasksFixture) patches(id string) int {
	n := 0
	for _, r := range f.srv.Requests() {
		if r.Method == http.MethodPatch && strings.ReplaceAll(r.Path, "-", "") == "/v1/pages/"+strings.ReplaceAll(id, "-", "") {
			n++
		}
	}
	return n
}

// finishMove runs a move's command (its requests to the sandbox), gives
// its answer to the view, and returns the messages that answer made.
func finishMove(t *testing.T, v *dbView, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	for _, m := range messages(cmd) {
		if done, ok := m.(moveDoneMsg); ok {
			_, after := v.Update(done)
			return messages(after)
		}
	}
	t.Fatal("the key started no move")
	return nil
}

// flashText is the text of the first flash among msgs.
func flashText(msgs []tea.Msg) (string, bool) {
	for _, m := range msgs {
		if f, ok := m.(ui.FlashMsg); ok {
			return f.Text, f.Error
		}
	}
	return "", false
}

func TestMovingACardWritesTheColumnsValueOnceAndUndoes(t *testing.T) {
	t.Parallel()
	f, id := boardFixture(t)
	v := f.v
	before := f.status(t, id)
	cmd := press(v, ">")
	// At once: the card is in the next column, selected, marked.
	if c := v.brd.current(); c.Label != "In progress" || v.rows[v.selectedRow()].id != id {
		t.Fatalf("after >: column %s, card %s", c.Label, v.rows[v.selectedRow()].id)
	}
	if v.brd.moving[id] == nil || !strings.Contains(ansi.Strip(v.View()), "saving…") {
		t.Error("the card being saved is not marked")
	}
	// A second move of the card waits for the first.
	if text, _ := flashText(messages(press(v, ">"))); !strings.Contains(text, "still being saved") {
		t.Errorf("a second move while saving: %q", text)
	}
	text, isErr := flashText(finishMove(t, v, cmd))
	if isErr || !strings.Contains(text, "to In progress · u undoes") {
		t.Errorf("flash %q (error %v)", text, isErr)
	}
	// The status group's first status, sent once.
	if got := f.status(t, id); got != "In progress" {
		t.Errorf("the page's status is %q, want In progress (was %q)", got, before)
	}
	if n := f.patches(id); n != 1 {
		t.Errorf("%d updates sent", n)
	}
	if len(v.brd.moving) != 0 || v.brd.lastMove == nil {
		t.Errorf("moving %v, last move %v", v.brd.moving, v.brd.lastMove)
	}
	// u puts it back, as it was.
	cmd = press(v, "u")
	if c := v.brd.current(); c.Label != "To-do" || v.rows[v.selectedRow()].id != id {
		t.Fatalf("after u: column %s", c.Label)
	}
	text, _ = flashText(finishMove(t, v, cmd))
	if got := f.status(t, id); got != before || !strings.Contains(text, "back to To-do") {
		t.Errorf("after undoing: status %q, want %q; flash %q", got, before, text)
	}
	if text, _ := flashText(messages(press(v, "u"))); v.brd.lastMove != nil || !strings.Contains(text, "No card move to undo") {
		t.Errorf("a second u: %q", text)
	}
}

func TestAMoveSendsNothingWhenSomeoneMovedTheCardMeanwhile(t *testing.T) {
	t.Parallel()
	f, id := boardFixture(t)
	v := f.v
	cmd := press(v, ">")
	// Someone else finishes the task before the move is checked.
	if _, err := f.client.UpdatePage(context.Background(), id, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Done")}}); err != nil {
		t.Fatal(err)
	}
	text, isErr := flashText(finishMove(t, v, cmd))
	if !isErr || !strings.Contains(text, "moved by someone else meanwhile (to Complete): nothing was sent") {
		t.Errorf("flash %q", text)
	}
	if n := f.patches(id); n != 1 {
		t.Errorf("%d updates: the move was sent over someone else's", n-1)
	}
	if got := f.status(t, id); got != "Done" {
		t.Errorf("status %q", got)
	}
	// The card shows where it is now, still selected.
	if c := v.brd.current(); c.Label != "Complete" || v.rows[v.selectedRow()].id != id || v.brd.lastMove != nil {
		t.Errorf("the card is shown in %s", c.Label)
	}
}

func TestARefusedMoveGoesBackAndALostAnswerIsNotResent(t *testing.T) {
	t.Parallel()
	f, id := boardFixture(t)
	v := f.v
	before := f.status(t, id)
	f.srv.InjectFault(notiontest.Fault{Method: http.MethodPatch, Path: "/v1/pages", Status: http.StatusBadRequest})
	msgs := finishMove(t, v, press(v, ">"))
	if len(msgs) != 1 {
		t.Fatalf("messages %+v", msgs)
	}
	if _, ok := msgs[0].(ui.ErrorMsg); !ok {
		t.Errorf("a refusal is told as %T", msgs[0])
	}
	if c := v.brd.current(); c.Label != "To-do" || v.rows[v.selectedRow()].id != id || f.status(t, id) != before {
		t.Errorf("after a refusal the card is in %s", c.Label)
	}
	// Saved, but the answer lost: read back, not sent again.
	f.srv.InjectFault(notiontest.Fault{Method: http.MethodPatch, Path: "/v1/pages", Status: http.StatusBadGateway, AfterCommit: true})
	text, isErr := flashText(finishMove(t, v, press(v, ">")))
	if isErr || !strings.Contains(text, "to In progress") || f.status(t, id) != "In progress" {
		t.Errorf("flash %q, status %q", text, f.status(t, id))
	}
	if n := f.patches(id); n != 2 {
		t.Errorf("%d updates for two moves", n)
	}
	if c := v.brd.current(); c.Label != "In progress" {
		t.Errorf("the card is shown in %s", c.Label)
	}
}

func TestMovingOnASelectBoardClearsItToTheFirstColumn(t *testing.T) {
	t.Parallel()
	f, _ := boardFixture(t)
	v := f.v
	press(v, "B") // Priority, a select
	f.load()
	press(v, "l")
	if v.brd.group.Property().Name != "Priority" || v.brd.current().Label != "P0 Critical" {
		t.Fatalf("B: by %s, on %s", v.brd.group.Property().Name, v.brd.current().Label)
	}
	id := v.rows[v.selectedRow()].id
	priority := func() *notionapi.SelectOption {
		t.Helper()
		pg, err := f.client.GetPage(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return pg.Properties["Priority"].Select
	}
	finishMove(t, v, press(v, "shift+right"))
	if got := priority(); got == nil || got.Name != "P1 High" {
		t.Errorf("priority %+v, want P1 High", got)
	}
	// To No Priority, the first column: the select is cleared.
	finishMove(t, v, press(v, "<"))
	text, _ := flashText(finishMove(t, v, press(v, "<")))
	if got := priority(); got != nil || v.brd.current().Label != "No Priority" || !strings.Contains(text, "to No Priority") {
		t.Errorf("priority %+v, column %s, flash %q", got, v.brd.current().Label, text)
	}
	if text, _ := flashText(messages(press(v, "<"))); !strings.Contains(text, "No column that way") {
		t.Errorf("< on the first column: %q", text)
	}
}

// On the board, d trashes the selected card, and u puts back the last
// change made, a trash or a card move, as the confirmation ("u puts it
// back") and the flash promise.
func TestUndoOnTheBoardPutsBackTheLastChange(t *testing.T) {
	t.Parallel()
	f, moved := boardFixture(t)
	v := f.v
	edit.UpdateProbe.Put(v.c.Cache, guide.Probe{Capability: guide.CapUpdateContent, State: guide.StateOK})
	ef := &editFixture{srv: f.srv, v: v, msgs: make(chan tea.Msg, 256)}
	before := f.status(t, moved)
	finishMove(t, v, press(v, ">"))
	press(v, "h") // back to the first column, on another card
	trashed := v.rows[v.selectedRow()].id
	if trashed == moved {
		t.Fatal("the moved card is still selected")
	}
	inTrash := func() bool {
		t.Helper()
		pg, err := f.client.GetPage(context.Background(), trashed)
		if err != nil {
			t.Fatal(err)
		}
		return pg.Trashed()
	}
	if press(v, "d"); v.ed.confirm == nil {
		t.Fatal("d did not ask on the board")
	}
	d := await[edit.DoneMsg](t, ef, press(v, "y"))
	v.Update(d)
	if d.Status != edit.Saved || !inTrash() || v.rowIndex(trashed) >= 0 {
		t.Fatalf("trash: %+v", d)
	}
	// The trash came last: u puts the card back, and leaves the move.
	d = await[edit.DoneMsg](t, ef, press(v, "u"))
	v.Update(d)
	if d.Status != edit.Saved || inTrash() || v.rowIndex(trashed) < 0 {
		t.Fatalf("u after a trash: %+v, row at %d", d, v.rowIndex(trashed))
	}
	if got := f.status(t, moved); got != "In progress" {
		t.Fatalf("u undid the move too: status %q", got)
	}
	// Then the move.
	text, _ := flashText(finishMove(t, v, press(v, "u")))
	if got := f.status(t, moved); got != before || !strings.Contains(text, "back to") {
		t.Errorf("the second u: status %q, want %q; flash %q", got, before, text)
	}
}

// The board's help lists the keys that work there: cells are edited and
// rows marked in the table.
func TestTheBoardsHelpListsOnlyItsKeys(t *testing.T) {
	t.Parallel()
	f, _ := boardFixture(t)
	seen := map[string]int{}
	for _, group := range f.v.KeyMap().FullHelp() {
		for _, b := range group {
			seen[b.Help().Key+" "+b.Help().Desc]++
		}
	}
	for k, n := range seen {
		if strings.Contains(k, "edit cell") || strings.Contains(k, "mark row") || strings.HasPrefix(k, "u ") && n > 1 {
			t.Errorf("the board's help lists %q (%d times)", k, n)
		}
	}
	for _, want := range []string{"d trash card", "u undo", "shift+→/> move card right"} {
		if seen[want] == 0 {
			t.Errorf("the board's help lacks %q: %v", want, seen)
		}
	}
}
