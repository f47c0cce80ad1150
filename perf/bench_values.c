/* Values: int arithmetic with tagged and boxed ints, and string interning, on every backend. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "suites.h"

/* acc = acc + 3, n times from 0: tagged ints allocate nothing, boxed ones an int each. */
static void bench_int_add(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value three = hl_int_new(rt, 3), acc = HL_NOVALUE; /* 3 is cached in boxed mode */
    HL_ROOT(rt, acc);
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (hlb_loop(s)) {
        acc = hl_int_new(rt, 0);
        for (size_t i = 0; acc && i < c->size; i++)
            acc = hl_binary_op(rt, HL_OP_ADD, acc, three);
        if (!acc) {
            perf_fail(s, rt);
            break;
        }
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* n distinct identifiers "name0", "name1", ... as C strings. */
static char **make_names(size_t n)
{
    char **names = calloc(n, sizeof *names);
    for (size_t i = 0; names && i < n; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "name%zu", i);
        names[i] = malloc(sizeof buf);
        if (!names[i])
            abort();
        snprintf(names[i], sizeof buf, "%s", buf);
    }
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

/* sys.intern of n names already interned (kept alive): hash and probe, no allocation. */
static void bench_intern_hit(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    char **names = make_names(c->size);
    if (!rt || !names) {
        if (rt)
            hlb_skip(s, "out of memory");
        free_names(names, c->size);
        hl_runtime_free(rt);
        return;
    }
    hl_value keep = hl_list_new(rt, c->size);
    HL_ROOT(rt, keep);
    for (size_t i = 0; keep && i < c->size; i++)
        if (hl_list_append(rt, keep, hl_str_intern_cstr(rt, names[i])))
            keep = HL_NOVALUE;
    if (!keep)
        perf_fail(s, rt);
    while (keep && hlb_loop(s))
        for (size_t i = 0; i < c->size; i++)
            hlb_keep((const void *)hl_str_intern_cstr(rt, names[i]));
    hlb_set_items(s, (double)c->size);
    HL_UNROOT(rt, 1);
    free_names(names, c->size);
    hl_runtime_free(rt);
}

/* n names interned afresh, then a collection frees them and prunes the table. */
static void bench_intern_new(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    char **names = make_names(c->size);
    if (!rt || !names) {
        if (rt)
            hlb_skip(s, "out of memory");
        free_names(names, c->size);
        hl_runtime_free(rt);
        return;
    }
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (hlb_loop(s)) {
        for (size_t i = 0; i < c->size; i++)
            if (!hl_str_intern_cstr(rt, names[i])) {
                perf_fail(s, rt);
                break;
            }
        hl_gc_collect(rt);
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    free_names(names, c->size);
    hl_runtime_free(rt);
}

void perf_register_values(void)
{
    perf_register("int_add.tagged", bench_int_add, PERF_SIZES(1000), HL_INT_TAGGED);
    perf_register("int_add.boxed", bench_int_add, PERF_SIZES(1000), HL_INT_BOXED);
    perf_register("intern.hit", bench_intern_hit, PERF_SIZES(10000), HL_INT_TAGGED);
    perf_register("intern.new", bench_intern_new, PERF_SIZES(10000), HL_INT_TAGGED);
}
