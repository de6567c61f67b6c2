#!/bin/sh
# golden.sh - run one golden case: trainable on a sample, compared with the
# report the sample generator counted (tests/golden/CASES).
# Usage: golden.sh TRAINABLE JSONCMP SOURCE_DIR EXPECTED_EXIT EXPECTED_JSON ARGS...
set -u
bin=$1 cmp=$2 src=$3 want_exit=$4 expected=$5
shift 5
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
cd "$src" || exit 2
"$bin" scan "$@" > "$out"
got=$?
if [ "$got" -ne "$want_exit" ]; then
    echo "exit code $got, expected $want_exit"
    cat "$out"
    exit 1
fi
"$cmp" "$expected" "$out"
