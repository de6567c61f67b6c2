#!/bin/sh
# reports.sh - every report format for every sample, parsed back and checked
# against the JSON report of the same scan (tests/reportcheck.c); hostile
# export text in every format; private texts; colour; the text report's
# answer, item lists and line width; --verdict; formats picked by -o's
# extension; the objection helper.
# Usage: reports.sh TRAINABLE REPORTCHECK SOURCE_DIR
set -u
bin=$1 chk=$2 src=$3
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
# English, whatever the machine's locale (tests/i18n.sh covers the others)
unset LANGUAGE LC_ALL LC_MESSAGES LANG
esc=$(printf '\033')

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run WANT_EXIT OUT DESCRIPTION -- command...: run with stdout to OUT
run() {
    want=$1 out=$2 what=$3
    shift 4
    "$@" > "$out" 2> "$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, expected $want"; cat "$tmp/err"; fi
}

check() { # KIND REPORT.json OUT DESCRIPTION
    if "$chk" "$1" "$2" "$3" > "$tmp/chk"; then ok; else fail "$4"; sed 's/^/    /' "$tmp/chk" | head -20; fi
}

contains() { # FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in output"; fi
}

lacks() { # FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then fail "$3: '$2' in output"; else ok; fi
}

# all_formats NAME EXIT ARGS...: each format of one scan, checked against --format json --items
all_formats() {
    name=$1 want=$2
    shift 2
    d="$tmp/$name"
    mkdir -p "$d"
    run "$want" "$d/r.json" "$name json" -- "$bin" scan --format json --items "$@"
    run "$want" "$d/r.jsonl" "$name jsonl" -- "$bin" scan --format jsonl "$@"
    check jsonl "$d/r.json" "$d/r.jsonl" "$name: JSONL lines equal the JSON items"
    run "$want" "$d/r.csv" "$name csv" -- "$bin" scan --format csv "$@"
    check csv "$d/r.json" "$d/r.csv" "$name: CSV rows equal the JSON items"
    run "$want" "$d/r.html" "$name html" -- "$bin" scan --format html "$@"
    check html "$d/r.json" "$d/r.html" "$name: HTML numbers equal the JSON report"
    run "$want" "$d/r.txt" "$name text" -- "$bin" scan "$@"
    contains "$d/r.txt" "What you can do" "$name: text report has the objection section"
    check text "$d/r.json" "$d/r.txt" "$name: the text report's first line has the JSON report's numbers"
    check width:80 "$d/r.json" "$d/r.txt" "$name: text report fits 80 columns"
    for f in r.txt r.html; do check plural "$d/r.json" "$d/$f" "$name: plural forms in $f"; done
    # with texts: the same checks hold, and private texts stay out
    run "$want" "$d/t.json" "$name json texts" -- "$bin" scan --format json --items --show-text "$@"
    run "$want" "$d/t.csv" "$name csv texts" -- "$bin" scan --format csv --show-text "$@"
    check csv "$d/t.json" "$d/t.csv" "$name: CSV with --show-text"
    # the items in the text report, eligible and uncertain ones each on a line of its own
    COLUMNS=1000 run "$want" "$d/i.txt" "$name text --items" -- "$bin" scan --items --show-text "$@"
    check textitems "$d/t.json" "$d/i.txt" "$name: text report lists the items"
    check plural "$d/r.json" "$d/i.txt" "$name: plural forms with --items"
    run "$want" "$d/t.jsonl" "$name jsonl texts" -- "$bin" scan --format jsonl --show-text "$@"
    check jsonl "$d/t.json" "$d/t.jsonl" "$name: JSONL with --show-text"
    # --verdict: every item list holds the same items as the JSON report's
    for vs in eligible,uncertain private; do
        run "$want" "$d/v.json" "$name json --verdict $vs" -- "$bin" scan --format json --items --verdict "$vs" "$@"
        run "$want" "$d/v.jsonl" "$name jsonl --verdict $vs" -- "$bin" scan --format jsonl --verdict "$vs" "$@"
        check jsonl "$d/v.json" "$d/v.jsonl" "$name: JSONL with --verdict $vs"
        run "$want" "$d/v.csv" "$name csv --verdict $vs" -- "$bin" scan --format csv --verdict "$vs" "$@"
        check csv "$d/v.json" "$d/v.csv" "$name: CSV with --verdict $vs"
        run "$want" "$d/v.html" "$name html --verdict $vs" -- "$bin" scan --format html --items --verdict "$vs" "$@"
        check html "$d/v.json" "$d/v.html" "$name: HTML with --verdict $vs"
    done
    if grep -q '"verdict": "private"' "$d/v.json"; then ok; else
        grep -q '"private": 0' "$d/v.json" && ok || fail "$name: --verdict private lists no private item"; fi
    run "$want" "$d/t.html" "$name html texts" -- "$bin" scan --format html --items --show-text "$@"
    check html "$d/t.json" "$d/t.html" "$name: HTML with --items --show-text"
    run "$want" "$d/p.json" "$name json private texts" -- "$bin" scan --format json --items --show-private-text "$@"
    if grep -q '"verdict": "private"' "$d/p.json" && grep -q '"text"' "$d/p.json"; then
        for f in t.csv t.jsonl t.html r.txt; do
            if "$chk" private "$d/p.json" "$d/$f" > "$tmp/chk"; then ok
            elif grep -q "no private text" "$tmp/chk"; then ok # no private item has a long text
            else fail "$name: private text in $f without --show-private-text"; cat "$tmp/chk"; fi
        done
        run "$want" "$d/p.csv" "$name csv private texts" -- "$bin" scan --format csv --show-private-text "$@"
        check csv "$d/p.json" "$d/p.csv" "$name: CSV with --show-private-text"
    fi
    run "$want" "$d/o.txt" "$name objection" -- "$bin" objection "$@"
    check objection "$d/p.json" "$d/o.txt" "$name: objection text has the counts and no content"
}

# ---- every sample, through the cases of the golden tests ------------------------------
cd "$src" || exit 2
grep -v '^[[:space:]]*#' tests/golden/CASES | grep -v '^[[:space:]]*$' > "$tmp/cases"
while read -r name want expected rest; do
    # shellcheck disable=SC2086 # CASES holds plain words
    set -- $(printf '%s\n' "$rest" | sed 's/--format json//')
    all_formats "$name" "$want" "$@"
done < "$tmp/cases"
for z in samples/*.zip; do
    grep -qF "$z" "$tmp/cases" || fail "sample $z is in no case of tests/golden/CASES"
done

# ---- hostile text from an export --------------------------------------------------------
h="$tmp/hostile"
mkdir -p "$h/your_facebook_activity/posts" "$h/your_facebook_activity/brand_new"
cat > "$h/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json" <<'EOF'
[
  {"timestamp": 1700000000, "data": [{"post": "<script>alert(1)</script>"}]},
  {"timestamp": 1700000100, "data": [{"post": "\"><img src=x onerror=alert(1)>"}]},
  {"timestamp": 1700000200, "data": [{"post": "=HYPERLINK(\"http://evil.example\",\"click\")"}]},
  {"timestamp": 1700000300, "data": [{"post": "+1-2"}]},
  {"timestamp": 1700000400, "data": [{"post": "@SUM(1)"}]},
  {"timestamp": 1700000500, "data": [{"post": "-->'<!-- & &amp;"}]},
  {"timestamp": 1700000600, "data": [{"post": "\u001b]0;pwned\u0007\u001b[2J tab\there, line\nbreak"}]},
  {"timestamp": 1700000700, "data": [{"post": "\tstarts with a tab"}]}
]
EOF
printf '{}' > "$h/your_facebook_activity/brand_new/\"><img src=x onerror=alert(2)>.json"
printf '{}' > "$h/your_facebook_activity/brand_new/esc${esc}[31mred.json"
all_formats hostile 0 "$h"
contains "$tmp/hostile/t.html" "&lt;script&gt;alert(1)&lt;/script&gt;" "hostile: <script> shows as text"
contains "$tmp/hostile/t.html" "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" "hostile: attribute break-out shows as text"
contains "$tmp/hostile/r.html" "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.json" "hostile: file name shows as text"
contains "$tmp/hostile/t.csv" "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"" "hostile: CSV formula neutralised"
contains "$tmp/hostile/t.csv" "\"'+1-2\"" "hostile: CSV + neutralised"
contains "$tmp/hostile/t.csv" "\"'@SUM(1)\"" "hostile: CSV @ neutralised"
lacks "$tmp/hostile/r.txt" "$esc" "hostile: escape byte in the text report"
contains "$tmp/hostile/r.txt" "esc\\e[31mred.json" "hostile: escape shown as \\e"
lacks "$tmp/hostile/o.txt" "$esc" "hostile: escape byte in the objection text"
contains "$tmp/hostile/o.txt" "[your e-mail address]" "hostile: e-mail placeholder"

# ---- formats and options ------------------------------------------------------------------
run 2 "$tmp/x" "bad format" -- "$bin" scan --format yaml "$fb"
contains "$tmp/err" "jsonl, csv or html" "bad format lists the formats"
run 0 "$tmp/x" "html to a file" -- "$bin" scan --format html -o "$tmp/out.html" "$fb"
contains "$tmp/out.html" "<!DOCTYPE html>" "html written to the file"
if [ -s "$tmp/x" ]; then fail "html -o also wrote to stdout"; else ok; fi
run 0 "$tmp/o.html" "html --objected-on" -- "$bin" scan --format html --region eu --objected-on 2025-05-30 "$fb"
check html "$tmp/facebook-2024/r.json" "$tmp/o.html" "html split numbers add up"
contains "$tmp/o.html" "id=\"split-before\"" "html has the split"
run 0 "$tmp/o.txt" "text --objected-on" -- "$bin" scan --objected-on 2025-06-01 "$fb"
contains "$tmp/o.txt" "Objected on 1 June 2025" "text has the split"

# ---- the text report: answer first, width, items --------------------------------------------
d="$tmp/facebook-2024"
for w in 60 100; do
    COLUMNS=$w run 0 "$tmp/w.txt" "text at $w columns" -- "$bin" scan --items --show-text "$fb"
    check "width:$w" "$d/r.json" "$tmp/w.txt" "text report fits $w columns (COLUMNS)"
    check text "$d/r.json" "$tmp/w.txt" "answer at $w columns"
done
if command -v script > /dev/null 2>&1 && script -qec true /dev/null > /dev/null 2>&1; then
    for w in 60 100; do # a terminal of that size: the width comes from the terminal
        env -u COLUMNS script -qec "stty cols $w rows 40; '$bin' scan --items '$fb'" /dev/null > "$tmp/tty.txt" 2>&1
        check "width:$w" "$d/r.json" "$tmp/tty.txt" "text report fits a terminal of $w columns"
        if awk -v w="$w" 'length($0) > w - 8 { n++ } END { exit !(n > 0) }' "$tmp/tty.txt"; then ok
        else fail "a $w-column terminal: no line uses its width"; fi
    done
else
    echo "note: no 'script' command; terminal width not tested"
fi
# the report before "answer first" had 97 lines and 6 regions; the overview
# now names 7 regions, each with the date its facts were checked
lines=$(wc -l < "$d/r.txt")
if [ "$lines" -le 104 ]; then ok; else fail "the default text report has $lines lines"; fi
if grep -q "INCOMPLETE SCAN" "$tmp/facebook-broken/r.txt" &&
    [ "$(grep -n -m1 "INCOMPLETE SCAN" "$tmp/facebook-broken/r.txt" | cut -d: -f1)" -le 4 ]; then ok
else fail "the INCOMPLETE notice is not right after the answer"; fi
run 0 "$tmp/x.txt" "text --items --verdict uncertain" -- "$bin" scan --items --verdict uncertain "$fb"
contains "$tmp/x.txt" "Depend on their audience (uncertain): " "uncertain items listed"
lacks "$tmp/x.txt" "Could feed Meta's AI (eligible):" "no eligible list with --verdict uncertain"
lacks "$tmp/x.txt" "Private:" "no private list with --verdict uncertain"
contains "$tmp/x.txt" "Depends on the album's audience. (" "items grouped by reason"
COLUMNS=1000 run 0 "$tmp/x.txt" "text --items" -- "$bin" scan --items "$fb"
contains "$tmp/x.txt" "Per file (--verdict private lists each item):" "private items summed up per file"
contains "$tmp/x.txt" "What to do about uncertain items (steps checked December 2026)" "steps for uncertain items, dated"
contains "$tmp/x.txt" "Limit who can see past posts" "Facebook's Limit past posts"
run 2 "$tmp/x" "bad --verdict" -- "$bin" scan --verdict public "$fb"
contains "$tmp/err" "--verdict: 'public'" "bad --verdict named"
run 2 "$tmp/x" "empty --verdict word" -- "$bin" scan --verdict eligible, "$fb"

# ---- -o picks the format from the extension; --format wins; no PDF ---------------------
for ext in json jsonl csv html txt; do
    run 0 "$tmp/x" "-o r.$ext" -- "$bin" scan -o "$tmp/r.$ext" "$fb"
done
if grep -q '"schema_version"' "$tmp/r.json"; then ok; else fail "-o r.json is not the JSON report"; fi
check jsonl "$d/r.json" "$tmp/r.jsonl" "-o r.jsonl writes JSONL"
check csv "$d/r.json" "$tmp/r.csv" "-o r.csv writes CSV"
check html "$d/r.json" "$tmp/r.html" "-o r.html writes HTML"
check text "$d/r.json" "$tmp/r.txt" "-o r.txt writes the text report"
run 0 "$tmp/x" "--format text -o r.json" -- "$bin" scan --format text -o "$tmp/t.json" "$fb"
check text "$d/r.json" "$tmp/t.json" "--format wins over the extension"
run 0 "$tmp/x" "-o R.HTML" -- "$bin" scan -o "$tmp/R.HTML" "$fb"
contains "$tmp/R.HTML" "<!DOCTYPE html>" "extension in capitals"
run 2 "$tmp/x" "--format pdf" -- "$bin" scan --format pdf -o "$tmp/r.pdf" "$fb"
contains "$tmp/err" "print it to PDF" "--format pdf says to print the HTML report"
if [ -e "$tmp/r.pdf" ]; then fail "--format pdf wrote a file"; else ok; fi

# ---- colour: only on a terminal, never with NO_COLOR --------------------------------------
lacks "$tmp/facebook-2024/r.txt" "$esc" "no colour when stdout is not a terminal"
if command -v script > /dev/null 2>&1 && script -qec true /dev/null > /dev/null 2>&1; then
    script -qec "'$bin' scan '$fb'" /dev/null > "$tmp/tty.txt" 2>&1
    contains "$tmp/tty.txt" "$esc[1m" "colour on a terminal"
    NO_COLOR=1 script -qec "'$bin' scan '$fb'" /dev/null > "$tmp/tty.txt" 2>&1
    lacks "$tmp/tty.txt" "$esc" "NO_COLOR turns colour off"
else
    echo "note: no 'script' command; terminal colour not tested"
fi

# ---- the objection helper --------------------------------------------------------------------
run 0 "$tmp/o.txt" "objection" -- "$bin" objection "$fb"
contains "$tmp/o.txt" "jana.dvorakova@example.cz" "objection has the account e-mail"
contains "$tmp/o.txt" "posts: 20, photos: 11" "objection has the counts"
contains "$tmp/o.txt" "dated from 2012 to 2025" "objection has the years"
contains "$tmp/o.txt" ">>> WRITE YOUR PERSONAL REASON HERE" "objection marks the reason"
for lang_law in "en Article 21(1) GDPR" "fr RGPD" "de DSGVO" "es RGPD" "it GDPR" "pt RGPD" "nl AVG"; do
    lang=${lang_law%% *} law=${lang_law#* }
    run 0 "$tmp/o.txt" "objection --lang $lang" -- "$bin" objection --region eu --lang "$lang" "$fb"
    contains "$tmp/o.txt" "$law" "objection in $lang names the law"
    contains "$tmp/o.txt" "jana.dvorakova@example.cz" "objection in $lang has the e-mail"
done
contains "$tmp/o.txt" "berichten: 20" "Dutch category names"
run 0 "$tmp/o.txt" "objection uk" -- "$bin" objection --region uk "$fb"
contains "$tmp/o.txt" "UK GDPR" "UK law"
contains "$tmp/o.txt" "facts checked on" "UK facts are dated"
run 0 "$tmp/o.txt" "objection ch" -- "$bin" objection --region ch --lang de "$fb"
contains "$tmp/o.txt" "Art. 30 Abs. 2 lit. b und Abs. 3 des Bundesgesetzes über den Datenschutz (DSG)" "Swiss law"
run 0 "$tmp/o.txt" "objection br" -- "$bin" objection --region br "$fb"
contains "$tmp/o.txt" "LGPD" "Brazilian law"
for r in us other kr; do
    run 0 "$tmp/o.txt" "objection $r" -- "$bin" objection --region "$r" "$fb"
    contains "$tmp/o.txt" "No objection" "$r: no objection exists"
    lacks "$tmp/o.txt" "Article 21" "$r: no objection text"
done
run 0 "$tmp/o.txt" "objection eu" -- "$bin" objection --region eu "$fb"
contains "$tmp/o.txt" "https://www.facebook.com/help/contact/712876720715583" "Facebook form address"
contains "$tmp/o.txt" "https://help.instagram.com/contact/767264225370182" "Instagram form address"
contains "$tmp/o.txt" "future training only" "future training only"
contains "$tmp/o.txt" "only your own content" "own content only"
contains "$tmp/o.txt" "2024 remain valid" "2024 objections"
run 0 "$tmp/o.txt" "objection --objected-on" -- "$bin" objection --region eu --objected-on 2025-05-01 "$fb"
contains "$tmp/o.txt" "before training on EU data began" "EU note for an early objection"
lacks "$tmp/o.txt" "could already have been used" "an early EU objection: nothing was used"
run 0 "$tmp/o.txt" "objection --objected-on later" -- "$bin" objection --region eu --objected-on 2025-05-30 "$fb"
contains "$tmp/o.txt" "before it, could already have been used" "split before"
run 5 "$tmp/o.txt" "objection, part without part 1 and the profile" -- "$bin" objection \
    "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part2.zip"
contains "$tmp/o.txt" "[your e-mail address]" "placeholder when the export has no e-mail"
run 0 "$tmp/o.txt" "objection -o" -- "$bin" objection -o "$tmp/letter.txt" "$fb"
contains "$tmp/letter.txt" "Objection under Article 21(1) GDPR" "objection written to the file"
run 2 "$tmp/x" "bad region" -- "$bin" objection --region mars "$fb"
contains "$tmp/err" "--region" "bad region message"
run 2 "$tmp/x" "bad lang" -- "$bin" objection --lang xx "$fb"
run 2 "$tmp/x" "bad date" -- "$bin" objection --objected-on 2025-13-01 "$fb"
run 2 "$tmp/x" "objection without input" -- "$bin" objection
run 5 "$tmp/o.txt" "objection on an incomplete scan" -- "$bin" objection \
    "$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"

# ---- the objection counts photos and videos as files ---------------------------------------
# A photo listed in an album and again in the uncategorised photos is one
# photo; a video and its thumbnail are one video; a post stays a post.
dup="$tmp/dup/facebook-dup-2025-01-02-Dp12Dp34"
mkdir -p "$dup/your_facebook_activity/posts/album" "$dup/your_facebook_activity/posts/media/a"
for f in p1.jpg p2.jpg v1.mp4 v1.jpg; do printf 'x' > "$dup/your_facebook_activity/posts/media/a/$f"; done
m="your_facebook_activity/posts/media/a"
printf '{"name": "Mobile uploads", "photos": [{"uri": "%s/p1.jpg", "creation_timestamp": 1700000000}, {"uri": "%s/p2.jpg", "creation_timestamp": 1700000001}]}' \
    "$m" "$m" > "$dup/your_facebook_activity/posts/album/1.json"
printf '{"other_photos_v2": [{"uri": "%s/p1.jpg", "creation_timestamp": 1700000000}, {"uri": "https://scontent.example/gone.jpg", "creation_timestamp": 1700000002}]}' \
    "$m" > "$dup/your_facebook_activity/posts/your_uncategorized_photos.json"
printf '{"videos_v2": [{"uri": "%s/v1.mp4", "creation_timestamp": 1700000003, "thumbnail": {"uri": "%s/v1.jpg"}}]}' \
    "$m" "$m" > "$dup/your_facebook_activity/posts/your_videos.json"
printf '[{"timestamp": 1700000004, "attachments": [{"data": [{"media": {"uri": "%s/p2.jpg"}}]}]}]' \
    "$m" > "$dup/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
run 0 "$tmp/o.txt" "objection, photos listed twice" -- "$bin" objection --region eu "$dup"
contains "$tmp/o.txt" "posts: 1, photos: 3, videos: 1;" "a photo listed twice is one photo, a photo not in the export counts"
# the sample: 8 photo items (3 + 2 + 2 album photos, 1 uncategorised), 7 files
run 0 "$tmp/o.txt" "objection, sample with a photo listed twice" -- "$bin" objection --region eu \
    "$src/samples/facebook-ruthasante-2025-11-20-Sv6Rl2Tz.zip"
contains "$tmp/o.txt" "posts: 4, photos: 7," "the sample's photo listed twice is one photo"

# ---- Messenger's encrypted download is reported, every message private ------------------------
run 0 "$tmp/m.txt" "scan of Messenger's encrypted download" -- "$bin" scan \
    "$src/samples/messenger_message_storage_jdoe.zip"
contains "$tmp/m.txt" "Messenger" "the report names Messenger"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
