package hostile

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// notionError writes a Notion-shaped error.
func notionError(w http.ResponseWriter, status int, code, message string) {
	body, _ := json.Marshal(map[string]any{
		"object": "error", "status": status, "code": code, "message": message,
		"request_id": "00000000-0000-4000-8000-000000000000",
	})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// codeFor is Notion's error code for a status.
func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "validation_error"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "restricted_resource"
	case http.StatusNotFound:
		return "object_not_found"
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusBadGateway:
		return "bad_gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusGatewayTimeout:
		return "gateway_timeout"
	}
	return "internal_server_error"
}

// dumpRequest writes the request line and headers, in a stable order, as
// a proxy's error page quotes them.
func dumpRequest(r *http.Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s\n", r.Method, r.URL.RequestURI(), r.Proto)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range r.Header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	return b.String()
}

// setMore rewrites a list answer to claim more results at cursor.
func setMore(body []byte, cursor string) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || m["object"] != "list" {
		return body
	}
	m["has_more"], m["next_cursor"] = true, cursor
	delete(m, "request_status")
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// dropJSONKey removes a key from a JSON object body; other bodies pass
// unchanged.
func dropJSONKey(body []byte, key string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	if _, ok := m[key]; !ok {
		return body
	}
	delete(m, key)
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}
