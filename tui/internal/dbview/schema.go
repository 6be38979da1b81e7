package dbview

import (
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// schemaLines describes a data source's properties, one or more lines
// each: name, type, its configuration (options in their colours, number
// format, formula, relation, rollup) and the filter operators it takes.
func schemaLines(st *styles.Styles, cols notionapi.Schema) []string {
	nameW := 0
	for _, p := range cols {
		nameW = max(nameW, widgets.TextWidth(p.Name))
	}
	nameW = min(nameW, 24)
	var lines []string
	for _, p := range cols {
		var b strings.Builder
		widgets.FitCell(&b, p.Name, nameW, false)
		head := st.Bold.Render(b.String()) + "  " + st.Accent.Render(string(p.Type))
		if d := schemaDetail(p); d != "" {
			head += st.Muted.Render("  " + d)
		}
		lines = append(lines, head)
		if opts := p.Options(); len(opts) > 0 {
			lines = append(lines, widgets.Spaces(nameW+2)+widgets.OptionChips(st, opts))
		}
		if p.Status != nil && len(p.Status.Groups) > 0 {
			lines = append(lines, widgets.Spaces(nameW+2)+st.Muted.Render(statusGroups(p.Status)))
		}
		if ops := filter.Operators(p.Type); len(ops) > 0 {
			lines = append(lines, widgets.Spaces(nameW+2)+st.Faint.Render("filter: "+strings.Join(ops, ", ")))
		}
	}
	lines = append(lines, "", st.Muted.Render("Page timestamps created_time and last_edited_time can be filtered and sorted on too."))
	return lines
}

// schemaDetail is the configuration of a property in a few words.
func schemaDetail(p notionapi.PropertySchema) string {
	switch {
	case p.Number != nil && p.Number.Format != "":
		return "format " + p.Number.Format
	case p.Formula != nil:
		return "= " + p.Formula.Expression
	case p.Relation != nil:
		target := p.Relation.DataSourceID
		if target == "" {
			target = p.Relation.DatabaseID
		}
		return "→ " + widgets.ShortID(target) + " (" + strings.ReplaceAll(p.Relation.Type, "_", " ") + ")"
	case p.Rollup != nil:
		return fmt.Sprintf("%s of %s.%s", p.Rollup.Function, p.Rollup.RelationPropertyName, p.Rollup.RollupPropertyName)
	case p.UniqueID != nil && p.UniqueID.Prefix != nil:
		return "prefix " + *p.UniqueID.Prefix
	case p.Description != nil && *p.Description != "":
		return *p.Description
	}
	return ""
}

// statusGroups lists the options of each status group.
func statusGroups(s *notionapi.StatusConfig) string {
	names := map[string]string{}
	for _, o := range s.Options {
		names[o.ID] = o.Name
	}
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		var members []string
		for _, id := range g.OptionIDs {
			if n := names[id]; n != "" {
				members = append(members, n)
			}
		}
		parts[i] = g.Name + ": " + strings.Join(members, ", ")
	}
	return strings.Join(parts, " · ")
}
