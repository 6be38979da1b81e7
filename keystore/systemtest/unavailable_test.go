package systemtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testmain"
	"github.com/notion-tui/notion-tui/keystore"
)

// A child process started by TestUnavailableKeyring saves a profile with the
// real keyring in the environment the parent prepared, and reports what
// happened as JSON on stdout.
const (
	childDirEnv     = "KEYSTORE_SYSTEMTEST_CHILD_DIR"
	childTimeoutEnv = "KEYSTORE_SYSTEMTEST_CHILD_TIMEOUT"
)

// childReport is what a child process prints.
type childReport struct {
	NotSaved bool          // Save returned a *NotSavedError
	Keyring  bool          // wrapping a *KeyringError
	Op       string        // its Op
	Timeout  bool          // its Timeout
	Hint     string        // its Hint
	Cause    string        // its Cause
	Took     time.Duration // how long Save took
	Profiles int           // profiles left in the store
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		os.Exit(runChild(dir))
	}
	testmain.Run(m)
}

func runChild(dir string) int {
	timeout, err := time.ParseDuration(os.Getenv(childTimeoutEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s, err := keystore.Open(keystore.Options{Dir: dir, Timeout: timeout, Service: "notion-tui-test-unavailable"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	start := time.Now()
	err = s.Save(keystore.Profile{Name: "dev"}, keystore.Secret{Token: tokenA})
	var r childReport
	r.Took = time.Since(start)
	var notSaved *keystore.NotSavedError
	var ke *keystore.KeyringError
	r.NotSaved = errors.As(err, &notSaved)
	if r.Keyring = errors.As(err, &ke); r.Keyring {
		r.Op, r.Timeout, r.Hint, r.Cause = ke.Op, ke.Timeout, ke.Hint, ke.Cause.Error()
	}
	profiles, _, _ := s.Profiles()
	r.Profiles = len(profiles)
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		return 2
	}
	return 0
}

// busConfig is a private session bus whose only activatable service is
// described by serviceDir (none when empty).
func busConfig(t *testing.T, serviceDir string) string {
	t.Helper()
	extra := ""
	if serviceDir != "" {
		extra = "<servicedir>" + serviceDir + "</servicedir>\n" +
			`<limit name="service_start_timeout">5000</limit>`
	}
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=` + t.TempDir() + `</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  ` + extra + `
</busconfig>
`
	path := filepath.Join(t.TempDir(), "session.conf")
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// hangingSecretsService writes a service file for org.freedesktop.secrets
// whose program starts but never takes the name, like a provider failing to
// start. It exits by itself soon after the test.
func hangingSecretsService(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	svc := "[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sleep 2\n"
	if err := os.WriteFile(filepath.Join(dir, "org.freedesktop.secrets.service"), []byte(svc), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runChildProcess runs cmd and decodes its report. Its output goes to files,
// not pipes, so a service the bus started (which inherits them) cannot hold
// up the test.
func runChildProcess(t *testing.T, cmd *exec.Cmd) childReport {
	t.Helper()
	dir := t.TempDir()
	stdout, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	defer stderr.Close()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	runErr := cmd.Run()
	out, _ := os.ReadFile(stdout.Name())
	if runErr != nil {
		errOut, _ := os.ReadFile(stderr.Name())
		t.Fatalf("child: %v\n%s", runErr, errOut)
	}
	var r childReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	return r
}

// privateBus returns the command prefix that runs a program on a private
// session bus configured by config.
func privateBus(t *testing.T, config string) []string {
	return []string{lookPath(t, "dbus-run-session"), "--config-file=" + config, "--"}
}

// lockedKeyring returns the command prefix that runs a program on a private
// session bus with a gnome-keyring Secret Service whose keyring is locked (it
// was never given a password), in a throwaway data folder.
func lockedKeyring(t *testing.T) []string {
	lookPath(t, "gnome-keyring-daemon")
	const script = `XDG_DATA_HOME="$0" XDG_RUNTIME_DIR="$0" gnome-keyring-daemon --components=secrets --daemonize >/dev/null </dev/null
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
	org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
	i=$((i + 1)); [ "$i" -lt 100 ] || { echo "gnome-keyring did not start" >&2; exit 1; }
	sleep 0.05
done
exec "$@"`
	return []string{lookPath(t, "dbus-run-session"), "--", "sh", "-c", script, t.TempDir()}
}

// lookPath finds a program or skips t.
func lookPath(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed", name)
	}
	return path
}

// withoutEnv returns env without the variables named.
func withoutEnv(env []string, names ...string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(names, name)
	})
}

// TestUnavailableKeyring saves a profile with go-keyring's real provider in
// each environment where no Secret Service can answer, and checks that the
// store reports a typed, explained failure quickly and keeps no profile.
func TestUnavailableKeyring(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	empty := t.TempDir()
	base := withoutEnv(os.Environ(), "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", requireEnv)
	tests := []struct {
		name     string
		env      []string
		wrap     func(t *testing.T) []string // command the child runs under; nil means none
		timeout  time.Duration
		wantHint string
		timedOut bool
	}{
		{
			// No bus address, nothing to discover, no dbus-launch to start one.
			name:    "no session bus",
			env:     append(withoutEnv(base, "PATH"), "PATH="+empty, "XDG_RUNTIME_DIR="+empty),
			timeout: 2 * time.Second, wantHint: "no D-Bus session bus",
		},
		{
			name:    "dead bus socket",
			env:     append(slices.Clone(base), "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(empty, "gone")),
			timeout: 2 * time.Second, wantHint: "is not reachable",
		},
		{
			name:    "bus without a secrets provider",
			env:     base,
			wrap:    func(t *testing.T) []string { return privateBus(t, busConfig(t, "")) },
			timeout: 2 * time.Second, wantHint: "no Secret Service provider",
		},
		{
			name:    "provider that never starts",
			env:     base,
			wrap:    func(t *testing.T) []string { return privateBus(t, busConfig(t, hangingSecretsService(t))) },
			timeout: 300 * time.Millisecond, wantHint: "did not answer in time", timedOut: true,
		},
		{
			name:    "locked keyring",
			env:     base,
			wrap:    lockedKeyring,
			timeout: 2 * time.Second, wantHint: "the keyring is locked",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := []string{os.Args[0], "-test.run=^$"}
			if tt.wrap != nil {
				args = append(tt.wrap(t), args...)
			}
			cmd := exec.Command(args[0], args[1:]...)
			// No one-second sleep before a race-enabled child exits.
			race := "GORACE=" + strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0")
			cmd.Env = append(slices.Clone(tt.env), childDirEnv+"="+t.TempDir(), childTimeoutEnv+"="+tt.timeout.String(), race)
			r := runChildProcess(t, cmd)
			t.Logf("cause: %s (after %v)", r.Cause, r.Took)
			if !r.NotSaved || !r.Keyring || r.Op != "set" {
				t.Fatalf("report = %+v, want a *NotSavedError wrapping a keyring set failure", r)
			}
			if r.Timeout != tt.timedOut || !strings.Contains(r.Hint, tt.wantHint) {
				t.Errorf("timeout %v, hint %q; want timeout %v and a hint with %q", r.Timeout, r.Hint, tt.timedOut, tt.wantHint)
			}
			// Without the timeout these waits last the bus's own timeouts
			// (25 s, or 120 s for activation); a busy machine needs slack.
			if limit := tt.timeout + 3*time.Second; r.Took > limit {
				t.Errorf("Save took %v, want at most %v", r.Took, limit)
			}
			if r.Profiles != 0 {
				t.Errorf("%d profiles left after a failed save", r.Profiles)
			}
		})
	}
}
