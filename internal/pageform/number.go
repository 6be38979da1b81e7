package pageform

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/notion-tui/notion-tui/notionapi"
)

var (
	reGrouped = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?([eE][+-]?[0-9]+)?$`)
	})
	rePlain = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`) })
)

// ParseNumber reads a number typed for a number property in the given
// format (the schema's number.format): "42", "-3", "1,234.5", "1e3";
// "12%" (= 0.12) for the percent format; the format's currency symbol
// before or after the number ("$1,234.50" for dollar). Anything else is
// refused with an example of what is expected.
func ParseNumber(s, format string) (float64, error) {
	t, neg := takeSign(strings.TrimSpace(s))
	t = stripCurrency(t, format)
	if !neg {
		t, neg = takeSign(t) // "$-3"
	}
	percent := strings.HasSuffix(t, "%")
	if percent {
		if format != "percent" {
			return 0, fmt.Errorf("%q is a percentage, but this property is not in percent format; %s", s, numberExample(format))
		}
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	digits, err := ungroup(t)
	if err != nil {
		return 0, err
	}
	if !rePlain().MatchString(digits) {
		return 0, errors.New(numberExample(format))
	}
	if percent {
		if strings.ContainsAny(digits, "eE") {
			return 0, fmt.Errorf("%q mixes an exponent and a percent sign; %s", s, numberExample(format))
		}
		digits += "e-2" // shift the decimal point rather than divide, to keep 12.3% exact
	}
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, fmt.Errorf("%q is too large for a Notion number", s)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// takeSign removes a leading sign (-, − or +) and reports a minus.
func takeSign(t string) (string, bool) {
	for _, minus := range []string{"-", "−"} {
		if strings.HasPrefix(t, minus) {
			return strings.TrimSpace(t[len(minus):]), true
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(t, "+")), false
}

// ungroup removes thousands separators, which must group digits by three.
func ungroup(t string) (string, error) {
	if !strings.Contains(t, ",") {
		return t, nil
	}
	if !reGrouped().MatchString(t) {
		return "", errors.New("commas may only group thousands (1,234.5); use a dot for decimals, like 3.5")
	}
	return strings.ReplaceAll(t, ",", ""), nil
}

// stripCurrency removes the format's currency symbol from either end.
func stripCurrency(t, format string) string {
	sym := CurrencySymbol(format)
	if sym == "" {
		return t
	}
	for _, s := range []string{sym, strings.TrimSpace(sym)} {
		if strings.HasPrefix(t, s) {
			return strings.TrimSpace(t[len(s):])
		}
		if strings.HasSuffix(t, s) {
			return strings.TrimSpace(t[:len(t)-len(s)])
		}
	}
	return t
}

// CurrencySymbol returns the symbol of a currency number format ("$" for
// dollar, "CHF " for franc), or "" for other formats. It follows
// notionapi.FormatNumber, so that what the app shows can be typed back.
func CurrencySymbol(format string) string {
	const one = "1.00"
	s := notionapi.FormatNumber(1, format)
	if !strings.HasSuffix(s, one) || len(s) == len(one) {
		return ""
	}
	return strings.TrimSuffix(s, one)
}

// numberExample says what a number property of the format expects.
func numberExample(format string) string {
	msg := "expected a number like 42 or 3.5"
	switch sym := CurrencySymbol(format); {
	case format == "percent":
		msg += ", or a percentage like 12%"
	case format == "number_with_commas":
		msg += ", or 1,234.5"
	case sym != "":
		msg += ", or " + notionapi.FormatNumber(1234.5, format)
	}
	return msg
}

// NumberHint describes what a number property accepts, for a form.
func NumberHint(format string) string {
	switch sym := CurrencySymbol(format); {
	case format == "percent":
		return "percent: 12% or 0.12"
	case sym != "":
		return strings.ReplaceAll(format, "_", " ") + ": " + notionapi.FormatNumber(1234.5, format) + " or 1234.5"
	case format == "number_with_commas":
		return "number: 1,234.5"
	}
	return "number: 42, -3, 3.5"
}
