#!/bin/sh
# repack.sh - the report depends on the export's content only, never on how
# it was packed or unpacked. From the bundled samples, each packing people
# use is generated and scanned; its JSON report (--items) must equal the one
# of the sample as shipped on these keys: totals, categories, media,
# unmatched, errors, complete, items (in order), account, and export.format,
# export.layouts, export.platforms. Not compared: export.parts and
# export.as_of (the parts' names are those of the new packing, and a
# packing may drop the entries' times or the name the date is read from),
# warnings (a folder of parts lists the other files beside them), and the
# tool and rules blocks.
#
# Packings: Python's ZipFile.writestr (mode 0o600 without a file type);
# Info-ZIP zip with -fd, streamed (zip -r - .), -0, -fz, a comment, and a
# self-extractor (a stub in front, zip -A); bsdtar's zip, tar.gz and
# tar.zst; 7-Zip's zip and .7z; the unzipped folder; Windows "Extract All"
# (name/name/...). For the two-part sample: a zip holding the parts, a
# folder holding the parts beside another file, parts unzipped into sibling
# folders ("name" and "name 2"), "Extract All" of each part, and a second
# part unzipped inside the first one's personal_information/
# profile_information/. NFD (macOS) and CP437 (no UTF-8 flag) names: on a
# copy of a sample where one referenced photo has a non-ASCII name.
#
# A tool that is missing skips its packings with a message (never
# silently); without python3 the whole test is skipped (exit 77).
#
# Usage: repack.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"
skipped=0
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
have() { command -v "$1" > /dev/null 2>&1; }

if ! have python3; then
    echo "SKIP: python3 is not installed (scripts/setup.sh --dev installs it): no packing is tested"
    exit 77
fi

cat > "$tmp/helper.py" << 'EOF'
import json, os, sys, unicodedata, zipfile

KEYS = ["totals", "categories", "media", "unmatched", "errors", "complete", "items", "account"]
EXPORT_KEYS = ["format", "layouts", "platforms"]

def files(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(d, n)
            out.append((p, os.path.relpath(p, root)))
    return out

def cmd_compare(ref, got):
    a, b = json.load(open(ref)), json.load(open(got))
    bad = [k for k in KEYS if a.get(k) != b.get(k)]
    bad += ["export." + k for k in EXPORT_KEYS if a["export"].get(k) != b["export"].get(k)]
    for k in bad:
        print("  differs: %s" % k)
        if k in ("items", "media", "unmatched", "errors"):
            x, y = a.get(k) or [], b.get(k) or []
            for i, (p, q) in enumerate(zip(x, y)):
                if p != q:
                    print("    [%d] want %s\n    [%d] got  %s" % (i, p, i, q))
                    break
            if len(x) != len(y):
                print("    %d entries, want %d" % (len(y), len(x)))
        else:
            print("    want %s\n    got  %s" % (json.dumps(a.get(k))[:300], json.dumps(b.get(k))[:300]))
    return 1 if bad else 0

def cmd_writestr(folder, out, names="nfc"):
    # ZipFile.writestr(name, data) stores mode 0o600 << 16: no file type bits
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for p, rel in files(folder):
            data = open(p, "rb").read()
            if names == "nfd":
                z.writestr(unicodedata.normalize("NFD", rel), data)
            elif names == "cp437":
                info = CP437Info(rel)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
            else:
                z.writestr(rel, data)
    return 0

class CP437Info(zipfile.ZipInfo):
    # what Windows Explorer writes: CP437 names, no UTF-8 flag
    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits & ~0x800

def cmd_accent(folder):
    # give one referenced photo a non-ASCII name, in the file and in the JSON
    # that points to it; print the new name's path
    photos = {rel: p for p, rel in files(folder) if rel.lower().endswith((".jpg", ".png"))}
    for p, rel in files(folder):
        if not rel.endswith(".json"):
            continue
        text = open(p, encoding="utf-8").read()
        for prel, ppath in sorted(photos.items()):
            wrapper, _, inner = prel.partition("/")
            if '"' + inner + '"' not in text:
                continue
            d, base = os.path.split(inner)
            new_inner = (d + "/" if d else "") + "Caf\u00e9_\u00c5ngstr\u00f6m_" + base
            os.rename(ppath, os.path.join(folder, wrapper, new_inner))
            open(p, "w", encoding="utf-8").write(text.replace('"' + inner + '"', '"' + new_inner + '"'))
            print(new_inner)
            return 0
    print("no referenced photo found", file=sys.stderr)
    return 1

def cmd_referenced(report, path):
    media = json.load(open(report)).get("media") or []
    return 0 if any(m["path"] == path and m.get("referenced") for m in media) else 1

def cmd_unzip(zpath, folder):
    with zipfile.ZipFile(zpath) as z:
        z.extractall(folder)
    return 0

sys.exit(globals()["cmd_" + sys.argv[1]](*sys.argv[2:]))
EOF
py() { python3 "$tmp/helper.py" "$@"; }

# check NAME REF INPUT...: the report of INPUT... equals REF on the keys above
check() {
    name=$1 ref=$2
    shift 2
    "$bin" scan --format json --items "$@" > "$tmp/got.json" 2> "$tmp/got.err"
    code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then
        fail "$name: exit $code"
        sed 's/^/    /' "$tmp/got.err" | head -5
        return
    fi
    if py compare "$ref" "$tmp/got.json" > "$tmp/diff"; then ok; else fail "$name: report differs"; cat "$tmp/diff"; fi
}

# unzip_clean ZIP DIR: unpack without the __MACOSX junk a Mac adds
unzip_clean() {
    mkdir -p "$2" && py unzip "$1" "$2" && rm -rf "$2/__MACOSX"
}

# ---- one-zip samples ---------------------------------------------------------
for sample in facebook-jdoe-2025-06-01-Ab12Cd34 instagram-meilin-2025-09-01-Xy12Ab34 \
    facebook-jdoe-2025-06-01-Ht5Lm9Qw noorhaddad_20220820 facebook-lenavogt; do
    zip="$src/samples/$sample.zip"
    w="$tmp/$sample"
    mkdir -p "$w"
    "$bin" scan --format json --items "$zip" > "$w/ref.json" 2> /dev/null
    unzip_clean "$zip" "$w/u"
    case_dir() { rm -rf "$w/c" && mkdir -p "$w/c" && echo "$w/c"; }

    c=$(case_dir) && py writestr "$w/u" "$c/$sample.zip" && check "$sample: Python writestr" "$w/ref.json" "$c/$sample.zip"
    check "$sample: unzipped folder" "$w/ref.json" "$w/u"
    c=$(case_dir) && mkdir -p "$c/$sample" && cp -R "$w/u" "$c/$sample/$sample" &&
        check "$sample: Extract All (name/name)" "$w/ref.json" "$c/$sample"
    if have zip; then
        for opt in -fd -0 -fz; do
            c=$(case_dir) && (cd "$w/u" && zip -q -r $opt "$c/$sample.zip" .) &&
                check "$sample: zip $opt" "$w/ref.json" "$c/$sample.zip"
        done
        c=$(case_dir) && (cd "$w/u" && zip -q -r - . > "$c/$sample.zip") &&
            check "$sample: zip streamed" "$w/ref.json" "$c/$sample.zip"
        c=$(case_dir) && (cd "$w/u" && zip -q -r "$c/$sample.zip" . && echo "an export" | zip -q -z "$c/$sample.zip") &&
            check "$sample: zip with a comment" "$w/ref.json" "$c/$sample.zip"
        c=$(case_dir) && (cd "$w/u" && zip -q -r "$c/part.zip" .) &&
            printf '#!/bin/sh\necho "a self-extracting stub"\nexit 0\n' > "$c/stub" &&
            cat "$c/stub" "$c/part.zip" > "$c/$sample.exe" && rm "$c/part.zip" && zip -q -A "$c/$sample.exe" &&
            check "$sample: self-extractor (zip -A)" "$w/ref.json" "$c/$sample.exe"
    else
        skip "$sample: Info-ZIP zip is not installed: zip -fd/-0/-fz/streamed/comment/self-extractor not tested"
    fi
    if have bsdtar; then
        for ext in zip tar.gz tar.zst; do
            c=$(case_dir) && bsdtar -a -cf "$c/$sample.$ext" -C "$w/u" . 2> "$c/err" &&
                check "$sample: bsdtar $ext" "$w/ref.json" "$c/$sample.$ext" ||
                { grep -q . "$c/err" && skip "$sample: bsdtar cannot write $ext: $(head -1 "$c/err")"; }
        done
    else
        skip "$sample: bsdtar is not installed: its zip, tar.gz and tar.zst not tested"
    fi
    sevenzip=""
    for t in 7zz 7z 7za; do have $t && sevenzip=$t && break; done
    if [ -n "$sevenzip" ]; then
        c=$(case_dir) && (cd "$w/u" && $sevenzip a -tzip "$c/$sample.zip" . > /dev/null) &&
            check "$sample: 7-Zip zip" "$w/ref.json" "$c/$sample.zip"
        c=$(case_dir) && (cd "$w/u" && $sevenzip a "$c/$sample.7z" . > /dev/null) &&
            check "$sample: 7-Zip 7z" "$w/ref.json" "$c/$sample.7z"
    else
        skip "$sample: 7-Zip is not installed (Debian package 7zip): its zip and .7z not tested"
    fi
    rm -rf "$w/u" "$w/c"
done

# ---- the two-part sample -----------------------------------------------------
stem=facebook-meiko-2025-03-15-Zz98Yy76
p1="$src/samples/$stem-part1.zip" p2="$src/samples/$stem-part2.zip"
w="$tmp/parts"
mkdir -p "$w"
"$bin" scan --format json --items "$p1" "$p2" > "$w/ref.json" 2> /dev/null
unzip_clean "$p1" "$w/u1"
unzip_clean "$p2" "$w/u2"
wrapper=$(ls "$w/u1")

check "parts: in reverse order" "$w/ref.json" "$p2" "$p1"
mkdir -p "$w/dl" && cp "$p1" "$p2" "$w/dl/" && echo "shopping list" > "$w/dl/notes.txt" &&
    mkdir -p "$w/dl/holiday" && echo "not an export" > "$w/dl/holiday/photo.jpg" &&
    check "parts: a folder holding them beside other files" "$w/ref.json" "$w/dl"
if have zip; then
    (cd "$w/dl" && zip -q -0 "$w/all-parts.zip" "$stem-part1.zip" "$stem-part2.zip") &&
        check "parts: a zip holding them (stored)" "$w/ref.json" "$w/all-parts.zip"
    (cd "$w/dl" && zip -q "$w/all-parts-deflated.zip" "$stem-part2.zip" "$stem-part1.zip") &&
        check "parts: a zip holding them (deflated)" "$w/ref.json" "$w/all-parts-deflated.zip"
else
    py writestr "$w/dl" "$w/all-parts.zip" && check "parts: a zip holding them" "$w/ref.json" "$w/all-parts.zip"
fi
mkdir -p "$w/sib" && cp -R "$w/u1/$wrapper" "$w/sib/$wrapper" && cp -R "$w/u2/$wrapper" "$w/sib/$wrapper 2" &&
    check "parts: unzipped into sibling folders (name, name 2)" "$w/ref.json" "$w/sib"
mkdir -p "$w/xa" && cp -R "$w/u1" "$w/xa/$stem-part1" && cp -R "$w/u2" "$w/xa/$stem-part2" &&
    check "parts: Extract All of each part" "$w/ref.json" "$w/xa"
mkdir -p "$w/nest" && cp -R "$w/u1/$wrapper" "$w/nest/" &&
    cp -R "$w/u2/$wrapper/." "$w/nest/$wrapper/personal_information/profile_information/" &&
    check "parts: part 2 unzipped inside part 1's personal_information/profile_information" "$w/ref.json" "$w/nest"
if have bsdtar; then
    mkdir -p "$w/both" && cp -R "$w/u1/." "$w/both/" && cp -R "$w/u2/." "$w/both/" &&
        bsdtar -czf "$w/$stem.tar.gz" -C "$w/both" . && check "parts: merged into one tar.gz" "$w/ref.json" "$w/$stem.tar.gz"
else
    skip "parts: bsdtar is not installed: the merged tar.gz not tested"
fi

# ---- names: NFD (macOS) and CP437 (no UTF-8 flag) ----------------------------
sample=facebook-jdoe-2025-06-01-Ab12Cd34
w="$tmp/names"
unzip_clean "$src/samples/$sample.zip" "$w/u"
if accented=$(py accent "$w/u"); then
    mkdir -p "$w/nfc" "$w/nfd" "$w/cp437"
    py writestr "$w/u" "$w/nfc/$sample.zip" nfc
    "$bin" scan --format json --items "$w/nfc/$sample.zip" > "$w/ref.json" 2> /dev/null
    # the renamed photo is found under its NFC name, else this test proves nothing
    if py referenced "$w/ref.json" "$accented"; then ok; else fail "names: $accented is not referenced in the NFC packing"; fi
    py writestr "$w/u" "$w/nfd/$sample.zip" nfd && check "names: NFD (macOS)" "$w/ref.json" "$w/nfd/$sample.zip"
    py writestr "$w/u" "$w/cp437/$sample.zip" cp437 && check "names: CP437 without the UTF-8 flag" "$w/ref.json" "$w/cp437/$sample.zip"
else
    fail "names: could not make the accented copy"
fi

echo "repack: $passes passed, $fails failed, $skipped skipped"
[ "$fails" -eq 0 ]
