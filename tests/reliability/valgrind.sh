#!/bin/sh
# valgrind memcheck over the examples: the lessons and false_retention C programs (the latter
# on boehm and system), `heaplab run` over the teaching
# scripts of examples/seed and every STEP-th script of tests/lang (default 10), each on the
# system backend (the one whose blocks valgrind sees: glibc's malloc), then the seed scripts
# on the other backends (valgrind sees their errors outside the allocators' own blocks:
# uninitialised reads, invalid frees, leaks of plain malloc). Every run must report no error
# and no leak of any kind. mimalloc exports malloc itself: --soname-synonyms keeps valgrind's
# malloc replacement off it; Boehm scans memory conservatively by design: valgrind-boehm.supp
# suppresses the reads of uninitialised words inside libgc and its marker threads' TLS.
# usage: valgrind.sh BUILD_DIR [STEP]
set -u
build=$1
step=${2:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

check() { # check LABEL COMMAND...: valgrind's verdict; the program's own status may be 0 or 1
    label=$1
    shift
    valgrind --quiet --suppressions="$root/tests/reliability/valgrind-boehm.supp" --soname-synonyms=somalloc=nouserintercepts --leak-check=full --show-leak-kinds=all \
        --errors-for-leak-kinds=all --error-exitcode=99 --log-file="$log" "$@" >/dev/null 2>&1
    status=$?
    if [ "$status" -le 1 ] && [ ! -s "$log" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL ($status) $label"
        head -40 "$log"
    fi
}

check "lessons" "$build/lessons"
check "false_retention" "$build/false_retention"
for script in "$root"/examples/seed/*.py; do
    check "seed $(basename "$script")" "$build/heaplab" run "$script"
done
i=0
for script in $(cd "$root/tests/lang" && ls -d */*.py | sort); do
    [ $((i % step)) -eq 0 ] && check "lang $script" "$build/heaplab" run "$root/tests/lang/$script"
    i=$((i + 1))
done
for backend in jemalloc mimalloc arena boehm; do
    for script in "$root"/examples/seed/*.py; do
        check "seed $(basename "$script") --backend $backend" "$build/heaplab" run "$script" --backend "$backend"
    done
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
