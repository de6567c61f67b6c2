#!/bin/sh
# build-web.sh - build the browser edition: build-web/trainable.html, one
# self-contained page holding the engine compiled to WebAssembly.
#
#   scripts/build-web.sh               install what is missing, build
#   scripts/build-web.sh --no-install  only build
#
# It uses Debian's emscripten package (which works offline: its system
# libraries are prebuilt; no emscripten "ports" are used, as they download).
# zlib, libarchive, PCRE2 (interpreter only), jansson and libxml2 are built
# from Debian's own source packages (apt-get source, through a private apt
# configuration under build-web/apt, so the machine's apt sources are not
# changed) into build-web/prefix, once: later runs reuse them. Then the
# engine (src/, single-threaded: TR_NO_THREADS) and the page's glue (web/)
# are compiled and web/template.html gets everything inlined.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/build-web
install=1
for arg in "$@"; do
    case "$arg" in
    --no-install) install=0 ;;
    *) echo "build-web.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

# 1. Packages: emscripten (with Debian's clang, lld, binaryen, node-acorn),
#    dpkg-dev for apt-get source, autotools-dev for a config.sub that knows
#    emscripten (as Debian's own builds refresh it), python3 for the
#    template step.
packages="emscripten dpkg-dev autotools-dev python3 make"
if [ "$install" = 1 ]; then
    missing=""
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo=sudo
        echo "Installing:$missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
    fi
fi
command -v emcc > /dev/null || { echo "build-web.sh: emcc not found (install Debian's emscripten package)" >&2; exit 1; }
# emscripten's optimizer needs Debian's acorn, which a Node that is not
# Debian's own finds only this way.
NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export NODE_PATH
# Debian's emscripten ships its system libraries prebuilt in a frozen cache:
# leave EM_CACHE alone.
nice="nice -n 15"
jobs=2

mkdir -p "$out/src" "$out/prefix/lib" "$out/prefix/include" "$out/logs"
prefix=$out/prefix

# 2. Debian's source packages, fetched once.
apt_dir=$out/apt
aptopts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=$apt_dir/sources.list.d
 -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache -o Dir::State::status=/var/lib/dpkg/status
 -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
# fetch SOURCE-PACKAGE BINARY-PACKAGE: into build-web/src/SOURCE-PACKAGE-*/, at
# the source version of the installed BINARY-PACKAGE (the library the native
# build links), else the newest Debian 12 has.
fetch() {
    if ls -d "$out/src/$1"-[0-9]*/ > /dev/null 2>&1; then return 0; fi
    if [ ! -f "$apt_dir/updated" ]; then
        mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
        key=/usr/share/keyrings/debian-archive-keyring.gpg
        cat > "$apt_dir/sources.list" <<SRC
deb-src [signed-by=$key] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$key] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=$key] http://deb.debian.org/debian-security bookworm-security main
SRC
        # shellcheck disable=SC2086
        apt-get $aptopts update -qq
        touch "$apt_dir/updated"
    fi
    v=$(dpkg-query -W -f='${source:Version}' "$2" 2>/dev/null || true)
    # shellcheck disable=SC2086
    others=$(apt-cache $aptopts showsrc "$1" | sed -n 's/^Version: //p' | sort -r -V -u)
    for w in $v $(echo "$others" | grep -vxF "$v"); do
        echo "Fetching Debian's source of $1 $w"
        # shellcheck disable=SC2086
        if (cd "$out/src" && apt-get $aptopts source -qq "$1=$w" > "$out/logs/fetch-$1.log" 2>&1); then
            [ -z "$v" ] || [ "$w" = "$v" ] ||
                echo "build-web.sh: warning: the source of $1 $v (installed) could not be fetched; using $w" >&2
            return 0
        fi
        tail -3 "$out/logs/fetch-$1.log" >&2
    done
    echo "build-web.sh: no source of $1 could be fetched" >&2
    exit 1
}
srcdir() { ls -d "$out/src/$1"-[0-9]*/ | head -1; }

# Debian's patches touch Makefile.am and configure.ac: make the generated
# files newer again (in the order autotools makes them), so that make does
# not try to run automake, which this build does not need.
fresh_autotools() {
    for f in aclocal.m4 configure config.h.in build/autoconf/config.h.in; do
        [ -f "$f" ] && touch "$f" && sleep 1
    done
    find . -name Makefile.in -exec touch {} +
}

# run NAME CMD...: run a library build step, logged; show the log's end on failure
run() {
    name=$1; shift
    if ! $nice "$@" >> "$out/logs/$name.log" 2>&1; then
        echo "build-web.sh: building $name failed ($*); the end of $out/logs/$name.log:" >&2
        tail -20 "$out/logs/$name.log" >&2
        exit 1
    fi
}

# configure cross-compiles (it cannot run what emcc makes) and links its
# tests unoptimised (an optimised emcc link runs binaryen each time); make
# compiles with -O2.
host=wasm32-unknown-emscripten
export CFLAGS="-O0" EMCC_SKIP_SANITY_CHECK=1
opt="CFLAGS=-O2"
build_zlib() {
    [ -f "$prefix/lib/libz.a" ] && return 0
    fetch zlib zlib1g; d=$(srcdir zlib); echo "Building zlib"
    (cd "$d" && run zlib env CC=emcc AR=emar RANLIB=emranlib CHOST=wasm32 CFLAGS=-O2 ./configure --static --prefix="$prefix" &&
        run zlib emmake make -j$jobs libz.a && run zlib emmake make install)
}
build_pcre2() {
    [ -f "$prefix/lib/libpcre2-8.a" ] && return 0
    fetch pcre2 libpcre2-8-0; d=$(srcdir pcre2); echo "Building PCRE2"
    (cd "$d" && fresh_autotools && run pcre2 emconfigure ./configure --host=$host --disable-dependency-tracking --prefix="$prefix" --disable-shared --enable-static \
        --disable-jit --enable-pcre2-8 --disable-pcre2-16 --disable-pcre2-32 --disable-pcre2grep-libz \
        --disable-pcre2grep-libbz2 --disable-pcre2test-libedit --disable-pcre2test-libreadline &&
        run pcre2 emmake make -j$jobs $opt libpcre2-8.la &&
        run pcre2 emmake make install-libLTLIBRARIES install-nodist_includeHEADERS install-pkgconfigDATA)
}
build_jansson() { # its Debian source has no configure script: CMake
    [ -f "$prefix/lib/libjansson.a" ] && return 0
    fetch jansson libjansson4; d=$(srcdir jansson); echo "Building jansson"
    (cd "$d" && run jansson emcmake cmake -S . -B build-web -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF \
        -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON -DCMAKE_C_FLAGS=-O2 &&
        run jansson cmake --build build-web -j$jobs && run jansson cmake --install build-web)
}
build_libxml2() {
    [ -f "$prefix/lib/libxml2.a" ] && return 0
    fetch libxml2 libxml2; d=$(srcdir libxml2); echo "Building libxml2"
    # Threads stay on: without -pthread emscripten supplies the stubs.
    (cd "$d" && cp /usr/share/misc/config.sub /usr/share/misc/config.guess . && fresh_autotools &&
        run libxml2 emconfigure ./configure --host=$host --disable-dependency-tracking --prefix="$prefix" --disable-shared --enable-static \
        --without-python --without-zlib --without-lzma --without-http --without-ftp --without-icu \
        --without-readline --without-history --without-modules --without-debug --with-threads \
        --disable-maintainer-mode &&
        run libxml2 emmake make -j$jobs $opt libxml2.la &&
        run libxml2 emmake make install-libLTLIBRARIES install-pkgconfigDATA &&
        run libxml2 emmake make -C include install)
}
build_libarchive() {
    [ -f "$prefix/lib/libarchive.a" ] && return 0
    fetch libarchive libarchive13; d=$(srcdir libarchive); echo "Building libarchive"
    (cd "$d" && fresh_autotools &&
        run libarchive emconfigure ./configure --host=$host --disable-dependency-tracking --prefix="$prefix" --disable-shared --enable-static \
        --disable-bsdtar --disable-bsdcat --disable-bsdcpio --disable-acl --disable-xattr \
        --with-zlib --without-bz2lib --without-libb2 --without-iconv --without-lz4 --without-zstd \
        --without-lzma --without-cng --without-mbedtls --without-nettle --without-openssl \
        --without-xml2 --without-expat CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" &&
        run libarchive emmake make -j$jobs $opt libarchive.la &&
        run libarchive emmake make install-libLTLIBRARIES install-includeHEADERS install-pkgconfigDATA)
}
# zlib first (libarchive needs it); the others side by side, one make job
# each: their configure scripts, which run one check at a time, take most
# of the time. Logs are in build-web/logs/.
for pkg in "zlib zlib1g" "pcre2 libpcre2-8-0" "jansson libjansson4" "libxml2 libxml2" \
           "libarchive libarchive13"; do
    # shellcheck disable=SC2086
    fetch $pkg
done
build_zlib
jobs=1
build_pcre2 & p1=$!
build_jansson & p2=$!
build_libxml2 & p3=$!
build_libarchive & p4=$!
for p in $p1 $p2 $p3 $p4; do wait $p || exit 1; done
jobs=2
[ "${TR_WEB_LIBS_ONLY:-0}" = 1 ] && { echo "Libraries built in $prefix"; exit 0; }

# 4. The engine: every source of the core library (src/*/ but the
#    command line's src/cli/, whatever stage folders they sit in) and the
#    embedded rules (written by CMake's own script), compiled by emcc without
#    threads (TR_NO_THREADS). The SSE2 code paths build as WebAssembly SIMD
#    (-msimd128 -msse2: emscripten maps the SSE2 intrinsics onto it);
#    carry-less multiplication has no equivalent, so zip members are checked
#    by libarchive with zlib's CRC-32 (crc32.c). Copies use WebAssembly's
#    bulk memory instructions (-mbulk-memory; web/trainable_web.c replaces
#    the C library's memcpy, which calls out to JavaScript). An object is
#    compiled again when its source or any header of src/ is newer.
echo "Building the engine"
engine=$out/engine
mkdir -p "$engine/obj"
flags="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat-security -Werror -O2 -DTR_NO_THREADS -DTR_NO_UNISTRING -msimd128 -msse2 -mbulk-memory"
includes="-I$prefix/include -I$prefix/include/libxml2"
for d in "$root"/src/*/; do includes="$includes -I$d"; done
run engine cmake -DOUT="$engine/embedded_rules.c" -DSRC_DIR="$root/rules" -P "$root/cmake/embed_rules.cmake"
# the message catalogs, compiled and embedded as the native build does
mkdir -p "$engine/po"
langs=""
for po in "$root"/po/*.po; do
    lang=$(basename "$po" .po)
    run engine msgfmt --check -o "$engine/po/$lang.mo" "$po"
    langs="${langs:+$langs,}$lang"
done
run engine cmake -DOUT="$engine/embedded_catalogs.c" -DMO_DIR="$engine/po" -DLANGS="$langs" \
    -P "$root/cmake/embed_mo.cmake"
newest_h=$(find "$root/src" -name '*.h' -newer "$engine/stamp" 2>/dev/null | head -1)
[ -f "$engine/stamp" ] || newest_h=all
: > "$engine/sources"
: > "$engine/objects.new"
for c in "$root"/src/*/*.c "$engine/embedded_rules.c" "$engine/embedded_catalogs.c" "$root/web/trainable_web.c"; do
    case "$c" in "$root"/src/cli/*) continue ;; esac
    # rule packs (libsodium) are installed by the command line; the page
    # scans with the built-in rules and has no libsodium
    grep -q '#include <sodium.h>' "$c" && continue
    o=$engine/obj/$(echo "${c#"$root"/}" | tr / _).o
    echo "$o" >> "$engine/objects.new"
    if [ -n "$newest_h" ] || [ ! -f "$o" ] || [ "$c" -nt "$o" ]; then echo "$c $o" >> "$engine/sources"; fi
done
mv "$engine/objects.new" "$engine/objects"
# shellcheck disable=SC2086
if ! $nice xargs -r -P $jobs -L 1 sh -c 'emcc '"$flags $includes"' -c "$0" -o "$1"' < "$engine/sources" \
        >> "$out/logs/engine.log" 2>&1; then
    echo "build-web.sh: compiling the engine failed; the end of $out/logs/engine.log:" >&2
    tail -30 "$out/logs/engine.log" >&2
    exit 1
fi
touch "$engine/stamp"

# 5. The page's glue (web/) linked with the libraries, then inlined.
version=$(sed -n 's/^#define TR_VERSION "\(.*\)"/\1/p' "$root"/src/*/*.h | head -1)
echo "Linking the page's engine"
# The core as a library, so that only what the page calls is linked.
rm -f "$engine/libtrainable.a"
# shellcheck disable=SC2046
run engine emar rcs "$engine/libtrainable.a" $(grep -v '_trainable_web.c.o$' "$engine/objects")
run engine emcc -O2 "$engine/obj/web_trainable_web.c.o" "$engine/libtrainable.a" \
    "$prefix/lib/libarchive.a" "$prefix/lib/libxml2.a" "$prefix/lib/libpcre2-8.a" \
    "$prefix/lib/libjansson.a" "$prefix/lib/libz.a" \
    -o "$out/engine.js" -lworkerfs.js \
    -sMODULARIZE=1 -sEXPORT_NAME=TrainableEngine -sENVIRONMENT=worker -sFORCE_FILESYSTEM=1 \
    -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
    -sEXPORTED_FUNCTIONS=_trw_input_add,_trw_scan,_trw_error,_trw_complete,_trw_output,_trw_output_len,_trw_member,_trw_items,_trw_free,_trw_reset,_malloc,_free \
    -sEXPORTED_RUNTIME_METHODS=FS,ccall,UTF8ToString,HEAPU8
# the page's own words in each language, from the same catalogs
python3 "$root/web/strings.py" "$root/web" "$engine/po" > "$engine/catalogs.json"
run engine python3 "$root/web/inline.py" "$root/web" "$out/engine.js" "$out/engine.wasm" "$version" \
    "$engine/catalogs.json" "$out/trainable.html"
echo "Built build-web/trainable.html ($(wc -c < "$out/trainable.html") bytes; the WebAssembly: $(wc -c < "$out/engine.wasm") bytes)"
