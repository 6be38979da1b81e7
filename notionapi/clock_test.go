package notionapi

import (
	"net/http"
	"testing"
	"time"
)

func TestClockIntersectsTheBoundsOfEachAnswer(t *testing.T) {
	t.Parallel()
	local := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	date := func(offset time.Duration) string { return local.Add(offset).Format(http.TimeFormat) }
	var k clock
	if _, ok := k.get(); ok {
		t.Fatal("a measure before any answer")
	}
	k.observe("", local, local)
	k.observe("yesterday", local, local)
	if _, ok := k.get(); ok {
		t.Fatal("a measure from no usable Date")
	}
	// Server 90 s ahead; a 2-second round trip: 90 s − 2 s ≤ offset < 91 s.
	k.observe(date(90*time.Second), local, local.Add(2*time.Second))
	s, _ := k.get()
	if s.Offset != 89500*time.Millisecond || s.Uncertainty != 1500*time.Millisecond || s.Samples != 1 {
		t.Fatalf("one answer: %+v", s)
	}
	// Faster answers narrow the interval. The server writes Date at local
	// time w + 90 s, rounded down to the second.
	answer := func(sent, written, received time.Time) {
		k.observe(written.Add(90*time.Second).Format(http.TimeFormat), sent, received)
	}
	at := local.Add(time.Minute)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	answer(at.Add(ms(850)), at.Add(ms(900)), at.Add(ms(950))) // [89.05 s, 90.15 s]
	s, _ = k.get()
	if s.Samples != 2 || s.Offset != ms(89600) || s.Uncertainty != ms(550) {
		t.Fatalf("two answers: %+v", s)
	}
	at = at.Add(time.Minute)
	answer(at, at.Add(ms(50)), at.Add(ms(100))) // [89.9 s, 91 s]: [89.9 s, 90.15 s] in all
	s, _ = k.get()
	if s.Samples != 3 || s.Offset != ms(90025) || s.Uncertainty != ms(125) {
		t.Fatalf("three answers: %+v", s)
	}
	// An answer that does not fit (the local clock was set back an
	// hour) starts again from it.
	k.observe(date(90*time.Second), local.Add(-time.Hour), local.Add(-time.Hour))
	s, _ = k.get()
	if s.Samples != 1 || s.Offset < time.Hour {
		t.Fatalf("after a jump: %+v", s)
	}
	if got := s.ServerTime(local); !got.Equal(local.Add(s.Offset)) {
		t.Errorf("ServerTime = %v", got)
	}
	if got := s.Earliest(local); !got.Equal(local.Add(s.Offset - s.Uncertainty)) {
		t.Errorf("Earliest = %v", got)
	}
}
