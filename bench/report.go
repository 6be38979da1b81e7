package main

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The two sides of every ratio, by client name.
const (
	ours   = "notion-tui"
	theirs = "SDK"
)

// stat is the median and range of one figure over the runs of a client.
type stat struct{ median, min, max float64 }

func summarize(runs []measurement, f func(measurement) float64) stat {
	vs := make([]float64, len(runs))
	for i, m := range runs {
		vs[i] = f(m)
	}
	return stat{median: median(vs), min: slices.Min(vs), max: slices.Max(vs)}
}

// median of a non-empty slice; the mean of the middle two for an even
// count.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// ratio formats a/b, or "–" when b is zero.
func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}

// figures are the per-client numbers of a scenario's table.
type figures struct {
	wall, process, firstPage, requests, limited, rows, rowsPerSec, rss, cpu stat
}

func figuresOf(runs []measurement) figures {
	return figures{
		wall:       summarize(runs, func(m measurement) float64 { return m.wall.Seconds() }),
		process:    summarize(runs, func(m measurement) float64 { return m.process.Seconds() }),
		firstPage:  summarize(runs, func(m measurement) float64 { return ms(m.firstPage) }),
		requests:   summarize(runs, func(m measurement) float64 { return float64(m.requests) }),
		limited:    summarize(runs, func(m measurement) float64 { return float64(m.rateLimited) }),
		rows:       summarize(runs, func(m measurement) float64 { return float64(m.rows) }),
		rowsPerSec: summarize(runs, func(m measurement) float64 { return float64(m.rows) / m.wall.Seconds() }),
		rss:        summarize(runs, func(m measurement) float64 { return mb(m.rssBytes) }),
		cpu:        summarize(runs, func(m measurement) float64 { return m.cpu.Seconds() }),
	}
}

func (r scenarioResult) describe() string {
	s := r.scenario
	return fmt.Sprintf("%s: %s rows, %s ms round trip, %s requests/s", s.title, thousands(float64(s.rows)),
		strconv.FormatFloat(ms(s.latency), 'f', -1, 64), strconv.FormatFloat(s.rate, 'f', -1, 64))
}

func renderReport(env *environment, results []scenarioResult, command string, took time.Duration) string {
	var b strings.Builder
	cfg := env.cfg
	fmt.Fprintf(&b, "# notion-tui's client and the official Notion SDK reading whole data sources\n\n")
	fmt.Fprintf(&b, "Measured %s on %s/%s with %d CPUs; %s, node %s, @notionhq/client %s; Notion-Version %s. ",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(),
		env.goVersion, strings.TrimPrefix(env.nodeVer, "v"), env.sdkVersion, cfg.version)
	fmt.Fprintf(&b, "Both clients read the same sandbox (notiontest on a loopback port) as separate processes, in alternating order, %d times each per scenario; figures are medians. ", cfg.reps)
	fmt.Fprintf(&b, "Whole run: %.0f s", took.Seconds())
	if env.loadBefore != "" {
		fmt.Fprintf(&b, "; load average %s before and %s after", env.loadBefore, env.loadAfter)
	}
	b.WriteString(".\n\n")
	fmt.Fprintf(&b, "Reproduce from the repository root:\n\n```sh\nnpm ci --prefix bench/js\n%s\n```\n\n", command)

	b.WriteString("## Ratios, notion-tui / SDK\n\n")
	b.WriteString("| scenario | wall time | rows/s | time to first page | requests sent | 429s received (notion-tui, SDK) | peak RSS |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		o, t := figuresOf(r.runs[ours]), figuresOf(r.runs[theirs])
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s, %s | %s |\n", r.describe(),
			ratio(o.wall.median, t.wall.median), ratio(o.rowsPerSec.median, t.rowsPerSec.median),
			ratio(o.firstPage.median, t.firstPage.median), ratio(o.requests.median, t.requests.median),
			count(o.limited.median), count(t.limited.median), ratio(o.rss.median, t.rss.median))
	}
	b.WriteString("\n")
	for _, r := range results {
		if r.scenario.key == "latency" {
			b.WriteString(targetVerdict(r))
		}
	}

	for _, r := range results {
		writeScenario(&b, r)
	}

	b.WriteString("## What each client does\n\n")
	for _, c := range env.clients {
		fmt.Fprintf(&b, "- **%s**: %s.\n", c.name, c.summary)
	}
	b.WriteString("\nEach run starts with the sandbox's counters reset and its token bucket full (burst = rate), ")
	b.WriteString("so a read can briefly go above the steady-state bound of rate × 100 rows/s. ")
	b.WriteString("Wall time and time to first page are measured inside each process, from just before the read to its last (first) row; ")
	b.WriteString("requests and 429s are counted by the sandbox; rows are checked to be every row of the data source, each exactly once; ")
	b.WriteString("process lifetime adds start-up (node loading the SDK, the Go binary starting) and writing the IDs out; ")
	b.WriteString("peak RSS is the child process's maximum resident set.\n")
	return b.String()
}

// targetVerdict states whether the whole-read target is met: at most half
// the SDK's wall time, and no 429.
func targetVerdict(r scenarioResult) string {
	o, t := figuresOf(r.runs[ours]), figuresOf(r.runs[theirs])
	met := o.wall.median <= 0.5*t.wall.median && o.limited.max == 0
	verdict := "**not met**"
	if met {
		verdict = "**met**"
	}
	return fmt.Sprintf("Target for the %s scenario: notion-tui's wall time at most 0.5 × the SDK's, with no 429: %s (%s, %s × 429 in the worst run).\n\n",
		r.scenario.title, verdict, ratio(o.wall.median, t.wall.median), count(o.limited.max))
}

func writeScenario(b *strings.Builder, r scenarioResult) {
	o, t := figuresOf(r.runs[ours]), figuresOf(r.runs[theirs])
	bound := r.scenario.boundRowsPerSec()
	fmt.Fprintf(b, "## %s\n\n", r.describe())
	b.WriteString("| | notion-tui | SDK | notion-tui / SDK |\n|---|---|---|---|\n")
	row := func(name string, a, c stat, format func(stat) string, withRatio bool) {
		rt := ""
		if withRatio {
			rt = ratio(a.median, c.median)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", name, format(a), format(c), rt)
	}
	seconds := func(s stat) string { return fmt.Sprintf("%.2f s (%.2f–%.2f)", s.median, s.min, s.max) }
	row("wall time of the read, median (min–max)", o.wall, t.wall, seconds, true)
	row("rows/s", o.rowsPerSec, t.rowsPerSec, func(s stat) string { return thousands(s.median) }, true)
	fmt.Fprintf(b, "| rows/s ÷ bound (%s rows/s) | %.2f | %.2f | |\n", thousands(bound), o.rowsPerSec.median/bound, t.rowsPerSec.median/bound)
	row("time to first page, median (min–max)", o.firstPage, t.firstPage, func(s stat) string {
		return fmt.Sprintf("%.0f ms (%.0f–%.0f)", s.median, s.min, s.max)
	}, true)
	row("process lifetime, start to exit", o.process, t.process, seconds, true)
	row("CPU time of the process (user + system)", o.cpu, t.cpu, seconds, true)
	row("requests sent", o.requests, t.requests, rangeOf, true)
	row("429s received", o.limited, t.limited, rangeOf, false)
	row("rows read, each exactly once", o.rows, t.rows, rangeOf, false)
	row("peak RSS, median (min–max)", o.rss, t.rss, func(s stat) string {
		if s.max == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f MB (%.1f–%.1f)", s.median, s.min, s.max)
	}, true)
	b.WriteString("\n")
	for _, name := range []string{ours, theirs} {
		fmt.Fprintf(b, "%s wall times per run: %s s.  \n", name, perRun(r.runs[name]))
	}
	b.WriteString("\n")
}

// rangeOf formats a count's median, with its range when runs differ.
func rangeOf(s stat) string {
	if s.min == s.max {
		return thousands(s.median)
	}
	return fmt.Sprintf("%s (%s–%s)", thousands(s.median), thousands(s.min), thousands(s.max))
}

func perRun(runs []measurement) string {
	parts := make([]string, len(runs))
	for i, m := range runs {
		parts[i] = fmt.Sprintf("%.2f", m.wall.Seconds())
	}
	return strings.Join(parts, ", ")
}

func count(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// thousands rounds v and groups its digits with commas: 12000 → "12,000".
func thousands(v float64) string {
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i, ch := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, ch)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
