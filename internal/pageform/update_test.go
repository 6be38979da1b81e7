package pageform

import (
	"errors"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestParseEditClearsOnEmptyText(t *testing.T) {
	t.Parallel()
	s := schema(t)
	for _, name := range []string{"Tags", "Due", "Budget", "Done", "Notes", "Status"} {
		p, _ := s.Get(name)
		v, err := ParseEdit(p, "  ", testEnv())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if v.Type != p.Type || notionapi.Cell(v) != map[bool]string{true: "false", false: ""}[p.Type == notionapi.PropCheckbox] {
			t.Errorf("%s cleared to %+v (%q)", name, v, notionapi.Cell(v))
		}
		if _, err := v.MarshalJSON(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	title, _ := s.Title()
	if _, err := ParseEdit(title, "", testEnv()); !errors.Is(err, ErrTitleCleared) {
		t.Errorf("empty title: %v", err)
	}
	if v, err := ParseEdit(title, "Renamed", testEnv()); err != nil || v.Title.Plain() != "Renamed" {
		t.Errorf("title: %+v %v", v, err)
	}
	overdue, _ := s.Get("Overdue")
	if _, err := ParseEdit(overdue, "", testEnv()); err == nil || !strings.Contains(err.Error(), "computed") {
		t.Errorf("formula: %v", err)
	}
}

func TestNewOption(t *testing.T) {
	t.Parallel()
	s := schema(t)
	tags, _ := s.Get("Tags")
	v, err := NewOption(tags, " sci-fi ", []notionapi.SelectOption{{Name: "home"}})
	if err != nil || notionapi.Cell(v) != "home, sci-fi" {
		t.Errorf("multi-select: %q %v", notionapi.Cell(v), err)
	}
	v, err = NewOption(tags, "HOME", []notionapi.SelectOption{{Name: "home"}})
	if err != nil || notionapi.Cell(v) != "home" {
		t.Errorf("an option that exists: %q %v", notionapi.Cell(v), err)
	}
	for _, bad := range []string{"", "a,b", strings.Repeat("x", 101)} {
		if _, err := NewOption(tags, bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	status, _ := s.Get("Status")
	if _, err := NewOption(status, "Someday", nil); err == nil || !strings.Contains(err.Error(), "status") {
		t.Errorf("status: %v", err)
	}
}
