#!/bin/sh
# i18n.sh - the reader's language: golden reports and objection texts in
# French and German (tests/golden/i18n/, compared byte for byte), the
# language from --lang and from the environment where no locale is
# installed, translated --help and errors, <html lang>, and the facts of
# each region: --region names, the date the facts were checked and their
# staleness, the split at --objected-on.
# Usage: i18n.sh TRAINABLE SOURCE_DIR
#        UPDATE_GOLDEN=1 i18n.sh ...   rewrite the golden files (then read the diff!)
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"
unset LANGUAGE LC_ALL LC_MESSAGES LANG
# the facts were checked on a known day: reports are reproducible before the
# 12 months are over
export TRAINABLE_TODAY=2026-12-15
export COLUMNS=80 # the text wraps at the terminal width
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
gold="$src/tests/golden/i18n"

# the reports wrap their lines: look for TEXT in FILE with its lines joined
flat() { tr '\n' ' ' < "$1" | tr -s ' '; }
contains() {
    if flat "$1" | grep -qF -- "$2"; then ok; else fail "$3: '$2' not in output"; sed 's/^/    /' "$1" | head -20; fi
}
lacks() { if flat "$1" | grep -qF -- "$2"; then fail "$3: '$2' in output"; else ok; fi; }
count() { grep -cF -- "$2" "$1"; }

# golden NAME ARGS...: stdout of trainable ARGS equals tests/golden/i18n/NAME
golden() {
    name=$1
    shift
    "$bin" "$@" > "$tmp/$name" 2> "$tmp/err"
    if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$tmp/$name" "$gold/$name"; ok; return; fi
    if cmp -s "$tmp/$name" "$gold/$name"; then ok
    else fail "golden $name differs (UPDATE_GOLDEN=1 rewrites it)"; diff -u "$gold/$name" "$tmp/$name" | head -30; fi
}

# ---- golden texts ----------------------------------------------------------------------
golden objection-eu.fr.txt objection --lang fr --region eu "$fb"
golden objection-ch.de.txt objection --lang de --region ch "$fb"
golden objection-br.pt.txt objection --lang pt --region br "$fb"
golden objection-ch.fr.txt objection --lang fr --region ch --objected-on 2025-05-30 "$fb"
golden objection-kr.de.txt objection --lang de --region kr --objected-on 2025-05-30 "$fb"
golden scan.fr.txt scan --lang fr "$fb"
golden scan.de.txt scan --lang de --region ch --items "$fb"
golden scan-instagram.fr.txt scan --lang fr --region fr "$src/samples/instagram-meilin-2025-09-01-Hq8Rt3Zx.zip"
golden scan-broken.de.txt scan --lang de "$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"

golden scan-items.fr.html scan --lang fr --format html --items "$src/samples/facebook-inesmoreau-2025-07-15-Mx3Js8Ht.zip"
golden scan-two.de.html scan --lang de --format html "$src/samples/instagram-meilin-2025-09-01-Hq8Rt3Zx.zip" \
    "$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"

# ---- no English left: every language, text and HTML, on exports that show most sentences -----
if command -v python3 > /dev/null 2>&1; then
    for lang in fr de es it nl pt; do
        n=0
        for args in "--items $src/samples/facebook-inesmoreau-2025-07-15-Mx3Js8Ht.zip" \
            "--items --region eu --objected-on 2025-05-30 $src/samples/instagram-meilin-2025-09-01-Hq8Rt3Zx.zip" \
            "--items $src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip $src/samples/instagram-tomasibarra-2024-05-10-Qw34Er56.zip" \
            "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part2.zip" \
            "--items --assume-public --birth-date 2010-01-01 $src/samples/noorhaddad_20220820.zip"; do
            n=$((n + 1))
            # shellcheck disable=SC2086 # the arguments are words
            "$bin" scan --lang "$lang" $args > "$tmp/leak-$lang-$n.txt" 2> /dev/null
            # shellcheck disable=SC2086
            "$bin" scan --lang "$lang" --format html $args > "$tmp/leak-$lang-$n.html" 2> /dev/null
        done
        if python3 "$src/tests/i18n_leak.py" "$src/po/$lang.po" "$tmp"/leak-"$lang"-*.txt "$tmp"/leak-"$lang"-*.html \
            > "$tmp/leaks"; then ok
        else fail "English left in the $lang reports:"; head -20 "$tmp/leaks"; fi
    done
    # the check finds English: an English report is all leaks
    "$bin" scan --items "$src/samples/facebook-inesmoreau-2025-07-15-Mx3Js8Ht.zip" > "$tmp/leak-en.txt"
    if python3 "$src/tests/i18n_leak.py" "$src/po/fr.po" "$tmp/leak-en.txt" > /dev/null; then
        fail "i18n_leak.py finds no English in an English report"
    else ok; fi
else
    echo "no python3: the check for English left in translated reports is skipped"
fi

# ---- the language: --lang, else the environment (no locale is installed for it) ---------
expect 0 "LANG=fr_FR.UTF-8" -- env LANG=fr_FR.UTF-8 "$bin" objection --region eu "$fb"
contains "$tmp/out" "Ce que vous pouvez faire" "LANG=fr_FR.UTF-8 gives French"
expect 0 "LANG=pt_BR" -- env LANG=pt_BR "$bin" objection --region br "$fb"
contains "$tmp/out" "O que você pode fazer" "LANG=pt_BR gives Portuguese"
expect 0 "LANGUAGE list" -- env LANGUAGE=ja:de:fr LANG=fr_FR.UTF-8 "$bin" objection "$fb"
contains "$tmp/out" "Was Sie tun können" "LANGUAGE's first language of ours wins"
expect 0 "LC_ALL=C" -- env LC_ALL=C LANG=fr_FR.UTF-8 "$bin" objection "$fb"
contains "$tmp/out" "What you can do" "LC_ALL=C gives English"
expect 0 "--lang over the environment" -- env LANG=de_DE.UTF-8 "$bin" objection --lang es "$fb"
contains "$tmp/out" "Qué puede hacer" "--lang beats LANG"
expect 0 "--lang=it" -- "$bin" objection --lang=it "$fb"
contains "$tmp/out" "Cosa puoi fare" "--lang=it"
expect 0 "--lang en" -- env LANG=nl_NL.UTF-8 "$bin" objection --lang en "$fb"
contains "$tmp/out" "What you can do" "--lang en beats LANG"
expect 2 "--lang xx" -- "$bin" objection --lang xx "$fb"
contains "$tmp/err" "en, fr, de, es, it, nl or pt" "a bad --lang lists the languages"
expect 0 "help in French" -- "$bin" --help --lang fr
contains "$tmp/out" "Options d’analyse" "--help in French"
nnbsp=$(printf '\342\200\257')
contains "$tmp/out" "536${nnbsp}870${nnbsp}912" "--help numbers the French way"
expect 0 "help from LANG" -- env LANG=de_DE.UTF-8 "$bin" --help
contains "$tmp/out" "Scan-Optionen" "--help in German from LANG"
expect 2 "error in Dutch" -- "$bin" scan --lang nl --format yaml "$fb"
contains "$tmp/err" "onbekend formaat 'yaml'" "a usage error in Dutch"
contains "$tmp/err" "Probeer 'trainable --help'" "the hint in Dutch"
expect 0 "html in German" -- "$bin" scan --format html --lang de "$fb"
contains "$tmp/out" '<html lang="de">' "<html lang> follows --lang"
expect 0 "html in English" -- "$bin" scan --format html "$fb"
contains "$tmp/out" '<html lang="en">' "<html lang> is en by default"
expect 0 "json in French" -- "$bin" scan --format json --lang fr "$fb"
contains "$tmp/out" '"eligible"' "JSON keys stay as the schema defines them"
lacks "$tmp/out" "utilisable" "no translated word in JSON"

# ---- facts per region ----------------------------------------------------------------------
for lang in en fr de es it nl pt; do
    expect 0 "ch in $lang" -- "$bin" objection --lang "$lang" --region ch "$fb"
    case $lang in
    en) art="Art. 30(2)(b) FADP" ;;
    fr) art="art. 30 al. 2 let. b LPD" ;;
    de) art="Art. 30 Abs. 2 lit. b DSG" ;;
    it) art="art. 30 cpv. 2 lett. b LPD" ;;
    es) art="art. 30, apartado 2, letra b), LPD" ;;
    nl) art="art. 30, lid 2, onder b, DSG" ;;
    pt) art="art. 30(2)(b) LPD" ;;
    esac
    contains "$tmp/out" "$art" "Switzerland in $lang cites Art. 30(2)(b)"
    lacks "$tmp/out" "Swiss FADP" "Switzerland in $lang: no bare 'Swiss FADP'"
    expect 0 "eu in $lang" -- "$bin" objection --lang "$lang" --region eu "$fb"
    contains "$tmp/out" "15 UKl 2/25" "EU in $lang: the Cologne ruling"
    contains "$tmp/out" "facebookaiclaim.de" "EU in $lang: SOMI's claim"
    contains "$tmp/out" "AI at Meta >" "EU in $lang: the in-app route"
    expect 0 "br in $lang" -- "$bin" objection --lang "$lang" --region br "$fb"
    contains "$tmp/out" "LGPD" "Brazil in $lang: the LGPD"
    expect 0 "us in $lang" -- "$bin" objection --lang "$lang" --region us "$fb"
    contains "$tmp/out" "2025" "US in $lang"
done
expect 0 "br in pt" -- "$bin" objection --lang pt --region br "$fb"
contains "$tmp/out" "Esse tratamento descumpre a LGPD" "the Brazilian letter alleges non-compliance"
contains "$tmp/out" "16 de dezembro de 2025" "Brazil: chats used for ads since 16 Dec 2025"
expect 0 "br in en" -- "$bin" objection --region br "$fb"
contains "$tmp/out" "does not comply with the LGPD" "the English Brazilian letter alleges non-compliance"
expect 0 "kr" -- "$bin" objection --region kr "$fb"
contains "$tmp/out" "PIPA Art. 37" "South Korea: PIPA Art. 37"
contains "$tmp/out" "16 Apr 2025" "South Korea: the 2025 complaint"
lacks "$tmp/out" "Objection text" "South Korea: no objection text"
for r in us other; do
    expect 0 "$r" -- "$bin" objection --region "$r" "$fb"
    contains "$tmp/out" "16 Dec 2025" "$r: chats with Meta AI for ads since 16 Dec 2025"
done
expect 0 "uk" -- "$bin" objection --region uk "$fb"
contains "$tmp/out" "excludes the UK" "UK: excluded from the ads change"
expect 0 "overview" -- "$bin" objection "$fb"
for r in eu ch uk br kr us other; do contains "$tmp/out" "[$r], facts checked on 2 December 2026" "overview: $r dated"; done
lacks "$tmp/out" "may have changed" "no staleness warning within 12 months"

# ---- staleness: more than 12 months after the newest check ----------------------------------
expect 0 "stale" -- env TRAINABLE_TODAY=2027-12-03 "$bin" objection --region uk "$fb"
contains "$tmp/out" "more than 12 months ago, and may have changed" "stale facts are flagged"
contains "$tmp/out" "ico.org.uk" "stale facts: where to check"
expect 0 "not yet stale" -- env TRAINABLE_TODAY=2027-12-02 "$bin" objection --region uk "$fb"
lacks "$tmp/out" "may have changed" "12 months to the day is not stale"
expect 0 "stale html" -- env TRAINABLE_TODAY=2028-06-01 "$bin" scan --format html --lang de "$fb"
contains "$tmp/out" 'id="facts-stale"' "stale facts in the HTML report"
contains "$tmp/out" "können sich geändert haben" "stale facts in German"
expect 2 "bad TRAINABLE_TODAY" -- env TRAINABLE_TODAY=soon "$bin" objection "$fb"
contains "$tmp/err" "TRAINABLE_TODAY" "a bad TRAINABLE_TODAY is named"

# ---- --region: codes and names of countries, any case ----------------------------------------
for pair in FR:eu fr:eu de:eu germany:eu Germany:eu gb:uk GB:uk ch:ch Schweiz:ch br:br Brazil:br kr:kr \
            "South-Korea:kr" us:us USA:us other:other; do
    name=${pair%%:*} code=${pair##*:}
    expect 0 "--region $name" -- "$bin" objection --region "$name" "$fb"
    "$bin" objection --region "$code" "$fb" > "$tmp/want" 2>/dev/null
    if cmp -s "$tmp/out" "$tmp/want"; then ok; else fail "--region $name is not $code"; fi
done
expect 2 "--region mars" -- "$bin" objection --region mars "$fb"
contains "$tmp/err" "eu, ch, uk, br, kr, us or other" "an unknown region lists the valid values"

# ---- --objected-on ----------------------------------------------------------------------------
for r in us other kr; do
    expect 0 "--objected-on in $r" -- "$bin" objection --region "$r" --objected-on 2025-05-30 "$fb"
    lacks "$tmp/out" "could already have been used" "$r: nothing to split"
    n=$(count "$tmp/out" "nothing to split")
    if [ "$n" -eq 1 ]; then ok; else fail "$r: 'nothing to split' said $n times, not once"; fi
done
expect 0 "--objected-on before 27 May 2025" -- "$bin" objection --region eu --objected-on 2025-05-01 "$fb"
contains "$tmp/out" "none of these items was used" "an early EU objection covers every item"
lacks "$tmp/out" "could already have been used" "never 'could already have been used' beside 'none was used'"
expect 0 "--objected-on after 27 May 2025" -- "$bin" objection --region eu --objected-on 2025-05-30 "$fb"
contains "$tmp/out" "before it, could already have been used" "a later EU objection splits"
expect 0 "--objected-on html us" -- "$bin" scan --format html --region us --objected-on 2025-05-30 "$fb"
lacks "$tmp/out" 'id="split-before"' "HTML: no split table where there is no objection"
expect 2 "--objected-on after the export" -- "$bin" objection --objected-on 2025-06-02 "$fb"
contains "$tmp/err" "after this export's date (2025-06-01)" "an objection after the export is refused"
expect 0 "--objected-on on the export's day" -- "$bin" objection --objected-on 2025-06-01 "$fb"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
