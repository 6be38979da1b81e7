#!/bin/sh
# Runs a command against a real, private Secret Service: a throwaway
# gnome-keyring, unlocked, on a private D-Bus session bus. The keyring tests
# require it (NOTION_TUI_REQUIRE_SECRET_SERVICE=1) instead of skipping.
#
#   .ci/secret-service.sh go test -race ./keystore/...
#
# The keyring lives in a temporary folder removed on exit, so the user's own
# login keyring is never read, unlocked or changed. The command's exit code
# is passed through.
set -eu

if [ "$#" -eq 0 ]; then
	echo "usage: $0 COMMAND [ARG...]" >&2
	exit 2
fi

if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
	# Not dbus-x11: with dbus-launch on PATH, go-keyring would start stray
	# buses and daemons whenever no session bus is set.
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends gnome-keyring >/dev/null
fi
command -v dbus-run-session >/dev/null 2>&1 || {
	echo "$0: dbus-run-session not found (install the dbus package)" >&2
	exit 1
}

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT

export NOTION_TUI_REQUIRE_SECRET_SERVICE=1
status=0
KEYRING_HOME=$keyring_home dbus-run-session -- sh -c '
	printf "%s" "throwaway-ci-password" |
		XDG_DATA_HOME="$KEYRING_HOME" XDG_RUNTIME_DIR="$KEYRING_HOME" \
		gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
	unset KEYRING_HOME
	# Wait until the daemon owns its bus name: calling it earlier fails
	# with "failed to unlock correct collection".
	tries=0
	until dbus-send --session --print-reply --dest=org.freedesktop.DBus \
		/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
		string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
		tries=$((tries + 1))
		if [ "$tries" -ge 100 ]; then
			echo "secret-service.sh: no Secret Service on the bus after 5 s" >&2
			exit 1
		fi
		sleep 0.05
	done
	exec "$@"
' secret-service "$@" || status=$?
exit "$status"
