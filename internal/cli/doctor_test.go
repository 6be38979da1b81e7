package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// runDoctor runs `notion-tui doctor args...` with only the given
// environment and a config folder of its own; it returns the exit status
// and the output.
func runDoctor(t *testing.T, vars map[string]string, now func() time.Time, args ...string) (int, string) {
	t.Helper()
	return runDoctorIn(t, 0, vars, now, args...)
}

// runDoctorIn is runDoctor with stdout a terminal width columns wide (0:
// piped).
func runDoctorIn(t *testing.T, width int, vars map[string]string, now func() time.Time, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{
		Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(""),
		LookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		Now:       now,
		ConfigDir: privateDir(t),
		keyring:   keyringtest.New(),
		TermWidth: func() (int, bool) { return width, width > 0 },
	}
	code := Main(append([]string{"doctor"}, args...), env)
	if errOut.Len() > 0 {
		t.Logf("stderr: %s", errOut.String())
	}
	return code, out.String()
}

// privateDir is a temporary folder of mode 0700, as the store makes its
// own: doctor warns of a config folder other users can read.
func privateDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// statusOf returns the status word of a check's line in the text output;
// checks skipped for one reason share a line ("skipped  Kind, Read
// content and …: why").
func statusOf(t *testing.T, out, title string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		rest := strings.Join(f[1:], " ")
		if strings.HasPrefix(rest, title+" ") {
			return f[0]
		}
		if f[0] == "skipped" {
			if titles, _, ok := strings.Cut(rest, ": "); ok {
				for _, t := range strings.Split(strings.ReplaceAll(titles, " and ", ", "), ", ") {
					if t == title {
						return f[0]
					}
				}
			}
		}
	}
	t.Fatalf("no %q line in:\n%s", title, out)
	return ""
}

func TestDoctor(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	empty := notiontest.Start(t, notiontest.Options{Empty: true})
	base := func(token string) map[string]string {
		return map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "100"}
	}
	with := func(m map[string]string, k, v string) map[string]string { m[k] = v; return m }
	tests := []struct {
		name   string
		vars   map[string]string
		code   int
		status map[string]string // check title → status
		says   []string
		not    []string
	}{
		{"healthy", base(notiontest.TokenFull), 0,
			map[string]string{"Token": "ok", "Base URL": "ok", "Notion-Version": "ok", "Kind": "ok",
				"Read user information": "ok", "Read content": "ok", "Insert content": "skipped", "Update content": "skipped", "Clock": "ok", "Config folder": "ok"},
			[]string{"ntn_…oken from NOTION_TOKEN, accepted by Notion", "internal connection “notion-tui Demo” in Acme Labs", "8 data sources and 200+ pages shared",
				"checked on the first create", "checked on the first edit", ", on this machine", "Everything checked is fine"},
			[]string{"granted", "works"}},
		{"revoked", base(notiontest.TokenRevoked), 1,
			map[string]string{"Token": "failed", "Kind": "skipped", "Read content": "skipped"},
			[]string{"The token was rejected (401 unauthorized)", "update every environment", "Notion did not accept the token"},
			[]string{"accepted by Notion", "Integration"}},
		{"personal access token", base(notiontest.TokenPersonal), 0,
			map[string]string{"Token": "ok", "Kind": "ok", "Expiry": "skipped", "Read user information": "n/a", "Read content": "ok"},
			[]string{"personal access token of Maya Chen", "listing users is not available to personal access tokens", "pages visible", "Workspace policy", "not recorded"},
			[]string{"Add connections", "not granted", "shared"}},
		{"no_user_information", base(notiontest.TokenNoUserInfo), 0,
			map[string]string{"Read user information": "warning", "Read content": "ok"},
			[]string{"On its Configuration tab, turn on “Read user information”", "“notion-tui Demo”", guide.ConnectionsURL},
			nil},
		{"read_only", base(notiontest.TokenReadOnly), 0,
			map[string]string{"Insert content": "warning"},
			[]string{"creating pages will fail", "turn on “Insert content”"}, nil},
		{"no_content", base(notiontest.TokenNoContent), 1,
			map[string]string{"Read content": "failed"},
			[]string{"turn on “Read content”"}, nil},
		{"nothing_shared", with(base(notiontest.TokenFull), "NOTION_BASE_URL", empty.URL()), 0,
			map[string]string{"Read content": "warning"},
			[]string{"Nothing is shared with the connection yet", "••• (top right) → Add connections"}, nil},
		{"missing_version", with(base(notiontest.TokenFull), "NOTION_VERSION", ""), 1,
			map[string]string{"Notion-Version": "failed", "Token": "failed", "Kind": "skipped"},
			[]string{"none sent (NOTION_VERSION)", "NOTION_VERSION is set but empty", "Notion refused the Notion-Version (above)"}, nil},
		{"unknown_version", with(base(notiontest.TokenFull), "NOTION_VERSION", "2021-01-01"), 1,
			map[string]string{"Notion-Version": "failed"},
			[]string{"2021-01-01 is not a version Notion accepts", "2022-06-28, 2025-09-03, 2026-03-11"}, nil},
		{"old_version", with(base(notiontest.TokenFull), "NOTION_VERSION", "2021-08-16"), 0,
			map[string]string{"Notion-Version": "warning", "Token": "ok"},
			[]string{"reads its answers as 2022-06-28"}, nil},
		{"older_supported_version", with(base(notiontest.TokenFull), "NOTION_VERSION", notionapi.Version20220628), 0,
			map[string]string{"Notion-Version": "ok", "Read content": "ok"},
			[]string{"the newest is " + notionapi.DefaultVersion, "6 databases and"}, nil},
		{"no_token", map[string]string{"NOTION_BASE_URL": srv.URL()}, 1,
			map[string]string{"Token": "failed", "Kind": "skipped", "Clock": "ok"},
			[]string{"No Notion token is set up", "skipped  Kind, Read user information, Read content, Insert content and Update content: no token"}, nil},
		{"unknown profile", map[string]string{"NOTION_BASE_URL": srv.URL(), "NOTION_PROFILE": "nope"}, 1,
			map[string]string{"Token": "failed"},
			[]string{`profile not found: "nope" (no profiles saved yet)`}, nil},
		{"broken_token", base("ntn_abc def"), 1,
			map[string]string{"Token": "failed"},
			[]string{"NOTION_TOKEN does not hold a usable token", "white space"}, nil},
		{"decorated_token", base(`"Bearer ` + notiontest.TokenFull + `"`), 0,
			map[string]string{"Token": "warning", "Kind": "ok"},
			[]string{"quotes, spaces or “Bearer ” around the token"}, nil},
		{"plain_http_base_url", with(base(notiontest.TokenFull), "NOTION_BASE_URL", "http://example.com"), 1,
			map[string]string{"Base URL": "failed", "Token": "skipped", "Kind": "skipped", "Clock": "skipped"},
			[]string{"The base URL cannot be used"}, nil},
		{"connection_refused", with(base(notiontest.TokenFull), "NOTION_BASE_URL", "http://127.0.0.1:9"), 1,
			map[string]string{"Token": "failed", "Kind": "skipped", "Clock": "skipped"},
			[]string{"not checked", "Could not reach 127.0.0.1:9: connection refused", "notion-tui sandbox"}, []string{"accepted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out := runDoctor(t, tc.vars, time.Now)
			if code != tc.code {
				t.Errorf("exit status %d, want %d:\n%s", code, tc.code, out)
			}
			for title, want := range tc.status {
				if got := statusOf(t, out, title); got != want {
					t.Errorf("%s: %s, want %s:\n%s", title, got, want, out)
				}
			}
			for _, s := range tc.says {
				if !strings.Contains(out, s) {
					t.Errorf("the output does not say %q:\n%s", s, out)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(out, s) {
					t.Errorf("the output says %q:\n%s", s, out)
				}
			}
			assertNoToken(t, out)
			assertNothingTwice(t, out)
		})
	}
}

// assertNothingTwice fails when a verdict or a fix's title or summary
// appears twice (two fixes may share a step, such as where a connection's
// capabilities are set).
func assertNothingTwice(t *testing.T, out string) {
	t.Helper()
	seen := map[string]bool{}
	steps := regexp.MustCompile(`^(\d+\. |- )`)
	for _, line := range strings.Split(out, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case l == "", l == "Likely causes:", l == "To fix it:", l == "See:", steps.MatchString(l):
			continue
		}
		if seen[l] {
			t.Errorf("%q is said twice:\n%s", l, out)
		}
		seen[l] = true
	}
}

// TestDoctorScenarios runs doctor with each of the sandbox's scenario
// tokens: the verdict of each line and the exit status follow what the
// token may do, and no token is ever printed.
func TestDoctorScenarios(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	want := map[string]struct {
		code   int
		status map[string]string
		says   string
	}{
		notiontest.TokenFull:       {0, map[string]string{"Token": "ok", "Read content": "ok", "Insert content": "skipped"}, "internal connection"},
		notiontest.TokenRevoked:    {1, map[string]string{"Token": "failed", "Read content": "skipped"}, "401 unauthorized"},
		notiontest.TokenNoUserInfo: {0, map[string]string{"Read user information": "warning"}, "people are shown by ID only"},
		notiontest.TokenReadOnly:   {0, map[string]string{"Insert content": "warning"}, "creating pages will fail"},
		notiontest.TokenNoContent:  {1, map[string]string{"Read content": "failed"}, "nothing can be read"},
		notiontest.TokenPersonal:   {0, map[string]string{"Kind": "ok", "Read user information": "n/a", "Expiry": "skipped"}, "personal access token of Maya Chen"},
		notiontest.TokenInsertOnly: {1, map[string]string{"Read content": "failed", "Insert content": "skipped"}, "checked on the first create"},
		notiontest.TokenUpdateOnly: {1, map[string]string{"Read content": "failed", "Insert content": "warning"}, "creating pages will fail"},
		notiontest.TokenNoComments: {0, map[string]string{"Read content": "ok"}, "Everything checked is fine"},
		// The probe of "Insert content" sends no parent: it cannot meet
		// the block limit, which the first real create reports.
		notiontest.TokenBlockLimit:       {0, map[string]string{"Insert content": "skipped"}, "checked on the first create"},
		notiontest.TokenCommitThen503:    {0, map[string]string{"Read content": "ok"}, "Everything checked is fine"},
		notiontest.TokenWorkspaceLimited: {1, map[string]string{"Token": "failed", "Kind": "skipped"}, "limit for the whole workspace"},
		notiontest.TokenRateWindow:       {0, map[string]string{"Read content": "ok"}, "Everything checked is fine"},
	}
	for _, sc := range notiontest.Scenarios() {
		w, ok := want[sc.Token]
		if !ok {
			t.Errorf("scenario %q has no expectation", sc.Name)
			continue
		}
		t.Run(sc.Name, func(t *testing.T) {
			vars := map[string]string{"NOTION_TOKEN": sc.Token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
			code, out := runDoctor(t, vars, time.Now)
			if code != w.code {
				t.Errorf("exit %d, want %d:\n%s", code, w.code, out)
			}
			for title, st := range w.status {
				if got := statusOf(t, out, title); got != st {
					t.Errorf("%s: %s, want %s:\n%s", title, got, st, out)
				}
			}
			if !strings.Contains(out, w.says) {
				t.Errorf("the output does not say %q:\n%s", w.says, out)
			}
			if strings.Contains(out, strings.TrimPrefix(sc.Token, keystore.PrefixNTN)) {
				t.Errorf("the token is printed:\n%s", out)
			}
			assertNothingTwice(t, out)
		})
	}
}

// assertNoToken fails when a sandbox token appears in out, whole or
// without its prefix.
func assertNoToken(t *testing.T, out string) {
	t.Helper()
	for _, sc := range notiontest.Scenarios() {
		tok := sc.Token
		if strings.Contains(out, strings.TrimPrefix(tok, keystore.PrefixNTN)) {
			t.Fatalf("the output shows the token %q:\n%s", keystore.Redact(tok), out)
		}
	}
}

// doctorJSON is doctor --json's output.
type doctorJSON struct {
	OK     bool   `json:"ok"`
	Kind   string `json:"token_kind"`
	Checks []struct {
		Name, Title, Status, Summary string
		Notes                        []string `json:"notes"`
		Fix                          *struct {
			Reason string   `json:"reason"`
			Title  string   `json:"title"`
			Facts  string   `json:"facts"`
			Causes []string `json:"causes"`
			Steps  []string `json:"steps"`
			Link   string   `json:"link"`
		} `json:"fix"`
	} `json:"checks"`
}

func TestDoctorJSON(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	vars := func(token string) map[string]string {
		return map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "100"}
	}
	code, out := runDoctor(t, vars(notiontest.TokenNoUserInfo), time.Now, "--json")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var got doctorJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if !got.OK || got.Kind != "internal" || len(got.Checks) != 10 {
		t.Fatalf("ok %v, kind %q, %d checks:\n%s", got.OK, got.Kind, len(got.Checks), out)
	}
	byName := map[string]int{}
	for i, c := range got.Checks {
		byName[c.Name] = i
	}
	users := got.Checks[byName["read_user_information"]]
	if users.Status != "warning" || users.Fix == nil || users.Fix.Link != guide.ConnectionsURL || users.Fix.Reason != "missing_capability" || len(users.Fix.Steps) != 3 {
		t.Errorf("read_user_information: %+v", users)
	}
	if tok := got.Checks[byName["token"]]; tok.Status != "ok" || tok.Fix != nil {
		t.Errorf("token: %+v", tok)
	}
	if ins := got.Checks[byName["insert_content"]]; ins.Status != "skipped" || ins.Summary != "checked on the first create" {
		t.Errorf("insert_content: %+v", ins)
	}
	assertNoToken(t, out)

	code, out = runDoctor(t, vars(notiontest.TokenRevoked), time.Now, "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	tok := got.Checks[2]
	if code != 1 || got.OK || tok.Name != "token" || tok.Status != "failed" || tok.Fix == nil || !strings.HasPrefix(tok.Fix.Facts, "GET /v1/users/me → 401 unauthorized") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	assertNoToken(t, out)
}

// TestDoctorJSONHasTheTextsVerdicts checks that --json and the text
// output give every check the same status, for each kind of token.
func TestDoctorJSONHasTheTextsVerdicts(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	for _, token := range []string{notiontest.TokenFull, notiontest.TokenPersonal, notiontest.TokenRevoked, notiontest.TokenReadOnly} {
		vars := map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
		textCode, text := runDoctor(t, vars, time.Now)
		jsonCode, out := runDoctor(t, vars, time.Now, "--json")
		var got doctorJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if textCode != jsonCode || got.OK != (jsonCode == 0) {
			t.Errorf("%s: text exits %d, json %d with ok %v", keystore.Redact(token), textCode, jsonCode, got.OK)
		}
		for _, c := range got.Checks {
			if st := statusOf(t, text, c.Title); st != c.Status {
				t.Errorf("%s: %s is %s in the text, %s in JSON", keystore.Redact(token), c.Title, st, c.Status)
			}
		}
	}
}

func TestDoctorWarnsOfClockSkew(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "100"}
	for _, tc := range []struct {
		offset time.Duration
		status string
		says   string
	}{
		{0, "ok", "within 1s of the server's clock"},
		{10 * time.Second, "ok", "of the server's clock"},
		{5 * time.Minute, "warning", "this machine's clock is 5m0s ahead of the server's"},
		{-2 * time.Hour, "warning", "this machine's clock is 2h0m0s behind the server's"},
	} {
		code, out := runDoctor(t, vars, func() time.Time { return time.Now().Add(tc.offset) })
		if got := statusOf(t, out, "Clock"); got != tc.status || !strings.Contains(out, tc.says) {
			t.Errorf("offset %s: %s:\n%s", tc.offset, got, out)
		}
		if code != 0 {
			t.Errorf("a clock skew alone failed the run: exit %d", code)
		}
	}
}

func TestDoctorReadsTheStoredProfile(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	dir := t.TempDir()
	st, err := keystore.Open(keystore.Options{Dir: dir, Keyring: keyringtest.New()})
	if err != nil {
		t.Fatal(err)
	}
	p := keystore.Profile{Name: "sandbox", Storage: keystore.StorageFile, BaseURL: srv.URL(), NotionVersion: notionapi.Version20250903}
	if err := st.Save(p, keystore.Secret{Token: notiontest.TokenFull}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	lookup := func(k string) (string, bool) {
		if k == "NOTION_RATE" {
			return "100", true
		}
		return "", false
	}
	env := &Env{Stdout: &out, Stderr: &out, LookupEnv: lookup, ConfigDir: dir, keyring: keyringtest.New()}
	if code := Main([]string{"doctor"}, env); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"ntn_…oken from file profile sandbox (stored in plain text), accepted by Notion",
		"The token is stored unencrypted in secrets.json",
		srv.URL() + " (profile sandbox)",
		"2025-09-03 (profile sandbox)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("%q is missing:\n%s", want, s)
		}
	}
	if got := statusOf(t, s, "Token"); got != "warning" {
		t.Errorf("a plain-text token is %s, want warning", got)
	}
	assertNoToken(t, s)
}

// storedProfile saves a profile holding token in a config folder of its
// own, and returns the folder.
func storedProfile(t *testing.T, p keystore.Profile, token string) string {
	t.Helper()
	dir := privateDir(t)
	st, err := keystore.Open(keystore.Options{Dir: dir, Keyring: keyringtest.New()})
	if err != nil {
		t.Fatal(err)
	}
	p.Storage = keystore.StorageFile
	if err := st.Save(p, keystore.Secret{Token: token}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// doctorIn runs doctor with the config folder dir and no NOTION_TOKEN,
// at the time now.
func doctorIn(t *testing.T, dir string, now time.Time, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	lookup := func(k string) (string, bool) {
		if k == "NOTION_RATE" {
			return "1000", true
		}
		return "", false
	}
	env := &Env{Stdout: &out, Stderr: &out, LookupEnv: lookup, ConfigDir: dir, Now: func() time.Time { return now }, keyring: keyringtest.New()}
	code := Main(append([]string{"doctor"}, args...), env)
	return code, out.String()
}

// TestDoctorWarnsBeforeAPersonalTokenExpires reads the creation day and
// lifetime recorded at login: a warning in the last quarter of the
// lifetime (two weeks at most), saying where the figures come from.
func TestDoctorWarnsBeforeAPersonalTokenExpires(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	made := time.Date(2026, 3, 1, 12, 0, 0, 0, time.Local)
	dir := storedProfile(t, keystore.Profile{Name: keystore.DefaultProfile, BaseURL: srv.URL(),
		TokenKind: "personal", TokenCreated: made, TokenLifetime: "30d"}, notiontest.TokenPersonal)

	code, out := doctorIn(t, dir, made.AddDate(0, 0, 10))
	if code != 0 || statusOf(t, out, "Expiry") != "ok" {
		t.Errorf("20 days left: exit %d\n%s", code, out)
	}
	wantContains(t, "20 days left", out, "expires on 2026-03-31 (in 20 days)", "made on 2026-03-01 to last 30 days, as recorded at login", "Notion's guide to personal access tokens")

	code, out = doctorIn(t, dir, made.AddDate(0, 0, 27))
	if code != 0 || statusOf(t, out, "Expiry") != "warning" {
		t.Errorf("3 days left: exit %d\n%s", code, out)
	}
	wantContains(t, "3 days left", out, "expires on 2026-03-31 (in 3 days)", guide.PersonalTokensDocURL, guide.TokensURL)

	// Notion still accepts it after the recorded end: the record is wrong,
	// and nothing fails for it.
	code, out = doctorIn(t, dir, made.AddDate(0, 0, 40))
	if code != 0 || statusOf(t, out, "Expiry") != "ok" {
		t.Errorf("past the recorded end: exit %d\n%s", code, out)
	}
	wantContains(t, "past the recorded end", out, "but Notion still accepts it", "Log in again")
	assertNoToken(t, out)
}

// TestDoctorExplainsAKindOtherThanRecorded: a profile recorded as an
// internal connection whose token is a personal access token.
func TestDoctorExplainsAKindOtherThanRecorded(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	dir := storedProfile(t, keystore.Profile{Name: "work", BaseURL: srv.URL(), TokenKind: "internal"}, notiontest.TokenPersonal)
	code, out := doctorIn(t, dir, time.Now(), "--profile", "work")
	if code != 0 || statusOf(t, out, "Kind") != "ok" {
		t.Errorf("exit %d\n%s", code, out)
	}
	wantContains(t, "doctor", out, "personal access token of Maya Chen", "The profile recorded it as an internal connection", "not a connection's")
}

// TestDoctorWarnsOfAnOpenConfigFolder shows the store's own warnings.
func TestDoctorWarnsOfAnOpenConfigFolder(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	dir := storedProfile(t, keystore.Profile{Name: keystore.DefaultProfile, BaseURL: srv.URL()}, notiontest.TokenFull)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	code, out := doctorIn(t, dir, time.Now())
	if code != 0 || statusOf(t, out, "Config folder") != "warning" {
		t.Errorf("exit %d\n%s", code, out)
	}
	wantContains(t, "doctor", out, "Other users may read files in the config folder", "mode 0755", "chmod 700 "+dir)
}

// TestDoctorOnTheDemo checks that --demo is honoured: the sandbox, its
// token, and a scenario token from NOTION_TOKEN; no config folder.
func TestDoctorOnTheDemo(t *testing.T) {
	t.Parallel()
	code, out := runDoctor(t, nil, time.Now, "--demo")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	wantContains(t, "--demo doctor", out, "(demo sandbox), on this machine", "from the demo sandbox, accepted by Notion", "internal connection “notion-tui Demo”")
	if strings.Contains(out, "Config folder") {
		t.Errorf("the demo has no config folder:\n%s", out)
	}
	code, out = runDoctor(t, map[string]string{"NOTION_TOKEN": notiontest.TokenPersonal}, time.Now, "--demo")
	if code != 0 || !strings.Contains(out, "personal access token of Maya Chen") {
		t.Errorf("exit %d\n%s", code, out)
	}
	assertNoToken(t, out)
}

// TestDoctorShowsRecordedWriteEvidence: what the first real create and
// edit showed, recorded in the profile, replaces "checked on the first
// create" in the text and in --json; never "granted" without it.
func TestDoctorShowsRecordedWriteEvidence(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	seen := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	dir := storedProfile(t, keystore.Profile{Name: keystore.DefaultProfile, BaseURL: srv.URL(), Writes: keystore.Writes{
		InsertContent: keystore.Evidence{State: keystore.EvidenceGranted, Seen: seen},
		UpdateContent: keystore.Evidence{State: keystore.EvidenceRefused, Seen: seen},
	}}, notiontest.TokenFull)

	code, out := doctorIn(t, dir, seen.Add(time.Hour))
	if code != 0 || statusOf(t, out, guide.CapInsertContent) != "ok" || statusOf(t, out, guide.CapUpdateContent) != "warning" {
		t.Errorf("exit %d\n%s", code, out)
	}
	wantContains(t, "text", out, "granted (seen 2026-12-05)", "refused (403, seen 2026-12-05)")
	if strings.Contains(out, guide.DetailFirstCreate) || strings.Contains(out, guide.DetailFirstEdit) {
		t.Errorf("recorded evidence is still shown as not checked:\n%s", out)
	}

	_, out = doctorIn(t, dir, seen.Add(time.Hour), "--json")
	var got doctorJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, c := range got.Checks {
		switch c.Name {
		case "insert_content":
			if c.Status != "ok" || c.Summary != "granted (seen 2026-12-05)" {
				t.Errorf("insert_content: %+v", c)
			}
		case "update_content":
			if c.Status != "warning" || c.Fix == nil || c.Fix.Reason != "missing_capability" {
				t.Errorf("update_content: %+v", c)
			}
		}
	}

	// Without evidence, nothing is granted.
	dir = storedProfile(t, keystore.Profile{Name: keystore.DefaultProfile, BaseURL: srv.URL()}, notiontest.TokenFull)
	_, out = doctorIn(t, dir, seen)
	if statusOf(t, out, guide.CapInsertContent) != "skipped" || !strings.Contains(out, guide.DetailFirstCreate) {
		t.Errorf("without evidence:\n%s", out)
	}
}

// TestCreateRecordsWriteEvidence: a page created by `create` with a
// stored profile is what doctor then shows for "Insert content"; a
// refusal is recorded as one (doctor's own probe, newer, shows it too).
func TestCreateRecordsWriteEvidence(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	now := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		token, state string
		code         int
	}{{notiontest.TokenFull, keystore.EvidenceGranted, 0}, {notiontest.TokenReadOnly, keystore.EvidenceRefused, 1}} {
		dir := storedProfile(t, keystore.Profile{Name: keystore.DefaultProfile, BaseURL: srv.URL()}, tc.token)
		var out bytes.Buffer
		lookup := func(k string) (string, bool) {
			if k == "NOTION_RATE" {
				return "1000", true
			}
			return "", false
		}
		env := &Env{Stdout: &out, Stderr: &out, LookupEnv: lookup, ConfigDir: dir, Now: func() time.Time { return now }}
		if code := Main([]string{"create", notiontest.DataSourceTasks, "--set", "Task=Recorded"}, env); code != tc.code {
			t.Fatalf("%s: create exit %d:\n%s", tc.token, code, out.String())
		}
		st, err := keystore.Open(keystore.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		p, err := st.Profile(keystore.DefaultProfile)
		if err != nil {
			t.Fatal(err)
		}
		if ev, _ := p.Writes.Get(keystore.CapInsertContent); ev.State != tc.state || !ev.Seen.Equal(now) {
			t.Errorf("%s: recorded %+v, want %s", tc.token, ev, tc.state)
		}
		if tc.code == 0 {
			if _, doc := doctorIn(t, dir, now); !strings.Contains(doc, "granted (seen 2026-12-05)") {
				t.Errorf("doctor does not show the create:\n%s", doc)
			}
		}
	}
}

// TestDoctorTellsAnOAuthProfileToSignInAgain: moving an OAuth token out
// of the plain file is a new sign-in, not a pasted token.
func TestDoctorTellsAnOAuthProfileToSignInAgain(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	dir := storedProfile(t, keystore.Profile{Name: "acme", Kind: keystore.KindOAuth, BaseURL: srv.URL()}, notiontest.TokenFull)
	_, out := doctorIn(t, dir, time.Now(), "--profile", "acme")
	wantContains(t, "doctor", out, "`notion-tui auth login --oauth --profile acme` can move it to the OS keyring")
}

// TestClockSkewReadsTheRoundestOffsetTheMeasureAllows: the Date header
// bounds the offset within an interval at least a second wide; doctor
// says the value in it with the fewest digits, so a clock exactly two
// hours off reads "2h0m0s" whatever the round trip.
func TestClockSkewReadsTheRoundestOffsetTheMeasureAllows(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	for _, c := range []struct {
		lo, hi, want time.Duration
	}{
		{-2*time.Hour - 600*ms, -2*time.Hour + 450*ms, -2 * time.Hour}, // the middle is a second's fraction early
		{-2*time.Hour - 100*ms, -2*time.Hour + 1900*ms, -2 * time.Hour},
		{5*time.Minute - 950*ms, 5*time.Minute + 80*ms, 5 * time.Minute},
		{-7201200 * ms, -7200100 * ms, -7201 * time.Second}, // two hours is outside
		{36900 * ms, 37950 * ms, 37 * time.Second},
		{-50 * ms, 980 * ms, 0},
		{9950 * ms, 10980 * ms, 10 * time.Second},
	} {
		if got := roundest(c.lo, c.hi); got != c.want {
			t.Errorf("roundest(%v, %v) = %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
}

// TestDoctorWrapsToTheTerminal: in a terminal, a long line wraps at a
// space with its continuation under its text; piped, each check keeps one
// line. The words are the same either way.
func TestDoctorWrapsToTheTerminal(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenRevoked, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	_, piped := runDoctorIn(t, 0, vars, time.Now)
	_, tty := runDoctorIn(t, 60, vars, time.Now)
	wide := false
	for _, l := range strings.Split(piped, "\n") {
		wide = wide || textwrap.Width(l) > 60
	}
	if !wide {
		t.Fatalf("nothing to wrap at 60 columns:\n%s", piped)
	}
	for _, l := range strings.Split(tty, "\n") {
		// Only a word longer than its column (a link, a path) is left
		// wider: it is not cut.
		if f := strings.Fields(l); textwrap.Width(l) > 60 && len(f) > 1 && !(len(f) == 4 && f[1] == "Config") {
			t.Errorf("%d columns: %q", textwrap.Width(l), l)
		}
	}
	// The two runs differ only in their config folder and request IDs.
	words := func(s string) string {
		var keep []string
		for _, w := range strings.Fields(s) {
			if !strings.HasPrefix(w, os.TempDir()) && !strings.HasSuffix(w, ")") {
				keep = append(keep, w)
			}
		}
		return strings.Join(keep, " ")
	}
	if words(tty) != words(piped) {
		t.Errorf("wrapping changed the words:\n%s\n---\n%s", tty, piped)
	}
	// The token check's summary goes on under its own text.
	if !strings.Contains(tty, "\n"+strings.Repeat(" ", 32)) {
		t.Errorf("no continuation under a summary:\n%s", tty)
	}
}

// TestClockSkewReadsTheBaseURLsOwnAnswer: the clock check carries no
// token, and reads the Date of the base URL's answer even when that
// answer redirects elsewhere, whose clock says nothing of Notion's.
func TestClockSkewReadsTheBaseURLsOwnAnswer(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Date", time.Now().Add(3*time.Hour).UTC().Format(http.TimeFormat))
	}))
	defer other.Close()
	var auth string
	base := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		http.Redirect(w, r, other.URL+"/v1/users/me", http.StatusFound)
	}))
	defer base.Close()
	skew, err := clockSkew(context.Background(), base.URL, time.Now)
	if err != nil || skew.Abs() > 2*time.Second || elsewhere.Load() != 0 || auth != "" {
		t.Fatalf("skew %v, err %v, %d requests elsewhere, Authorization %q; want the base URL's clock, no redirect followed, no token",
			skew, err, elsewhere.Load(), auth)
	}
}
