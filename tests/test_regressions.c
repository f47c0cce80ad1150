/* Regressions found in review: each test failed (a use after free under ASan and GC stress,
 * or a live object freed) before its fix. */
#include "rt.h" /* white box: fault injection at a chosen allocation */
#include "support.h"

/* A runtime that collects before every allocation, whatever the environment says. */
static hl_runtime *stress_runtime(void)
{
    hl_runtime *rt = test_runtime();
    hl_gc_set_stress(rt, 1);
    return rt;
}

/* "Every public function keeps its own arguments alive while it runs": a fresh str as the
 * argument, reachable from nowhere else, must survive the allocation of the item. */
Test(regress, str_getitem_keeps_its_argument_alive)
{
    hl_runtime *rt = stress_runtime();
    hl_value c = hl_str_getitem(rt, hl_str_from_cstr(rt, "h\xc3\xa9llo, world"), 1);
    cr_assert(c, "%s", hl_error_string(rt));
    cr_assert_str_eq(hl_str_data(c), "\xc3\xa9");
    hl_runtime_free(rt);
}

Test(regress, set_clear_keeps_its_argument_alive)
{
    hl_runtime *rt = stress_runtime();
    cr_assert_eq(hl_set_clear(rt, hl_set_new(rt)), 0, "%s", hl_error_string(rt));
    hl_gc_collect(rt);
    hl_runtime_free(rt);
}
