package keystore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretNeverShowsValues(t *testing.T) {
	t.Parallel()
	sec := Secret{Token: ntnToken, RefreshToken: "nrt_refreshrefreshrefreshrefresh9876", ClientSecret: secretToken}
	res := Resolved{Token: ntnToken, Source: "token from keyring profile dev", Secret: sec}

	var logged bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logged, nil))
	logger.Info("resolved", "secret", sec, "resolved", res)
	jsonOut, err := json.Marshal(struct {
		S Secret
		R *Resolved
	}{sec, &res})
	if err != nil {
		t.Fatal(err)
	}

	outputs := map[string]string{
		"slog": logged.String(),
		"json": string(jsonOut),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		outputs["Secret "+verb] = fmt.Sprintf(verb, sec)
		outputs["*Secret "+verb] = fmt.Sprintf(verb, &sec)
		outputs["Resolved "+verb] = fmt.Sprintf(verb, res)
		outputs["[]Secret "+verb] = fmt.Sprintf(verb, []Secret{sec})
	}
	secrets := []string{sec.Token, sec.RefreshToken, sec.ClientSecret}
	for what, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) || strings.Contains(out, s[8:20]) {
				t.Errorf("%s output shows a secret: %s", what, out)
			}
		}
	}
	if want := "ntn_…a1B2"; !strings.Contains(outputs["Secret %v"], want) || !strings.Contains(outputs["slog"], want) {
		t.Errorf("redacted forms should keep %q: %q, %q", want, outputs["Secret %v"], outputs["slog"])
	}
	if got := fmt.Sprintf("%#v", sec); !strings.HasPrefix(got, "keystore.Secret{") {
		t.Errorf("%%#v = %q, want the GoString form", got)
	}
}

func TestSecretStringShowsEmptyFields(t *testing.T) {
	t.Parallel()
	got := Secret{Token: ntnToken}.String()
	want := "{Token:ntn_…a1B2 RefreshToken: ClientSecret:}"
	if got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestValidateProfileName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"default", "dev", "prod-eu", "test_2", "a", "A.b", strings.Repeat("x", 64)} {
		if err := ValidateProfileName(name); err != nil {
			t.Errorf("ValidateProfileName(%q) = %v, want nil", name, err)
		}
	}
	for _, name := range []string{"", "-dev", ".hidden", "has space", "a/b", "über", strings.Repeat("x", 65), "dev\n"} {
		if err := ValidateProfileName(name); err == nil {
			t.Errorf("ValidateProfileName(%q) = nil, want an error", name)
		}
	}
}

func TestProfileDefaults(t *testing.T) {
	t.Parallel()
	p, err := Profile{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != DefaultProfile || p.Kind != KindInternal || p.Storage != StorageKeyring {
		t.Errorf("defaults = %+v", p)
	}
	for _, bad := range []Profile{{Kind: "pat"}, {Storage: "cloud"}, {Name: "no way"}} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("withDefaults(%+v) accepted an invalid profile", bad)
		}
	}
}
