/* perf/harness.h: what every heaplab benchmark shares: one registration per backend and
 * size, a fresh runtime per run, and the collector's and heap's counters. */
#ifndef HEAPLAB_PERF_HARNESS_H
#define HEAPLAB_PERF_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "bench.h"
#include "heaplab/heaplab.h"

/* One registered case: the argument every benchmark function receives. */
typedef struct perf_case {
    const char *backend;
    size_t size;
    hl_int_mode int_mode;
} perf_case;

/* Register fn as "<workload>/<backend>/<size>" for every backend (hl_backend_at) and every
 * size, in the given int mode. */
void perf_register(const char *workload, hlb_fn fn, const size_t *sizes, size_t nsizes, hl_int_mode mode);
/* The same for one backend only (baselines that need no runtime still name one). */
void perf_register_backend(const char *workload, hlb_fn fn, const char *backend, const size_t *sizes,
                           size_t nsizes, hl_int_mode mode);

/* A fresh runtime for the case, with default collector settings; NULL after hlb_skip. */
hl_runtime *perf_runtime(hlb_state *s, const perf_case *c);

/* Collector and heap figures over the timed loop: take a snapshot before it, and report
 * after it: counters "collections" and "gc_ns" per iteration, "held_bytes" (held now) and
 * "peak_held_bytes". */
typedef struct perf_gc_snapshot {
    uint64_t collections, pause_ns;
} perf_gc_snapshot;

perf_gc_snapshot perf_gc_begin(hl_runtime *rt);
void perf_gc_report(hlb_state *s, hl_runtime *rt, perf_gc_snapshot before);

/* Report a failed heaplab call (its pending message) and skip the benchmark. */
void perf_fail(hlb_state *s, hl_runtime *rt);

/* Sizes as literal lists: PERF_SIZES(10, 1000) gives the array and its length. */
#define PERF_SIZES(...) (const size_t[]){__VA_ARGS__}, sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)

#endif
