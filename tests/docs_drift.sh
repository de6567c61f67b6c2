#!/bin/sh
# docs_drift.sh - the manual page, the completions and --help know every
# command, option and value the command accepts, so that an option added to
# the code without its documentation fails here.
#   - long options: every entry of a getopt_long table in src/cli/*.c, and
#     every other "--option" string of the code (rules check --strict, options
#     read by hand);
#   - commands: every word the code compares argv[0] or argv[1] with;
#   - values of --format, --region and --lang: asked of the command itself
#     (the usage error lists them).
# Usage: docs_drift.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"

# The documents, with roff's \- made plain.
sed 's/\\-/-/g; s/\\(aq/'"'"'/g' "$src/man/trainable.1" > "$tmp/man"
cp "$src/completions/trainable.bash" "$tmp/bash"
cp "$src/completions/_trainable" "$tmp/zsh"
cp "$src/completions/trainable.fish" "$tmp/fish"
"$bin" --help > "$tmp/help"

# has FILE WORD: WORD appears as a whole word (letters, digits, '-', '_' around it end it)
has() { grep -Eq -- "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)" "$1"; }

cat "$src"/src/cli/*.c > "$tmp/code"
sed -n 's/.*{"\([a-z][a-z0-9-]*\)", *\(no\|required\|optional\)_argument.*/\1/p' "$tmp/code" | sort -u > "$tmp/longopts"
grep -o '"--[a-z][a-z0-9-]*"' "$tmp/code" | sed 's/"--\([a-z0-9-]*\)"/\1/' >> "$tmp/longopts"
sort -u -o "$tmp/longopts" "$tmp/longopts"
grep -o 'strcmp(argv\[[01]\], *"[a-z][a-z-]*")' "$tmp/code" | sed 's/.*"\([a-z-]*\)")/\1/' | sort -u > "$tmp/commands"

n=$(wc -l < "$tmp/longopts")
if [ "$n" -ge 20 ]; then ok; else fail "only $n long options found in src/cli/*.c: has the option table moved?"; fi
if grep -qx rules "$tmp/commands" && grep -qx check "$tmp/commands"; then ok
else fail "commands not found in src/cli/*.c: $(tr '\n' ' ' < "$tmp/commands")"; fi

while read -r opt; do
    has "$tmp/man" "--$opt" && ok || fail "--$opt is accepted but not in man/trainable.1"
    has "$tmp/bash" "--$opt" && ok || fail "--$opt is accepted but not in completions/trainable.bash"
    has "$tmp/zsh" "--$opt" && ok || fail "--$opt is accepted but not in completions/_trainable"
    grep -Eq -- "-l $opt( |\$)" "$tmp/fish" && ok || fail "--$opt is accepted but not in completions/trainable.fish"
    has "$tmp/help" "--$opt" && ok || fail "--$opt is accepted but not in --help"
done < "$tmp/longopts"

while read -r cmd; do
    has "$tmp/man" "$cmd" && ok || fail "command '$cmd' is not in man/trainable.1"
    has "$tmp/bash" "$cmd" && ok || fail "command '$cmd' is not in completions/trainable.bash"
    has "$tmp/zsh" "$cmd" && ok || fail "command '$cmd' is not in completions/_trainable"
    has "$tmp/fish" "$cmd" && ok || fail "command '$cmd' is not in completions/trainable.fish"
    has "$tmp/help" "$cmd" && ok || fail "command '$cmd' is not in --help"
done < "$tmp/commands"

# The values an option accepts, from the command's own usage error: its first
# list of words ("eu, uk, ch, br, us or other", "text, json, jsonl, csv or html").
values() {
    LANGUAGE= LC_ALL=C "$bin" "$@" "$tmp/none.zip" 2>&1 >/dev/null | head -2 |
        grep -oE '[a-z]+(, [a-z]+)+(,? or [a-z]+)?' | head -1 | sed 's/,//g; s/ or / /g' | tr ' ' '\n' | grep .
}
for opt in format region lang; do
    values scan "--$opt" zz > "$tmp/values"
    n=$(wc -l < "$tmp/values")
    if [ "$n" -ge 3 ]; then ok; else fail "--$opt: could not read its values from the usage error"; continue; fi
    while read -r v; do
        has "$tmp/man" "$v" && ok || fail "--$opt $v is accepted but not in man/trainable.1"
        has "$tmp/bash" "$v" && ok || fail "--$opt $v is accepted but not in completions/trainable.bash"
        has "$tmp/zsh" "$v" && ok || fail "--$opt $v is accepted but not in completions/_trainable"
        has "$tmp/fish" "$v" && ok || fail "--$opt $v is accepted but not in completions/trainable.fish"
        has "$tmp/help" "$v" && ok || fail "--$opt $v is accepted but not in --help"
    done < "$tmp/values"
done

# docs/facts.md has a section for every region and the address of every form
# that the objection helper prints, so that each can be checked there.
values scan --region zz > "$tmp/regions"
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
while read -r region; do
    grep -q -- "\`--region $region\`" "$src/docs/facts.md" && ok ||
        fail "docs/facts.md has no section for --region $region"
    "$bin" objection --region "$region" "$fb" > "$tmp/objection" 2>/dev/null
    grep -o 'https://[^ )]*' "$tmp/objection" | sed 's/[.,;]$//' | sort -u > "$tmp/urls"
    while read -r url; do
        grep -qF -- "$url" "$src/docs/facts.md" && ok ||
            fail "objection --region $region prints $url, which docs/facts.md does not list"
    done < "$tmp/urls"
    grep -qF "docs/facts.md" "$tmp/objection" && ok || fail "objection --region $region does not name docs/facts.md"
done < "$tmp/regions"

# Every environment variable the code reads is in the manual page's ENVIRONMENT.
cat "$src"/src/*/*.c | grep -o 'getenv("[A-Z_][A-Z0-9_]*")' | sed 's/getenv("\(.*\)")/\1/' | sort -u > "$tmp/env"
sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$src/man/trainable.1" > "$tmp/man-env"
while read -r var; do
    grep -Eq "^\.B $var\$|^\.BR? $var( |\$)" "$tmp/man-env" && ok ||
        fail "the code reads \$$var, which man/trainable.1's ENVIRONMENT does not describe"
done < "$tmp/env"

# The exit codes of the manual page are those of --help.
for code in 0 1 2 3 4 5 130; do
    grep -Eq "^\\.B $code\$" "$tmp/man" && ok || fail "exit code $code is not in man/trainable.1's EXIT STATUS"
    has "$tmp/help" "$code" && ok || fail "exit code $code is not in --help"
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
