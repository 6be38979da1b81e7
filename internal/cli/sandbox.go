package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func sandboxCommand() *command {
	return &command{
		name:    "sandbox",
		summary: "serve the in-memory Notion-compatible sandbox on loopback",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			addr := fs.String("addr", "127.0.0.1:8707", "loopback `HOST:PORT` to listen on (port 0 picks a free one)")
			latency := fs.Duration("latency", 0, "added `delay` per request, to feel a real network (e.g. 100ms)")
			rows := fs.Int("rows", 12000, "`N` rows in the Event Log data source")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("sandbox takes no arguments")
				}
				if *rows < 0 || *latency < 0 {
					return usagef("--rows and --latency must not be negative")
				}
				rate := g.Rate
				return serveSandbox(ctx, env, *addr, notiontest.Options{Rows: *rows, Rate: rate, Latency: *latency})
			}
		},
	}
}

// serveSandbox listens on a loopback address and serves until ctx ends.
func serveSandbox(ctx context.Context, env *Env, addr string, opts notiontest.Options) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return usagef("--addr %q: the sandbox hands out working tokens, so it listens on loopback only (127.0.0.1, ::1 or localhost)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: notiontest.New(opts), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(env.Stdout, "export NOTION_BASE_URL=http://%s\n", ln.Addr())
	fmt.Fprintf(env.Stdout, "export NOTION_TOKEN=%s\n", notiontest.TokenFull)
	fmt.Fprintf(env.Stdout, `# notion-tui sandbox: workspace %q, integration %q, %s, %s.
# Scenario tokens (use with NOTION_TOKEN=...):
#   %-40s full access
#   %-40s revoked (401 unauthorized)
#   %-40s no "read user information" (403 on users)
#   %-40s read-only (403 on page create)
#   %-40s no "read content" (403 on search and queries)
# Try: notion-tui databases; notion-tui query %s --all --format csv
# Stop with Ctrl-C.
`, notiontest.WorkspaceName, notiontest.IntegrationName, rateText(opts.Rate), latencyText(opts.Latency),
		notiontest.TokenFull, notiontest.TokenRevoked, notiontest.TokenNoUserInfo, notiontest.TokenReadOnly, notiontest.TokenNoContent,
		notiontest.DatabaseEventLog)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

func rateText(r float64) string {
	if r <= 0 {
		return "no rate limit"
	}
	return fmt.Sprintf("rate limit %g requests/s", r)
}

func latencyText(d time.Duration) string {
	if d <= 0 {
		return "no added latency"
	}
	return fmt.Sprintf("%s added latency", d)
}
