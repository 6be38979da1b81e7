package notionapi

import (
	"testing"
	"time"
)

// planT0 is the created_time the planner tests' rows start at.
var planT0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// planReader is a reader in the middle of a read, for the planner's
// functions: paced at rate (0: not paced), one row a minute counted so
// far, the top of the range known.
func planReader(t *testing.T, rate float64, segs ...*segment[Page]) *reader[Page] {
	t.Helper()
	c, err := NewClient("token", WithRate(rate, 0))
	if err != nil {
		t.Fatal(err)
	}
	return &reader[Page]{
		c: c, parallel: true, maxW: maxReadConcurrency, ahead: DefaultReadAhead,
		tune:     readTuning{roundTrip: 205 * time.Millisecond},
		topKnown: true, counts: 1, segs: segs,
		recent: []observation{{from: planT0, to: planT0.Add(minutes(100)), gaps: 100}},
	}
}

// TestReadAllSparesRequestsOnLargeReads: a read of 120 pages may spend at
// most 6 requests beyond them on its windows' part-filled last pages; a
// small read splits for its wall time whatever it has spent.
func TestReadAllSparesRequestsOnLargeReads(t *testing.T) {
	t.Parallel()
	// 6,000 rows handed over, 6,000 in one window not yet read.
	large := planReader(t, 10, &segment[Page]{key: byCreated, lo: planT0.Add(minutes(6000)), hi: planT0.Add(minutes(12000))})
	large.handedOver = 6000
	if got := large.totalPagesLocked(); got < 119.9 || got > 120.1 {
		t.Fatalf("the read is %.1f pages, want 120", got)
	}
	// 5 requests spent, the open window's end and the new one's: 6.
	large.answered = 65
	if !large.spareLocked(1) {
		t.Error("5 requests spent of 6: a window more refused")
	}
	large.answered = 66
	if large.spareLocked(1) {
		t.Error("6 requests spent of 6: a window more allowed")
	}

	small := planReader(t, 10, &segment[Page]{key: byCreated, lo: planT0.Add(minutes(500)), hi: planT0.Add(minutes(1500))})
	small.handedOver, small.answered = 500, 20
	if !small.spareLocked(10) {
		t.Error("a read of 15 pages refused windows that save round trips")
	}
}

// TestReadAllCountsTheProbesRowsAtTheTop: the range ending at the probe's
// oldest instant reads that instant's rows again, the probe's included;
// its estimate counts them.
func TestReadAllCountsTheProbesRowsAtTheTop(t *testing.T) {
	t.Parallel()
	top := planT0.Add(minutes(80))
	r := planReader(t, 10, &segment[Page]{key: byCreated, lo: planT0, hi: top.Add(time.Millisecond)})
	r.tailOldest, r.topSkip = top, seenRows{}
	for i := range 40 {
		r.topSkip[fakeID(i)] = top
	}
	if got := r.remainingLocked(); got < 119.5 || got > 120.5 {
		t.Fatalf("%.1f rows left, want 80 by the density and the probe's 40 at the top", got)
	}
}

// TestReadAllWindowsStayWithinTheReadAhead: however many chains run ahead
// of a new window, it is planned no longer than the read-ahead allows.
func TestReadAllWindowsStayWithinTheReadAhead(t *testing.T) {
	t.Parallel()
	r := planReader(t, 10,
		&segment[Page]{key: byCreated, lo: planT0, stop: planT0.Add(minutes(100)), started: true, running: true},
		&segment[Page]{key: byCreated, lo: planT0.Add(minutes(100)), stop: planT0.Add(minutes(3000)), started: true, running: true},
		&segment[Page]{key: byCreated, lo: planT0.Add(minutes(3000)), stop: planT0.Add(minutes(6000)), started: true, running: true},
		&segment[Page]{key: byCreated, lo: planT0.Add(minutes(6000)), hi: planT0.Add(minutes(20000))},
	)
	const w = 3 // two chains ahead of the consumer's: 30 pages each at most
	r.sizeLocked(3, w)
	if got, most := r.segs[3].want, float64(2*DefaultReadAhead/(w-1)); got > most {
		t.Fatalf("a window of %.0f rows planned, at most %.0f", got, most)
	}
	if len(r.segs) != 5 {
		t.Fatalf("the range was not split: %d segments", len(r.segs))
	}
}

// TestReadAllSplitsAChainOnItsWayShortInASmallRead: an idle worker that
// splits a chain whose page is on its way leaves that chain 70 rows in a
// small read, so that it rarely needs a round trip more, and two pages'
// worth in a large one, so that the two chains rarely read the same rows,
// unless the read-ahead is full.
func TestReadAllSplitsAChainOnItsWayShortInASmallRead(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		stop      int // minutes: one row a minute
		full      bool
		wantAhead time.Duration
	}{
		{"small", 900, false, minutes(70)},
		{"large", 5000, false, minutes(198)},
		// The read waits for the consumer's chain: help it at once.
		{"large, read-ahead full", 5000, true, minutes(98)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &segment[Page]{
				key: byCreated, stop: planT0.Add(minutes(tc.stop)), started: true, running: true, inflight: true,
				seen: 100, first: planT0, progress: planT0.Add(minutes(99)),
			}
			r := planReader(t, 0, s)
			r.running = 1
			if tc.full {
				r.buffered = r.ahead
			}
			rest := r.stealLocked(r.maxW)
			if rest == nil {
				t.Fatal("no split")
			}
			if got := rest.lo.Sub(s.progress); got != tc.wantAhead {
				t.Fatalf("split %s past the chain's last row, want %s", got, tc.wantAhead)
			}
			if !s.stop.Equal(rest.lo) {
				t.Fatalf("the chain stops at %s, the new segment starts at %s", s.stop, rest.lo)
			}
		})
	}
}

// TestReadAllPairsOnlyWhatTheReadAheadHolds: an idle worker reads the rest
// of the consumer's chain downwards only when the read-ahead can hold the
// rows the downward chain keeps until the two meet, about half of that
// rest. At the start of a large read the rest is the whole read: a
// downward chain would fill the read-ahead and leave the consumer's chain
// reading alone until the pair meets; the rest is split instead.
func TestReadAllPairsOnlyWhatTheReadAheadHolds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		rows int // left in the consumer's chain: one a minute
		pair bool
	}{
		{"the whole of a large read", 48000, false},
		{"half of it is more than the read-ahead", 2 * (DefaultReadAhead + 3*MaxPageSize), false},
		{"half of it fits", 2 * DefaultReadAhead, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &segment[Page]{
				key: byCreated, stop: planT0.Add(minutes(100 + tc.rows)), started: true, running: true,
				seen: 100, first: planT0, progress: planT0.Add(minutes(99)),
			}
			// 30 requests/s and a 50 ms round trip: two chains.
			r := planReader(t, 30, s)
			r.tune.roundTrip = 50 * time.Millisecond
			r.running, r.handedOver, r.answered = 1, 100, 1
			got := r.stealLocked(2)
			if got == nil {
				t.Fatal("the idle worker was given nothing to read")
			}
			if got.desc != tc.pair {
				t.Fatalf("read downwards: %v, want %v (%d rows left, %d read ahead at most)", got.desc, tc.pair, tc.rows, DefaultReadAhead)
			}
		})
	}
}
