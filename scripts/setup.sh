#!/bin/sh
# setup.sh - install what trainable needs from Debian's packages, then build.
#
#   scripts/setup.sh              install packages, build into build/
#   scripts/setup.sh --sanitize   ... build with ASan+UBSan into build-asan/
#   scripts/setup.sh --fuzz       ... build the libFuzzer harnesses with clang
#                                 into build-fuzz/ (tests/fuzz/run.sh runs them)
#   scripts/setup.sh --dev        also install the test tools: clang and its
#                                 fuzzer runtime, valgrind, strace, groff and
#                                 man-db (manual pages), lintian,
#                                 bash-completion, zsh and fish, Chromium with
#                                 chromedriver and Selenium (the tests that
#                                 need them are skipped without)
#   scripts/setup.sh --no-install only build
set -eu
cd "$(dirname "$0")/.."

install=1
build_dir=build
sanitize=OFF
fuzz=OFF
dev=0
for arg in "$@"; do
    case "$arg" in
    --sanitize) sanitize=ON; build_dir=build-asan ;;
    --fuzz) fuzz=ON; build_dir=build-fuzz ;;
    --dev) dev=1 ;;
    --no-install) install=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

packages="build-essential cmake pkg-config libarchive-dev libjansson-dev libpcre2-dev libxml2-dev libsodium-dev libunistring-dev libarchive-tools gettext python3"
# libclang-rt-dev is Debian's name for the current libclang-rt-N-dev (on
# Debian 12: libclang-rt-14-dev), which holds libFuzzer.
[ "$fuzz" = ON ] || [ "$dev" = 1 ] && packages="$packages clang libclang-rt-dev"
[ "$dev" = 1 ] && packages="$packages valgrind strace groff-base man-db lintian bash-completion zsh fish zip unzip zstd 7zip"
[ "$dev" = 1 ] && packages="$packages chromium chromium-driver python3-selenium poppler-utils"
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
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
    fi
fi

if [ "$fuzz" = ON ]; then
    CC=clang cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTR_FUZZ=ON >/dev/null
else
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTR_SANITIZE="$sanitize" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)"
echo "Built $build_dir/trainable"
