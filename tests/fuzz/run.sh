#!/bin/sh
# Runs each libFuzzer target for SECONDS, seeded with its committed corpus (and, for the front
# end, the tests/lang scripts and the teaching scripts): new inputs go to BUILD/corpus/<target>,
# crashes to BUILD/crashes/<target>/ (copy one into tests/fuzz/corpus/<target>/ to make it a
# regression test). Prints each target's executions and corpus; exits non-zero on a crash, a
# leak, a memory limit or a unit past 30 s (a hang). A unit that ends but takes over 3 s
# (libFuzzer's slow-unit-*) is counted and listed, not failed: its time is the machine's as
# much as the input's. The slowest units seen here took 4 to 7 s under ASan, and CI's machine
# runs a unit 2 to 3 times slower: a limit of 10 s would fail them there.
# FUZZ_SEED=N in the environment fixes libFuzzer's random seed (CI does).
# usage: tests/fuzz/run.sh BUILD SECONDS [TARGET...]     (targets: lang ops)
set -u
build=$1
seconds=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
targets=${*:-lang ops}
status=0
for t in $targets; do
    case $t in
    lang) seeds="$root/tests/fuzz/corpus/lang $root/tests/lang $root/examples/seed"; flags=-max_len=4096 ;;
    *) seeds="$root/tests/fuzz/corpus/$t"; flags="-max_len=2048 -len_control=0" ;; # long sequences at once
    esac
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    log="$build/fuzz_$t.log"
    # shellcheck disable=SC2086
    "$build/fuzz_$t" "$build/corpus/$t" $seeds -max_total_time="$seconds" -timeout=30 -report_slow_units=3 -rss_limit_mb=4096 \
        $flags -artifact_prefix="$build/crashes/$t/" -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
        >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    corpus=$(ls "$build/corpus/$t" | wc -l)
    crashes=$(ls "$build/crashes/$t" | grep -vc '^slow-unit-')
    slow=$(ls "$build/crashes/$t" | grep -c '^slow-unit-')
    extra=$(grep '^fuzz_ops:' "$log" | tail -1)
    echo "fuzz $t: ${seconds}s, ${execs:-0} executions, corpus $corpus inputs, $crashes crashes, $slow slow units${extra:+ ($extra)}"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        grep -E 'check failed|ERROR|SUMMARY|runtime error' "$log" | head -5
        ls "$build/crashes/$t"
        status=1
    fi
done
exit $status
