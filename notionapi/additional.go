package notionapi

import (
	"errors"
	"net/http"
	"strings"
)

// Values of additional_data fields that callers act on.
const (
	// ErrorTypeMultipleDataSources is the error_type of a database with
	// several data sources read under a version before 2025-09-03.
	ErrorTypeMultipleDataSources = "multiple_data_sources_for_database"
	// RateLimitBlocked is the rate_limit_reason of an integration whose
	// requests are blocked: retrying does not help.
	RateLimitBlocked = "public_api_request_blocked"
	// RateLimitWorkspace is the rate_limit_reason of the workspace's own
	// limit, shared by all its integrations; its Retry-After can exceed a
	// minute.
	RateLimitWorkspace = "public_api_space_request_rate_limit"
)

// Typed readers of an error's additional_data, which Notion uses for
// "extra context, such as retry guidance or endpoint-specific details".
// Each returns the zero value when the field is absent or of another type.
// The additional_data.retry_after of a rate limit is read into RetryAfter.

// CommittedResourceID is the ID of the object a write saved although it
// was answered with an error (503): the new page or database of a create,
// or the parent block of an append.
func (e *APIError) CommittedResourceID() string { return e.dataString("committed_resource_id") }

// CommittedChildIDs are the blocks an append saved although it was
// answered with an error, in request order (direct children only).
func (e *APIError) CommittedChildIDs() []string { return e.dataStrings("committed_child_ids") }

// RetryGuidance is Notion's advice on retrying, sentence by sentence,
// such as "Read the object again to confirm the saved change." and "Do
// not repeat the write.".
func (e *APIError) RetryGuidance() []string { return e.dataStrings("retry_guidance") }

// BlockLimit is set ("block_creation") when a Free-plan workspace has used
// all its blocks: retrying does not help, upgrading the plan does.
func (e *APIError) BlockLimit() string { return e.dataString("block_limit") }

// RateLimitReason says which rate limit refused the request: per
// connection, per workspace (RateLimitWorkspace), per endpoint, or
// RateLimitBlocked.
func (e *APIError) RateLimitReason() string { return e.dataString("rate_limit_reason") }

// ErrorType is the error_type of an error that has one, such as
// ErrorTypeMultipleDataSources.
func (e *APIError) ErrorType() string { return e.dataString("error_type") }

// DatabaseID is the database an error is about, when it says.
func (e *APIError) DatabaseID() string { return e.dataString("database_id") }

// ChildDataSourceIDs are the data sources of a database that a version
// before 2025-09-03 cannot read (ErrorTypeMultipleDataSources).
func (e *APIError) ChildDataSourceIDs() []string { return e.dataStrings("child_data_source_ids") }

// MinimumAPIVersion is the oldest Notion-Version that can serve the
// request, when the error says.
func (e *APIError) MinimumAPIVersion() string { return e.dataString("minimum_api_version") }

// Committed reports whether a write answered with this error was saved
// all the same: a 5xx that names what it committed, or says "The change
// was saved". Such a write must not be sent again; read the object
// (CommittedResourceID) instead. Committed errors are also Ambiguous, so
// that callers that only know Ambiguous still never resend them.
func (e *APIError) Committed() bool {
	if e.Status < 500 || ReadOnly(e.Method, e.Path) {
		return false
	}
	return e.CommittedResourceID() != "" || len(e.CommittedChildIDs()) > 0 ||
		strings.HasPrefix(e.Message, "The change was saved")
}

// Saved reports whether err holds an *APIError for a write that was saved
// although it failed (see APIError.Committed), and returns the ID of what
// it saved ("" when Notion did not say, as for an update).
func Saved(err error) (id string, ok bool) {
	var e *APIError
	if errors.As(err, &e) && e.Committed() {
		return e.CommittedResourceID(), true
	}
	return "", false
}

// VersionRejected reports whether Notion refused the request's
// Notion-Version header: missing, or not a version it accepts. It goes by
// the message ("Notion-Version header failed validation: …"), since the
// code of an unknown version is not documented.
func (e *APIError) VersionRejected() bool {
	return e.Code == CodeMissingVersion || e.Status == http.StatusBadRequest && strings.HasPrefix(e.Message, "Notion-Version header failed validation")
}

func (e *APIError) dataString(key string) string {
	s, _ := e.AdditionalData[key].(string)
	return s
}

func (e *APIError) dataStrings(key string) []string {
	switch v := e.AdditionalData[key].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{v}
	}
	return nil
}
