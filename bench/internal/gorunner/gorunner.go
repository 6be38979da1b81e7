// Package gorunner is the benchmark's Go reader, run as a process of its
// own so that its peak memory can be measured. bench/gorunner is the
// command; the bench test binary runs itself as the reader instead of
// building it. It reads every row of one data source with notionapi's
// ReadAll (-mode readall, the default), or with a plain sequential loop
// that follows one cursor at a time and starts a new created_time window
// when the API's 10,000-result cap ends a chain, as the official SDK's
// iterateAllDataSourceRows does (-mode sequential): the baseline ReadAll
// must never be slower than.
//
//	NOTION_TOKEN=... gorunner -base-url URL -data-source ID -rate 30 -ids FILE
//
// The row IDs go to -ids, one per line; stdout gets one JSON line:
// {"rows", "first_page_ms", "wall_ms", "peak_rss_kb"}. The token comes from
// the environment, never from the command line.
package gorunner

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/seqread"
	"github.com/notion-tui/notion-tui/notionapi"
)

// result is the line printed on stdout; bench/js/read.mjs prints the same.
type result struct {
	Rows        int     `json:"rows"`
	FirstPageMS float64 `json:"first_page_ms"`
	WallMS      float64 `json:"wall_ms"`
	// PeakRSSKB is the process's own peak resident set (VmHWM), where
	// the system tells it; 0 elsewhere.
	PeakRSSKB int64 `json:"peak_rss_kb"`
}

// Main runs the reader with the command-line arguments args (without the
// program's name) and returns the exit status: 0 (also after -h), or 2
// after saying why on stderr.
func Main(args []string, stdout, stderr io.Writer) int {
	err := run(args, stdout, stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintln(stderr, "gorunner:", err)
	return 2
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gorunner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	baseURL := fs.String("base-url", "", "API base URL, such as http://127.0.0.1:PORT")
	dataSource := fs.String("data-source", "", "ID of the data source to read")
	version := fs.String("version", notionapi.Version20250903, "Notion-Version to send")
	rps := fs.Float64("rate", notionapi.DefaultRate, "pacing budget in requests per second")
	mode := fs.String("mode", "readall", "readall or sequential")
	idsPath := fs.String("ids", "", "file to write the row IDs to, one per line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *baseURL == "" || *dataSource == "" || *idsPath == "" {
		return errors.New("-base-url, -data-source and -ids are required")
	}
	token := os.Getenv("NOTION_TOKEN")
	if token == "" {
		return errors.New("NOTION_TOKEN is not set")
	}
	c, err := notionapi.NewClient(token,
		notionapi.WithBaseURL(*baseURL),
		notionapi.WithVersion(*version),
		notionapi.WithRate(*rps, 0),
	)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var rows iter.Seq2[notionapi.Page, error]
	switch *mode {
	case "readall":
		rows = c.ReadAll(ctx, *dataSource, notionapi.QueryParams{}, notionapi.ReadAllOptions{})
	case "sequential":
		rows = seqread.Rows(ctx, c, *dataSource, notionapi.QueryParams{})
	default:
		return fmt.Errorf("unknown -mode %q", *mode)
	}

	f, err := os.Create(*idsPath)
	if err != nil {
		return err
	}
	ids := bufio.NewWriter(f)
	n := 0
	var firstPage time.Duration
	start := time.Now()
	for row, err := range rows {
		if err != nil {
			return err
		}
		if n == 0 {
			firstPage = time.Since(start)
		}
		n++
		ids.WriteString(row.ID)
		ids.WriteByte('\n')
	}
	wall := time.Since(start)
	if err := ids.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(result{Rows: n, FirstPageMS: ms(firstPage), WallMS: ms(wall), PeakRSSKB: peakRSSKB()})
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peakRSSKB reads the process's peak resident set from /proc (Linux). The
// parent's figure from wait4 is not used: a child started with vfork
// semantics, as Go starts them, inherits its parent's high-water mark.
func peakRSSKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
