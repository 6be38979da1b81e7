package e2e

import (
	"strings"
	"testing"
	"time"
)

func TestSessionCapturesTheExitStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"version"}, 0, "Notion-Version"},
		{[]string{"no-such-command"}, 2, "unknown command"},
	} {
		s := Start(t, tc.args, nil)
		if code := s.Wait(10 * time.Second); code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, code, tc.code)
		}
		s.WaitFor(tc.says, time.Second)
	}
}

// Not parallel: it sets a variable of the test process.
func TestSessionEnvironmentIsOnlyWhatTheTestGives(t *testing.T) {
	t.Setenv("NOTION_TOKEN", "ntn_leaked_from_the_test_process_0000000000")
	s := Start(t, []string{"doctor"}, map[string]string{"NOTION_BASE_URL": "http://127.0.0.1:9"})
	if code := s.Wait(10 * time.Second); code != 1 {
		t.Errorf("exit %d", code)
	}
	screen := s.WaitFor("No Notion token is set up", time.Second)
	if strings.Contains(screen, "leaked") {
		t.Errorf("the test's NOTION_TOKEN reached the program:\n%s", screen)
	}
	if !strings.Contains(screen, "http://127.0.0.1:9 (NOTION_BASE_URL)") {
		t.Errorf("the given variable did not reach the program:\n%s", screen)
	}
}

func TestSessionResizeReachesTheApp(t *testing.T) {
	t.Parallel()
	s := StartSize(t, 100, 30, []string{"--demo"}, nil)
	s.WaitFor("demo sandbox", 10*time.Second)
	s.Resize(60, 20)
	s.WaitUntil("a 60-column layout", 5*time.Second, func(screen string) bool {
		for _, l := range strings.Split(screen, "\n") {
			if len([]rune(l)) > 60 {
				return false
			}
		}
		return strings.Contains(screen, "demo sandbox")
	})
	s.SendKeys("C-c")
	if code := s.Wait(5 * time.Second); code != 0 {
		t.Errorf("exit %d after ctrl+c", code)
	}
}
