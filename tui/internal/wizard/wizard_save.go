package wizard

import (
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/savestep"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// The save step: savestep's form (a profile name and where to keep the
// token; for a personal access token how long it lasts), which the OAuth
// sign-in uses too.

// enterSave starts the save step for the verified token.
func (w *wizard) enterSave() tea.Cmd {
	w.step = wizardSave
	return w.save.Enter(savestep.Options{
		Identity:        w.identityLine(),
		Profile:         w.profile,
		Secret:          keystore.Secret{Token: w.token},
		ReplacesSession: w.reentry,
		AskLifetime:     w.kind() == notionapi.TokenKindPersonal,
		Done:            w.finish,
		Back:            w.back,
	})
}

// profile is what is stored about the token besides the secret.
func (w *wizard) profile(name string, storage keystore.Storage) keystore.Profile {
	p := keystore.Profile{Name: name, Kind: keystore.KindInternal, Storage: storage, VerifiedAt: w.c.Now()}
	if me := w.me; me != nil {
		p.BotName, p.BotID = me.Name, me.ID
		if b := me.Bot; b != nil {
			p.WorkspaceName, p.WorkspaceID = b.WorkspaceName, b.WorkspaceID
			if b.Owner != nil && b.Owner.User != nil {
				p.OwnerName = b.Owner.User.Name
			}
		}
	}
	// The kind Notion told and the day the token was stored, so that
	// auth status and doctor show the kind and warn before a personal
	// access token expires (the save step adds the lifetime it asked).
	guide.TokenRecord{Kind: w.kind(), Created: w.c.Now()}.Apply(&p)
	if w.versionSource != "default" {
		p.NotionVersion = w.version
	}
	if base := w.client.BaseURL(); base != notionapi.DefaultBaseURL {
		p.BaseURL = base
	}
	return p
}

// finish ends the wizard with the verified token: it becomes the session's
// (saved as profile in storage, or with profile "" for this session
// only), then the explorer opens, or the screen the user came from
// returns.
func (w *wizard) finish(profile string, storage keystore.Storage) tea.Cmd {
	w.stop()
	var source, flash string
	switch {
	case profile == "":
		source, flash = "token from this session", "Token kept for this session only (not saved)"
	case storage == keystore.StorageFile:
		source, flash = "token from file profile "+profile+" (stored in plain text)", "Saved as profile “"+profile+"” in a plain file (unencrypted)"
	default:
		source, flash = "token from keyring profile "+profile, "Saved as profile “"+profile+"” in the OS keyring"
	}
	s := w.c.Conn
	if s == nil {
		s = &ui.Connection{}
		w.c.Conn = s
	}
	s.Client, s.Token, s.TokenSource, s.Profile = w.client, w.token, source, profile
	s.Me, s.Workspace, s.BotName = w.me, workspaceOf(w.me), w.me.Name
	s.Version, s.VersionSource, s.BaseURL = w.version, w.versionSource, w.client.BaseURL()
	s.OAuth = false
	if w.reentry {
		// Back to where the token was asked for; the screens there reload
		// for the new session.
		changed := func() tea.Msg { return ui.ConnectionChangedMsg{} }
		w.c.Back()
		return tea.Batch(changed, ui.Flash(flash))
	}
	w.c.Reset(ui.Explorer{})
	return ui.Flash(flash)
}
