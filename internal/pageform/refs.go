package pageform

import (
	"errors"
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// ErrNoUsersList is Env.UsersErr when the users list was not loaded.
var ErrNoUsersList = errors.New("the users list is not loaded")

func parsePeople(_ notionapi.PropertySchema, s string, env Env) (notionapi.PropertyValue, error) {
	items, err := listOf(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	var ids []string
	for _, it := range items {
		id, err := FindUser(it, env)
		if err != nil {
			return notionapi.PropertyValue{}, err
		}
		if !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return notionapi.PeopleValue(ids...), nil
}

// plainID returns the ID when s is nothing but a Notion ID (with or
// without dashes).
func plainID(s string) (string, bool) {
	id, err := notionapi.ParseID(s)
	if err != nil || notionapi.CompactID(id) != strings.ToLower(notionapi.CompactID(strings.TrimSpace(s))) {
		return "", false
	}
	return id, true
}

// FindUser returns the ID of the user that s names: a user ID, an e-mail
// address, or a name (exact, or else a unique part of one, ignoring case).
// Names and e-mails need env.Users.
func FindUser(s string, env Env) (string, error) {
	if id, ok := plainID(s); ok {
		return id, nil
	}
	if env.Users == nil {
		why := env.UsersErr
		if why == nil {
			why = ErrNoUsersList
		}
		return "", fmt.Errorf("cannot look up %q by name or e-mail (%v); give the person's user ID", s, why)
	}
	want := strings.ToLower(strings.TrimSpace(s))
	if strings.Contains(want, "@") {
		for _, u := range env.Users {
			if strings.ToLower(u.Email()) == want {
				return u.ID, nil
			}
		}
		return "", fmt.Errorf("no one in the workspace has the e-mail address %q", s)
	}
	var exact, partial []notionapi.User
	var people []string
	for _, u := range env.Users {
		name := strings.ToLower(u.Name)
		if u.Type != "bot" {
			people = append(people, u.Name)
		}
		switch {
		case u.Type == "bot":
		case name == want:
			exact = append(exact, u)
		case strings.Contains(name, want):
			partial = append(partial, u)
		}
	}
	for _, matches := range [][]notionapi.User{exact, partial} {
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0].ID, nil
		}
		return "", fmt.Errorf("%q matches %d people: %s; give more of the name, an e-mail or an ID", s, len(matches), describeUsers(matches))
	}
	return "", fmt.Errorf("no one in the workspace is named %q%s", s, textutil.DidYouMean(s, people))
}

func describeUsers(us []notionapi.User) string {
	parts := make([]string, 0, len(us))
	for i, u := range us {
		if i == maxListed {
			parts = append(parts, "…")
			break
		}
		d := u.Name
		if e := u.Email(); e != "" {
			d += " <" + e + ">"
		} else {
			d += " (" + u.ID + ")"
		}
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

func parseRelation(p notionapi.PropertySchema, s string, env Env) (notionapi.PropertyValue, error) {
	items, err := listOf(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	var ids []string
	for _, it := range items {
		id, err := FindPage(p, it, env)
		if err != nil {
			return notionapi.PropertyValue{}, err
		}
		if !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return notionapi.RelationValue(ids...), nil
}

// FindPage returns the ID of the page that s names for relation property
// p: a page ID or link, or a title of a page in the related data source
// (exact, or else a unique part of one, ignoring case), found through
// env.FindPages.
func FindPage(p notionapi.PropertySchema, s string, env Env) (string, error) {
	if id, err := notionapi.ParseID(s); err == nil {
		return id, nil
	}
	if env.FindPages == nil {
		return "", fmt.Errorf("%q is not a page ID or link", s)
	}
	pages, err := env.FindPages(p, strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("searching for %q: %w", s, err)
	}
	want := strings.ToLower(strings.TrimSpace(s))
	var exact []notionapi.Page
	for _, pg := range pages {
		if strings.ToLower(strings.TrimSpace(pg.Title())) == want {
			exact = append(exact, pg)
		}
	}
	for _, matches := range [][]notionapi.Page{exact, pages} {
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0].ID, nil
		}
		return "", fmt.Errorf("%q matches %d pages: %s; give the page's ID or link", s, len(matches), describePages(matches))
	}
	return "", fmt.Errorf("no page titled %q in the related database", s)
}

func describePages(ps []notionapi.Page) string {
	parts := make([]string, 0, len(ps))
	for i, pg := range ps {
		if i == maxListed {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", pg.Title(), pg.ID))
	}
	return strings.Join(parts, ", ")
}
