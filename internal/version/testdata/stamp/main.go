// Command stamp prints version.String(), for the test that links it with
// -X.
package main

import (
	"fmt"

	"github.com/notion-tui/notion-tui/internal/version"
)

func main() { fmt.Print(version.String()) }
