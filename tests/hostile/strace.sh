#!/bin/sh
# strace.sh - the scan has no side effects: under strace, it opens no
# network socket, starts no program, opens no file for writing but the
# temporary file beside the -o target, and renames only that file onto the
# target (nothing when the scan fails). Zip parts, a folder input, an
# incomplete scan and a failed one. Skipped (77) without a working strace.
# Usage: strace.sh TRAINABLE SOURCE_DIR
set -u
bin=$1 src=$2
command -v strace >/dev/null 2>&1 || { echo "strace not installed: skipped"; exit 77; }
strace -f -qq -o /dev/null true 2>/dev/null || { echo "strace cannot trace here (ptrace refused): skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0
# LeakSanitizer cannot run under ptrace; the other sanitizers can.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# traced WANT_EXIT NAME OUTPUT -- scan arguments...: run the scan under
# strace with -o OUTPUT (or no -o when OUTPUT is "-"), then check the log.
traced() {
    want=$1 name=$2 out=$3
    shift 4
    log="$tmp/$name.log"
    if [ "$out" = "-" ]; then set -- "$@"; else set -- -o "$out" "$@"; fi
    strace -f -qq -e trace=network,process,openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,link,linkat,symlink,symlinkat,mkdir,mkdirat,truncate,chmod,fchmodat \
        -o "$log" "$bin" scan --format json "$@" > "$tmp/stdout" 2> "$tmp/stderr"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else fail "$name: exit $got, expected $want"; sed 's/^/    /' "$tmp/stderr"; fi
    # the log's lines without the pid, resumed calls joined by strace -f
    sed 's/^[0-9]* *//' "$log" > "$log.c"
    if grep -E '^(socket|socketpair|connect|bind|listen|accept4?|sendto|sendmsg|sendmmsg|recvfrom|recvmsg)\(' "$log.c" > "$tmp/bad"; then
        fail "$name: network calls"; sed 's/^/    /' "$tmp/bad"
    else ok; fi
    if [ "$(grep -c -E '^(execve|execveat)\(' "$log.c")" -ne 1 ] || grep -E '^(fork|vfork)\(|^clone3?\(.*CLONE_VFORK' "$log.c" > "$tmp/bad"; then
        fail "$name: starts another program"; grep -E '^(execve|fork|vfork|clone)' "$log.c" | sed 's/^/    /'
    else ok; fi
    # opened for writing: only the temporary file beside the target
    grep -E '^(open|openat)\(' "$log.c" | grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND' > "$tmp/writes"
    grep -E '^(creat|unlink|unlinkat|link|linkat|symlink|symlinkat|mkdir|mkdirat|truncate|chmod|fchmodat)\(' "$log.c" >> "$tmp/writes"
    if [ "$out" = "-" ]; then
        if [ -s "$tmp/writes" ]; then fail "$name: wrote files"; sed 's/^/    /' "$tmp/writes"; else ok; fi
        if grep -q -E '^rename' "$log.c"; then fail "$name: renamed a file"; else ok; fi
        return
    fi
    others=$(grep -v -F "\"$out.tmp-" "$tmp/writes")
    if [ -n "$others" ]; then fail "$name: opened other files for writing"; echo "$others" | sed 's/^/    /'; else ok; fi
    renames=$(grep -E '^rename' "$log.c")
    if [ "$want" -eq 0 ] || [ "$want" -eq 5 ]; then
        if [ "$(grep -c -E '^(open|openat)\(' "$tmp/writes")" -eq 1 ] && [ "$(echo "$renames" | grep -c .)" -eq 1 ] &&
            echo "$renames" | grep -q -F "\"$out.tmp-" && echo "$renames" | grep -q -F ", \"$out\")"; then ok
        else fail "$name: expected one temporary file renamed onto $out"; sed 's/^/    /' "$tmp/writes"; echo "$renames" | sed 's/^/    /'; fi
    else
        if [ -s "$tmp/writes" ] || [ -n "$renames" ]; then fail "$name: a failed scan wrote something"; sed 's/^/    /' "$tmp/writes"; else ok; fi
    fi
}

mkdir -p "$tmp/out" "$tmp/folder"
traced 0 parts "$tmp/out/parts.json" -- "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part1.zip" \
    "$src/samples/facebook-meiko-2025-03-15-Zz98Yy76-part2.zip"
traced 0 stdout - -- --items --show-text "$src/samples/instagram-meilin-2025-09-01-Xy12Ab34.zip"
traced 5 incomplete "$tmp/out/broken.json" -- "$src/samples/facebook-oskarlind-2025-02-20-Br0k3n99.zip"
printf 'not a zip' > "$tmp/fake.zip"
traced 4 failed "$tmp/out/failed.json" -- "$tmp/fake.zip"
if command -v bsdtar >/dev/null 2>&1; then
    (cd "$tmp/folder" && bsdtar -xf "$src/samples/facebook-jdoe-2025-06-01-Ab12Cd34.zip")
    traced 0 folder "$tmp/out/folder.json" -- "$tmp/folder/facebook-jdoe-2025-06-01-Ab12Cd34"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
