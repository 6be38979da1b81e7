// Package keymap is the app's key registry: one table of every key the
// app answers to, each with its one meaning. Screens build their bindings
// from it (keymap.CopyURL.Key()), the router draws the help line and the
// ? overlay from it, and the README's keys table is generated from it
// (TestREADMEKeysTable), so that a key means the same on every screen.
//
// A key may be reused only in a modal section (a text field, a list to
// pick from, a question), where the screen takes the keys for itself;
// TestOneKeyOneMeaning fails the build of the tests otherwise.
package keymap

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// Section is where a key works.
type Section int

const (
	// Everywhere: the router's keys, on every screen, unless a text
	// field has focus.
	Everywhere Section = iota
	// Always: even while typing.
	Always
	// Moving in lists, tables and pages.
	Moving
	// Acting on what is selected or shown.
	Acting
	// Typing: while a text field has focus (the screen is capturing).
	Typing
	// Picking: in an open list to pick from (a picker).
	Picking
	// Asking: while the screen asks a yes-or-no question.
	Asking
	// Panel: in a panel that sets up the table (the column chooser, the
	// views picker), which takes the keys for itself.
	Panel
)

// Title is the section's heading in the README and the ? overlay.
func (s Section) Title() string {
	return [...]string{
		Everywhere: "Everywhere",
		Always:     "Always, even in a text field",
		Moving:     "Moving in lists, tables and pages",
		Acting:     "On what is selected or shown",
		Typing:     "In a text field",
		Picking:    "In a list to pick from",
		Asking:     "When asked a question",
		Panel:      "In the column chooser and the views picker",
	}[s]
}

// Modal reports whether the section's keys replace the others' while it
// lasts, so that its keys may mean something else elsewhere.
func (s Section) Modal() bool { return s >= Typing }

// Action is one row of the key map.
type Action int

// Entry is what the table says of an action.
type Entry struct {
	// Keys are the key names Bubble Tea reports ("enter", "ctrl+s", "?").
	Keys []string
	// Label shows the keys in the help line ("↑/k").
	Label string
	// Does is the action's one meaning, as the help line says it.
	Does string
	// Where says where it works, for the README and the ? overlay.
	Where   string
	Section Section
	// Planned names the feature that will answer to the key; the key is
	// kept for it and shown neither in the README nor in ?.
	Planned string
	// Soon is where else the key will work once a feature lands, for the
	// engineers' copy of the table only.
	Soon string
}

// The actions, in the order of the table.
const (
	Help Action = iota
	Quit
	Back
	RequestLog
	Jump
	VisitBack
	VisitForward

	ForceQuit
	HelpTyping

	Up
	Down
	PageUp
	PageDown
	HalfUp
	HalfDown
	Top
	Bottom
	Left
	Right
	Tabs
	NextTab
	PrevTab

	Open
	OpenBrowser
	Copy
	CopyURL
	CopyAs
	Refresh
	Filter
	Find
	FindNext
	FindPrev
	Follow
	ShowMarkdown
	Comments
	Sort
	RawFilter
	History
	Request
	Schema
	Export
	New
	Add
	Remove
	MoveDown
	MoveUp
	Token
	Version
	Edit
	Flip
	Undo
	ErrorsOnly
	Views
	Board
	Table
	EmptyGroups
	Columns
	MoveLeft
	MoveRight

	Submit
	Cancel
	NextField
	PrevField
	Previous
	Next
	Save
	Format
	Clear
	Erase

	Narrow
	PickUp
	PickDown
	Toggle
	Choose
	Close

	Yes
	No

	ShowHide
	Narrower
	Wider
	FitWidth
	Wrap
	Reset
	SaveView

	numActions
)

// table is the key map: the one place that says which key does what.
var table = [numActions]Entry{
	Help:         {Keys: []string{"?"}, Label: "?", Does: "all keys", Where: "every screen", Section: Everywhere},
	Quit:         {Keys: []string{"q"}, Label: "q", Does: "quit", Where: "every screen", Section: Everywhere},
	Back:         {Keys: []string{"esc"}, Label: "esc", Does: "back", Where: "closes a panel, cancels, or leaves the screen", Section: Everywhere},
	RequestLog:   {Keys: []string{"L"}, Label: "L", Does: "request log", Where: "every screen", Section: Everywhere},
	Jump:         {Keys: []string{":"}, Label: ":", Does: "jump to…", Where: "every screen: recent pages and views, titles already loaded, the workspace's search, users and commands; a pasted link or ID opens at once", Section: Everywhere},
	VisitBack:    {Keys: []string{"["}, Label: "[", Does: "previous page visited", Where: "every screen: back through the pages and views visited, as a browser does", Section: Everywhere},
	VisitForward: {Keys: []string{"]"}, Label: "]", Does: "next page visited", Where: "every screen: forward again, even to a page esc closed", Section: Everywhere},

	ForceQuit:  {Keys: []string{"ctrl+c"}, Label: "ctrl+c", Does: "quit now", Where: "every screen", Section: Always},
	HelpTyping: {Keys: []string{"ctrl+g", "f1"}, Label: "ctrl+g", Does: "all keys", Where: "every screen; in a text field, where ? is typed", Section: Always},

	Up:       {Keys: []string{"up", "k"}, Label: "↑/k", Does: "up", Where: "lists, tables, pages, panels", Section: Moving},
	Down:     {Keys: []string{"down", "j"}, Label: "↓/j", Does: "down", Where: "lists, tables, pages, panels", Section: Moving},
	PageUp:   {Keys: []string{"pgup"}, Label: "pgup", Does: "page up", Where: "lists, tables, pages, panels", Section: Moving},
	PageDown: {Keys: []string{"pgdown"}, Label: "pgdn", Does: "page down", Where: "lists, tables, pages, panels", Section: Moving},
	HalfUp:   {Keys: []string{"ctrl+u"}, Label: "ctrl+u", Does: "half page up", Where: "lists, tables, pages", Section: Moving},
	HalfDown: {Keys: []string{"ctrl+d"}, Label: "ctrl+d", Does: "half page down", Where: "lists, tables, pages", Section: Moving},
	Top:      {Keys: []string{"g", "home"}, Label: "g/home", Does: "top", Where: "lists, tables, pages, panels", Section: Moving},
	Bottom:   {Keys: []string{"G", "end"}, Label: "G/end", Does: "bottom", Where: "lists, tables, pages, panels", Section: Moving},
	Left:     {Keys: []string{"left", "h"}, Label: "←/h", Does: "left", Where: "tables: the cell cursor (the columns scroll to keep it in view); a board: the column", Section: Moving},
	Right:    {Keys: []string{"right", "l"}, Label: "→/l", Does: "right", Where: "tables: the cell cursor (the columns scroll to keep it in view); a board: the column", Section: Moving},
	Tabs:     {Keys: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, Label: "1-9", Does: "go to tab", Where: "screens with tabs (home: 1 Databases, 2 Pages, 3 Users)", Section: Moving},
	NextTab:  {Keys: []string{"tab"}, Label: "tab", Does: "next tab", Where: "screens with tabs", Section: Moving},
	PrevTab:  {Keys: []string{"shift+tab"}, Label: "shift+tab", Does: "previous tab", Where: "screens with tabs", Section: Moving},

	Open:         {Keys: []string{"enter"}, Label: "enter", Does: "open", Where: "lists and tables: the selected row; elsewhere the screen's main action", Section: Acting},
	OpenBrowser:  {Keys: []string{"o"}, Label: "o", Does: "open in browser", Where: "a page, a created page, a guided fix's settings page, a sign-in link, every row of a list or table", Section: Acting},
	Copy:         {Keys: []string{"c"}, Label: "c", Does: "copy ID", Where: "the ID of what is selected; the request log copies the request as curl, a JSON panel its JSON", Section: Acting},
	CopyURL:      {Keys: []string{"y"}, Label: "y", Does: "copy URL", Where: "a page, a created page, a sign-in link, every row of a list or table", Section: Acting},
	CopyAs:       {Keys: []string{"Y"}, Label: "Y", Does: "copy as…", Where: "the focused cell, the row or the marked rows as CSV, JSON or Markdown; a list's row", Section: Acting},
	Refresh:      {Keys: []string{"r"}, Label: "r", Does: "refresh", Where: "reads again what the screen shows; retries what failed", Section: Acting},
	Filter:       {Keys: []string{"/"}, Label: "/", Does: "filter", Where: "lists narrow, a table opens its filter line, Pages searches titles", Section: Acting},
	Find:         {Keys: []string{"ctrl+f"}, Label: "ctrl+f", Does: "find in loaded rows", Where: "a table: the rows already loaded, without a query", Section: Acting},
	FindNext:     {Keys: []string{"ctrl+n"}, Label: "ctrl+n", Does: "next match", Where: "a table after a find", Section: Acting},
	FindPrev:     {Keys: []string{"ctrl+p"}, Label: "ctrl+p", Does: "previous match", Where: "a table after a find", Section: Acting},
	Follow:       {Keys: []string{"f"}, Label: "f", Does: "follow", Where: "a table: the focused cell's related page, URL or title; a page: a related page, mention, link, child page or database", Section: Acting},
	ShowMarkdown: {Keys: []string{"M"}, Label: "M", Does: "Markdown/blocks", Where: "a page: Notion's Markdown of the page, or its blocks", Section: Acting},
	Comments:     {Keys: []string{"m"}, Label: "m", Does: "comments", Where: "a page: its comments, to read and add", Section: Acting},
	Sort:         {Keys: []string{"s"}, Label: "s", Does: "sort", Where: "a table", Section: Acting},
	RawFilter:    {Keys: []string{"F"}, Label: "F", Does: "raw JSON filter", Where: "a table", Section: Acting},
	History:      {Keys: []string{"H"}, Label: "H", Does: "earlier queries", Where: "a table", Section: Acting},
	Request:      {Keys: []string{"R"}, Label: "R", Does: "request JSON", Where: "a table: the query it sends, to read and copy", Section: Acting},
	Schema:       {Keys: []string{"i"}, Label: "i", Does: "schema", Where: "a table", Section: Acting},
	Export:       {Keys: []string{"x"}, Label: "x", Does: "export", Where: "a table: CSV or JSON; a page: Markdown with its properties as front matter", Section: Acting},
	New:          {Keys: []string{"n"}, Label: "n", Does: "new page", Where: "a table, a created page", Section: Acting},
	Add:          {Keys: []string{"a"}, Label: "a", Does: "add", Where: "the sorts editor; comments: a new discussion", Section: Acting},
	Remove:       {Keys: []string{"d", "delete"}, Label: "d", Does: "remove", Where: "the sorts editor: the selected sort; a table's row (or the marked rows), a board's card or a page: to the trash, asking first; a page in the trash: restore it", Section: Acting},
	MoveDown:     {Keys: []string{"J", "shift+down"}, Label: "J", Does: "move down", Where: "the sorts editor and the column chooser: the selected line", Section: Acting},
	MoveUp:       {Keys: []string{"K", "shift+up"}, Label: "K", Does: "move up", Where: "the sorts editor and the column chooser: the selected line", Section: Acting},
	Token:        {Keys: []string{"t"}, Label: "t", Does: "enter another token", Where: "the startup screen, a guided fix", Section: Acting},
	Version:      {Keys: []string{"V"}, Label: "V", Does: "pick a Notion-Version", Where: "a guided fix", Section: Acting},
	Edit:         {Keys: []string{"e"}, Label: "e", Does: "edit", Where: "the focused cell of a table (a checkbox toggles; with marked rows, the column of all of them), a property of a page; a form whose answer was lost: back to its fields", Section: Acting},
	Flip:         {Keys: []string{"space"}, Label: "space", Does: "toggle", Where: "the sorts editor: ascending or descending; a row of a table: marked or not, for copy as… or a change to several at once", Section: Acting},
	Undo:         {Keys: []string{"u"}, Label: "u", Does: "undo", Where: "the last change or trash of the session, several levels; a board: the last card moved, or a change made after it", Section: Acting},
	ErrorsOnly:   {Keys: []string{"E"}, Label: "E", Does: "errors only", Where: "the request log: only the requests that failed, and back", Section: Acting},
	Views:        {Keys: []string{"v"}, Label: "v", Does: "views", Where: "a table: Notion's views of the database and the ones saved here", Section: Acting},
	Board:        {Keys: []string{"B"}, Label: "B", Does: "board", Where: "a table: show it as a board; on a board, group by the next property", Section: Acting},
	Table:        {Keys: []string{"T"}, Label: "T", Does: "table", Where: "a board: back to the table", Section: Acting},
	EmptyGroups:  {Keys: []string{"z"}, Label: "z", Does: "empty columns", Where: "a board: show or hide the columns without cards", Section: Acting},
	Columns:      {Keys: []string{"C"}, Label: "C", Does: "columns", Where: "a table: show, hide, order and size columns", Section: Acting},
	MoveLeft:     {Keys: []string{"shift+left", "<"}, Label: "shift+←/<", Does: "move left", Where: "a board: the card to the column on the left", Section: Acting},
	MoveRight:    {Keys: []string{"shift+right", ">"}, Label: "shift+→/>", Does: "move right", Where: "a board: the card to the column on the right", Section: Acting},

	Submit:    {Keys: []string{"enter"}, Label: "enter", Does: "run", Where: "runs a query, goes on to the next step, or confirms", Section: Typing},
	Cancel:    {Keys: []string{"esc"}, Label: "esc", Does: "cancel", Where: "leaves the field (the form keeps a draft)", Section: Typing},
	NextField: {Keys: []string{"tab"}, Label: "tab", Does: "next field", Where: "forms; the export switches CSV and JSON", Section: Typing},
	PrevField: {Keys: []string{"shift+tab"}, Label: "shift+tab", Does: "previous field", Where: "forms", Section: Typing},
	Previous:  {Keys: []string{"up"}, Label: "↑", Does: "previous", Where: "the filter line: an older query; forms: the field above", Section: Typing},
	Next:      {Keys: []string{"down"}, Label: "↓", Does: "next", Where: "the filter line: a newer query; forms: the field below", Section: Typing},
	Save:      {Keys: []string{"ctrl+s"}, Label: "ctrl+s", Does: "save", Where: "creates the page of a form, runs the raw JSON filter", Section: Typing},
	Format:    {Keys: []string{"ctrl+f"}, Label: "ctrl+f", Does: "format", Where: "the raw JSON filter", Section: Typing},
	Clear:     {Keys: []string{"ctrl+u"}, Label: "ctrl+u", Does: "clear", Where: "a one-line field: what is before the cursor", Section: Typing},
	Erase:     {Keys: []string{"backspace", "delete"}, Label: "backspace", Does: "delete", Where: "a character; in a choice field, the last choice", Section: Typing},

	Narrow:   {Label: "type", Does: "narrow", Where: "words in any order, each found in the name or its detail", Section: Picking},
	PickUp:   {Keys: []string{"up", "ctrl+p"}, Label: "↑", Does: "up", Where: "every list to pick from", Section: Picking},
	PickDown: {Keys: []string{"down", "ctrl+n"}, Label: "↓", Does: "down", Where: "every list to pick from", Section: Picking},
	Toggle:   {Keys: []string{"space"}, Label: "space", Does: "toggle", Where: "a list of several choices, while nothing is typed (after a word, space separates words)", Section: Picking},
	Choose:   {Keys: []string{"enter"}, Label: "enter", Does: "choose", Where: "picks the item and closes the list; in a list of several choices, toggles it", Section: Picking},
	Close:    {Keys: []string{"esc"}, Label: "esc", Does: "close", Where: "closes the list (choices made are kept)", Section: Picking},

	Yes: {Keys: []string{"y"}, Label: "y", Does: "yes", Where: "overwrite a file, restore a draft, confirm a change", Section: Asking},
	No:  {Keys: []string{"n"}, Label: "n", Does: "no", Where: "keep the file, discard the draft, cancel", Section: Asking},

	ShowHide: {Keys: []string{"space", "x"}, Label: "space", Does: "show/hide", Where: "the column chooser: the selected column", Section: Panel},
	Narrower: {Keys: []string{"left", "h", "-"}, Label: "←/-", Does: "narrower", Where: "the column chooser: the selected column", Section: Panel},
	Wider:    {Keys: []string{"right", "l", "+", "="}, Label: "→/+", Does: "wider", Where: "the column chooser: the selected column", Section: Panel},
	FitWidth: {Keys: []string{"a"}, Label: "a", Does: "fit width", Where: "the column chooser: the selected column fits its content", Section: Panel},
	Wrap:     {Keys: []string{"w"}, Label: "w", Does: "wrap cells", Where: "the column chooser: long cells wrap over several lines", Section: Panel},
	Reset:    {Keys: []string{"r"}, Label: "r", Does: "reset", Where: "the column chooser: the columns as the view has them", Section: Panel},
	SaveView: {Keys: []string{"S"}, Label: "S", Does: "save as a view", Where: "the views picker: what is shown, under a name", Section: Panel},
}

// Entry returns the action's row of the table.
func (a Action) Entry() Entry { return table[a] }

// Key returns the action's binding. does, when given, says what the key
// does here in the action's meaning ("copy page ID" for Copy); without
// it the help says the table's words.
func (a Action) Key(does ...string) key.Binding {
	e := table[a]
	d := e.Does
	if len(does) > 0 {
		d = does[0]
	}
	if len(e.Keys) == 0 {
		return key.NewBinding(key.WithHelp(e.Label, d), key.WithDisabled())
	}
	return key.NewBinding(key.WithKeys(e.Keys...), key.WithHelp(e.Label, d))
}

// KeyLabel is Key with another label for the same keys ("tab/↓" where
// the arrows move too).
func (a Action) KeyLabel(label, does string) key.Binding {
	b := a.Key(does)
	b.SetHelp(label, does)
	return b
}

// Join is one binding for several actions that do one thing here (the
// arrows that both move a picker's cursor: "↑/↓ move"). An empty label
// joins the actions' labels.
func Join(label, does string, actions ...Action) key.Binding {
	var keys, labels []string
	for _, a := range actions {
		keys = append(keys, table[a].Keys...)
		labels = append(labels, table[a].Label)
	}
	if label == "" {
		label = strings.Join(labels, "/")
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, does))
}

// None is a binding that matches no key (an action a screen does not
// have).
func None() key.Binding { return key.NewBinding(key.WithDisabled()) }

// Actions returns every action in the table's order; planned ones only
// when planned is set.
func Actions(planned bool) []Action {
	var out []Action
	for a := range numActions {
		if table[a].Planned == "" || planned {
			out = append(out, a)
		}
	}
	return out
}

// Sections lists the sections in order.
func Sections() []Section {
	return []Section{Everywhere, Always, Moving, Acting, Typing, Picking, Asking, Panel}
}

// Markdown is the key map as Markdown tables, one per section, for the
// README (without planned keys) and for the engineers' copy (with them,
// marked).
func Markdown(planned bool) string {
	var b strings.Builder
	for i, s := range Sections() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("**" + s.Title() + "**\n\n| Key | Does | Where |\n|---|---|---|\n")
		for _, a := range Actions(planned) {
			e := table[a]
			if e.Section != s {
				continue
			}
			where := e.Where
			switch {
			case e.Planned != "":
				where += " *(kept for " + e.Planned + ")*"
			case planned && e.Soon != "":
				where += "; soon: " + e.Soon
			}
			b.WriteString("| " + mdKeys(e) + " | " + e.Does + " | " + where + " |\n")
		}
	}
	return b.String()
}

// mdKeys writes an entry's keys as code spans, the label first.
func mdKeys(e Entry) string {
	if len(e.Keys) == 0 {
		return "*" + e.Label + "*"
	}
	if strings.HasPrefix(e.Label, "1") {
		return "`" + e.Label + "`"
	}
	parts := []string{}
	for _, k := range e.Keys {
		parts = append(parts, "`"+displayKey(k)+"`")
	}
	return strings.Join(parts, " ")
}

// displayKey names a key for reading: arrows as arrows.
func displayKey(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "pgdown":
		return "pgdn"
	case "|":
		return `\|`
	}
	return k
}
