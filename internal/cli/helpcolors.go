package cli

import (
	"image/color"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/charmtone"
)

// helpColors is fang's default color scheme with each CharmTone color
// resolved to its RGB value once. A charmtone.Key builds the table of
// every CharmTone color each time it is asked for its RGB value, which
// lipgloss does for every span it styles: in `--help`, a third of the
// command line's own time went to building those tables.
func helpColors(c lipgloss.LightDarkFunc) fang.ColorScheme {
	s := fang.DefaultColorScheme(c)
	for _, p := range []*color.Color{
		&s.Base, &s.Title, &s.Description, &s.Codeblock, &s.Program,
		&s.DimmedArgument, &s.Comment, &s.Flag, &s.FlagDefault, &s.Command,
		&s.QuotedString, &s.Argument, &s.Help, &s.Dash, &s.ErrorDetails,
		&s.ErrorHeader[0], &s.ErrorHeader[1],
	} {
		if k, ok := (*p).(charmtone.Key); ok {
			*p = color.RGBAModel.Convert(k)
		}
	}
	return s
}
