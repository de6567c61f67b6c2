#!/bin/sh
# rules_readme.sh - the rule format's documentation is tested: every block of
# rules/README.md fenced as ```rules is a rule file; together they must pass
# `rules check --strict` and `rules test`.
# Usage: rules_readme.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '/^```rules[ \t]*$/ { n++; on = 1; next } /^```/ { on = 0; next }
    on { print > (dir "/" sprintf("%02d", n) "-readme.rules") }' "$src/rules/README.md"
count=$(ls "$tmp" | wc -l)
if [ "$count" -eq 0 ]; then echo "FAIL: no \`\`\`rules block in rules/README.md"; exit 1; fi
"$bin" rules check --strict "$tmp" || { echo "FAIL: rules check on the README's examples"; exit 1; }
"$bin" rules test "$tmp" || { echo "FAIL: rules test on the README's examples"; exit 1; }
