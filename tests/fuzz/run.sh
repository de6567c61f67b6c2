#!/bin/sh
# run.sh BUILD_DIR [SECONDS] [HARNESS...] - run the libFuzzer harnesses of a
# TR_FUZZ build, each for SECONDS (default 12), and fail on any crash, leak,
# sanitizer report, timeout (10 s per input) or memory blow-up (2 GB).
#
#   CC=clang cmake -S . -B build-fuzz -DTR_FUZZ=ON && cmake --build build-fuzz
#   tests/fuzz/run.sh build-fuzz 12
#
# Each harness starts from its seeds (BUILD_DIR/fuzz-seeds/<harness>, made
# from samples/ and rules/ at build time), the regression inputs of
# tests/data/fuzz/<harness>/, and what earlier runs found
# (BUILD_DIR/fuzz-corpus/<harness>, kept between runs). A crashing input is
# saved under BUILD_DIR/fuzz-artifacts/<harness>/; copy it into
# tests/data/fuzz/<harness>/ once fixed, and the fuzz.replay ctests replay
# it in every build from then on.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [SECONDS] [HARNESS...]}" && pwd) || exit 2
secs=${2:-12}
[ $# -ge 2 ] && shift 2 || shift $#
harnesses=${*:-rules json text html scan jdoc}
fails=0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for h in $harnesses; do
    bin="$build/tests/fuzz/fuzz_$h"
    if [ ! -x "$bin" ]; then
        echo "fuzz $h: $bin missing (configure with CC=clang -DTR_FUZZ=ON)"
        fails=$((fails + 1))
        continue
    fi
    corpus="$build/fuzz-corpus/$h" artifacts="$build/fuzz-artifacts/$h" log="$build/fuzz-logs/$h.log"
    mkdir -p "$corpus" "$artifacts" "$build/fuzz-logs"
    dirs="$corpus"
    [ -d "$build/fuzz-seeds/$h" ] && dirs="$dirs $build/fuzz-seeds/$h"
    [ -d "$src/tests/data/fuzz/$h" ] && dirs="$dirs $src/tests/data/fuzz/$h"
    dict=""
    case $h in
    rules) dict="-dict=$here/rules.dict" ;;
    json | scan | jdoc) dict="-dict=$here/json.dict" ;;
    esac
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        $dict -artifact_prefix="$artifacts/" $dirs > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$rc" -ne 0 ] || grep -q -E '^==[0-9]+==ERROR|runtime error:|SUMMARY: ' "$log"; then
        echo "fuzz $h: FAILED (exit $rc) after ${runs:-?} runs; log: $log"
        grep -E 'ERROR|runtime error|SUMMARY|Test unit written|artifact_prefix' "$log" | head -n 20
        fails=$((fails + 1))
    else
        echo "fuzz $h: ok, ${runs:-?} runs in ${secs}s, corpus $(ls "$corpus" | wc -l) files"
    fi
done
[ "$fails" -eq 0 ]
