package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/bench/internal/gorunner"
	"github.com/notion-tui/notion-tui/internal/cli"
	"github.com/notion-tui/notion-tui/internal/testmain"
)

func TestCheckRows(t *testing.T) {
	dir := t.TempDir()
	write := func(lines ...string) string {
		p := filepath.Join(dir, t.Name()+".txt")
		text := strings.Join(lines, "\n")
		if len(lines) > 0 {
			text += "\n"
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name     string
		ids      []string
		reported int
		want     int
		err      string
	}{
		{name: "every row once", ids: []string{"a", "b", "c"}, reported: 3, want: 3},
		{name: "a duplicate", ids: []string{"a", "b", "a"}, reported: 3, want: 3, err: "row a came more than once"},
		{name: "rows missing", ids: []string{"a", "b"}, reported: 2, want: 3, err: "read 2 distinct rows, the data source has 3"},
		{name: "report differs", ids: []string{"a", "b", "c"}, reported: 4, want: 3, err: "reported 4 rows but wrote 3 IDs"},
		{name: "empty", ids: nil, reported: 0, want: 3, err: "read 0 distinct rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkRows(write(tc.ids...), tc.reported, tc.want)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
	if err := checkRows(filepath.Join(dir, "absent"), 0, 0); err == nil {
		t.Error("a missing ID file passed the check")
	}
}

func TestAlternate(t *testing.T) {
	cs := []client{{name: "a"}, {name: "b"}}
	names := func(cs []client) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.name)
		}
		return strings.Join(s, ",")
	}
	for rep, want := range []string{"a,b", "b,a", "a,b", "b,a"} {
		if got := names(alternate(cs, rep)); got != want {
			t.Errorf("rep %d: order %s, want %s", rep, got, want)
		}
	}
	if names(cs) != "a,b" {
		t.Errorf("alternate changed its input: %s", names(cs))
	}
}

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{args: []string{"-rate", "0"}, err: "-rate values must be positive"},
		{args: []string{"-rate", "3,x"}, err: `-rate: "x"`},
		{args: []string{"-reps", "0"}, err: "-reps must be at least 1"},
		{args: []string{"-rows", "-5"}, err: "-rows values must be at least 1"},
		{args: []string{"-latency", "-1s"}, err: "must not be negative"},
		{args: []string{"-latency", "50"}, err: "missing unit"},
		{args: []string{"-clients", "sdk"}, err: "must include notion-tui"},
		{args: []string{"-clients", "notion-tui,other"}, err: `unknown client "other"`},
		{args: []string{"-version", "2022-06-28"}, err: "data-source version"},
		{args: []string{"extra"}, err: "unexpected arguments"},
		{args: []string{"-reps", "two"}, err: "invalid value"},
	} {
		_, _, err := parseFlags(tc.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("parseFlags(%q) = %v, want an error containing %q", tc.args, err, tc.err)
		}
	}

	cfg, command, err := parseFlags([]string{"-reps", "5", "-o", "out.md", "-v", "-latency", "0,50ms"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.reps != 5 || !slices.Equal(cfg.rates, []float64{3, 10, 30}) || !slices.Equal(cfg.rows, []int{1000, 12000, 50000}) ||
		!slices.Equal(cfg.latencies, []time.Duration{0, 50 * time.Millisecond}) || !slices.Equal(cfg.clients, []string{ours, sequential, theirs}) {
		t.Errorf("config %+v", cfg)
	}
	if want := "go run ./bench -latency=0,50ms -reps=5"; command != want {
		t.Errorf("command %q, want %q", command, want)
	}
	if got := len(cfg.cells()); got != 18 {
		t.Errorf("%d cells, want 18", got)
	}
}

func TestBound(t *testing.T) {
	for _, tc := range []struct {
		c    cell
		want time.Duration
	}{
		{cell{rows: 12000, rate: 30}, 4 * time.Second},                                        // 120 requests at 30/s
		{cell{rows: 1000, rate: 30, latency: 200 * time.Millisecond}, 400 * time.Millisecond}, // two round trips beat 10/30 s
		{cell{rows: 1000, rate: 3, latency: 200 * time.Millisecond}, 3333333333},              // 10 requests at 3/s
		{cell{rows: 50, rate: 30, latency: 200 * time.Millisecond}, 200 * time.Millisecond},   // one page: one round trip
		{cell{rows: 1050, rate: 10}, 1100 * time.Millisecond},                                 // 11 requests
	} {
		if got := tc.c.bound(); got != tc.want {
			t.Errorf("%s: bound %s, want %s", tc.c, got, tc.want)
		}
	}
}

func TestInstalledSDKVersion(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "read.mjs")
	if _, err := installedSDKVersion(script); err == nil || !strings.Contains(err.Error(), "run from the repository root") {
		t.Errorf("missing script: %v", err)
	}
	if err := os.WriteFile(script, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := installedSDKVersion(script); err == nil || !strings.Contains(err.Error(), "npm ci --prefix "+dir) {
		t.Errorf("missing SDK: %v", err)
	}
	pkg := filepath.Join(dir, "node_modules", "@notionhq", "client")
	if err := os.MkdirAll(pkg, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name":"@notionhq/client","version":"5.26.0"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, err := installedSDKVersion(script); err != nil || v != "5.26.0" {
		t.Errorf("installed SDK: %q, %v", v, err)
	}
}

// runAs names the program a child started by the test binary is: the Go
// reader or the app. The bench test runs itself as both, so that the test
// links no binary of its own; go run ./bench builds them (goBuild).
const runAs = "NOTION_TUI_BENCH_TEST_RUN_AS"

func TestMain(m *testing.M) {
	switch os.Getenv(runAs) {
	case "gorunner":
		os.Exit(gorunner.Main(os.Args[1:], os.Stdout, os.Stderr))
	case "notion-tui":
		os.Exit(cli.Main(os.Args[1:], &cli.Env{}))
	}
	testmain.Run(m)
}

// testBinary starts this test binary as the reader and as the app. Under
// the race detector a child would sleep a second before it exits
// (atexit_sleep_ms), a second each run waits for: it exits at once.
func testBinary(context.Context, string) (runner, app program, err error) {
	self, err := os.Executable()
	if err != nil {
		return program{}, program{}, err
	}
	race := "GORACE=" + strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0")
	return program{path: self, env: []string{runAs + "=gorunner", race}}, program{path: self, env: []string{runAs + "=notion-tui", race}}, nil
}

func TestProgramsRunAsTheReaderAndTheApp(t *testing.T) {
	t.Parallel()
	runner, app, err := testBinary(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runner.command(context.Background(), "-mode", "other").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "-base-url, -data-source and -ids are required") {
		t.Errorf("as the reader: %v\n%s", err, out)
	}
	out, err = app.command(context.Background(), "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Notion-Version") {
		t.Errorf("as the app: %v\n%s", err, out)
	}
}

func TestShortCellsGetAtLeastThreeRuns(t *testing.T) {
	t.Parallel()
	cfg, _, err := parseFlags([]string{"-reps", "1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	short := cell{rows: 1000, rate: 200}
	long := cell{rows: 50000, latency: 200 * time.Millisecond, rate: 3}
	if short.bound() >= shortCell || long.bound() < shortCell {
		t.Fatalf("bounds %v and %v do not straddle %v", short.bound(), long.bound(), shortCell)
	}
	if got := short.reps(cfg); got != 3 {
		t.Errorf("a short cell asked once runs %d times, want 3", got)
	}
	if got := long.reps(cfg); got != 1 {
		t.Errorf("a long cell asked once runs %d times, want 1", got)
	}
	cfg.reps = 5
	if got := short.reps(cfg); got != 5 {
		t.Errorf("a short cell asked 5 times runs %d times", got)
	}
}

// TestRunEndToEnd runs the three readers and the app against small
// sandboxes. It needs node and the SDK (npm ci --prefix bench/js) and is
// skipped without them.
func TestRunEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs both readers")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	if _, err := os.Stat("js/node_modules/@notionhq/client"); err != nil {
		t.Skip("the SDK is not installed: npm ci --prefix bench/js")
	}
	out := filepath.Join(t.TempDir(), "report.md")
	args := []string{"-js", "js/read.mjs", "-reps", "1", "-rows", "250", "-rate", "200", "-latency", "0,1ms", "-memory-rows", "300", "-o", out}
	cfg, command, err := parseFlags(args, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cfg.shortReps = 1 // what is checked here is the plumbing, not the medians
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, _ = os.Open(os.DevNull)
	os.Stderr = os.Stdout
	err = run(context.Background(), cfg, command, testBinary)
	os.Stdout.Close()
	os.Stdout, os.Stderr = stdout, stderr
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	for _, want := range []string{
		"| 250 | 0 ms | 200/s |",
		"| 250 | 1 ms | 200/s |",
		"| json | 300 |",
		"| table | 300 |",
		"-js=js/read.mjs",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}
