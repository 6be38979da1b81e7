package cli

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// dataFormats are the formats of the commands that print records.
var dataFormats = []string{formatTable, formatJSON, formatCSV, formatNDJSON}

func (a *app) usersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "List the workspace's people and bots",
		Long: "List the workspace's people and bots: name, type, email (when shared) and ID.\n\n" +
			"Needs the integration's “Read user information” capability. --format json prints the user objects as the API returns them.",
		Example: `
notion-tui --demo users
notion-tui --demo users --format csv > people.csv
notion-tui --demo users --json | jq -r '.[].name'`,
		Args: noArgs(""),
	}
	out := addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		cols := []column{{name: "Name"}, {name: "Type"}, {name: "Email"}, {name: "ID", kind: colID}}
		w := a.newRecordWriter(format, cols)
		return closeAfter(w, a.eachResult(cmd.Context(), s.Client, listRequest{method: "GET", path: "/v1/users", query: url.Values{"page_size": {"100"}}}, 0,
			func(raw json.RawMessage) error {
				var u notionapi.User
				if err := json.Unmarshal(raw, &u); err != nil {
					return err
				}
				typ := u.Type
				if u.Bot != nil && u.Bot.WorkspaceName != "" {
					typ = "bot (" + u.Bot.WorkspaceName + ")"
				}
				return w.Row([]string{u.Name, typ, u.Email(), u.ID}, raw)
			}))
	}
	return cmd
}

func (a *app) databasesCommand() *cobra.Command {
	var query string
	cmd := &cobra.Command{
		Use:   "databases",
		Short: "List the databases and data sources",
		Long: "List the data sources (databases before Notion-Version 2025-09-03) shared with the connection (or visible to a personal access token), " +
			"found by search: title, ID, last edit, number of properties, and the database that holds each.\n\n" +
			"Use an ID with `notion-tui query`. --format json prints the objects as the API returns them.",
		Example: `
notion-tui --demo databases
notion-tui --demo databases --query reading
notion-tui --demo databases --format csv`,
		Args: noArgs("filter by title with --query TEXT"),
	}
	cmd.Flags().StringVar(&query, "query", "", "only titles containing this text")
	out := addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		cols := []column{{name: "Title"}, {name: "ID", kind: colID}, {name: "Last edited", kind: colFixed}, {name: "Properties", kind: colNumber}, {name: "Database", kind: colFixed}}
		w := a.newRecordWriter(format, cols)
		req := searchRequest(s.Client, query, notionapi.ObjectDataSource)
		return closeAfter(w, a.eachResult(cmd.Context(), s.Client, req, 0, func(raw json.RawMessage) error {
			var r notionapi.SearchResult
			if err := json.Unmarshal(raw, &r); err != nil {
				return err
			}
			return w.Row(databaseCells(r), raw)
		}))
	}
	return cmd
}

// searchRequest is POST /v1/search for text and, if set, one kind of
// object (page or data_source, which is "database" before 2025-09-03).
func searchRequest(c *notionapi.Client, text, object string) listRequest {
	body := map[string]any{"page_size": notionapi.MaxPageSize}
	if text != "" {
		body["query"] = text
	}
	if object != "" {
		if object == notionapi.ObjectDataSource && !notionapi.UsesDataSources(c.Version()) {
			object = "database"
		}
		body["filter"] = map[string]string{"property": "object", "value": object}
	}
	return listRequest{method: "POST", path: "/v1/search", body: body}
}

// databaseCells describes a data source (or a 2022-06-28 database).
func databaseCells(r notionapi.SearchResult) []string {
	switch {
	case r.DataSource != nil:
		d := r.DataSource
		return []string{d.Title.Plain(), d.ID, timeCell(d.LastEditedTime.UTC().Format("2006-01-02 15:04")), strconv.Itoa(len(d.Properties)), d.DatabaseID()}
	case r.Database != nil:
		d := r.Database
		return []string{d.Title.Plain(), d.ID, timeCell(d.LastEditedTime.UTC().Format("2006-01-02 15:04")), strconv.Itoa(len(d.Properties)), d.ID}
	}
	return []string{"", r.ID(), "", "", ""}
}

func timeCell(s string) string {
	if strings.HasPrefix(s, "0001-") {
		return ""
	}
	return s
}

// eachResult calls f with every result of a list, at most limit (0: no
// limit), following cursors with the loop guard.
func (a *app) eachResult(ctx context.Context, c *notionapi.Client, r listRequest, limit int, f func(json.RawMessage) error) error {
	_, _, err := a.readResults(ctx, c, r, limit, f)
	return err
}

// readResults is eachResult that also says how many results it read and
// whether more were left.
func (a *app) readResults(ctx context.Context, c *notionapi.Client, r listRequest, limit int, f func(json.RawMessage) error) (n int, more bool, err error) {
	for l, err := range pages(ctx, c, r) {
		if err != nil {
			return n, false, err
		}
		for _, res := range l.Results {
			if limit > 0 && n >= limit {
				return n, true, nil
			}
			if err := f(res); err != nil {
				return n, false, err
			}
			n++
		}
		if limit > 0 && n >= limit {
			return n, l.cursor() != "", nil
		}
	}
	return n, false, nil
}

// closeAfter closes w after the read, whatever happened, so that JSON
// output stays a valid document; the read's error wins. A writer that
// ends differently after a failure (a table) says so with failedCloser.
func closeAfter(w recordWriter, err error) error {
	if fc, ok := w.(failedCloser); ok && err != nil {
		fc.closeFailed()
		return err
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// repeatedFlag collects a flag given several times (--sort, --set).
type repeatedFlag []string

func (s *repeatedFlag) String() string     { return strings.Join(*s, ", ") }
func (s *repeatedFlag) Set(v string) error { *s = append(*s, v); return nil }
func (s *repeatedFlag) Type() string       { return "stringArray" }

// parseSortFlags turns PROP[:asc|desc] into sorts, checking names against
// the schema; created_time and last_edited_time sort by timestamp.
func parseSortFlags(flags []string, schema notionapi.Schema) ([]notionapi.Sort, error) {
	var out []notionapi.Sort
	for _, f := range flags {
		name, dir, err := splitSortFlag(f)
		if err != nil {
			return nil, err
		}
		s := notionapi.Sort{Direction: dir}
		if p, ok := schema.Get(name); ok {
			s.Property = p.Name
		} else if name == notionapi.CreatedTime || name == notionapi.LastEditedTime {
			s.Timestamp = name
		} else {
			names := schema.Names()
			return nil, usagef("--sort %q: no property %q%s; properties are %s (or created_time, last_edited_time)",
				f, name, textutil.DidYouMean(name, names), textutil.QuoteList(names, 12))
		}
		out = append(out, s)
	}
	return out, nil
}

// splitSortFlag reads PROP[:asc|desc] without a schema.
func splitSortFlag(f string) (name, dir string, err error) {
	name, dir = f, "asc"
	if i := strings.LastIndexByte(f, ':'); i >= 0 {
		name, dir = f[:i], strings.ToLower(f[i+1:])
	}
	if strings.TrimSpace(name) == "" {
		return "", "", usagef("--sort %q: name a property, as in --sort Pages:desc", f)
	}
	switch dir {
	case "asc", "ascending":
		return name, notionapi.Ascending, nil
	case "desc", "descending":
		return name, notionapi.Descending, nil
	}
	return "", "", usagef("--sort %q: the direction after ':' must be asc or desc", f)
}
