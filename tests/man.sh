#!/bin/sh
# man.sh - the manual pages render without a warning, and the rule set of
# trainable-rules(5)'s EXAMPLE passes `rules check --strict` and `rules test`.
# Usage: man.sh TRAINABLE SOURCE_DIR. Exit 77 (skipped) without groff.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"

if ! command -v groff >/dev/null 2>&1; then
    echo "SKIP: groff is not installed (Debian: groff-base; scripts/setup.sh --dev installs it)"
    exit 77
fi
for page in "$src/man/trainable.1" "$src/man/trainable-rules.5"; do
    name=$(basename "$page")
    # -ww: every warning; -z: no output, only the diagnostics
    if groff -man -Tutf8 -ww -z "$page" > "$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then ok
    else fail "$name: groff warns"; sed 's/^/    /' "$tmp/groff"; fi
    if command -v man >/dev/null 2>&1; then
        # man --warnings also runs the preprocessors and checks line breaking at 80 columns
        MANWIDTH=80 man --warnings -l "$page" > "$tmp/page.txt" 2> "$tmp/man"
        if [ -s "$tmp/man" ]; then fail "$name: man --warnings"; sed 's/^/    /' "$tmp/man"; else ok; fi
        if [ -s "$tmp/page.txt" ]; then ok; else fail "$name: renders empty"; fi
    else
        echo "note: man-db is not installed: man --warnings not run (groff checked the pages)"
    fi
done

# The example of trainable-rules(5), rendered, is a rule set that loads and
# whose examples pass.
mkdir -p "$tmp/ex"
groff -man -Tutf8 -P-cbou "$src/man/trainable-rules.5" 2>/dev/null |
    awk '/^EXAMPLE/ { on = 1; next } /^[A-Z]/ { on = 0 } on' | sed 's/^       //' > "$tmp/ex/10.rules"
contains "$tmp/ex/10.rules" "rule fb.album.other" "trainable-rules(5) has its example"
expect 0 "trainable-rules(5) example: rules check --strict" -- "$bin" rules check --strict "$tmp/ex"
expect 0 "trainable-rules(5) example: rules test" -- "$bin" rules test "$tmp/ex"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
