// Command bench measures how fast notion-tui reads whole data sources,
// against the physical bound, a plain sequential loop and the official
// Notion JavaScript SDK (@notionhq/client, run with the machine's node),
// all reading the same notiontest sandbox in one run on one machine.
//
//	npm ci --prefix bench/js   # once: installs the pinned SDK
//	go run ./bench -o bench/RESULTS.md
//
// The grid is every combination of -rows, -latency (the sandbox's added
// round trip) and -rate (the requests per second the sandbox allows; the
// Go clients pace to it). In each cell the clients run as child processes,
// in alternating order, -reps times each: bench/gorunner -mode readall
// (notionapi's ReadAll), bench/gorunner -mode sequential (one cursor at a
// time, a new created_time window at the 10,000-result cap) and
// bench/js/read.mjs (the SDK's iterateAllDataSourceRows with its default
// retry settings). Before each run the sandbox's counters are reset and
// its token bucket refilled; every run must read every row exactly once.
// The report gives each cell's physical bound (the least requests at the
// budget, or two round trips), wall times and their ratios, requests
// against the least needed, 429 answers, time to the first row and peak
// RSS; then the peak memory of `notion-tui query --all` reading
// -memory-rows rows in each output format.
//
// The full grid takes about 50 minutes, most of it waiting on the 3
// requests/s budget; give smaller lists while developing.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"
)

// rowsPerRequest is the page size every client asks for, and so the rows
// a request can bring at most.
const rowsPerRequest = 100

// The clients, by name.
const (
	ours       = "notion-tui"
	sequential = "sequential loop"
	theirs     = "SDK"
)

// config holds the command-line settings.
type config struct {
	rows       []int
	latencies  []time.Duration
	rates      []float64
	reps       int
	shortReps  int // the least runs of a cell whose bound is under shortCell
	clients    []string
	memRows    int
	memRate    float64
	memLatency time.Duration
	version    string
	node       string
	script     string
	out        string
	verbose    bool
}

func parseFlags(args []string, stderr io.Writer) (config, string, error) {
	c := config{shortReps: minShortReps}
	var rows, latencies, rates, clients string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&rows, "rows", "1000,12000,50000", "rows of the data source, a comma-separated list")
	fs.StringVar(&latencies, "latency", "0,50ms,200ms", "round trips the sandbox adds, a comma-separated list")
	fs.StringVar(&rates, "rate", "3,10,30", "requests per second the sandbox allows (token bucket, burst = rate), a comma-separated list; the Go clients pace to it")
	fs.IntVar(&c.reps, "reps", 1, "runs of each client per cell (medians are reported); cells whose bound is under 5 s get at least 3")
	fs.StringVar(&clients, "clients", "notion-tui,sequential,sdk", "clients to run: notion-tui, sequential, sdk")
	fs.IntVar(&c.memRows, "memory-rows", 100000, "rows read by notion-tui query --all in each format for the memory table (0 skips it)")
	fs.Float64Var(&c.memRate, "memory-rate", 200, "requests per second of the memory runs (client and sandbox)")
	fs.DurationVar(&c.memLatency, "memory-latency", 20*time.Millisecond, "round trip of the memory runs")
	fs.StringVar(&c.version, "version", "2025-09-03", "Notion-Version every client sends (2025-09-03 or 2026-03-11)")
	fs.StringVar(&c.node, "node", "node", "the node executable")
	fs.StringVar(&c.script, "js", "bench/js/read.mjs", "the SDK reader script; its folder must hold node_modules (npm ci --prefix bench/js)")
	fs.StringVar(&c.out, "o", "", "also write the Markdown report to this file")
	fs.BoolVar(&c.verbose, "v", false, "print each run on stderr as it ends")
	if err := fs.Parse(args); err != nil {
		return c, "", err
	}
	if fs.NArg() > 0 {
		return c, "", fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	var err error
	if c.rows, err = parseList(rows, "-rows", strconv.Atoi); err != nil {
		return c, "", err
	}
	if c.latencies, err = parseList(latencies, "-latency", parseLatency); err != nil {
		return c, "", err
	}
	if c.rates, err = parseList(rates, "-rate", func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }); err != nil {
		return c, "", err
	}
	if c.clients, err = parseClients(clients); err != nil {
		return c, "", err
	}
	if err := c.validate(); err != nil {
		return c, "", err
	}
	return c, reproduceCommand(fs), nil
}

// parseLatency reads a duration; a bare 0 is allowed.
func parseLatency(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	return time.ParseDuration(s)
}

func parseList[T any](s, name string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for _, f := range strings.Split(s, ",") {
		v, err := parse(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", name, f, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func parseClients(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "notion-tui":
			out = append(out, ours)
		case "sequential":
			out = append(out, sequential)
		case "sdk":
			out = append(out, theirs)
		default:
			return nil, fmt.Errorf(`-clients: unknown client %q (notion-tui, sequential, sdk)`, f)
		}
	}
	if !slices.Contains(out, ours) {
		return nil, errors.New("-clients must include notion-tui")
	}
	return out, nil
}

func (c config) validate() error {
	switch {
	case slices.ContainsFunc(c.rates, func(r float64) bool { return r <= 0 }):
		return fmt.Errorf("-rate values must be positive, got %v", c.rates)
	case c.reps < 1:
		return fmt.Errorf("-reps must be at least 1, got %d", c.reps)
	case slices.ContainsFunc(c.rows, func(n int) bool { return n < 1 }):
		return errors.New("-rows values must be at least 1")
	case slices.ContainsFunc(c.latencies, func(d time.Duration) bool { return d < 0 }):
		return errors.New("-latency values must not be negative")
	case c.memRows < 0 || c.memRate <= 0 || c.memLatency < 0:
		return errors.New("-memory-rows must not be negative, -memory-rate must be positive")
	case c.version != "2025-09-03" && c.version != "2026-03-11":
		return fmt.Errorf("-version must be a data-source version (2025-09-03 or 2026-03-11), got %q", c.version)
	}
	return nil
}

// reproduceCommand is the command line that repeats this run, without -o
// and -v, which do not change the figures.
func reproduceCommand(fs *flag.FlagSet) string {
	parts := []string{"go run ./bench"}
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "o" && f.Name != "v" {
			parts = append(parts, fmt.Sprintf("-%s=%s", f.Name, f.Value))
		}
	})
	return strings.Join(parts, " ")
}

// cells lists the grid, smallest reads first.
func (c config) cells() []cell {
	var out []cell
	for _, n := range c.rows {
		for _, rate := range c.rates {
			for _, lat := range c.latencies {
				out = append(out, cell{rows: n, latency: lat, rate: rate})
			}
		}
	}
	return out
}

func main() {
	cfg, command, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, command, goBuild); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run runs the benchmark with the Go programs build makes ready.
func run(ctx context.Context, cfg config, command string, build programs) error {
	began := time.Now()
	env, err := prepare(ctx, cfg, build)
	if err != nil {
		return err
	}
	defer env.cleanup()
	env.loadBefore = loadAverage()
	fmt.Fprintf(os.Stderr, "bench: %d cells × %d clients; at least %s of reading\n",
		len(cfg.cells()), len(cfg.clients), estimate(cfg).Round(time.Second))

	results, err := env.runGrid(ctx)
	if err != nil {
		return err
	}
	var mem []memoryResult
	if cfg.memRows > 0 {
		if mem, err = env.runMemory(ctx); err != nil {
			return fmt.Errorf("memory runs: %w", err)
		}
	}
	env.loadAfter = loadAverage()

	report := renderReport(env, results, mem, command, time.Since(began))
	fmt.Print(report)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(report), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// estimate is the time the grid's reads take at their bounds.
func estimate(cfg config) time.Duration {
	var total time.Duration
	for _, c := range cfg.cells() {
		total += c.bound() * time.Duration(c.reps(cfg))
	}
	return total * time.Duration(len(cfg.clients))
}
