package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
)

type commentsOpts struct {
	add        string
	discussion string
	out        *outputFlags
}

func (a *app) commentsCommand() *cobra.Command {
	o := &commentsOpts{}
	cmd := &cobra.Command{
		Use:   "comments <page>",
		Short: "List a page's comments, or add one",
		Long: "List the comments on a page, oldest first: when, who, the text, and the discussion each belongs to " +
			"(comments on the page's blocks are listed on the blocks, not here).\n\n" +
			"--add TEXT starts a discussion on the page (- reads the text from stdin); with --discussion ID it replies " +
			"in that discussion instead. The comment added is printed in the chosen format.\n\n" +
			"Needs the integration's “Read comments” capability to list and “Insert comments” to add. A comment whose " +
			"answer was lost is not sent again: notion-tui looks for it and says whether it was added.",
		Example: `
notion-tui --demo comments ` + demoPage + `
notion-tui --demo comments ` + demoPage + ` \
  --add "Looks good to me"
notion-tui --demo comments ` + demoPage + ` --json \
  | jq -r '.[] | .discussion_id + " " + .rich_text[0].plain_text'`,
		Args:              exactArgs(1, "one page ID or link"),
		ValidArgsFunction: a.completeWorkspace(notionapi.ObjectPage, false),
	}
	cmd.Flags().StringVar(&o.add, "add", "", "add a comment with this text (- for stdin)")
	cmd.Flags().StringVar(&o.discussion, "discussion", "", "with --add, reply in this discussion (its ID)")
	o.out = addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.runComments(cmd, args[0], o)
	}
	return cmd
}

// commentColumns are the columns of a comment record.
var commentColumns = []column{
	{name: "Created", kind: colFixed}, {name: "Author"}, {name: "Comment"}, {name: "Discussion", kind: colID}, {name: "ID", kind: colID},
}

func commentCells(cm *notionapi.Comment) []string {
	return []string{timeCell(cm.CreatedTime.UTC().Format("2006-01-02 15:04")), cm.Author(), cm.RichText.Plain(), cm.DiscussionID, cm.ID}
}

func (a *app) runComments(cmd *cobra.Command, target string, o *commentsOpts) error {
	format, err := o.out.get(cmd)
	if err != nil {
		return err
	}
	pageID, err := notionapi.ParseID(target)
	if err != nil {
		return usagef("%v", err)
	}
	adding := cmd.Flags().Changed("add")
	var text string
	if adding {
		if text, err = commentText(o.add, a.env.Stdin); err != nil {
			return err
		}
	}
	if o.discussion != "" {
		if !adding {
			return usagef("--discussion goes with --add: the reply's text")
		}
		if o.discussion, err = notionapi.ParseID(o.discussion); err != nil {
			return usagef("--discussion: %v", err)
		}
	}
	s, err := a.newSession()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := cmd.Context()
	w := a.newRecordWriter(format, commentColumns)
	if adding {
		cm, raw, err := a.addComment(ctx, s.Client, pageID, o.discussion, text)
		if err == nil {
			err = w.Row(commentCells(cm), raw)
		}
		return closeAfter(w, err)
	}
	req := listRequest{method: "GET", path: "/v1/comments", query: url.Values{"block_id": {pageID}, "page_size": {"100"}}}
	n, _, err := a.readResults(ctx, s.Client, req, 0, func(raw json.RawMessage) error {
		var cm notionapi.Comment
		if err := json.Unmarshal(raw, &cm); err != nil {
			return err
		}
		return w.Row(commentCells(&cm), raw)
	})
	if err = closeAfter(w, err); err != nil && n > 0 {
		return &partialError{rows: n, err: err}
	}
	return err
}

// commentText reads --add: the text, or stdin for "-"; blank is a mistake.
func commentText(v string, stdin io.Reader) (string, error) {
	if v == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			return "", usagef("--add -: %v", err)
		}
		v = string(b)
	}
	v = strings.TrimRight(v, "\r\n")
	if strings.TrimSpace(v) == "" {
		return "", usagef("--add needs the comment's text")
	}
	return v, nil
}

// addComment adds a comment and returns it with its JSON. After an
// ambiguous failure it is not sent again: the page's comments are read to
// see whether it was added.
func (a *app) addComment(ctx context.Context, c *notionapi.Client, pageID, discussion, text string) (*notionapi.Comment, json.RawMessage, error) {
	p := notionapi.CommentOnPage(pageID, text)
	if discussion != "" {
		p = notionapi.CreateCommentParams{DiscussionID: discussion, RichText: notionapi.PlainText(text)}
	}
	sentAt := a.env.Now()
	// Sent through Do to print Notion's answer as it came; like every
	// write it is not retried after a server error.
	raw, err := c.Do(ctx, "POST", "/v1/comments", nil, mustJSON(p))
	switch {
	case err == nil:
		var cm notionapi.Comment
		if err := json.Unmarshal(raw, &cm); err != nil {
			return nil, nil, fmt.Errorf("the comment was added, but Notion's answer could not be read: %w", err)
		}
		if cm.CreatedTime.IsZero() {
			// Without "Read comments" Notion answers {object, id} only.
			cm.RichText, cm.DiscussionID = notionapi.PlainText(text), discussion
		}
		return &cm, raw, nil
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return nil, nil, &interruptedError{msg: "notion-tui: interrupted while adding the comment: it may have been added. " +
			"Look at the page's comments (notion-tui comments " + pageID + ") before adding it again."}
	case !pageform.Ambiguous(err):
		return nil, nil, err
	}
	found, raw, checkErr := findComment(ctx, c, pageID, discussion, text, sentAt)
	switch {
	case checkErr != nil:
		return nil, nil, &exitError{code: exitFailure, msg: fmt.Sprintf(
			"notion-tui: adding the comment failed (%s), and checking whether it was added anyway failed too (%s).\n"+
				"It was not sent again. Look at the page's comments (notion-tui comments %s) before adding it again.",
			pageform.Failure(err), pageform.Failure(checkErr), pageID)}
	case found == nil:
		return nil, nil, &exitError{code: exitFailure, msg: fmt.Sprintf(
			"notion-tui: the comment was not added (%s): the page has no such comment since %s. It was not sent again; run the same command to try again.",
			pageform.Failure(err), sentAt.Add(-pageform.CheckSlack).Format("15:04"))}
	}
	fmt.Fprintf(a.env.Stderr, "notion-tui: Notion's answer was lost (%s), but the comment was added; it was not sent again.\n", pageform.Failure(err))
	return found, raw, nil
}

// findComment looks among a page's comments for one with this text (in
// the discussion, if given) created since just before sentAt, newest
// first.
func findComment(ctx context.Context, c *notionapi.Client, pageID, discussion, text string, sentAt time.Time) (*notionapi.Comment, json.RawMessage, error) {
	from := sentAt.Add(-pageform.CheckSlack).Truncate(time.Minute)
	var found *notionapi.Comment
	var foundRaw json.RawMessage
	req := listRequest{method: "GET", path: "/v1/comments", query: url.Values{"block_id": {pageID}, "page_size": {"100"}}}
	for l, err := range pages(ctx, c, req) {
		if err != nil {
			return nil, nil, err
		}
		for _, raw := range l.Results {
			var cm notionapi.Comment
			if json.Unmarshal(raw, &cm) != nil {
				continue
			}
			if cm.RichText.Plain() == text && !cm.CreatedTime.Before(from) && (discussion == "" || cm.DiscussionID == discussion) {
				found, foundRaw = &cm, raw
			}
		}
	}
	return found, foundRaw, nil
}
