package cli

import (
	"io"
	"strings"
	"testing"
)

// The cost of the command line itself, past the process's start (runtime
// and package inits, which perf stat measures on the built binary): the
// tree is built, fang runs, and version or the root's help is printed.
func quietEnv() *Env {
	return &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, LookupEnv: func(string) (string, bool) { return "", false }}
}

func BenchmarkMainVersion(b *testing.B) {
	for b.Loop() {
		Main([]string{"version"}, quietEnv())
	}
}

func BenchmarkMainHelp(b *testing.B) {
	for b.Loop() {
		Main([]string{"--help"}, quietEnv())
	}
}
