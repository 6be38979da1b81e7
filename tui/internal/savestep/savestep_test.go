package savestep

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// deliver runs cmd and gives the step the messages of its own requests,
// until none is left; the others (cursor blinks, the spinner) are not
// run.
func deliver(s *Step, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case stepMsg:
			queue = append(queue, s.Update(msg))
		}
	}
}

type done struct {
	profile string
	storage keystore.Storage
	called  bool
}

func newStep(t *testing.T, kr keystore.Keyring) (*Step, *done, *keystore.Store) {
	t.Helper()
	store, err := keystore.Open(keystore.Options{Dir: t.TempDir(), Keyring: kr, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, true), Store: store, Now: time.Now}
	d := &done{}
	s := New(c)
	s.SetSize(80, 14)
	deliver(s, s.Enter(Options{
		Identity: "✓ someone",
		Secret:   keystore.Secret{Token: "ntn_" + strings.Repeat("x", 40)},
		Profile: func(name string, storage keystore.Storage) keystore.Profile {
			return keystore.Profile{Name: name, Storage: storage}
		},
		Done: func(profile string, storage keystore.Storage) tea.Cmd {
			*d = done{profile, storage, true}
			return nil
		},
	}))
	return s, d, store
}

// press gives keys to the step and runs its own requests.
func (s *Step) press(keys ...string) {
	for _, k := range keys {
		deliver(s, s.Update(uitest.Key(k)))
	}
}

// TestStepWithoutAKeyringOffersNoKeyring: known before the choice is
// drawn, an unusable keyring is said and not offered; the plain file
// comes first (behind its warning: the flows of the wizard and the OAuth
// sign-in walk it), and nothing is saved unasked.
func TestStepWithoutAKeyringOffersNoKeyring(t *testing.T) {
	t.Parallel()
	kr := keyringtest.New()
	kr.Fail = keyringtest.ErrNoSecretService
	s, d, store := newStep(t, kr)
	v := ansi.Strip(s.View(80))
	// Why, in one clause: the hint's first, without its parentheses
	// nested in others.
	if flat := strings.Join(strings.Fields(v), " "); !strings.Contains(flat, "The OS keyring cannot be used here: ") || strings.Contains(flat, "here (") {
		t.Errorf("the reason:\n%s", v)
	}
	if !strings.Contains(v, "The OS keyring cannot be used here") || strings.Contains(v, "OS keyring (encrypted") || !strings.Contains(v, "▸ Plain file") {
		t.Fatalf("the choice:\n%s", v)
	}
	if ps, _, _ := store.Profiles(); len(ps) != 0 || d.called {
		t.Errorf("saved %v, done %v", ps, d.called)
	}
}

// TestStepExplainsAnInvalidName next to the field, and stays on it.
func TestStepExplainsAnInvalidName(t *testing.T) {
	t.Parallel()
	s, d, _ := newStep(t, keyringtest.New())
	if v := ansi.Strip(s.View(80)); !strings.Contains(v, "OS keyring (encrypted; recommended)") || !s.Capturing() {
		t.Fatalf("the choice:\n%s", v)
	}
	for _, k := range uitest.Text("no spaces") {
		s.Update(k)
	}
	s.press("enter")
	if v := ansi.Strip(s.View(80)); !strings.Contains(v, "invalid profile name") || !s.Capturing() || d.called {
		t.Errorf("an invalid name went through:\n%s", v)
	}
}
