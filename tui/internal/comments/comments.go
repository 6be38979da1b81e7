// Package comments lists a page's comments, grouped by discussion, and
// adds one: a new discussion on the page, or a reply. A comment whose
// answer was lost is looked for, not sent again; a missing comment
// capability gets its guided fix.
package comments

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// pane is the comments screen of one page.
type pane struct {
	c      *ui.Common
	id     int64
	pageID string
	title  string
	ctx    context.Context
	done   context.CancelFunc

	list    []notionapi.Comment
	loading bool
	loaded  bool
	err     error
	sel     int // the selected comment
	top     int // first line shown

	// The comment being written; reply is its discussion ("" for a new
	// one on the page).
	writing bool
	reply   string
	area    textarea.Model
	sending bool
	note    string // how the last send went

	spin spinner.Model
	w, h int
	keys keys
}

type keys struct {
	Up, Down, Add, Reply, Send, Cancel, Refresh, Back key.Binding
}

// New opens the comments of a page.
func New(c *ui.Common, pageID, title string) ui.Screen {
	p := &pane{
		c: c, id: c.NextID(), pageID: pageID, title: title,
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		keys: keys{
			Up:      keymap.Up.Key("previous"),
			Down:    keymap.Down.Key("next"),
			Add:     keymap.Add.Key("add a comment"),
			Reply:   keymap.Open.Key("reply"),
			Send:    keymap.Save.Key("send"),
			Cancel:  keymap.Cancel.Key("stop writing (kept)"),
			Refresh: keymap.Refresh.Key(),
			Back:    ui.BackKey,
		},
	}
	p.ctx, p.done = context.WithCancel(c.Ctx)
	p.area = textarea.New()
	p.area.Prompt = "│ "
	p.area.ShowLineNumbers = false
	p.area.CharLimit = notionapi.MaxTextLength
	p.area.Placeholder = "Write a comment"
	s := textarea.DefaultStyles(c.Styles.IsDark)
	if c.Styles.NoColor {
		s = textarea.Styles{}
	}
	p.area.SetStyles(s)
	return p
}

// listMsg carries the page's comments.
type listMsg struct {
	view int64
	list []notionapi.Comment
	err  error
}

// sentMsg says how a comment's send went: the comment, or that the answer
// was lost and whether a check found it.
type sentMsg struct {
	view    int64
	comment *notionapi.Comment
	err     error
	// lost is set when the answer was lost; found tells the check's result
	// (checkErr when the check failed).
	lost     bool
	found    bool
	checkErr error
}

func (p *pane) Init() tea.Cmd { return p.load() }

func (p *pane) Close() { p.done() }

func (p *pane) load() tea.Cmd {
	client, view, ctx, id := p.c.Client(), p.id, p.ctx, p.pageID
	p.loading, p.err = true, nil
	return tea.Batch(p.spin.Tick, func() tea.Msg {
		var out []notionapi.Comment
		for cm, err := range client.ListCommentsAll(ctx, id) {
			if err != nil {
				return listMsg{view: view, list: out, err: err}
			}
			out = append(out, cm)
		}
		return listMsg{view: view, list: out}
	})
}

// send adds the comment written. After a lost answer it is not sent
// again: the page's comments are read to see whether it was added.
func (p *pane) send() tea.Cmd {
	text := strings.TrimSpace(p.area.Value())
	if text == "" {
		p.note = "Write something first."
		return nil
	}
	client, view, ctx, pageID, reply := p.c.Client(), p.id, p.ctx, p.pageID, p.reply
	params := notionapi.CommentOnPage(pageID, text)
	if reply != "" {
		params = notionapi.CreateCommentParams{DiscussionID: reply, RichText: notionapi.PlainText(text)}
	}
	p.sending, p.note = true, ""
	sentAt := p.c.Now()
	return tea.Batch(p.spin.Tick, func() tea.Msg {
		cm, err := client.CreateComment(ctx, params)
		if err == nil || !pageform.Ambiguous(err) || ctx.Err() != nil {
			return sentMsg{view: view, comment: cm, err: err}
		}
		found, checkErr := findComment(ctx, client, pageID, reply, text, sentAt)
		return sentMsg{view: view, comment: found, err: err, lost: true, found: found != nil, checkErr: checkErr}
	})
}

// findComment looks among a page's comments for one with this text (in
// the discussion, if given), created since just before sentAt.
func findComment(ctx context.Context, c *notionapi.Client, pageID, discussion, text string, sentAt time.Time) (*notionapi.Comment, error) {
	from := sentAt.Add(-pageform.CheckSlack).Truncate(time.Minute)
	var found *notionapi.Comment
	for cm, err := range c.ListCommentsAll(ctx, pageID) {
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(cm.RichText.Plain()) == text && !cm.CreatedTime.Before(from) && (discussion == "" || cm.DiscussionID == discussion) {
			found = &cm
		}
	}
	return found, nil
}

func (p *pane) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case listMsg:
		if msg.view != p.id {
			return p, nil
		}
		p.loading, p.loaded = false, msg.err == nil
		p.list, p.err = msg.list, msg.err
		p.sel = min(p.sel, max(0, len(p.list)-1))
		if msg.err != nil && !ui.IsCancel(msg.err) {
			return p, ui.ReportError(msg.err, ui.Reload(p.id))
		}
		return p, nil
	case sentMsg:
		if msg.view != p.id {
			return p, nil
		}
		return p, p.sent(msg)
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p, p.load()
		}
		return p, nil
	case spinner.TickMsg:
		return p, ui.SpinWhile(&p.spin, msg, p.loading || p.sending)
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.PasteMsg:
		if p.writing {
			var cmd tea.Cmd
			p.area, cmd = p.area.Update(msg)
			return p, cmd
		}
		return p, nil
	}
	if p.writing {
		var cmd tea.Cmd
		p.area, cmd = p.area.Update(msg)
		return p, cmd
	}
	return p, nil
}

// sent takes a send's outcome. What was written is kept until the comment
// is known to be added.
func (p *pane) sent(msg sentMsg) tea.Cmd {
	p.sending = false
	switch {
	case msg.err == nil || msg.found:
		p.writing, p.reply = false, ""
		p.area.Reset()
		p.area.Blur()
		if msg.lost {
			p.note = "Notion's answer was lost (" + pageform.Failure(msg.err) + "), but the comment was added; it was not sent again."
		} else {
			p.note = "Comment added."
		}
		if msg.comment != nil && msg.comment.CreatedTime.IsZero() {
			// Without "Read comments" Notion answers {object, id} only.
			p.note = "Comment added (the integration cannot read comments, so the list cannot show it)."
			return nil
		}
		return p.load()
	case msg.lost && msg.checkErr != nil:
		p.note = "Adding the comment failed (" + pageform.Failure(msg.err) + "), and checking whether it was added failed too (" +
			pageform.Failure(msg.checkErr) + "). It was not sent again: r reads the comments before you send it again."
		return nil
	case msg.lost:
		p.note = "The comment was not added (" + pageform.Failure(msg.err) + "); it was not sent again. ctrl+s sends it."
		return nil
	case errors.Is(msg.err, context.Canceled):
		return nil
	}
	p.note = ""
	return ui.ReportError(msg.err, nil)
}

func (p *pane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	if p.writing {
		switch {
		case p.sending:
			return nil
		case key.Matches(msg, k.Send):
			return p.send()
		case key.Matches(msg, k.Cancel):
			p.writing = false
			p.area.Blur()
			return nil
		}
		var cmd tea.Cmd
		p.area, cmd = p.area.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		p.c.Back()
	case key.Matches(msg, k.Up):
		p.sel = max(0, p.sel-1)
	case key.Matches(msg, k.Down):
		p.sel = min(max(0, len(p.list)-1), p.sel+1)
	case key.Matches(msg, k.Add):
		return p.write("")
	case key.Matches(msg, k.Reply) && len(p.list) > 0:
		return p.write(p.list[p.sel].DiscussionID)
	case key.Matches(msg, k.Refresh):
		return p.load()
	}
	return nil
}

// write opens the editor for a new discussion or a reply; text typed
// before is kept when it was for the same discussion.
func (p *pane) write(discussion string) tea.Cmd {
	if p.reply != discussion {
		p.area.Reset()
	}
	p.writing, p.reply, p.note = true, discussion, ""
	return p.area.Focus()
}

func (p *pane) Capturing() bool { return p.writing }

func (p *pane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.area.SetWidth(max(20, min(w, 100)-2))
	p.area.SetHeight(3)
}

func (p *pane) Title() string { return "Comments" }

func (p *pane) KeyMap() help.KeyMap {
	k := p.keys
	if p.writing {
		return ui.KeyMapOf([]key.Binding{k.Send, k.Cancel})
	}
	// Only the keys that act: moves with two comments or more, a reply
	// with one.
	var acting []key.Binding
	if len(p.list) > 1 {
		acting = append(acting, k.Down, k.Up)
	}
	acting = append(acting, k.Add)
	if len(p.list) > 0 {
		acting = append(acting, k.Reply)
	}
	return ui.KeyMapOf(append(acting, k.Refresh, k.Back))
}

// headNotes are the parts of the line under the title, each shown whole
// or not at all.
func (p *pane) headNotes() []string {
	notes := []string{"GET /v1/comments", " · oldest first", " · a adds a comment"}
	if len(p.list) > 0 {
		notes = append(notes, ", enter replies")
	}
	return notes
}

// View draws the discussions (a comment, its replies indented), the
// selected comment marked, and the editor when writing.
func (p *pane) View() string {
	st := p.c.Styles
	w := min(p.w, 100)
	head := []string{st.Title.Render(widgets.Truncate("Comments on "+p.title, w)),
		st.Muted.Render(widgets.JoinFit(p.headNotes(), "", w)), ""}
	var body []string
	selLine := 0
	switch {
	case p.loading && !p.loaded:
		body = append(body, p.spin.View()+" Reading the comments…")
	case p.err != nil && !p.loaded:
		body = append(body, st.Error.Render("Could not read the comments.")+st.Muted.Render(" r tries again."))
	case len(p.list) == 0:
		body = append(body, st.Muted.Render("No comments on this page yet. a starts a discussion."))
	default:
		first := map[string]bool{}
		for i, cm := range p.list {
			indent := "  "
			if first[cm.DiscussionID] {
				indent = "      "
			}
			first[cm.DiscussionID] = true
			mark := "  "
			if i == p.sel {
				mark = st.Accent.Render("▸ ")
				selLine = len(body)
			}
			who := widgets.OrText(cm.Author(), "someone")
			when := cm.CreatedTime.Local().Format("Jan 2 15:04")
			body = append(body, mark+indent[2:]+st.Bold.Render(who)+st.Faint.Render(" · "+when))
			for _, l := range textwrap.Lines(cm.RichText.Plain(), max(10, w-len(indent)-2)) {
				body = append(body, "  "+indent+l)
			}
		}
	}
	var foot []string
	if p.note != "" {
		foot = append(foot, textwrap.Lines(p.note, w)...)
	}
	if p.writing {
		label := "New discussion on the page"
		if p.reply != "" {
			label = "Reply in the discussion"
		}
		if p.sending {
			label = p.spin.View() + " Sending…"
		}
		foot = append(foot, st.Accent.Render(label), p.area.View())
	}
	room := max(1, p.h-len(head)-len(foot))
	p.top = min(max(p.top, selLine-room+2), selLine)
	p.top = max(0, min(p.top, len(body)-room))
	if p.top < 0 {
		p.top = 0
	}
	end := min(len(body), p.top+room)
	lines := append(append(head, body[p.top:end]...), foot...)
	return strings.Join(lines, "\n")
}
