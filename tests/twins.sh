#!/bin/sh
# twins.sh - the JSON and the HTML export of one account must give the same
# answers (tests/golden/TWINS, written by scripts/make-samples): both are
# scanned with --items and compared by twincmp (what it compares and what it
# leaves out: tests/twincmp.c). The e-mail address read must be the same
# too: the text report with --show-email minus the one without it leaves
# the address, whatever the wording around it.
# Usage: twins.sh TRAINABLE TWINCMP SOURCE_DIR JSON_EXPORT HTML_EXPORT
set -u
bin=$1 cmp=$2 src=$3 json=$4 html=$5
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
cd "$src" || exit 2
for f in json html; do
    eval "input=\$$f"
    "$bin" scan --format json --items "$input" > "$dir/$f.json"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "scan of $input: exit code $rc, expected 0"
        exit 1
    fi
done
grep -q '"format": "html"' "$dir/html.json" || { echo "$html: not reported as an HTML export"; exit 1; }
grep -q '"format": "json"' "$dir/json.json" || { echo "$json: not reported as a JSON export"; exit 1; }
"$cmp" "$dir/json.json" "$dir/html.json" || exit 1
for f in json html; do
    eval "input=\$$f"
    "$bin" scan --lang en "$input" > "$dir/$f.txt" 2>/dev/null
    "$bin" scan --lang en --show-email "$input" > "$dir/$f.email.txt" 2>/dev/null
    diff "$dir/$f.txt" "$dir/$f.email.txt" | sed -n 's/^> //p' | tr ' ' '\n' | grep '@' > "$dir/$f.email"
done
if grep -q '"email": true' "$dir/json.json" && ! [ -s "$dir/json.email" ]; then
    echo "$json: --show-email shows no e-mail address"
    exit 1
fi
if ! cmp -s "$dir/json.email" "$dir/html.email"; then
    echo "e-mail address: JSON export '$(tr '\n' ' ' < "$dir/json.email")', HTML export '$(tr '\n' ' ' < "$dir/html.email")'"
    exit 1
fi
