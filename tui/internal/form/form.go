package form

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// createForm creates a row of a data source from a form generated from its
// schema: one field per property in the schema's order (title first), each
// edited in a way that fits its type, then the page's content as markdown.
//
// Values are checked as they are typed (pageform, the same code as
// `notion-tui create`), kept in a draft file while typing, and never lost
// on an error. A create whose answer is lost is never sent again before the
// form has checked whether the page was made.
//
// Whether the integration may create pages is learnt on opening: a create
// with no parent cannot make anything, and Notion answers it 403 when
// "Insert content" is missing (guide.ProbeInsert). The answer is kept for
// the session (ui.InsertProbe), and a 403 on a real submit updates it; when
// a server checks the body first and the probe cannot tell, the first
// submit's 403 shows the same guided fix with every value kept.
type createForm struct {
	c      *ui.Common
	ds     *notionapi.DataSource
	id     int64
	ctx    context.Context
	cancel context.CancelFunc
	keys   formKeys
	spin   spinner.Model
	// spinning is set while a spinner tick is on its way.
	spinning bool

	fields []*fields.Field
	focus  int
	state  formState
	w, h   int
	top    int // first line of the fields shown

	users    []notionapi.User
	usersErr error
	usersReq int64 // 0 when not loading

	insert guide.Probe // the "Insert content" check

	draftSeq   int64       // the last change, for the debounced save
	draftIO    ui.LastWins // orders the draft's writes and deletion
	dirty      bool        // changed since the draft was last written
	draftSaved time.Time   // when the draft was last written
	draftErr   error       // why it could not be written
	offered    *Draft      // the saved draft offered on opening

	page     *pageform.Page  // the page being sent
	sentAt   time.Time       // when it was sent
	sendErr  error           // the failure whose outcome is unknown
	checkErr error           // why the check could not tell
	created  *notionapi.Page // the new page
	lost     bool            // found by the check after a lost answer
}

// formState is where the form is between opening and the new page.
type formState int

const (
	stateEditing  formState = iota // typing
	stateRestore                   // asking whether to restore a saved draft
	stateSending                   // the create is under way
	stateChecking                  // looking for a page whose answer was lost
	stateUnsure                    // the check found nothing, or could not tell
	stateDone                      // created: the result
)

// draftDelay is how long typing pauses before the draft is written.
const draftDelay = 600 * time.Millisecond

type formKeys struct {
	Submit, Next, Prev, Back, Toggle, Choose, Clear key.Binding
	PickMove, PickChoose, PickClose                 key.Binding
	Open, Copy, Another, Done                       key.Binding
	Resend, Recheck, Edit                           key.Binding
	Restore, Discard                                key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Submit:     keymap.Save.Key("create"),
		Next:       keymap.NextField.KeyLabel("tab/↓", "next"),
		Prev:       keymap.PrevField.KeyLabel("shift+tab/↑", "previous"),
		Back:       keymap.Back.Key(),
		Toggle:     keymap.Toggle.Key(),
		Choose:     keymap.Join("enter", "choose", keymap.Choose, keymap.Toggle),
		Clear:      keymap.Erase.Key("remove the last choice"),
		PickMove:   keymap.Join("↑/↓", "move", keymap.PickUp, keymap.PickDown),
		PickChoose: keymap.Choose.Key("pick"),
		PickClose:  keymap.Close.Key(),
		Open:       keymap.OpenBrowser.Key(),
		Copy:       keymap.CopyURL.Key(),
		Another:    keymap.New.Key(),
		Done:       keymap.Join("esc", "back", keymap.Back, keymap.Open),
		Resend:     keymap.Save.Key("send again"),
		Recheck:    keymap.Refresh.Key("check again"),
		Edit:       keymap.Join("e", "edit", keymap.Edit, keymap.Back),
		Restore:    keymap.Yes.Key("restore the draft"),
		Discard:    keymap.No.Key("discard it"),
	}
}

// Messages of the form, tagged with its id.
type (
	formProbeMsg struct {
		id    int64
		probe guide.Probe
	}
	formSubmitMsg  struct{ id int64 }
	formCreatedMsg struct {
		id   int64
		page *notionapi.Page
		err  error
	}
	formCheckedMsg struct {
		id   int64
		page *notionapi.Page
		err  error
	}
)

// New opens the form of a data source; presets fill fields by property
// name (a card created in a board's column).
func New(c *ui.Common, ds *notionapi.DataSource, presets map[string]string) ui.Screen {
	ctx, cancel := context.WithCancel(c.Ctx)
	f := &createForm{
		c: c, ds: ds, id: c.NextID(), ctx: ctx, cancel: cancel, keys: newFormKeys(),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
	}
	for _, p := range ds.Properties.Ordered() {
		f.fields = append(f.fields, fields.New(c.Styles, p))
	}
	for _, fl := range f.fields {
		if text, ok := presets[fl.Name()]; ok {
			fl.SetText(text, nil)
		}
	}
	f.fields = append(f.fields, fields.NewContent(c.Styles), fields.NewSubmit())
	if u, ok := ui.Users.Get(c.Cache); ok {
		f.users = u
	}
	if p, ok := ui.InsertProbe.Get(c.Cache); ok {
		f.insert = p
	}
	return f
}

// Init starts the reads the form needs the first time it shows.
func (f *createForm) Init() tea.Cmd {
	cmds := []tea.Cmd{f.loadDraft(), f.focusFirst()}
	if f.insert.State == guide.StateUnknown {
		cmds = append(cmds, f.probe())
	}
	if f.needsUsers() && f.users == nil {
		f.usersReq = f.c.NextID()
		cmds = append(cmds, f.c.LoadUsers(f.ctx, f.usersReq))
	}
	return tea.Batch(cmds...)
}

// Close cancels the form's requests and writes what was typed since the
// last draft, so that quitting the app loses nothing.
func (f *createForm) Close() {
	f.cancel()
	if f.dirty && f.state == stateEditing && f.c.ConfigDir != "" {
		if d := f.snapshot(nil); !d.empty() {
			_ = WriteDraft(f.c.ConfigDir, d) // best effort: the app is closing
		}
	}
}

func (f *createForm) Title() string { return "New page" }

func (f *createForm) SetSize(w, h int) {
	f.w, f.h = w, h
	_, valueW := f.columns()
	for _, fl := range f.fields {
		fl.SetWidth(valueW)
	}
	f.ensureVisible()
}

// Capturing is true while a text field or a list's filter has the focus:
// letters are text there.
func (f *createForm) Capturing() bool {
	fl := f.current()
	return f.state == stateEditing && (fl.Kind == fields.KindLine || fl.Kind == fields.KindArea || fl.Pick != nil)
}

func (f *createForm) needsUsers() bool {
	for _, fl := range f.fields {
		if fl.Kind == fields.KindPeople {
			return true
		}
	}
	return false
}

func (f *createForm) current() *fields.Field { return f.fields[f.focus] }

// env is what parsing needs: the clock (and zone) and the users list.
func (f *createForm) env() pageform.Env {
	return pageform.Env{Now: f.c.Now(), Users: f.users, UsersErr: f.usersErr}
}

func (f *createForm) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	cmd := f.update(msg)
	f.ensureVisible()
	return f, cmd
}

func (f *createForm) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return f.key(msg)
	case tea.PasteMsg:
		switch {
		case f.state != stateEditing:
		case f.current().Pick != nil:
			return f.filterPicker(f.current(), msg)
		default:
			return f.editField(msg)
		}
	case formDraftLoadedMsg:
		if msg.id == f.id {
			return f.draftLoaded(msg)
		}
	case formDraftTickMsg:
		if msg.id == f.id && msg.seq == f.draftSeq && f.state == stateEditing {
			return f.saveDraft(nil)
		}
	case formDraftSavedMsg:
		if msg.id == f.id {
			f.draftErr = msg.err
			if msg.err == nil {
				f.draftSaved = msg.at
			}
		}
	case formProbeMsg:
		if msg.id == f.id {
			return f.probed(msg.probe)
		}
	case ui.UsersMsg:
		if msg.Req == f.usersReq && f.usersReq != 0 {
			f.usersLoaded(msg)
		}
	case fields.SearchTickMsg:
		if msg.Owner == f.id && msg.Index < len(f.fields) {
			return f.fields[msg.Index].SearchTick(f.host(msg.Index), msg)
		}
	case fields.SearchMsg:
		if msg.Owner == f.id && msg.Index < len(f.fields) {
			f.fields[msg.Index].Searched(msg)
		}
	case formSubmitMsg:
		if msg.id == f.id && f.state == stateEditing {
			return f.submit()
		}
	case formCreatedMsg:
		if msg.id == f.id {
			return f.answered(msg)
		}
	case formCheckedMsg:
		if msg.id == f.id {
			return f.checked(msg)
		}
	case spinner.TickMsg:
		if msg.ID == f.spin.ID() {
			return f.tick(msg)
		}
	case ui.ConnectionChangedMsg:
		// Another token may have other capabilities.
		f.insert = guide.Probe{}
		return f.probe()
	case tea.BackgroundColorMsg:
		for _, fl := range f.fields {
			fl.Restyle(f.c.Styles)
		}
		f.spin.Style = f.c.Styles.Accent
	}
	return nil
}

// key handles a key press in the form's current state.
func (f *createForm) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.keys
	switch f.state {
	case stateRestore:
		switch {
		case key.Matches(msg, k.Restore):
			return f.restore()
		case key.Matches(msg, k.Discard):
			f.offered, f.state = nil, stateEditing
			return f.deleteDraft()
		case key.Matches(msg, k.Back):
			f.c.Back()
			return nil
		}
	case stateEditing:
		return f.editKey(msg)
	case stateSending, stateChecking:
		if key.Matches(msg, k.Back) {
			return ui.Flash("Waiting for Notion's answer before leaving, so that nothing is sent twice")
		}
	case stateUnsure:
		return f.unsureKey(msg)
	case stateDone:
		return f.doneKey(msg)
	}
	return nil
}

func (f *createForm) unsureKey(msg tea.KeyPressMsg) tea.Cmd {
	k := f.keys
	switch {
	case f.savedUnknown():
		if key.Matches(msg, k.Edit) {
			f.state = stateEditing
			return f.current().Focus()
		}
	case key.Matches(msg, k.Resend):
		f.state = stateEditing
		return f.submit()
	case key.Matches(msg, k.Recheck) && f.checkErr != nil:
		f.state = stateChecking
		return tea.Batch(f.startSpin(), f.check(f.page.Title, f.sentAt))
	case key.Matches(msg, k.Edit):
		f.state = stateEditing
		return f.current().Focus()
	}
	return nil
}

func (f *createForm) doneKey(msg tea.KeyPressMsg) tea.Cmd {
	k := f.keys
	switch {
	case key.Matches(msg, k.Open):
		return f.c.OpenLink(f.created.URL)
	case key.Matches(msg, k.Copy):
		return ui.CopyText(f.created.URL, "the page's URL")
	case key.Matches(msg, k.Another):
		f.c.Replace(ui.CreatePage{DataSource: f.ds})
		return nil
	case key.Matches(msg, k.Done):
		f.c.Back()
		return nil
	}
	return nil
}

// editKey handles a key while typing: form keys first, then the open
// list, then the field.
func (f *createForm) editKey(msg tea.KeyPressMsg) tea.Cmd {
	fl := f.current()
	k := f.keys
	switch {
	case key.Matches(msg, k.Submit):
		return f.submit()
	case fl.Pick != nil:
		return f.pickKey(fl, msg)
	case key.Matches(msg, k.Back):
		return f.leave()
	case key.Matches(msg, k.Next):
		return f.move(1)
	case key.Matches(msg, k.Prev):
		return f.move(-1)
	}
	up, down, enter := msg.String() == "up", msg.String() == "down", msg.String() == "enter"
	switch fl.Kind {
	case fields.KindArea:
		switch {
		case up && fl.Area.Line() == 0:
			return f.move(-1)
		case down && fl.Area.Line() >= fl.Area.LineCount()-1:
			return f.move(1)
		}
		return f.editField(msg)
	case fields.KindLine:
		switch {
		case up:
			return f.move(-1)
		case down, enter:
			return f.move(1)
		}
		return f.editField(msg)
	case fields.KindCheck:
		if key.Matches(msg, k.Toggle) {
			fl.On = !fl.On
			return f.changed(fl)
		}
	case fields.KindChoice, fields.KindPeople, fields.KindRelation:
		switch {
		case key.Matches(msg, k.Choose):
			return f.openPicker(fl, "")
		case key.Matches(msg, k.Clear):
			if len(fl.Picked) > 0 {
				fl.Picked = fl.Picked[:len(fl.Picked)-1]
				return f.changed(fl)
			}
		case msg.Text != "" && !up && !down:
			return f.openPicker(fl, msg.Text)
		}
	case fields.KindSubmit:
		if enter {
			return f.submit()
		}
	}
	switch {
	case up:
		return f.move(-1)
	case down, enter:
		return f.move(1)
	}
	return nil
}

// editField gives a key or a paste to the focused editor and notes a
// change.
func (f *createForm) editField(msg tea.Msg) tea.Cmd {
	fl := f.current()
	before := fl.Text()
	cmd := fl.Edit(msg)
	if fl.Text() == before {
		return cmd
	}
	return tea.Batch(cmd, f.changed(fl))
}

// changed re-checks a field already checked and schedules the draft.
func (f *createForm) changed(fl *fields.Field) tea.Cmd {
	if fl.Live {
		fl.Err = f.fieldErr(fl)
	}
	f.dirty = true
	f.draftSeq++
	seq, id := f.draftSeq, f.id
	return tea.Tick(draftDelay, func(time.Time) tea.Msg { return formDraftTickMsg{id: id, seq: seq} })
}

// fieldErr checks one field's value.
func (f *createForm) fieldErr(fl *fields.Field) error {
	switch {
	case fl.Kind == fields.KindSubmit || fl.Kind == fields.KindReadOnly:
		return nil
	case fl.Name() == fields.ContentField:
		_, err := pageform.Blocks(fl.Text())
		return err
	}
	_, ok, err := pageform.ParseValue(fl.Prop, fl.Text(), f.env())
	if err == nil && !ok && fl.Prop.Type == notionapi.PropTitle {
		return pageform.ErrTitleRequired
	}
	return err
}

// move focuses the next (d = 1) or previous (d = -1) field that takes
// input, checking the one left.
func (f *createForm) move(d int) tea.Cmd {
	fl := f.current()
	if fl.Text() != "" || fl.Live {
		fl.Live = true
		fl.Err = f.fieldErr(fl)
	}
	next := f.focus
	for {
		next += d
		if next < 0 || next >= len(f.fields) {
			return nil
		}
		if f.fields[next].Focusable() {
			break
		}
	}
	return f.focusOn(next)
}

func (f *createForm) focusOn(i int) tea.Cmd {
	f.current().Blur()
	f.focus = i
	return f.current().Focus()
}

func (f *createForm) focusFirst() tea.Cmd {
	for i, fl := range f.fields {
		if fl.Focusable() {
			return f.focusOn(i)
		}
	}
	return nil
}

// host is what the lists of field i need.
func (f *createForm) host(i int) fields.Host {
	return fields.Host{
		Styles: f.c.Styles, Ctx: f.ctx, Client: f.c.Client(), Owner: f.id, Index: i, NextID: f.c.NextID,
		Users: f.users, UsersLoading: f.usersReq != 0,
	}
}

// openPicker opens the list of a choice, people or relation field.
func (f *createForm) openPicker(fl *fields.Field, typed string) tea.Cmd {
	_, valueW := f.columns()
	cmd := fl.OpenPicker(f.host(f.focus), typed)
	fl.SetWidth(valueW)
	return tea.Batch(cmd, f.spinIfLoading(fl))
}

// pickKey handles a key while a list is open.
func (f *createForm) pickKey(fl *fields.Field, msg tea.KeyPressMsg) tea.Cmd {
	cmd, act := fl.PickKey(f.host(f.focus), msg)
	switch act {
	case fields.PickLeave:
		return f.move(map[string]int{"tab": 1, "shift+tab": -1}[msg.String()])
	case fields.PickChose, fields.PickToggled:
		return tea.Batch(cmd, f.changed(fl))
	}
	return tea.Batch(cmd, f.spinIfLoading(fl))
}

// filterPicker gives a paste to an open list's filter line.
func (f *createForm) filterPicker(fl *fields.Field, msg tea.Msg) tea.Cmd {
	return tea.Batch(fl.FilterPicker(f.host(f.focus), msg), f.spinIfLoading(fl))
}

// spinIfLoading turns the spinner while a field's list is loading.
func (f *createForm) spinIfLoading(fl *fields.Field) tea.Cmd {
	if fl.Pick != nil && fl.Pick.Loading {
		return f.startSpin()
	}
	return nil
}

// leave goes back, keeping what was typed as a draft.
func (f *createForm) leave() tea.Cmd {
	if f.snapshot(nil).empty() {
		f.c.Back()
		return f.deleteDraft()
	}
	msg := "Draft kept: it is offered the next time you open this form"
	if f.c.ConfigDir == "" {
		msg = "The values are not kept: there is no config folder for drafts"
	}
	f.c.Back()
	return tea.Batch(f.saveDraft(nil), ui.Flash(msg))
}

// probe checks whether the integration may create pages, with a create
// that has no parent and so cannot make anything.
func (f *createForm) probe() tea.Cmd {
	client, ctx, id := f.c.Client(), f.ctx, f.id
	if client == nil {
		return nil
	}
	return func() tea.Msg { return formProbeMsg{id: id, probe: guide.ProbeInsert(ctx, client)} }
}

func (f *createForm) probed(p guide.Probe) tea.Cmd {
	if p.State == guide.StateUnknown {
		// The first submit will tell; one may have told already, while
		// this probe was on its way, and what it said stands.
		if f.insert.State == guide.StateUnknown {
			f.insert = p
		}
		return nil
	}
	f.insert = p
	ui.InsertProbe.Put(f.c.Cache, p)
	if p.State == guide.StateFailed {
		return ui.ReportError(p.CheckErr(), f.reprobe())
	}
	return nil
}

// reprobe checks the capability again (the fix panel's retry).
func (f *createForm) reprobe() tea.Cmd {
	c, probe := f.c, f.probe()
	return func() tea.Msg {
		ui.InsertProbe.Drop(c.Cache)
		return probe()
	}
}

func (f *createForm) usersLoaded(msg ui.UsersMsg) {
	f.usersReq = 0
	if msg.Err != nil {
		f.usersErr = f.c.UsersReason(msg.Err)
		for _, fl := range f.fields {
			fl.UsePeopleIDs(f.c.Styles)
		}
		_, valueW := f.columns()
		for _, fl := range f.fields {
			fl.SetWidth(valueW)
		}
		if f.current().Kind == fields.KindLine {
			f.current().Input.Focus()
		}
		return
	}
	f.users = msg.Users
	ui.Users.Put(f.c.Cache, msg.Users)
	for _, fl := range f.fields {
		fl.UsersLoaded(msg.Users)
	}
}

// submit checks every value, then sends the create; the draft records
// the send first, so that a crash during it is checked on restart.
func (f *createForm) submit() tea.Cmd {
	f.current().Pick = nil
	page, err := pageform.Build(f.ds.Properties, f.input(), f.env())
	var errs pageform.Errors
	if errors.As(err, &errs) {
		return f.showErrors(errs)
	}
	if err != nil {
		return ui.ReportError(err, nil)
	}
	f.page, f.sentAt, f.sendErr, f.checkErr = page, f.c.Now(), nil, nil
	f.state = stateSending
	sentAt := f.sentAt
	return tea.Batch(f.startSpin(), tea.Sequence(f.saveDraft(&sentAt), f.create()))
}

// showErrors puts each problem next to its field and focuses the first.
func (f *createForm) showErrors(errs pageform.Errors) tea.Cmd {
	first := -1
	for i, fl := range f.fields {
		if fl.Kind == fields.KindSubmit || fl.Kind == fields.KindReadOnly {
			continue
		}
		fl.Live = true
		fl.Err = errs.For(fl.Name())
		if fl.Err != nil && first < 0 {
			first = i
		}
	}
	n := len(errs)
	cmds := []tea.Cmd{func() tea.Msg {
		return ui.FlashMsg{Text: textutil.Plural(n, "value needs", "values need") + " fixing; nothing was sent", Error: true}
	}}
	if first >= 0 {
		cmds = append(cmds, f.focusOn(first))
	}
	return tea.Batch(cmds...)
}

// input collects what was typed.
func (f *createForm) input() pageform.Input {
	in := pageform.Input{Values: map[string]string{}}
	for _, fl := range f.fields {
		switch {
		case fl.Kind == fields.KindSubmit || fl.Kind == fields.KindReadOnly:
		case fl.Name() == fields.ContentField:
			in.Content = fl.Text()
		default:
			in.Values[fl.Name()] = fl.Text()
		}
	}
	return in
}

func (f *createForm) create() tea.Cmd {
	client, ctx, id := f.c.Client(), f.ctx, f.id
	params := f.page.Params(client, f.ds)
	return func() tea.Msg {
		pg, err := client.CreatePage(ctx, params)
		return formCreatedMsg{id: id, page: pg, err: err}
	}
}

// resubmit is the fix panel's retry: send the form again.
func (f *createForm) resubmit() tea.Cmd {
	id := f.id
	return func() tea.Msg { return formSubmitMsg{id: id} }
}

// answered handles Notion's answer to the create.
func (f *createForm) answered(msg formCreatedMsg) tea.Cmd {
	err := msg.err
	switch {
	case err == nil:
		return f.succeed(msg.page, false)
	case errors.Is(err, context.Canceled):
		return nil // the form was closed
	case pageform.Ambiguous(err):
		f.sendErr, f.state = err, stateChecking
		return tea.Batch(f.startSpin(), f.check(f.page.Title, f.sentAt))
	}
	f.state = stateEditing
	cmds := []tea.Cmd{f.saveDraft(nil), f.current().Focus()}
	if name, ok := pageform.APIErrorField(f.ds.Properties, err); ok {
		return tea.Batch(append(cmds, f.refused(name, err))...)
	}
	if notionapi.StatusOf(err) == http.StatusForbidden {
		// Only a refusal for want of "Insert content" says so: a 403 may
		// also be the Free plan's block limit, or a page the person or
		// connection may not edit.
		if fix := guide.Diagnose(err, f.c.GuideFacts()); fix.Reason == guide.ReasonMissingCapability && fix.Capability == guide.CapInsertContent {
			f.insert = guide.Probe{Capability: guide.CapInsertContent, State: guide.StateFailed, Err: err}
			ui.InsertProbe.Put(f.c.Cache, f.insert)
		}
	}
	return tea.Batch(append(cmds, ui.ReportError(err, f.resubmit()))...)
}

// refused shows a validation error from Notion next to its field.
func (f *createForm) refused(name string, err error) tea.Cmd {
	var apiErr *notionapi.APIError
	errors.As(err, &apiErr)
	for i, fl := range f.fields {
		if fl.Name() == name && fl.Kind != fields.KindSubmit {
			fl.Err, fl.Live = errors.New("Notion refused it: "+apiErr.Message), false
			what := widgets.OrText(name, "the content")
			return tea.Batch(f.focusOn(i), func() tea.Msg {
				return ui.FlashMsg{Text: "Notion refused " + what + "; nothing was created", Error: true}
			})
		}
	}
	return ui.ReportError(err, f.resubmit())
}

// check looks for the page after a lost answer (pageform.CheckCreated:
// a page Notion said it saved is read back, not searched for).
func (f *createForm) check(title string, sentAt time.Time) tea.Cmd {
	client, ctx, ds, id, sendErr := f.c.Client(), f.ctx, f.ds, f.id, f.sendErr
	return func() tea.Msg {
		pg, err := pageform.CheckCreated(ctx, client, ds, title, sentAt, sendErr)
		return formCheckedMsg{id: id, page: pg, err: err}
	}
}

func (f *createForm) checked(msg formCheckedMsg) tea.Cmd {
	if errors.Is(msg.err, context.Canceled) {
		return nil
	}
	if msg.page != nil {
		return f.succeed(msg.page, true)
	}
	f.checkErr = msg.err
	if errors.Is(msg.err, pageform.ErrSavedWithoutID) {
		// Saved, but which page is unknown: never offered to send again.
		f.state = stateUnsure
		return f.deleteDraft()
	}
	if f.offered != nil {
		// The check of a draft that was being sent when the app closed.
		f.state = stateRestore
		return nil
	}
	f.state = stateUnsure
	if msg.err == nil {
		return f.saveDraft(nil) // known not to be created
	}
	return nil
}

// savedUnknown reports whether Notion said it saved the page without
// saying which one: nothing may be sent again.
func (f *createForm) savedUnknown() bool { return errors.Is(f.checkErr, pageform.ErrSavedWithoutID) }

// succeed shows the new page and tells the other screens.
func (f *createForm) succeed(pg *notionapi.Page, lost bool) tea.Cmd {
	f.created, f.lost, f.state = pg, lost, stateDone
	f.offered = nil
	f.insert = guide.Probe{Capability: guide.CapInsertContent, State: guide.StateOK}
	ui.InsertProbe.Put(f.c.Cache, f.insert)
	dsID := f.ds.ID
	return tea.Batch(f.deleteDraft(), func() tea.Msg { return ui.PageCreatedMsg{DataSourceID: dsID, Page: pg} })
}

// startSpin starts the spinner unless it is already turning.
func (f *createForm) startSpin() tea.Cmd {
	if f.spinning {
		return nil
	}
	f.spinning = true
	return f.spin.Tick
}

func (f *createForm) tick(msg spinner.TickMsg) tea.Cmd {
	if !f.busy() {
		f.spinning = false
		return nil
	}
	var cmd tea.Cmd
	f.spin, cmd = f.spin.Update(msg)
	return cmd
}

// busy reports whether something the form shows a spinner for is under
// way.
func (f *createForm) busy() bool {
	if f.state == stateSending || f.state == stateChecking {
		return true
	}
	p := f.current().Pick
	return p != nil && p.Loading
}

// KeyMap lists the keys of the form's state.
func (f *createForm) KeyMap() help.KeyMap {
	k := f.keys
	switch f.state {
	case stateRestore:
		return ui.KeyMapOf([]key.Binding{k.Restore, k.Discard, k.Back})
	case stateUnsure:
		short := []key.Binding{k.Resend, k.Edit}
		if f.savedUnknown() {
			return ui.KeyMapOf([]key.Binding{k.Edit})
		}
		if f.checkErr != nil {
			short = []key.Binding{k.Recheck, k.Resend, k.Edit}
		}
		return ui.KeyMapOf(short)
	case stateDone:
		return ui.KeyMapOf([]key.Binding{k.Open, k.Copy, k.Another, k.Done})
	case stateEditing:
		return f.editKeyMap()
	}
	return ui.KeyMapOf([]key.Binding{k.Back})
}

func (f *createForm) editKeyMap() help.KeyMap {
	k := f.keys
	fl := f.current()
	all := []key.Binding{k.Submit, k.Next, k.Prev, k.Back}
	switch {
	case fl.Pick != nil:
		pick := k.PickChoose
		if fl.Multiple() {
			pick = keymap.Join("space/enter", "toggle", keymap.Toggle, keymap.Choose)
		}
		return ui.KeyMapOf([]key.Binding{k.PickMove, pick, k.PickClose, k.Submit}, []key.Binding{k.PickMove, pick, k.PickClose}, all)
	case fl.Kind == fields.KindCheck:
		return ui.KeyMapOf([]key.Binding{k.Toggle, k.Submit, k.Next, k.Back}, []key.Binding{k.Toggle}, all)
	case fl.Kind == fields.KindChoice || fl.Kind == fields.KindPeople || fl.Kind == fields.KindRelation:
		return ui.KeyMapOf([]key.Binding{k.Choose, k.Submit, k.Next, k.Back}, []key.Binding{k.Choose, k.Clear}, all)
	}
	return ui.KeyMapOf(all)
}

// sendFailure describes the lost answer for the banners.
func (f *createForm) sendFailure() string {
	if f.sendErr == nil {
		return ""
	}
	return pageform.Failure(f.sendErr)
}

// checkedSince is the earliest creation time the check accepts.
func (f *createForm) checkedSince() string {
	return f.sentAt.Add(-pageform.CheckSlack).Format("15:04")
}

// describeDraft says when a draft was saved and how much it holds.
func describeDraft(d *Draft) string {
	n := 0
	for _, v := range d.Values {
		if v != "" {
			n++
		}
	}
	what := textutil.Plural(n, "value", "values")
	if d.Content != "" {
		what += " and content"
	}
	return fmt.Sprintf("from %s (%s)", d.Saved.Format("Mon 2 Jan 15:04"), what)
}
