#!/bin/sh
# Runs every teaching script here with `heaplab run` and compares its output with the
# python3 output stored beside it (NAME.out, written by `python3 NAME.py > NAME.out`).
# usage: check.sh PATH/TO/heaplab [extra heaplab options]
set -u
heaplab=$1
shift
dir=$(dirname "$0")
passed=0
failed=0
for script in "$dir"/*.py; do
    [ "$(basename "$script")" = heaplab.py ] && continue # the stand-in module python3 imports
    expected="${script%.py}.out"
    if actual=$("$heaplab" run "$script" "$@" 2>&1) && [ "$actual" = "$(cat "$expected")" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $script"
        printf '%s\n' "$actual" | diff "$expected" - | head -20
    fi
done
echo "seed: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
