/* perf/harness.h: what every heaplab benchmark shares: one registration per backend and
 * size, a fresh runtime per run, the usual untimed set-up and timed loop, and the
 * collector's and heap's counters. */
#ifndef HEAPLAB_PERF_HARNESS_H
#define HEAPLAB_PERF_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench.h"
#include "heaplab/heaplab.h"

/* A workload on the runtime: setup builds its input (untimed; NULL: None), then every
 * iteration of the timed loop is one step over it, c->size items of work. Both return
 * HL_NOVALUE with the error pending on failure. warm: one untimed step first, so the loop
 * reuses memory rather than faulting in fresh pages (the python3 peer is warm too). */
typedef struct perf_workload {
    hl_value (*setup)(hl_runtime *rt, size_t n);
    hl_value (*step)(hl_runtime *rt, hl_value input, size_t n);
    bool warm;
} perf_workload;

/* One registered case: the argument every benchmark function receives. */
typedef struct perf_case {
    const char *backend;
    size_t size;
    hl_int_mode int_mode;
    const perf_workload *workload; /* NULL for the benchmarks that run no runtime */
} perf_case;

/* Register w as "<name>/<backend>/<size>" for every backend (hl_backend_at) and size: each
 * run makes a fresh runtime in the given int mode, runs setup (rooted, then a collection so
 * its garbage is not the loop's), the loop, and reports the counters "collections" and
 * "gc_ns" (pauses) per iteration, the same for minor and major collections apart
 * ("minor_collections", "minor_ns", "major_collections", "major_ns"), the time of a major
 * collection's sweep steps after its pause ("sweep_step_ns"), "held_bytes" and
 * "peak_held_bytes". */
void perf_register(const char *name, const perf_workload *w, const size_t *sizes, size_t nsizes, hl_int_mode mode);

/* Register a benchmark function of its own (limits that need no runtime) as
 * "<name>/<backend>/<size>", for one backend, or for every backend when backend is NULL. */
void perf_register_fn(const char *name, hlb_fn fn, const char *backend, const size_t *sizes, size_t nsizes);

/* Sizes as literal lists: PERF_SIZES(10, 1000) gives the array and its length. */
#define PERF_SIZES(...) (const size_t[]){__VA_ARGS__}, sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)

#endif
