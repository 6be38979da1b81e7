package notionapi

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestPairsHandEveryRowOverOnce drives a window read from both ends page
// by page, in random interleavings of asking for pages and taking them
// (a chain's page may be on its way while the other chain meets it), the
// upward chain having read part of the window before the downward one
// starts, with three rows in every minute, in another order downwards,
// and, in half the runs, chains that reach the per-query cap and part the
// pair: every row is handed over once, in created_time order.
func TestPairsHandEveryRowOverOnce(t *testing.T) {
	t.Parallel()
	const perMinute, minutesOf = 3, 12
	var asc []Page
	for m := range minutesOf {
		for k := range perMinute {
			at := planT0.Add(minutes(m))
			asc = append(asc, Page{ID: fmt.Sprintf("row-%02d-%d", m, k), CreatedTime: at, LastEditedTime: at})
		}
	}
	desc := slices.Clone(asc)
	slices.SortStableFunc(desc, func(a, b Page) int {
		return cmp.Or(b.CreatedTime.Compare(a.CreatedTime), strings.Compare(b.ID, a.ID))
	})
	for seed := range uint64(600) {
		rng := rand.New(rand.NewPCG(seed, 7))
		pageSize := 1 + rng.IntN(5)
		capped := seed%2 == 1
		// chain is one cursor chain: its rows in its order, how far it
		// has asked, and the page on its way (nil: none).
		type chain struct {
			s        *segment[Page]
			rows     []Page
			asked    int
			onItsWay []Page
		}
		up := &segment[Page]{key: byCreated, lo: planT0, hi: planT0.Add(minutes(minutesOf)), stop: planT0.Add(minutes(minutesOf)), started: true}
		r := planReader(t, 0, up)
		r.meta = func(p *Page) rowMeta { return rowMeta{p.ID, p.CreatedTime, p.LastEditedTime} }
		r.cond = sync.NewCond(&r.mu)
		u := &chain{s: up, rows: asc}
		// A chain is running while its page is on its way, as its
		// partner sees it: a worker takes its answer under the lock.
		take := func(c *chain) {
			page := c.onItsWay
			c.onItsWay = nil
			s := c.s
			if s.orphaned() {
				r.doneLocked(s)
				return
			}
			stopped := r.acceptLocked(s, page)
			if stopped || c.asked >= len(c.rows) {
				if s.partner != nil {
					r.metLocked(s)
				}
				r.doneLocked(s)
				return
			}
			if s.partner != nil && capped && rng.IntN(6) == 0 {
				// The chain reached the per-query cap: the pair parts.
				// The downward chain ends; the upward one goes on (as
				// the chain that continues it would) to its new stop.
				r.unpairLocked(s)
				if s.desc {
					r.doneLocked(s)
					return
				}
			}
			s.running = false
			r.running--
		}
		ask := func(c *chain) {
			n := min(pageSize, len(c.rows)-c.asked)
			c.onItsWay = c.rows[c.asked : c.asked+n : c.asked+n]
			c.asked += n
			c.s.running = true
			r.running++
		}
		// The upward chain reads a few pages alone.
		for range rng.IntN(4) {
			if up.done {
				break
			}
			ask(u)
			take(u)
		}
		if up.done {
			continue
		}
		d := &chain{s: r.pairLocked(0), rows: desc}
		d.s.started = true
		// Until both have ended and no page is on its way (a page
		// asked for comes back, whatever happened meanwhile).
		busy := func(c *chain) bool { return !c.s.done || c.onItsWay != nil }
		for busy(u) || busy(d) {
			c := u
			if !busy(u) || busy(d) && rng.IntN(2) == 0 {
				c = d
			}
			if c.onItsWay != nil {
				take(c)
			} else {
				ask(c)
			}
		}
		got := append(slices.Clone(up.rows), d.s.rows...)
		seen := map[string]bool{}
		for i, p := range got {
			if seen[p.ID] {
				t.Fatalf("seed %d: row %s handed over twice: %v", seed, p.ID, ids(got))
			}
			seen[p.ID] = true
			if i > 0 && p.CreatedTime.Before(got[i-1].CreatedTime) {
				t.Fatalf("seed %d: row %s out of order: %v", seed, p.ID, ids(got))
			}
		}
		if len(seen) != len(asc) {
			t.Fatalf("seed %d: %d of %d rows handed over: %v", seed, len(seen), len(asc), ids(got))
		}
		if r.buffered != len(got) || r.running != 0 {
			t.Fatalf("seed %d: %d rows counted as held, %d held; %d chains running", seed, r.buffered, len(got), r.running)
		}
	}
}
