// Package styles holds the app's theme: semantic colours for a dark or light
// background and every style the screens draw with, built from them, with
// NO_COLOR honoured in one place.
package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme holds the app's semantic colours for one background.
type Theme struct {
	Text, Muted, Faint  color.Color
	Accent, AccentSoft  color.Color
	Success, Warning    color.Color
	Error, Info         color.Color
	Border, BorderFocus color.Color
	SelectedBg          color.Color
	SelectedFg          color.Color
	StatusBg, StatusFg  color.Color
	HeaderBg            color.Color
}

// ThemeFor picks the palette for a dark or light terminal background.
func ThemeFor(isDark bool) Theme {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return Theme{
		Text:        ld(c("#1f2328"), c("#e6e6e6")),
		Muted:       ld(c("#59636e"), c("#9aa4b2")),
		Faint:       ld(c("#8c959f"), c("#5c6370")),
		Accent:      ld(c("#6f42c1"), c("#b392f0")),
		AccentSoft:  ld(c("#e9e3f7"), c("#352a4d")),
		Success:     ld(c("#1a7f37"), c("#56d364")),
		Warning:     ld(c("#9a6700"), c("#e3b341")),
		Error:       ld(c("#cf222e"), c("#ff7b72")),
		Info:        ld(c("#0969da"), c("#79c0ff")),
		Border:      ld(c("#d0d7de"), c("#3d444d")),
		BorderFocus: ld(c("#8250df"), c("#a371f7")),
		SelectedBg:  ld(c("#ddd6fe"), c("#3b2e58")),
		SelectedFg:  ld(c("#1f2328"), c("#ffffff")),
		StatusBg:    ld(c("#eaeef2"), c("#24292f")),
		StatusFg:    ld(c("#1f2328"), c("#c9d1d9")),
		HeaderBg:    ld(c("#f6f8fa"), c("#161b22")),
	}
}

// Styles are every style the screens use, built from one Theme. Screens
// take styles from here rather than making their own colours, so that the
// light/dark switch and NO_COLOR apply everywhere.
type Styles struct {
	Theme   Theme
	IsDark  bool
	NoColor bool

	App        lipgloss.Style
	Header     lipgloss.Style
	Brand      lipgloss.Style
	Crumb      lipgloss.Style
	CrumbSep   lipgloss.Style
	Title      lipgloss.Style
	Subtitle   lipgloss.Style
	Text       lipgloss.Style
	Muted      lipgloss.Style
	Faint      lipgloss.Style
	Accent     lipgloss.Style
	Bold       lipgloss.Style
	Success    lipgloss.Style
	Warning    lipgloss.Style
	Error      lipgloss.Style
	Info       lipgloss.Style
	Key        lipgloss.Style // a key name in prose: "press [enter]"
	Selected   lipgloss.Style // the selected row of a list or table
	Cursor     lipgloss.Style // the focused cell or field marker
	TableHead  lipgloss.Style
	Panel      lipgloss.Style // a rounded box
	PanelFocus lipgloss.Style
	PanelTitle lipgloss.Style
	ErrorPanel lipgloss.Style
	Input      lipgloss.Style
	InputFocus lipgloss.Style
	Status     lipgloss.Style // the status bar
	StatusItem lipgloss.Style
	StatusKey  lipgloss.Style
	Code       lipgloss.Style
	Help       help.Styles
}

// New builds the styles for a background. With noColor (NO_COLOR set)
// no colour is used: emphasis comes from bold, underline and reverse video.
func New(isDark, noColor bool) *Styles {
	t := ThemeFor(isDark)
	s := &Styles{Theme: t, IsDark: isDark, NoColor: noColor}
	n := lipgloss.NewStyle
	fg := func(c color.Color) lipgloss.Style {
		if noColor {
			return n()
		}
		return n().Foreground(c)
	}
	s.App = n()
	s.Text = fg(t.Text)
	s.Muted = fg(t.Muted)
	s.Faint = fg(t.Faint)
	if noColor {
		s.Faint = n().Faint(true)
	}
	s.Accent = fg(t.Accent).Bold(true)
	s.Bold = n().Bold(true)
	s.Success = fg(t.Success)
	s.Warning = fg(t.Warning)
	s.Error = fg(t.Error).Bold(true)
	s.Info = fg(t.Info)
	s.Title = fg(t.Accent).Bold(true)
	s.Subtitle = fg(t.Muted).Italic(true)
	s.Key = fg(t.Accent).Bold(true)
	s.Code = fg(t.Info)
	s.Brand = fg(t.Accent).Bold(true)
	s.Crumb = fg(t.Text)
	s.CrumbSep = fg(t.Faint)
	s.TableHead = fg(t.Muted).Bold(true).Underline(noColor)
	s.Header = n().Padding(0, 1)
	s.Status = n().Padding(0, 1)
	s.StatusItem = fg(t.StatusFg)
	s.StatusKey = fg(t.Accent).Bold(true)
	if noColor {
		s.Selected = n().Reverse(true)
		s.Cursor = n().Reverse(true)
	} else {
		s.Selected = n().Background(t.SelectedBg).Foreground(t.SelectedFg)
		s.Cursor = n().Background(t.Accent).Foreground(lipgloss.Color("#ffffff"))
		s.Header = s.Header.Background(t.HeaderBg)
		s.Status = s.Status.Background(t.StatusBg).Foreground(t.StatusFg)
	}
	border := func(c color.Color) lipgloss.Style {
		st := n().Border(lipgloss.RoundedBorder()).Padding(0, 1)
		if !noColor {
			st = st.BorderForeground(c)
		}
		return st
	}
	s.Panel = border(t.Border)
	s.PanelFocus = border(t.BorderFocus)
	s.ErrorPanel = border(t.Error)
	s.PanelTitle = fg(t.Accent).Bold(true)
	s.Input = border(t.Border)
	s.InputFocus = border(t.BorderFocus)
	s.Help = help.DefaultStyles(isDark)
	if noColor {
		s.Help = help.Styles{
			ShortKey: n().Bold(true), ShortDesc: n(), ShortSeparator: n(),
			FullKey: n().Bold(true), FullDesc: n(), FullSeparator: n(), Ellipsis: n(),
		}
	} else {
		s.Help.ShortKey = s.Help.ShortKey.Foreground(t.Accent)
		s.Help.FullKey = s.Help.FullKey.Foreground(t.Accent)
		// bubbles' own greys for the descriptions have about 2:1 contrast on
		// either background: the help overlay was hard to read.
		s.Help.ShortDesc = s.Help.ShortDesc.Foreground(t.Muted)
		s.Help.FullDesc = s.Help.FullDesc.Foreground(t.Muted)
	}
	return s
}

// OptionStyle returns the chip style of a select, multi-select or status
// option in one of Notion's colours.
func (s *Styles) OptionStyle(notionColor string) lipgloss.Style {
	if s.NoColor {
		return lipgloss.NewStyle()
	}
	pair, ok := optionColors[notionColor]
	if !ok {
		pair = optionColors["default"]
	}
	ld := lipgloss.LightDark(s.IsDark)
	return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(pair[0]), lipgloss.Color(pair[1])))
}

// optionColors maps Notion's option colours to a light and a dark
// foreground.
var optionColors = map[string][2]string{
	"default": {"#57606a", "#c9d1d9"},
	"gray":    {"#6e7781", "#9ba3ad"},
	"brown":   {"#8a5a3b", "#c9a27e"},
	"orange":  {"#bc4c00", "#ffa657"},
	"yellow":  {"#9a6700", "#e3b341"},
	"green":   {"#1a7f37", "#56d364"},
	"blue":    {"#0969da", "#79c0ff"},
	"purple":  {"#8250df", "#d2a8ff"},
	"pink":    {"#bf3989", "#ff9bce"},
	"red":     {"#cf222e", "#ff7b72"},
}
