package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// runTimeout bounds one client run, so a stuck child cannot hang the
// benchmark.
const runTimeout = 3 * time.Minute

// scenario is one sandbox configuration both clients read from.
type scenario struct {
	key     string
	title   string
	rows    int
	latency time.Duration
	rate    float64
}

// boundRowsPerSec is the steady-state ceiling the rate limit allows.
func (s scenario) boundRowsPerSec() float64 { return s.rate * rowsPerRequest }

// client is one side of the comparison: how to start its reader.
type client struct {
	name    string
	summary string // what it does, for the report
	command func(ctx context.Context, baseURL, idsPath string) *exec.Cmd
}

// measurement is one run of one client.
type measurement struct {
	wall, firstPage time.Duration
	process         time.Duration // from starting the process to its exit
	requests        int
	rateLimited     int
	errors          int
	rows            int
	rssBytes        int64
	cpu             time.Duration // user + system time of the process
}

// childResult is the JSON line both readers print.
type childResult struct {
	Rows        int     `json:"rows"`
	FirstPageMS float64 `json:"first_page_ms"`
	WallMS      float64 `json:"wall_ms"`
}

// environment is what every scenario shares: the built Go reader, node
// and the SDK, and a scratch folder.
type environment struct {
	cfg        config
	dir        string
	clients    []client
	goVersion  string
	nodeVer    string
	sdkVersion string
	loadBefore string
	loadAfter  string
}

func prepare(ctx context.Context, cfg config) (*environment, error) {
	sdkVersion, err := installedSDKVersion(cfg.script)
	if err != nil {
		return nil, err
	}
	nodeVer, err := output(ctx, cfg.node, "--version")
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w (set -node to the node executable)", cfg.node, err)
	}
	goVer, err := output(ctx, "go", "env", "GOVERSION")
	if err != nil {
		return nil, fmt.Errorf("running go env: %w", err)
	}
	dir, err := os.MkdirTemp("", "notion-tui-bench-")
	if err != nil {
		return nil, err
	}
	runner := filepath.Join(dir, "gorunner")
	build := exec.CommandContext(ctx, "go", "build", "-o", runner, "github.com/notion-tui/notion-tui/bench/gorunner")
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("building the Go reader: %w\n%s", err, out)
	}
	env := &environment{cfg: cfg, dir: dir, goVersion: goVer, nodeVer: nodeVer, sdkVersion: sdkVersion}
	rate := strconv.FormatFloat(cfg.rate, 'f', -1, 64)
	burst := max(1, int(math.Ceil(cfg.rate/2))) // what WithRate(rate, 0) picks
	env.clients = []client{
		{
			name:    ours,
			summary: fmt.Sprintf("`ReadAll`, each row decoded into a typed `Page`, paced by `WithRate(%s, 0)` (a burst of %d): the first page; then, when the round trip rather than the budget is the limit, the newest row and created_time windows read concurrently, as many at once as the budget allows in one round trip (at most 8); otherwise one cursor chain at a time", rate, burst),
			command: func(ctx context.Context, baseURL, ids string) *exec.Cmd {
				return exec.CommandContext(ctx, runner, "-base-url", baseURL, "-data-source", notiontest.DataSourceEventLog,
					"-version", cfg.version, "-rate", rate, "-ids", ids)
			},
		},
		{
			name:    theirs,
			summary: fmt.Sprintf("@notionhq/client %s `iterateAllDataSourceRows` with default settings, each row parsed into an object: one cursor chain at a time, a new created_time window when a chain reaches the 10,000-result cap; no client-side pacing, a 429 is retried after Retry-After (at most 2 retries)", sdkVersion),
			command: func(ctx context.Context, baseURL, ids string) *exec.Cmd {
				return exec.CommandContext(ctx, cfg.node, cfg.script, "--base-url", baseURL, "--data-source", notiontest.DataSourceEventLog,
					"--version", cfg.version, "--ids", ids)
			},
		},
	}
	return env, nil
}

func (e *environment) cleanup() { os.RemoveAll(e.dir) }

// installedSDKVersion reads the version of @notionhq/client next to the
// reader script, or says how to install it.
func installedSDKVersion(script string) (string, error) {
	if _, err := os.Stat(script); err != nil {
		return "", fmt.Errorf("SDK reader %s: %w (run from the repository root, or set -js)", script, err)
	}
	pkg := filepath.Join(filepath.Dir(script), "node_modules", "@notionhq", "client", "package.json")
	b, err := os.ReadFile(pkg)
	if err != nil {
		return "", fmt.Errorf("the SDK is not installed (%v): run npm ci --prefix %s", err, filepath.Dir(script))
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &meta); err != nil || meta.Version == "" {
		return "", fmt.Errorf("%s has no version", pkg)
	}
	return meta.Version, nil
}

func output(ctx context.Context, name string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, name, args...).Output()
	return strings.TrimSpace(string(out)), err
}

// scenarioResult holds every run of every client, by client name.
type scenarioResult struct {
	scenario scenario
	runs     map[string][]measurement
}

// runScenario starts one sandbox and runs the clients against it in
// alternating order, reps times each.
func (e *environment) runScenario(ctx context.Context, s scenario) (scenarioResult, error) {
	sb := notiontest.New(notiontest.Options{Rows: s.rows, Rate: s.rate, Latency: s.latency})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return scenarioResult{}, err
	}
	hs := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	baseURL := "http://" + ln.Addr().String()

	res := scenarioResult{scenario: s, runs: map[string][]measurement{}}
	for rep := range e.cfg.reps {
		for _, c := range alternate(e.clients, rep) {
			m, err := e.runOnce(ctx, sb, baseURL, s, c)
			if err != nil {
				return res, fmt.Errorf("%s, run %d: %w", c.name, rep+1, err)
			}
			if e.cfg.verbose {
				fmt.Fprintf(os.Stderr, "%s %-10s run %d: %.2f s, first page %.0f ms, %d requests, %d × 429, %d rows, RSS %.1f MB, CPU %.2f s\n",
					s.key, c.name, rep+1, m.wall.Seconds(), ms(m.firstPage), m.requests, m.rateLimited, m.rows, mb(m.rssBytes), m.cpu.Seconds())
			}
			res.runs[c.name] = append(res.runs[c.name], m)
		}
	}
	return res, nil
}

// alternate reverses the order on odd repetitions, so neither client
// always runs first (on a server whose caches are cold).
func alternate(cs []client, rep int) []client {
	if rep%2 == 0 {
		return cs
	}
	out := make([]client, len(cs))
	for i, c := range cs {
		out[len(cs)-1-i] = c
	}
	return out
}

// runOnce runs one client against a fresh bucket and fresh counters.
func (e *environment) runOnce(ctx context.Context, sb *notiontest.Server, baseURL string, s scenario, c client) (measurement, error) {
	sb.SetRate(s.rate)
	sb.ResetRequests()
	ids := filepath.Join(e.dir, "ids.txt")
	os.Remove(ids)

	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	cmd := c.command(ctx, baseURL, ids)
	cmd.Env = append(os.Environ(), "NOTION_TOKEN="+notiontest.TokenFull)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now()
	err := cmd.Run()
	process := time.Since(began)
	if err != nil {
		return measurement{}, fmt.Errorf("%w\n%s", err, stderr.Bytes())
	}

	var out childResult
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &out); err != nil {
		return measurement{}, fmt.Errorf("reading its result %q: %w", stdout.String(), err)
	}
	if err := checkRows(ids, out.Rows, s.rows); err != nil {
		return measurement{}, err
	}
	st := sb.Stats()
	return measurement{
		wall:        time.Duration(out.WallMS * float64(time.Millisecond)),
		firstPage:   time.Duration(out.FirstPageMS * float64(time.Millisecond)),
		process:     process,
		requests:    st.Requests,
		rateLimited: st.RateLimited,
		errors:      st.Errors,
		rows:        out.Rows,
		rssBytes:    peakRSS(cmd.ProcessState),
		cpu:         cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
	}, nil
}

// checkRows reads the IDs a reader wrote and checks that it reported them
// all and that they are want distinct rows.
func checkRows(path string, reported, want int) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading the row IDs: %w", err)
	}
	defer f.Close()
	seen := make(map[string]bool, want)
	lines := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines++
		id := sc.Text()
		if seen[id] {
			return fmt.Errorf("row %s came more than once", id)
		}
		seen[id] = true
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the row IDs: %w", err)
	}
	switch {
	case lines != reported:
		return fmt.Errorf("reported %d rows but wrote %d IDs", reported, lines)
	case lines != want:
		return fmt.Errorf("read %d distinct rows, the data source has %d", lines, want)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// loadAverage is the 1-, 5- and 15-minute load, or "" where unknown.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
