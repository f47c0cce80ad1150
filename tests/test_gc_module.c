/* The collector as scripts see it: gc.collect() returns the objects freed, gc.get_stats()
 * has CPython's three dicts (heaplab's minor collections in the first, its full ones in the
 * third), gc.collect(0) is a minor collection, heaplab.stats() has
 * live objects per type and the heap's and the backend's figures, sys.getsizeof is heaplab's
 * real size. Each script asserts what it checks; under GC stress a collection runs before
 * every allocation, so the scripts only compare counts across code that allocates nothing. */
#include <string.h>

#include "support.h"

#include "heaplab/lang.h"

static void run_checks(hl_runtime *rt, const char *src)
{
    hl_lang_status s = hl_lang_run_string(rt, src, strlen(src), "checks.py");
    cr_assert_eq(s, HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
}

Test(gc_module, collect_returns_the_objects_freed)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt)) {
        run_checks(rt, "import gc\nx = [[] for _ in range(100)]\nx = None\nassert gc.collect() >= 0\n");
        hl_runtime_free(rt);
        cr_skip_test("a conservative collector may keep some of the garbage");
    }
    run_checks(rt,
               "import gc\n"
               "x = [[] for _ in range(100)]\n"
               "gc.collect()\n"
               "x = None\n"                  /* allocates nothing: the 101 lists wait for gc.collect */
               "n = gc.collect()\n"
               "assert n >= 101, n\n"
               "assert gc.collect() == 0\n");
    hl_runtime_free(rt);
}

Test(gc_module, get_stats_has_three_generations)
{
    hl_runtime *rt = test_runtime();
    run_checks(rt,
               "import gc\n"
               "gc.collect()\n"
               "s = gc.get_stats()\n"
               "assert len(s) == 3\n"
               "empty = {'collections': 0, 'collected': 0, 'uncollectable': 0}\n"
               "assert s[1] == empty, s\n"
               "assert list(s[0]) == ['collections', 'collected', 'uncollectable']\n"
               "assert list(s[2]) == list(s[0]) + ['pauses', 'pause_p50_ns', 'pause_p99_ns', 'pause_max_ns']\n"
               "assert s[2]['collections'] >= 1 and s[2]['uncollectable'] == 0, s\n"
               "assert s[2]['pauses'] >= 1 and 0 <= s[2]['pause_p50_ns'] <= s[2]['pause_p99_ns'] <= s[2]['pause_max_ns']\n"
               "c = s[2]['collections']\n"
               "gc.collect()\n"
               "assert gc.get_stats()[2]['collections'] >= c + 1\n");
    if (test_precise(rt))
        run_checks(rt,
                   "x = [[] for _ in range(50)]\n"
                   "before = gc.get_stats()[2]['collected']\n"
                   "x = None\n"
                   "freed = gc.collect()\n"
                   "after = gc.get_stats()[2]['collected']\n"
                   "assert after - before >= freed >= 51, (before, freed, after)\n");
    hl_runtime_free(rt);
}

Test(gc_module, heaplab_stats)
{
    hl_runtime *rt = test_runtime();
    char src[1024];
    snprintf(src, sizeof src,
             "import gc, heaplab\n"
             "xs = [[i] for i in range(10)]\n"
             "gc.collect()\n"
             "st = heaplab.stats()\n"
             "assert st['backend'] == '%s', st['backend']\n"
             "assert st['objects']['list'] >= 11 and st['live_objects'] >= 11, st\n"
             "assert st['bytes_held'] >= st['bytes_requested'] > 0, st\n"
             "assert st['peak_held'] >= st['bytes_held'], st\n"
             "assert st['allocations'] >= st['frees'] and st['collections'] >= 1, st\n"
             "assert st['objects_allocated'] == st['live_objects'] + st['objects_freed'], st\n"
             "for k in ['backend_mapped', 'backend_active', 'backend_allocated', 'live_bytes']:\n"
             "    assert st[k] >= 0, k\n"
             "assert 'int' not in st['objects'] or %d, st\n",
             hl_runtime_backend_name(rt), test_boxed(rt));
    run_checks(rt, src);
    hl_runtime_free(rt);
}

Test(gc_module, getsizeof_is_the_real_size)
{
    hl_runtime *rt = test_runtime();
    char src[1024];
    snprintf(src, sizeof src,
             "import sys\n"
             "assert sys.getsizeof(1.5) == 16\n"                  /* header and double */
             "assert sys.getsizeof('abcd') == sys.getsizeof('') + 4\n"
             "assert sys.getsizeof(None) == 0 and sys.getsizeof(True) == 0\n"
             "assert sys.getsizeof(7) == %d\n" /* an immediate, or a boxed int: header, limb count, limb */
             "xs = list(range(100))\n"
             "assert sys.getsizeof(xs) >= 100 * 8 + sys.getsizeof([])\n"
             "assert sys.getsizeof(xs, 0) == sys.getsizeof(xs)\n",
             test_boxed(rt) ? 24 : 0);
    run_checks(rt, src);
    hl_runtime_free(rt);
}

/* gc.collect(generation): 0 and 1 collect the young generation, 2 (the default) everything. */
Test(gc_module, collect_by_generation)
{
    hl_runtime *rt = test_runtime();
    run_checks(rt,
               "import gc\n"
               "s = gc.get_stats()\n"
               "assert gc.collect(0) >= 0 and gc.collect(1) >= 0\n"
               "t = gc.get_stats()\n"
               "assert t[2]['collections'] >= s[2]['collections']\n"
               "gc.collect(2)\n"
               "assert gc.get_stats()[2]['collections'] >= t[2]['collections'] + 1\n");
    hl_config cfg = *hl_runtime_config(rt);
    if (test_precise(rt) && cfg.gc_mode == HL_GC_GENERATIONAL && !cfg.gc_stress)
        run_checks(rt,
                   "s = gc.get_stats()\n"
                   "x = [[] for _ in range(30)]\n"
                   "x = None\n"
                   "assert gc.collect(0) >= 31\n"
                   "t = gc.get_stats()\n"
                   "assert t[0]['collections'] == s[0]['collections'] + 1, (s, t)\n"
                   "assert t[2]['collections'] == s[2]['collections'], (s, t)\n"
                   "assert t[0]['collected'] >= s[0]['collected'] + 31\n");
    hl_runtime_free(rt);
}

Test(gc_module, collect_rejects_a_bad_generation)
{
    hl_runtime *rt = test_runtime();
    const char *src = "import gc\ngc.collect(3)\n";
    cr_assert_eq(hl_lang_run_string(rt, src, strlen(src), "bad.py"), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_string(rt), "ValueError: invalid generation");
    hl_error_clear(rt);
    src = "import gc\ngc.collect('2')\n";
    cr_assert_eq(hl_lang_run_string(rt, src, strlen(src), "bad.py"), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: 'str' object cannot be interpreted as an integer");
    hl_runtime_free(rt);
}
