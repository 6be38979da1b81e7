package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// How relations are shown in tables, CSV and page text (--relations).
const (
	relationsTitles = "titles" // the related pages' titles
	relationsIDs    = "ids"    // the related pages' IDs, as the API gives them
)

// addRelationsFlag declares --relations.
func addRelationsFlag(cmd *cobra.Command, v *string) {
	cmd.Flags().StringVar(v, "relations", relationsTitles, "related pages as titles or ids (not in JSON)")
	_ = cmd.RegisterFlagCompletionFunc("relations", cobra.FixedCompletions([]string{relationsTitles, relationsIDs}, cobra.ShellCompDirectiveNoFileComp))
}

// checkRelationsFlag refuses a --relations value other than titles or ids.
func checkRelationsFlag(cmd *cobra.Command, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case relationsTitles:
		return true, nil
	case relationsIDs:
		return false, nil
	}
	return false, &usageError{msg: fmt.Sprintf("--relations must be titles or ids, not %q", v), cmd: cmd}
}

// relations shows the related pages of rows by title: the lists Notion
// cut at 25 are read in full, titles come from a session cache (notionapi.
// Titles) that reads each page not yet known once, and what could not be
// shown is noted on stderr at the end.
type relations struct {
	c      *notionapi.Client
	titles *notionapi.Titles
	props  []notionapi.PropertySchema // the schema's relation properties
	// used marks the relation properties that held a page in some row.
	used map[string]bool
	// unreadable are related pages Notion answered 404 for.
	unreadable map[string]bool
}

// newRelations returns the relation resolver for a schema, or nil when it
// has no relation property.
func newRelations(c *notionapi.Client, schema notionapi.Schema) *relations {
	r := &relations{c: c, titles: notionapi.NewTitles(c), used: map[string]bool{}, unreadable: map[string]bool{}}
	for _, p := range schema {
		if p.Type == notionapi.PropRelation {
			r.props = append(r.props, p)
		}
	}
	if len(r.props) == 0 {
		return nil
	}
	return r
}

// prepare makes the relations of pages ready to show: full lists where
// Notion cut them, and the titles of every related page. The rows' own
// titles are learnt first, since a relation may point into its own table.
func (r *relations) prepare(ctx context.Context, pages []*notionapi.Page) error {
	if r == nil || len(pages) == 0 {
		return nil
	}
	var ids []string
	byTarget := map[string][]string{}
	for _, pg := range pages {
		r.titles.Learn(*pg)
		for _, p := range r.props {
			v, ok := pg.Properties[p.Name]
			if !ok || v.Type != notionapi.PropRelation {
				continue
			}
			if v.HasMore {
				full, err := r.c.RelationIDs(ctx, pg.ID, v)
				if err != nil {
					return fmt.Errorf("reading the %s of %s in full: %w", p.Name, pg.ID, err)
				}
				v.Relation, v.HasMore = make([]notionapi.ObjectRef, len(full)), false
				for i, id := range full {
					v.Relation[i] = notionapi.ObjectRef{ID: id}
				}
				pg.Properties[p.Name] = v
			}
			if len(v.Relation) > 0 {
				r.used[p.Name] = true
			}
			target := p.Relation.QueryTarget(r.c.Version())
			for _, ref := range v.Relation {
				ids = append(ids, ref.ID)
				byTarget[target] = append(byTarget[target], ref.ID)
			}
		}
	}
	// Many pages of one related data source are read from it a hundred at
	// a time; the others one by one.
	for target, tids := range byTarget {
		if err := r.titles.ResolveIn(ctx, target, tids, 0); err != nil {
			return fmt.Errorf("reading the titles of related pages: %w", err)
		}
	}
	for _, id := range ids {
		if pt, ok := r.titles.Lookup(id); ok && pt.Unreadable {
			r.unreadable[notionapi.CompactID(pt.ID)] = true
		}
	}
	return nil
}

// title is the notionapi.TitleFunc of the cells.
func (r *relations) title(id string) (string, bool) {
	if r == nil {
		return "", false
	}
	return r.titles.Title(id)
}

// note says on stderr what the cells could not show: related pages that
// could not be read (their IDs are shown), and relations empty on every
// row because the database they point to is not shared with the
// integration (one request per such property, to tell).
func (r *relations) note(ctx context.Context, w io.Writer, rows int) {
	if r == nil {
		return
	}
	if n := len(r.unreadable); n > 0 {
		fmt.Fprintf(w, "notion-tui: %s not be read (not shared with the connection, or deleted); %s shown.\n",
			textutil.Plural(n, "related page could", "related pages could"), map[bool]string{true: "its ID is", false: "their IDs are"}[n == 1])
	}
	if rows == 0 {
		return
	}
	for _, p := range r.props {
		if r.used[p.Name] || p.Relation == nil {
			continue
		}
		target := p.Relation.QueryTarget(r.c.Version())
		if target == "" {
			continue
		}
		if _, err := r.c.GetDataSource(ctx, target); notionapi.StatusOf(err) == http.StatusNotFound {
			where := "is empty"
			if rows > 1 {
				where = "is empty on every row shown"
			}
			fmt.Fprintf(w, "notion-tui: %s %s: the database it relates to is not shared with the connection, "+
				"so Notion leaves its values out. Share that database with the connection (its ••• menu, Connections) to see them.\n",
				textutil.SafeLine(p.Name), where)
		}
	}
}
