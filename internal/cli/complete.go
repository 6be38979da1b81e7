package cli

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// completionTimeout bounds the request a completion sends: a shell waits
// for it at each tab.
const completionTimeout = 3 * time.Second

// completeWorkspace completes the Notion ID arguments of a command from
// the workspace: the first hundred pages or data sources (object; both
// when empty) Notion's search returns, most recently edited first, each
// ID with its title as the description, in the form begun (with dashes
// or without). many says that the command takes several IDs. Never file
// names; nothing when the token or the request fails, or in 3 s.
func (a *app) completeWorkspace(object string, many bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 && !many {
			return nil, completionDirective
		}
		var out []string
		a.whileCompleting(cmd, func(ctx context.Context, s *Session) error {
			l, err := s.Client.Search(ctx, notionapi.SearchParams{Object: object, PageSize: notionapi.MaxPageSize})
			if err != nil {
				return err
			}
			for _, r := range l.Results {
				id, title := r.ID(), r.Title()
				if id == "" || slices.ContainsFunc(args, func(arg string) bool { return sameID(arg, id) }) {
					continue
				}
				if !strings.Contains(toComplete, "-") {
					id = strings.ReplaceAll(id, "-", "")
				}
				if strings.HasPrefix(id, strings.ToLower(toComplete)) {
					out = append(out, completionCandidate(id, title))
				}
			}
			return nil
		})
		return out, completionDirective
	}
}

// completionDirective tells the shell to offer no file names and to keep
// the candidates' order.
const completionDirective = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder

// whileCompleting calls f with a session of the command line's settings
// and a context that ends after completionTimeout. A failure is only
// logged for cobra's completion debugging: the shell offers nothing.
func (a *app) whileCompleting(cmd *cobra.Command, f func(ctx context.Context, s *Session) error) {
	if err := a.completing(cmd, f); err != nil {
		cobra.CompDebugln("notion-tui: "+err.Error(), false)
	}
}

func (a *app) completing(cmd *cobra.Command, f func(ctx context.Context, s *Session) error) error {
	// The root's PersistentPreRunE ran for cobra's __complete command,
	// not with the flags of the command being completed.
	if err := a.g.fromFlags(cmd.Flags(), a.env); err != nil {
		return err
	}
	s, err := newSession(a.g, a.env)
	if s != nil {
		defer s.Close()
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
	defer cancel()
	return f(ctx, s)
}

// completionCandidate is a completion with its description, as cobra
// takes them (a tab between): the title on one line, with no control
// character (a title could otherwise send escape sequences to the
// terminal through the shell's menu).
func completionCandidate(id, title string) string {
	title = strings.TrimSpace(textutil.SafeLine(title))
	if title == "" {
		title = "Untitled"
	}
	return id + "\t" + title
}

// sameID says whether a command-line argument names the page or data
// source id.
func sameID(arg, id string) bool {
	link, err := notionapi.ParseLink(arg)
	return err == nil && notionapi.CompactID(link.ID) == notionapi.CompactID(id)
}

// completeViews completes query's --view with the names of the views of
// the database in the command line, each with its type.
func (a *app) completeViews(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) != 1 {
		return nil, completionDirective
	}
	link, err := notionapi.ParseLink(args[0])
	if err != nil {
		return nil, completionDirective
	}
	var out []string
	a.whileCompleting(cmd, func(ctx context.Context, s *Session) error {
		if err := needViews(s); err != nil {
			return err
		}
		views, err := viewsOf(ctx, s.Client, link.ID)
		for _, v := range views {
			// A name holding a control character is left out, as a
			// property's: it cannot be typed as shown.
			if textutil.SafeLine(v.Name) == v.Name && startsFold(v.Name, toComplete) {
				out = append(out, v.Name+"\t"+textutil.SafeLine(v.Type))
			}
		}
		return err
	})
	return out, completionDirective
}

// propertyForm is how a flag takes a property's name.
type propertyForm int

const (
	propertyName  propertyForm = iota // --sort Name
	propertyList                      // --properties Name,Status
	propertyValue                     // --set Name=value: the properties a value can be given
)

// completeProperties completes a flag that names properties of the
// database or page in the command line, each with its type. A page's are
// its database's (update without --filter takes a page). A name that
// holds a control character is left out: it cannot be typed as shown.
func (a *app) completeProperties(form propertyForm) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		directive := completionDirective
		if form != propertyName {
			directive |= cobra.ShellCompDirectiveNoSpace
		}
		if len(args) != 1 {
			return nil, directive
		}
		link, err := notionapi.ParseLink(args[0])
		if err != nil {
			return nil, directive
		}
		// A list continues after its last comma, without the names given
		// before it or in another --properties; a name may hold a comma,
		// so the whole text is also taken as the start of one.
		prefix, word := "", toComplete
		var given []string
		if form == propertyList {
			if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
				prefix, word = toComplete[:i+1], toComplete[i+1:]
			}
			values := []string{prefix}
			if f, ok := cmd.Flags().Lookup("properties").Value.(*repeatedFlag); ok {
				values = append(values, *f...)
			}
			for _, v := range values {
				for _, name := range strings.Split(v, ",") {
					given = append(given, strings.TrimSpace(name))
				}
			}
		}
		aPage := cmd.Name() == "update" && !cmd.Flags().Changed("filter") && !cmd.Flags().Changed("filter-json")
		var out []string
		a.whileCompleting(cmd, func(ctx context.Context, s *Session) error {
			var schema notionapi.Schema
			if aPage {
				pg, err := s.Client.GetPage(ctx, link.ID)
				if err != nil {
					return err
				}
				if schema, _, err = pageSchema(ctx, s.Client, pg); err != nil {
					return err
				}
			} else {
				ds, err := s.Client.ResolveLink(ctx, link)
				if err != nil {
					return err
				}
				schema = ds.Properties
			}
			for _, p := range schema {
				c := p.Name
				switch {
				case textutil.SafeLine(p.Name) != p.Name,
					form == propertyValue && !pageform.Editable(p),
					form == propertyList && slices.Contains(given, p.Name):
					continue
				case form == propertyList && prefix != "" && startsFold(p.Name, toComplete):
					// a name holding a comma, whole
				case !startsFold(p.Name, word):
					continue
				case form == propertyList:
					c = prefix + p.Name
				case form == propertyValue:
					c += "="
				}
				out = append(out, c+"\t"+string(p.Type))
			}
			return nil
		})
		return out, directive
	}
}

// startsFold says whether s starts with prefix, without regard to case.
func startsFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
