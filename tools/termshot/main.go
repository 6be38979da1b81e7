// Command termshot renders a terminal screen, text with ANSI colour codes,
// into a PNG image drawn the way a terminal shows it.
//
// Usage:
//
//	tmux capture-pane -e -p -N -t app | termshot -cols 120 -rows 36 -title notion-tui -o shot.png
//	termshot -cols 80 -rows 24 -i screen.ansi -scale 2 -frame=false -o shot.png
//
// Give tmux -N: without it, capture-pane drops the trailing spaces of each
// line even when they carry a background colour, and a full-width status bar
// loses its colour after its text.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"

	"github.com/notion-tui/notion-tui/tools/internal/termshot"
)

// maxInput bounds how much text is read: a full 1000×1000 screen with a
// 24-bit colour change in every cell is under this.
const maxInput = 64 << 20

func main() {
	err := run(os.Args[1:], os.Stdin, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// config is what the command line asks for.
type config struct {
	cols, rows int
	in, out    string
	opts       termshot.Options
}

func run(args []string, stdin io.Reader, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	screen, err := readScreen(cfg.in, stdin, maxInput)
	if err != nil {
		return err
	}
	img, err := termshot.Render(screen, cfg.cols, cfg.rows, cfg.opts)
	if err != nil {
		return err
	}
	return writePNG(cfg.out, img)
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("termshot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: termshot -cols N -rows N [-title T] [-font PATH] [-scale S] [-i FILE] -o OUT.png")
		fmt.Fprintln(stderr, "Renders a screen of text with ANSI colour codes (standard input or -i) into a PNG.")
		fs.PrintDefaults()
	}
	fs.IntVar(&cfg.cols, "cols", 120, "screen width in `columns`")
	fs.IntVar(&cfg.rows, "rows", 36, "screen height in `rows`")
	fs.StringVar(&cfg.in, "i", "", "read the screen from `FILE` instead of standard input")
	fs.StringVar(&cfg.out, "o", "", "write the PNG image to `FILE` (required)")
	fs.StringVar(&cfg.opts.Title, "title", "", "window `title`")
	fs.StringVar(&cfg.opts.FontPath, "font", "", "monospace TrueType/OpenType font `file` (default: JetBrains Mono or DejaVu Sans Mono)")
	fs.Float64Var(&cfg.opts.Scale, "scale", 1, "`factor` for every size, e.g. 2 for high-density displays")
	fs.Float64Var(&cfg.opts.FontSize, "size", termshot.DefaultFontSize, "font size in `pixels` at scale 1")
	fs.IntVar(&cfg.opts.Padding, "padding", termshot.DefaultPadding, "margin around the text in `pixels` at scale 1; 0 for none")
	fs.BoolVar(&cfg.opts.Frame, "frame", true, "draw a window frame with a title bar")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("termshot: unexpected argument %q (the screen is read from standard input or -i FILE)", fs.Arg(0))
	}
	if cfg.out == "" {
		return cfg, errors.New("termshot: missing -o FILE for the PNG image")
	}
	if cfg.opts.Padding <= 0 {
		cfg.opts.Padding = -1 // no padding; a zero Options.Padding would mean the default
	}
	return cfg, nil
}

// readScreen reads the screen text from path, or stdin when path is empty,
// refusing more than limit bytes.
func readScreen(path string, stdin io.Reader, limit int64) (string, error) {
	in := stdin
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("termshot: %w", err)
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return "", fmt.Errorf("termshot: read screen: %w", err)
	}
	if int64(len(data)) > limit {
		return "", fmt.Errorf("termshot: screen text is larger than %d bytes", limit)
	}
	return string(data), nil
}

// writePNG encodes img as PNG and writes it to path; nothing is written when
// encoding fails.
func writePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return fmt.Errorf("termshot: encode PNG: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("termshot: %w", err)
	}
	return nil
}
