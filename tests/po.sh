#!/bin/sh
# po.sh - the message catalogs are complete and current: po/trainable.pot
# holds exactly the messages marked in src/ (scripts/update-po --check); every
# po/<lang>.po covers it, with no untranslated, fuzzy or obsolete message, the
# plural rule of its language, and compiles with msgfmt's format checks.
# Skipped (exit 77) without gettext's tools.
# Usage: po.sh SOURCE_DIR
set -u
src=$1
for tool in xgettext msgattrib msgcmp msgfmt msgmerge; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "SKIP: $tool not found (Debian: gettext; scripts/setup.sh installs it)"
        exit 77
    fi
done
cd "$src" || exit 2
fails=0 passes=0
ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if scripts/update-po --check; then ok; else fail "po/trainable.pot is not current (run scripts/update-po)"; fi
n=0
for lang in fr de es it nl pt; do
    po=po/$lang.po
    if [ ! -f "$po" ]; then fail "$po is missing"; continue; fi
    n=$((n + 1))
    if msgcmp "$po" po/trainable.pot 2> /tmp/po.$$; then ok; else fail "$po does not cover the .pot"; head -5 /tmp/po.$$; fi
    u=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
    # the header entry counts as one untranslated-looking msgid "" only when empty
    if [ "$u" -eq 0 ]; then ok; else fail "$po: $u untranslated messages"; msgattrib --untranslated "$po" | head -20; fi
    f=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
    if [ "$f" -eq 0 ]; then ok; else fail "$po: $f fuzzy messages"; msgattrib --only-fuzzy "$po" | head -20; fi
    o=$(msgattrib --only-obsolete "$po" | grep -c '^#~ msgid ' || true)
    if [ "$o" -eq 0 ]; then ok; else fail "$po: $o obsolete messages"; fi
    if msgfmt --check --statistics -o /dev/null "$po" 2> /tmp/po.$$; then ok; else fail "$po: msgfmt --check"; cat /tmp/po.$$; fi
    if grep -q "untranslated\|fuzzy" /tmp/po.$$; then fail "$po: $(cat /tmp/po.$$)"; else ok; fi
    case $lang in
    fr) want='nplurals=2; plural=(n > 1);' ;;
    *) want='nplurals=2; plural=(n != 1);' ;;
    esac
    # the plural rule src/report/i18n.c implements for this language
    if grep -qF "\"Plural-Forms: $want\\n\"" "$po"; then ok; else fail "$po: Plural-Forms is not '$want'"; fi
    if grep -qF "\"Language: $lang\\n\"" "$po"; then ok; else fail "$po: Language is not $lang"; fi
done
rm -f /tmp/po.$$
[ "$(ls po/*.po | wc -l)" -eq "$n" ] && ok || fail "po/ holds a catalog that is not built (CMakeLists.txt TR_LANGS)"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
