/* A heap of 10,000,000 small objects (a quarter each floats, strs, 1-tuples and empty lists,
 * all held by one list), built, collected with everything alive, then dropped and collected
 * again, on each backend; prints the figures (times, objects, peak bytes held, max RSS):
 *     large_heap [--objects N] [BACKEND...]     (default: 10,000,000 on every backend)
 * Exits non-zero if a count is wrong: every object alive after the first collection, none
 * after the second (on boehm, within its conservative slack). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "heaplab/heaplab.h"

static double seconds_since(uint64_t *t0)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    double s = (double)(now - *t0) / 1e9;
    *t0 = now;
    return s;
}

static size_t live_objects(hl_runtime *rt)
{
    size_t n = 0;
    for (int t = 0; t < HL_T__COUNT; t++)
        n += hl_heap_count(rt, (hl_type)t);
    return n;
}

static int run(const char *backend, size_t objects)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = backend;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "large_heap: %s\n", err);
        return 1;
    }
    uint64_t t0 = 0;
    seconds_since(&t0);
    hl_value all = hl_list_new(rt, 0);
    HL_ROOT(rt, all);
    bool ok = all != HL_NOVALUE;
    for (size_t i = 0; ok && i < objects; i++) {
        hl_value v;
        switch (i & 3) {
        case 0: v = hl_float_new(rt, (double)i); break;
        case 1: v = hl_str_new(rt, "obj", 3); break;
        case 2: {
            hl_value item = hl_smallint(1);
            v = hl_tuple_new(rt, &item, 1);
            break;
        }
        default: v = hl_list_new(rt, 0); break;
        }
        ok = v && hl_list_append(rt, all, v) == 0;
    }
    if (!ok) {
        fprintf(stderr, "large_heap: %s: %s\n", backend, hl_error_string(rt));
        hl_runtime_free(rt);
        return 1;
    }
    double build = seconds_since(&t0);
    hl_gc_collect(rt);
    double full = seconds_since(&t0);
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    size_t alive = live_objects(rt);
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    all = HL_NOVALUE;
    seconds_since(&t0);
    size_t freed = hl_gc_collect(rt);
    double empty = seconds_since(&t0);
    size_t left = live_objects(rt);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
    double destroy = seconds_since(&t0);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    bool boehm = strcmp(backend, "boehm") == 0;
    int bad = alive < objects + 1 || (boehm ? left > objects / 100 : left != 0);
    printf("%-9s %12zu %8.2f s %8.3f s %8.3f s %8.3f s %9.3f s %12zu %10.1f %10.1f %8ld  %s\n", backend, alive, build,
           full, (double)g.last.mark_ns / 1e9, empty, destroy, freed, (double)h.peak_held / (1 << 20),
           (double)h.peak_held / (double)(objects + 1), ru.ru_maxrss / 1024, bad ? "WRONG COUNT" : "ok");
    fflush(stdout);
    return bad;
}

int main(int argc, char **argv)
{
    size_t objects = 10000000;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--objects") == 0) {
        objects = strtoull(argv[2], NULL, 10);
        first = 3;
    }
    printf("%-9s %12s %10s %10s %10s %10s %11s %12s %10s %10s %8s\n", "backend", "live", "build", "collect",
           "mark", "collect0", "destroy", "freed", "peak MiB", "B/object", "maxrss MiB");
    int failed = 0, passed = 0;
    if (first >= argc) {
        for (size_t i = 0; i < hl_backend_count(); i++)
            run(hl_backend_at(i)->name, objects) ? failed++ : passed++;
    }
    for (int i = first; i < argc; i++)
        run(argv[i], objects) ? failed++ : passed++;
    printf("large_heap: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
