// Package systemtest tests keystore against the real OS keyring: a Secret
// Service on the session bus, and the ways go-keyring fails without one.
//
// It is a package of its own because go-keyring's mock provider, once
// installed by the keystore unit tests, replaces the real keyring for the
// rest of that test binary. Run it against a private Secret Service with
//
//	.ci/secret-service.sh go test ./keystore/...
//
// Without one, the Secret Service tests skip (or fail when
// NOTION_TUI_REQUIRE_SECRET_SERVICE=1, as the script sets).
package systemtest
