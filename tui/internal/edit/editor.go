package edit

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Editor edits one property of a page (or of several marked rows) with
// the new-page form's editors, in a panel: a line, an area, or a list to
// pick from, open at once. It only says what to save; the screen begins
// the edit.
type Editor struct {
	c      *ui.Common
	id     int64
	field  *fields.Field
	target string // "“Fix login”", "12 rows"
	// initial is what the field held when opened: saving it unchanged
	// sends nothing.
	initial string
	// many is set when the value is for several rows (ForMany).
	many bool
	// note warns before anything is typed: formatting that plain text
	// replaces, a value refused before.
	note  string
	users []notionapi.User
	// usersLoading says the users list is on its way; usersErr says why
	// it cannot be read (people are then typed as user IDs).
	usersLoading bool
	usersErr     error
	w, h         int
	keys         editorKeys
}

type editorKeys struct {
	Save, SaveAny, Cancel, Toggle, Choose key.Binding
	PickMove, PickChoose, PickToggle      key.Binding
}

func newEditorKeys() editorKeys {
	return editorKeys{
		Save:       keymap.Submit.Key("save"),
		SaveAny:    keymap.Save.Key("save"),
		Cancel:     keymap.Cancel.Key(),
		Toggle:     keymap.Toggle.Key(),
		Choose:     keymap.Next.Key("choose"),
		PickMove:   keymap.Join("↑/↓", "move", keymap.PickUp, keymap.PickDown),
		PickChoose: keymap.Choose.Key("save"),
		PickToggle: keymap.Join("space/enter", "toggle", keymap.Toggle, keymap.Choose),
	}
}

// Action is what a key did in the editor.
type Action int

const (
	ActNone   Action = iota
	ActSave          // save Value()
	ActCancel        // close, send nothing
)

// NewEditor opens the editor of prop on current, the value as the screen
// shows it, for target (the page's title in quotes, or "12 rows"). draft,
// when not empty, is text typed before and refused: it is offered again,
// with the reason in note.
func NewEditor(c *ui.Common, prop notionapi.PropertySchema, current notionapi.PropertyValue, target string, users []notionapi.User) *Editor {
	e := &Editor{c: c, id: c.NextID(), field: fields.New(c.Styles, prop), target: target, users: users, keys: newEditorKeys()}
	e.field.NewOptions = true
	Fill(e.field, current, users)
	if t := c.Titles(); t != nil && e.field.Kind == fields.KindRelation {
		// Related pages by the titles the table drew, not their IDs.
		for _, id := range e.field.Picked {
			if title, ok := t.Title(id); ok && title != "" {
				e.field.Labels[id] = title
			}
		}
	}
	e.initial = e.snapshot()
	if formatted(current) {
		e.note = "This text has formatting (styles, links or mentions); saving replaces it with plain text."
	}
	if users == nil && e.field.Kind == fields.KindPeople {
		e.usersLoading = true
	}
	return e
}

// ForMany makes the editor's value one for several rows: saving the value
// it opened with is a change too (other rows hold other values).
func (e *Editor) ForMany() { e.many = true }

// Offer puts back text typed before, with why it was not saved.
func (e *Editor) Offer(text, why string) {
	e.field.SetText(text, nil)
	e.note = "Your last value is back: " + why
}

// Property is the property being edited.
func (e *Editor) Property() notionapi.PropertySchema { return e.field.Prop }

// Text is what the field holds, as typed.
func (e *Editor) Text() string { return e.field.Text() }

// snapshot is the field's state, to tell a change.
func (e *Editor) snapshot() string {
	s := e.field.Text()
	if e.field.Kind == fields.KindCheck && e.field.On {
		s = "yes"
	}
	return s
}

// Changed reports whether the field holds something else than at opening.
func (e *Editor) Changed() bool { return e.snapshot() != e.initial }

// Init focuses the field and opens a list at once; people wait for the
// users list when it is loading (UsersLoaded).
func (e *Editor) Init() tea.Cmd {
	cmd := e.field.Focus()
	switch e.field.Kind {
	case fields.KindChoice, fields.KindRelation, fields.KindPeople:
		open := e.field.OpenPicker(e.host(), "")
		e.field.SetWidth(widgets.PanelWidth(e.w) - 6)
		return tea.Batch(cmd, open)
	}
	return cmd
}

func (e *Editor) host() fields.Host {
	return fields.Host{
		Styles: e.c.Styles, Ctx: e.c.Ctx, Client: e.c.Client(), Owner: e.id, Index: 0, NextID: e.c.NextID,
		Users: e.users, UsersLoading: e.usersLoading,
	}
}

// UsersLoaded gives the editor the users list.
func (e *Editor) UsersLoaded(users []notionapi.User) {
	e.users, e.usersLoading = users, false
	e.field.UsersLoaded(users)
}

// UsersFailed tells the editor that the users list cannot be read: a
// people field then takes user IDs, and says why, rather than wait for a
// list that will not come.
func (e *Editor) UsersFailed(err error) tea.Cmd {
	e.usersLoading, e.usersErr = false, e.c.UsersReason(err)
	if e.field.Kind != fields.KindPeople {
		return nil
	}
	e.field.UsePeopleIDs(e.c.Styles)
	e.field.SetWidth(widgets.PanelWidth(e.w) - 6)
	return e.field.Focus()
}

// LoadUsers asks for the users list the people field waits for, answered
// to UsersAnswer; nil when it waits for none (the screen may also give
// the list it reads itself to UsersLoaded or UsersFailed).
func (e *Editor) LoadUsers() tea.Cmd {
	if !e.usersLoading {
		return nil
	}
	return e.c.LoadUsers(e.c.Ctx, e.id)
}

// UsersAnswer takes the answer to LoadUsers; false for another's.
func (e *Editor) UsersAnswer(msg ui.UsersMsg) (tea.Cmd, bool) {
	if msg.Req != e.id {
		return nil, false
	}
	if msg.Err != nil {
		return e.UsersFailed(msg.Err), true
	}
	e.UsersLoaded(msg.Users)
	return nil, true
}

// Env is what parsing needs.
func (e *Editor) Env() pageform.Env {
	return pageform.Env{Now: e.c.Now(), Users: e.users, UsersErr: e.usersErr}
}

// Value is the value to save.
func (e *Editor) Value() (notionapi.PropertyValue, error) { return Value(e.field, e.Env()) }

// Update handles a key, a paste or a search answer.
func (e *Editor) Update(msg tea.Msg) (tea.Cmd, Action) {
	f := e.field
	switch msg := msg.(type) {
	case fields.SearchTickMsg:
		if msg.Owner == e.id {
			return f.SearchTick(e.host(), msg), ActNone
		}
	case fields.SearchMsg:
		if msg.Owner == e.id {
			f.Searched(msg)
		}
	case tea.PasteMsg:
		if f.Pick != nil {
			return f.FilterPicker(e.host(), msg), ActNone
		}
		return f.Edit(msg), ActNone
	case tea.KeyPressMsg:
		return e.key(msg)
	}
	return nil, ActNone
}

func (e *Editor) key(msg tea.KeyPressMsg) (tea.Cmd, Action) {
	f, k := e.field, e.keys
	if key.Matches(msg, k.SaveAny) {
		f.Pick = nil
		return nil, e.save()
	}
	if f.Pick != nil {
		cmd, act := f.PickKey(e.host(), msg)
		switch act {
		case fields.PickChose:
			return cmd, e.save()
		case fields.PickClosed, fields.PickLeave:
			if !f.Multiple() {
				return cmd, ActCancel
			}
		}
		return cmd, ActNone
	}
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, ActCancel
	case f.Kind == fields.KindCheck && key.Matches(msg, k.Toggle):
		f.On = !f.On
		return nil, ActNone
	case f.Kind == fields.KindArea:
		return f.Edit(msg), ActNone
	case key.Matches(msg, k.Save):
		return nil, e.save()
	case f.Kind == fields.KindChoice || f.Kind == fields.KindPeople || f.Kind == fields.KindRelation:
		if msg.Text != "" || key.Matches(msg, k.Choose) {
			typed := msg.Text
			if key.Matches(msg, k.Choose) {
				typed = ""
			}
			cmd := f.OpenPicker(e.host(), typed)
			f.SetWidth(widgets.PanelWidth(e.w) - 6)
			return cmd, ActNone
		}
		return nil, ActNone
	}
	return f.Edit(msg), ActNone
}

// save checks the value: a mistake stays in the editor with what was
// typed; an unchanged value closes it.
func (e *Editor) save() Action {
	if !e.many && !e.Changed() {
		return ActCancel
	}
	_, err := e.Value()
	e.field.Err = err
	if err != nil {
		return ActNone
	}
	return ActSave
}

// Capturing is true while letters are typed into the field.
func (e *Editor) Capturing() bool { return true }

// SetSize gives the editor the room of the screen it covers.
func (e *Editor) SetSize(w, h int) {
	e.w, e.h = w, h
	e.field.SetWidth(widgets.PanelWidth(w) - 6)
}

// View draws the editor's panel.
func (e *Editor) View() string {
	st := e.c.Styles
	w := widgets.PanelWidth(e.w)
	inner := w - 4
	p := e.field.Prop
	title := st.PanelTitle.Render("Edit "+p.Name) + st.Muted.Render(" · "+pageform.TypeLabel(p)+" · "+e.target)
	lines := []string{widgets.Truncate(title, inner)}
	env := fields.ViewEnv{
		Styles: st, Parse: e.Env(), UsersLoading: e.usersLoading,
		Rows: min(fields.PickRows, max(3, e.h-10)),
	}
	lines = append(lines, e.field.ValueLines(env, true, inner)...)
	lines = append(lines, e.field.NoteLines(env, true, inner)...)
	if e.note != "" {
		lines = append(lines, fields.WrapLines(st.Warning.Render(e.note), inner)...)
	}
	for i, l := range lines {
		lines[i] = widgets.FitWidth(l, inner)
	}
	return st.PanelFocus.Width(w).Render(strings.Join(lines, "\n"))
}

// KeyMap lists the editor's keys in its state.
func (e *Editor) KeyMap() help.KeyMap {
	f, k := e.field, e.keys
	switch {
	case f.Pick != nil && f.Multiple():
		return ui.KeyMapOf([]key.Binding{k.PickMove, k.PickToggle, k.SaveAny, k.Cancel})
	case f.Pick != nil:
		return ui.KeyMapOf([]key.Binding{k.PickMove, k.PickChoose, k.Cancel})
	case f.Kind == fields.KindCheck:
		return ui.KeyMapOf([]key.Binding{k.Toggle, k.Save, k.Cancel})
	case f.Kind == fields.KindArea:
		return ui.KeyMapOf([]key.Binding{k.SaveAny, k.Cancel})
	case f.Kind == fields.KindChoice || f.Kind == fields.KindPeople || f.Kind == fields.KindRelation:
		return ui.KeyMapOf([]key.Binding{k.Choose, k.Save, k.Cancel})
	}
	return ui.KeyMapOf([]key.Binding{k.Save, k.Cancel})
}

// Target names a page for the editor and messages: its title in quotes.
func Target(title string) string { return "“" + textutil.SafeLine(widgets.OrUntitled(title)) + "”" }
