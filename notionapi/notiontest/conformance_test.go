package notiontest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestJSSDKConformance runs conformance/conformance.mjs, which drives the
// official JavaScript SDK, against two sandboxes: a normal one and one
// limited to one request per second.
func TestJSSDKConformance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the JavaScript SDK conformance check needs it")
	}
	if _, err := os.Stat(filepath.Join("conformance", "node_modules", "@notionhq", "client")); err != nil {
		t.Skip("the JavaScript SDK is not installed; run `npm ci` in notionapi/notiontest/conformance")
	}
	if testing.Short() {
		t.Skip("reads 12,000 rows through the JavaScript SDK")
	}
	const rows = 12000
	main := Start(t, Options{Rows: rows})
	limited := Start(t, Options{Rows: 20, Rate: 1}) // only users.me

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "conformance.mjs")
	cmd.Dir = "conformance"
	cmd.Env = append(os.Environ(),
		"NOTION_BASE_URL="+main.URL(),
		"NOTION_RATE_LIMITED_BASE_URL="+limited.URL(),
		"NOTION_TOKEN_FULL="+TokenFull,
		"NOTION_TOKEN_REVOKED="+TokenRevoked,
		"NOTION_TOKEN_NO_CONTENT="+TokenNoContent,
		"NOTION_UNSHARED_DATABASE_ID="+DatabaseUnshared,
		"NOTION_EVENT_LOG_ROWS="+strconv.Itoa(rows),
	)
	out, err := cmd.CombinedOutput()
	t.Logf("conformance.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("conformance.mjs failed: %v", err)
	}
	if st := limited.Stats(); st.RateLimited == 0 {
		t.Errorf("the rate-limited sandbox refused nothing: %+v", st)
	}
}

// TestConformanceKnowsTheSandbox: conformance.mjs names the sandbox's
// tokens and IDs itself (it runs against the built binary too); they must
// be this package's.
func TestConformanceKnowsTheSandbox(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("conformance", "conformance.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		DatabaseTasks, DatabaseTeamDirectory, DataSourceEngineering, PageGettingStarted, UserMayaChen,
		DataSourceProjects, DataSourceWiki, DataSourceRunbooks, DataSourceUnshared, DatabaseUnshared,
		ViewTasksOpen, ViewTasksBoard, ViewEventLogAll,
	}
	for _, sc := range Scenarios() {
		want = append(want, sc.Token)
	}
	for _, s := range want {
		if !strings.Contains(string(src), `"`+s+`"`) {
			t.Errorf("conformance.mjs does not know %s", s)
		}
	}
}
