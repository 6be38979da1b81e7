package widgets

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// KeyLine draws bindings as a help line at most w cells wide: fixed
// first, whole, then as many of rest as fit, whole, in their order, with
// "…" where some were left out. A binding is never cut: a key named in
// the line is one that works, and the fixed ones (the way to every key,
// the way out) are always there.
func KeyLine(st help.Styles, rest, fixed []key.Binding, w int) string {
	sep := st.ShortSeparator.Render(" • ")
	sepW := ansi.StringWidth(sep)
	item := func(b key.Binding) string {
		h := b.Help()
		return st.ShortKey.Render(h.Key) + " " + st.ShortDesc.Render(h.Desc)
	}
	var tail []string
	tailW := 0
	for _, b := range fixed {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		it := item(b)
		if len(tail) > 0 {
			tailW += sepW
		}
		tail = append(tail, it)
		tailW += ansi.StringWidth(it)
	}
	ell := st.Ellipsis.Render("…")
	var head []string
	headW := 0
	shown := enabled(rest)
	for i, b := range shown {
		it := item(b)
		need := ansi.StringWidth(it)
		if len(head) > 0 {
			need += sepW
		}
		after := tailW
		if tailW > 0 {
			after += sepW
		}
		if i < len(shown)-1 {
			// Room for the "…" that says more keys are in ?.
			after += sepW + ansi.StringWidth(ell)
		}
		if headW+need+after > w {
			head = append(head, ell)
			break
		}
		head = append(head, it)
		headW += need
	}
	line := strings.Join(append(head, tail...), sep)
	if ansi.StringWidth(line) > w {
		// Only the fixed keys are left, and they are wider than the
		// screen: cut them, which only happens below any supported size.
		line = ansi.Truncate(line, w, "…")
	}
	return line
}

func enabled(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() && b.Help().Key != "" {
			out = append(out, b)
		}
	}
	return out
}

// KeyColumns lays out groups of bindings as columns of "key  what it
// does", as many side by side as fit in w cells, the rest below, and
// returns the lines. A group wider than w has its descriptions cut.
func KeyColumns(st help.Styles, groups [][]key.Binding, w int) []string {
	type column struct {
		lines []string
		w     int
	}
	var cols []column
	for _, g := range groups {
		g = enabled(g)
		if len(g) == 0 {
			continue
		}
		kw := 0
		for _, b := range g {
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		var c column
		for _, b := range g {
			h := b.Help()
			line := st.FullKey.Render(PadRight(h.Key, kw)) + "  " + st.FullDesc.Render(h.Desc)
			line = ansi.Truncate(line, w, "…")
			c.lines = append(c.lines, line)
			c.w = max(c.w, ansi.StringWidth(line))
		}
		cols = append(cols, c)
	}
	const gap = 4
	var out []string
	for i := 0; i < len(cols); {
		// The columns that fit side by side on this band.
		j, bandW := i+1, cols[i].w
		for j < len(cols) && bandW+gap+cols[j].w <= w {
			bandW += gap + cols[j].w
			j++
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		rows := 0
		for _, c := range cols[i:j] {
			rows = max(rows, len(c.lines))
		}
		for r := range rows {
			var b strings.Builder
			for k, c := range cols[i:j] {
				cell := ""
				if r < len(c.lines) {
					cell = c.lines[r]
				}
				if k < j-i-1 {
					cell = PadRight(cell, c.w+gap)
				}
				b.WriteString(cell)
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
		i = j
	}
	return out
}

// TruncateWords cuts plain text to w cells at a space, with "…", so that
// no word is cut; a first word wider than w is cut where it must be.
func TruncateWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w <= 1 {
		return Truncate(s, w)
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = strings.TrimRight(cut[:i], " ,;:·-—")
	}
	return cut + "…"
}
