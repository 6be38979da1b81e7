package notiontest

import (
	"fmt"
	"net/http"
	"strings"
)

// Error codes of Notion's error bodies.
const (
	codeInvalidJSON         = "invalid_json"
	codeInvalidRequestURL   = "invalid_request_url"
	codeInvalidRequest      = "invalid_request"
	codeInvalidGrant        = "invalid_grant"
	codeInvalidClient       = "invalid_client"
	codeValidation          = "validation_error"
	codeMissingVersion      = "missing_version"
	codeUnauthorized        = "unauthorized"
	codeRestricted          = "restricted_resource"
	codeNotFound            = "object_not_found"
	codeConflict            = "conflict_error"
	codeRateLimited         = "rate_limited"
	codeInternal            = "internal_server_error"
	codeBadGateway          = "bad_gateway"
	codeServiceUnavailable  = "service_unavailable"
	codeGatewayTimeout      = "gateway_timeout"
	codeServiceOverload     = "service_overload"
	msgInvalidURL           = "Invalid request URL."
	msgUnauthorized         = "API token is invalid."
	msgRestricted           = "API token does not have access to this resource."
	msgInsufficient         = "Insufficient permissions for this endpoint."
	msgInvalidJSON          = "Error parsing JSON body."
	msgRateLimited          = "You have been rate limited. Please try again in a few minutes."
	rateLimitReasonPerToken = "public_api_request_rate_limit"
)

// apiError is an answer in Notion's error shape.
type apiError struct {
	status     int
	code       string
	message    string
	additional obj    // additional_data, when set
	retryAfter string // Retry-After header, when set
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// body renders the error as Notion does.
func (e *apiError) body(requestID string) obj {
	o := obj{
		{"object", "error"},
		{"status", e.status},
		{"code", e.code},
		{"message", e.message},
		{"request_id", requestID},
	}
	if e.additional != nil {
		o = o.with("additional_data", e.additional)
	}
	return o
}

func errInvalidURL() *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidRequestURL, message: msgInvalidURL}
}

func errInvalidJSON() *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidJSON, message: msgInvalidJSON}
}

func errUnauthorized() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: codeUnauthorized, message: msgUnauthorized}
}

// errRestricted is the 403 of a capability the token lacks.
func errRestricted() *apiError {
	return &apiError{status: http.StatusForbidden, code: codeRestricted, message: msgInsufficient}
}

// errValidation is a 400 validation_error with a free-form message.
func errValidation(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeValidation, message: fmt.Sprintf(format, args...)}
}

// errNotFound is the 404 for an object that does not exist or is not
// shared; kind is "page", "database", "data_source", "block" or "user".
func errNotFound(kind, id string) *apiError {
	msg := fmt.Sprintf("Could not find %s with ID: %s. Make sure the relevant pages and databases are shared with your integration %q.", kind, id, IntegrationName)
	if kind == "user" {
		msg = fmt.Sprintf("Could not find user with ID: %s.", id)
	}
	return &apiError{status: http.StatusNotFound, code: codeNotFound, message: msg}
}

// errShouldBe builds Notion's schema-validation message:
// "body failed validation: body.page_size should be ≤ `100`, instead was `500`."
// path starts with the section the value came from (body, query, path);
// got is the offending value as decoded (undefined when absent).
func errShouldBe(path, want string, got any) *apiError {
	section, _, _ := strings.Cut(path, ".")
	return errValidation("%s failed validation: %s should be %s, instead was `%s`.", section, path, want, showValue(got))
}

// undefined marks a missing value in validation messages.
type undefinedValue struct{}

var undefined = undefinedValue{}

// valueOrUndefined returns m[key], or undefined when absent.
func valueOrUndefined(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	return undefined
}

// showValue renders a decoded JSON value for a message, as JSON.
func showValue(v any) string {
	if _, ok := v.(undefinedValue); ok {
		return "undefined"
	}
	return string(encodeJSON(v))
}

// errorForStatus is Notion's error for a status a fault asks for.
func errorForStatus(status int) *apiError {
	code, msg := codeInternal, "Unexpected error occurred."
	switch status {
	case http.StatusBadRequest:
		code, msg = codeInvalidRequest, "Unsupported request."
	case http.StatusUnauthorized:
		code, msg = codeUnauthorized, msgUnauthorized
	case http.StatusForbidden:
		code, msg = codeRestricted, msgRestricted
	case http.StatusNotFound:
		code, msg = codeNotFound, "Could not find the requested object."
	case http.StatusConflict:
		code, msg = codeConflict, "Conflict occurred while saving. Please try again."
	case http.StatusTooManyRequests:
		code, msg = codeRateLimited, msgRateLimited
	case http.StatusBadGateway:
		code, msg = codeBadGateway, "Bad Gateway"
	case http.StatusServiceUnavailable:
		code, msg = codeServiceUnavailable, "Notion is unavailable, please try again later."
	case http.StatusGatewayTimeout:
		code, msg = codeGatewayTimeout, "Gateway Timeout"
	case 529:
		code, msg = codeServiceOverload, "Notion is temporarily overloaded. Please try again later."
	}
	return &apiError{status: status, code: code, message: msg}
}

// commitment is what a write saved.
type commitment struct {
	// created is the ID of the object a create made; "" for updates,
	// whose answer omits it.
	created string
	// parent and children are the block and the new direct children of
	// an append.
	parent   string
	children []string
}

// errSavedThen503 is the 503 of a write that was saved but whose answer
// could not be built in time (D:reference/request-limits, "Retry a write
// that returns 503"). The value of additional_data.from is the
// sandbox's guess.
func errSavedThen503(c *commitment) *apiError {
	add := obj{
		{"from", "public_api"},
		{"elapsed_ms", "60012"},
		{"deadline_ms", "60000"},
		{"retry_guidance", []string{"Read the object again to confirm the saved change.", "Do not repeat the write."}},
	}
	if c != nil {
		switch {
		case c.parent != "":
			add = add.with("committed_resource_id", c.parent).with("committed_child_ids", c.children)
		case c.created != "":
			add = add.with("committed_resource_id", c.created)
		}
	}
	return &apiError{
		status:     http.StatusServiceUnavailable,
		code:       codeServiceUnavailable,
		message:    "The change was saved, but the response could not be built in time. Read the object again instead of repeating the write.",
		additional: add,
	}
}

// errBlockLimit is the 403 of a Free workspace past its block limit
// (D:reference/workspace-block-limits).
func errBlockLimit() *apiError {
	return &apiError{
		status:     http.StatusForbidden,
		code:       codeRestricted,
		message:    "This workspace has used all of its free blocks. Upgrade its plan in Notion to create more content. Learn more: https://www.notion.com/help/understanding-block-usage",
		additional: obj{{"block_limit", "block_creation"}},
	}
}
