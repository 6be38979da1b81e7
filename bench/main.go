// Command bench measures notion-tui's client against the official Notion
// JavaScript SDK (@notionhq/client, run with the machine's node) reading
// every row of a large data source from the same notiontest sandbox, in
// one run on one machine.
//
//	npm ci --prefix bench/js   # once: installs the pinned SDK
//	go run ./bench -o bench/RESULTS.md
//
// Each scenario starts one sandbox on a loopback port with a rate limit and
// a simulated round trip. Both clients then run as child processes, in
// alternating order, several times: bench/gorunner (notionapi's ReadAll,
// paced with WithRate(rate, 0)) and bench/js/read.mjs (the SDK's
// iterateAllDataSourceRows with its default retry settings). For each run
// the sandbox's counters are reset and its token bucket refilled; the
// report gives medians of wall time, requests sent, 429 answers, rows read
// (checked: every row exactly once), rows/s against the rate bound, time to
// the first page and peak RSS, and the ratios notion-tui / SDK.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

// rowsPerRequest is the page size both clients ask for, and so the rows a
// request can bring at most.
const rowsPerRequest = 100

// config holds the command-line settings.
type config struct {
	rate         float64
	reps         int
	rows         int
	latency      time.Duration
	pacedRows    int
	pacedLatency time.Duration
	only         string
	version      string
	node         string
	script       string
	out          string
	verbose      bool
}

func parseFlags(args []string, stderr io.Writer) (config, string, error) {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Float64Var(&c.rate, "rate", 30, "requests per second the sandbox allows (token bucket, burst = rate); the Go client paces to it")
	fs.IntVar(&c.reps, "reps", 3, "runs of each client per scenario (medians are reported)")
	fs.IntVar(&c.rows, "rows", 12000, "rows of the data source in the latency-bound scenario")
	fs.DurationVar(&c.latency, "latency", 100*time.Millisecond, "simulated round trip in the latency-bound scenario")
	fs.IntVar(&c.pacedRows, "paced-rows", 10000, "rows of the data source in the rate-bound scenario")
	fs.DurationVar(&c.pacedLatency, "paced-latency", 5*time.Millisecond, "simulated round trip in the rate-bound scenario")
	fs.StringVar(&c.only, "only", "", `run one scenario only: "latency" or "rate"`)
	fs.StringVar(&c.version, "version", "2025-09-03", "Notion-Version both clients send (2025-09-03 or 2026-03-11)")
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
	if err := c.validate(); err != nil {
		return c, "", err
	}
	return c, reproduceCommand(fs), nil
}

func (c config) validate() error {
	switch {
	case c.rate <= 0:
		return fmt.Errorf("-rate must be positive, got %g", c.rate)
	case c.reps < 1:
		return fmt.Errorf("-reps must be at least 1, got %d", c.reps)
	case c.rows < 1 || c.pacedRows < 1:
		return errors.New("-rows and -paced-rows must be at least 1")
	case c.latency < 0 || c.pacedLatency < 0:
		return errors.New("-latency and -paced-latency must not be negative")
	case c.only != "" && c.only != "latency" && c.only != "rate":
		return fmt.Errorf(`-only must be "latency" or "rate", got %q`, c.only)
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

// scenarios lists what the configuration asks to run.
func (c config) scenarios() []scenario {
	all := []scenario{
		{key: "latency", title: "latency-bound", rows: c.rows, latency: c.latency, rate: c.rate},
		{key: "rate", title: "rate-bound", rows: c.pacedRows, latency: c.pacedLatency, rate: c.rate},
	}
	if c.only == "" {
		return all
	}
	for _, s := range all {
		if s.key == c.only {
			return []scenario{s}
		}
	}
	return nil
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
	if err := run(ctx, cfg, command); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config, command string) error {
	began := time.Now()
	env, err := prepare(ctx, cfg)
	if err != nil {
		return err
	}
	defer env.cleanup()
	env.loadBefore = loadAverage()

	var results []scenarioResult
	for _, s := range cfg.scenarios() {
		r, err := env.runScenario(ctx, s)
		if err != nil {
			return fmt.Errorf("%s scenario: %w", s.title, err)
		}
		results = append(results, r)
	}
	env.loadAfter = loadAverage()

	report := renderReport(env, results, command, time.Since(began))
	fmt.Print(report)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(report), 0o644); err != nil {
			return err
		}
	}
	return nil
}
