package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{10, 10, 1}, 10},
	} {
		in := slices.Clone(tc.in)
		if got := median(in); got != tc.want {
			t.Errorf("median(%v) = %g, want %g", tc.in, got, tc.want)
		}
		if !slices.Equal(in, tc.in) {
			t.Errorf("median reordered its input: %v", in)
		}
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", 999: "999", 1000: "1,000", 12000: "12,000", 1234567: "1,234,567",
		2999.6: "3,000", -1234: "-1,234",
	} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%g) = %q, want %q", in, got, want)
		}
	}
}

func TestRatio(t *testing.T) {
	if got := ratio(3.8, 12.7); got != "0.30" {
		t.Errorf("ratio = %q", got)
	}
	if got := ratio(1, 0); got != "–" {
		t.Errorf("ratio by zero = %q", got)
	}
}

// runs builds measurements with the given wall times and 429 counts.
func runs(walls []float64, limited int) []measurement {
	out := make([]measurement, len(walls))
	for i, w := range walls {
		out[i] = measurement{wall: time.Duration(w * float64(time.Second)), rows: 12000, requests: 121, rateLimited: limited, rssBytes: 40 << 20}
	}
	return out
}

func TestTargetVerdict(t *testing.T) {
	for _, tc := range []struct {
		name         string
		ours, theirs []float64
		want         string
		oursLimited  int
	}{
		{name: "met", ours: []float64{4, 3.8, 9}, theirs: []float64{13, 12, 30}, want: "**met** (0.31"},
		{name: "too slow", ours: []float64{7, 7, 7}, theirs: []float64{13, 13, 13}, want: "**not met** (0.54"},
		{name: "a 429", ours: []float64{4, 4, 4}, theirs: []float64{13, 13, 13}, oursLimited: 1, want: "**not met** (0.31, 1 × 429"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scenarioResult{
				scenario: scenario{title: "latency-bound", rows: 12000, rate: 30},
				runs:     map[string][]measurement{ours: runs(tc.ours, tc.oursLimited), theirs: runs(tc.theirs, 0)},
			}
			if got := targetVerdict(r); !strings.Contains(got, tc.want) {
				t.Errorf("verdict %q does not contain %q", got, tc.want)
			}
		})
	}
}

func TestReportShowsMediansAndRatios(t *testing.T) {
	env := &environment{cfg: config{reps: 3, version: "2025-09-03"}, clients: []client{{name: ours, summary: "reads concurrently"}, {name: theirs, summary: "reads sequentially"}}}
	r := scenarioResult{
		scenario: scenario{key: "latency", title: "latency-bound", rows: 12000, latency: 100 * time.Millisecond, rate: 30},
		runs:     map[string][]measurement{ours: runs([]float64{4, 3.9, 6}, 0), theirs: runs([]float64{13, 12, 40}, 0)},
	}
	got := renderReport(env, []scenarioResult{r}, "go run ./bench -reps=3", 90*time.Second)
	for _, want := range []string{
		"| latency-bound: 12,000 rows, 100 ms round trip, 30 requests/s | 0.31 |", // 4 / 13
		"| wall time of the read, median (min–max) | 4.00 s (3.90–6.00) | 13.00 s (12.00–40.00) | 0.31 |",
		"| rows/s ÷ bound (3,000 rows/s) | 1.00 | 0.31 | |", // 12,000 rows in 4 s and 13 s
		"go run ./bench -reps=3",
		"**met**",
		"- **notion-tui**: reads concurrently.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}
