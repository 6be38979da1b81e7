# Developer tasks. CI runs .ci/run, which does the same steps on a fresh
# machine (and installs what they need).
#
#   make test         fast tests of the app and of tools/
#   make race         the README's test command, with the race detector
#   make keyring      keystore tests against a throwaway Secret Service
#   make lint         gofmt, go vet and staticcheck, both modules
#   make cross        compile for Windows and macOS
#   make release-check  check .goreleaser.yaml and the version stamp
#   make conformance  the official JavaScript SDK against the sandbox
#   make screenshots  regenerate screenshots/ from the demo workspace
#   make bench        run the benchmarks once (BENCH=regexp PKGS=./notionapi)
#   make ci           everything CI does

SHELL := bash
GO ?= go
PKGS ?= ./...
BENCH ?= .
# staticcheck's version is pinned in tools/go.mod (a tool directive).
STATICCHECK := $(CURDIR)/bin/staticcheck

.PHONY: test race keyring lint cross release-check conformance screenshots bench ci

test:
	$(GO) test $(PKGS)
	cd tools && $(GO) test ./...

race:
	$(GO) test -race $(PKGS)
	cd tools && $(GO) test -race ./...

keyring:
	.ci/secret-service.sh $(GO) test -race ./keystore/...

$(STATICCHECK): tools/go.mod tools/go.sum
	$(GO) build -C tools -o $(STATICCHECK) honnef.co/go/tools/cmd/staticcheck

lint: $(STATICCHECK)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd tools && $(GO) vet ./...
	$(STATICCHECK) ./...
	cd tools && $(STATICCHECK) ./...

cross:
	GOOS=windows GOARCH=amd64 $(GO) build ./...
	GOOS=darwin GOARCH=arm64 $(GO) build ./...
	GOOS=windows GOARCH=amd64 $(GO) vet ./...
	GOOS=darwin GOARCH=arm64 $(GO) vet ./...

release-check:
	cd tools && $(GO) run ./releasecheck -root ..

conformance:
	cd notionapi/notiontest/conformance && npm ci --no-audit --no-fund --silent
	.ci/conformance.sh

screenshots:
	scripts/screenshots.sh

bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' $(PKGS)

ci:
	.ci/run
