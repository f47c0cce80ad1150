/* Registration per backend and size, runtimes per run, and the collector's counters. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

void perf_register_backend(const char *workload, hlb_fn fn, const char *backend, const size_t *sizes,
                           size_t nsizes, hl_int_mode mode)
{
    for (size_t i = 0; i < nsizes; i++) {
        perf_case *c = malloc(sizeof *c); /* lives as long as the registration: the process */
        if (!c) {
            fputs("perf: out of memory registering benchmarks\n", stderr);
            exit(1);
        }
        *c = (perf_case){.backend = backend, .size = sizes[i], .int_mode = mode};
        char name[256];
        snprintf(name, sizeof name, "%s/%s/%zu", workload, backend, sizes[i]);
        hlb_register(name, fn, c);
    }
}

void perf_register(const char *workload, hlb_fn fn, const size_t *sizes, size_t nsizes, hl_int_mode mode)
{
    for (size_t b = 0; b < hl_backend_count(); b++)
        perf_register_backend(workload, fn, hl_backend_at(b)->name, sizes, nsizes, mode);
}

hl_runtime *perf_runtime(hlb_state *s, const perf_case *c)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = c->backend;
    cfg.int_mode = c->int_mode;
    cfg.gc_stress = 0;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    if (!rt)
        hlb_skip(s, err);
    return rt;
}

perf_gc_snapshot perf_gc_begin(hl_runtime *rt)
{
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    return (perf_gc_snapshot){g.collections, g.total_pause_ns};
}

void perf_gc_report(hlb_state *s, hl_runtime *rt, perf_gc_snapshot before)
{
    hl_gc_stats g;
    hl_heap_stats h;
    hl_gc_get_stats(rt, &g);
    hl_heap_get_stats(rt, &h);
    hlb_counter_per_iteration(s, "collections", (double)(g.collections - before.collections));
    hlb_counter_per_iteration(s, "gc_ns", (double)(g.total_pause_ns - before.pause_ns));
    hlb_counter(s, "held_bytes", (double)h.held);
    hlb_counter(s, "peak_held_bytes", (double)h.peak_held);
}

void perf_fail(hlb_state *s, hl_runtime *rt)
{
    hlb_skip(s, hl_error_message(rt));
}
