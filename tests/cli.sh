#!/bin/sh
# cli.sh - command-line behaviour: exit codes, rule errors, folder input,
# output files. Usage: cli.sh TRAINABLE JSONCMP SOURCE_DIR
set -u
bin=$1 cmp=$2 src=$3
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"
. "$src/tests/lib.sh"

# usage errors: 2
expect 2 "no command" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
expect 2 "scan without input" -- "$bin" scan
expect 2 "bad format" -- "$bin" scan --format yaml "$fb"
expect 2 "bad --as-of" -- "$bin" scan --as-of 2025-02-30 "$fb"
contains "$tmp/err" "not a date" "bad --as-of message"
expect 2 "bad limit" -- "$bin" scan --max-entries -3 "$fb"
expect 2 "bad --birth-date" -- "$bin" scan --birth-date 2008-13-01 "$fb"
contains "$tmp/err" "--birth-date" "bad --birth-date message"

# --birth-date: for an export that records no birth date, never over one that does
page="$src/samples/facebook-analuciaferreira-2025-8-4-Pg77Hh88.zip"
expect 0 "--birth-date of a minor" -- "$bin" scan --format json --birth-date 2010-05-05 "$page"
contains "$tmp/out" '"birth_date_source": "option"' "--birth-date is the option's"
contains "$tmp/out" '"minor": true' "--birth-date makes a minor"
contains "$tmp/out" '"eligible": 0,' "a minor has nothing eligible"
expect 0 "--birth-date text" -- "$bin" scan --birth-date 2010-05-05 "$page"
contains "$tmp/out" "given with --birth-date" "text says the birth date was given"
expect 0 "--birth-date over a recorded one" -- "$bin" scan --format json --birth-date 2010-05-05 "$fb"
contains "$tmp/out" '"birth_date": "1990-01-15"' "the export's own birth date wins"
contains "$tmp/out" '"minor": false' "the export's own birth date decides"

# a spam invitation dated 2069 dates nothing: the holder stays a minor, the
# objection text never cites 2069, the text report says it is in the future
spam="$src/samples/facebook-ritaalmeida.zip"
expect 0 "objection of an export with a date in 2069" -- "$bin" objection "$spam"
if grep -q 2069 "$tmp/out"; then fail "the objection text cites 2069"; else ok; fi
expect 0 "text report of an export with a date in 2069" -- "$bin" scan "$spam"
contains "$tmp/out" "dated in the future" "the text report says an item is dated in the future"
if grep -q 2069 "$tmp/out"; then fail "the text report cites 2069"; else ok; fi
expect 0 "HTML report of an export with a date in 2069" -- "$bin" scan --format html "$spam"
if grep -q 2069 "$tmp/out"; then fail "the HTML report cites 2069"; else ok; fi

# a part without the profile: the report says what looks missing, at its top
p2="$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part2.zip"
"$bin" scan "$p2" > "$tmp/out" 2>/dev/null
head -12 "$tmp/out" > "$tmp/top"
contains "$tmp/top" "PARTS LOOK MISSING" "missing parts at the top of the text report"
contains "$tmp/top" "the profile" "missing profile named"
"$bin" scan --format html "$p2" > "$tmp/out" 2>/dev/null
contains "$tmp/out" 'id="missing"' "missing parts in the HTML report"
# a named part missing (part 2 alone): incomplete, and part 1 is named
expect 5 "part 2 of an export without part 1" -- "$bin" scan "$p2"
head -12 "$tmp/out" > "$tmp/top"
contains "$tmp/top" "part 1 of facebook-meiko-2025-03-15-Zz98Yy76" "the missing part 1 named at the top"
expect 0 "help" -- "$bin" --help
contains "$tmp/out" "Exit codes" "help text"
expect 0 "version" -- "$bin" --version

# inputs that are not exports: 4
expect 4 "missing input" -- "$bin" scan "$tmp/nope.zip"
contains "$tmp/err" "nope.zip" "missing input is named"
printf 'not a zip' > "$tmp/fake.zip"
expect 4 "not a zip" -- "$bin" scan "$tmp/fake.zip"
contains "$tmp/err" "fake.zip" "non-zip input is named"
mkdir -p "$tmp/notexport/docs" && printf '{}' > "$tmp/notexport/docs/a.json"
expect 4 "folder that is not an export" -- "$bin" scan "$tmp/notexport"
contains "$tmp/err" "not a Facebook or Instagram export" "not-an-export message"

# a folder input gives the same report as the zip (but for the part name)
mkdir -p "$tmp/unzipped"
(cd "$tmp/unzipped" && bsdtar -xf "$fb" 2>/dev/null || cmake -E tar xf "$fb")
expect 0 "scan zip" -- "$bin" scan --format json "$fb"
sed 's/"facebook-jdoe-2025-06-01-Ab12Cd34\(\.zip\)\{0,1\}"/"PART"/g' "$tmp/out" > "$tmp/zip.json"
expect 0 "scan folder" -- "$bin" scan --format json "$tmp/unzipped/facebook-jdoe-2025-06-01-Ab12Cd34"
sed 's/"facebook-jdoe-2025-06-01-Ab12Cd34"/"PART"/g' "$tmp/out" > "$tmp/dir.json"
if "$cmp" "$tmp/zip.json" "$tmp/dir.json" > "$tmp/diff"; then ok; else fail "folder report differs from zip report"; cat "$tmp/diff"; fi

# the 2023 layout (your_activity_across_facebook/) gives the same answers as 2024
cp -r "$tmp/unzipped/facebook-jdoe-2025-06-01-Ab12Cd34" "$tmp/facebook-jdoe-2025-06-01-F2"
mv "$tmp/facebook-jdoe-2025-06-01-F2/your_facebook_activity" "$tmp/facebook-jdoe-2025-06-01-F2/your_activity_across_facebook"
grep -rl your_facebook_activity "$tmp/facebook-jdoe-2025-06-01-F2" | while read -r f; do
    sed -i 's|your_facebook_activity/|your_activity_across_facebook/|g' "$f"
done
expect 0 "scan 2023 layout" -- "$bin" scan --format json "$tmp/facebook-jdoe-2025-06-01-F2"
sed 's/"facebook-jdoe-2025-06-01-F2"/"PART"/; s/"facebook-2023"/"facebook-2024"/; s|your_activity_across_facebook/|your_facebook_activity/|g' \
    "$tmp/out" > "$tmp/f23.json"
contains "$tmp/out" '"facebook-2023"' "2023 layout detected"
if "$cmp" "$tmp/dir.json" "$tmp/f23.json" > "$tmp/diff"; then ok; else fail "2023 layout report differs from 2024"; cat "$tmp/diff"; fi

# an HTML page that should hold a fact under a label trainable does not know:
# the report says the fact is unreadable rather than "not recorded"
mkdir -p "$tmp/html"
(cd "$tmp/html" && bsdtar -xf "$src/samples/facebook-jdoe-2025-06-01-Ht5Lm9Qw.zip")
page="$tmp/html/facebook-jdoe-2025-06-01-Ht5Lm9Qw/personal_information/profile_information/profile_information.html"
expect 0 "html birth date read" -- "$bin" scan "$tmp/html/facebook-jdoe-2025-06-01-Ht5Lm9Qw"
contains "$tmp/out" "Birth date recorded" "html birth date"
sed -i 's/>Birthday</>Fødselsdag</' "$page"
expect 0 "html birth date unreadable" -- "$bin" scan "$tmp/html/facebook-jdoe-2025-06-01-Ht5Lm9Qw"
contains "$tmp/out" "Birth date not readable" "unreadable birth date said"
contains "$tmp/out" "personal_information/profile_information/profile_information.html" "unreadable birth date named"
expect 0 "html birth date unreadable (json)" -- "$bin" scan --format json "$tmp/html/facebook-jdoe-2025-06-01-Ht5Lm9Qw"
contains "$tmp/out" '"unreadable": [' "unreadable facts listed"

# a combined export (two profiles side by side under one outer folder) gives
# the sum of the two exports' answers
ig="$src/samples/instagram-meilin-2025-09-01-Xy12Ab34.zip"
mkdir -p "$tmp/combined/meta-2026-Jan-10-17-13-19"
(cd "$tmp/combined/meta-2026-Jan-10-17-13-19" && bsdtar -xf "$fb" && bsdtar -xf "$ig" && rm -rf __MACOSX)
# totals.items.VERDICT and totals.media.VERDICT.files of a JSON report
total() { awk -v v="\"$2\": " '/^  "totals": \{/ { t = 1 } t && /"items": \{/ { i = 1 } t && /"media": \{/ { i = 0; m = 1 }
    t && index($0, v) && (i || m) { n = $0; sub(/.*: /, "", n); sub(/[,{]*$/, "", n); if (i) print "items", n; else if (m && n != "") print "media", n }
    t && /"files": / && mm { n = $0; sub(/.*: /, "", n); sub(/,$/, "", n); print "files", n; mm = 0 }
    t && m && index($0, v) { mm = 1 } /"unmatched": / { t = 0 }' "$1" | tr '\n' ' '; }
"$bin" scan --format json "$fb" > "$tmp/c1.json"
"$bin" scan --format json "$ig" > "$tmp/c2.json"
expect 0 "combined export" -- "$bin" scan --format json "$tmp/combined/meta-2026-Jan-10-17-13-19"
contains "$tmp/out" '"facebook-2024",' "combined: facebook layout"
contains "$tmp/out" '"instagram-2025"' "combined: instagram layout"
# each profile is an export of its own: paths are inside it
contains "$tmp/out" '"path": "your_facebook_activity/brand_new_feature/new_things.json"' \
    "combined: paths are inside each profile"
for v in eligible uncertain private; do
    a=$(total "$tmp/c1.json" $v) b=$(total "$tmp/c2.json" $v) c=$(total "$tmp/out" $v)
    want=$(echo "$a $b" | awk '{ print "items", $2 + $6, "files", $4 + $8 }')
    got=$(echo "$c" | awk '{ print "items", $2, "files", $4 }')
    if [ "$want" = "$got" ]; then ok; else fail "combined $v: $got, expected $want ($a + $b)"; fi
done

# reading members one record at a time gives the same report as parsing
# them whole, on every sample (errors compared by path)
for zip in "$src"/samples/*.zip; do
    "$bin" scan --format json --items --stream-min-bytes 0 "$zip" > "$tmp/stream.json" 2>/dev/null
    "$bin" scan --format json --items --stream-min-bytes 1000000000000 "$zip" > "$tmp/whole.json" 2>/dev/null
    if "$cmp" "$tmp/whole.json" "$tmp/stream.json" > "$tmp/diff"; then ok; else
        fail "$(basename "$zip"): streamed report differs"; head -20 "$tmp/diff"; fi
done

# ... and on odd shapes: a second key after the array, empty arrays, a
# trailing comma, trailing garbage, whitespace everywhere
d="$tmp/shapes/your_facebook_activity"
mkdir -p "$d/comments_and_reactions" "$d/posts" "$d/stories" "$d/reels" "$d/events"
# (strings ending in an escaped backslash, or holding an escaped quote and a bracket)
printf '%s' '{"comments_v2": [{"timestamp": 1, "title": "a\\"}, {"timestamp": 2, "title": "]\"}\\\""}], "extra": 3}' \
    > "$d/comments_and_reactions/comments.json"
printf ' [ ] ' > "$d/posts/your_posts__check_ins__photos_and_videos_1.json"
printf '{ "videos_v2" : [ ] }' > "$d/posts/your_videos.json"
printf '[{"timestamp": 5},]' > "$d/comments_and_reactions/likes_and_reactions_1.json"
printf '{"archived_stories_v2": [{"timestamp": 7}]} x' > "$d/stories/archived_stories.json"
printf '\n{\n "lasso_videos_v2"\n:\n[\n{"timestamp":8}\n,\n"s\\"]"\n,\n[1,[2]]\n]\n}\n' > "$d/reels/your_reels.json"
printf '{"your_events_v2": [{"name": "a"}], "your_events_v2": [{}, {}]}' > "$d/events/your_events.json"
"$bin" scan --format json --items --stream-min-bytes 0 "$tmp/shapes" > "$tmp/stream.json" 2>/dev/null
"$bin" scan --format json --items --stream-min-bytes 1000000000000 "$tmp/shapes" > "$tmp/whole.json" 2>/dev/null
if "$cmp" "$tmp/whole.json" "$tmp/stream.json" > "$tmp/diff"; then ok; else fail "odd shapes: streamed report differs"; cat "$tmp/diff"; fi
contains "$tmp/stream.json" '"path": "your_facebook_activity/stories/archived_stories.json"' "trailing garbage is an error"

# the number of threads never changes the report
expect 0 "one thread" -- "$bin" scan --threads 1 --format json --items "$fb"
cp "$tmp/out" "$tmp/t1.json"
expect 0 "four threads" -- "$bin" scan --threads 4 --format json --items "$fb"
if cmp -s "$tmp/out" "$tmp/t1.json"; then ok; else fail "reports differ between 1 and 4 threads"; fi
expect 2 "bad --threads" -- "$bin" scan --threads 0 "$fb"

# -o writes the report; text is never in the report without --show-text
expect 0 "scan -o" -- "$bin" scan --format json --items -o "$tmp/r.json" "$fb"
[ -s "$tmp/r.json" ] && ok || fail "-o wrote nothing"
contains "$tmp/r.json" '"items": [' "--items adds items"
if grep -q '"text"' "$tmp/r.json"; then fail "text present without --show-text"; else ok; fi
ls "$tmp" | grep -q 'tmp-' && fail "temporary output file left behind" || ok
expect 0 "show-text" -- "$bin" scan --format json --items --show-text "$fb"
contains "$tmp/out" '"text": ' "--show-text adds texts"
if grep -A2 '"text": ' "$tmp/out" | grep -q '"verdict": "private"'; then fail "private text shown without --show-private-text"; else ok; fi
expect 0 "show-private-text" -- "$bin" scan --format json --items --show-private-text "$fb"
if grep -A2 '"text": ' "$tmp/out" | grep -q '"verdict": "private"'; then ok; else fail "--show-private-text shows no private text"; fi

# Instagram JSON exports in other languages: a comment's text and time come
# from localised string_map_data labels (German "Kommentar" / "Zeit"; French
# "Commentaire" / "Heure", a time label no rule names)
de="$src/samples/instagram-lenaschmidt-2025-10-12-De4Kz7Mn.zip"
expect 0 "German labels: texts and times" -- "$bin" scan --format json --items --show-private-text "$de"
contains "$tmp/out" '"text": "Mega s\u00FC\u00DF \uD83D\uDE0D",' "German comment text"
contains "$tmp/out" '"time": "2025-09-30T17:45:00Z",' "German comment time (Zeit)"
fr="$src/samples/instagram-chloedubois-2025-11-05-Fr6Pq2Ws.zip"
expect 0 "French labels: texts and times" -- "$bin" scan --format json --items --show-text "$fr"
contains "$tmp/out" '"text": "J\u2019adore !",' "French comment text"
contains "$tmp/out" '"time": "2025-09-09T21:00:00Z",' "French comment time (Heure)"
# the account's e-mail address is left out of shareable reports unless asked
expect 0 "text summary" -- "$bin" scan "$fb"
if grep -q "jana.dvorakova@example.cz" "$tmp/out"; then fail "e-mail shown without --show-email"; else ok; fi
contains "$tmp/out" "E-mail address recorded (not shown" "e-mail is said to be recorded"
expect 0 "html report" -- "$bin" scan --format html "$fb"
if grep -q "jana.dvorakova@example.cz" "$tmp/out"; then fail "e-mail in the HTML report without --show-email"; else ok; fi
expect 0 "show-email" -- "$bin" scan --show-email "$fb"
contains "$tmp/out" "E-mail address: jana.dvorakova@example.cz" "--show-email shows it"
# an unwritable output: exit 1, nothing half-written
expect 1 "unwritable -o" -- "$bin" scan --format json -o "$tmp/no/such/dir/r.json" "$fb"

# an incomplete scan: 5, and the text summary says so
expect 5 "broken export" -- "$bin" scan "$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"
contains "$tmp/out" "INCOMPLETE SCAN" "incomplete summary"
contains "$tmp/out" "archived_stories.json" "broken member named"
# a limit hit is an error for that member, and the scan goes on
expect 5 "member limit" -- "$bin" scan --format json --max-member-bytes 2000 "$fb"
contains "$tmp/out" "over the limit" "limit message"
contains "$tmp/out" '"complete": false' "limit makes the scan incomplete"

# dense JSON is counted before it is parsed: over --max-values it is an error
mkdir -p "$tmp/dense/your_facebook_activity/posts"
{ printf '['; yes '1,' | head -c 25500000 | tr -d '\n'; printf '1]'; } \
    > "$tmp/dense/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
expect 5 "dense member over --max-values" -- "$bin" scan --format json --max-values 1000000 "$tmp/dense"
contains "$tmp/out" "over the limit (--max-values)" "max-values message"
expect 0 "dense member under the default" -- "$bin" scan --format json "$tmp/dense"
contains "$tmp/out" '"uncertain": 8500001' "dense member counted"

# rules: errors with file:line:col and exit 3
mkdir -p "$tmp/badrules"
cat > "$tmp/badrules/10-bad.rules" <<'RULES'
version 1
layout fb
  platform facebook
  marker ^your_facebook_activity/
rule fb.x
  platform facebok
  path (^|/)posts/(x$
  category post
  verdict private
  reason r
  source s
RULES
expect 3 "invalid rules" -- "$bin" scan --rules "$tmp/badrules" "$fb"
contains "$tmp/err" "10-bad.rules:6:12: error: unknown platform 'facebok'" "rule error location"
contains "$tmp/err" "10-bad.rules:7:" "regex error location"
contains "$tmp/err" "^" "caret under the column"
expect 3 "rules check" -- "$bin" rules check "$tmp/badrules"
expect 3 "missing rules folder" -- "$bin" scan --rules "$tmp/none" "$fb"

# a rule that an earlier rule always beats is reported by `rules check`
mkdir -p "$tmp/shadow"
cat > "$tmp/shadow/10-shadow.rules" <<'RULES'
version 1
layout fb
  platform facebook
  marker ^your_facebook_activity/
rule fb.all_posts
  platform  facebook
  path      (^|/)posts/.+$
  category  post
  verdict   uncertain
  reason    r
  source    s
  match     your_facebook_activity/posts/your_posts_1.json
rule fb.trash
  platform  facebook
  path      (^|/)posts/trash$
  category  post
  verdict   private
  reason    r
  source    s
  match     your_facebook_activity/posts/trash.json
RULES
expect 0 "shadowed rule: warning" -- "$bin" rules check "$tmp/shadow"
contains "$tmp/err" "10-shadow.rules:20: warning: rule fb.trash: example: 'your_facebook_activity/posts/trash.json' should be decided by fb.trash (post, private) but fb.all_posts" "shadowed rule named"
expect 3 "shadowed rule: --strict" -- "$bin" rules check --strict "$tmp/shadow"

# the shipped rules are clean and their examples pass
expect 0 "rules check --strict" -- "$bin" rules check --strict "$src/rules"
expect 0 "rules test" -- "$bin" rules test "$src/rules"
contains "$tmp/out" " 0 failed" "rule examples"
expect 0 "rules list" -- "$bin" rules list
contains "$tmp/out" "fb." "rules list shows rules"

# --extra-rules: a maintainer's fix overrides a built-in rule by id
mkdir -p "$tmp/extra"
cat > "$tmp/extra/50-fix.rules" <<'RULES'
rule fb.brand_new_feature
  platform  facebook
  path      (^|/)brand_new_feature/new_things$
  category  other
  verdict   uncertain
  reason    Test rule.
  source    test
  match     your_facebook_activity/brand_new_feature/new_things.json
RULES
expect 0 "extra rules" -- "$bin" scan --format json --extra-rules "$tmp/extra" "$fb"
if grep -q 'new_things.json' "$tmp/out"; then fail "extra rule did not claim the unknown file"; else ok; fi

# a rule that ranks records ("greatest") sees the whole file even when
# members are read one record at a time: the newest record alone is eligible
rk="$tmp/rank"
mkdir -p "$rk/in/your_facebook_activity/ranked" "$rk/rules"
printf '[{"timestamp": 1500000000}, {"timestamp": 1700000000}, {"timestamp": 1600000000}]' \
    > "$rk/in/your_facebook_activity/ranked/things.json"
printf 'rule test.ranked.newest\n  platform facebook\n  path (^|/)ranked/things$\n  when record timestamp greatest\n  category photo\n  verdict eligible\n  reason r\n  source s\n  match your_facebook_activity/ranked/things.json with [{"timestamp": 1}]\nrule test.ranked.older\n  platform facebook\n  path (^|/)ranked/things$\n  category photo\n  verdict uncertain\n  reason r\n  source s\n  match your_facebook_activity/ranked/things.json with [{"timestamp": 1}, {"timestamp": 2}]\n' \
    > "$rk/rules/ranked.rules"
for min in 0 1000000000000; do
    expect 0 "ranked records, --stream-min-bytes $min" -- "$bin" scan --format json --stream-min-bytes "$min" \
        --extra-rules "$rk/rules" "$rk/in"
    if tr -d ' \n' < "$tmp/out" | grep -q '"photo":{"eligible":1,"private":0,"uncertain":2}'; then ok; else
        fail "ranked records with --stream-min-bytes $min: not one newest eligible and two uncertain"
        grep -A3 '"photo"' "$tmp/out"; fi
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
