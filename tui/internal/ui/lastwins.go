package ui

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// LastWins orders the writes (and deletions) of one file that a screen
// makes in commands. Each command runs in a goroutine of its own, so one
// issued earlier may run later (a slow disk); it then does nothing, and
// the operation issued last wins. Run is called on the screen's
// goroutine; the zero value is ready to use.
type LastWins struct {
	issued int64
	state  *lastWinsState // shared by the commands
}

type lastWinsState struct {
	mu   sync.Mutex
	done int64 // the last operation run
}

// Run returns op as a command that runs unless an operation issued after
// it ran first, in which case the command returns nil.
func (w *LastWins) Run(op func() tea.Msg) tea.Cmd {
	if w.state == nil {
		w.state = &lastWinsState{}
	}
	w.issued++
	n, st := w.issued, w.state
	return func() tea.Msg {
		st.mu.Lock()
		defer st.mu.Unlock()
		if n < st.done {
			return nil
		}
		st.done = n
		return op()
	}
}
