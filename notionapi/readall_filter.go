package notionapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// timeLayout is the form of timestamp bounds sent in filters: UTC, to the
// millisecond, as Notion writes timestamps.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// errUnboundable says that a filter cannot take window bounds within
// Notion's two levels of compound filters. Notion refuses such a filter
// anyway, so ReadAll then only follows its cursor.
var errUnboundable = errors.New("the filter nests compound filters deeper than the two levels Notion allows")

// timeBound is one condition on a timestamp: {"timestamp": key, key: {op: at}}.
func timeBound(key, op string, at time.Time) any {
	return map[string]any{"timestamp": key, key: map[string]string{op: at.UTC().Format(timeLayout)}}
}

// withBounds combines the caller's filter with a read window's bounds
// (leaf conditions) without nesting deeper than Notion's two levels of
// compound filters:
//
//   - no filter: the bounds alone;
//   - a leaf: {"and": [leaf, bounds...]};
//   - a top-level "and": the bounds join its items;
//   - a top-level "or": the bounds go into each branch, a branch that is
//     itself an "or" being flattened into the top one, so that each branch
//     is an "and" of leaves: {"or": [{"and": [a, bounds...]}, {"and": [b, c,
//     bounds...]}]}. Wrapping the "or" in an "and" would make three levels,
//     which Notion refuses.
//
// It returns errUnboundable for a filter already deeper than two levels.
func withBounds(user json.RawMessage, bounds []any) (any, error) {
	if len(bytes.TrimSpace(user)) == 0 || bytes.Equal(bytes.TrimSpace(user), []byte("null")) {
		user = nil
	}
	switch {
	case len(bounds) == 0 && user == nil:
		return nil, nil
	case len(bounds) == 0:
		return user, nil
	case user == nil && len(bounds) == 1:
		return bounds[0], nil
	case user == nil:
		return map[string]any{"and": bounds}, nil
	}
	op, items, err := splitGroup(user)
	if err != nil {
		return nil, err
	}
	and := func(leaves []json.RawMessage) map[string]any {
		all := make([]any, 0, len(leaves)+len(bounds))
		for _, l := range leaves {
			all = append(all, l)
		}
		return map[string]any{"and": append(all, bounds...)}
	}
	switch op {
	case "":
		return and([]json.RawMessage{user}), nil
	case "and":
		for _, it := range items {
			if d, err := depth(it); err != nil || d > 1 {
				return nil, errUnboundable
			}
		}
		return and(items), nil
	}
	branches := make([]any, 0, len(items))
	for _, it := range items {
		op2, inner, err := splitGroup(it)
		if err != nil {
			return nil, err
		}
		for _, leaf := range inner {
			if d, err := depth(leaf); err != nil || d > 0 {
				return nil, errUnboundable
			}
		}
		switch op2 {
		case "":
			branches = append(branches, and([]json.RawMessage{it}))
		case "and":
			branches = append(branches, and(inner))
		default: // an "or" in an "or": its leaves are branches of the top one
			for _, leaf := range inner {
				branches = append(branches, and([]json.RawMessage{leaf}))
			}
		}
	}
	return map[string]any{"or": branches}, nil
}

// splitGroup returns a compound filter's operator ("and" or "or") and
// items, or "" for a leaf condition.
func splitGroup(f json.RawMessage) (op string, items []json.RawMessage, err error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(f, &m); err != nil {
		return "", nil, fmt.Errorf("%w: %v", errUnboundable, err)
	}
	for _, k := range []string{"and", "or"} {
		raw, ok := m[k]
		if !ok {
			continue
		}
		if len(m) != 1 {
			return "", nil, fmt.Errorf("%w: a compound filter has other keys beside %q", errUnboundable, k)
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return "", nil, fmt.Errorf("%w: %q is not a list", errUnboundable, k)
		}
		return k, items, nil
	}
	return "", nil, nil
}

// depth counts the levels of compound filters in f: 0 for a leaf.
func depth(f json.RawMessage) (int, error) {
	op, items, err := splitGroup(f)
	if err != nil || op == "" {
		return 0, err
	}
	d := 0
	for _, it := range items {
		di, err := depth(it)
		if err != nil {
			return 0, err
		}
		d = max(d, di)
	}
	return d + 1, nil
}
