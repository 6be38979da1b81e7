package notionapi

import "slices"

// Notion-Version values this package knows how to speak.
const (
	Version20220628 = "2022-06-28"
	Version20250903 = "2025-09-03"
	Version20260311 = "2026-03-11"

	// DefaultVersion is sent when the caller does not choose one.
	DefaultVersion = Version20260311
)

// KnownVersions lists every Notion-Version value the API accepts, oldest first.
var KnownVersions = []string{
	"2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22",
	Version20220628, Version20250903, Version20260311,
}

// SupportedVersions are the versions whose shapes this package decodes
// faithfully; older accepted versions behave like 2022-06-28.
var SupportedVersions = []string{Version20220628, Version20250903, Version20260311}

// IsKnownVersion reports whether v is a Notion-Version the API accepts.
func IsKnownVersion(v string) bool { return slices.Contains(KnownVersions, v) }

// UsesDataSources reports whether version v has the data source model
// (2025-09-03 and later): databases are containers, schemas and queries live
// on data sources, and search filters on "data_source". An empty or
// unparsable version is treated as the newest model.
func UsesDataSources(v string) bool {
	if len(v) != len("2006-01-02") {
		return true
	}
	return v >= Version20250903
}
