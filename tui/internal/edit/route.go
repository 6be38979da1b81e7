package edit

import (
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/fields"
)

// RouteCommon handles the editing messages every screen that edits treats
// alike: a conflict, kept in *conflict when it is owner's, and the open
// editor's search (editor may be nil). ok is false for other messages.
func RouteCommon(msg tea.Msg, owner int64, editor *Editor, conflict **ConflictMsg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case ConflictMsg:
		if msg.Op.Req.Owner == owner {
			*conflict = &msg
		}
		return nil, true
	case fields.SearchTickMsg, fields.SearchMsg:
		if editor != nil {
			cmd, _ = editor.Update(msg)
		}
		return cmd, true
	}
	return nil, false
}
