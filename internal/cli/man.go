package cli

import (
	"fmt"

	mango "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manCommand prints the man page, generated from the same command tree
// as the help (fang's own writes to the process's stdout, which tests and
// wrappers cannot redirect).
func (a *app) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "Print the man page (troff), for packagers: notion-tui man > notion-tui.1",
		Hidden: true,
		Args:   noArgs(""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			walk(cmd.Root(), func(c *cobra.Command) {
				if long, ok := c.Annotations[longAnnotation]; ok {
					c.Long = long
				}
			})
			page, err := mango.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			page = page.WithSection("Exit status", "0 success; 1 a failure, or output that is incomplete; 2 a mistake in the command line; 130 interrupted.")
			page = page.WithSection("Environment", "NOTION_TOKEN, NOTION_PROFILE, NOTION_VERSION, NOTION_BASE_URL, NOTION_RATE, NOTION_OAUTH_CLIENT_ID, NOTION_OAUTH_CLIENT_SECRET, NO_COLOR.")
			_, err = fmt.Fprint(a.env.Stdout, page.Build(roff.NewDocument()))
			return err
		},
	}
}
