package memlimit

import (
	"testing"

	"github.com/notion-tui/notion-tui/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }
