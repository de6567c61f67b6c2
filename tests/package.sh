#!/bin/sh
# package.sh - the Debian package and the install rules.
#   1. `cmake --install` into a throwaway prefix puts the command, the two
#      manual pages, the three completions and the documentation in place;
#   2. `cpack -G DEB` makes trainable_<version>_<arch>.deb with the Depends of
#      dpkg-shlibdeps, a copyright file and changelog.Debian.gz; extracted with
#      `dpkg-deb -x` into a throwaway root, its binary scans a sample, names
#      its version and rule set, its manual pages render without a warning,
#      and its bash completion completes;
#   3. lintian reports no error (skipped with a note when lintian is missing).
# Usage: package.sh TRAINABLE SOURCE_DIR BINARY_DIR VERSION
# Exit 77 (skipped) when cpack or dpkg-deb is missing.
set -u
bin=$1 src=$2 build=$3 version=$4
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"
fb="$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip"

# ---- cmake --install -----------------------------------------------------------
expect 0 "cmake --install" -- cmake --install "$build" --prefix "$tmp/prefix"
for f in bin/trainable share/man/man1/trainable.1.gz share/man/man5/trainable-rules.5.gz \
    share/bash-completion/completions/trainable share/zsh/vendor-completions/_trainable \
    share/fish/vendor_completions.d/trainable.fish share/doc/trainable/README.md \
    share/doc/trainable/facts.md share/doc/trainable/rules.md share/doc/trainable/copyright \
    share/doc/trainable/changelog.Debian.gz; do
    if [ -f "$tmp/prefix/$f" ]; then ok; else fail "cmake --install: $f missing"; fi
done
expect 0 "installed binary --version" -- "$tmp/prefix/bin/trainable" --version

# ---- --version names the rule set scans use: built in, or an installed pack ----
expect 0 "--version" -- env XDG_DATA_HOME="$tmp/data" "$bin" --version
contains "$tmp/out" "(built-in, " "--version: the built-in rule set"
cp -r "$src/rules" "$tmp/newer"
sed -i 's/^version .*/version   2999.1.1/' "$tmp/newer/00-export.rules"
expect 0 "rules keygen" -- "$bin" rules keygen --secret "$tmp/k.sec" --public "$tmp/k.pub"
expect 0 "rules pack" -- "$bin" rules pack --key "$tmp/k.sec" -o "$tmp/newer.pack" "$tmp/newer"
expect 0 "rules install" -- env XDG_DATA_HOME="$tmp/data" "$bin" rules install --trust "$tmp/k.pub" "$tmp/newer.pack"
expect 0 "--version with a pack installed" -- env XDG_DATA_HOME="$tmp/data" "$bin" --version
contains "$tmp/out" " 2999.1.1 (installed pack " "--version: the installed pack, its version and where it is"

# ---- the .deb --------------------------------------------------------------------
if ! command -v cpack >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "SKIP: cpack or dpkg-deb is missing: the Debian package is not built"
    echo "$passes passed, $fails failed"
    [ "$fails" -eq 0 ] || exit 1
    exit 77
fi
arch=$(dpkg --print-architecture)
deb="$tmp/deb/trainable_${version}_${arch}.deb"
expect 0 "cpack -G DEB" -- cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb"
if [ -f "$deb" ]; then ok; else fail "cpack made no $(basename "$deb")"; ls "$tmp/deb" | sed 's/^/    /'; fi

dpkg-deb -f "$deb" > "$tmp/control"
contains "$tmp/control" "Package: trainable" "control: package name"
contains "$tmp/control" "Version: $version" "control: version"
contains "$tmp/control" "Depends: " "control: Depends (dpkg-shlibdeps)"
contains "$tmp/control" "libarchive" "control: depends on libarchive"
contains "$tmp/control" "libc6" "control: depends on libc6"
contains "$tmp/control" "Description: " "control: description"
contains "$tmp/control" " It runs entirely on the local machine" "control: long description"
lacks() { if grep -qF -- "$2" "$1"; then fail "$3: '$2' found"; else ok; fi; }
lacks "$tmp/control" "&quot;" "control: description not XML-escaped"

mkdir "$tmp/root"
expect 0 "dpkg-deb -x" -- dpkg-deb -x "$deb" "$tmp/root"
r="$tmp/root/usr"
for f in bin/trainable share/man/man1/trainable.1.gz share/man/man5/trainable-rules.5.gz \
    share/bash-completion/completions/trainable share/zsh/vendor-completions/_trainable \
    share/fish/vendor_completions.d/trainable.fish share/doc/trainable/copyright \
    share/doc/trainable/changelog.Debian.gz share/doc/trainable/facts.md share/doc/trainable/rules.md; do
    if [ -f "$r/$f" ]; then ok; else fail "the .deb lacks /usr/$f"; fi
done
contains "$r/share/doc/trainable/copyright" "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" \
    "copyright in Debian's format"
gzip -dc "$r/share/doc/trainable/changelog.Debian.gz" > "$tmp/changelog"
contains "$tmp/changelog" "trainable ($version)" "changelog names this version"

# the extracted binary works
expect 0 "extracted binary --version" -- "$r/bin/trainable" --version
contains "$tmp/out" "trainable $version" "--version names the engine version"
contains "$tmp/out" "rule set trainable-default " "--version names the rule set"
expect 0 "extracted binary scans a sample" -- "$r/bin/trainable" scan --format json "$fb"
contains "$tmp/out" '"complete": true' "extracted binary: complete report"
expect 0 "extracted binary: objection" -- "$r/bin/trainable" objection --region eu "$fb"
contains "$tmp/out" "docs/facts.md" "objection names the facts page"

# the extracted manual pages render without a warning
if command -v man >/dev/null 2>&1; then
    for p in man1/trainable.1.gz man5/trainable-rules.5.gz; do
        MANWIDTH=80 man --warnings -l "$r/share/man/$p" > "$tmp/page" 2> "$tmp/warn"
        if [ -s "$tmp/warn" ]; then fail "$p: man --warnings"; sed 's/^/    /' "$tmp/warn"; else ok; fi
        if [ -s "$tmp/page" ]; then ok; else fail "$p renders empty"; fi
    done
else
    echo "note: man-db is not installed: the packaged manual pages are not rendered"
fi

# the packaged bash completion completes (needs Debian's bash-completion)
if [ -f /usr/share/bash-completion/bash_completion ] && command -v bash >/dev/null 2>&1; then
    cat > "$tmp/complete.bash" <<'EOS'
. /usr/share/bash-completion/bash_completion
. "$1"
c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
      COMPREPLY=(); _trainable trainable "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; echo "${COMPREPLY[*]}"; }
c trainable ""
c trainable scan --regi
c trainable objection --region ""
c trainable scan --lang ""
c trainable scan --format ""
c trainable rules ""
EOS
    bash "$tmp/complete.bash" "$r/share/bash-completion/completions/trainable" > "$tmp/compl" 2>&1
    contains "$tmp/compl" "scan objection schema rules" "bash completion: commands"
    contains "$tmp/compl" "--region" "bash completion: options"
    contains "$tmp/compl" "eu ch uk br kr us other" "bash completion: --region values"
    contains "$tmp/compl" "en fr de es it nl pt" "bash completion: --lang values"
    contains "$tmp/compl" "text json jsonl csv html" "bash completion: --format values"
    contains "$tmp/compl" "check test list" "bash completion: rules commands"
else
    echo "note: bash-completion is not installed: the bash completion is not exercised"
fi
if command -v zsh >/dev/null 2>&1; then
    expect 0 "zsh completion parses" -- zsh -n "$r/share/zsh/vendor-completions/_trainable"
else
    echo "note: zsh is not installed: its completion is not checked"
fi
if command -v fish >/dev/null 2>&1; then
    expect 0 "fish completion parses" -- fish -n "$r/share/fish/vendor_completions.d/trainable.fish"
    fish -c "source '$r/share/fish/vendor_completions.d/trainable.fish'; complete -C 'trainable scan --region '" \
        > "$tmp/fish" 2>&1
    contains "$tmp/fish" "other" "fish completion: --region values"
else
    echo "note: fish is not installed: its completion is not checked"
fi

# lintian: no error
if command -v lintian >/dev/null 2>&1; then
    lintian --no-tag-display-limit "$deb" > "$tmp/lintian" 2>&1
    if grep -q '^E: ' "$tmp/lintian"; then fail "lintian reports errors"; sed 's/^/    /' "$tmp/lintian"
    else ok; sed -n 's/^[WI]: /    lintian: /p' "$tmp/lintian"; fi
else
    echo "note: lintian is not installed (scripts/setup.sh --dev installs it): the package is not linted"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
