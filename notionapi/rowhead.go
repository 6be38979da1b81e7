package notionapi

import (
	"bytes"
	"strings"
	"time"
)

// rowHead reads a row's id and timestamps without decoding the rest
// (plainMembers): a row's properties are most of its bytes, and decoding
// them only to find its ID cost as much as decoding the row. ok is false
// when plainMembers cannot read the three, or a timestamp is not one:
// the caller then decodes the row in full.
func rowHead(b []byte) (id string, created, edited time.Time, ok bool) {
	var v [3][]byte
	if !plainMembers(b, headKeys[:], v[:]) {
		return "", time.Time{}, time.Time{}, false
	}
	// As time.Time's UnmarshalJSON reads them (strict RFC 3339).
	if created.UnmarshalText(v[1]) != nil || edited.UnmarshalText(v[2]) != nil {
		return "", time.Time{}, time.Time{}, false
	}
	return string(v[0]), created, edited, true
}

var headKeys = [3]string{"id", "created_time", "last_edited_time"}

// idOf reads the id of an object without decoding the rest
// (plainMembers); ok is false when it cannot.
func idOf(b []byte) (id string, ok bool) {
	var v [1][]byte
	if !plainMembers(b, idKey[:], v[:]) {
		return "", false
	}
	return string(v[0]), true
}

var idKey = [1]string{"id"}

// plainMembers reads the string members of the JSON object b named by
// keys into vals (vals[i] for keys[i]) in a single pass over its top
// level that skips every other value. It keeps the last of a repeated
// key, as encoding/json does. It reports false when a key is missing,
// and for anything it does not read exactly as encoding/json would (a
// key or one of the values with an escape or a byte outside printable
// ASCII, a key differing from one of keys only in case, a value that is
// not a string). b must be valid JSON, as it is when encoding/json calls
// an UnmarshalJSON: the values skipped are not checked.
func plainMembers(b []byte, keys []string, vals [][]byte) bool {
	exact := true
	walked := members(b, func(key, value []byte) bool {
		for i, k := range keys {
			if string(key) == k {
				vals[i], exact = plainValue(value)
				return exact
			}
		}
		for _, k := range keys {
			if strings.EqualFold(string(key), k) {
				exact = false
				return false
			}
		}
		return true
	})
	if !walked || !exact {
		return false
	}
	for _, v := range vals {
		if v == nil {
			return false
		}
	}
	return true
}

// members walks the top level of the JSON object b, calling f with each
// member's key and the bytes of its value, until f returns false. It
// reports false when b is not an object, or has a key with an escape or a
// byte outside printable ASCII (which encoding/json would read otherwise
// than as it stands). b must be valid JSON: the values are skipped, not
// checked.
func members(b []byte, f func(key, value []byte) bool) bool {
	sc := headScanner{b: b}
	sc.space()
	if !sc.byte('{') {
		return false
	}
	sc.space()
	if sc.byte('}') {
		sc.space()
		return sc.i == len(sc.b)
	}
	for {
		sc.space()
		key, ok := sc.plainString()
		if !ok {
			return false
		}
		sc.space()
		if !sc.byte(':') {
			return false
		}
		sc.space()
		from := sc.i
		if !sc.skipValue() {
			return false
		}
		if !f(key, sc.b[from:sc.i]) {
			return true
		}
		sc.space()
		switch sc.next() {
		case ',':
			continue
		case '}':
			sc.space()
			return sc.i == len(sc.b)
		}
		return false
	}
}

// plainValue is the text of a JSON string value of printable ASCII
// without escapes, which reads the same to encoding/json.
func plainValue(v []byte) ([]byte, bool) {
	sc := headScanner{b: v}
	s, ok := sc.plainString()
	return s, ok && sc.i == len(v)
}

// headScanner walks JSON bytes for members.
type headScanner struct {
	b []byte
	i int
}

func (s *headScanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *headScanner) next() byte {
	c := s.peek()
	s.i++
	return c
}

func (s *headScanner) byte(c byte) bool {
	if s.peek() != c {
		return false
	}
	s.i++
	return true
}

func (s *headScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// plainString reads a string of printable ASCII without escapes, which
// reads the same to encoding/json.
func (s *headScanner) plainString() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	rest := s.b[s.i:]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return nil, false
	}
	for _, c := range rest[:end] {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	s.i += end + 1
	return rest[:end], true
}

// skipValue passes over one value of any kind, checking only that
// brackets pair up and strings end: the JSON is valid (see members).
func (s *headScanner) skipValue() bool {
	depth := 0
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch c {
		case '"':
			s.i++
			for {
				j := bytes.IndexAny(s.b[s.i:], "\"\\")
				if j < 0 {
					return false
				}
				s.i += j
				if s.b[s.i] == '\\' {
					s.i += 2
					continue
				}
				s.i++
				break
			}
			if depth == 0 {
				return true
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return false
			}
			depth--
			if depth == 0 {
				s.i++
				return true
			}
		case ',', ':', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return false
			}
		default:
			if depth == 0 {
				// A number or a literal: up to the next delimiter.
				j := s.i
				for j < len(s.b) && !delimiter(s.b[j]) {
					j++
				}
				if j == s.i {
					return false
				}
				s.i = j
				return true
			}
		}
		s.i++
	}
	return false
}

func delimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}
