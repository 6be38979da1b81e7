package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// runDoctor runs `notion-tui doctor args...` with only the given
// environment and a config folder of its own; it returns the exit status
// and the output.
func runDoctor(t *testing.T, vars map[string]string, now func() time.Time, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{
		Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(""),
		LookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		Now:       now,
		ConfigDir: t.TempDir(),
		TermWidth: func() (int, bool) { return 0, false },
	}
	code := Main(append([]string{"doctor"}, args...), env)
	if errOut.Len() > 0 {
		t.Logf("stderr: %s", errOut.String())
	}
	return code, out.String()
}

// statusOf returns the status word of a check's line in the text output.
func statusOf(t *testing.T, out, title string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 1 && strings.HasPrefix(strings.Join(f[1:], " "), title+" ") {
			return f[0]
		}
	}
	t.Fatalf("no %q line in:\n%s", title, out)
	return ""
}

func TestDoctor(t *testing.T) {
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
	}{
		{"healthy", base(notiontest.TokenFull), 0,
			map[string]string{"Token": "ok", "Base URL": "ok", "Notion-Version": "ok", "Integration": "ok",
				"Read user information": "ok", "Read content": "ok", "Insert content": "ok", "Update content": "skipped", "Clock": "ok"},
			[]string{"ntn_…oken (token from NOTION_TOKEN)", "“notion-tui Demo” in Acme Labs, owned by the workspace", "8 data sources and 200+ pages shared", ", on this machine", "Everything checked is fine"}},
		{"revoked", base(notiontest.TokenRevoked), 1,
			map[string]string{"Integration": "failed", "Read content": "skipped"},
			[]string{"The token was rejected (401 unauthorized)", "update every environment", "skipped: the token could not be verified"}},
		{"no_user_information", base(notiontest.TokenNoUserInfo), 0,
			map[string]string{"Read user information": "warning", "Read content": "ok"},
			[]string{"Under Capabilities, turn on “Read user information”", "“notion-tui Demo”"}},
		{"read_only", base(notiontest.TokenReadOnly), 0,
			map[string]string{"Insert content": "warning"},
			[]string{"creating pages will fail", "turn on “Insert content”"}},
		{"no_content", base(notiontest.TokenNoContent), 1,
			map[string]string{"Read content": "failed"},
			[]string{"turn on “Read content”"}},
		{"nothing_shared", with(base(notiontest.TokenFull), "NOTION_BASE_URL", empty.URL()), 0,
			map[string]string{"Read content": "warning"},
			[]string{"Nothing is shared with the integration yet", "••• (top right) → Connections"}},
		{"missing_version", with(base(notiontest.TokenFull), "NOTION_VERSION", ""), 1,
			map[string]string{"Notion-Version": "failed", "Integration": "failed"},
			[]string{"none sent (NOTION_VERSION)", "NOTION_VERSION is set but empty", "missing_version"}},
		{"unknown_version", with(base(notiontest.TokenFull), "NOTION_VERSION", "2021-01-01"), 1,
			map[string]string{"Notion-Version": "failed"},
			[]string{"2021-01-01 is not a version Notion accepts", "2022-06-28, 2025-09-03, 2026-03-11"}},
		{"old_version", with(base(notiontest.TokenFull), "NOTION_VERSION", "2021-08-16"), 0,
			map[string]string{"Notion-Version": "warning", "Integration": "ok"},
			[]string{"reads its answers as 2022-06-28"}},
		{"older_supported_version", with(base(notiontest.TokenFull), "NOTION_VERSION", notionapi.Version20220628), 0,
			map[string]string{"Notion-Version": "ok", "Read content": "ok"},
			[]string{"the newest is " + notionapi.DefaultVersion, "6 databases and"}},
		{"no_token", map[string]string{"NOTION_BASE_URL": srv.URL()}, 1,
			map[string]string{"Token": "failed", "Integration": "skipped", "Clock": "ok"},
			[]string{"No Notion token is set up", "skipped: no token"}},
		{"broken_token", base("ntn_abc def"), 1,
			map[string]string{"Token": "failed"},
			[]string{"NOTION_TOKEN does not hold a usable token", "white space"}},
		{"decorated_token", base(`"Bearer ` + notiontest.TokenFull + `"`), 0,
			map[string]string{"Token": "warning", "Integration": "ok"},
			[]string{"quotes, spaces or “Bearer ” around the token"}},
		{"plain_http_base_url", with(base(notiontest.TokenFull), "NOTION_BASE_URL", "http://example.com"), 1,
			map[string]string{"Base URL": "failed", "Integration": "skipped", "Clock": "skipped"},
			[]string{"The base URL cannot be used"}},
		{"connection_refused", with(base(notiontest.TokenFull), "NOTION_BASE_URL", "http://127.0.0.1:9"), 1,
			map[string]string{"Integration": "failed", "Clock": "skipped"},
			[]string{"Could not reach 127.0.0.1:9: connection refused", "notion-tui sandbox"}},
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
			assertNoToken(t, out)
		})
	}
}

// assertNoToken fails when a sandbox token appears in out, whole or
// without its prefix.
func assertNoToken(t *testing.T, out string) {
	t.Helper()
	for _, tok := range []string{notiontest.TokenFull, notiontest.TokenRevoked, notiontest.TokenNoUserInfo, notiontest.TokenReadOnly, notiontest.TokenNoContent} {
		if strings.Contains(out, strings.TrimPrefix(tok, keystore.PrefixNTN)) {
			t.Fatalf("the output shows the token %q:\n%s", keystore.Redact(tok), out)
		}
	}
}

func TestDoctorJSON(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	code, out := runDoctor(t, map[string]string{"NOTION_TOKEN": notiontest.TokenNoUserInfo, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "100"}, time.Now, "--json")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var got struct {
		OK     bool `json:"ok"`
		Checks []struct {
			Name, Title, Status, Summary string
			Fix                          *struct {
				Title  string   `json:"title"`
				Facts  string   `json:"facts"`
				Causes []string `json:"causes"`
				Steps  []string `json:"steps"`
				Link   string   `json:"link"`
			} `json:"fix"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if !got.OK || len(got.Checks) != 9 {
		t.Fatalf("ok %v, %d checks:\n%s", got.OK, len(got.Checks), out)
	}
	byName := map[string]int{}
	for i, c := range got.Checks {
		byName[c.Name] = i
	}
	users := got.Checks[byName["read_user_information"]]
	if users.Status != "warning" || users.Fix == nil || users.Fix.Link != "https://www.notion.so/my-integrations" || len(users.Fix.Steps) != 3 {
		t.Errorf("read_user_information: %+v", users)
	}
	if tok := got.Checks[byName["token"]]; tok.Status != "ok" || tok.Fix != nil {
		t.Errorf("token: %+v", tok)
	}
	assertNoToken(t, out)

	code, out = runDoctor(t, map[string]string{"NOTION_TOKEN": notiontest.TokenRevoked, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "100"}, time.Now, "--json")
	if code != 1 || !strings.Contains(out, `"ok": false`) || !strings.Contains(out, `"facts": "GET /v1/users/me → 401 unauthorized`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
	assertNoToken(t, out)
}

func TestDoctorWarnsOfClockSkew(t *testing.T) {
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
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	dir := t.TempDir()
	st, err := keystore.Open(keystore.Options{Dir: dir})
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
	env := &Env{Stdout: &out, Stderr: &out, LookupEnv: lookup, ConfigDir: dir}
	if code := Main([]string{"doctor"}, env); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"token from file profile sandbox (stored in plain text)",
		"stored unencrypted in secrets.json",
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
