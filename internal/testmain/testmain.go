// Package testmain ends a package's test binary without the race
// detector's pause at exit. Every test package of this module calls it
// from its TestMain:
//
//	func TestMain(m *testing.M) { testmain.Run(m) }
//
// A binary built with -race sleeps for GORACE's atexit_sleep_ms, a second
// by default, before a clean exit, so that goroutines still running can
// report a race. A test binary does not need it: the testing package
// fails a run in which a race was reported while the tests ran, so m.Run
// has already said so. The pause made each of the module's 39 test
// packages a second longer under `go test -race ./...`.
//
// Children that a test starts from its own binary are another matter:
// they keep the race runtime's exit, which turns a race into exit status
// 66, and are given GORACE=atexit_sleep_ms=0 instead.
package testmain

import (
	"os"
	"syscall"
	"testing"
)

// Run runs the tests and exits with their status.
func Run(m *testing.M) { Exit(m.Run()) }

// Exit ends the test binary with code, as os.Exit does. After a clean run
// under the race detector it leaves without the exit pause; with -cover it
// always takes os.Exit, whose exit hooks write the coverage counters.
func Exit(code int) {
	if code == 0 && raceEnabled && testing.CoverMode() == "" {
		// syscall.Exit ends the process at once: os.Exit would run the
		// race runtime's finaliser, which holds the pause.
		syscall.Exit(0)
	}
	os.Exit(code)
}
