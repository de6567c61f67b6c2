#!/bin/sh
# html_chromium.sh - open the HTML report of the Facebook 2024 sample, and
# one of an export full of markup, in headless Chromium: the page renders,
# loads nothing from the network (Chromium's network log holds no request
# made by the page), creates no element from export text, and its headline
# numbers equal the JSON report's. Then, through Selenium (html_view.py), the
# reports as a person sees them at 1280 px and on a 390 px phone, in English,
# French and German: no horizontal scrolling, nothing fetched, no chart label
# cut off, <html lang> and the section headings in the report's language; and
# printed on A4 and Letter (html_print.py): every section printed, no heading
# alone at the bottom of a page; screenshots
# are kept in $TR_SCREENSHOT_DIR when it is set. Skipped (exit 77) without
# Chromium, and after the first part without python3-selenium and
# chromium-driver (scripts/setup.sh --dev installs them).
# Usage: html_chromium.sh TRAINABLE REPORTCHECK SOURCE_DIR
set -u
bin=$1 chk=$2 src=$3
unset LANGUAGE LC_ALL LC_MESSAGES LANG # English reports, whatever the locale
browser=
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" > /dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "no chromium: skipped"
    exit 77
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0
ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# tally FILE: each "FAIL: ..." line of FILE is a failure; none is one pass
tally() {
    if grep -q '^FAIL' "$1"; then
        fails=$((fails + $(grep -c '^FAIL' "$1")))
        grep '^FAIL' "$1"
    else
        ok
    fi
}

# render NAME HTML: dump the DOM to $tmp/NAME.dom, the network log to $tmp/NAME.net
render() {
    mkdir -p "$tmp/profile-$1"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile-$1" \
        --log-net-log="$tmp/$1.net" --dump-dom "file://$2" > "$tmp/$1.dom" 2> "$tmp/$1.err"
    rc=$?
    if [ "$rc" -ne 0 ] || ! grep -q '</html>' "$tmp/$1.dom"; then
        fail "$1: chromium exit $rc, no document"
        tail -5 "$tmp/$1.err"
        return 1
    fi
    ok
    # A request made by the page (not by the browser itself) carries the
    # page's network isolation key, file://.
    if grep '"network_isolation_key":"file://' "$tmp/$1.net" | grep -v '"url":"file:' | grep -q '"url"'; then
        fail "$1: the page made a network request"
        grep '"network_isolation_key":"file://' "$tmp/$1.net" | grep -o '"url":"[^"]*"' | head -5
    else
        ok
    fi
}

# the Facebook 2024 sample
"$bin" scan --format json --items "$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip" > "$tmp/fb.json" || fail "json report"
"$bin" scan --format html -o "$tmp/fb.html" "$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip" || fail "html report"
if render fb "$tmp/fb.html"; then
    if "$chk" html "$tmp/fb.json" "$tmp/fb.dom" > "$tmp/chk"; then ok; else fail "rendered numbers differ"; cat "$tmp/chk"; fi
    for id in items-eligible items-uncertain items-private media-eligible; do
        if grep -q "id=\"$id\"" "$tmp/fb.dom"; then ok; else fail "$id not rendered"; fi
    done
fi

# an export whose texts and names are markup: shown as text, never run or loaded
h="$tmp/hostile"
mkdir -p "$h/your_facebook_activity/posts" "$h/your_facebook_activity/brand_new"
cat > "$h/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json" <<'EOF'
[
  {"timestamp": 1700000000, "data": [{"post": "<script>document.title='pwned'</script>"}]},
  {"timestamp": 1700000100, "data": [{"post": "\"><img src=http://127.0.0.1:9/x.png onerror=alert(1)>"}]},
  {"timestamp": 1700000200, "data": [{"post": "<link rel=stylesheet href=http://127.0.0.1:9/x.css><style>@import 'http://127.0.0.1:9/y.css'</style>"}]}
]
EOF
printf '{}' > "$h/your_facebook_activity/brand_new/\"><img src=http:__127.0.0.1:9_z.png>.json"
"$bin" scan --format json --items --show-text "$h" > "$tmp/h.json" || fail "hostile json"
"$bin" scan --format html --items --show-text -o "$tmp/h.html" "$h" || fail "hostile html"
if render hostile "$tmp/h.html"; then
    if "$chk" html "$tmp/h.json" "$tmp/hostile.dom" > "$tmp/chk"; then ok; else fail "hostile DOM"; cat "$tmp/chk"; fi
    if grep -q '<title>pwned' "$tmp/hostile.dom"; then fail "a script ran"; else ok; fi
    if grep -qF '&lt;script&gt;document.title' "$tmp/hostile.dom"; then ok; else fail "script text not shown as text"; fi
fi

# ---- as a person sees it: desktop and phone ------------------------------------------------
view() { # NAME HTML WIDTH LANG [--mobile]: LANG is the language the page must be in
    shots=${TR_SCREENSHOT_DIR:-$tmp}
    mkdir -p "$shots"
    if ! timeout 300 /usr/bin/python3 "$src/tests/html_view.py" "$2" "$3" "$shots/$1-$3.png" ${5:-} > "$tmp/view.json" \
        2> "$tmp/view.err"; then
        fail "$1 at $3 px: the page did not open"
        tail -5 "$tmp/view.err"
        return
    fi
    /usr/bin/python3 - "$tmp/view.json" "$1 at $3 px" "$4" > "$tmp/view.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
what, lang = sys.argv[2], sys.argv[3]
# the English section headings: none may be left in a translated report
english = {"What could feed training, per year", "Media size per verdict", "Items per category",
           "What was not scanned", "What to do about uncertain items", "What you can do", "The export",
           "The items"}
if v["lang"] != lang:
    print("FAIL: %s: <html lang> is %r, not %r" % (what, v["lang"], lang))
if lang == "en" and not english & set(v["h2"]):
    print("FAIL: %s: no English section heading in %s" % (what, v["h2"]))
if lang != "en" and english & set(v["h2"]):
    print("FAIL: %s: headings left in English: %s" % (what, sorted(english & set(v["h2"]))))
if v["scrollWidth"] > v["innerWidth"]:
    print("FAIL: %s: scrolls sideways (%d > %d)" % (what, v["scrollWidth"], v["innerWidth"]))
if v["resources"]:
    print("FAIL: %s: the page fetched %s" % (what, v["resources"][:3]))
if v["cutLabels"]:
    print("FAIL: %s: chart labels cut off: %s" % (what, v["cutText"][:5]))
if v["headings"] < 5:
    print("FAIL: %s: only %d sections shown" % (what, v["headings"]))
print("ok %s: %.1f s" % (what, v["load"]))
PY
    tally "$tmp/view.out"
}

if /usr/bin/python3 -c 'import selenium' 2> /dev/null && [ -x /usr/bin/chromedriver ]; then
    ig="$src/samples/instagram-meilin-2025-09-01-Xy12Ab34.zip"
    "$bin" scan --items --show-text -o "$tmp/fb-items.html" "$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip" ||
        fail "html report with items"
    "$bin" scan --items -o "$tmp/ig-items.html" "$ig" || fail "instagram html report"
    # two other languages: French and German (long words) on the phone too
    for lang in fr de; do
        "$bin" scan --lang "$lang" --items -o "$tmp/fb-items.$lang.html" \
            "$src/samples/facebook-inesmoreau-2025-07-15-Mx3Js8Ht.zip" || fail "$lang html report"
    done
    for w in 1280 390; do
        m=
        [ "$w" = 390 ] && m=--mobile
        view facebook "$tmp/fb-items.html" "$w" en $m
        view instagram "$tmp/ig-items.html" "$w" en $m
        [ "$w" = 390 ] && view hostile "$tmp/h.html" "$w" en $m
        for lang in fr de; do
            view "facebook-$lang" "$tmp/fb-items.$lang.html" "$w" "$lang" $m
        done
    done
    # printed on A4 and Letter: every section there, no heading alone at a page's bottom
    if command -v pdftotext > /dev/null 2>&1; then
        for case in "en facebook-jdoe-2025-06-01-Ab12Cd34" "fr facebook-jdoe-2025-06-01-Ab12Cd34" \
            "de instagram-meilin-2025-09-01-Xy12Ab34"; do
            set -- $case
            mkdir -p "$tmp/print-$1-$2"
            "$bin" scan --lang "$1" --items -o "$tmp/print-$1-$2.html" "$src/samples/$2.zip" || fail "$1 $2 html report"
            if ! timeout 300 /usr/bin/python3 "$src/tests/html_print.py" "$tmp/print-$1-$2.html" "$tmp/print-$1-$2" \
                > "$tmp/print.json" 2> "$tmp/print.err"; then
                fail "$1 $2: not printed"
                tail -5 "$tmp/print.err"
                continue
            fi
            /usr/bin/python3 - "$tmp/print.json" "$2 ($1)" > "$tmp/print.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
for paper in ("A4", "Letter"):
    p = v[paper]
    what = "%s printed on %s" % (sys.argv[2], paper)
    if p["pages"] < 2:
        print("FAIL: %s: %d page(s): the report with its items should need several" % (what, p["pages"]))
    for page, head in p["orphans"]:
        print("FAIL: %s: heading alone at the bottom of page %d: %s" % (what, page, head))
    if p["missing"]:
        print("FAIL: %s: sections not printed: %s" % (what, p["missing"]))
    print("ok %s: %d pages" % (what, p["pages"]))
PY
            tally "$tmp/print.out"
        done
    else
        echo "no pdftotext (Debian: poppler-utils): the print checks on A4 and Letter are skipped"
    fi
    echo "$passes passed, $fails failed"
    [ "$fails" -eq 0 ]
else
    echo "$passes passed, $fails failed"
    echo "no python3-selenium or chromium-driver: the checks at 1280 and 390 px are skipped"
    [ "$fails" -eq 0 ] || exit 1
    exit 77
fi
