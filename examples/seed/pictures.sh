#!/bin/sh
# Draws the heap pictures of every teaching script here: each heaplab.snapshot("label") call
# becomes OUT/<script>/NNN-label.dot, and .svg and .png when Graphviz's dot is installed.
# Fails when a script fails, when heaplab reports a picture it could not write or render, or
# when a script draws nothing.
# usage: pictures.sh PATH/TO/heaplab OUT [extra heaplab options]
set -u
heaplab=$1
out=$2
shift 2
dir=$(dirname "$0")
status=0
for script in "$dir"/[0-9]*.py; do
    name=$(basename "$script" .py)
    rm -rf "${out:?}/$name"
    if ! errors=$("$heaplab" run "$script" --snapshots "$out/$name" "$@" 2>&1 >/dev/null) || [ -n "$errors" ]; then
        echo "FAIL $script: $errors"
        status=1
    elif ! ls "$out/$name"/*.dot >/dev/null 2>&1; then
        echo "FAIL $script: no pictures"
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "pictures: $(ls "$out"/*/*.dot | wc -l) snapshots in $out/"
exit "$status"
