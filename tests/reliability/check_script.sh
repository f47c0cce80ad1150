#!/bin/sh
# Runs one script with `heaplab run` and compares it with its expected files, as
# tests/lang/run.py does: stdout equals SCRIPT.out; with SCRIPT.err the exit status is 1 and
# the last line of stderr equals it, without one the exit status is 0.
# usage: check_script.sh PATH/TO/heaplab SCRIPT.py [heaplab options]
set -u
heaplab=$1
script=$2
shift 2
base=${script%.py}
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$heaplab" run "$script" "$@" >"$out" 2>"$err"
status=$?
ok=1
cmp -s "$out" "$base.out" || { echo "stdout differs:"; diff "$base.out" "$out" | head -20; ok=0; }
if [ -f "$base.err" ]; then
    [ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; ok=0; }
    last=$(grep -v '^[[:space:]]*$' "$err" | tail -1)
    [ "$last" = "$(cat "$base.err")" ] || { echo "last line of stderr: $last"; ok=0; }
else
    [ "$status" -eq 0 ] || { echo "exit status $status:"; tail -5 "$err"; ok=0; }
fi
if [ "$ok" -eq 1 ]; then echo "$script: 1 passed, 0 failed"; else echo "$script: 0 passed, 1 failed"; fi
[ "$ok" -eq 1 ]
