package notionapi

import (
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"
)

// Curl renders the request as a curl command that reads the token from
// $NOTION_TOKEN, so it can be pasted into a shell without revealing the
// token. OAuth requests use $NOTION_OAUTH_CLIENT_ID and
// $NOTION_OAUTH_CLIENT_SECRET.
func (ri RequestInfo) Curl() string {
	var b strings.Builder
	b.WriteString("curl")
	if ri.Method != "GET" {
		b.WriteString(" -X " + ri.Method)
	}
	b.WriteString(" " + textutil.ShellQuote(strings.TrimRight(ri.BaseURL, "/")+ri.Path))
	if strings.HasPrefix(ri.Path, "/v1/oauth/") {
		b.WriteString(` \` + "\n" + `  -u "$NOTION_OAUTH_CLIENT_ID:$NOTION_OAUTH_CLIENT_SECRET"`)
	} else {
		b.WriteString(` \` + "\n" + `  -H "Authorization: Bearer $NOTION_TOKEN"`)
	}
	if ri.Version != "" {
		b.WriteString(` \` + "\n" + "  -H " + textutil.ShellQuote("Notion-Version: "+ri.Version))
	}
	if len(ri.Body) > 0 {
		b.WriteString(` \` + "\n" + `  -H "Content-Type: application/json"`)
		b.WriteString(` \` + "\n" + "  --data " + textutil.ShellQuote(string(ri.Body)))
	}
	return b.String()
}
