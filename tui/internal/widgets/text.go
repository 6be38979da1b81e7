package widgets

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// FormatCount writes n with thousands separators.
func FormatCount(n int) string { return notionapi.FormatNumber(float64(n), "number_with_commas") }

// ShortID is the first block of an ID, enough to tell objects apart.
func ShortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// IconText is an emoji icon followed by a space, or "".
func IconText(ic *notionapi.Icon) string {
	if ic != nil && ic.Type == "emoji" && ic.Emoji != "" {
		return ic.Emoji + " "
	}
	return ""
}

func OrUntitled(s string) string {
	if s == "" {
		return "Untitled"
	}
	return s
}

// Ago says how long before now t was, in the largest whole unit; after a
// month it gives the date.
func Ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case t.IsZero():
		return ""
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return textutil.Plural(int(d/time.Minute), "minute", "minutes") + " ago"
	case d < 24*time.Hour:
		return textutil.Plural(int(d/time.Hour), "hour", "hours") + " ago"
	case d < 30*24*time.Hour:
		return textutil.Plural(int(d/(24*time.Hour)), "day", "days") + " ago"
	}
	return t.In(now.Location()).Format("2006-01-02")
}

func OrText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// PrettyJSON indents JSON for reading; invalid JSON is returned as is.
func PrettyJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

// Sentence makes a message a Sentence: a capital first, a full stop last.
func Sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}
