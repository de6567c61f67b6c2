#!/bin/sh
# cli_hostile.sh - hostile input through the command line: -o writes
# atomically (a failed run leaves an existing report untouched and no
# temporary file), terminal output never carries control characters from
# file or member names, the limit options, and cut-off zips end with exit
# 4 or 5 and a message, never a signal or a hang.
# Usage: cli_hostile.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
broken="$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"
esc=$(printf '\033')
to=""
command -v timeout >/dev/null 2>&1 && to="timeout 60"

. "$src/tests/lib.sh"
no_temp() { # DIR DESCRIPTION
    if ls -a "$1" | grep -q 'tmp-'; then fail "$2: temporary file left behind: $(ls -a "$1" | grep 'tmp-')"; else ok; fi
}
unchanged() { # DESCRIPTION
    if cmp -s "$tmp/o/report.json" "$tmp/good.json"; then ok; else fail "$1: report.json was changed"; fi
}
clean() { # FILE DESCRIPTION: no ESC, BEL or other C0 control but tab/newline
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; then
        fail "$2: control characters in terminal output"; od -c "$1" | head -5
    else ok; fi
}

# ---- -o is atomic --------------------------------------------------------------
mkdir -p "$tmp/o"
printf '{"the": "previous report"}\n' > "$tmp/good.json"
cp "$tmp/good.json" "$tmp/o/report.json"
printf 'not a zip' > "$tmp/fake.zip"
expect 4 "-o with an input that is not a zip" -- "$bin" scan --format json -o "$tmp/o/report.json" "$tmp/fake.zip"
unchanged "exit 4"
no_temp "$tmp/o" "exit 4"
expect 4 "-o with a missing input" -- "$bin" scan --format json -o "$tmp/o/report.json" "$tmp/none.zip"
unchanged "missing input"
mkdir -p "$tmp/badrules" && printf 'rule x\n  platform nowhere\n' > "$tmp/badrules/1.rules"
expect 3 "-o with invalid rules" -- "$bin" scan --rules "$tmp/badrules" -o "$tmp/o/report.json" "$fb"
unchanged "exit 3"
expect 2 "-o with a usage error" -- "$bin" scan --max-depth x -o "$tmp/o/report.json" "$fb"
unchanged "exit 2"
no_temp "$tmp/o" "usage, rules and input errors"
# -o naming an input would replace the export with its report: refused
cp "$fb" "$tmp/o/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
expect 2 "-o onto an input" -- "$bin" scan -o "$tmp/o/facebook-jdoe-2025-06-01-Ab12Cd34.zip" "$tmp/o/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
if cmp -s "$fb" "$tmp/o/facebook-jdoe-2025-06-01-Ab12Cd34.zip"; then ok; else fail "-o onto an input: the input was replaced"; fi
rm -f "$tmp/o/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
# a write that fails half-way (file size limit): exit 1, old report kept
expect 1 "-o when the write fails" -- sh -c 'trap "" XFSZ; ulimit -f 1; exec "$@"' sh \
    "$bin" scan --format json --items -o "$tmp/o/report.json" "$fb"
unchanged "failed write"
no_temp "$tmp/o" "failed write"
# incomplete (5): the report is written, it says so
expect 5 "-o with an incomplete scan" -- "$bin" scan --format json -o "$tmp/o/report.json" "$broken"
contains "$tmp/o/report.json" '"complete": false' "incomplete report written"
no_temp "$tmp/o" "exit 5"
expect 0 "-o with a complete scan" -- "$bin" scan --format json -o "$tmp/o/report.json" "$fb"
contains "$tmp/o/report.json" '"complete": true' "complete report written"
no_temp "$tmp/o" "exit 0"

# ---- terminal output carries no control characters --------------------------------
evil="$tmp/evil$esc[2J$esc]0;pwned$(printf '\007')-2025-01-01.zip"
printf 'not a zip' > "$evil"
expect 4 "input named with escape sequences" -- "$bin" scan "$evil"
clean "$tmp/err" "error message naming the input"
contains "$tmp/err" '\e[2J' "escape shown as text"
if command -v bsdtar >/dev/null 2>&1; then
    d="$tmp/evilzip/your_facebook_activity"
    mkdir -p "$d/posts" && printf '[]' > "$d/posts/your_posts__check_ins__photos_and_videos_1.json"
    printf '[]' > "$d/x$esc[31mred$(printf '\007\033')]0;title.json"
    (cd "$tmp/evilzip" && bsdtar -a -cf ../facebook-evil-2025-01-01-Ab12Cd34.zip your_facebook_activity)
    expect 0 "member named with escape sequences" -- "$bin" scan "$tmp/facebook-evil-2025-01-01-Ab12Cd34.zip"
    clean "$tmp/out" "text summary"
    contains "$tmp/out" '\e[31mred' "member name shown as text"
    expect 0 "same, JSON report" -- "$bin" scan --format json "$tmp/facebook-evil-2025-01-01-Ab12Cd34.zip"
    contains "$tmp/out" 'u001' "escape escaped in JSON"
fi
printf 'rule x$esc[2J\n  platform facebook\n  frobnicate 1\n' > "$tmp/badrules/1.rules"
expect 3 "rule file with escape sequences" -- "$bin" rules check "$tmp/badrules"
clean "$tmp/err" "rule diagnostics"

# ---- limit options ------------------------------------------------------------------
expect 2 "--max-string-bytes 0" -- "$bin" scan --max-string-bytes 0 "$fb"
expect 2 "--max-ratio not a number" -- "$bin" scan --max-ratio many "$fb"
expect 0 "--max-ratio 0 (off)" -- "$bin" scan --max-ratio 0 "$fb"
expect 5 "--max-string-bytes hit" -- "$bin" scan --format json --max-string-bytes 8 "$fb"
contains "$tmp/out" "(--max-string-bytes)" "string limit named"
expect 5 "--max-depth hit" -- "$bin" scan --format json --max-depth 1 "$fb"
contains "$tmp/out" "(--max-depth)" "depth limit named"
# over the entry limit before any layout marker: exit 4, and the message says why
expect 4 "--max-entries hit early" -- "$bin" scan --format json --max-entries 40 "$fb"
contains "$tmp/err" "(--max-entries)" "entry limit named in the fatal error"
if command -v bsdtar >/dev/null 2>&1; then
    n=$(bsdtar -tf "$fb" | wc -l)
    expect 5 "--max-entries hit late" -- "$bin" scan --format json --max-entries $((n - 1)) "$fb"
    contains "$tmp/out" "(--max-entries)" "entry limit named"
fi
expect 5 "--max-total-bytes hit" -- "$bin" scan --format json --max-total-bytes 5000 "$fb"
contains "$tmp/out" "(--max-total-bytes)" "total limit named"

# ---- cut-off zips: exit 4 or 5 with a message, never a signal or a hang -------------------
size=$(wc -c < "$fb")
for cut in 1 22 100 1000 $((size / 3)) $((size / 2)) $((size - 2000)) $((size - 100)) $((size - 22)) $((size - 1)); do
    head -c "$cut" "$fb" > "$tmp/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
    $to "$bin" scan "$tmp/facebook-jdoe-2025-06-01-Ab12Cd34.zip" > "$tmp/out" 2> "$tmp/err"
    got=$?
    case $got in
    4 | 5) if [ -s "$tmp/err" ]; then ok; else fail "cut at $cut: exit $got without a message"; fi ;;
    *) fail "cut at $cut of $size: exit $got"; sed 's/^/    /' "$tmp/err" | head -5 ;;
    esac
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
