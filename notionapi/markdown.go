package notionapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// PageMarkdown is a page, or a block's subtree, as Notion's enhanced
// Markdown (GET /v1/pages/{id}/markdown).
type PageMarkdown struct {
	Object   string `json:"object"` // "page_markdown"
	ID       string `json:"id"`
	Markdown string `json:"markdown"`
	// Truncated is set when blocks were left out: too many for one answer,
	// or not shared with the connection. They appear in Markdown as
	// <unknown url="…" alt="…"/> tags and are listed in UnknownBlockIDs.
	Truncated       bool     `json:"truncated"`
	UnknownBlockIDs []string `json:"unknown_block_ids"`
}

// MarkdownParams are the options of a page Markdown read.
type MarkdownParams struct {
	// IncludeTranscript includes the transcripts of meeting notes.
	IncludeTranscript bool
}

// SupportsPageMarkdown reports whether Notion-Version v has the page
// Markdown endpoints. Notion's OpenAPI file says 2026-03-11, its Markdown
// guide sends 2025-09-03; this package tries them from 2025-09-03 on, and
// callers fall back to the blocks when Notion refuses (MarkdownUnavailable).
func SupportsPageMarkdown(v string) bool { return UsesDataSources(v) }

// MarkdownUnavailable reports whether err says that the page Markdown
// endpoint does not exist for the version in use, so that the page's
// blocks should be read instead: a path Notion does not route, or a
// refusal that names the Notion-Version.
func MarkdownUnavailable(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return errors.Is(err, ErrMarkdownVersion)
	}
	switch {
	case e.Code == CodeInvalidRequestURL:
		return true
	case e.Status == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Message), "version"):
		return true
	}
	return false
}

// ErrMarkdownVersion is the error of a page Markdown read under a version
// before 2025-09-03, which has no such endpoint; no request is sent.
var ErrMarkdownVersion = errors.New("notionapi: page Markdown needs Notion-Version 2025-09-03 or later")

// GetPageMarkdown returns one answer of the page Markdown endpoint for a
// page, or for a block named in an earlier answer's UnknownBlockIDs (its
// subtree). ReadPageMarkdown follows the blocks left out.
func (c *Client) GetPageMarkdown(ctx context.Context, id string, p MarkdownParams) (*PageMarkdown, error) {
	id, err := pathID("page", id)
	if err != nil {
		return nil, err
	}
	if !SupportsPageMarkdown(c.Version()) {
		return nil, ErrMarkdownVersion
	}
	var q url.Values
	if p.IncludeTranscript {
		q = url.Values{"include_transcript": {"true"}}
	}
	var md PageMarkdown
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/pages/" + id + "/markdown", query: q}, &md); err != nil {
		return nil, err
	}
	return &md, nil
}

// MaxMarkdownFollows bounds how many left-out blocks ReadPageMarkdown
// asks for, so that a server that keeps naming new ones cannot keep it
// reading forever.
const MaxMarkdownFollows = 1000

// ReadPageMarkdown reads a page as Markdown in full: it asks again for
// each block an answer left out (unknown_block_ids), and puts the subtree
// in the place of its <unknown …/> tag (at the end when there is no tag).
// Blocks that cannot be read (404: not shared with the connection) stay
// as their tags and are listed in the result's UnknownBlockIDs; Truncated
// is then set. An error other than 404 ends the read: the result holds
// what was read so far, with UnknownBlockIDs listing what is missing.
func (c *Client) ReadPageMarkdown(ctx context.Context, id string, p MarkdownParams) (*PageMarkdown, error) {
	first, err := c.GetPageMarkdown(ctx, id, p)
	if err != nil {
		return nil, err
	}
	out := &PageMarkdown{Object: first.Object, ID: first.ID, Markdown: first.Markdown}
	queue := append([]string(nil), first.UnknownBlockIDs...)
	seen := map[string]bool{}
	var missing []string
	follows := 0
	for len(queue) > 0 {
		bid := queue[0]
		queue = queue[1:]
		key := strings.ToLower(CompactID(bid))
		if seen[key] {
			continue
		}
		seen[key] = true
		if follows >= MaxMarkdownFollows {
			missing = append(missing, bid)
			continue
		}
		follows++
		sub, err := c.GetPageMarkdown(ctx, bid, p)
		if StatusOf(err) == http.StatusNotFound {
			missing = append(missing, bid)
			continue
		}
		if err != nil {
			out.UnknownBlockIDs = append(append(missing, bid), queue...)
			out.Truncated = true
			return out, err
		}
		out.Markdown = spliceMarkdown(out.Markdown, bid, sub.Markdown)
		queue = append(queue, sub.UnknownBlockIDs...)
	}
	out.UnknownBlockIDs = missing
	if out.UnknownBlockIDs == nil {
		out.UnknownBlockIDs = []string{}
	}
	out.Truncated = len(missing) > 0
	return out, nil
}

// reUnknownTag matches an <unknown …/> tag of enhanced Markdown.
var reUnknownTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<unknown\b[^>]*/>`) })

// spliceMarkdown puts sub, the Markdown of block id, in the place of the
// <unknown/> tag that names the block (its url holds the block's ID),
// indenting its lines as the tag's line is; without such a tag, sub is
// added at the end.
func spliceMarkdown(md, id, sub string) string {
	compact := strings.ToLower(CompactID(id))
	dashed := strings.ToLower(id)
	for _, loc := range reUnknownTag().FindAllStringIndex(md, -1) {
		tag := strings.ToLower(md[loc[0]:loc[1]])
		if !strings.Contains(tag, compact) && !strings.Contains(tag, dashed) {
			continue
		}
		lineStart := strings.LastIndexByte(md[:loc[0]], '\n') + 1
		indent := md[lineStart:loc[0]]
		if strings.TrimLeft(indent, " \t") != "" {
			indent = "" // the tag is inside a line of text: no indentation to repeat
		}
		return md[:loc[0]] + strings.ReplaceAll(sub, "\n", "\n"+indent) + md[loc[1]:]
	}
	if md == "" {
		return sub
	}
	return strings.TrimRight(md, "\n") + "\n" + sub
}
