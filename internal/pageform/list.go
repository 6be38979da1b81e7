package pageform

import (
	"errors"
	"strings"
)

// SplitList splits comma-separated items, trimming spaces and dropping
// empty items. A double-quoted item keeps its commas ("a, b", c), and a
// doubled quote inside it stands for one quote.
func SplitList(s string) ([]string, error) {
	var items []string
	rest := s
	for {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			return items, nil
		}
		var item string
		var err error
		if rest[0] == '"' {
			item, rest, err = quotedItem(rest[1:])
			if err != nil {
				return nil, err
			}
		} else {
			item, rest, _ = strings.Cut(rest, ",")
			item = strings.TrimSpace(item)
		}
		if item != "" {
			items = append(items, item)
		}
	}
}

// quotedItem reads a quoted item after its opening quote, up to the comma
// that ends it, and returns the rest after that comma.
func quotedItem(s string) (item, rest string, err error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		after := strings.TrimLeft(s[i+1:], " \t")
		if after != "" && after[0] != ',' {
			return "", "", errors.New(`text after a closing quote; quote the whole item, like "a, b", c`)
		}
		return b.String(), strings.TrimPrefix(after, ","), nil
	}
	return "", "", errors.New(`a quote is not closed; write "a, b" to keep a comma in a name`)
}

// FormatList joins items so that SplitList gives them back: items with a
// comma, or starting or ending with a quote or a space, are quoted.
func FormatList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		if strings.ContainsAny(it, ",\"") || strings.TrimSpace(it) != it {
			it = `"` + strings.ReplaceAll(it, `"`, `""`) + `"`
		}
		out[i] = it
	}
	return strings.Join(out, ", ")
}
