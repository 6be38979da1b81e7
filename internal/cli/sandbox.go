package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func (a *app) sandboxCommand() *cobra.Command {
	var (
		addr    string
		latency time.Duration
		rows    int
	)
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the offline sandbox on loopback",
		Long: "Serve the in-memory Notion-compatible sandbox on a loopback address, for your own integration's tests " +
			"and for trying notion-tui without a workspace. It prints the exports to point notion-tui (or any client) at " +
			"it, and the scenario tokens (a revoked token, missing capabilities) to see their errors. Ctrl-C stops it.",
		Example: `
notion-tui sandbox
notion-tui sandbox --addr 127.0.0.1:0 --latency 100ms --rate 3
# then, in another shell:
export NOTION_BASE_URL=http://127.0.0.1:8707
export NOTION_TOKEN=ntn_sandbox_full_access_demo_token
notion-tui databases`,
		Args: noArgs(""),
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8707", "loopback host:port (port 0: any)")
	f.DurationVar(&latency, "latency", 0, "delay added to each request (e.g. 100ms)")
	f.IntVar(&rows, "rows", 12000, "rows in the Event Log data source")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if rows < 0 || latency < 0 {
			return usagef("--rows and --latency must not be negative")
		}
		rate := a.g.Rate
		if a.g.RateSource == "default" {
			rate = notionapi.DefaultRate
		}
		return serveSandbox(cmd.Context(), a.env, addr, notiontest.Options{Rows: rows, Rate: rate, Latency: latency})
	}
	return cmd
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
	width, _ := env.TermWidth() // in a terminal, comments wrap into comments
	fmt.Fprint(env.Stdout, commentLine("# ", fmt.Sprintf("notion-tui sandbox: workspace %q, integration %q, %s, %s.",
		notiontest.WorkspaceName, notiontest.IntegrationName, rateText(opts.Rate), latencyText(opts.Latency)), width))
	fmt.Fprintln(env.Stdout, "# Scenario tokens (use with NOTION_TOKEN=...):")
	for _, sc := range notiontest.Scenarios() {
		fmt.Fprint(env.Stdout, commentLine(fmt.Sprintf("#   %-40s ", sc.Token), sc.Name+": "+sc.Description, width))
	}
	fmt.Fprint(env.Stdout, commentLine("# ", "Try: notion-tui databases; notion-tui query "+notiontest.DatabaseEventLog+" --all --format csv", width))
	fmt.Fprintln(env.Stdout, "# Stop with Ctrl-C.")
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

// commentLine is a shell comment, lead and text; in a terminal (width
// set) it wraps at spaces under its text, each later line a comment too,
// so that the output stays safe to eval.
func commentLine(lead, text string, width int) string {
	s := strings.TrimSuffix(hangLine(lead, text, width), "\n")
	return strings.ReplaceAll(s, "\n ", "\n#") + "\n"
}
