// Command gorunner is the Go reader the benchmark runs as a child process:
// see package bench/internal/gorunner.
//
//	NOTION_TOKEN=... gorunner -base-url URL -data-source ID -rate 30 -ids FILE
package main

import (
	"os"

	"github.com/notion-tui/notion-tui/bench/internal/gorunner"
)

func main() { os.Exit(gorunner.Main(os.Args[1:], os.Stdout, os.Stderr)) }
