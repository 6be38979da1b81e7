// Command gorunner reads every row of one data source with notionapi's
// ReadAll, the counterpart of bench/js/read.mjs, run as its own process so
// that its peak memory can be measured.
//
//	NOTION_TOKEN=... gorunner -base-url URL -data-source ID -rate 30 -ids FILE
//
// The row IDs go to -ids, one per line; stdout gets one JSON line:
// {"rows", "first_page_ms", "wall_ms"}. The token comes from the
// environment, never from the command line.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// result is the line printed on stdout; bench/js/read.mjs prints the same.
type result struct {
	Rows        int     `json:"rows"`
	FirstPageMS float64 `json:"first_page_ms"`
	WallMS      float64 `json:"wall_ms"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gorunner:", err)
		os.Exit(2)
	}
}

func run() error {
	baseURL := flag.String("base-url", "", "API base URL, such as http://127.0.0.1:PORT")
	dataSource := flag.String("data-source", "", "ID of the data source to read")
	version := flag.String("version", notionapi.Version20250903, "Notion-Version to send")
	rps := flag.Float64("rate", notionapi.DefaultRate, "pacing budget in requests per second")
	concurrency := flag.Int("concurrency", 0, "windows read at once (0 picks it from the budget and the round trip)")
	idsPath := flag.String("ids", "", "file to write the row IDs to, one per line")
	flag.Parse()
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

	var ids []string
	var firstPage time.Duration
	start := time.Now()
	for row, err := range c.ReadAll(context.Background(), *dataSource, notionapi.QueryParams{}, notionapi.ReadAllOptions{Concurrency: *concurrency}) {
		if err != nil {
			return err
		}
		if ids == nil {
			firstPage = time.Since(start)
		}
		ids = append(ids, row.ID)
	}
	wall := time.Since(start)

	if err := writeLines(*idsPath, ids); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(result{Rows: len(ids), FirstPageMS: ms(firstPage), WallMS: ms(wall)})
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func writeLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
