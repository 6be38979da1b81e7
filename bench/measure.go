package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// benchmark; the slowest read of the default grid (50,000 rows at 3
// requests/s) takes under 3 minutes.
const runTimeout = 6 * time.Minute

// cell is one point of the grid.
type cell struct {
	rows    int
	latency time.Duration
	rate    float64
	// roundTrip is the median time one page request took in this cell,
	// measured before the runs.
	roundTrip time.Duration
}

// pages is the least number of requests that reads every row.
func (c cell) pages() int { return max(1, (c.rows+rowsPerRequest-1)/rowsPerRequest) }

// bound is the physical bound of a read: the least requests at the
// budget's steady rate, or, when that is longer, the round trips no
// client can avoid: one for a single page, else two (the first page must
// come back before the rest of the range is known). A round trip is the
// sandbox's added latency and the time it takes to answer a page, as
// measured in the cell (roundTrip), or the latency alone when unmeasured.
func (c cell) bound() time.Duration {
	budget := time.Duration(float64(c.pages()) / c.rate * float64(time.Second))
	trip := max(c.latency, c.roundTrip)
	if c.pages() > 1 {
		trip *= 2
	}
	return max(budget, trip)
}

// shortCell is the bound under which a cell is run at least minShortReps
// times: short reads are the noisiest on a shared machine.
const (
	shortCell    = 5 * time.Second
	minShortReps = 3
)

// reps is how many runs of each client the cell gets.
func (c cell) reps(cfg config) int {
	if c.bound() < shortCell {
		return max(cfg.reps, cfg.shortReps)
	}
	return cfg.reps
}

func (c cell) String() string {
	return fmt.Sprintf("%s rows, %s ms, %s/s", thousands(float64(c.rows)),
		strconv.FormatFloat(ms(c.latency), 'f', -1, 64), strconv.FormatFloat(c.rate, 'f', -1, 64))
}

// client is one side of the comparison: how to start its reader.
type client struct {
	name    string
	summary string // what it does, for the report
	command func(ctx context.Context, baseURL, idsPath string, rate float64) *exec.Cmd
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
	PeakRSSKB   int64   `json:"peak_rss_kb"`
}

// environment is what every cell shares: the built Go programs, node and
// the SDK, and a scratch folder.
type environment struct {
	cfg        config
	dir        string
	clients    []client
	app        program // notion-tui, for the memory runs
	goVersion  string
	nodeVer    string
	sdkVersion string
	loadBefore string
	loadAfter  string
}

// program is how to start one of the Go programs the benchmark runs: an
// executable and variables added to the environment it inherits.
type program struct {
	path string
	env  []string
}

func (p program) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, p.path, args...)
	if len(p.env) > 0 {
		cmd.Env = append(cmd.Environ(), p.env...)
	}
	return cmd
}

// programs makes the Go reader (bench/gorunner) and the app (notion-tui)
// ready to run, in dir if it writes files.
type programs func(ctx context.Context, dir string) (runner, app program, err error)

// goBuild builds both programs from this module with go build, as a user
// builds them.
func goBuild(ctx context.Context, dir string) (runner, app program, err error) {
	runner.path, app.path = filepath.Join(dir, "gorunner"), filepath.Join(dir, "notion-tui")
	for _, b := range [][2]string{{runner.path, "github.com/notion-tui/notion-tui/bench/gorunner"}, {app.path, "github.com/notion-tui/notion-tui"}} {
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			return program{}, program{}, fmt.Errorf("building %s: %w\n%s", b[1], err, out)
		}
	}
	return runner, app, nil
}

func prepare(ctx context.Context, cfg config, build programs) (*environment, error) {
	env := &environment{cfg: cfg}
	var err error
	if env.goVersion, err = output(ctx, "go", "env", "GOVERSION"); err != nil {
		return nil, fmt.Errorf("running go env: %w", err)
	}
	wantSDK := false
	for _, c := range cfg.clients {
		wantSDK = wantSDK || c == theirs
	}
	if wantSDK {
		if env.sdkVersion, err = installedSDKVersion(cfg.script); err != nil {
			return nil, err
		}
		if env.nodeVer, err = output(ctx, cfg.node, "--version"); err != nil {
			return nil, fmt.Errorf("running %s --version: %w (set -node to the node executable)", cfg.node, err)
		}
	}
	if env.dir, err = os.MkdirTemp("", "notion-tui-bench-"); err != nil {
		return nil, err
	}
	var runner program
	if runner, env.app, err = build(ctx, env.dir); err != nil {
		env.cleanup()
		return nil, err
	}
	goRunner := func(mode string) func(ctx context.Context, baseURL, ids string, rate float64) *exec.Cmd {
		return func(ctx context.Context, baseURL, ids string, rate float64) *exec.Cmd {
			return runner.command(ctx, "-mode", mode, "-base-url", baseURL, "-data-source", notiontest.DataSourceEventLog,
				"-version", cfg.version, "-rate", strconv.FormatFloat(rate, 'f', -1, 64), "-ids", ids)
		}
	}
	all := map[string]client{
		ours: {
			name:    ours,
			summary: "`ReadAll` with its defaults, each row decoded into a typed `Page` (as it comes where it is handed over next, else held as JSON until it is), paced by `WithRate(rate, 0)` (a burst of half the rate): the first page; the newest page alongside it once the first has taken longer than the budget's interval between requests; a chain read alone asks for its next page before decoding the one it has; then created_time windows sized to whole pages, read by enough chains to send a tenth more than the budget allows during a round trip, in created_time order with at most 6,000 rows read ahead (`DefaultReadAhead`); with four chains or more, each window of four pages or more is read from both ends (a descending chain meets the ascending one); a read of 20 pages or more splits a window to end sooner only while its requests stay within 5% of the least, or reads the rest of one from both ends when that saves two round trips and the read-ahead holds the rows the downward chain keeps until they meet",
			command: goRunner("readall"),
		},
		sequential: {
			name:    sequential,
			summary: "`Query` in a loop, each row decoded into a typed `Page`, paced like notion-tui: one cursor at a time; at the 10,000-result cap, a new query from the last row's created_time, skipping the rows already seen there (the SDK's algorithm)",
			command: goRunner("sequential"),
		},
		theirs: {
			name:    theirs,
			summary: fmt.Sprintf("@notionhq/client %s `iterateAllDataSourceRows` with default settings, each row parsed into an object: one cursor chain at a time, a new created_time window at the 10,000-result cap; no client-side pacing, a 429 is retried after Retry-After (at most 2 retries)", env.sdkVersion),
			command: func(ctx context.Context, baseURL, ids string, _ float64) *exec.Cmd {
				return exec.CommandContext(ctx, cfg.node, cfg.script, "--base-url", baseURL, "--data-source", notiontest.DataSourceEventLog,
					"--version", cfg.version, "--ids", ids)
			},
		},
	}
	for _, name := range cfg.clients {
		env.clients = append(env.clients, all[name])
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

// cellResult holds every run of every client in one cell, by client name.
type cellResult struct {
	cell cell
	runs map[string][]measurement
}

// sandbox serves a notiontest sandbox on a loopback port.
type sandbox struct {
	*notiontest.Server
	url    string
	client *http.Client // a connection pool of its own, as the readers'
	stop   func()
}

func startSandbox(opts notiontest.Options) (*sandbox, error) {
	sb := notiontest.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	return &sandbox{Server: sb, url: "http://" + ln.Addr().String(), client: client, stop: func() {
		hs.Close()
		client.CloseIdleConnections()
	}}, nil
}

// roundTrip warms the sandbox's caches (the row orders both directions of
// a created_time sort use) and returns the median time of a page request
// at its current latency, without a rate limit.
func (sb *sandbox) roundTrip(ctx context.Context, version string) (time.Duration, error) {
	sb.SetRate(0)
	var times []float64
	for i := range 5 {
		dir := "ascending"
		if i%2 == 1 {
			dir = "descending"
		}
		body := `{"page_size":100,"sorts":[{"timestamp":"created_time","direction":"` + dir + `"}]}`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, sb.url+"/v1/data_sources/"+notiontest.DataSourceEventLog+"/query", strings.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+notiontest.TokenFull)
		req.Header.Set("Notion-Version", version)
		req.Header.Set("Content-Type", "application/json")
		began := time.Now()
		resp, err := sb.client.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %d, %v", resp.StatusCode, err)
		}
		if i > 0 {
			times = append(times, time.Since(began).Seconds())
		}
	}
	return time.Duration(median(times) * float64(time.Second)), nil
}

// runGrid runs every cell, one sandbox per data-source size.
func (e *environment) runGrid(ctx context.Context) ([]cellResult, error) {
	var results []cellResult
	var sb *sandbox
	sbRows := 0
	defer func() {
		if sb != nil {
			sb.stop()
		}
	}()
	for _, c := range e.cfg.cells() {
		if sb == nil || sbRows != c.rows {
			if sb != nil {
				sb.stop()
			}
			s, err := startSandbox(notiontest.Options{Rows: c.rows})
			if err != nil {
				return nil, err
			}
			sb, sbRows = s, c.rows
		}
		sb.SetLatency(c.latency)
		rtt, err := sb.roundTrip(ctx, e.cfg.version)
		if err != nil {
			return nil, fmt.Errorf("%s: measuring the round trip: %w", c, err)
		}
		c.roundTrip = rtt
		res := cellResult{cell: c, runs: map[string][]measurement{}}
		for rep := range c.reps(e.cfg) {
			for _, cl := range alternate(e.clients, rep) {
				m, err := e.runOnce(ctx, sb, c, cl)
				if err != nil {
					return nil, fmt.Errorf("%s, %s, run %d: %w", c, cl.name, rep+1, err)
				}
				if e.cfg.verbose {
					fmt.Fprintf(os.Stderr, "%-28s %-16s run %d: %6.2f s (bound %.2f), first row %4.0f ms, %4d requests, %d × 429, RSS %5.1f MB, CPU %.2f s\n",
						c, cl.name, rep+1, m.wall.Seconds(), c.bound().Seconds(), ms(m.firstPage), m.requests, m.rateLimited, mb(m.rssBytes), m.cpu.Seconds())
				}
				res.runs[cl.name] = append(res.runs[cl.name], m)
			}
		}
		results = append(results, res)
	}
	return results, nil
}

// alternate reverses the order on odd repetitions, so no client always
// runs first (on a server whose caches are cold).
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
func (e *environment) runOnce(ctx context.Context, sb *sandbox, c cell, cl client) (measurement, error) {
	sb.SetRate(c.rate)
	sb.ResetRequests()
	ids := filepath.Join(e.dir, "ids.txt")
	os.Remove(ids)

	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	cmd := cl.command(ctx, sb.url, ids, c.rate)
	cmd.Env = append(cmd.Environ(), "NOTION_TOKEN="+notiontest.TokenFull)
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
	if err := checkRows(ids, out.Rows, c.rows); err != nil {
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
		rssBytes:    childRSS(out.PeakRSSKB, cmd.ProcessState),
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

// memoryResult is one run of notion-tui query --all.
type memoryResult struct {
	format   string
	rows     int
	wall     time.Duration
	rssBytes int64
	requests int
}

// runMemory reads memRows rows with the built notion-tui binary, once per
// output format, writing to a file, and checks the row count.
func (e *environment) runMemory(ctx context.Context) ([]memoryResult, error) {
	cfg := e.cfg
	sb, err := startSandbox(notiontest.Options{Rows: cfg.memRows, Latency: cfg.memLatency})
	if err != nil {
		return nil, err
	}
	defer sb.stop()
	var out []memoryResult
	for _, format := range []string{"json", "ndjson", "csv", "table"} {
		sb.SetRate(cfg.memRate)
		sb.ResetRequests()
		path := filepath.Join(e.dir, "out."+format)
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		rctx, cancel := context.WithTimeout(ctx, runTimeout)
		cmd := e.app.command(rctx, "query", notiontest.DataSourceEventLog, "--all", "--format", format,
			"--rate", strconv.FormatFloat(cfg.memRate, 'f', -1, 64))
		cmd.Env = append(cmd.Environ(), "NOTION_TOKEN="+notiontest.TokenFull, "NOTION_BASE_URL="+sb.url, "NO_COLOR=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = f, &stderr
		began := time.Now()
		var peak int64
		if err = cmd.Start(); err == nil {
			stopWatch := watchPeakRSS(cmd.Process.Pid, &peak)
			err = cmd.Wait()
			stopWatch()
		}
		wall := time.Since(began)
		cancel()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("query --all --format %s: %w\n%s", format, err, stderr.Bytes())
		}
		n, err := countOutputRows(path, format)
		if err != nil {
			return nil, err
		}
		if n != cfg.memRows {
			return nil, fmt.Errorf("query --all --format %s wrote %d rows, want %d", format, n, cfg.memRows)
		}
		os.Remove(path)
		r := memoryResult{format: format, rows: n, wall: wall, rssBytes: childRSS(peak, cmd.ProcessState), requests: sb.Stats().Requests}
		if cfg.verbose {
			fmt.Fprintf(os.Stderr, "query --all --format %-5s %d rows: %.2f s, %d requests, RSS %.1f MB\n", format, n, wall.Seconds(), r.requests, mb(r.rssBytes))
		}
		out = append(out, r)
	}
	return out, nil
}

// countOutputRows counts the rows notion-tui query wrote: the distinct
// "id" values of the JSON and NDJSON output, the records after the header
// of the CSV, the lines of the table (written without a header when
// stdout is not a terminal).
func countOutputRows(path, format string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	in := bufio.NewReaderSize(f, 1<<20)
	switch format {
	case "json", "ndjson":
		dec := json.NewDecoder(in)
		seen := map[string]bool{}
		for {
			var v any
			if err := dec.Decode(&v); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				return 0, fmt.Errorf("the %s output: %w", format, err)
			}
			rows, ok := v.([]any)
			if !ok {
				rows = []any{v}
			}
			for _, r := range rows {
				m, _ := r.(map[string]any)
				id, _ := m["id"].(string)
				if id == "" || seen[id] {
					return 0, fmt.Errorf("the %s output holds a row without an id or twice: %q", format, id)
				}
				seen[id] = true
			}
		}
		return len(seen), nil
	case "csv":
		r := csv.NewReader(in)
		r.FieldsPerRecord = -1
		n := 0
		for {
			if _, err := r.Read(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				return 0, fmt.Errorf("the CSV output: %w", err)
			}
			n++
		}
		return max(0, n-1), nil
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	lines := 0
	for sc.Scan() {
		lines++
	}
	return lines, sc.Err()
}

// childRSS is a child's peak resident set in bytes: the figure it (or a
// watcher) read from /proc, else the one wait4 gave, which on Linux
// includes the bench's own peak, inherited when the child was started.
func childRSS(selfKB int64, ps *os.ProcessState) int64 {
	if selfKB > 0 {
		return selfKB << 10
	}
	return peakRSS(ps)
}

// watchPeakRSS samples a running process's peak resident set (VmHWM,
// which only grows) every 20 ms into *peak, in kilobytes, until stopped.
// Growth in the last 20 ms of its life can be missed.
func watchPeakRSS(pid int, peak *int64) (stop func()) {
	path := fmt.Sprintf("/proc/%d/status", pid)
	sample := func() {
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
				*peak = max(*peak, n)
			}
		}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			sample()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
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
