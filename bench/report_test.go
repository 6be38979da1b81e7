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

// runs builds measurements with the given wall times, requests and 429
// counts.
func runs(walls []float64, requests, limited int) []measurement {
	out := make([]measurement, len(walls))
	for i, w := range walls {
		out[i] = measurement{wall: time.Duration(w * float64(time.Second)), rows: 12000, requests: requests, rateLimited: limited, rssBytes: 40 << 20, firstPage: 120 * time.Millisecond}
	}
	return out
}

func TestReportShowsRatiosAndVerdicts(t *testing.T) {
	env := &environment{cfg: config{reps: 3, shortReps: 3, version: "2025-09-03"}, clients: []client{{name: ours, summary: "reads in windows"}, {name: sequential, summary: "follows one cursor"}, {name: theirs, summary: "the SDK"}}}
	good := cellResult{
		cell: cell{rows: 12000, latency: 100 * time.Millisecond, rate: 30}, // bound 4 s
		runs: map[string][]measurement{ours: runs([]float64{4.2, 4.1, 6}, 123, 0), sequential: runs([]float64{12, 12, 12}, 120, 0), theirs: runs([]float64{13, 12, 40}, 121, 2)},
	}
	slow := cellResult{
		cell: cell{rows: 1000, rate: 3}, // bound 3.33 s
		runs: map[string][]measurement{ours: runs([]float64{4}, 11, 0), sequential: runs([]float64{3.5}, 10, 0)},
	}
	mem := []memoryResult{{format: "json", rows: 100000, wall: 9 * time.Second, rssBytes: 30 << 20, requests: 1001}}
	got := renderReport(env, []cellResult{good, slow}, mem, "go run ./bench -reps=3", 90*time.Second)
	for _, want := range []string{
		"| 12,000 | 100 ms | 30/s | 4.00 | 4.20 | 1.05 | 0.35 | 0.32 | 123 (120) | 120 ms | 0, 2 | 40 MB, 40 MB |",
		"| 1,000 | 0 ms | 3/s | 3.33 | 4.00 | 1.20 | 1.14 | – | 11 (10) |",
		"Target ≤ 1.10: **not met** in 1 of 2 cells: 1,000 rows, 0 ms, 3/s (1.20)",
		"Never slower: **not met** in 1 of 2 cells: 1,000 rows, 0 ms, 3/s (1.14)",
		"Target ≤ 1.05: **not met** in 1 of 2 cells: 1,000 rows, 0 ms, 3/s (1.10)",
		"notion-tui at most 0 in a run, the SDK up to 2",
		"| json | 100,000 | 30.0 MB | 9.00 s | 1,001 |",
		"Target ≤ 40 MB: **met**",
		"go run ./bench -reps=3",
		"- **notion-tui**: reads in windows.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}
