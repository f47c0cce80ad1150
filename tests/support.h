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

static inline bool test_boxed(hl_runtime *rt) { return hl_runtime_int_mode(rt) == HL_INT_BOXED; }

#endif
