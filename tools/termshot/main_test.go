package main

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/tools/internal/termshot"
)

// decode reads the PNG at path.
func decode(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// skipWithoutFonts skips the test on machines with none of the known fonts.
func skipWithoutFonts(t *testing.T) {
	t.Helper()
	if _, err := termshot.NewRenderer(termshot.Options{}); errors.Is(err, termshot.ErrNoFont) {
		t.Skip(err)
	}
}

func TestRun(t *testing.T) {
	skipWithoutFonts(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "screen.ansi")
	if err := os.WriteFile(input, []byte("\x1b[31mfrom a file\x1b[0m"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := termshot.NewRenderer(termshot.Options{Padding: -1})
	if err != nil {
		t.Fatal(err)
	}
	cell := r.CellSize()

	tests := []struct {
		name        string
		args        []string
		stdin       string
		size        image.Point // zero: only checks the image decodes
		transparent bool        // the top-left pixel is transparent (framed)
	}{
		{"defaults draw a frame", []string{"-cols", "20", "-rows", "3"}, "hello", image.Point{}, true},
		{"plain, no padding", []string{"-cols", "20", "-rows", "3", "-frame=false", "-padding", "0"}, "hello", image.Pt(20*cell.X, 3*cell.Y), false},
		{"screen from a file", []string{"-cols", "12", "-rows", "1", "-frame=false", "-padding", "0", "-i", input}, "", image.Pt(12*cell.X, cell.Y), false},
		{"title and scale", []string{"-cols", "10", "-rows", "2", "-title", "demo", "-scale", "2"}, "x", image.Point{}, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.Repeat("x", i+1)+".png")
			var stderr bytes.Buffer
			if err := run(append(tt.args, "-o", out), strings.NewReader(tt.stdin), &stderr); err != nil {
				t.Fatalf("run: %v (stderr %q)", err, stderr.String())
			}
			img := decode(t, out)
			if tt.size != (image.Point{}) && img.Bounds().Size() != tt.size {
				t.Errorf("image size %v, want %v", img.Bounds().Size(), tt.size)
			}
			if _, _, _, a := img.At(0, 0).RGBA(); (a == 0) != tt.transparent {
				t.Errorf("top-left alpha %d, want transparent=%v", a, tt.transparent)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.png")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output file", []string{"-cols", "10"}, "missing -o"},
		{"stray argument", []string{"-o", out, "screen.ansi"}, `unexpected argument "screen.ansi"`},
		{"unknown flag", []string{"-o", out, "-colour"}, "flag provided but not defined"},
		{"bad number", []string{"-o", out, "-cols", "wide"}, "invalid value"},
		{"zero columns", []string{"-o", out, "-cols", "0"}, "out of range"},
		{"missing input file", []string{"-o", out, "-i", filepath.Join(dir, "nope.ansi")}, "no such file"},
		{"missing font", []string{"-o", out, "-font", filepath.Join(dir, "nope.ttf")}, "does not exist"},
		{"bad scale", []string{"-o", out, "-scale", "-2"}, "scale"},
		{"output directory missing", []string{"-o", filepath.Join(dir, "no", "out.png"), "-cols", "2", "-rows", "1"}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(tt.args, strings.NewReader("x"), &stderr)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error() + stderr.String(); !strings.Contains(msg, tt.want) {
				t.Errorf("error %q (stderr %q), want it to mention %q", err, stderr.String(), tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an output file was written")
			}
		})
	}
}

func TestHelp(t *testing.T) {
	var stderr bytes.Buffer
	err := run([]string{"-h"}, strings.NewReader(""), &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("error %v, want flag.ErrHelp", err)
	}
	if !strings.Contains(stderr.String(), "usage: termshot") || !strings.Contains(stderr.String(), "-cols") {
		t.Errorf("help text %q lacks the usage line or the flags", stderr.String())
	}
}

func TestReadScreenLimit(t *testing.T) {
	if got, err := readScreen("", strings.NewReader("1234"), 4); err != nil || got != "1234" {
		t.Errorf("readScreen at the limit = %q, %v", got, err)
	}
	if _, err := readScreen("", strings.NewReader("12345"), 4); err == nil || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("error %v, want a size limit error", err)
	}
}
