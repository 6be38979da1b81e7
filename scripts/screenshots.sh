#!/usr/bin/env bash
# Renders the screenshots in screenshots/ from the real app: it builds
# notion-tui, runs it in a private tmux server at a fixed size on the demo
# workspace (or on `notion-tui sandbox` for the setup wizard and the guided
# fixes), drives it with keys, and paints each settled screen to a PNG with
# tools/termshot (a module of its own, so the app does not depend on the
# PNG renderer). No token and no network are needed.
#
#   scripts/screenshots.sh            # writes screenshots/NN-name.png
#   scripts/screenshots.sh views      # only the shots of one group
#
# Needs go, tmux and perl. Fonts: JetBrains Mono and Symbola (for emoji),
# installed with apt-get when missing and possible; DejaVu Sans Mono does
# instead of JetBrains Mono.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/screenshots
cols=120 rows=36

# Everything the script starts lives under $work: the binaries, the tmux
# socket (its path must fit in 108 bytes, so mktemp's short /tmp path), the
# app's HOME, the captured screens.
work=$(mktemp -d)
sock=$work/tmux.sock
sandbox_pid=
runs=0

cleanup() {
	tmux -S "$sock" kill-server 2>/dev/null || true
	if [[ -n $sandbox_pid ]]; then
		kill "$sandbox_pid" 2>/dev/null || true
		wait "$sandbox_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

die() {
	echo "screenshots: $*" >&2
	exit 1
}

# --- setup -------------------------------------------------------------

build() {
	echo "building notion-tui and termshot"
	(cd "$root" && go build -o "$work/notion-tui" .)
	(cd "$root/tools" && go build -o "$work/termshot" ./termshot)
}

# fonts installs, where apt-get can, the fonts termshot looks for: JetBrains
# Mono (else it uses DejaVu Sans Mono) and Symbola, which draws emoji such
# as the icons of pages and databases (else they are hollow boxes).
fonts() {
	local missing=()
	[[ -e /usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf ]] || missing+=(fonts-jetbrains-mono)
	[[ -e /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ]] || missing+=(fonts-symbola)
	((${#missing[@]} > 0)) || return 0
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "installing ${missing[*]}"
		apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null &&
			return 0
	fi
	echo "screenshots: could not install ${missing[*]}; the shots will use what is installed" >&2
}

# sandbox serves `notion-tui sandbox` on a free loopback port and sets
# $base_url from the first line it prints.
sandbox() {
	"$work/notion-tui" sandbox --addr 127.0.0.1:0 >"$work/sandbox.out" 2>&1 &
	sandbox_pid=$!
	local i
	for ((i = 0; i < 100; i++)); do
		base_url=$(sed -n 's/^export NOTION_BASE_URL=//p' "$work/sandbox.out")
		[[ -n $base_url ]] && return
		sleep 0.05
	done
	cat "$work/sandbox.out" >&2
	die "the sandbox did not start"
}

# scenario_token WORD: the sandbox's token named ntn_sandbox_WORD…, from
# the list it prints ("#   ntn_sandbox_revoked_token   revoked: 401 …").
scenario_token() {
	local tok
	tok=$(awk -v w="ntn_sandbox_$1" '$1 == "#" && index($2, w) == 1 { print $2; exit }' "$work/sandbox.out")
	[[ -n $tok ]] || die "the sandbox lists no \"$1\" token"
	echo "$tok"
}

# --- driving the app ---------------------------------------------------

# start [-s COLSxROWS] [VAR=value...] -- COMMAND...: runs COMMAND in a fresh
# tmux server, in a clean environment with a HOME of its own (so no token,
# profile or draft carries over between runs) and notion-tui on PATH. All
# it writes to the terminal is recorded in $work/stream, for shot.
start() {
	local size=${cols}x${rows}
	if [[ $1 == -s ]]; then
		size=$2
		shift 2
	fi
	local vars=()
	while [[ $1 != -- ]]; do
		vars+=("$1")
		shift
	done
	shift
	tmux -S "$sock" kill-server 2>/dev/null || true
	runs=$((runs + 1))
	local home=$work/home$runs
	mkdir -p "$home/.config"
	rm -f "$work/go" "$work/stream"
	{
		echo '#!/usr/bin/env bash'
		# Wait until the recording has started.
		printf 'while [[ ! -e %q ]]; do sleep 0.01; done\n' "$work/go"
		printf 'exec env -i'
		printf ' %q' "PATH=$work:$PATH" "HOME=$home" "XDG_CONFIG_HOME=$home/.config" \
			TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 "${vars[@]}" "$@"
		echo
	} >"$work/run.sh"
	chmod +x "$work/run.sh"
	# remain-on-exit keeps the last screen of a command that exits; an empty
	# exit message keeps tmux from printing over it.
	printf '%s\n' 'set -g default-terminal xterm-256color' 'set -g remain-on-exit on' \
		'set -g remain-on-exit-format ""' 'set -g status off' >"$work/tmux.conf"
	tmux -S "$sock" -f "$work/tmux.conf" new-session -d -s app -n main -x "${size%x*}" -y "${size#*x}" "$work/run.sh"
	tmux -S "$sock" pipe-pane -o -t app:main "cat >$(printf %q "$work/stream")"
	touch "$work/go"
	screen_size=$size
}

screen() {
	tmux -S "$sock" capture-pane -p -t app:main "$@"
}

# wait_for TEXT [SECONDS]: waits until the screen shows TEXT; on timeout it
# prints the screen and fails.
wait_for() {
	local text=$1 limit=$((${2:-10} * 20)) i
	for ((i = 0; i < limit; i++)); do
		screen | grep -qF -- "$text" && return
		sleep 0.05
	done
	screen >&2
	die "timed out waiting for \"$text\""
}

# wait_gone TEXT [SECONDS]: waits until the screen no longer shows TEXT.
wait_gone() {
	local text=$1 limit=$((${2:-10} * 20)) i
	for ((i = 0; i < limit; i++)); do
		screen | grep -qF -- "$text" || return 0
		sleep 0.05
	done
	screen >&2
	die "timed out waiting for \"$text\" to go"
}

# settle waits until the screen, colours included, stays the same for
# 0.4 s: no spinner mid-turn, no frame half drawn.
settle() {
	local last now same=0 i
	last=$(screen -e)
	for ((i = 0; i < 200; i++)); do
		sleep 0.05
		now=$(screen -e)
		if [[ $now == "$last" ]]; then
			((++same >= 8)) && return
		else
			same=0 last=$now
		fi
	done
	screen >&2
	die "the screen did not settle"
}

# keys KEY...: sends keys by tmux's names (Enter, Escape, Tab, Down, C-s…)
# one at a time: a key sent right after Escape would arrive as alt+key.
keys() {
	local k
	for k in "$@"; do
		tmux -S "$sock" send-keys -t app:main "$k"
		sleep 0.1
	done
}

# type TEXT: types TEXT literally.
type_text() {
	tmux -S "$sock" send-keys -t app:main -l "$1"
}

# paste TEXT: pastes as a terminal does, in bracketed-paste markers.
paste() {
	tmux -S "$sock" set-buffer -b paste "$1"
	tmux -S "$sock" paste-buffer -p -d -b paste -t app:main
}

# replay FILE: writes the screen, as the app drew it, to FILE with its SGR
# colours.
#
# tmux's capture-pane leaves out every cell the app cleared with EL or ECH
# (\e[K, \e[nX) rather than wrote, even with -N, though a cleared cell takes
# the current background colour: a full-width status bar would end where
# its text ends. So the recorded output is played again in a second window
# with each erase spelled out as spaces (autowrap off, the cursor saved and
# restored), and that window is captured. Its terminal must not turn "\n"
# into "\r\n" as the app's raw-mode one did not (stty -opost); a title set
# at the end tells when tmux has read it all. The replayed text must match
# the live screen.
replay() {
	COLS=${screen_size%x*} perl -0777 -pe '
		my $erase = sub { "\e7\e[?7l" . (" " x $_[0]) . "\e[?7h\e8" };
		s/\e\[0?K/$erase->($ENV{COLS})/ge;
		s/\e\[(\d*)X/$erase->($1 || 1)/ge;
	' "$work/stream" >"$work/replay"
	printf '\e]2;replayed\a' >>"$work/replay"
	tmux -S "$sock" new-window -d -n replay "stty -opost; cat $(printf %q "$work/replay"); exec sleep 600"
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(tmux -S "$sock" display-message -p -t app:replay '#{pane_title}') == replayed ]] && break
		sleep 0.05
	done
	((i < 100)) || die "the replayed screen did not finish drawing"
	tmux -S "$sock" capture-pane -e -p -N -t app:replay >"$1"
	if ! diff <(screen) <(tmux -S "$sock" capture-pane -p -t app:replay) >&2; then
		die "the replayed screen differs from the app's (above: < app, > replay)"
	fi
	tmux -S "$sock" kill-window -t app:replay
}

# shot NAME TITLE: waits for the screen to settle and paints it to
# screenshots/NAME.png under a window title.
shot() {
	settle
	replay "$work/$1.ansi"
	"$work/termshot" -cols "${screen_size%x*}" -rows "${screen_size#*x}" -title "$2" \
		-i "$work/$1.ansi" -o "$out/$1.png"
	echo "  $1.png"
}

# --- the screens -------------------------------------------------------

wizard() {
	start -- notion-tui --base-url "$base_url"
	wait_for "Which kind of token will you use?"
	keys Down Enter
	wait_for "Paste your connection's API token"
	paste "$token_full"
	wait_for "Notion token"
	shot 01-wizard-token "notion-tui — setup: paste the token"
	keys Enter
	wait_for "Notion accepted the token"
	shot 02-wizard-verified "notion-tui — setup: token verified"
	keys Enter
	wait_for "checked on the first edit" 20
	shot 03-wizard-capabilities "notion-tui — setup: capabilities"
}

fix_401() {
	start NOTION_TOKEN="$token_revoked" -- notion-tui --base-url "$base_url"
	wait_for "How to fix it"
	shot 04-fix-401 "notion-tui — guided fix: 401 unauthorized"
}

# fix_404 opens Customer Contracts, a database the sandbox keeps unshared,
# by its link (: on any screen).
fix_404() {
	local id=8a13bf4d-c189-4370-99b4-76ace6bbd98a
	start NOTION_TOKEN="$token_full" -- notion-tui --base-url "$base_url"
	wait_for "Reading List" 15
	keys :
	wait_for "Jump to"
	paste "https://www.notion.so/acme/Customer-Contracts-${id//-/}?v=0123456789abcdef0123456789abcdef"
	wait_for "Open https://www.notion.so/"
	keys Enter
	wait_for "How to fix it"
	shot 05-fix-404 "notion-tui — guided fix: 404 not shared"
}

fix_403() {
	start NOTION_TOKEN="$token_read_only" -- notion-tui --base-url "$base_url"
	open_database "Reading List"
	keys n
	wait_for "How to fix it"
	shot 06-fix-403 "notion-tui — guided fix: 403 missing capability"
}

# open_database TITLE: from the databases list, opens TITLE.
open_database() {
	wait_for "Reading List" 15
	keys /
	wait_for "type part of a title"
	type_text "$1"
	keys Enter
	wait_gone "type part of a title"
	keys Enter
	wait_for "rows · all loaded"
}

explorer() {
	start -- notion-tui --demo
	wait_for "Reading List" 15
	keys Tab Tab
	wait_for "7 people and 4 bots"
	shot 07-users "notion-tui — users"
	keys Tab
	wait_for "data sources shared with the connection"
	shot 08-databases "notion-tui — databases"

	open_database "Reading List"
	keys /
	wait_for "filter ›"
	type_text "Status = Finished and Pages >= 300"
	wait_for "✓ valid"
	keys Enter
	wait_for "22 rows · all loaded"
	keys s a
	wait_for "type to narrow"
	type_text Pages
	keys Enter Space Enter
	wait_for "sort Pages ↓"
	shot 09-database-filter "notion-tui — Reading List, filtered and sorted"

	keys j j j Enter
	wait_for "Takeaways"
	shot 10-page-preview "notion-tui — page preview"
	keys Escape
	wait_for "sort Pages ↓"

	keys '?'
	wait_for "press any key to close"
	shot 11-help "notion-tui — keys of the database view"
	keys Escape
	wait_gone "press any key to close"

	keys L
	wait_for "requests this session"
	shot 12-request-log "notion-tui — request log"
	keys Escape
	wait_gone "requests this session"

	keys n
	wait_for "Create page"
	type_text "Thinking in Go"
	keys Tab
	type_text "Alan A. A. Donovan"
	keys Tab Enter Down Down Enter Tab
	type_text 320
	keys Tab Tab Enter Enter
	wait_for "[x] ● go"
	wait_for "draft saved"
	shot 13-create-page "notion-tui — new page form"
}

# views opens the demo's view link of Tasks from the home screen (:), its
# view picker, and the board.
views() {
	start -- notion-tui --demo
	wait_for "Reading List" 15
	keys :
	wait_for "Jump to"
	paste "https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8"
	wait_for "Open https://www.notion.so/"
	keys Enter
	wait_for "view Open work"
	wait_for "rows · all loaded"
	keys v
	wait_for "by Status"
	shot 15-views "notion-tui — the views of Tasks"
	keys Down Enter
	wait_for "card 1 of"
	keys l j
	wait_for "card 2 of"
	shot 16-board "notion-tui — Tasks as a board"
}

# browse opens Tasks with its related projects drawn by title, edits a
# cell in place, and opens the jump box.
browse() {
	start -- notion-tui --demo
	open_database "Tasks"
	keys Right Right Right Right Right Right Right
	wait_for "Data Warehouse Migration"
	shot 17-relations "notion-tui — Tasks, related projects by title"
	keys Left e
	wait_for "Edit Estimate"
	keys C-u
	type_text 6
	shot 18-edit "notion-tui — editing a cell in place"
	keys Escape
	wait_gone "Edit Estimate"
	keys :
	wait_for "Jump to"
	type_text "platform"
	wait_for "Platform Reliability"
	shot 19-jump "notion-tui — the jump box"
}

narrow() {
	start -s 80x24 -- notion-tui --demo
	open_database "Tasks"
	shot 14-database-80x24 "notion-tui — Tasks at 80×24"
}

main() {
	command -v tmux >/dev/null || die "tmux is not installed (apt-get install tmux)"
	build
	fonts
	sandbox
	token_full=$(sed -n 's/^export NOTION_TOKEN=//p' "$work/sandbox.out")
	token_revoked=$(scenario_token revoked)
	token_read_only=$(scenario_token read_only)
	mkdir -p "$out"
	echo "rendering into $out"
	if (($# > 0)); then
		# Only the named groups of shots: scripts/screenshots.sh views
		local f
		for f in "$@"; do
			"$f"
		done
		return
	fi
	wizard
	fix_401
	fix_404
	fix_403
	explorer
	views
	browse
	narrow
}

main "$@"
