#!/bin/sh
# schema.sh - `trainable schema` on every sample: structure only. No text,
# name or e-mail address of the sample may appear in it, and the files no
# rule knows are marked unmatched, as in the scan's report.
# Usage: schema.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0 checked=0

for zip in "$src"/samples/*.zip; do
    name=$(basename "$zip")
    "$bin" schema "$zip" > "$tmp/schema.json" 2> "$tmp/err"
    code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then
        echo "FAIL: $name: schema exit $code"; cat "$tmp/err"; fails=$((fails + 1)); continue
    fi
    # every item text of the sample (private ones too), one per line
    "$bin" scan --format json --items --show-private-text "$zip" > "$tmp/report.json" 2>/dev/null
    grep '"text": ' "$tmp/report.json" | sed 's/^ *"text": "//; s/",\{0,1\}$//' |
        awk -F'\\\\n' '{ for (i = 1; i <= NF; i++) if (length($i) >= 6) print $i }' | sort -u > "$tmp/texts"
    # and the account's e-mail address
    "$bin" scan --show-email "$zip" 2>/dev/null | sed -n 's/^  E-mail address: *//p' >> "$tmp/texts"
    leaked=0
    while IFS= read -r t; do
        if grep -qF -- "$t" "$tmp/schema.json"; then
            echo "FAIL: $name: schema shows a value from the export: $t"; leaked=1
        fi
    done < "$tmp/texts"
    checked=$((checked + $(wc -l < "$tmp/texts")))
    if [ "$leaked" -eq 0 ]; then passes=$((passes + 1)); else fails=$((fails + 1)); fi
    # each unmatched file of the scan is marked unmatched in the schema
    sed -n '/"unmatched": \[/,/^  \]/s/^ *"path": "\(.*\)",\{0,1\}$/\1/p' "$tmp/report.json" > "$tmp/unmatched"
    while IFS= read -r p; do
        # the member object holding this path, up to its closing brace
        if awk -v want="\"path\": \"$p\"" 'index($0, want) { on = 1 } on && /"unmatched": true/ { hit = 1 }
                on && /^    }/ { exit } END { exit !hit }' "$tmp/schema.json"; then
            passes=$((passes + 1))
        else
            echo "FAIL: $name: unmatched $p is not marked in the schema"; fails=$((fails + 1))
        fi
    done < "$tmp/unmatched"
done
# the check must have had values to look for
if [ "$checked" -ge 100 ]; then passes=$((passes + 1)); else echo "FAIL: only $checked values checked"; fails=$((fails + 1)); fi
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
