// Package e2e drives the built notion-tui binary in a terminal, for
// end-to-end tests of what a user sees.
//
// Each Session runs one program in a tmux server of its own (a private
// socket, a fixed size, TERM=xterm-256color and COLORTERM=truecolor) with
// an environment of its own: only the variables the test gives, over a
// small base (PATH, a temporary HOME and XDG_CONFIG_HOME, TERM,
// COLORTERM, LANG). NOTION_TOKEN and the rest of the test's environment
// never leak in.
//
//	func TestMain(m *testing.M) { e2e.Main(m) }
//
//	func TestExplorer(t *testing.T) {
//		url := e2e.StartSandbox(t)
//		s := e2e.Start(t, []string{"--base-url", url}, map[string]string{"NOTION_TOKEN": notiontest.TokenFull})
//		s.WaitFor("Reading List", 10*time.Second)
//		s.SendKeys("Down", "Enter")
//		s.WaitFor("Dune", 5*time.Second)
//	}
//
// Tests skip, saying why, where tmux is missing or under go test -short.
package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testmain"
)

// Default terminal size of a session.
const (
	DefaultCols = 120
	DefaultRows = 36
)

var build struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// Main runs the tests and removes the binary they built. Call it from the
// test package's TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	testmain.Exit(code)
}

// Binary returns the path of notion-tui built from this module, building
// it on the first call of the test binary.
func Binary(t testing.TB) string {
	t.Helper()
	requireTerminalTools(t)
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "notion-tui-e2e-bin")
		if build.err != nil {
			return
		}
		build.path = filepath.Join(build.dir, "notion-tui")
		// Linked as releases are, without the symbol table and DWARF
		// (-s -w), which nothing here reads: a quarter less to link. Not
		// -trimpath, which would compile every package again for this
		// build alone.
		out, err := exec.Command("go", "build", "-ldflags=-s -w", "-o", build.path, "github.com/notion-tui/notion-tui").CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.path
}

func requireTerminalTools(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary in tmux; skipped under -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: end-to-end tests run the app in tmux (apt-get install tmux)")
	}
}

// Session is one run of notion-tui in a tmux window.
type Session struct {
	t    testing.TB
	sock string
	dir  string
	home string
	exit string
}

// sessionName is the tmux session (and target) of every Session; each
// has a server of its own.
const sessionName = "e2e"

// Start runs notion-tui with args at DefaultCols×DefaultRows. env adds to
// or overrides the base environment; an empty value sets the variable
// empty (NOTION_VERSION="" sends no header). The session ends, and its
// tmux server with it, when the test ends.
func Start(t testing.TB, args []string, env map[string]string) *Session {
	t.Helper()
	return StartSize(t, DefaultCols, DefaultRows, args, env)
}

// StartSize is Start at cols×rows.
func StartSize(t testing.TB, cols, rows int, args []string, env map[string]string) *Session {
	t.Helper()
	bin := Binary(t)
	// A short folder of its own: a socket path must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "e2e")
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{t: t, sock: filepath.Join(dir, "tmux.sock"), dir: dir, home: filepath.Join(dir, "home"), exit: filepath.Join(dir, "exit")}
	if err := os.MkdirAll(filepath.Join(s.home, ".config"), 0o700); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "tmux.conf")
	// remain-on-exit keeps the last screen of a program that exited; an
	// empty exit message keeps tmux from scrolling it to print one.
	writeFile(t, conf, 0o600, "set -g default-terminal xterm-256color\nset -g remain-on-exit on\nset -g remain-on-exit-format \"\"\nset -g status off\n")
	script := filepath.Join(dir, "run.sh")
	writeFile(t, script, 0o700, s.wrapper(bin, args, env))
	t.Cleanup(func() {
		s.tmux("kill-server") //nolint:errcheck // the server may have ended already
		os.RemoveAll(dir)
	})
	if out, err := s.tmux("-f", conf, "new-session", "-d", "-s", sessionName, "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows), script); err != nil {
		t.Fatalf("starting tmux: %v\n%s", err, out)
	}
	return s
}

// wrapper is the shell script the window runs: the program in a clean
// environment, then its exit status written to a file (tmux does not
// always report it).
func (s *Session) wrapper(bin string, args []string, env map[string]string) string {
	vars := map[string]string{
		"PATH":            os.Getenv("PATH"),
		"HOME":            s.home,
		"XDG_CONFIG_HOME": filepath.Join(s.home, ".config"),
		"TERM":            "xterm-256color",
		"COLORTERM":       "truecolor",
		"LANG":            "C.UTF-8",
	}
	for k, v := range env {
		vars[k] = v
	}
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("#!/bin/sh\nenv -i")
	for _, k := range keys {
		b.WriteString(" " + shellQuote(k+"="+vars[k]))
	}
	b.WriteString(" " + shellQuote(bin))
	for _, a := range args {
		b.WriteString(" " + shellQuote(a))
	}
	b.WriteString("\necho $? > " + shellQuote(s.exit) + "\n")
	return b.String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func writeFile(t testing.TB, path string, mode os.FileMode, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// tmux runs a tmux command against the session's server.
func (s *Session) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-u", "-S", s.sock}, args...)...)
	// A test run from inside tmux must not talk to the user's server.
	cmd.Env = withoutVar(os.Environ(), "TMUX")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func withoutVar(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// Home is the program's HOME; its config folder is Home()/.config.
func (s *Session) Home() string { return s.home }

// SendKeys sends keys by tmux's names: "Enter", "Escape", "Tab", "BTab",
// "Up", "Down", "C-c", "C-u", or plain characters.
func (s *Session) SendKeys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", sessionName}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %q: %v\n%s", keys, err, out)
	}
}

// Type types text literally, one key per character.
func (s *Session) Type(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", sessionName, "-l", text); err != nil {
		s.t.Fatalf("send-keys -l: %v\n%s", err, out)
	}
}

// Paste pastes text as a terminal does, in bracketed-paste markers when
// the program asked for them.
func (s *Session) Paste(text string) {
	s.t.Helper()
	if out, err := s.tmux("set-buffer", "-b", "e2e", text); err != nil {
		s.t.Fatalf("set-buffer: %v\n%s", err, out)
	}
	if out, err := s.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", sessionName); err != nil {
		s.t.Fatalf("paste-buffer: %v\n%s", err, out)
	}
}

// Screen returns what the window shows, as plain text.
func (s *Session) Screen() string {
	s.t.Helper()
	return s.capture()
}

// ScreenANSI returns what the window shows with its colours and styles
// (SGR sequences), for screenshots.
func (s *Session) ScreenANSI() string {
	s.t.Helper()
	return s.capture("-e")
}

func (s *Session) capture(flags ...string) string {
	s.t.Helper()
	out, err := s.tmux(append([]string{"capture-pane", "-p", "-t", sessionName}, flags...)...)
	if err != nil {
		s.t.Fatalf("capture-pane: %v\n%s", err, out)
	}
	return out
}

// WaitFor waits until the screen shows text and returns the screen; on
// timeout it fails the test and prints the screen.
func (s *Session) WaitFor(text string, timeout time.Duration) string {
	s.t.Helper()
	return s.WaitUntil(strconv.Quote(text), timeout, func(screen string) bool { return strings.Contains(screen, text) })
}

// WaitGone waits until the screen no longer shows text.
func (s *Session) WaitGone(text string, timeout time.Duration) string {
	s.t.Helper()
	return s.WaitUntil("no "+strconv.Quote(text), timeout, func(screen string) bool { return !strings.Contains(screen, text) })
}

// WaitUntil polls the screen every 50ms until cond holds; what describes
// the wait in the failure message.
func (s *Session) WaitUntil(what string, timeout time.Duration, cond func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := s.capture()
		if cond(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out after %s waiting for %s; the screen is:\n%s", timeout, what, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Resize changes the window's size; the program gets the new size as a
// terminal resize.
func (s *Session) Resize(cols, rows int) {
	s.t.Helper()
	if out, err := s.tmux("resize-window", "-t", sessionName, "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows)); err != nil {
		s.t.Fatalf("resize-window: %v\n%s", err, out)
	}
}

// Wait waits for the program to exit and returns its exit status.
func (s *Session) Wait(timeout time.Duration) int {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if b, err := os.ReadFile(s.exit); err == nil && len(b) > 0 {
			code, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				s.t.Fatalf("exit status file holds %q", b)
			}
			return code
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the program did not exit within %s; the screen is:\n%s", timeout, s.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// StartSandbox runs `notion-tui sandbox` on a free loopback port with the
// extra args and returns its URL. It stops when the test ends.
func StartSandbox(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command(Binary(t), append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopProcess(cmd) })
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("the sandbox printed nothing: %v", lines.Err())
	}
	first := lines.Text()
	url, ok := strings.CutPrefix(first, "export NOTION_BASE_URL=")
	if !ok {
		t.Fatalf("the sandbox's first line is %q, not its address", first)
	}
	// Keep reading, so that the sandbox never blocks on a full pipe.
	go io.Copy(io.Discard, stdout) //nolint:errcheck // ends with the process
	return url
}

// stopProcess interrupts cmd as Ctrl-C would and kills it if it lingers.
func stopProcess(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGINT) //nolint:errcheck // it may have exited
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }() //nolint:errcheck // any end will do
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill() //nolint:errcheck // as above
		<-done
	}
}
