package guide

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Capability names the capability an endpoint needs, as a connection's
// Configuration tab spells it (D:reference/capabilities): reads need
// "Read content", creating pages and appending blocks "Insert content",
// changing and deleting "Update content", users "Read user information",
// and comments their own two.
func Capability(method, path string) string {
	p := pathOnly(path)
	switch {
	case strings.HasPrefix(p, "/v1/users") && p != "/v1/users/me":
		return CapReadUsers
	case strings.HasPrefix(p, "/v1/comments"):
		if method == http.MethodGet {
			return CapReadComments
		}
		return CapInsertComments
	case notionapi.ReadOnly(method, p) || strings.Contains(p, "/queries"):
		// Reads, searches, queries and view queries (whose POST caches
		// a read).
		return CapReadContent
	case method == http.MethodPost,
		method == http.MethodPatch && strings.HasSuffix(p, "/children"):
		return CapInsertContent
	case method == http.MethodPatch || method == http.MethodDelete:
		return CapUpdateContent
	}
	return CapReadContent
}

var reID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}`)
})

func pathShape(p string) string { return reID().ReplaceAllString(pathOnly(p), "{id}") }

func pathOnly(p string) string {
	p, _, _ = strings.Cut(p, "?")
	return p
}

// pathOf returns the path of a URL ("" if it cannot be read).
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Path
}

// objectID returns the ID a path names, dashed as Notion writes it.
func objectID(path string) string {
	id := reID().FindString(pathOnly(path))
	if id == "" {
		return ""
	}
	if parsed, err := notionapi.ParseID(id); err == nil {
		return parsed
	}
	return id
}

// notionLink returns the notion.so address of the page, database or block
// a path names, which opens it in Notion for a member who can see it. Data
// source and user IDs have no such address.
func notionLink(path string) string {
	p := pathOnly(path)
	for _, prefix := range []string{"/v1/pages/", "/v1/databases/", "/v1/blocks/"} {
		if strings.HasPrefix(p, prefix) {
			if id := reID().FindString(p); id != "" {
				return "https://www.notion.so/" + notionapi.CompactID(id)
			}
		}
	}
	return ""
}

func objectKind(path string) string {
	p := pathOnly(path)
	switch {
	case strings.HasPrefix(p, "/v1/data_sources/"):
		return "data source"
	case strings.HasPrefix(p, "/v1/databases/"):
		return "database"
	case strings.HasPrefix(p, "/v1/blocks/"):
		return "block"
	case strings.HasPrefix(p, "/v1/users/"):
		return "user"
	case strings.HasPrefix(p, "/v1/comments/"):
		return "comment"
	case p == "/v1/comments":
		// Listing a page's comments (?block_id=) or adding one: what is
		// missing or refused is the page.
		return "page"
	case strings.HasPrefix(p, "/v1/views"):
		return "view"
	}
	return "page"
}

// fieldPatterns are compiled on first use, not at every start of the
// command line.
var fieldPatterns = sync.OnceValue(func() (p struct{ bodyPath, notProp, expected, noProp *regexp.Regexp }) {
	p.bodyPath = regexp.MustCompile(`body\.([A-Za-z0-9_.\[\]]+)`)
	p.notProp = regexp.MustCompile(`^(.+?) is not a property that exists`)
	p.expected = regexp.MustCompile(`^(.+?) is expected to be `)
	p.noProp = regexp.MustCompile(`Could not find property with name or id: (.+?)\.?$`)
	return p
})

// FieldOf extracts the field at fault from a validation message:
// "Tags is expected to be multi_select." → "Tags";
// "body.properties.Name.title[0].text.content.length should be ≤ 2000" →
// "properties.Name".
func FieldOf(msg string) string {
	pat := fieldPatterns()
	for _, re := range []*regexp.Regexp{pat.notProp, pat.expected, pat.noProp} {
		if m := re.FindStringSubmatch(msg); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	if m := pat.bodyPath.FindStringSubmatch(msg); m != nil {
		parts := strings.Split(m[1], ".")
		if parts[0] == "properties" && len(parts) > 1 {
			return "properties." + strings.SplitN(parts[1], "[", 2)[0]
		}
		return m[1]
	}
	return ""
}

// baseOf returns the scheme and host of a URL ("" if it has none).
func baseOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func hostOf(u string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "api.notion.com"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// trimSentence makes a hint a sentence: capitalised, one final period.
func trimSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + strings.TrimSuffix(s[1:], ".") + "."
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
