package guide

import (
	"fmt"
	"strings"
)

// Text renders the fix as plain text: the title, the facts, the likely
// causes and the numbered steps.
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
	return strings.TrimRight(b.String(), "\n")
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
