package notiontest

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"strings"
)

// parseID accepts a UUID with or without dashes, in either case, and
// returns its dashed lowercase form.
func parseID(s string) (string, bool) {
	var hexID string
	switch len(s) {
	case 32:
		hexID = s
	case 36:
		for _, i := range []int{8, 13, 18, 23} {
			if s[i] != '-' {
				return "", false
			}
		}
		hexID = s[:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	default:
		return "", false
	}
	var raw [16]byte
	if _, err := hex.Decode(raw[:], []byte(hexID)); err != nil {
		return "", false
	}
	return formatUUID(raw), true
}

func formatUUID(raw [16]byte) string {
	h := hex.EncodeToString(raw[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// compactID drops the dashes of an ID, as Notion URLs do.
func compactID(id string) string { return strings.ReplaceAll(id, "-", "") }

// newID returns a random version 4 UUID.
func newID() string {
	var raw [16]byte
	_, _ = rand.Read(raw[:])
	return formatUUID(asV4(raw))
}

// seedID derives a stable version 4 UUID from a name and a number, so the
// seeded workspace has the same IDs in every run.
func seedID(name string, n int) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	hi := mix(h.Sum64() ^ uint64(n))
	lo := mix(hi ^ 0x5eed)
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], hi)
	binary.BigEndian.PutUint64(raw[8:], lo)
	return formatUUID(asV4(raw))
}

// mix is splitmix64: a cheap, well-spread hash of a number, used to pick
// seeded values deterministically.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func asV4(raw [16]byte) [16]byte {
	raw[6] = raw[6]&0x0f | 0x40
	raw[8] = raw[8]&0x3f | 0x80
	return raw
}

// randomToken returns prefix followed by 26 random base32 characters.
func randomToken(prefix string) string { return prefix + rand.Text() }
