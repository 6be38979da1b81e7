package fields

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// SearchDelay is how long typing in a relation's search pauses before the
// related data source is queried.
const SearchDelay = 250 * time.Millisecond

// SearchLimit is how many pages a relation search shows.
const SearchLimit = 20

// Host is what a field's lists need from the screen that shows it: where
// relation searches go and how their answers find the field again.
type Host struct {
	Styles *styles.Styles
	Ctx    context.Context
	Client *notionapi.Client
	// Owner and Index tag search messages: the screen (or pane) and the
	// field among its fields.
	Owner  int64
	Index  int
	NextID func() int64
	// Users is the workspace's users list for people, and UsersLoading
	// says it is still being read.
	Users        []notionapi.User
	UsersLoading bool
}

// SearchTickMsg is a pause in typing a relation's search; SearchMsg is
// its answer. Both carry the owner, the field's index and the search's
// sequence number: a late answer is dropped.
type (
	SearchTickMsg struct {
		Owner, Seq int64
		Index      int
		Query      string
	}
	SearchMsg struct {
		Owner, Seq int64
		Index      int
		Pages      []notionapi.Page
		Err        error
	}
)

// PickAct is what a key did to an open list.
type PickAct int

const (
	PickNone    PickAct = iota // the list moved or filtered
	PickClosed                 // esc closed it, nothing chosen
	PickChose                  // a single choice was made; the list closed
	PickToggled                // a multiple choice's entry was toggled
	PickLeave                  // tab or shift+tab: the list closed, move on
)

// OpenPicker opens the list of a choice, people or relation field, with
// typed in its filter; a relation's list starts a search.
func (f *Field) OpenPicker(h Host, typed string) tea.Cmd {
	switch f.Kind {
	case KindChoice:
		f.Pick = NewPicker(h.Styles, OptionItems(f.Prop), false)
	case KindPeople:
		f.Pick = NewPicker(h.Styles, PersonItems(h.Users), false)
		f.Pick.Loading = h.UsersLoading
	case KindRelation:
		f.Pick = NewPicker(h.Styles, nil, true)
	default:
		return nil
	}
	f.Pick.Filter.SetValue(typed)
	f.Pick.Filter.CursorEnd()
	f.selectPicked()
	if f.Kind == KindRelation {
		return f.search(h, typed)
	}
	return nil
}

// selectPicked puts a single choice's cursor on its value.
func (f *Field) selectPicked() {
	if f.Multiple() || len(f.Picked) == 0 {
		return
	}
	for i, it := range f.Pick.Shown() {
		if it.Key == f.Picked[0] {
			f.Pick.Cursor = i
		}
	}
}

// PickKey handles a key while the list is open. PickLeave's tab or
// shift+tab is in msg for the caller to move on.
func (f *Field) PickKey(h Host, msg tea.KeyPressMsg) (tea.Cmd, PickAct) {
	p := f.Pick
	switch s := msg.String(); {
	case s == "esc":
		f.Pick = nil
		return nil, PickClosed
	case s == "tab" || s == "shift+tab":
		f.Pick = nil
		return nil, PickLeave
	case s == "up" || s == "ctrl+p":
		p.Move(-1)
		return nil, PickNone
	case s == "down" || s == "ctrl+n":
		p.Move(1)
		return nil, PickNone
	case s == "enter" || s == "space" && p.Filter.Value() == "":
		it, ok := p.Current()
		if !ok {
			return nil, PickNone
		}
		if it.New {
			f.Labels[it.Key] = it.Label
		}
		f.Toggle(it.Key, it.Label)
		if !f.Multiple() {
			f.Pick = nil
			return nil, PickChose
		}
		p.Filter.SetValue("")
		f.offerNewOption()
		return nil, PickToggled
	}
	return f.FilterPicker(h, msg), PickNone
}

// FilterPicker gives a key or a paste to the open list's filter line; a
// relation's list searches again once typing pauses.
func (f *Field) FilterPicker(h Host, msg tea.Msg) tea.Cmd {
	p := f.Pick
	before := p.Filter.Value()
	var cmd tea.Cmd
	p.Filter, cmd = p.Filter.Update(msg)
	if p.Filter.Value() == before {
		return cmd
	}
	p.Cursor = 0
	if p.Search {
		p.Seq, p.Loading = h.NextID(), true
		owner, seq, index, q := h.Owner, p.Seq, h.Index, strings.TrimSpace(p.Filter.Value())
		return tea.Batch(cmd, tea.Tick(SearchDelay, func(time.Time) tea.Msg {
			return SearchTickMsg{Owner: owner, Seq: seq, Index: index, Query: q}
		}))
	}
	f.offerNewOption()
	return cmd
}

// offerNewOption adds, at the end of a select or multi-select list, the
// entry that creates the option typed in the filter, when no option has
// that name.
func (f *Field) offerNewOption() {
	p := f.Pick
	if !f.NewOptions || f.Prop.Type == notionapi.PropStatus || f.Kind != KindChoice {
		return
	}
	p.Items = OptionItems(f.Prop)
	name := strings.TrimSpace(p.Filter.Value())
	if name == "" {
		return
	}
	if _, err := pageform.MatchOption(f.Prop, name); err == nil {
		return
	}
	if _, err := pageform.NewOption(f.Prop, name, nil); err != nil {
		return // a comma, or too long: the hint says so
	}
	p.Items = append(p.Items, Item{Key: name, Label: "+ Create “" + name + "”", New: true})
}

// filtered keeps the items that match every word of q, in any order, in
// the label or the detail; a new option's entry always shows.
func (p *Picker) filtered(q string) []Item {
	var out []Item
	for _, it := range p.Items {
		if it.New || it.Key != "" && widgets.MatchWords(q, it.Label, it.Detail) {
			out = append(out, it)
		}
	}
	return out
}

// search queries the related data source for pages whose title contains
// query.
func (f *Field) search(h Host, query string) tea.Cmd {
	f.Pick.Seq, f.Pick.Loading = h.NextID(), true
	client, ctx, prop := h.Client, h.Ctx, f.Prop
	owner, seq, index := h.Owner, f.Pick.Seq, h.Index
	return func() tea.Msg {
		pages, err := pageform.SearchRelated(ctx, client, prop, query, SearchLimit)
		return SearchMsg{Owner: owner, Seq: seq, Index: index, Pages: pages, Err: err}
	}
}

// SearchTick runs the search typing paused for, unless more was typed.
func (f *Field) SearchTick(h Host, msg SearchTickMsg) tea.Cmd {
	if f.Pick == nil || f.Pick.Seq != msg.Seq {
		return nil
	}
	return f.search(h, msg.Query)
}

// Searched takes a search's answer, unless a newer search was started.
func (f *Field) Searched(msg SearchMsg) {
	if f.Pick == nil || f.Pick.Seq != msg.Seq {
		return
	}
	f.Pick.Loading, f.Pick.Err = false, msg.Err
	f.Pick.Items = PageItems(msg.Pages)
	f.Pick.Cursor = 0
}

// UsersLoaded gives a people field the users list: the labels of its
// people, and an open list its entries.
func (f *Field) UsersLoaded(users []notionapi.User) {
	if f.Kind != KindPeople {
		return
	}
	for _, u := range users {
		f.Labels[u.ID] = widgets.OrText(u.Name, widgets.ShortID(u.ID))
	}
	if f.Pick != nil {
		f.Pick.Items, f.Pick.Loading = PersonItems(users), false
	}
}
