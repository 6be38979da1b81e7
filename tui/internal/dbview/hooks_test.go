package dbview

import "github.com/notion-tui/notion-tui/tui/internal/ui"

// LetRowsGo lets go the rows the database view s keeps whole, as the read
// of another table does: an export then reads every row again. Call it
// on the program's goroutine (apptest's Inspect).
func LetRowsGo(s ui.Screen) {
	if v, ok := s.(*dbView); ok && v.snap != nil && v.snap.raw != nil {
		v.snap.raw.release()
	}
}
