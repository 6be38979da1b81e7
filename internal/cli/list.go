package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

func usersCommand() *command {
	return &command{
		name:    "users",
		summary: "list the workspace's people and bots",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			format := fs.String("format", formatTable, "output `format`: table, json or csv")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("users takes no arguments")
				}
				return listing(g, env, *format, []string{"Name", "Type", "Email", "ID"}, func(s *Session, emit emitFunc) error {
					for u, err := range s.Client.Users(ctx) {
						if err != nil {
							return err
						}
						typ := u.Type
						if u.Bot != nil && u.Bot.WorkspaceName != "" {
							typ = "bot (" + u.Bot.WorkspaceName + ")"
						}
						if err := emit([]string{u.Name, typ, u.Email(), u.ID}, u); err != nil {
							return err
						}
					}
					return nil
				})
			}
		},
	}
}

func databasesCommand() *command {
	return &command{
		name:    "databases",
		summary: "list the databases and data sources shared with the integration",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			format := fs.String("format", formatTable, "output `format`: table, json or csv")
			query := fs.String("query", "", "only titles containing `text`")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("databases takes no arguments (use --query to filter by title)")
				}
				header := []string{"Title", "Database", "Properties", "Last edited", "ID"}
				return listing(g, env, *format, header, func(s *Session, emit emitFunc) error {
					for r, err := range s.Client.SearchAll(ctx, notionapi.SearchParams{Query: *query, Object: notionapi.ObjectDataSource}) {
						if err != nil {
							return err
						}
						if err := emit(tableRow(r), r); err != nil {
							return err
						}
					}
					return nil
				})
			}
		},
	}
}

// emitFunc writes one record: its cells (table, CSV) and its object (JSON).
type emitFunc func(cells []string, object any) error

// listing runs a listing command: it opens a session and writes what list
// emits in the chosen format.
func listing(g *Globals, env *Env, format string, header []string, list func(*Session, emitFunc) error) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	s, err := newSession(g, env)
	if err != nil {
		return err
	}
	defer s.Close()
	width, _ := env.TermWidth()
	w := newRowWriter(format, env.Stdout, width)
	if err := w.Header(header); err != nil {
		return err
	}
	err = list(s, func(cells []string, object any) error {
		raw, err := json.Marshal(object)
		if err != nil {
			return err
		}
		return w.Row(cells, raw)
	})
	if err != nil {
		return err
	}
	return w.Close()
}

// tableRow describes a data source (or a 2022-06-28 database) found by
// search.
func tableRow(r notionapi.SearchResult) []string {
	switch {
	case r.DataSource != nil:
		d := r.DataSource
		return []string{d.Title.Plain(), d.DatabaseID(), strconv.Itoa(len(d.Properties)), d.LastEditedTime.UTC().Format("2006-01-02 15:04"), d.ID}
	case r.Database != nil:
		d := r.Database
		return []string{d.Title.Plain(), d.ID, strconv.Itoa(len(d.Properties)), d.LastEditedTime.UTC().Format("2006-01-02 15:04"), d.ID}
	}
	return []string{"", "", "", "", r.ID()}
}

// repeatedFlag collects a flag given several times (--sort, --set).
type repeatedFlag []string

func (s *repeatedFlag) String() string     { return strings.Join(*s, ", ") }
func (s *repeatedFlag) Set(v string) error { *s = append(*s, v); return nil }

// parseSortFlags turns PROP[:asc|desc] into sorts, checking names against
// the schema; created_time and last_edited_time sort by timestamp.
func parseSortFlags(flags []string, schema notionapi.Schema) ([]notionapi.Sort, error) {
	var out []notionapi.Sort
	for _, f := range flags {
		name, dir := f, "asc"
		if i := strings.LastIndexByte(f, ':'); i >= 0 {
			name, dir = f[:i], strings.ToLower(f[i+1:])
		}
		s := notionapi.Sort{}
		switch dir {
		case "asc", "ascending":
			s.Direction = notionapi.Ascending
		case "desc", "descending":
			s.Direction = notionapi.Descending
		default:
			return nil, usagef("--sort %q: direction must be asc or desc", f)
		}
		if p, ok := schema.Get(name); ok {
			s.Property = p.Name
		} else if name == notionapi.CreatedTime || name == notionapi.LastEditedTime {
			s.Timestamp = name
		} else {
			return nil, usagef("--sort %q: no property %q; properties are %s (or created_time, last_edited_time)", f, name, quoteList(schema.Names()))
		}
		out = append(out, s)
	}
	return out, nil
}

func quoteList(names []string) string {
	q := slices.Clone(names)
	for i, n := range q {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
