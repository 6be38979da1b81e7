package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/notionapi"
)

func (a *app) apiCommand() *cobra.Command {
	var (
		data     string
		method   string
		queries  repeatedFlag
		paginate bool
	)
	cmd := &cobra.Command{
		Use:   "api <path>",
		Short: "Send any request to the Notion API",
		Long: "Send a request to the Notion API with the profile's token, Notion-Version, pacing, retries and " +
			"debug log, and print the JSON answer: notion-tui api [METHOD] PATH. The method is GET, or POST when --data is given " +
			"(-X sets it too, as with gh api); the path may " +
			"start with /v1/ or not, and may be a whole API link.\n\n" +
			"--paginate follows next_cursor (a query parameter for GET, the body for POST) and prints one list " +
			"with every page's results; if a page fails, the list printed so far ends with has_more true and the " +
			"cursor to go on from, and the exit status is 1.\n\n" +
			"On an error answer, Notion's error object goes to stdout and the guided fix to stderr; exit status 1. " +
			"A write that may have been applied is never sent again by itself. With --demo it is a safe place to learn the API.",
		Example: `
notion-tui --demo api /v1/users/me
notion-tui --demo api users --query page_size=2
notion-tui --demo api POST search --data '{"query":"Reading"}'
notion-tui --demo api POST --paginate --data '{}' \
  data_sources/` + demoReadingListDS + `/query
notion-tui --demo api PATCH pages/` + demoPage + ` \
  --data '{"icon":{"type":"emoji","emoji":"🚀"}}'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || len(args) > 2 {
				return &usageError{msg: "needs a path, and optionally a method before it, such as: api GET /v1/users/me", cmd: cmd}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "request body: JSON, @file, or - for stdin")
	f.StringVarP(&method, "method", "X", "", "the HTTP method, if not given before the path")
	f.Var(&queries, "query", "a query parameter key=value (repeatable)")
	f.BoolVar(&paginate, "paginate", false, "follow next_cursor; print all results as one list")
	_ = cmd.RegisterFlagCompletionFunc("query", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("method", cobra.FixedCompletions([]string{"GET", "POST", "PATCH", "DELETE"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return []string{"GET", "POST", "PATCH", "DELETE"}, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		method, target := strings.ToUpper(method), args[len(args)-1]
		if len(args) == 2 {
			m := strings.ToUpper(args[0])
			if method != "" && m != method {
				return usagef("two methods: %s before the path and --method %s", args[0], method)
			}
			method = m
		}
		switch method {
		case "", "GET", "POST", "PATCH", "DELETE", "PUT":
		default:
			given := method
			if len(args) == 2 {
				given = args[0]
			}
			return usagef("%q is not an HTTP method; use GET, POST, PATCH or DELETE", given)
		}
		var body json.RawMessage
		if cmd.Flags().Changed("data") {
			var err error
			if body, err = readJSONArg("--data", data, a.env); err != nil {
				return err
			}
		}
		if method == "" {
			method = "GET"
			if body != nil {
				method = "POST"
			}
		}
		if body != nil && (method == "GET" || method == "DELETE") {
			return usagef("--data sends a body, which %s requests do not take; use POST or PATCH, or --query for parameters", method)
		}
		path, query, err := apiPath(target)
		if err != nil {
			return err
		}
		for _, q := range queries {
			k, v, ok := strings.Cut(q, "=")
			if !ok || k == "" {
				return usagef("--query %q: expected key=value, such as --query page_size=10", q)
			}
			query.Add(k, v)
		}
		if paginate && method == "POST" && body != nil {
			var obj map[string]any
			if json.Unmarshal(body, &obj) != nil {
				return usagef("--paginate with POST needs --data to be a JSON object, where the cursor goes")
			}
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		if paginate {
			return a.apiPaginate(cmd.Context(), s.Client, method, path, query, body)
		}
		answer, err := s.Client.Do(cmd.Context(), method, path, query, body)
		if err != nil {
			return a.apiError(err)
		}
		return writeRawJSON(a.env.Stdout, answer)
	}
	return cmd
}

// apiPath reads the path argument: /v1/users, v1/users, users, or a whole
// https://api.notion.com/v1/users link, with an optional ?query.
func apiPath(target string) (string, url.Values, error) {
	raw := strings.TrimSpace(target)
	if strings.Contains(raw, "://") {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return "", nil, usagef("%q is not a link or a path", target)
		}
		if u.Host != "api.notion.com" {
			return "", nil, usagef("%q is not on api.notion.com; give the path only (requests go to --base-url)", target)
		}
		raw = u.Path
		if u.RawQuery != "" {
			raw += "?" + u.RawQuery
		}
	}
	p, rawQuery, _ := strings.Cut(raw, "?")
	p = strings.TrimLeft(p, "/")
	if !strings.HasPrefix(p, "v1/") {
		p = "v1/" + p
	}
	if strings.Contains(p, "#") || strings.Contains(p, "..") {
		return "", nil, usagef("path %q holds # or ..", target)
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", nil, usagef("the query of %q: %v", target, err)
	}
	return "/" + p, q, nil
}

// apiError prints Notion's error object on stdout, for scripts, and
// returns the error for the guided fix on stderr.
func (a *app) apiError(err error) error {
	var apiErr *notionapi.APIError
	if errors.As(err, &apiErr) && apiErr.Code != "" {
		obj := map[string]any{"object": "error", "status": apiErr.Status, "code": apiErr.Code, "message": apiErr.Message}
		if apiErr.RequestID != "" {
			obj["request_id"] = apiErr.RequestID
		}
		if apiErr.AdditionalData != nil {
			obj["additional_data"] = apiErr.AdditionalData
		}
		_ = writeJSON(a.env.Stdout, obj)
	}
	return err
}

// apiPaginate prints one list with the results of every page, streaming
// them. A failure half-way still ends the JSON, with has_more true and the
// cursor that failed, so a script can go on from there.
func (a *app) apiPaginate(ctx context.Context, c *notionapi.Client, method, path string, query url.Values, body json.RawMessage) error {
	req := listRequest{method: method, path: path, query: query}
	if body != nil {
		_ = json.Unmarshal(body, &req.body)
	}
	w := a.env.Stdout
	n := 0
	cursor := ""
	var last *rawList
	prog := a.newProgress("Reading pages", false)
	defer prog.done()
	write := func(s string) { _, _ = io.WriteString(w, s) }
	write("{\n  \"object\": \"list\",\n  \"results\": [")
	var readErr error
	for l, err := range pages(ctx, c, req) {
		if err != nil {
			readErr = err
			break
		}
		last = l
		for _, r := range l.Results {
			if n > 0 {
				write(",")
			}
			write("\n    ")
			if err := compact(w, r); err != nil {
				readErr = err
				break
			}
			n++
		}
		cursor = l.cursor()
		prog.update(n)
	}
	if n > 0 {
		write("\n  ")
	}
	write("],\n")
	next := "null"
	if readErr != nil && cursor != "" {
		next = string(mustJSON(cursor))
	}
	fmt.Fprintf(w, "  \"next_cursor\": %s,\n  \"has_more\": %t", next, readErr != nil)
	if last != nil && last.Type != "" {
		fmt.Fprintf(w, ",\n  \"type\": %s", mustJSON(last.Type))
	}
	if last != nil && last.RequestStatus != nil {
		fmt.Fprintf(w, ",\n  \"request_status\": %s", mustJSON(last.RequestStatus))
	}
	write("\n}\n")
	if readErr != nil {
		if n > 0 {
			return &partialError{rows: n, err: readErr}
		}
		return readErr
	}
	if last != nil && last.RequestStatus != nil && last.RequestStatus.Type == "incomplete" {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("notion-tui: Notion stopped this query at %s results (request_status %q): the list is incomplete. "+
			"`notion-tui query ID --all` reads every row, in created_time windows.", commas(n), last.RequestStatus.IncompleteReason)}
	}
	return nil
}
