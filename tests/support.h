/* Test support: a runtime configured from the environment (backend, int mode, GC stress),
 * so the whole suite runs once per configuration. */
#ifndef HEAPLAB_TESTS_SUPPORT_H
#define HEAPLAB_TESTS_SUPPORT_H

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heaplab/heaplab.h"

static inline hl_runtime *test_runtime(void)
{
    hl_config cfg;
    hl_config_init(&cfg);
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "runtime: %s", err);
    return rt;
}

/* repr(v) as a C string owned by the runtime's heap (valid until the next collection). */
static inline const char *test_repr(hl_runtime *rt, hl_value v)
{
    hl_value r = hl_repr(rt, v);
    cr_assert(r, "repr failed: %s", hl_error_string(rt));
    return hl_str_data(r);
}

/* Pinned constructors: a test may nest them freely in one expression, as the values stay
 * alive until the runtime is freed. (Without pinning, the result of one allocating call is
 * not a root and may be freed by the next allocating call: see the README's rooting rules.) */
static inline hl_value test_pin(hl_runtime *rt, hl_value v)
{
    cr_assert(v, "allocation failed: %s", hl_error_string(rt));
    cr_assert_eq(hl_pin(rt, v), 0);
    return v;
}
static inline hl_value S(hl_runtime *rt, const char *s) { return test_pin(rt, hl_str_from_cstr(rt, s)); }
static inline hl_value I(hl_runtime *rt, int64_t i) { return test_pin(rt, hl_int_new(rt, i)); }
static inline hl_value F(hl_runtime *rt, double d) { return test_pin(rt, hl_float_new(rt, d)); }

/* Precise: heaplab's own collector frees exactly what is unreachable. A collecting backend
 * (Boehm) scans conservatively: a stale word on the C stack may keep garbage alive, so exact
 * counts of freed objects do not hold there (tests/test_boehm.c checks it its own way). */
static inline bool test_precise(hl_runtime *rt)
{
    return !(hl_backend_find(hl_runtime_backend_name(rt))->flags & HL_BACKEND_COLLECTS);
}

/* A runtime from cfg, without GC stress whatever the environment says (the test chooses when
 * to collect), for tests of heaplab's own collector: skipped on a backend that collects by
 * itself (Boehm), where heaplab's collector does not run. */
static inline hl_runtime *test_collector_runtime(hl_config *cfg)
{
    cfg->gc_stress = 0;
    char err[256];
    hl_runtime *rt = hl_runtime_new(cfg, err, sizeof err);
    cr_assert_not_null(rt, "runtime: %s", err);
    if (!test_precise(rt)) {
        hl_runtime_free(rt);
        cr_skip("the boehm backend runs Boehm's collector, not heaplab's");
    }
    return rt;
}

/* Run fn in a child process, its standard error silenced (a report is expected there), and
 * check that it aborts: a check of GC stress that must catch a broken invariant. */
static inline void test_expect_abort(void (*fn)(void), const char *what)
{
    fflush(NULL);
    pid_t child = fork();
    cr_assert_neq(child, -1);
    if (child == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(2);
        fn();
        _exit(0);
    }
    int status;
    cr_assert_eq(waitpid(child, &status, 0), child);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "%s went unnoticed", what);
}

static inline hl_gc_stats test_gc_stats(hl_runtime *rt)
{
    hl_gc_stats s;
    hl_gc_get_stats(rt, &s);
    return s;
}

/* Pinned containers: L(rt, a, b) is [a, b], T(rt, a) is (a,), D(rt, k1, v1, k2, v2) a dict;
 * L(rt) and T(rt) are empty. */
static inline hl_value test_list(hl_runtime *rt, const hl_value *items, size_t n)
{
    return test_pin(rt, hl_list_from(rt, items, n));
}
static inline hl_value test_tuple(hl_runtime *rt, const hl_value *items, size_t n)
{
    return test_pin(rt, hl_tuple_new(rt, items, n));
}
static inline hl_value test_dict(hl_runtime *rt, const hl_value *pairs, size_t n)
{
    hl_value d = test_pin(rt, hl_dict_new(rt));
    for (size_t i = 0; i + 1 < n; i += 2)
        cr_assert_eq(hl_dict_set(rt, d, pairs[i], pairs[i + 1]), 0, "%s", hl_error_string(rt));
    return d;
}
#define TEST_ITEMS_(...) ((const hl_value[]){0, __VA_ARGS__} + 1), \
    (sizeof((hl_value[]){0, __VA_ARGS__}) / sizeof(hl_value) - 1)
#define L(rt, ...) test_list(rt, TEST_ITEMS_(__VA_ARGS__))
#define T(rt, ...) test_tuple(rt, TEST_ITEMS_(__VA_ARGS__))
#define D(rt, ...) test_dict(rt, TEST_ITEMS_(__VA_ARGS__))

static inline bool test_boxed(hl_runtime *rt) { return hl_runtime_int_mode(rt) == HL_INT_BOXED; }

#endif
