package keystore

import (
	"fmt"
	"testing"
)

func BenchmarkCleanToken(b *testing.B) {
	raw := "  Authorization: Bearer '" + ntnToken + "'\n"
	for b.Loop() {
		if _, _, err := CleanToken(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolve measures start-up token resolution from a store of 20
// profiles (the keyring is an in-memory fake, so this is the store's own
// cost: reading config.json and decoding the secret).
func BenchmarkResolve(b *testing.B) {
	for _, st := range []Storage{StorageKeyring, StorageFile} {
		b.Run(string(st), func(b *testing.B) {
			s := newTestStore(b, newFakeKeyring())
			for i := range 20 {
				mustSave(b, s, Profile{Name: fmt.Sprintf("p%02d", i), Storage: st}, Secret{Token: testToken(i)})
			}
			getenv := func(string) string { return "" }
			for b.Loop() {
				if _, err := s.Resolve(getenv, "p10"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSave measures one locked read-modify-write with fsync'ed atomic
// writes (one file for keyring storage, two for file storage).
func BenchmarkSave(b *testing.B) {
	for _, st := range []Storage{StorageKeyring, StorageFile} {
		b.Run(string(st), func(b *testing.B) {
			s := newTestStore(b, newFakeKeyring())
			for b.Loop() {
				mustSave(b, s, Profile{Name: "bench", Storage: st}, Secret{Token: ntnToken})
			}
		})
	}
}
