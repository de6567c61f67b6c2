#!/bin/sh
# packs.sh - signed rule packs and rule drafts, through the command line.
#
# Keys and packs are made here (never the project's release key); the store is
# a temporary XDG_DATA_HOME. A refused install must exit 3, say why, and leave
# the store byte for byte as it was. A scan must use the installed pack (its
# extra rule claims a file the built-in rules leave unmatched), stop using it
# once it is altered, and let --rules win.
# Usage: packs.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"

XDG_DATA_HOME=$tmp/xdg
export XDG_DATA_HOME
store=$XDG_DATA_HOME/trainable/rules
fb=$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip

# The store's content: every file with its hash (empty when there is none).
snapshot() {
    if [ -d "$store" ]; then (cd "$store" && find . | sort && find . -type f | sort | xargs -r sha256sum); fi
}
# A refused install: exit 3, the reason, and no change on disk.
refused() {
    what=$1 reason=$2
    shift 2
    snapshot > "$tmp/before"
    expect 3 "$what" -- "$@"
    contains "$tmp/err" "$reason" "$what: reason"
    snapshot > "$tmp/after"
    if cmp -s "$tmp/before" "$tmp/after"; then ok; else fail "$what: the store changed"; diff "$tmp/before" "$tmp/after"; fi
}
# A copy of the built-in rules at version $2, in folder $1, with one more rule
# that claims the sample's unknown file (so a scan shows which rules it used).
ruleset() {
    rm -rf "$1"
    mkdir -p "$1"
    cp "$src"/rules/*.rules "$1"/
    sed -i "s/^version .*/version   $2/" "$1/00-export.rules"
    cat > "$1/05-pack.rules" <<'EOF'
rule pack.new_things
  platform  facebook
  path      (^|/)brand_new_feature/new_things$
  category  activity
  verdict   private
  reason    Test rule of a rule pack.
  source    classification.md
  match     your_facebook_activity/brand_new_feature/new_things.json
EOF
}
# Change one byte of file $1 at offset $2 (to another byte).
flip() {
    b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null)
    if [ "$b" = x ]; then c=y; else c=x; fi
    printf '%s' "$c" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# ---- keygen -------------------------------------------------------------------
expect 0 "keygen" -- "$bin" rules keygen --secret "$tmp/k1.secret" --public "$tmp/k1.pub"
if grep -qE '^trainable-public-key ed25519 [0-9a-f]{64}$' "$tmp/k1.pub"; then ok; else fail "keygen: public key file"; fi
if [ "$(stat -c %a "$tmp/k1.secret")" = 600 ]; then ok; else fail "keygen: the secret key is readable by others"; fi
cp "$tmp/k1.pub" "$tmp/k1.pub.orig"
expect 3 "keygen over an existing key" -- "$bin" rules keygen --secret "$tmp/k1.secret" --public "$tmp/k1.pub"
if cmp -s "$tmp/k1.pub" "$tmp/k1.pub.orig"; then ok; else fail "keygen replaced an existing key"; fi
expect 0 "second keygen" -- "$bin" rules keygen --secret "$tmp/k2.secret" --public "$tmp/k2.pub"
expect 2 "keygen without --public" -- "$bin" rules keygen --secret "$tmp/k3.secret"

# ---- pack ---------------------------------------------------------------------
ruleset "$tmp/r1" 2026.12.1
expect 0 "pack" -- "$bin" rules pack --key "$tmp/k1.secret" -o "$tmp/v1.pack" "$tmp/r1"
contains "$tmp/v1.pack" "version 2026.12.1" "pack manifest"
contains "$tmp/v1.pack" "file 05-pack.rules" "pack manifest lists the files"
ruleset "$tmp/bad" 2026.12.9
sed -i 's/^  verdict   private/  verdict   maybe/' "$tmp/bad/05-pack.rules"
expect 3 "pack of an invalid rule set" -- "$bin" rules pack --key "$tmp/k1.secret" -o "$tmp/bad.pack" "$tmp/bad"
if [ -e "$tmp/bad.pack" ]; then fail "a pack was written for an invalid rule set"; else ok; fi
ruleset "$tmp/bad" 2026.12.9
sed -i 's|^  match     your_facebook_activity/brand_new_feature/new_things.json|  match     elsewhere/other.json|' "$tmp/bad/05-pack.rules"
expect 3 "pack of a rule set whose examples fail" -- "$bin" rules pack --key "$tmp/k1.secret" -o "$tmp/bad.pack" "$tmp/bad"
if [ -e "$tmp/bad.pack" ]; then fail "a pack was written for a rule set failing its tests"; else ok; fi

# ---- install --------------------------------------------------------------------
refused "install without trusting the key" "signature does not verify" "$bin" rules install "$tmp/v1.pack"
if [ -e "$store" ]; then fail "a refused install created the store"; else ok; fi
expect 0 "install with --trust" -- "$bin" rules install --trust "$tmp/k1.pub" "$tmp/v1.pack"
if [ -f "$store/2026.12.1/pack" ] && cmp -s "$store/2026.12.1/pack" "$tmp/v1.pack"; then ok; else fail "install: pack not in the store"; fi
if ls -a "$store" | grep -q '^\.'"install"; then fail "install left a temporary folder"; else ok; fi

# a pack with one byte changed: in a rule file, in the manifest, at the end
ruleset "$tmp/r2" 2026.12.2
expect 0 "pack v2" -- "$bin" rules pack --key "$tmp/k1.secret" -o "$tmp/v2.pack" "$tmp/r2"
size=$(stat -c %s "$tmp/v2.pack")
cp "$tmp/v2.pack" "$tmp/body.pack" && flip "$tmp/body.pack" $((size - 200))
refused "a pack with one byte of a rule file changed" "does not match its SHA-256" \
    "$bin" rules install --trust "$tmp/k1.pub" "$tmp/body.pack"
sed '0,/^version 2026.12.2$/s//version 2026.12.3/' "$tmp/v2.pack" > "$tmp/manifest.pack"
if [ "$(cmp -l "$tmp/v2.pack" "$tmp/manifest.pack" | wc -l)" = 1 ]; then ok; else fail "manifest.pack: not one byte changed"; fi
refused "a pack with one byte of the manifest changed" "signature does not verify" \
    "$bin" rules install --trust "$tmp/k1.pub" "$tmp/manifest.pack"
cp "$tmp/v2.pack" "$tmp/long.pack" && printf '#' >> "$tmp/long.pack"
refused "a pack with a byte added" "follow the last file" "$bin" rules install --trust "$tmp/k1.pub" "$tmp/long.pack"
head -c $((size - 10)) "$tmp/v2.pack" > "$tmp/short.pack"
refused "a pack cut short" "cut short" "$bin" rules install --trust "$tmp/k1.pub" "$tmp/short.pack"
# signed by a key nobody trusts (the other key is trusted)
expect 0 "pack v2 with the second key" -- "$bin" rules pack --key "$tmp/k2.secret" -o "$tmp/v2k2.pack" "$tmp/r2"
refused "a pack signed by an unknown key" "signature does not verify" \
    "$bin" rules install --trust "$tmp/k1.pub" "$tmp/v2k2.pack"
# older and same versions
ruleset "$tmp/r0" 2026.11.30
expect 0 "pack v0" -- "$bin" rules pack --key "$tmp/k1.secret" -o "$tmp/v0.pack" "$tmp/r0"
refused "an older version" "is not newer than the installed 2026.12.1" \
    "$bin" rules install --trust "$tmp/k1.pub" "$tmp/v0.pack"
refused "the same version again" "is not newer" "$bin" rules install --trust "$tmp/k1.pub" "$tmp/v1.pack"
printf 'not a pack\n' > "$tmp/junk.pack"
refused "a file that is not a pack" "not a trainable rule pack" "$bin" rules install "$tmp/junk.pack"
refused "a pack that does not exist" "cannot open" "$bin" rules install "$tmp/missing.pack"

# ---- scans use the installed pack ------------------------------------------------
expect 0 "scan with the installed pack" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"version": "2026.12.1"' "the report names the pack's version"
contains "$tmp/out" "\"source\": \"installed pack $store/2026.12.1/pack\"" "the report names the pack"
contains "$tmp/out" '"name": "trainable-default"' "the report names the rule set"
if grep -q 'new_things.json' "$tmp/out"; then fail "the pack's rule did not claim the file"; else ok; fi
expect 0 "text report" -- "$bin" scan "$fb"
tr -s ' \n' '  ' < "$tmp/out" > "$tmp/text" # lines are wrapped
contains "$tmp/text" "rules trainable-default 2026.12.1 (" "text report: rule set"
contains "$tmp/text" "installed pack $store/2026.12.1/pack)" "text report: where from"
expect 0 "html report" -- "$bin" scan --format html "$fb"
contains "$tmp/out" "installed pack $store/2026.12.1/pack" "html report: where from"
expect 0 "--rules wins" -- "$bin" scan --format json --rules "$src/rules" "$fb"
contains "$tmp/out" "\"source\": \"--rules $src/rules\"" "--rules: source"
contains "$tmp/out" 'new_things.json' "--rules: the pack is not used"
mkdir -p "$tmp/extra"
cp "$tmp/r1/05-pack.rules" "$tmp/extra/"
sed -i 's/^rule pack.new_things/rule extra.new_things/' "$tmp/extra/05-pack.rules"
expect 0 "--extra-rules on top of the pack" -- "$bin" scan --format json --items --extra-rules "$tmp/extra" "$fb"
contains "$tmp/out" "installed pack $store/2026.12.1/pack + --extra-rules $tmp/extra" "--extra-rules: source"
contains "$tmp/out" '"rule": "extra.new_things"' "--extra-rules: its rule wins"
expect 0 "status" -- "$bin" rules status
contains "$tmp/out" "in use:    trainable-default 2026.12.1" "status: in use"
contains "$tmp/out" "2026.12.1" "status: installed"

# a pack altered after install is not used: built-in rules, with a warning
cp "$store/2026.12.1/pack" "$tmp/saved.pack"
flip "$store/2026.12.1/pack" $(($(stat -c %s "$tmp/saved.pack") - 200))
expect 0 "scan after the installed pack was altered" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"source": "built-in"' "altered pack: built-in rules"
contains "$tmp/err" "installed rule pack 2026.12.1 is not used" "altered pack: warning"
contains "$tmp/out" 'new_things.json' "altered pack: its rule is not used"
expect 0 "status with an altered pack" -- "$bin" rules status
contains "$tmp/out" "not used" "status: altered pack"
cp "$tmp/saved.pack" "$store/2026.12.1/pack"
# a pack whose signer.pub was swapped for another key is not used either
cp "$store/2026.12.1/signer.pub" "$tmp/saved.pub"
cp "$tmp/k2.pub" "$store/2026.12.1/signer.pub"
expect 0 "scan after signer.pub was replaced" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"source": "built-in"' "replaced signer: built-in rules"
cp "$tmp/saved.pub" "$store/2026.12.1/signer.pub"

# newer versions, status, uninstall, downgrade
expect 0 "install a newer version" -- "$bin" rules install --trust "$tmp/k1.pub" "$tmp/v2.pack"
expect 0 "scan uses the newest" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"version": "2026.12.2"' "newest pack in use"
expect 0 "status with two packs" -- "$bin" rules status
contains "$tmp/out" "in use:    trainable-default 2026.12.2" "status: newest in use"
contains "$tmp/out" "installed: 2026.12.1" "status: older listed"
expect 0 "uninstall" -- "$bin" rules uninstall 2026.12.2
if [ -e "$store/2026.12.2" ]; then fail "uninstall left the version"; else ok; fi
expect 0 "scan after uninstall" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"version": "2026.12.1"' "after uninstall: the older pack"
snapshot > "$tmp/before"
expect 3 "uninstall a version not installed" -- "$bin" rules uninstall 2026.12.2
expect 2 "uninstall a path" -- "$bin" rules uninstall ../../etc
snapshot > "$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok; else fail "a failed uninstall changed the store"; fi
expect 0 "--allow-downgrade" -- "$bin" rules install --allow-downgrade --trust "$tmp/k1.pub" "$tmp/v0.pack"
if [ -e "$store/2026.12.1" ] || [ ! -f "$store/2026.11.30/pack" ]; then fail "downgrade: store"; else ok; fi
expect 0 "scan after the downgrade" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"version": "2026.11.30"' "downgrade in use"
expect 0 "uninstall the last" -- "$bin" rules uninstall 2026.11.30
expect 0 "scan with nothing installed" -- "$bin" scan --format json "$fb"
contains "$tmp/out" '"source": "built-in"' "nothing installed: built-in"

# ---- rule drafts -------------------------------------------------------------------
# Fill in a draft's two TODO lines.
fill() {
    sed -i -e "s/^  category  TODO\$/  category  $2/" -e "s/^  verdict   TODO\$/  verdict   $3/" "$1"
}
id=draft.fb.brand_new_feature.new_things
expect 0 "draft from an export" -- "$bin" rules draft "$fb"
mkdir -p "$tmp/draft" && cp "$tmp/out" "$tmp/draft/draft.rules"
contains "$tmp/out" "rule $id" "draft: rule id"
contains "$tmp/out" "  platform  facebook" "draft: platform"
contains "$tmp/out" '  path      (^|/)your_facebook_activity/brand_new_feature/new_things$' "draft: anchored path"
contains "$tmp/out" "  category  TODO" "draft: category TODO"
contains "$tmp/out" "  verdict   TODO" "draft: verdict TODO"
contains "$tmp/out" "  # nearest rule: " "draft: nearest rule named"
contains "$tmp/out" "  time      timestamp" "draft: time selector from the keys"
contains "$tmp/out" "  match     your_facebook_activity/brand_new_feature/new_things.json" "draft: match example"
contains "$tmp/out" "Not drafted: your_facebook_activity/brand_new_feature/summary.csv (other)" "draft: other files named"
if grep -q "^rule " "$tmp/out" && [ "$(grep -c '^rule ' "$tmp/out")" = 1 ]; then ok; else fail "draft: one rule block expected"; fi
expect 3 "rules check refuses TODO" -- "$bin" rules check --extra-rules "$tmp/draft"
contains "$tmp/err" "'category TODO': this rule is an unfinished draft" "check: TODO category message"
contains "$tmp/err" "'verdict TODO': this rule is an unfinished draft" "check: TODO verdict message"
expect 3 "scan refuses a draft with TODO" -- "$bin" scan --extra-rules "$tmp/draft" "$fb"
fill "$tmp/draft/draft.rules" activity private
expect 0 "filled-in draft passes check --strict" -- "$bin" rules check --strict --extra-rules "$tmp/draft"
expect 0 "filled-in draft passes its tests" -- "$bin" rules test --extra-rules "$tmp/draft"
expect 0 "filled-in draft claims the file" -- "$bin" scan --format json --items --extra-rules "$tmp/draft" "$fb"
contains "$tmp/out" "\"rule\": \"$id\"" "draft: its rule decides the file"
if grep -q '"path": "your_facebook_activity/brand_new_feature/new_things.json", "bytes"' "$tmp/out" ||
   grep -A1 '"unmatched"' "$tmp/out" | grep -q new_things; then fail "draft: the file is still unmatched"; else ok; fi
# the same drafts from the schema alone (structure only, as a user would send it)
expect 0 "schema" -- "$bin" schema -o "$tmp/schema.json" "$fb"
expect 0 "draft from the schema" -- "$bin" rules draft -o "$tmp/from-schema.rules" "$tmp/schema.json"
"$bin" rules draft "$fb" > "$tmp/from-export.rules" 2>/dev/null
if cmp -s "$tmp/from-schema.rules" "$tmp/from-export.rules"; then ok; else
    fail "drafts from the schema differ from drafts from the export"; diff "$tmp/from-schema.rules" "$tmp/from-export.rules"; fi
printf '{"not": "a schema"}\n' > "$tmp/notschema.json"
expect 4 "draft from a JSON file that is not a schema" -- "$bin" rules draft "$tmp/notschema.json"
contains "$tmp/err" "not the output of 'trainable schema'" "draft: not a schema"
# Instagram, JSON and its HTML twin
ig=$src/samples/instagram-meilin-2025-09-01-Xy12Ab34.zip
igh=$src/samples/instagram-meilin-2025-09-01-Hq8Rt3Zx.zip
expect 0 "draft for Instagram" -- "$bin" rules draft "$ig"
contains "$tmp/out" "  platform  instagram" "ig draft: platform"
contains "$tmp/out" "  records   collab_invites[*]" "ig draft: records"
contains "$tmp/out" "  text      title" "ig draft: text selector"
contains "$tmp/out" "  time      string_map_data.Time.timestamp" "ig draft: nested time selector"
mkdir -p "$tmp/igdraft" && cp "$tmp/out" "$tmp/igdraft/d.rules" && fill "$tmp/igdraft/d.rules" activity private
expect 0 "ig draft passes check" -- "$bin" rules check --strict --extra-rules "$tmp/igdraft"
expect 0 "ig draft claims the JSON file" -- "$bin" scan --format json --items --extra-rules "$tmp/igdraft" "$ig"
contains "$tmp/out" '"rule": "draft.ig.collabs.collab_invites"' "ig draft: decides the JSON file"
contains "$tmp/out" '"time": "20' "ig draft: items have a time"
expect 0 "ig draft claims the HTML twin" -- "$bin" scan --format json --items --extra-rules "$tmp/igdraft" "$igh"
contains "$tmp/out" '"rule": "draft.ig.collabs.collab_invites"' "ig draft: decides the HTML file"
# an export folder with a new kind of file in conversation folders, numbered
if command -v bsdtar > /dev/null 2>&1; then
    mkdir -p "$tmp/export" && bsdtar -xf "$fb" -C "$tmp/export"
    root=$(find "$tmp/export" -type d -name your_facebook_activity | head -1)
    for t in annasmith_1234567890 bob_9876543210; do
        mkdir -p "$root/messages/inbox/$t"
        for n in 1 2; do
            printf '{"participants": [{"name": "A"}], "notes": [{"content": "x", "timestamp_ms": 1700000000000}]}' \
                > "$root/messages/inbox/$t/voice_notes_$n.json"
        done
    done
    expect 0 "draft for a thread folder file" -- "$bin" rules draft "$tmp/export"
    contains "$tmp/out" '  path      (^|/)your_facebook_activity/messages/inbox/[^/]+/voice_notes_\d+$' "thread draft: generalised path"
    contains "$tmp/out" "  records   notes[*]" "thread draft: records"
    contains "$tmp/out" "  time      timestamp_ms ms" "thread draft: time in milliseconds"
    contains "$tmp/out" "  text      content" "thread draft: text"
    contains "$tmp/out" "  match     your_facebook_activity/messages/inbox/someone_1/voice_notes_1.json" "thread draft: example"
    if grep -q "annasmith\|bob_" "$tmp/out"; then fail "thread draft: names a conversation"; else ok; fi
    mkdir -p "$tmp/thdraft" && cp "$tmp/out" "$tmp/thdraft/d.rules" && fill "$tmp/thdraft/d.rules" message private
    expect 0 "thread draft passes check" -- "$bin" rules check --strict --extra-rules "$tmp/thdraft"
    expect 0 "thread draft claims every file" -- "$bin" scan --format json --items --extra-rules "$tmp/thdraft" "$tmp/export"
    if [ "$(grep -c '"rule": "draft.fb.inbox.voice_notes_N"' "$tmp/out")" = 4 ]; then ok; else
        fail "thread draft: expected 4 items decided by the draft"; grep -c '"rule": "draft' "$tmp/out"; fi
else
    echo "SKIP: bsdtar is not installed (libarchive-tools): thread folder drafts not tested"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
