// Package testhttp is the HTTP client of tests that send requests of their
// own: a browser following an OAuth redirect, a raw API call to the
// sandbox.
//
// It has a connection pool of its own. Every test server that stops
// (httptest.Server.Close) closes http.DefaultTransport's idle connections,
// and a request on a connection being handed to it at that moment breaks
// ("http: CloseIdleConnections called"), after it was written, so that not
// even a GET is sent again. Tests run in parallel, so with
// http.DefaultClient or http.Get such a test fails now and then. A test
// package's guard (TestNoCodeUsesTheSharedHTTPClient) keeps them out.
package testhttp

import "net/http"

// Client sends a test's own requests. It follows redirects, as a browser
// does.
var Client = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
