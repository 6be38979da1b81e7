package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

func (a *app) searchCommand() *cobra.Command {
	var (
		kind  string
		limit int
		all   bool
	)
	cmd := &cobra.Command{
		Use:   "search [text]",
		Short: "Find pages and databases by title",
		Long: "Find the pages and data sources shared with the connection (or visible to a personal access token) whose title contains the text " +
			"(every one without text), most recently edited first, as Notion's search returns them.\n\n" +
			"--limit (default 100) says so on stderr when more match; --all reads every result. " +
			"--format json prints the objects as the API returns them.",
		Example: `
notion-tui --demo search reading
notion-tui --demo search --type page --limit 5
notion-tui --demo search --type data_source --json | jq -r '.[].id'`,
		Args: maxArgs(1, "one text to search for"),
	}
	f := cmd.Flags()
	f.StringVar(&kind, "type", "", "only page or data_source results")
	f.IntVar(&limit, "limit", defaultLimit, "print at most this many results")
	f.BoolVar(&all, "all", false, "every result")
	out := addOutputFlags(cmd, dataFormats...)
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions([]string{"page", "data_source"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		switch {
		case all && cmd.Flags().Changed("limit"):
			return usagef("--all and --limit exclude each other")
		case limit < 1:
			return usagef("--limit must be at least 1 (use --all for every result)")
		}
		if all {
			limit = 0
		}
		object := ""
		switch kind {
		case "":
		case "page", "pages":
			object = notionapi.ObjectPage
		case "data_source", "data-source", "database", "databases", "data_sources":
			object = notionapi.ObjectDataSource
		default:
			return usagef("--type must be page or data_source, not %q", kind)
		}
		text := ""
		if len(args) == 1 {
			text = args[0]
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		cols := []column{{name: "Title"}, {name: "Type"}, {name: "Last edited", kind: colFixed}, {name: "ID", kind: colID}}
		w := a.newRecordWriter(format, cols)
		prog := a.newProgress("Searching", false)
		count := 0
		n, more, err := a.readResults(cmd.Context(), s.Client, searchRequest(s.Client, text, object), limit, func(raw json.RawMessage) error {
			var r notionapi.SearchResult
			if err := json.Unmarshal(raw, &r); err != nil {
				return err
			}
			count++
			prog.update(count)
			return w.Row(searchCells(r), raw)
		})
		prog.done()
		if err = closeAfter(w, err); err != nil {
			if n > 0 {
				return &partialError{rows: n, err: err}
			}
			return err
		}
		if more {
			fmt.Fprintf(a.env.Stderr, "notion-tui: %s shown; more match: use --all for every result, or --limit N.\n", textutil.Plural(n, "result", "results"))
		}
		return nil
	}
	return cmd
}

// searchCells describes a search result: title, kind, last edit, ID.
func searchCells(r notionapi.SearchResult) []string {
	switch {
	case r.Page != nil:
		return []string{r.Page.Title(), "page", timeCell(r.Page.LastEditedTime.UTC().Format("2006-01-02 15:04")), r.Page.ID}
	case r.DataSource != nil:
		c := databaseCells(r)
		return []string{c[0], "data source", c[2], c[1]}
	case r.Database != nil:
		c := databaseCells(r)
		return []string{c[0], "database", c[2], c[1]}
	}
	return []string{"", r.Object, "", r.ID()}
}
