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

// figures are the per-client numbers of a cell.
type figures struct {
	ok                                           bool // the client ran in this cell
	wall, firstPage, requests, limited, rss, cpu stat
}

func figuresOf(runs []measurement) figures {
	if len(runs) == 0 {
		return figures{}
	}
	return figures{
		ok:        true,
		wall:      summarize(runs, func(m measurement) float64 { return m.wall.Seconds() }),
		firstPage: summarize(runs, func(m measurement) float64 { return ms(m.firstPage) }),
		requests:  summarize(runs, func(m measurement) float64 { return float64(m.requests) }),
		limited:   summarize(runs, func(m measurement) float64 { return float64(m.rateLimited) }),
		rss:       summarize(runs, func(m measurement) float64 { return mb(m.rssBytes) }),
		cpu:       summarize(runs, func(m measurement) float64 { return m.cpu.Seconds() }),
	}
}

// cellFigures are a cell's figures and ratios.
type cellFigures struct {
	cell                  cell
	ours, seq, sdk        figures
	toBound, toSeq, toSDK float64 // NaN where the other side did not run
	toLeast               float64
}

func cellFiguresOf(r cellResult) cellFigures {
	f := cellFigures{cell: r.cell, ours: figuresOf(r.runs[ours]), seq: figuresOf(r.runs[sequential]), sdk: figuresOf(r.runs[theirs])}
	f.toBound = f.ours.wall.median / r.cell.bound().Seconds()
	f.toSeq, f.toSDK = math.NaN(), math.NaN()
	if f.seq.ok {
		f.toSeq = f.ours.wall.median / f.seq.wall.median
	}
	if f.sdk.ok {
		f.toSDK = f.ours.wall.median / f.sdk.wall.median
	}
	f.toLeast = f.ours.requests.median / float64(r.cell.pages())
	return f
}

// Targets, judged at the two decimals the tables show: a time 0.4%
// above the loop's, as runs of the same requests differ by, reads 1.00
// and is not slower.
const (
	targetToBound = 1.105
	targetToSeq   = 1.005
	targetToLeast = 1.055
)

func renderReport(env *environment, results []cellResult, mem []memoryResult, command string, took time.Duration) string {
	var b strings.Builder
	cfg := env.cfg
	fmt.Fprintf(&b, "# Reading whole data sources: notion-tui, a sequential loop and the official SDK\n\n")
	fmt.Fprintf(&b, "Measured %s on %s/%s with %d CPUs; %s", time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), env.goVersion)
	if env.sdkVersion != "" {
		fmt.Fprintf(&b, ", node %s, @notionhq/client %s", strings.TrimPrefix(env.nodeVer, "v"), env.sdkVersion)
	}
	fmt.Fprintf(&b, "; Notion-Version %s. ", cfg.version)
	fmt.Fprintf(&b, "Every client read the same sandbox (notiontest on a loopback port) as a separate process, in alternating order, %d time(s) per cell (at least %d where the bound is under %s); figures are medians. ", cfg.reps, cfg.shortReps, shortCell)
	fmt.Fprintf(&b, "Whole run: %s", took.Round(time.Second))
	if env.loadBefore != "" {
		fmt.Fprintf(&b, "; load average %s before and %s after", env.loadBefore, env.loadAfter)
	}
	b.WriteString(".\n\n")
	fmt.Fprintf(&b, "Reproduce from the repository root:\n\n```sh\nnpm ci --prefix bench/js\n%s\n```\n\n", command)

	cells := make([]cellFigures, len(results))
	for i, r := range results {
		cells[i] = cellFiguresOf(r)
	}
	b.WriteString("## Summary\n\n")
	writeSummary(&b, cells, mem)

	b.WriteString("\n## Every cell\n\n")
	b.WriteString("Times in seconds. The bound is the least requests (one per 100 rows) at the budget's rate, or two round trips (the cell's latency and the sandbox's time to answer a page, measured before the runs) when that is longer; ")
	b.WriteString("÷ columns are notion-tui's wall time over the bound, the sequential loop's and the SDK's, measured in the same run.\n\n")
	writeGrid(&b, cells)

	if len(mem) > 0 {
		fmt.Fprintf(&b, "\n## Memory of `notion-tui query --all`\n\n")
		fmt.Fprintf(&b, "The built binary reads %s rows from a sandbox with a %s ms round trip at %s requests/s (so that windows are read at once and rows are held out of order), writing to a file; peak RSS is the process's maximum resident set. Target: at most 40 MB in every format.\n\n",
			thousands(float64(cfg.memRows)), strconv.FormatFloat(ms(cfg.memLatency), 'f', -1, 64), strconv.FormatFloat(cfg.memRate, 'f', -1, 64))
		b.WriteString("| format | rows | peak RSS | wall time | requests |\n|---|---|---|---|---|\n")
		for _, m := range mem {
			fmt.Fprintf(&b, "| %s | %s | %.1f MB | %.2f s | %s |\n", m.format, thousands(float64(m.rows)), mb(m.rssBytes), m.wall.Seconds(), thousands(float64(m.requests)))
		}
	}

	b.WriteString("\n## What each client does\n\n")
	for _, c := range env.clients {
		fmt.Fprintf(&b, "- **%s**: %s.\n", c.name, c.summary)
	}
	b.WriteString("\nEach run starts with the sandbox's counters reset and its token bucket full (burst = rate), so a read can briefly go above the steady-state rate and beat the bound. ")
	b.WriteString("Wall time and time to the first row are measured inside each process, from just before the read to its last (first) row; ")
	b.WriteString("requests and 429s are counted by the sandbox; every run is checked to read every row of the data source exactly once; ")
	b.WriteString("peak RSS is the child process's maximum resident set (node's includes its runtime).\n")
	return b.String()
}

func writeSummary(b *strings.Builder, cells []cellFigures, mem []memoryResult) {
	worst := func(get func(cellFigures) float64) (float64, cell) {
		w, at := math.Inf(-1), cell{}
		for _, c := range cells {
			if v := get(c); !math.IsNaN(v) && v > w {
				w, at = v, c.cell
			}
		}
		return w, at
	}
	over := func(get func(cellFigures) float64, limit float64) []string {
		var out []string
		for _, c := range cells {
			if v := get(c); !math.IsNaN(v) && v > limit {
				out = append(out, fmt.Sprintf("%s (%.2f)", c.cell, v))
			}
		}
		return out
	}
	verdict := func(list []string) string {
		if len(list) == 0 {
			return "**met** in every cell"
		}
		return fmt.Sprintf("**not met** in %d of %d cells: %s", len(list), len(cells), strings.Join(list, "; "))
	}
	toBound := func(c cellFigures) float64 { return c.toBound }
	w, at := worst(toBound)
	fmt.Fprintf(b, "- notion-tui ÷ the physical bound: at most %.2f (%s). Target ≤ 1.10: %s.\n", w, at, verdict(over(toBound, targetToBound)))
	toSeq := func(c cellFigures) float64 { return c.toSeq }
	if w, at := worst(toSeq); !math.IsInf(w, -1) {
		fmt.Fprintf(b, "- notion-tui ÷ the sequential loop: at most %.2f (%s). Never slower: %s.\n", w, at, verdict(over(toSeq, targetToSeq)))
	}
	toSDK := func(c cellFigures) float64 { return c.toSDK }
	if w, _ := worst(toSDK); !math.IsInf(w, -1) {
		best := math.Inf(1)
		for _, c := range cells {
			if !math.IsNaN(c.toSDK) {
				best = min(best, c.toSDK)
			}
		}
		fmt.Fprintf(b, "- notion-tui ÷ the SDK: %.2f to %.2f.\n", best, w)
	}
	toLeast := func(c cellFigures) float64 { return c.toLeast }
	w, at = worst(toLeast)
	fmt.Fprintf(b, "- Requests notion-tui sent ÷ the least needed: at most %.2f (%s). Target ≤ 1.05: %s.\n", w, at, verdict(over(toLeast, targetToLeast)))
	var ourLimited, sdkLimited float64
	for _, c := range cells {
		ourLimited = max(ourLimited, c.ours.limited.max)
		if c.sdk.ok {
			sdkLimited = max(sdkLimited, c.sdk.limited.max)
		}
	}
	fmt.Fprintf(b, "- 429 answers: notion-tui at most %s in a run", count(ourLimited))
	if sdkLimited > 0 || slices.ContainsFunc(cells, func(c cellFigures) bool { return c.sdk.ok }) {
		fmt.Fprintf(b, ", the SDK up to %s", count(sdkLimited))
	}
	b.WriteString(".\n")
	rss, _ := worst(func(c cellFigures) float64 { return c.ours.rss.max })
	fmt.Fprintf(b, "- notion-tui's peak RSS: at most %.1f MB in any run.\n", rss)
	if len(mem) > 0 {
		var parts []string
		top := 0.0
		for _, m := range mem {
			parts = append(parts, fmt.Sprintf("%s %.1f MB", m.format, mb(m.rssBytes)))
			top = max(top, mb(m.rssBytes))
		}
		v := "**met**"
		if top > 40 {
			v = "**not met**"
		}
		fmt.Fprintf(b, "- `notion-tui query --all` at %s rows: %s. Target ≤ 40 MB: %s.\n", thousands(float64(mem[0].rows)), strings.Join(parts, ", "), v)
	}
}

func writeGrid(b *strings.Builder, cells []cellFigures) {
	b.WriteString("| rows | round trip | budget | bound | notion-tui | ÷ bound | ÷ sequential loop | ÷ SDK | requests (least) | first row | 429s (notion-tui, SDK) | peak RSS (notion-tui, SDK) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range cells {
		sdk429, sdkRSS := "–", "–"
		if c.sdk.ok {
			sdk429, sdkRSS = count(c.sdk.limited.median), fmt.Sprintf("%.0f MB", c.sdk.rss.median)
		}
		fmt.Fprintf(b, "| %s | %s ms | %s/s | %.2f | %.2f | %s | %s | %s | %s (%s) | %.0f ms | %s, %s | %.0f MB, %s |\n",
			thousands(float64(c.cell.rows)), strconv.FormatFloat(ms(c.cell.latency), 'f', -1, 64), strconv.FormatFloat(c.cell.rate, 'f', -1, 64),
			c.cell.bound().Seconds(), c.ours.wall.median, fmtRatio(c.toBound), fmtRatio(c.toSeq), fmtRatio(c.toSDK),
			thousands(c.ours.requests.median), thousands(float64(c.cell.pages())), c.ours.firstPage.median,
			count(c.ours.limited.median), sdk429, c.ours.rss.median, sdkRSS)
	}
}

func fmtRatio(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
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
