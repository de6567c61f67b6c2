#!/bin/sh
# valgrind.sh - no leak and no invalid memory access on any sample: every
# samples/*.zip is scanned under valgrind (memcheck, --leak-check=full) with
# every item and text in the JSON report and two threads, the two-part
# sample as one export, and one cut-off sample. Any error or definite,
# indirect or possible leak makes valgrind exit 99 (add --track-origins=yes
# by hand to see where an uninitialised value comes from). Skipped (77) without
# valgrind; not registered in the sanitizer builds (valgrind and ASan do
# not mix).
# Usage: valgrind.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0

vg() { # NAME WANT_EXIT -- scan arguments...
    name=$1 want=$2
    shift 3
    valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --log-file="$tmp/vg.log" \
        "$bin" scan --format json --items --show-private-text --threads 2 "$@" > /dev/null 2> "$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ] && [ ! -s "$tmp/vg.log" ]; then
        passes=$((passes + 1))
    else
        echo "FAIL: $name: exit $got, expected $want"
        sed 's/^/    /' "$tmp/vg.log" "$tmp/err" | head -60
        fails=$((fails + 1))
    fi
}

for z in "$src"/samples/*.zip; do
    want=0
    case $z in *Br0k3n*|*-part2.zip) want=5 ;; esac  # part 2 alone: part 1 is missing
    vg "$(basename "$z")" $want -- "$z"
done
vg "two parts" 0 -- "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part1.zip" \
    "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part2.zip"
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
head -c $(($(wc -c < "$fb") / 2)) "$fb" > "$tmp/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
vg "cut-off zip" 5 -- "$tmp/facebook-jdoe-2025-06-01-Ab12Cd34.zip"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
