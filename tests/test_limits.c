/* Limits for running untrusted input (the fuzz targets use them): the heap limit fails an
 * allocation as a real out-of-memory would, the step limit ends loops that never end; both
 * leave the runtime usable. And empty lists through every path that copies items: their item
 * buffer may be NULL (clang's UBSan checks no offset is taken from it). */
#include <string.h>

#include "support.h" /* Criterion first: its redirect header builds on it */

#include <criterion/redirect.h>

#include "heaplab/lang.h"

static hl_lang_status run(hl_runtime *rt, const char *src)
{
    return hl_lang_run_string(rt, src, strlen(src), "limits.py");
}

/* Fill a list with floats until the heap limit stops it; the list is garbage when this
 * returns. A function of its own, so that no stale copy of the list's address stays in the
 * caller's frame for Boehm's conservative scan of the stack to find. Returns how many. */
static __attribute__((noinline)) size_t fill_to_the_limit(hl_runtime *rt)
{
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    int r = 0;
    size_t n = 0;
    for (; n < 1000000 && r == 0; n++)
        r = hl_list_append(rt, keep, hl_float_new(rt, (double)n));
    cr_assert_eq(r, -1, "4 MiB holds fewer than a million floats");
    cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR, "%s", hl_error_string(rt));
    hl_error_clear(rt);
    HL_UNROOT(rt, 1);
    return n;
}

Test(limits, heap_limit_is_a_memory_error_after_a_collection)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.heap_limit = 4u << 20;
    cfg.gc_stress = 0; /* a collection per allocation of 100,000: too slow, and not the point */
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert_not_null(rt);
    size_t filled = fill_to_the_limit(rt);
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    cr_assert_leq(h.requested, cfg.heap_limit);
    /* Garbage is collected before an allocation fails: the dropped list makes room again. */
    size_t made = 0;
    while (made < 100000 && hl_float_new(rt, (double)made))
        made++;
    if (made < 100000) {
        cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR, "%s", hl_error_string(rt));
        /* Only where Boehm kept the list: its scan is conservative, and a stale copy of the
         * list's address (a dead stack slot, a register, its own static data) is enough. That
         * happens here in one run in three in boxed mode, and in every run under ASan. The
         * collection before the failure then freed next to none of the floats. */
        cr_assert_not(test_precise(rt), "heaplab's collector freed the list, yet %zu floats of 100,000 fit", made);
        hl_gc_stats g;
        hl_gc_get_stats(rt, &g);
        cr_assert_lt(g.last.objects_freed, filled / 2, "%zu of %zu floats freed, yet the room is not given back",
                     g.last.objects_freed, filled);
    }
    hl_runtime_free(rt);
}

Test(limits, heap_limit_below_the_runtime_itself_fails_creation)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.heap_limit = 64;
    char err[256];
    cr_assert_null(hl_runtime_new(&cfg, err, sizeof err));
    cr_assert_str_eq(err, "out of memory creating the runtime");
}

Test(limits, step_limit_ends_loops_and_resets_per_run, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(hl_lang_set_step_limit(rt, 1000), 0);
    static const char *const endless[] = {
        "while True:\n    pass\n",
        "for i in range(10**18):\n    continue\n",
        "x = [i for i in range(10**18) if i < 0]\n",
        "def f(n):\n    return f(n - 1) + f(n - 1) if n else 0\nf(40)\n",
        /* Loops inside built-ins, over a range within int64 and past it: */
        "sum(range(10**18))\n",
        "set(range(1, 2**63 + 20))\n",
        "any(i < 0 for i in range(2**70))\n",
        "list(zip(range(10**18), range(2**64, 2**65)))\n",
    };
    for (size_t i = 0; i < sizeof endless / sizeof *endless; i++) {
        cr_assert_eq(run(rt, endless[i]), HL_LANG_STATUS_ERROR, "%s", endless[i]);
        cr_assert_eq(hl_error_type(rt), HL_EXC_RUNTIME_ERROR, "%s", hl_error_string(rt));
        cr_assert_str_eq(hl_error_message(rt), "step limit exceeded (1000 loop iterations, calls and range items)");
        hl_error_clear(rt);
        /* Each run has the whole budget again. */
        cr_assert_eq(run(rt, "n = 0\nfor i in range(900):\n    n += i\nassert n == 404550\n"), HL_LANG_STATUS_OK, "%s",
                     hl_error_string(rt));
    }
    /* A for loop's iteration is one step, over a range past int64 too. */
    cr_assert_eq(run(rt, "for i in range(2**64, 2**64 + 900):\n    pass\n"), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    cr_assert_eq(hl_lang_set_step_limit(rt, 0), 0);
    cr_assert_eq(run(rt, "for i in range(5000):\n    pass\n"), HL_LANG_STATUS_OK, "0: no limit");
    cr_assert_eq(run(rt, "assert sum(range(5000)) == 12497500\n"), HL_LANG_STATUS_OK, "0: no limit");
    hl_runtime_free(rt);
}

Test(limits, empty_lists_through_every_copying_path)
{
    hl_runtime *rt = test_runtime();
    hl_value e = test_pin(rt, hl_list_new(rt, 0));
    hl_value one = L(rt, hl_smallint(1));
    cr_assert_str_eq(test_repr(rt, hl_list_slice(rt, e, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1)), "[]");
    cr_assert_str_eq(test_repr(rt, hl_list_concat(rt, e, e)), "[]");
    cr_assert_str_eq(test_repr(rt, hl_list_concat(rt, one, e)), "[1]");
    cr_assert_str_eq(test_repr(rt, hl_list_repeat(rt, e, 3)), "[]");
    cr_assert_eq(hl_list_extend(rt, e, test_pin(rt, hl_list_new(rt, 0))), 0);
    cr_assert_eq(hl_list_set_slice(rt, e, 0, 0, 1, test_pin(rt, hl_list_new(rt, 0))), 0);
    cr_assert_str_eq(test_repr(rt, e), "[]");
    hl_runtime_free(rt);
}
