// Package memlimit keeps the Go runtime's soft memory limit a little above
// the live heap while the app runs.
//
// A table of 100,000 rows is 25 to 35 MB of live heap. With the runtime's
// default pacing (GOGC=100) the heap grows to twice the live heap between
// collections, and the garbage of a read (every decoded page is garbage
// once it is a row) keeps the process near that: 104 to 113 MB resident
// once such a table is loaded. A soft limit a little above the live heap
// makes the collector run before the heap doubles and return freed memory
// to the system: 72 to 74 MB at the peak and 56 to 61 MB once loaded, for
// 10% of a core in the collector during the read (measured with
// GODEBUG=gctrace=1 and /proc/PID/status against `notion-tui sandbox
// --rows 100000 --rate 200`). The limit follows the live heap after every
// collection, so a larger table raises it rather than making the collector
// run without end; GOGC still applies below it. A GOMEMLIMIT set by the
// user is left alone.
package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

const (
	// Floor is the least limit: under it, collecting sooner saves too
	// little to pay for itself.
	Floor = 48 << 20
	// Headroom is the room above the live heap, before the share below.
	Headroom = 8 << 20
)

// For returns the limit for a live heap of live bytes: a quarter above it
// plus Headroom, and never under Floor.
func For(live uint64) int64 {
	l := live + live/4 + Headroom
	if l > math.MaxInt64 {
		return math.MaxInt64
	}
	return max(Floor, int64(l))
}

// Follow sets the limit from the live heap now and after every collection
// until the returned stop is called, which puts back the limit there was.
// It does nothing (and stop does nothing) when GOMEMLIMIT is set.
// onSet, if not nil, is called with each limit set (for tests).
func Follow(onSet func(int64)) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1)
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		l := For(sample[0].Value.Uint64())
		debug.SetMemoryLimit(l)
		if onSet != nil {
			onSet(l)
		}
	}
	// A finalizer runs after the collection that found its object
	// unreachable: re-armed each time, it runs once per collection.
	var arm func()
	arm = func() {
		s := new(sentinel)
		runtime.SetFinalizer(s, func(*sentinel) {
			if stopped.Load() {
				return
			}
			set()
			arm()
		})
	}
	set()
	arm()
	return func() {
		if stopped.CompareAndSwap(false, true) {
			debug.SetMemoryLimit(prev)
		}
	}
}

// sentinel is a pointer-holding type, so that new(sentinel) is a real
// allocation the collector frees (a zero-size one would never be).
type sentinel struct{ _ *byte }
