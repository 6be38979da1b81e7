package tui

// This file holds minimal stand-ins for screens being built in their own
// files; each is replaced there.

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

type placeholder struct {
	title string
	c     *Context
}

func (p *placeholder) Init() tea.Cmd                    { return nil }
func (p *placeholder) Update(tea.Msg) (Screen, tea.Cmd) { return p, nil }
func (p *placeholder) View() string                     { return p.title }
func (p *placeholder) SetSize(int, int)                 {}
func (p *placeholder) Title() string                    { return p.title }
func (p *placeholder) KeyMap() help.KeyMap              { return KeyMapOf(nil) }

func newCreateForm(c *Context, ds *notionapi.DataSource) Screen {
	return &placeholder{"New page", c}
}
