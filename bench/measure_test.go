package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
		{args: []string{"-rate", "0"}, err: "-rate must be positive"},
		{args: []string{"-reps", "0"}, err: "-reps must be at least 1"},
		{args: []string{"-rows", "-5"}, err: "-rows and -paced-rows"},
		{args: []string{"-latency", "-1s"}, err: "must not be negative"},
		{args: []string{"-only", "both"}, err: `-only must be "latency" or "rate"`},
		{args: []string{"-version", "2022-06-28"}, err: "data-source version"},
		{args: []string{"extra"}, err: "unexpected arguments"},
		{args: []string{"-reps", "two"}, err: "invalid value"},
	} {
		_, _, err := parseFlags(tc.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("parseFlags(%q) = %v, want an error containing %q", tc.args, err, tc.err)
		}
	}

	cfg, command, err := parseFlags([]string{"-reps", "5", "-o", "out.md", "-v", "-latency", "50ms"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.reps != 5 || cfg.rate != 30 || cfg.rows != 12000 {
		t.Errorf("config %+v", cfg)
	}
	if want := "go run ./bench -latency=50ms -reps=5"; command != want {
		t.Errorf("command %q, want %q", command, want)
	}
	if got := len(cfg.scenarios()); got != 2 {
		t.Errorf("%d scenarios by default, want 2", got)
	}
	cfg.only = "rate"
	if s := cfg.scenarios(); len(s) != 1 || s[0].rows != 10000 || s[0].latency.Milliseconds() != 5 {
		t.Errorf("-only rate gives %+v", s)
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

// TestRunEndToEnd runs both readers against small sandboxes. It needs node
// and the SDK (npm ci --prefix bench/js) and is skipped without them.
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
	args := []string{"-js", "js/read.mjs", "-reps", "1", "-rows", "250", "-paced-rows", "150", "-rate", "200", "-latency", "1ms", "-paced-latency", "0s", "-o", out}
	cfg, command, err := parseFlags(args, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout, _ = os.Open(os.DevNull)
	err = run(context.Background(), cfg, command)
	os.Stdout.Close()
	os.Stdout = stdout
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	for _, want := range []string{
		"| rows read, each exactly once | 250 | 250 |  |",
		"| rows read, each exactly once | 150 | 150 |  |",
		"| latency-bound: 250 rows, 1 ms round trip, 200 requests/s |",
		"-js=js/read.mjs",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}
