/* Test support: a runtime configured from the environment (backend, int mode, GC stress),
 * so the whole suite runs once per configuration. */
#ifndef HEAPLAB_TESTS_SUPPORT_H
#define HEAPLAB_TESTS_SUPPORT_H

#include <criterion/criterion.h>

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

static inline bool test_boxed(hl_runtime *rt) { return hl_runtime_int_mode(rt) == HL_INT_BOXED; }

#endif
