"""A stand-in for heaplab's built-in `heaplab` module, so the scripts here run under python3.

python3 imports this file, found next to the script; its snapshot() draws nothing, so both
interpreters print the same. `heaplab run` never reads it: heaplab's `import` knows only its
built-in modules (copy, gc, sys, heaplab) and imports no files, so there the built-in module,
whose snapshot() hands the heap to `--snapshots DIR`, always wins.
"""


def snapshot(label=None):
    """Under heaplab, draw the variables and the objects they reach; here, nothing."""

