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
		{0, AppFloor},
		{24 << 20, AppFloor},                // 24 + 6 + 8 = 38 MiB < 48
		{40 << 20, 58 << 20},                // 40 + 10 + 8
		{400 << 20, 508 << 20},              // 400 + 100 + 8
		{math.MaxUint64 / 2, math.MaxInt64}, // no overflow
	}
	for _, c := range cases {
		if got := For(c.live, AppFloor); got != c.want {
			t.Errorf("For(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
	// The command line's floor lets the limit bind at the live heap of
	// its read-ahead.
	if got, want := For(13<<20, ReadFloor), int64(13<<20+13<<18+Headroom); got != want {
		t.Errorf("For(13 MiB, ReadFloor) = %d, want %d", got, want)
	}
	if got := For(4<<20, ReadFloor); got != ReadFloor {
		t.Errorf("For(4 MiB, ReadFloor) = %d MiB, want the floor", got>>20)
	}
}

// TestFollowSetsTheLimitAfterEachCollection changes the process's limit:
// not parallel.
func TestFollowSetsTheLimitAfterEachCollection(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // empty is unset, for the runtime too
	before := debug.SetMemoryLimit(-1)
	set := make(chan int64, 64)
	hook(t, func(l int64) {
		select {
		case set <- l:
		default:
		}
	})
	stop := Follow(AppFloor)
	if l := <-set; l < AppFloor || debug.SetMemoryLimit(-1) != l {
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
	hook(t, func(int64) { t.Error("a limit was set though GOMEMLIMIT is") })
	stop := Follow(AppFloor)
	runtime.GC()
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("the limit changed from %d to %d", before, got)
	}
}

// TestOverlappingFollowsPutBackTheLimitOnce: commands run side by side in
// one process (tests) each follow the live heap; the limit before the
// first comes back with the last stop, whatever the order. It changes the
// process's limit: not parallel.
func TestOverlappingFollowsPutBackTheLimitOnce(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	stopA := Follow(ReadFloor)
	during := debug.SetMemoryLimit(-1)
	if during == before || during < ReadFloor {
		t.Fatalf("the limit while following is %d (before: %d)", during, before)
	}
	stopB := Follow(AppFloor)
	stopA()
	stopA() // a second call does nothing
	if got := debug.SetMemoryLimit(-1); got == before {
		t.Fatal("the first stop put back the limit though another follower runs")
	}
	follower.Lock()
	gen := follower.gen
	follower.Unlock()
	if !set(gen) {
		t.Fatal("the running follower's generation counts as stopped")
	}
	// The test's live heap is a few MB: the second follower's floor would
	// give AppFloor.
	if got := debug.SetMemoryLimit(-1); got == before || got < ReadFloor || got >= AppFloor {
		t.Fatalf("the limit set is %d, want one from the first follower's floor", got)
	}
	stopB()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("after the last stop the limit is %d, want %d", got, before)
	}
	// The finalizer chain of a follower stopped sets nothing more.
	if set(gen) {
		t.Fatal("a stopped follower's finalizer would set the limit")
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("a stopped follower set the limit to %d", got)
	}
}

// hook calls on with each limit set until the test ends.
func hook(t *testing.T, on func(int64)) {
	follower.Lock()
	follower.onSet = on
	follower.Unlock()
	t.Cleanup(func() {
		follower.Lock()
		follower.onSet = nil
		follower.Unlock()
	})
}
