package guide

import (
	"fmt"
	"strings"
)

// Text renders the fix as plain text, for a terminal or a log: the title,
// the facts, the summary, the likely causes, the numbered steps, and the
// links the text does not already give.
func (f Fix) Text() string {
	var b strings.Builder
	b.WriteString(f.Title)
	b.WriteByte('\n')
	if facts := f.Facts(); facts != "" {
		b.WriteString("  " + facts + "\n")
	}
	if f.Input != "" {
		fmt.Fprintf(&b, "  Your input: %s\n", f.Input)
	}
	if f.Summary != "" {
		b.WriteString(f.Summary + "\n")
	}
	if len(f.Causes) > 0 {
		b.WriteString("Likely causes:\n")
		for _, c := range f.Causes {
			b.WriteString("  - " + c + "\n")
		}
	}
	if len(f.Steps) > 0 {
		b.WriteString("To fix it:\n")
		for i, s := range f.Steps {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, s)
		}
	}
	if links := f.MoreLinks(); len(links) > 0 {
		b.WriteString("See:\n")
		for _, l := range links {
			b.WriteString("  - " + l.Title + ": " + l.URL + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// MoreLinks are the links the summary, causes and steps do not already
// give, so that a renderer lists each address once.
func (f Fix) MoreLinks() []Link {
	said := f.Summary + "\n" + strings.Join(f.Causes, "\n") + "\n" + strings.Join(f.Steps, "\n")
	var out []Link
	for _, l := range f.Links {
		if !strings.Contains(said, l.URL) {
			out = append(out, l)
		}
	}
	return out
}

// Facts is one line of what happened: request, status, code, message and
// request ID, whichever are known.
func (f Fix) Facts() string {
	var parts []string
	if f.Request != "" {
		parts = append(parts, f.Request)
	}
	switch {
	case f.Status != 0 && f.Code != "":
		parts = append(parts, fmt.Sprintf("→ %d %s", f.Status, f.Code))
	case f.Status != 0:
		parts = append(parts, fmt.Sprintf("→ HTTP %d", f.Status))
	}
	s := strings.Join(parts, " ")
	if f.Message != "" {
		if s != "" {
			s += ": "
		}
		s += f.Message
	}
	if f.RequestID != "" {
		s += " (request_id " + f.RequestID + ")"
	}
	return s
}
