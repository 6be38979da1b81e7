package guide

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Capability names as Notion's integration settings spell them.
const (
	CapReadContent   = "Read content"
	CapUpdateContent = "Update content"
	CapInsertContent = "Insert content"
	CapReadUsers     = "Read user information"
)

// State is the outcome of a check.
type State int

// States of a check.
const (
	// StateUnknown: not checked, or the check could not tell (network,
	// server error).
	StateUnknown State = iota
	StateOK
	StateWarning
	StateFailed
)

func (s State) String() string {
	switch s {
	case StateOK:
		return "ok"
	case StateWarning:
		return "warning"
	case StateFailed:
		return "failed"
	}
	return "unknown"
}

// Probe is what a capability check found.
type Probe struct {
	Capability string
	// State is OK when granted, Failed when Notion refused for lack of
	// the capability (403), Warning when granted but something needs the
	// user's attention, Unknown when the check could not tell.
	State State
	// Detail says what was seen: "11 users visible", "6 data sources and
	// 200+ pages shared".
	Detail string
	// Err is the refusal or failure, if any.
	Err error
}

// Count is a number of objects seen, with More set when there are more
// than were counted.
type Count struct {
	N    int
	More bool
	Err  error
}

func (n Count) String() string {
	if n.More {
		return fmt.Sprintf("%d+", n.N)
	}
	return fmt.Sprint(n.N)
}

// ProbeUserInfo lists one page of users: a 403 means the integration lacks
// "Read user information".
func ProbeUserInfo(ctx context.Context, c *notionapi.Client) Probe {
	l, err := c.ListUsers(ctx, notionapi.ListParams{PageSize: notionapi.MaxPageSize})
	p := Probe{Capability: CapReadUsers, Err: err}
	switch {
	case err == nil:
		n := Count{N: len(l.Results), More: l.HasMore}
		p.State, p.Detail = StateOK, n.String()+" users visible"
	case refused(err):
		p.State, p.Detail = StateFailed, "not granted: people are shown by ID only"
	default:
		p.Detail = "could not check"
	}
	return p
}

// CountShared counts the objects of one kind (notionapi.ObjectPage or
// notionapi.ObjectDataSource) that search returns, reading at most limit
// of them; limit <= 0 counts every one.
func CountShared(ctx context.Context, c *notionapi.Client, object string, limit int) Count {
	var n Count
	for _, err := range c.SearchAll(ctx, notionapi.SearchParams{Object: object, PageSize: pageSizeFor(limit)}) {
		if err != nil {
			n.Err = err
			return n
		}
		if limit > 0 && n.N == limit {
			n.More = true
			return n
		}
		n.N++
	}
	return n
}

func pageSizeFor(limit int) int {
	if limit <= 0 || limit >= notionapi.MaxPageSize {
		return notionapi.MaxPageSize
	}
	// One more than the limit tells "exactly limit" from "more".
	return limit + 1
}

// ReadContent combines the counts of shared data sources and pages into
// the "Read content" check. version picks the word for data sources
// ("databases" before 2025-09-03).
func ReadContent(dataSources, pages Count, version string) Probe {
	p := Probe{Capability: CapReadContent}
	for _, err := range []error{dataSources.Err, pages.Err} {
		if err == nil {
			continue
		}
		p.Err = err
		if refused(err) {
			p.State, p.Detail = StateFailed, "not granted: nothing can be read"
			return p
		}
	}
	if p.Err != nil {
		p.Detail = "could not check"
		return p
	}
	p.Detail = fmt.Sprintf("%s %s and %s %s shared", dataSources, textutil.Noun(dataSources.N, dataSourceWord(version), dataSourceWord(version)+"s"), pages, textutil.Noun(pages.N, "page", "pages"))
	p.State = StateOK
	if dataSources.N == 0 && pages.N == 0 {
		p.State, p.Detail = StateWarning, "granted, but nothing is shared with the integration yet"
	}
	return p
}

func dataSourceWord(version string) string {
	if notionapi.UsesDataSources(version) {
		return "data source"
	}
	return "database"
}

// ProbeInsert asks Notion to create a page with no parent. Nothing can be
// created that way: Notion refuses the body (400), or, checking the
// capability first, answers 403 when "Insert content" is missing.
func ProbeInsert(ctx context.Context, c *notionapi.Client) Probe {
	_, err := c.CreatePage(ctx, notionapi.CreatePageParams{})
	p := Probe{Capability: CapInsertContent, Err: err}
	switch {
	case refused(err):
		p.State, p.Detail = StateFailed, "not granted: creating pages will fail"
	case notionapi.IsCode(err, notionapi.CodeValidationError):
		p.State, p.Detail, p.Err = StateOK, "granted (checked without creating anything)", nil
	case err == nil:
		// A server that accepted a page without a parent; nothing to add.
		p.State, p.Detail = StateOK, "granted"
	default:
		p.Detail = "could not check"
	}
	return p
}

// NotProbed is the check of a capability that only a real write could
// prove.
func NotProbed(capability string) Probe {
	return Probe{Capability: capability, Detail: "not probed (needs a write)"}
}

func refused(err error) bool {
	var e *notionapi.APIError
	return errors.As(err, &e) && (e.Code == notionapi.CodeRestrictedResource || e.Status == http.StatusForbidden)
}

// ShareSteps are the steps to share a page or database with the
// integration; name is its bot's name ("" when unknown).
func ShareSteps(name string) []string {
	return []string{
		"Open the page or database in Notion.",
		"Click ••• (top right) → Connections (“Add connections”).",
		"Search for " + quoteName(name) + ", select it, and confirm.",
	}
}

func quoteName(name string) string {
	if name == "" {
		return "your integration"
	}
	return "“" + name + "”"
}

// CapabilityFix is the fix for a capability the integration lacks.
func CapabilityFix(capability, integrationName string) Fix {
	return Fix{
		Title: "The integration lacks the “" + capability + "” capability",
		Steps: capabilitySteps(capability, integrationName),
		Link:  IntegrationsURL, LinkTitle: "integration settings",
		Actions: []Action{ActOpenSettings, ActRetry},
	}
}

func capabilitySteps(capability, name string) []string {
	return []string{
		"Open " + IntegrationsURL + " and choose " + quoteName(name) + ".",
		"Under Capabilities, turn on “" + capability + "” and save.",
		"Come back and retry; the token stays the same.",
	}
}

// NothingSharedFix explains how to share content with the integration.
func NothingSharedFix(integrationName string) Fix {
	return Fix{
		Title:   "Nothing is shared with the integration yet",
		Causes:  []string{"an integration sees only the pages and databases shared with it; new integrations see nothing"},
		Steps:   append(ShareSteps(integrationName), "Sharing a page also shares everything inside it; check again here."),
		Actions: []Action{ActRetry},
	}
}
