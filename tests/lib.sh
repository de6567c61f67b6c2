# lib.sh - helpers shared by the shell tests. Source it after setting $tmp;
# it counts into $passes and $fails.
#   expect CODE DESCRIPTION -- command...   run, check the exit code (stdout
#                                           in $tmp/out, stderr in $tmp/err)
#   contains FILE TEXT DESCRIPTION          FILE holds TEXT
passes=0 fails=0
# messages in English, whatever the machine's locale (tests/i18n.sh covers the others)
unset LANGUAGE LC_ALL LC_MESSAGES LANG

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

expect() {
    want=$1 what=$2
    shift 3
    "$@" > "$tmp/out" 2> "$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, expected $want"; sed 's/^/    /' "$tmp/err"; fi
}

contains() {
    if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in output"; sed 's/^/    /' "$1" | head -40; fi
}
