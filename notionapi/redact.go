package notionapi

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strings"
)

// redacted replaces a secret wherever the client quotes the network.
const redacted = "[REDACTED]"

// minSecretLen is the shortest secret that is looked for: real tokens and
// client secrets are far longer, and hiding every "t" in a test's error
// message would hide the message.
const minSecretLen = 8

// redactor hides the client's own secrets (the bearer token, Basic
// credentials, OAuth codes and refresh tokens it sent) in text that came
// back from the network: a proxy's error page may quote the request's
// headers, a hostile server may echo the token anywhere.
type redactor struct {
	secrets []string
}

// redactorFor knows the secrets of request r.
func (c *Client) redactorFor(r request) redactor {
	var rd redactor
	rd.add(r.token)
	rd.add(c.cred.get())
	if r.basic != nil {
		rd.add(r.basic.ClientSecret)
		rd.add(base64.StdEncoding.EncodeToString([]byte(r.basic.ClientID + ":" + r.basic.ClientSecret)))
		if m, ok := r.body.(map[string]string); ok {
			for _, k := range oauthSecretFields {
				rd.add(m[k])
			}
		}
	}
	return rd
}

// oauthSecretFields are the fields of an OAuth request body that hold a
// secret.
var oauthSecretFields = []string{"code", "token", "refresh_token", "client_secret"}

// add registers a secret in the forms it may come back in: as sent,
// URL-encoded, and with "/" escaped as JSON encoders may write it.
func (rd *redactor) add(secret string) {
	if len(secret) < minSecretLen {
		return
	}
	for _, s := range []string{secret, url.QueryEscape(secret), strings.ReplaceAll(secret, "/", `\/`)} {
		if !containsString(rd.secrets, s) {
			rd.secrets = append(rd.secrets, s)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (rd redactor) string(s string) string {
	for _, secret := range rd.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}

func (rd redactor) bytes(b []byte) []byte {
	for _, secret := range rd.secrets {
		if bytes.Contains(b, []byte(secret)) {
			b = bytes.ReplaceAll(b, []byte(secret), []byte(redacted))
		}
	}
	return b
}

// value redacts the strings of a decoded JSON value, keys included.
func (rd redactor) value(v any) any {
	switch x := v.(type) {
	case string:
		return rd.string(x)
	case []any:
		for i := range x {
			x[i] = rd.value(x[i])
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[rd.string(k)] = rd.value(e)
		}
		return out
	}
	return v
}

// error redacts the fields of the client's own error types that quote
// the network, in place.
func (rd redactor) error(err error) {
	if len(rd.secrets) == 0 || err == nil {
		return
	}
	switch e := err.(type) {
	case *APIError:
		e.Message, e.Body = rd.string(e.Message), rd.string(e.Body)
		if e.AdditionalData != nil {
			e.AdditionalData, _ = rd.value(e.AdditionalData).(map[string]any)
		}
	case *DecodeError:
		e.Snippet = rd.string(e.Snippet)
		e.Err = rd.wrap(e.Err)
	case *RedirectError:
		e.Location = rd.string(e.Location)
	case *NetworkError:
		e.Err = rd.wrap(e.Err)
	case *TimeoutError:
		e.Err = rd.wrap(e.Err)
	}
}

// wrap hides secrets in err's message while keeping its chain for
// errors.Is and errors.As.
func (rd redactor) wrap(err error) error {
	if err == nil {
		return nil
	}
	if msg := err.Error(); rd.string(msg) != msg {
		return &redactedError{msg: rd.string(msg), err: err}
	}
	return err
}

// redactedError is an error whose message quoted a secret.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
