package guide

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Capability names as a connection's Configuration tab spells them.
const (
	CapReadContent    = "Read content"
	CapUpdateContent  = keystore.CapUpdateContent
	CapInsertContent  = keystore.CapInsertContent
	CapReadUsers      = "Read user information"
	CapReadComments   = "Read comments"
	CapInsertComments = "Insert comments"
)

// State is the outcome of a check.
type State int

// States of a check.
const (
	// StateUnknown: not checked yet (Detail says when it will be, such as
	// "checked on the first create"), or the check could not tell (Err
	// is then set).
	StateUnknown State = iota
	StateOK
	StateWarning
	StateFailed
	// StateNotAvailable: the kind of token cannot do it at all, whatever
	// its capabilities (listing users with a personal access token). It
	// is not a failure to fix.
	StateNotAvailable
)

func (s State) String() string {
	switch s {
	case StateOK:
		return "ok"
	case StateWarning:
		return "warning"
	case StateFailed:
		return "failed"
	case StateNotAvailable:
		return "not available"
	}
	return "unknown"
}

// Probe is what a capability check found.
type Probe struct {
	Capability string
	// State is OK when granted on evidence, Failed when Notion refused
	// for lack of the capability (403), Warning when granted but
	// something needs the user's attention, NotAvailable when the kind of
	// token cannot do it, Unknown when not checked yet or the check could
	// not tell.
	State State
	// Detail says what was seen: "11 users visible", "6 data sources and
	// 200+ pages shared", "checked on the first create".
	Detail string
	// Err is the refusal or failure, if any; nil for a check not made
	// yet.
	Err error
	// How is the request that checked, for the fix of a refusal: "a
	// restore of a page that does not exist, which changes nothing".
	How string
}

// CheckErr is the check's error as the guided fix explains it: Notion's
// refusal or a failure, told as the answer to a check notion-tui sent
// (How), not to a request the user made.
func (p Probe) CheckErr() error {
	if p.Err == nil || p.How == "" {
		return p.Err
	}
	return &CheckError{How: p.How, Err: p.Err}
}

// CheckError is the failure of a request notion-tui sent to check a
// capability before the user's own: Diagnose explains Err, and says that
// the request was a check, and which (How).
type CheckError struct {
	How string
	Err error
}

func (e *CheckError) Error() string { return e.Err.Error() }
func (e *CheckError) Unwrap() error { return e.Err }

// Pending reports whether the check waits for a real request to tell
// (Unknown without an error, such as "checked on the first create"): it
// is neither a failure nor a grant.
func (p Probe) Pending() bool { return p.State == StateUnknown && p.Err == nil }

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

// Details of checks that only a real write can make.
const (
	DetailFirstCreate = "checked on the first create"
	DetailFirstEdit   = "checked on the first edit"
)

// UsersRefused says why the users list was refused (403), for a token of
// kind: a personal access token cannot list users at all, a connection
// lacks the capability; both when the kind is not known.
func UsersRefused(kind notionapi.TokenKind) string {
	switch {
	case kind == notionapi.TokenKindPersonal:
		return "listing users is not available to personal access tokens"
	case kind.Connection():
		return "the connection lacks the “" + CapReadUsers + "” capability"
	}
	return "a connection needs the “" + CapReadUsers + "” capability to list users, and a personal access token cannot list them"
}

// ErrUsersNotListable is the answer, without a request, to a personal
// access token's listing of users, which Notion refuses whatever the
// token's capabilities (notion-api.md, 2026 section G).
var ErrUsersNotListable = errors.New(UsersRefused(notionapi.TokenKindPersonal))

// UsersListable is ErrUsersNotListable for a personal access token, nil
// for any other kind: whether a listing of users is worth sending.
func UsersListable(kind notionapi.TokenKind) error {
	if kind == notionapi.TokenKindPersonal {
		return ErrUsersNotListable
	}
	return nil
}

// ProbeUserInfo lists one page of users: a 403 means the connection lacks
// "Read user information". For a personal access token, use ProbeUsers.
func ProbeUserInfo(ctx context.Context, c *notionapi.Client) Probe {
	return ProbeUsers(ctx, c, notionapi.TokenKindUnknown)
}

// ProbeUsers checks "Read user information" for the kind of token. A
// personal access token cannot list users at all: it is NotAvailable,
// and nothing is sent.
func ProbeUsers(ctx context.Context, c *notionapi.Client, kind notionapi.TokenKind) Probe {
	if err := UsersListable(kind); err != nil {
		return Probe{Capability: CapReadUsers, State: StateNotAvailable, Detail: err.Error()}
	}
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
// of them; limit <= 0 counts every one. At the limit, the page's has_more
// says whether there are more, so 200 are counted in two requests, not
// three. The results are counted, not decoded.
func CountShared(ctx context.Context, c *notionapi.Client, object string, limit int) Count {
	var n Count
	if limit <= 0 {
		for _, err := range c.SearchAllRaw(ctx, notionapi.SearchParams{Object: object}) {
			if err != nil {
				n.Err = err
				return n
			}
			n.N++
		}
		return n
	}
	// At most limit/100+1 requests: each one adds a result or ends.
	cursor := ""
	for n.N < limit {
		l, err := c.SearchRaw(ctx, notionapi.SearchParams{Object: object, PageSize: min(limit, notionapi.MaxPageSize), StartCursor: cursor})
		if err != nil {
			n.Err = err
			return n
		}
		n.N += len(l.Results)
		cursor = l.Cursor()
		if len(l.Results) == 0 || cursor == "" {
			break
		}
	}
	if n.N > limit || n.N == limit && cursor != "" {
		n.N, n.More = limit, true
	}
	return n
}

// ReadContent combines the counts of shared data sources and pages into
// the "Read content" check of a connection. version picks the word for
// data sources ("databases" before 2025-09-03).
func ReadContent(dataSources, pages Count, version string) Probe {
	return ReadContentFor(notionapi.TokenKindUnknown, dataSources, pages, version)
}

// ReadContentFor is ReadContent for the kind of token: a personal access
// token sees what its person can open, a connection what is shared with
// it.
func ReadContentFor(kind notionapi.TokenKind, dataSources, pages Count, version string) Probe {
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
	seen := "shared"
	if kind == notionapi.TokenKindPersonal {
		seen = "visible"
	}
	p.Detail = fmt.Sprintf("%s %s and %s %s %s", dataSources, textutil.Noun(dataSources.N, dataSourceWord(version), dataSourceWord(version)+"s"), pages, textutil.Noun(pages.N, "page", "pages"), seen)
	p.State = StateOK
	if dataSources.N == 0 && pages.N == 0 {
		p.State, p.Detail = StateWarning, "granted, but nothing is shared with the connection yet"
		if kind == notionapi.TokenKindPersonal {
			p.Detail = "granted, but no page is visible to you in this workspace"
		}
	}
	return p
}

func dataSourceWord(version string) string {
	if notionapi.UsesDataSources(version) {
		return "data source"
	}
	return "database"
}

// ProbeInsert asks Notion to create a page with no parent, which cannot
// create anything. Notion judges "Insert content" on the parent of a
// create (D:reference/post-page), so this can show a refusal (403) but
// never a grant: an answer other than 403 leaves the check Unknown,
// "checked on the first create" (see WriteEvidence), with no error.
func ProbeInsert(ctx context.Context, c *notionapi.Client) Probe {
	_, err := c.CreatePage(ctx, notionapi.CreatePageParams{})
	p := Probe{Capability: CapInsertContent, How: "a create without a parent, which cannot create anything"}
	var e *notionapi.APIError
	switch {
	case errors.As(err, &e) && e.BlockLimit() != "":
		p.State, p.Detail, p.Err = StateWarning, "the workspace has used all its free blocks: creating pages will fail", err
	case refused(err):
		p.State, p.Detail, p.Err = StateFailed, "not granted: creating pages will fail", err
	case err == nil, errors.As(err, &e) && e.Status == http.StatusBadRequest && !e.VersionRejected():
		// Refused for its missing parent (or, from a lenient server,
		// accepted): no evidence either way.
		p.Detail = DetailFirstCreate
	default:
		p.Detail, p.Err = "could not check", err
	}
	return p
}

// NotProbed is the check of a capability that only a real write can
// prove: "checked on the first create" for "Insert content", "checked on
// the first edit" for "Update content".
func NotProbed(capability string) Probe {
	if capability == CapInsertContent || capability == CapInsertComments {
		return Probe{Capability: capability, Detail: DetailFirstCreate}
	}
	return Probe{Capability: capability, Detail: DetailFirstEdit}
}

// WriteEvidence is what the answer to a real write (err nil for success)
// shows about the capability it needs, such as CapInsertContent for a
// page create: granted when it succeeded or Notion saved it, refused on a
// 403 that is not the block limit, a warning on the block limit. ok is
// false when the answer shows nothing either way (a validation error, a
// network failure, an ambiguous 5xx).
func WriteEvidence(capability string, kind notionapi.TokenKind, err error) (p Probe, ok bool) {
	p = Probe{Capability: capability}
	var e *notionapi.APIError
	_, saved := notionapi.Saved(err)
	switch {
	case err == nil || saved:
		p.State, p.Detail = StateOK, "granted"
		if capability == CapInsertContent {
			p.Detail = "granted: a page was created"
		} else if capability == CapUpdateContent {
			p.Detail = "granted: a page was changed"
		}
		return p, true
	case errors.As(err, &e) && e.BlockLimit() != "":
		p.State, p.Detail, p.Err = StateWarning, "the workspace has used all its free blocks: creating pages fails", err
		return p, true
	case refused(err):
		p.State, p.Err = StateFailed, err
		p.Detail = "refused (403): the capability is off, or this page may not be changed"
		if kind == notionapi.TokenKindPersonal {
			p.Detail = "refused (403): you may not change this page"
		}
		return p, true
	}
	return Probe{}, false
}

func refused(err error) bool {
	var e *notionapi.APIError
	return errors.As(err, &e) && (e.Code == notionapi.CodeRestrictedResource || e.Status == http.StatusForbidden)
}

// Checklist is what a token may do, one row per capability in the order
// to show them, worded for its kind, with the notes that go with the kind.
type Checklist struct {
	Kind  notionapi.TokenKind
	Rows  []Probe
	Notes []string
}

// NewChecklist assembles the checklist from probes run by the caller
// (ProbeUsers, CountShared twice, ProbeInsert), for callers that run each
// probe apart (the app, one command each). "Update content" is
// "checked on the first edit".
func NewChecklist(kind notionapi.TokenKind, users Probe, dataSources, pages Count, insert Probe, version string) Checklist {
	cl := Checklist{Kind: kind, Rows: []Probe{
		users,
		ReadContentFor(kind, dataSources, pages, version),
		insert,
		NotProbed(CapUpdateContent),
	}}
	if kind == notionapi.TokenKindPersonal {
		cl.Notes = personalTokenNotes()[2:] // workspace policy, and how it stops
	}
	return cl
}

// PageCountLimit is how many pages RunChecklist counts before it says
// "200+".
const PageCountLimit = 200

// RunChecklist runs the probes at once and assembles the checklist.
func RunChecklist(ctx context.Context, c *notionapi.Client, kind notionapi.TokenKind) Checklist {
	var (
		wg            sync.WaitGroup
		users, insert Probe
		ds, pages     Count
	)
	wg.Go(func() { users = ProbeUsers(ctx, c, kind) })
	wg.Go(func() { ds = CountShared(ctx, c, notionapi.ObjectDataSource, 0) })
	wg.Go(func() { pages = CountShared(ctx, c, notionapi.ObjectPage, PageCountLimit) })
	wg.Go(func() { insert = ProbeInsert(ctx, c) })
	wg.Wait()
	return NewChecklist(kind, users, ds, pages, insert, c.Version())
}

// Get returns the row of a capability.
func (cl Checklist) Get(capability string) (Probe, bool) {
	for _, p := range cl.Rows {
		if p.Capability == capability {
			return p, true
		}
	}
	return Probe{}, false
}

// Observe updates the checklist from the answer to a real request (err
// nil for success): the row of the capability the request needs
// (Capability) takes WriteEvidence of a create or an edit. It reports
// whether a row changed.
func (cl *Checklist) Observe(method, path string, err error) bool {
	if notionapi.ReadOnly(method, path) {
		return false
	}
	capability := Capability(method, path)
	p, ok := WriteEvidence(capability, cl.Kind, err)
	if !ok {
		return false
	}
	for i, row := range cl.Rows {
		if row.Capability == capability {
			changed := row.State != p.State || row.Detail != p.Detail
			cl.Rows[i] = p
			return changed
		}
	}
	return false
}

// Failed reports whether a row must be fixed before the app is of use
// ("Read content" refused or not checked for an error).
func (cl Checklist) Failed() bool {
	p, ok := cl.Get(CapReadContent)
	return ok && (p.State == StateFailed || p.State == StateUnknown && p.Err != nil)
}

// Fix is the fix for a row that needs one; ok is false for a row that is
// fine, not available by nature, or not checked yet.
func (cl Checklist) Fix(p Probe, c Context) (Fix, bool) {
	c.Kind = cl.Kind
	switch {
	case p.State == StateWarning && p.Capability == CapReadContent:
		return NothingSharedFixFor(c), true
	case p.Err != nil && (p.State == StateFailed || p.State == StateWarning):
		return Diagnose(p.Err, c), true
	case p.State == StateFailed:
		return CapabilityFixFor(p.Capability, c), true
	case p.State == StateUnknown && p.Err != nil:
		return Diagnose(p.Err, c), true
	}
	return Fix{}, false
}

// ShareSteps are the steps to share a page or database with a connection;
// name is its bot's name ("" when unknown).
func ShareSteps(name string) []string {
	return []string{
		"Open the page or database in Notion.",
		"Click ••• (top right) → Add connections.",
		"Search for " + quoteName(name) + ", select it, and confirm.",
	}
}

// CapabilityFix is the fix for a capability a connection lacks.
func CapabilityFix(capability, integrationName string) Fix {
	return CapabilityFixFor(capability, Context{IntegrationName: integrationName})
}

// CapabilityFixFor is CapabilityFix worded for c.Audience and c.Kind. A
// personal access token has no capability to turn on: its fix is to make
// a token with the "Notion API" capabilities.
func CapabilityFixFor(capability string, c Context) Fix {
	if c.Kind == notionapi.TokenKindPersonal {
		if capability == CapReadUsers {
			f := Fix{}
			notForPersonalTokensFix(&f)
			return f
		}
		f := Fix{Reason: ReasonMissingCapability, Capability: capability,
			Title:   "The personal access token may not “" + capability + "”",
			Summary: "Personal access tokens get their capabilities when they are made; they cannot be changed afterwards.",
			Steps: []string{
				"Make a new personal access token at " + TokensURL + c.press(ActOpenLink) + " with the “Notion API” capabilities.",
				c.enterTokenStep(c.Kind),
			},
			Actions: []Action{ActReenterToken},
		}
		f.addLink("personal access tokens", TokensURL)
		return f
	}
	f := Fix{Title: "The connection lacks the “" + capability + "” capability"}
	f.Reason, f.Capability = ReasonMissingCapability, capability
	f.Steps = capabilitySteps(capability, c)
	f.Actions = []Action{ActRetry}
	f.addLink("connections in the Developer portal", ConnectionsURL)
	return f
}

// NothingSharedFix explains how to share content with a connection.
func NothingSharedFix(integrationName string) Fix {
	return NothingSharedFixFor(Context{IntegrationName: integrationName})
}

// NothingSharedFixFor is NothingSharedFix worded for c.Audience and
// c.Kind.
func NothingSharedFixFor(c Context) Fix {
	if c.Kind == notionapi.TokenKindPersonal {
		return Fix{
			Reason:  ReasonNothingShared,
			Title:   "No page is visible to you in this workspace",
			Causes:  []string{"a personal access token sees the pages its person can open, in the workspace it was made for; this workspace has none for you yet"},
			Steps:   []string{"Open Notion and check that you are a member of the workspace, with pages you can open.", c.say("Check again"+c.press(ActRetry)+".", "Run the command again.")},
			Actions: []Action{ActRetry},
		}
	}
	return Fix{
		Reason:  ReasonNothingShared,
		Title:   "Nothing is shared with the connection yet",
		Causes:  []string{"a connection sees only the pages and databases shared with it; a new connection sees nothing"},
		Steps:   append(ShareSteps(c.IntegrationName), "Sharing a page also shares everything inside it. "+c.say("Check again"+c.press(ActRetry)+".", "Run the command again.")),
		Actions: []Action{ActRetry},
	}
}
