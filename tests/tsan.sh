#!/bin/sh
# tsan.sh - build trainable with ThreadSanitizer and scan every sample with
# several worker threads: any data race fails. Run from .ci/run.
# Usage: tests/tsan.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build-tsan}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
    -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$dir" --target trainable -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
fails=0 passes=0
for zip in samples/*.zip; do
    code=0
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$dir/trainable" scan --threads 4 --format json --items \
        "$zip" > /dev/null 2> "$dir/tsan.err" || code=$?
    if [ "$code" -eq 0 ] || [ "$code" -eq 5 ]; then
        passes=$((passes + 1))
    else
        echo "FAIL: $zip: exit $code"
        cat "$dir/tsan.err"
        fails=$((fails + 1))
    fi
done
echo "tsan: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
