package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// doctorCommand runs the setup wizard's diagnosis without the TUI: where
// the token comes from and whether it looks right, the API settings in
// effect, who the token is, what the integration may do, and the clock.
func (a *app) doctorCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the token, the API settings and the integration's capabilities",
		Long: "Run the setup wizard's checks without the app: where the token comes from and whether it looks right, " +
			"the base URL and Notion-Version in effect and where they come from, who the token is, what the integration " +
			"may do (read users, read content, insert content), and the clock. Each check that is not fine comes with its fix.\n\n" +
			"Exit status 1 when a check fails (warnings do not count).",
		Example: `
notion-tui --demo doctor
notion-tui doctor --profile prod
NOTION_TOKEN=ntn_sandbox_no_user_information notion-tui --demo doctor
notion-tui --demo doctor --json | jq '.checks[].status'`,
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
			err = r.writeText(a.env.Stdout)
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
)

// check is one line of the diagnosis, with the fix when it is not ok.
type check struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Status  string     `json:"status"`
	Summary string     `json:"summary"`
	Fix     *guide.Fix `json:"-"`
}

// fixJSON is a guided fix for machines.
type fixJSON struct {
	Title  string   `json:"title"`
	Facts  string   `json:"facts,omitempty"`
	Causes []string `json:"causes,omitempty"`
	Steps  []string `json:"steps,omitempty"`
	Link   string   `json:"link,omitempty"`
}

// MarshalJSON adds the fix in its machine form.
func (c check) MarshalJSON() ([]byte, error) {
	type plain check
	out := struct {
		plain
		Fix *fixJSON `json:"fix,omitempty"`
	}{plain: plain(c)}
	if f := c.Fix; f != nil {
		out.Fix = &fixJSON{Title: f.Title, Facts: f.Facts(), Causes: f.Causes, Steps: f.Steps, Link: f.Link}
	}
	return json.Marshal(out)
}

type doctorReport struct {
	Checks []check `json:"checks"`
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
	res, haveToken := r.checkToken(g, env)
	s := &Session{Token: res.Token, TokenSource: res.Source, Profile: res.Profile}
	connErr := s.connect(g, env)
	defer s.Close()
	r.checkBaseURL(s, g)
	r.checkVersion(s)
	gc := guide.Context{TokenSource: s.TokenSource, Version: s.Version, VersionSource: s.VersionSource, BaseURL: s.BaseURL}
	capabilities := []string{guide.CapReadUsers, guide.CapReadContent, guide.CapInsertContent}
	switch {
	case connErr != nil:
		r.skip("the client could not be built: "+connErr.Error(), append([]string{"Integration"}, capabilities...)...)
	case !haveToken:
		r.skip("no token", append([]string{"Integration"}, capabilities...)...)
	default:
		if me := r.checkIdentity(ctx, s.Client, gc); me != nil {
			gc.IntegrationName = me.Name
			r.checkCapabilities(ctx, s.Client, gc)
		} else {
			r.skip("the token could not be verified", capabilities...)
		}
	}
	p := guide.NotProbed(guide.CapUpdateContent)
	r.add(check{Name: checkName(p.Capability), Title: p.Capability, Status: checkSkipped, Summary: p.Detail})
	if connErr != nil {
		r.skip("no usable base URL", "Clock")
	} else {
		r.checkClock(ctx, s.BaseURL, env.Now)
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

// checkToken finds the token as the app would and looks at its form. It
// shows only the token's redacted form.
func (r *doctorReport) checkToken(g *Globals, env *Env) (keystore.Resolved, bool) {
	c := check{Name: "token", Title: "Token"}
	if g.Demo {
		tok, src := demoToken(env)
		c.Status, c.Summary = checkOK, keystore.Redact(tok)+" ("+src+")"
		r.add(c)
		return keystore.Resolved{Token: tok, Source: src}, true
	}
	store, storeErr := openStore(env)
	var (
		res keystore.Resolved
		err error
	)
	if storeErr != nil {
		res, err = resolveForTUI(nil, g, env)
	} else {
		res, err = store.Resolve(env.getenv, g.Profile)
	}
	if err != nil {
		fix := guide.Diagnose(err, guide.Context{})
		if env.getenv(keystore.EnvToken) != "" {
			fix = guide.Fix{
				Title:   keystore.EnvToken + " does not hold a usable token",
				Message: err.Error(),
				Steps: []string{
					"Copy the token again from " + guide.IntegrationsURL + " and set " + keystore.EnvToken + " to it, as one piece.",
					"Or unset " + keystore.EnvToken + " to use a saved profile.",
				},
			}
		}
		c.Status, c.Summary, c.Fix = checkFailed, fix.Title, &fix
		if storeErr != nil {
			c.Summary += " (and no profile store: " + storeErr.Error() + ")"
		}
		r.add(c)
		return res, false
	}
	c.Status, c.Summary = checkOK, keystore.Redact(res.Token)+" ("+res.Source+")"
	var notes []string
	if raw := env.getenv(keystore.EnvToken); raw != "" && raw != res.Token {
		notes = append(notes, keystore.EnvToken+" holds quotes, spaces or “Bearer ” around the token: notion-tui removes them, other tools may not")
	}
	_, warnings, _ := keystore.CleanToken(res.Token)
	notes = append(notes, warnings...)
	if res.Profile != nil && res.Profile.PlainText() {
		notes = append(notes, "the token is stored unencrypted in secrets.json; run the setup again to move it to the OS keyring")
	}
	if len(notes) > 0 {
		c.Status, c.Fix = checkWarning, &guide.Fix{Title: "The token works but needs a look", Steps: notes}
	}
	r.add(c)
	return res, true
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
// whether Notion and notion-tui both speak it.
func (r *doctorReport) checkVersion(s *Session) {
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

// checkIdentity asks who the token is; it returns nil when Notion refused.
func (r *doctorReport) checkIdentity(ctx context.Context, client *notionapi.Client, gc guide.Context) *notionapi.User {
	c := check{Name: "integration", Title: "Integration"}
	me, err := client.GetMe(ctx)
	if err != nil {
		fix := guide.Diagnose(err, gc)
		c.Status, c.Summary, c.Fix = checkFailed, fix.Title, &fix
		r.add(c)
		return nil
	}
	c.Status = checkOK
	c.Summary = "“" + me.Name + "”"
	if me.Bot != nil && me.Bot.WorkspaceName != "" {
		c.Summary += " in " + me.Bot.WorkspaceName
	}
	if me.Bot != nil && me.Bot.Owner != nil {
		if me.Bot.Owner.User != nil {
			c.Summary += ", owned by " + me.Bot.Owner.User.Name
		} else {
			c.Summary += ", owned by the workspace"
		}
	}
	r.add(c)
	return me
}

// checkCapabilities runs the probes at once, as the wizard does. A missing
// "Read content" makes the app useless and fails; the others warn.
func (r *doctorReport) checkCapabilities(ctx context.Context, client *notionapi.Client, gc guide.Context) {
	var (
		wg            sync.WaitGroup
		users, insert guide.Probe
		ds, pages     guide.Count
	)
	wg.Go(func() { users = guide.ProbeUserInfo(ctx, client) })
	wg.Go(func() { ds = guide.CountShared(ctx, client, notionapi.ObjectDataSource, 0) })
	wg.Go(func() { pages = guide.CountShared(ctx, client, notionapi.ObjectPage, 200) })
	wg.Go(func() { insert = guide.ProbeInsert(ctx, client) })
	wg.Wait()
	for _, p := range []guide.Probe{users, guide.ReadContent(ds, pages, client.Version()), insert} {
		r.add(probeCheck(p, gc))
	}
}

func probeCheck(p guide.Probe, gc guide.Context) check {
	c := check{Name: checkName(p.Capability), Title: p.Capability, Summary: p.Detail}
	switch p.State {
	case guide.StateOK:
		c.Status = checkOK
	case guide.StateWarning:
		fix := guide.NothingSharedFix(gc.IntegrationName)
		c.Status, c.Fix = checkWarning, &fix
	case guide.StateFailed:
		fix := guide.CapabilityFix(p.Capability, gc.IntegrationName)
		c.Status, c.Fix = checkWarning, &fix
		if p.Capability == guide.CapReadContent {
			c.Status = checkFailed
		}
	default:
		fix := guide.Diagnose(p.Err, gc)
		c.Status, c.Fix = checkFailed, &fix
	}
	return c
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

// clockSkew returns the server's time minus the local time at the middle
// of a request. The Date header has a resolution of one second.
func clockSkew(ctx context.Context, baseURL string, now func() time.Time) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(baseURL, "/")+"/v1/users/me", nil)
	if err != nil {
		return 0, err
	}
	start := now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	mid := start.Add(now().Sub(start) / 2)
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return 0, errors.New("the answer has no Date header")
	}
	return date.Sub(mid.Truncate(time.Second)), nil
}

// writeText prints one line per check, and the fix under each that is not
// ok.
func (r *doctorReport) writeText(w io.Writer) error {
	var b strings.Builder
	b.WriteString("notion-tui doctor\n\n")
	titleW := 0
	for _, c := range r.Checks {
		titleW = max(titleW, len(c.Title))
	}
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%-8s %-*s  %s\n", c.Status, titleW, c.Title, c.Summary)
		if c.Fix == nil {
			continue
		}
		lines := strings.Split(c.Fix.Text(), "\n")
		if lines[0] == c.Summary {
			lines = lines[1:] // the summary already says it
		}
		for _, l := range lines {
			b.WriteString(strings.Repeat(" ", 11) + l + "\n")
		}
	}
	fmt.Fprintf(&b, "\n%s.\n", r.tally())
	return writeText(w, b.String())
}

func (r *doctorReport) tally() string {
	var parts []string
	for _, s := range []string{checkFailed, checkWarning} {
		if n := r.count(s); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		return "Everything checked is fine"
	}
	return strings.Join(parts, ", ")
}

func (r *doctorReport) writeJSON(w io.Writer) error {
	out := struct {
		OK     bool    `json:"ok"`
		Checks []check `json:"checks"`
	}{!r.failed(), r.Checks}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
