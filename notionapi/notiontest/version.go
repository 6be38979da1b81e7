package notiontest

import (
	"net/http"
	"strings"
)

// apiVersion is the data model a Notion-Version selects. 2022-02-22
// behaves like 2022-06-28; the 2021 versions too, but for the key of a
// block's text.
type apiVersion int

const (
	v2021     apiVersion = iota // 2021-05-11, 2021-05-13, 2021-08-16
	v20220628                   // 2022-02-22, 2022-06-28
	v20250903
	v20260311
)

// acceptedVersions are the Notion-Version values the API accepts, oldest
// first.
var acceptedVersions = []string{
	"2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22",
	"2022-06-28", "2025-09-03", "2026-03-11",
}

// parseVersion checks a Notion-Version header value.
func parseVersion(h string) (apiVersion, *apiError) {
	if h == "" {
		return 0, &apiError{
			status:  http.StatusBadRequest,
			code:    codeMissingVersion,
			message: "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
		}
	}
	switch h {
	case "2026-03-11":
		return v20260311, nil
	case "2025-09-03":
		return v20250903, nil
	}
	for _, v := range acceptedVersions {
		if v == h {
			if strings.HasPrefix(h, "2021-") {
				return v2021, nil
			}
			return v20220628, nil
		}
	}
	quoted := make([]string, len(acceptedVersions))
	for i, v := range acceptedVersions {
		quoted[i] = `"` + v + `"`
	}
	last := len(quoted) - 1
	return 0, errValidation("Notion-Version header failed validation: Notion-Version header should be %s, or %s, instead was `%s`.",
		strings.Join(quoted[:last], ", "), quoted[last], showValue(h))
}

// parseVersionName maps a version name for the read helpers; "" is the
// newest.
func parseVersionName(h string) apiVersion {
	if h == "" {
		return v20260311
	}
	v, err := parseVersion(h)
	if err != nil {
		return v20260311
	}
	return v
}

// dataSources reports whether databases are containers of data sources.
func (v apiVersion) dataSources() bool { return v >= v20250903 }

// archived reports whether objects still carry the deprecated "archived".
func (v apiVersion) archived() bool { return v < v20260311 }

// textKey is the key of a block's rich text: "text" before 2022-02-22,
// which renamed it "rich_text" (notion-api.md 2026 B: the same page
// exported under every version).
func (v apiVersion) textKey() string {
	if v == v2021 {
		return "text"
	}
	return "rich_text"
}
