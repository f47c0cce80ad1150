/* Registration per backend and size; a runtime, set-up, timed loop and counters per run. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

/* Every registration's case lives as long as the process; this list keeps each reachable
 * (LeakSanitizer checks after the benchmark library's own registry is gone). */
static struct registered {
    struct registered *next;
    perf_case c;
} *registered;

static void add(const char *name, hlb_fn fn, perf_case c)
{
    struct registered *r = malloc(sizeof *r);
    if (!r) {
        fputs("perf: out of memory registering benchmarks\n", stderr);
        exit(1);
    }
    r->c = c;
    r->next = registered;
    registered = r;
    perf_case *arg = &r->c;
    char full[256];
    snprintf(full, sizeof full, "%s/%s/%zu", name, c.backend, c.size);
    hlb_register(full, fn, arg);
}

static void report_gc(hlb_state *s, hl_runtime *rt, const hl_gc_stats *before)
{
    hl_gc_stats g;
    hl_heap_stats h;
    hl_gc_get_stats(rt, &g);
    hl_heap_get_stats(rt, &h);
    hlb_counter_per_iteration(s, "collections", (double)(g.collections - before->collections));
    hlb_counter_per_iteration(s, "gc_ns", (double)(g.total_pause_ns - before->total_pause_ns));
    hlb_counter_per_iteration(s, "minor_collections", (double)(g.minor_collections - before->minor_collections));
    hlb_counter_per_iteration(s, "minor_ns", (double)(g.minor_pause_ns - before->minor_pause_ns));
    hlb_counter_per_iteration(s, "major_collections", (double)(g.major_collections - before->major_collections));
    hlb_counter_per_iteration(s, "major_ns", (double)(g.major_pause_ns - before->major_pause_ns));
    hlb_counter_per_iteration(s, "sweep_step_ns", (double)(g.sweep_step_ns - before->sweep_step_ns));
    hlb_counter(s, "held_bytes", (double)h.held);
    hlb_counter(s, "peak_held_bytes", (double)h.peak_held);
}

static void run_workload(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    const perf_workload *w = c->workload;
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = c->backend;
    cfg.int_mode = c->int_mode;
    cfg.gc_stress = 0;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    if (!rt) {
        hlb_skip(s, err);
        return;
    }
    hl_value input = w->setup ? w->setup(rt, c->size) : HL_NONE;
    HL_ROOT(rt, input);
    hl_gc_collect(rt);
    bool ok = input && (!w->warm || w->step(rt, input, c->size));
    if (!ok)
        hlb_skip(s, hl_error_message(rt));
    hl_gc_stats before;
    hl_gc_get_stats(rt, &before);
    while (ok && hlb_loop(s)) {
        if (!w->step(rt, input, c->size)) {
            hlb_skip(s, hl_error_message(rt));
            ok = false;
        }
    }
    hlb_set_items(s, (double)c->size);
    report_gc(s, rt, &before);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

void perf_register(const char *name, const perf_workload *w, const size_t *sizes, size_t nsizes, hl_int_mode mode)
{
    for (size_t b = 0; b < hl_backend_count(); b++)
        for (size_t i = 0; i < nsizes; i++)
            add(name, run_workload, (perf_case){hl_backend_at(b)->name, sizes[i], mode, w});
}

void perf_register_fn(const char *name, hlb_fn fn, const char *backend, const size_t *sizes, size_t nsizes)
{
    for (size_t b = 0; b < hl_backend_count(); b++) {
        const char *each = backend ? backend : hl_backend_at(b)->name;
        for (size_t i = 0; i < nsizes; i++)
            add(name, fn, (perf_case){each, sizes[i], HL_INT_TAGGED, NULL});
        if (backend)
            return;
    }
}
