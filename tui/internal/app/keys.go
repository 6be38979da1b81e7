package app

import "charm.land/bubbles/v2/key"

// globalKeys work on every screen (single letters only while no text field
// has focus).
type globalKeys struct {
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Log       key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Log:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "request log")),
	}
}

func (k globalKeys) short() []key.Binding { return []key.Binding{k.Help, k.Quit} }

func (k globalKeys) full() []key.Binding { return []key.Binding{k.Help, k.Log, k.Quit, k.ForceQuit} }
