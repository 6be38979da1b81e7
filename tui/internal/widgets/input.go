package widgets

import (
	"charm.land/bubbles/v2/textinput"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// NewInput returns a one-line text field in the app's styles.
func NewInput(st *styles.Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	StyleInput(&in, st)
	return in
}

func StyleInput(in *textinput.Model, st *styles.Styles) {
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Prompt = st.Accent
	s.Blurred.Prompt = st.Muted
	s.Focused.Placeholder = st.Faint
	s.Blurred.Placeholder = st.Faint
	s.Cursor.Blink = false // steady, as in the page editors (fields)
	if st.NoColor {
		s = textinput.Styles{Focused: textinput.StyleState{Prompt: st.Bold}, Blurred: textinput.StyleState{}}
	}
	in.SetStyles(s)
}
