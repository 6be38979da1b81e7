package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// doctorCommand runs the setup wizard's diagnosis without the app: the
// API settings in effect, the token (where it comes from, whether Notion
// accepts it, what kind it is and when it expires), what it may do, the
// clock and the config folder.
func (a *app) doctorCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the token and what it may do",
		Long: "Run the setup wizard's checks without the app: the base URL and Notion-Version in effect and where they " +
			"come from; the token: where it comes from, whether Notion accepts it (GET /v1/users/me), what it is (a personal " +
			"access token, an internal or a public connection) and, for a personal access token, when it expires; what it may " +
			"do (read users, read content; inserting and updating content as the profile recorded them from the first real create and edit); " +
			"the clock; and the config folder. Each check that is not fine comes with its fix.\n\n" +
			"Statuses: ok, warning, failed, skipped (not checked, with the reason) and n/a (not available to this kind of " +
			"token). Exit status 1 when a check fails (warnings do not count); --json carries the same verdicts.",
		Example: `
notion-tui --demo doctor
notion-tui doctor --profile prod
NOTION_TOKEN=ntn_sandbox_personal_access_token notion-tui --demo doctor
notion-tui --demo doctor --json | jq '.checks[] | {name, status}'`,
		Args: noArgs(""),
	}
	out := addOutputFlags(cmd, formatText, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		r := diagnose(ctx, a.g, a.env)
		if ctx.Err() != nil {
			return ctx.Err() // an interrupted check is no verdict
		}
		if format == formatJSON {
			err = r.writeJSON(a.env.Stdout)
		} else {
			width, tty := a.env.TermWidth()
			if !tty {
				width = 0 // piped: one line per check, for grep
			}
			err = r.writeText(a.env.Stdout, width)
		}
		if err != nil {
			return err
		}
		if r.failed() {
			return &exitError{code: exitFailure}
		}
		return nil
	}
	return cmd
}

// Outcomes of a doctor check.
const (
	checkOK      = "ok"
	checkWarning = "warning"
	checkFailed  = "failed"
	checkSkipped = "skipped"
	// checkNotAvailable: the kind of token cannot do it at all (listing
	// users with a personal access token); nothing to fix.
	checkNotAvailable = "n/a"
)

// check is one line of the diagnosis, with the fix when it is not ok and
// a note worth knowing either way.
type check struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Status  string     `json:"status"`
	Summary string     `json:"summary"`
	Notes   []string   `json:"notes,omitempty"`
	Fix     *guide.Fix `json:"-"`
}

// fixJSON is a guided fix for machines.
type fixJSON struct {
	Reason  guide.Reason `json:"reason,omitempty"`
	Title   string       `json:"title"`
	Summary string       `json:"summary,omitempty"`
	Facts   string       `json:"facts,omitempty"`
	Causes  []string     `json:"causes,omitempty"`
	Steps   []string     `json:"steps,omitempty"`
	Link    string       `json:"link,omitempty"`
	Links   []guide.Link `json:"links,omitempty"`
}

// MarshalJSON adds the fix in its machine form.
func (c check) MarshalJSON() ([]byte, error) {
	type plain check
	out := struct {
		plain
		Fix *fixJSON `json:"fix,omitempty"`
	}{plain: plain(c)}
	if f := c.Fix; f != nil {
		out.Fix = &fixJSON{Reason: f.Reason, Title: f.Title, Summary: f.Summary, Facts: f.Facts(), Causes: f.Causes, Steps: f.Steps, Link: f.Link, Links: f.Links}
	}
	return json.Marshal(out)
}

type doctorReport struct {
	Checks []check `json:"checks"`
	// Kind is the kind of the token, as Notion showed it ("" when the
	// token could not be checked).
	Kind notionapi.TokenKind `json:"token_kind,omitempty"`
}

func (r *doctorReport) add(c check) { r.Checks = append(r.Checks, c) }

func (r *doctorReport) count(status string) int {
	n := 0
	for _, c := range r.Checks {
		if c.Status == status {
			n++
		}
	}
	return n
}

func (r *doctorReport) failed() bool { return r.count(checkFailed) > 0 }

// checkMaxWait is the longest wait before a retry that doctor and auth
// status sit through: a longer Retry-After (a workspace's rate limit) is
// reported instead.
const checkMaxWait = 10 * time.Second

// Titles of the checks that depend on a working token.
const (
	titleToken  = "Token"
	titleKind   = "Kind"
	titleExpiry = "Expiry"
)

// capabilityTitles are the checklist's rows, in order.
var capabilityTitles = []string{guide.CapReadUsers, guide.CapReadContent, guide.CapInsertContent, guide.CapUpdateContent}

// diagnose runs every check; a check that needs what an earlier one could
// not provide (a token, a working client) is skipped, saying why.
func diagnose(ctx context.Context, g *Globals, env *Env) *doctorReport {
	r := &doctorReport{}
	if g.Demo {
		stop, err := startDemo(g)
		if err != nil {
			r.add(check{Name: "base_url", Title: "Base URL", Status: checkFailed, Summary: err.Error()})
			return r
		}
		defer stop()
	}
	var (
		store    *keystore.Store
		storeErr error
	)
	if !g.Demo {
		store, storeErr = openStore(env)
	}
	res, tok, haveToken := findToken(g, env, store, storeErr)
	s := &Session{Token: res.Token, TokenSource: res.Source, Profile: res.Profile}
	// A check reports a long rate limit rather than wait it out.
	connErr := s.connect(g, env, notionapi.WithMaxRetryWait(checkMaxWait))
	defer s.Close()
	r.checkBaseURL(s, g)
	versionOK := r.checkVersion(s)
	gc := guide.Context{TokenSource: s.TokenSource, Version: s.Version, VersionSource: s.VersionSource, BaseURL: s.BaseURL}
	if res.Profile != nil {
		gc.Profile = res.Profile.Name
	}
	switch {
	case !haveToken:
		r.add(tok)
		r.skip("no token", append([]string{titleKind}, capabilityTitles...)...)
	case connErr != nil:
		tok.Status, tok.Summary, tok.Fix, tok.Notes = checkSkipped, tok.Summary+": not checked, the client could not be built: "+connErr.Error(), nil, nil
		r.add(tok)
		r.skip("the client could not be built", append([]string{titleKind}, capabilityTitles...)...)
	default:
		var evidence keystore.Writes
		if res.Profile != nil {
			evidence = res.Profile.Writes
		}
		r.checkToken(ctx, s.Client, tok, guide.RecordOf(res.Profile), evidence, gc, env.Now(), versionOK)
	}
	if connErr != nil {
		r.skip("no usable base URL", "Clock")
	} else {
		r.checkClock(ctx, s.BaseURL, env.Now)
	}
	if !g.Demo {
		r.checkConfigFolder(store, storeErr)
	}
	return r
}

// skip records checks that could not run, and why.
func (r *doctorReport) skip(why string, titles ...string) {
	for _, t := range titles {
		r.add(check{Name: checkName(t), Title: t, Status: checkSkipped, Summary: "skipped: " + why})
	}
}

func checkName(title string) string {
	return strings.ReplaceAll(strings.ToLower(title), " ", "_")
}

// findToken finds the token as the app would and looks at its form; the
// check it returns is the token line before Notion is asked. It shows only
// the token's redacted form.
func findToken(g *Globals, env *Env, store *keystore.Store, storeErr error) (keystore.Resolved, check, bool) {
	c := check{Name: checkName(titleToken), Title: titleToken}
	if g.Demo {
		tok, src := demoToken(env)
		res := keystore.Resolved{Token: tok, Source: src}
		c.Status, c.Summary = checkOK, tokenText(res)
		return res, c, true
	}
	var (
		res keystore.Resolved
		err error
	)
	if store == nil {
		res, err = resolveForTUI(nil, g, env)
	} else {
		res, err = store.Resolve(env.getenv, g.Profile)
	}
	if err != nil {
		fix := guide.Diagnose(err, guide.Context{Profile: g.Profile})
		if env.getenv(keystore.EnvToken) != "" {
			fix = guide.Fix{
				Title:   keystore.EnvToken + " does not hold a usable token",
				Message: err.Error(),
				Steps: []string{
					"Copy the token again, as one piece: a personal access token from " + guide.TokensURL + ", or a connection's API token from its Configuration tab at " + guide.ConnectionsURL + ".",
					"Or unset " + keystore.EnvToken + " to use a saved profile.",
				},
			}
		}
		c.Status, c.Summary, c.Fix = checkFailed, fix.Title, &fix
		if errors.Is(err, keystore.ErrProfileNotFound) {
			c.Summary = err.Error()
		}
		if storeErr != nil {
			c.Summary += " (and no profile store: " + storeErr.Error() + ")"
		}
		return res, c, false
	}
	c.Status, c.Summary = checkOK, tokenText(res)
	if raw := env.getenv(keystore.EnvToken); raw != "" && raw != res.Token {
		c.Notes = append(c.Notes, keystore.EnvToken+" holds quotes, spaces or “Bearer ” around the token: notion-tui removes them, other tools may not")
	}
	_, warnings, _ := keystore.CleanToken(res.Token)
	c.Notes = append(c.Notes, warnings...)
	if res.Profile != nil && res.Profile.PlainText() {
		login := "auth login"
		if res.Profile.Kind == keystore.KindOAuth {
			login += " --oauth" // an OAuth token is signed in again, not pasted
		}
		c.Notes = append(c.Notes, "the token is stored unencrypted in secrets.json; `notion-tui "+login+profileFlag(res.Profile.Name)+"` can move it to the OS keyring")
	}
	return res, c, true
}

// tokenText is the token's redacted form and where it came from:
// "ntn_…oken from keyring profile prod".
func tokenText(res keystore.Resolved) string {
	return keystore.Redact(res.Token) + " " + strings.TrimPrefix(res.Source, "token ")
}

// sentence gives a message a capital first and a full stop last.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// profileFlag is " --profile NAME" for a profile other than the default.
func profileFlag(name string) string {
	if name == "" || name == keystore.DefaultProfile {
		return ""
	}
	return " --profile " + name
}

// checkToken asks Notion who the token is (the token line's verdict),
// then what it is, when it expires, and what it may do: what no probe can
// show comes from the evidence the profile recorded from real writes.
func (r *doctorReport) checkToken(ctx context.Context, client *notionapi.Client, tok check, rec guide.TokenRecord, evidence keystore.Writes, gc guide.Context, now time.Time, versionOK bool) {
	tc := guide.CheckToken(ctx, client, rec, gc, now)
	switch {
	case tc.Err != nil:
		// The fix under the line says what happened.
		tok.Status, tok.Fix, tok.Notes = checkFailed, tc.Fix, nil
		if tc.State != guide.StateFailed {
			tok.Summary += ", not checked"
		}
		if tc.Fix.Reason == guide.ReasonVersionRejected && !versionOK {
			// The Notion-Version line says it already.
			tok.Summary, tok.Fix = tok.Summary+": Notion refused the Notion-Version (above)", nil
		}
		r.add(tok)
		why := "the token could not be checked"
		if tc.State == guide.StateFailed {
			why = "Notion did not accept the token"
		}
		r.skip(why, append([]string{titleKind}, capabilityTitles...)...)
		return
	case len(tok.Notes) > 0:
		tok.Status, tok.Summary = checkWarning, tok.Summary+", accepted by Notion"
		steps := make([]string, len(tok.Notes))
		for i, n := range tok.Notes {
			steps[i] = sentence(n)
		}
		tok.Fix = &guide.Fix{Title: "The token works but needs a look", Steps: steps}
		tok.Notes = nil
	default:
		tok.Summary += ", accepted by Notion"
	}
	r.add(tok)

	id := tc.Identity
	r.Kind = id.Kind
	gc.Kind, gc.IntegrationName = id.Kind, id.Name
	kind := check{Name: checkName(titleKind), Title: titleKind, Status: checkOK, Summary: id.Summary()}
	if id.Kind == notionapi.TokenKindUnknown {
		kind.Status, kind.Summary = checkWarning, "not told by Notion: /v1/users/me answered neither a person nor a connection's bot"
	}
	if id.Mismatch != "" {
		article := "a "
		if rec.Kind == notionapi.TokenKindInternal {
			article = "an "
		}
		kind.Notes = append(kind.Notes, "The profile recorded it as "+article+rec.Kind.String()+". "+id.Mismatch+" Log in again to record what it is.")
	}
	cl := guide.RunChecklist(ctx, client, id.Kind)
	cl.ApplyRecorded(evidence)
	kind.Notes = append(kind.Notes, cl.Notes...)
	r.add(kind)
	if id.Kind == notionapi.TokenKindPersonal {
		r.add(expiryCheck(tc, rec))
	}
	for _, p := range cl.Rows {
		r.add(probeCheck(cl, p, gc))
	}
}

// expiryCheck says when a personal access token expires, and where the
// figure comes from.
func expiryCheck(tc guide.TokenCheck, rec guide.TokenRecord) check {
	c := check{Name: checkName(titleExpiry), Title: titleExpiry, Status: checkOK}
	e := tc.Expiry
	switch {
	case e == nil:
		c.Status = checkSkipped
		c.Summary = "not recorded: a personal access token lasts what was chosen when it was made (7, 30, 90 or 180 days, or 1 year); " +
			"`notion-tui auth login` records it"
		return c
	case e.Expired():
		c.Summary = "the recorded date says it " + e.Text() + ", but Notion still accepts it: the recorded date or lifetime is wrong"
		c.Notes = []string{"Log in again to record when it was made and how long it lasts."}
		return c
	}
	c.Summary = e.Text() + " (" + madeText(*e) + ")"
	if tc.Fix != nil && tc.Fix.Reason == guide.ReasonTokenExpiring {
		c.Status, c.Fix = checkWarning, tc.Fix
	}
	return c
}

// madeText says where an expiry comes from: the day the token was made
// and its lifetime, as recorded at login.
func madeText(e guide.Expiry) string {
	s := "made on " + e.Created.Local().Format("2006-01-02")
	if e.Assumed {
		return s + " as recorded at login; Notion's default lifetime of 1 year assumed"
	}
	return s + " to last " + e.Lifetime.String() + ", as recorded at login; lifetimes from Notion's guide to personal access tokens"
}

// checkBaseURL says where requests go and from which setting.
func (r *doctorReport) checkBaseURL(s *Session, g *Globals) {
	c := check{Name: "base_url", Title: "Base URL", Status: checkOK}
	src := "default"
	switch {
	case g.BaseURLSource != "":
		src = g.BaseURLSource
	case s.Profile != nil && s.Profile.BaseURL != "":
		src = "profile " + s.Profile.Name
	}
	c.Summary = s.BaseURL + " (" + src + ")"
	u, err := notionapi.ParseBaseURL(s.BaseURL)
	switch {
	case err != nil:
		c.Status = checkFailed
		c.Fix = &guide.Fix{Title: "The base URL cannot be used", Message: err.Error(), Steps: []string{
			"Use https://api.notion.com (drop --base-url and NOTION_BASE_URL), or http:// only for a sandbox on this machine (127.0.0.1, ::1, localhost).",
		}}
	case u.Hostname() != "api.notion.com" && !isLoopback(u.Hostname()):
		c.Status = checkWarning
		c.Fix = &guide.Fix{Title: "Requests go to " + u.Hostname() + ", not Notion", Steps: []string{
			"If this is not a proxy you trust with the token, drop --base-url and NOTION_BASE_URL.",
		}}
	case isLoopback(u.Hostname()):
		c.Summary += ", on this machine"
	}
	r.add(c)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkVersion says which Notion-Version is sent, where it comes from, and
// whether Notion and notion-tui both speak it; false when it fails.
func (r *doctorReport) checkVersion(s *Session) bool {
	c := check{Name: "notion_version", Title: "Notion-Version", Status: checkOK}
	c.Summary = s.Version + " (" + s.VersionSource + ")"
	gc := guide.Context{Version: s.Version, VersionSource: s.VersionSource}
	switch {
	case s.Version == "" || !notionapi.IsKnownVersion(s.Version):
		fix := guide.VersionFix(gc)
		c.Status, c.Fix = checkFailed, &fix
		if s.Version == "" {
			c.Summary = "none sent (" + s.VersionSource + ")"
		}
	case !slices.Contains(notionapi.SupportedVersions, s.Version):
		c.Status = checkWarning
		c.Fix = &guide.Fix{
			Title: "Notion accepts " + s.Version + ", but notion-tui reads its answers as " + notionapi.Version20220628,
			Steps: []string{"Use " + notionapi.DefaultVersion + " (the newest) unless a script needs this one: change " + sourceSetting(s.VersionSource) + "."},
		}
	case s.Version != notionapi.DefaultVersion:
		c.Summary += "; the newest is " + notionapi.DefaultVersion
	}
	r.add(c)
	return c.Status != checkFailed
}

// sourceSetting names the setting a value came from, for a fix.
func sourceSetting(source string) string {
	switch {
	case strings.HasPrefix(source, "flag "):
		return strings.TrimPrefix(source, "flag ")
	case strings.HasPrefix(source, "profile "):
		return "the " + source + " (log in to it again)"
	}
	return source
}

// probeCheck turns a checklist row into a doctor line: "Read content"
// refused or not checked fails (the app is of no use without it); the
// other refusals warn; a row that only a real write can check is
// skipped, saying so; what the kind of token cannot do is n/a.
func probeCheck(cl guide.Checklist, p guide.Probe, gc guide.Context) check {
	c := check{Name: checkName(p.Capability), Title: p.Capability, Summary: p.Detail}
	if fix, ok := cl.Fix(p, gc); ok {
		c.Fix = &fix
	}
	switch {
	case p.State == guide.StateOK:
		c.Status = checkOK
	case p.State == guide.StateNotAvailable:
		c.Status = checkNotAvailable
	case p.Pending():
		c.Status = checkSkipped
	case p.State == guide.StateWarning:
		c.Status = checkWarning
	case p.State == guide.StateFailed && p.Capability != guide.CapReadContent:
		c.Status = checkWarning
	default:
		c.Status = checkFailed
	}
	return c
}

// checkConfigFolder says where profiles are kept, and what in the folder
// other users can read.
func (r *doctorReport) checkConfigFolder(store *keystore.Store, storeErr error) {
	c := check{Name: "config_folder", Title: "Config folder", Status: checkOK}
	if storeErr != nil {
		c.Status, c.Summary = checkWarning, "none usable: "+storeErr.Error()
		c.Fix = &guide.Fix{Title: "Profiles cannot be saved on this machine", Steps: []string{
			"Set XDG_CONFIG_HOME (or HOME) to a folder you own, or use NOTION_TOKEN.",
		}}
		r.add(c)
		return
	}
	c.Summary = store.Dir()
	if w := store.Warnings(); len(w) > 0 {
		c.Status = checkWarning
		c.Fix = &guide.Fix{Title: "Other users may read files in the config folder", Steps: append(w,
			"The next save restricts them, or run: chmod 700 "+store.Dir()+" && chmod 600 "+store.Dir()+"/*.json")}
	}
	r.add(c)
}

// clockSkewLimit is how far the local clock may drift from Notion's before
// doctor warns: relative date filters and OAuth expiry use Notion's clock.
const clockSkewLimit = 30 * time.Second

// checkClock compares the local clock with the Date header of an
// unauthenticated request to the API (no token is sent).
func (r *doctorReport) checkClock(ctx context.Context, baseURL string, now func() time.Time) {
	c := check{Name: "clock", Title: "Clock"}
	skew, err := clockSkew(ctx, baseURL, now)
	switch {
	case err != nil:
		c.Status, c.Summary = checkSkipped, "could not read the server's clock: "+err.Error()
	case skew.Abs() <= clockSkewLimit:
		c.Status, c.Summary = checkOK, "within "+max(time.Second, skew.Abs().Round(time.Second)).String()+" of the server's clock"
	default:
		dir := "ahead of"
		if skew > 0 {
			dir = "behind"
		}
		c.Status = checkWarning
		c.Summary = "this machine's clock is " + skew.Abs().Round(time.Second).String() + " " + dir + " the server's"
		c.Fix = &guide.Fix{
			Title:  "The clock is off",
			Causes: []string{"relative date filters (today, past_week) are computed on Notion's clock, and OAuth tokens expire by it"},
			Steps:  []string{"Turn on automatic time (timedatectl set-ntp true; on macOS and Windows, Date & Time settings)."},
		}
	}
	r.add(c)
}

// clockSkew returns the server's time minus the local time, as read from
// the Date header of one answer: the value the measure allows with the
// fewest digits (see roundest).
//
// Date has whole seconds, rounded down, and was written between the
// local times the request was sent and its answer arrived, so the offset
// lies in [Date − received, Date + 1s − sent], an interval at least a
// second wide (the method of notionapi's clock).
func clockSkew(ctx context.Context, baseURL string, now func() time.Time) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(baseURL, "/")+"/v1/users/me", nil)
	if err != nil {
		return 0, err
	}
	// The request carries no token, and the Date read is the base URL's
	// own answer's, not of where it redirects. A connection of its own:
	// nothing closing http.DefaultTransport's idle connections breaks it,
	// and nothing is set up at start-up for a check that runs once.
	client := &http.Client{
		Transport:     &http.Transport{Proxy: http.ProxyFromEnvironment},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	sent := now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	received := now()
	resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return 0, errors.New("the answer has no Date header")
	}
	return roundest(date.Sub(received), date.Add(time.Second).Sub(sent)), nil
}

// roundest is the duration between lo and hi with the fewest digits: a
// whole number of hours, else of minutes, else of seconds, nearest the
// middle. An offset of exactly two hours reads "2h0m0s" however long the
// request took, where the middle of the interval may be a second off.
func roundest(lo, hi time.Duration) time.Duration {
	mid := lo + (hi-lo)/2
	for _, unit := range []time.Duration{time.Hour, time.Minute, time.Second} {
		if r := mid.Round(unit); r >= lo && r <= hi {
			return r
		}
	}
	return mid.Round(time.Second)
}

// writeText prints one line per check, and the fix under each that is not
// ok. In a terminal of width columns (0: piped, no wrapping) a long line
// wraps at a space, its continuation under its text, rather than where
// the terminal cuts it mid-word.
func (r *doctorReport) writeText(w io.Writer, width int) error {
	var b strings.Builder
	b.WriteString("notion-tui doctor\n\n")
	titleW := 0
	for _, c := range r.Checks {
		titleW = max(titleW, len(c.Title))
	}
	for i := 0; i < len(r.Checks); i++ {
		c := r.Checks[i]
		if titles, n := r.skippedRun(i); n > 1 {
			// Checks skipped for one reason share a line.
			b.WriteString(hangLine(fmt.Sprintf("%-8s ", checkSkipped), textutil.Join(titles, "and")+": "+strings.TrimPrefix(c.Summary, "skipped: "), width))
			i += n - 1
			continue
		}
		b.WriteString(hangLine(fmt.Sprintf("%-8s %-*s  ", c.Status, titleW, c.Title), c.Summary, width))
		for _, n := range c.Notes {
			// Notes wrap at 68 columns piped too: they are prose.
			b.WriteString(hangLine(strings.Repeat(" ", 11)+"- ", n, cmp.Or(width, 11+2+68)))
		}
		if c.Fix == nil {
			continue
		}
		lines := strings.Split(c.Fix.Text(), "\n")
		if lines[0] == c.Summary {
			lines = lines[1:] // the summary already says it
		}
		for _, l := range lines {
			// A step's continuation goes under its text, past "1. " or "- ".
			body := strings.TrimLeft(l, " ")
			lead := strings.Repeat(" ", 11+len(l)-len(body))
			if m := listMark(body); m != "" {
				lead, body = lead+m, body[len(m):]
			}
			b.WriteString(hangLine(lead, body, width))
		}
	}
	fmt.Fprintf(&b, "\n%s.\n", r.tally())
	return writeText(w, b.String())
}

// skippedRun returns the titles of the checks from i on that were
// skipped for the same reason as check i, and how many there are.
func (r *doctorReport) skippedRun(i int) ([]string, int) {
	first := r.Checks[i]
	if first.Status != checkSkipped || !strings.HasPrefix(first.Summary, "skipped: ") {
		return nil, 0
	}
	var titles []string
	for _, c := range r.Checks[i:] {
		if c.Status != checkSkipped || c.Summary != first.Summary {
			break
		}
		titles = append(titles, c.Title)
	}
	return titles, len(titles)
}

func (r *doctorReport) tally() string {
	var parts []string
	if n := r.count(checkFailed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", n))
	}
	if n := r.count(checkWarning); n > 0 {
		parts = append(parts, textutil.Plural(n, "warning", "warnings"))
	}
	if len(parts) == 0 {
		return "Everything checked is fine"
	}
	return strings.Join(parts, ", ")
}

func (r *doctorReport) writeJSON(w io.Writer) error {
	out := struct {
		OK     bool                `json:"ok"`
		Kind   notionapi.TokenKind `json:"token_kind,omitempty"`
		Checks []check             `json:"checks"`
	}{!r.failed(), r.Kind, r.Checks}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// listMark is the marker a fix's step or cause starts with ("1. ",
// "- "), or "".
func listMark(s string) string {
	if strings.HasPrefix(s, "- ") {
		return "- "
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(s[i:], ". ") {
		return s[:i+2]
	}
	return ""
}

// hangLine is lead and text, ending in a newline; in a terminal (width
// set) a line too wide wraps at spaces under its text (textwrap.Hang).
func hangLine(lead, text string, width int) string {
	return textwrap.Hang(lead, strings.Repeat(" ", textwrap.Width(lead)), text, width)
}
