#!/bin/sh
# make-seeds.sh SOURCE_DIR OUT_DIR - build the seed corpora of the fuzz
# harnesses from samples/ and rules/ (nothing is committed but this script):
#
#   OUT_DIR/rules/  every rules/*.rules file
#   OUT_DIR/json/   every JSON member of every sample zip
#   OUT_DIR/html/   every HTML member, behind the harness's chunk-size byte
#   OUT_DIR/text/   a selector line from the rules, then a JSON member
#   OUT_DIR/scan/   every sample zip, and its documents in a stored zip
#   OUT_DIR/jdoc/   the JSON members of json/, and small documents with the
#                   JSON reader's corner cases (escapes, numbers, duplicates)
#
# Run at build time (the fuzz-seeds target). Extracts to a temporary folder
# with bsdtar (or cmake -E tar), which the tool itself never does.
set -eu
src=$1 out=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out.new"
mkdir -p "$out.new/rules" "$out.new/json" "$out.new/html" "$out.new/text" "$out.new/scan" "$out.new/jdoc"

cp "$src"/rules/*.rules "$out.new/rules/"
i=0
for z in "$src"/samples/*.zip; do
    i=$((i + 1))
    cp "$z" "$out.new/scan/"
    mkdir "$tmp/$i"
    (cd "$tmp/$i" && { bsdtar -xf "$z" 2>/dev/null || cmake -E tar xf "$z"; }) || true
done

# Stored (uncompressed) zips of each sample's documents: the fuzzer's
# mutations then reach the JSON and the zip structure, not deflate data.
if command -v bsdtar >/dev/null 2>&1; then
    for d in "$tmp"/[0-9]*; do
        (cd "$d" && find . -type f \( -name '*.json' -o -name '*.html' \) | LC_ALL=C sort |
            bsdtar -c --format zip --options zip:compression=store -T - -f "$out.new/scan/stored-$(basename "$d").zip") ||
            true
    done
fi

# Members get a name from their sample number and a running count.
n=0
find "$tmp" -type f -name '*.json' | LC_ALL=C sort > "$tmp/json.list"
while IFS= read -r f; do
    n=$((n + 1))
    cp "$f" "$out.new/json/m$n.json"
done < "$tmp/json.list"
n=0
find "$tmp" -type f \( -name '*.html' -o -name '*.htm' \) | LC_ALL=C sort > "$tmp/html.list"
while IFS= read -r f; do
    n=$((n + 1))
    { printf 'A'; cat "$f"; } > "$out.new/html/h$n.html"
done < "$tmp/html.list"

# Selectors as the rules write them (records/time/text/media/value lines),
# each paired with a few JSON members.
grep -h -E '^[[:space:]]*(records|time|time_ms|text|media|value)[[:space:]]' "$src"/rules/*.rules 2>/dev/null |
    sed -E 's/^[[:space:]]*[a-z_]+[[:space:]]+//' | LC_ALL=C sort -u | head -n 60 > "$tmp/sel.list" || true
printf '%s\n' '.' '**.uri' 'messages[*].content' '"Time|Zeit".value' '[*].data[0]' >> "$tmp/sel.list"
n=0
while IFS= read -r sel; do
    n=$((n + 1))
    j=$(sed -n "$(( (n % 40) + 1 ))p" "$tmp/json.list")
    { printf '%s\n' "$sel"; [ -n "$j" ] && cat "$j"; } > "$out.new/text/s$n"
done < "$tmp/sel.list"

# The JSON reader (fuzz_jdoc): the same members, and its corner cases, one
# document a line.
for f in "$out.new"/json/*; do
    [ -f "$f" ] && cp "$f" "$out.new/jdoc/"
done
n=0
while IFS= read -r doc; do
    n=$((n + 1))
    printf '%s' "$doc" > "$out.new/jdoc/c$n.json"
done <<'DOCS'
"\"\\\/\b\f\n\r\t \u0041\u00e9\u20AC\uffff \ud83d\ude00 \u0000 é€😀"
["\ud800","\udc00","\ud83d\u0041","\u12G4","\x"]
[0,-0,1,-1,9223372036854775807,-9223372036854775808,9223372036854775808,01,1.,.5,+1,-]
[0.0,-0.0,1.5e3,1E-2,1e+5,1e400,-1e400,1e-400,4.9e-324,1.7976931348623157e308,2.2250738585072011e-308]
[true,false,null,tru,nul,fals,truex]
{"a":1,"b":2,"a":3,"":4,"\u0061":5,"A":6}
{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18,"k0":-0,"k9":-9,"k18":-18}
[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"a":[{"b":{}}]}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
1 "two" [3] {"four":4} null
{"messages":[{"sender_name":"Jane","timestamp_ms":1700000000123,"content":"Hi \u00f0\u009f\u0098\u0080"}]}
DOCS
# NUL bytes after a number and a literal (jansson 2.14 skips one there)
printf '[1\000,true\000]' > "$out.new/jdoc/nul-after-token.json"

rm -rf "$out"
mv "$out.new" "$out"
echo "fuzz seeds: $(ls "$out/rules" | wc -l) rules, $(ls "$out/json" | wc -l) json, $(ls "$out/html" | wc -l) html, $(ls "$out/text" | wc -l) text, $(ls "$out/scan" | wc -l) scan, $(ls "$out/jdoc" | wc -l) jdoc"
