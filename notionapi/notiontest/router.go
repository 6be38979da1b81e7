package notiontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// route is one endpoint. Segments of path written {name_id} must be Notion
// IDs: a malformed one is a validation_error naming path.name_id, as
// Notion answers; {property_id} takes any text.
type route struct {
	method string
	path   string
	// only limits the route to some versions; nil means every version.
	only func(apiVersion) bool
	need capability
	// write marks an endpoint that changes the workspace: TokenCommitThen503
	// answers it 503 after saving.
	write  bool
	handle func(*call) (any, error)
}

// routes is the API. The OAuth authorize page is served apart, since a
// browser calls it without headers.
var routes = []route{
	{method: http.MethodGet, path: "/v1/users/me", handle: (*call).getMe},
	{method: http.MethodGet, path: "/v1/users", need: capReadUsers, handle: (*call).listUsers},
	{method: http.MethodGet, path: "/v1/users/{user_id}", need: capReadUsers, handle: (*call).getUser},
	{method: http.MethodPost, path: "/v1/search", need: capReadContent, handle: (*call).search},
	{method: http.MethodGet, path: "/v1/databases/{database_id}", need: capReadContent, handle: (*call).getDatabase},
	{method: http.MethodPost, path: "/v1/databases/{database_id}/query", only: beforeDataSources, need: capReadContent, handle: (*call).queryDatabase},
	{method: http.MethodGet, path: "/v1/data_sources/{data_source_id}", only: apiVersion.dataSources, need: capReadContent, handle: (*call).getDataSource},
	{method: http.MethodPost, path: "/v1/data_sources/{data_source_id}/query", only: apiVersion.dataSources, need: capReadContent, handle: (*call).queryDataSource},
	{method: http.MethodPost, path: "/v1/pages", need: capInsertContent, write: true, handle: (*call).createPage},
	{method: http.MethodGet, path: "/v1/pages/{page_id}", need: capReadContent, handle: (*call).getPage},
	{method: http.MethodPatch, path: "/v1/pages/{page_id}", need: capUpdateContent, write: true, handle: (*call).updatePage},
	{method: http.MethodGet, path: "/v1/pages/{page_id}/markdown", only: apiVersion.dataSources, need: capReadContent, handle: (*call).getPageMarkdown},
	{method: http.MethodGet, path: "/v1/pages/{page_id}/properties/{property_id}", need: capReadContent, handle: (*call).getPropertyItem},
	{method: http.MethodGet, path: "/v1/blocks/{block_id}/children", need: capReadContent, handle: (*call).listBlockChildren},
	{method: http.MethodPatch, path: "/v1/blocks/{block_id}/children", need: capInsertContent, write: true, handle: (*call).appendBlockChildren},
	{method: http.MethodGet, path: "/v1/views", only: apiVersion.dataSources, need: capReadContent, handle: (*call).listViews},
	{method: http.MethodGet, path: "/v1/views/{view_id}", only: apiVersion.dataSources, need: capReadContent, handle: (*call).getView},
	{method: http.MethodPost, path: "/v1/views/{view_id}/queries", only: apiVersion.dataSources, need: capReadContent, handle: (*call).createViewQuery},
	{method: http.MethodGet, path: "/v1/views/{view_id}/queries/{query_id}", only: apiVersion.dataSources, need: capReadContent, handle: (*call).getViewQueryResults},
	{method: http.MethodDelete, path: "/v1/views/{view_id}/queries/{query_id}", only: apiVersion.dataSources, need: capReadContent, handle: (*call).deleteViewQuery},
	{method: http.MethodGet, path: "/v1/comments", need: capReadComments, handle: (*call).listComments},
	{method: http.MethodPost, path: "/v1/comments", need: capInsertComments, write: true, handle: (*call).createComment},
	{method: http.MethodGet, path: "/v1/comments/{comment_id}", need: capReadComments, handle: (*call).getComment},
	{method: http.MethodPost, path: "/v1/oauth/token", handle: (*call).oauthToken},
	{method: http.MethodPost, path: "/v1/oauth/introspect", handle: (*call).oauthIntrospect},
	{method: http.MethodPost, path: "/v1/oauth/revoke", handle: (*call).oauthRevoke},
}

func beforeDataSources(v apiVersion) bool { return !v.dataSources() }

const authorizePath = "/v1/oauth/authorize"

// call is one request being answered.
type call struct {
	s            *Server
	r            *http.Request
	body         []byte
	bodyTooLarge bool
	requestID    string
	out          *outcome

	version apiVersion
	who     *principal
	rt      *route
	args    []string       // path parameters, in order
	json    map[string]any // decoded body; empty when there was none
	now     time.Time
	// committed describes what a write saved, for the answer of
	// TokenCommitThen503.
	committed *commitment
	// stamp is now rounded down to the minute: the created_time and
	// last_edited_time of what the request writes (notion-api.md 2026 A).
	stamp time.Time
}

// serve runs the checks in Notion's order and the endpoint.
func (c *call) serve() reply {
	v, err := c.dispatch()
	if err == nil && c.rt != nil && c.rt.write && c.who.commitThen503 {
		err = errSavedThen503(c.committed)
	}
	if err != nil {
		var e *apiError
		if !errors.As(err, &e) {
			e = errorForStatus(http.StatusInternalServerError)
		}
		return errorReply(e, c.requestID)
	}
	if rep, ok := v.(reply); ok {
		return rep
	}
	return jsonReply(http.StatusOK, v)
}

func (c *call) dispatch() (any, error) {
	c.now = c.s.now()
	c.stamp = minute(c.now)
	if c.r.URL.Path == authorizePath {
		return c.authorize()
	}
	v, verr := parseVersion(c.r.Header.Get("Notion-Version"))
	if verr != nil {
		return nil, verr
	}
	c.version = v
	var err error
	var conn string
	if strings.HasPrefix(c.r.URL.Path, "/v1/oauth/") {
		err = c.s.oauth.checkClient(c.r.Header.Get("Authorization"))
		c.who = &principal{}
	} else {
		c.who, conn, err = c.s.authenticate(c.r.Header.Get("Authorization"), c.now)
	}
	if err != nil {
		return nil, err
	}
	if err := c.s.checkRate(c.who, conn); err != nil {
		c.out.rateLimited = true
		return nil, err
	}
	rt, args, err := matchRoute(c.r.Method, c.r.URL, c.version)
	if rt == nil {
		return nil, err
	}
	c.rt, c.args = rt, args
	if err != nil {
		return nil, err
	}
	if rt.need&^c.who.caps != 0 {
		return nil, errRestricted()
	}
	if err := c.decodeBody(); err != nil {
		return nil, err
	}
	return rt.handle(c)
}

// matchRoute finds the endpoint of a method and path. A path that matches
// no route of the version is an invalid URL; one whose ID parameter is not
// a UUID is a validation_error.
func matchRoute(method string, u *url.URL, v apiVersion) (*route, []string, error) {
	segs, ok := splitPath(u)
	if !ok {
		return nil, nil, errInvalidURL()
	}
	for i := range routes {
		rt := &routes[i]
		if rt.method != method || (rt.only != nil && !rt.only(v)) {
			continue
		}
		args, ok, err := matchPath(rt.path, segs)
		if !ok {
			continue
		}
		return rt, args, err
	}
	return nil, nil, errInvalidURL()
}

// splitPath returns the unescaped segments of a URL path.
func splitPath(u *url.URL) ([]string, bool) {
	raw := u.EscapedPath()
	if !strings.HasPrefix(raw, "/") {
		return nil, false
	}
	segs := strings.Split(raw[1:], "/")
	for i, s := range segs {
		dec, err := url.PathUnescape(s)
		if err != nil {
			return nil, false
		}
		segs[i] = dec
	}
	return segs, true
}

// matchPath matches segments against a route pattern and returns the
// parameters, IDs in their dashed form. ok says the path has the route's
// shape; err is set when an ID parameter is malformed.
func matchPath(pattern string, segs []string) (args []string, ok bool, err error) {
	pat := strings.Split(pattern[1:], "/")
	if len(pat) != len(segs) {
		return nil, false, nil
	}
	for i, p := range pat {
		if !strings.HasPrefix(p, "{") {
			if p != segs[i] {
				return nil, false, nil
			}
			continue
		}
		if segs[i] == "" {
			return nil, false, nil
		}
		name := strings.Trim(p, "{}")
		if name == "property_id" {
			args = append(args, segs[i])
			continue
		}
		id, valid := parseID(segs[i])
		if !valid && err == nil {
			err = errShouldBe("path."+name, "a valid uuid", segs[i])
		}
		args = append(args, id)
	}
	return args, true, err
}

// decodeBody parses a JSON object body. An absent body is an empty object,
// since the SDKs omit it when there are no parameters.
func (c *call) decodeBody() error {
	c.json = map[string]any{}
	if c.r.Method == http.MethodGet {
		return nil
	}
	if c.bodyTooLarge {
		return errValidation("Request body too large: the limit is %d bytes.", maxBody)
	}
	raw := bytes.TrimSpace(c.body)
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return errInvalidJSON()
	}
	if _, err := dec.Token(); err != io.EOF {
		return errInvalidJSON()
	}
	m, ok := v.(map[string]any)
	if !ok {
		return errShouldBe("body", "an object", v)
	}
	c.json = m
	return nil
}
