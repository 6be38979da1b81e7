package form

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
)

// Draft is what was typed in a form, kept in the config folder
// (drafts/<data source ID>.json, mode 0600) while typing, so that it can
// be offered again after the app was closed or crashed.
type Draft struct {
	DataSourceID string            `json:"data_source_id"`
	DataSource   string            `json:"data_source"`
	Saved        time.Time         `json:"saved"`
	Values       map[string]string `json:"values"`
	Content      string            `json:"content,omitempty"`
	// Labels name the users and pages picked by ID.
	Labels map[string]string `json:"labels,omitempty"`
	// SentAt is set while a create is under way: a draft found with it
	// may have been created, and is checked before it is offered.
	SentAt *time.Time `json:"sent_at,omitempty"`
}

// empty reports whether nothing was typed.
func (d Draft) empty() bool {
	for _, v := range d.Values {
		if v != "" {
			return false
		}
	}
	return d.Content == "" && d.SentAt == nil
}

// DraftPath is where the draft of a data source's form is kept.
func DraftPath(dir, dataSourceID string) string {
	return filepath.Join(dir, "drafts", notionapi.CompactID(dataSourceID)+".json")
}

// ReadDraft reads a saved draft; none is nil and no error.
func ReadDraft(dir, dataSourceID string) (*Draft, error) {
	b, err := os.ReadFile(DraftPath(dir, dataSourceID))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var d Draft
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("the saved draft %s is damaged: %w", DraftPath(dir, dataSourceID), err)
	}
	return &d, nil
}

// WriteDraft saves a draft atomically, readable by the user only.
func WriteDraft(dir string, d Draft) error {
	path := DraftPath(dir, d.DataSourceID)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	return keystore.WriteFileAtomic(path, b, 0o600)
}

// removeDraft deletes a saved draft, if any.
func removeDraft(dir, dataSourceID string) error {
	err := os.Remove(DraftPath(dir, dataSourceID))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Draft messages of a form.
type (
	formDraftLoadedMsg struct {
		id    int64
		draft *Draft
		err   error
	}
	formDraftTickMsg  struct{ id, seq int64 }
	formDraftSavedMsg struct {
		id  int64
		at  time.Time
		err error
	}
)

// snapshot is the draft of what the form holds now.
func (f *createForm) snapshot(sentAt *time.Time) Draft {
	d := Draft{
		DataSourceID: f.ds.ID, DataSource: f.ds.Title.Plain(), Saved: f.c.Now(),
		Values: map[string]string{}, Labels: map[string]string{}, SentAt: sentAt,
	}
	in := f.input()
	for name, v := range in.Values {
		if v != "" {
			d.Values[name] = v
		}
	}
	d.Content = in.Content
	for _, fl := range f.fields {
		for _, k := range fl.Picked {
			if l, ok := fl.Labels[k]; ok {
				d.Labels[k] = l
			}
		}
	}
	return d
}

// loadDraft reads the data source's saved draft.
func (f *createForm) loadDraft() tea.Cmd {
	dir, dsID, id := f.c.ConfigDir, f.ds.ID, f.id
	if dir == "" {
		f.state = stateEditing
		return nil
	}
	return func() tea.Msg {
		d, err := ReadDraft(dir, dsID)
		return formDraftLoadedMsg{id: id, draft: d, err: err}
	}
}

// draftLoaded offers a saved draft, after checking whether a create that
// was under way when the app closed made the page.
func (f *createForm) draftLoaded(msg formDraftLoadedMsg) tea.Cmd {
	f.draftErr = msg.err
	d := msg.draft
	if d == nil || d.empty() {
		f.state = stateEditing
		return nil
	}
	f.offered = d
	if d.SentAt == nil {
		f.state = stateRestore
		return nil
	}
	title := ""
	if tp, ok := f.ds.Properties.Title(); ok {
		title = d.Values[tp.Name]
	}
	f.sentAt, f.state = *d.SentAt, stateChecking
	return tea.Batch(f.startSpin(), f.check(title, *d.SentAt))
}

// restore fills the form with the offered draft and checks its values.
func (f *createForm) restore() tea.Cmd {
	d := f.offered
	f.offered, f.state = nil, stateEditing
	for _, fl := range f.fields {
		switch {
		case fl.Kind == fields.KindSubmit || fl.Kind == fields.KindReadOnly:
			continue
		case fl.Name() == fields.ContentField:
			fl.SetText(d.Content, nil)
		default:
			fl.SetText(d.Values[fl.Name()], d.Labels)
		}
		if fl.Text() != "" {
			fl.Live = true
			fl.Err = f.fieldErr(fl)
		}
	}
	f.draftSaved = d.Saved
	return tea.Batch(f.current().Focus(), f.saveDraft(nil))
}

// saveDraft writes the form's draft now (sentAt marks a create under
// way); an empty form deletes it.
func (f *createForm) saveDraft(sentAt *time.Time) tea.Cmd {
	f.dirty = false
	d := f.snapshot(sentAt)
	if d.empty() {
		return f.deleteDraft()
	}
	dir, id := f.c.ConfigDir, f.id
	if dir == "" {
		return nil
	}
	return f.draftIO.Run(func() tea.Msg {
		return formDraftSavedMsg{id: id, at: d.Saved, err: WriteDraft(dir, d)}
	})
}

// deleteDraft removes the data source's draft.
func (f *createForm) deleteDraft() tea.Cmd {
	dir, dsID, id := f.c.ConfigDir, f.ds.ID, f.id
	if dir == "" {
		return nil
	}
	f.draftSaved = time.Time{}
	return f.draftIO.Run(func() tea.Msg {
		if err := removeDraft(dir, dsID); err != nil {
			return formDraftSavedMsg{id: id, err: err}
		}
		return nil
	})
}
