// Package memlimit keeps the Go runtime's soft memory limit a little above
// the live heap while the app runs, or while the command line reads a
// whole data source.
//
// With the runtime's default pacing (GOGC=100) the heap grows to twice the
// live heap between collections, and the garbage of a read (every decoded
// page is garbage once its rows are out) keeps the process near that. A
// soft limit a little above the live heap makes the collector run before
// the heap doubles and return freed memory to the system:
//
//   - The app with a table of 100,000 rows (25 to 35 MB of live heap):
//     104 to 113 MB resident once loaded without it; with it, 72 to 74 MB
//     at the peak and 56 to 61 MB once loaded, for 10% of a core in the
//     collector during the read (GODEBUG=gctrace=1 and /proc/PID/status
//     against `notion-tui sandbox --rows 100000 --rate 200`). AppFloor.
//   - `query --all`, holding up to 6,000 rows read ahead (13 MB of live
//     heap at the peak): 43 to 48 MB resident at 100,000 rows without it,
//     33 to 36 MB with it (bench/RESULTS.md). ReadFloor.
//
// The limit follows the live heap after every collection, so a larger
// heap raises it rather than making the collector run without end; GOGC
// still applies below it. A GOMEMLIMIT set by the user is left alone.
package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

const (
	// AppFloor is the app's least limit: under it, collecting sooner
	// saves too little to pay for itself.
	AppFloor = 48 << 20
	// ReadFloor is the least limit while the command line reads a whole
	// data source: low enough for the limit to bind at the live heap of
	// its read-ahead (13 MB: 24 MB), which the default pacing would let
	// grow to twice that.
	ReadFloor = 16 << 20
	// Headroom is the room above the live heap, before the share below.
	Headroom = 8 << 20
)

// For returns the limit for a live heap of live bytes: a quarter above it
// plus Headroom, and never under floor.
func For(live uint64, floor int64) int64 {
	l := live + live/4 + Headroom
	if l > math.MaxInt64 {
		return math.MaxInt64
	}
	return max(floor, int64(l))
}

// follower is the one running: calls of Follow may overlap (tests run
// commands side by side), and share it.
var follower struct {
	sync.Mutex
	users int
	prev  int64       // the limit before the first
	gen   int         // ends the finalizer chain of a follower stopped
	floor int64       // the first caller's
	onSet func(int64) // tests: called with each limit set
}

// Follow sets the limit from the live heap now and after every collection,
// never under floor, until the returned stop is called. Calls may overlap:
// the first sets the floor, and the last stop puts back the limit there
// was before the first. It does nothing (and stop does nothing) when
// GOMEMLIMIT is set.
func Follow(floor int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	f := &follower
	f.Lock()
	f.users++
	first := f.users == 1
	if first {
		f.prev = debug.SetMemoryLimit(-1)
		f.floor = floor
		f.gen++
	}
	gen := f.gen
	f.Unlock()
	if first {
		set(gen)
		arm(gen)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			f.Lock()
			defer f.Unlock()
			f.users--
			if f.users == 0 {
				f.gen++
				debug.SetMemoryLimit(f.prev)
			}
		})
	}
}

var sample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// set sets the limit from the live heap, unless the follower of
// generation gen was stopped.
func set(gen int) bool {
	f := &follower
	f.Lock()
	defer f.Unlock()
	if f.gen != gen {
		return false
	}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	l := For(sample[0].Value.Uint64(), f.floor)
	debug.SetMemoryLimit(l)
	if f.onSet != nil {
		f.onSet(l)
	}
	return true
}

// arm calls set after the next collection, and again after each one while
// the follower of generation gen runs: a finalizer runs after the
// collection that found its object unreachable.
func arm(gen int) {
	s := new(sentinel)
	runtime.SetFinalizer(s, func(*sentinel) {
		if set(gen) {
			arm(gen)
		}
	})
}

// sentinel is a pointer-holding type, so that new(sentinel) is a real
// allocation the collector frees (a zero-size one would never be).
type sentinel struct{ _ *byte }
