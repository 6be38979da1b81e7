package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestForKeepsAFloorAndFollowsTheLiveHeap(t *testing.T) {
	t.Parallel()
	cases := []struct {
		live uint64
		want int64
	}{
		{0, Floor},
		{24 << 20, Floor},                   // 24 + 6 + 8 = 38 MiB < 48
		{40 << 20, 58 << 20},                // 40 + 10 + 8
		{400 << 20, 508 << 20},              // 400 + 100 + 8
		{math.MaxUint64 / 2, math.MaxInt64}, // no overflow
	}
	for _, c := range cases {
		if got := For(c.live); got != c.want {
			t.Errorf("For(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
}

// TestFollowSetsTheLimitAfterEachCollection changes the process's limit:
// not parallel.
func TestFollowSetsTheLimitAfterEachCollection(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // empty is unset, for the runtime too
	before := debug.SetMemoryLimit(-1)
	set := make(chan int64, 64)
	stop := Follow(func(l int64) {
		select {
		case set <- l:
		default:
		}
	})
	if l := <-set; l < Floor || debug.SetMemoryLimit(-1) != l {
		t.Fatalf("the first limit set is %d, the runtime's %d", l, debug.SetMemoryLimit(-1))
	}
	// A large live heap raises the limit at the next collection.
	big := make([]byte, 100<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	runtime.GC()
	for l := range set {
		if l >= 100<<20 {
			break
		}
		runtime.GC()
	}
	runtime.KeepAlive(big)
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("after stop the limit is %d, want the one before, %d", got, before)
	}
}

func TestFollowLeavesAUsersLimitAlone(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := debug.SetMemoryLimit(-1)
	stop := Follow(func(int64) { t.Error("a limit was set though GOMEMLIMIT is") })
	runtime.GC()
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("the limit changed from %d to %d", before, got)
	}
}
