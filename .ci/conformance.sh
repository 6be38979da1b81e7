#!/usr/bin/env bash
# The official Notion JavaScript SDK (@notionhq/client) against the
# `notion-tui sandbox` command: a client nobody here wrote judges the
# sandbox's fidelity, every scenario token and endpoint included (see
# conformance.mjs). Needs `npm ci` in notionapi/notiontest/conformance.
# The sandboxes it starts are stopped (and waited for) when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/notion-tui" .

# start NAME ARGS...: runs a sandbox in the background of this shell (so
# that the trap stops it) and waits for its address.
start() {
	local name=$1
	shift
	"$work/notion-tui" sandbox --addr 127.0.0.1:0 "$@" >"$work/$name.out" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
		grep -q '^export NOTION_BASE_URL=' "$work/$name.out" && return
		sleep 0.05
	done
	echo "sandbox $name did not start:" >&2
	cat "$work/$name.out" >&2
	exit 1
}
url_of() { sed -n 's/^export NOTION_BASE_URL=//p' "$work/$1.out"; }

start main --rate 1000
start limited --rate 1
main_url=$(url_of main)
limited_url=$(url_of limited)
echo "sandbox: $main_url (rate-limited: $limited_url)"
node notionapi/notiontest/conformance/conformance.mjs "$main_url" "$limited_url"
