package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestLastWinsSkipsAnOperationThatComesAfterALaterOne: a write issued
// before a deletion whose command runs after it does nothing; in order,
// each runs.
func TestLastWinsSkipsAnOperationThatComesAfterALaterOne(t *testing.T) {
	t.Parallel()
	var ran []string
	op := func(name string) func() tea.Msg {
		return func() tea.Msg { ran = append(ran, name); return name }
	}
	var w LastWins
	write := w.Run(op("write"))
	del := w.Run(op("delete"))
	if msg := del(); msg != "delete" {
		t.Errorf("the deletion returned %v", msg)
	}
	if msg := write(); msg != nil {
		t.Errorf("the write issued before the deletion ran after it: %v", msg)
	}
	again := w.Run(op("write again"))
	again()
	if want := []string{"delete", "write again"}; !slices.Equal(ran, want) {
		t.Errorf("ran %v, want %v", ran, want)
	}
}
