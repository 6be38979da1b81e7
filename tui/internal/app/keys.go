package app

import (
	"charm.land/bubbles/v2/key"

	"github.com/notion-tui/notion-tui/tui/internal/keymap"
)

// globalKeys are the router's keys: they work on every screen, the single
// characters only while no text field has focus.
type globalKeys struct {
	Help       key.Binding
	HelpTyping key.Binding
	Quit       key.Binding
	ForceQuit  key.Binding
	Log        key.Binding
	Jump       key.Binding
	// Back and forward through the pages and views visited.
	VisitBack    key.Binding
	VisitForward key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:         keymap.Help.Key(),
		HelpTyping:   keymap.HelpTyping.Key(),
		Quit:         keymap.Quit.Key(),
		ForceQuit:    keymap.ForceQuit.Key(),
		Log:          keymap.RequestLog.Key(),
		Jump:         keymap.Jump.Key(),
		VisitBack:    keymap.VisitBack.Key(),
		VisitForward: keymap.VisitForward.Key(),
	}
}

// short is what the help line always ends with: the way to every key and
// the way out. While a field takes the typing, ? and q would be typed:
// the keys that work then are named instead.
func (k globalKeys) short(typing bool) []key.Binding {
	if typing {
		return []key.Binding{k.HelpTyping}
	}
	return []key.Binding{k.Help, k.Quit}
}

// full is the overlay's column of keys that work everywhere.
func (k globalKeys) full(typing bool) []key.Binding {
	if typing {
		return []key.Binding{k.HelpTyping, k.ForceQuit}
	}
	return []key.Binding{k.Help, k.Jump, k.VisitBack, k.VisitForward, k.Log, k.Quit, k.ForceQuit}
}
