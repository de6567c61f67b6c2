#!/bin/sh
# real_paths.sh - every member path that the layout notes name
# (tests/data/real-paths.txt) is claimed by a rule: each group is written as
# one export of empty but valid files ({} for JSON, an empty page for HTML,
# a few bytes for media and other files), scanned, and the scan must list no
# unmatched file and no error.
# Usage: real_paths.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
list="$src/tests/data/real-paths.txt"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 groups=0

groups_in() { grep -v '^[[:space:]]*#' "$list" | awk 'NF == 2 { print $1 }' | sort -u; }

for g in $(groups_in); do
    groups=$((groups + 1))
    root="$tmp/$g"
    grep -v '^[[:space:]]*#' "$list" | awk -v g="$g" 'NF == 2 && $1 == g { print $2 }' |
    while IFS= read -r p; do
        mkdir -p "$root/$(dirname "$p")"
        case "$p" in
        *.json) printf '{}' > "$root/$p" ;;
        *.html|*.htm) printf '<html><head><title>x</title></head><body></body></html>' > "$root/$p" ;;
        *) printf 'xxxx' > "$root/$p" ;;
        esac
    done
    "$bin" scan --format json "$root" > "$tmp/$g.json" 2> "$tmp/$g.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "FAIL: $g: exit $rc"
        cat "$tmp/$g.err"
        fails=$((fails + 1))
    fi
    # the unmatched list, one path per line
    un=$(tr -d '\n' < "$tmp/$g.json" | sed -n 's/.*"unmatched": *\[\([^]]*\)\].*/\1/p')
    if [ -n "$(printf '%s' "$un" | tr -d ' ')" ]; then
        echo "FAIL: $g: unmatched files:"
        printf '%s\n' "$un" | tr '{' '\n' | sed -n 's/.*"path": *"\([^"]*\)".*/    \1/p'
        fails=$((fails + 1))
    fi
done
if [ "$groups" -eq 0 ]; then
    echo "FAIL: no path list in $list"
    exit 1
fi
echo "$groups groups, $fails failed"
[ "$fails" -eq 0 ]
