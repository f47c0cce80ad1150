# Watching the collector: run with
#     heaplab run --gc-trace out/gc-trace examples/gc_trace/tricolour.py
# and look at out/gc-trace/*.png in order. Each picture is one step of the incremental
# collector: white boxes are not reached yet, grey ones are reached with references still to
# scan, black ones are scanned. The mark wavefront moves from the variables outward; the
# atomic step rescans the variables; the sweep frees what stayed white (here the old
# `garbage` list and what only it held).
import gc

shared = [1, 2]
team = {"lead": [10, 11], "both": shared}
pair = (shared, [3])
garbage = [[7], [8, 9]]
garbage = None           # the old list is unreachable now: it stays white and is swept
gc.collect()             # a whole collection, step by step
print(team["both"] is pair[0])
