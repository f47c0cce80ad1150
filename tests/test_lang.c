/* The front end through its C API: running scripts, compile and runtime errors with their
 * positions, the REPL, collections during execution, the recursion limit, and MemoryError
 * at many points of a script leaving the runtime usable. */
#include <string.h>

#include "support.h" /* Criterion first: its redirect header builds on it */

#include <criterion/redirect.h>

#include "heaplab/lang.h"

static hl_lang_status run(hl_runtime *rt, const char *src)
{
    return hl_lang_run_string(rt, src, strlen(src), "test.py");
}

static void expect_output(const char *src, const char *expected)
{
    hl_runtime *rt = test_runtime();
    hl_lang_status s = run(rt, src);
    cr_assert_eq(s, HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    fflush(stdout);
    cr_assert_stdout_eq_str(expected);
    hl_runtime_free(rt);
}

Test(lang, runs_a_script, .init = cr_redirect_stdout)
{
    expect_output("x = [1, 2]\n"
                  "y = x\n"
                  "y += [3]\n"
                  "print(x, x is y, len(x))\n"
                  "def f(a, b=10):\n"
                  "    return a + b\n"
                  "print(f(1), f(1, 2), f(b=3, a=4))\n"
                  "print(sorted({'b': 1, 'a': 2}), [i * i for i in range(4)], f'{3.14159:.2f}')\n",
                  "[1, 2, 3] True 3\n11 3 7\n['a', 'b'] [0, 1, 4, 9] 3.14\n");
}

Test(lang, closures_and_scopes, .init = cr_redirect_stdout)
{
    expect_output("def counter():\n"
                  "    n = 0\n"
                  "    def step():\n"
                  "        nonlocal n\n"
                  "        n += 1\n"
                  "        return n\n"
                  "    return step\n"
                  "c = counter()\n"
                  "c(); c()\n"
                  "print(c())\n"
                  "g = 1\n"
                  "def setg():\n"
                  "    global g\n"
                  "    g = 2\n"
                  "setg()\n"
                  "print(g, [x for x in range(3)], 'ok')\n",
                  "3\n2 [0, 1, 2] ok\n");
}

Test(lang, percent_and_str_format, .init = cr_redirect_stdout)
{
    expect_output("print('{} and {}'.format(1, 'a'), '{1}{0}'.format('x', 'y'), '{n}: {v:.2f}'.format(n='pi', v=3.14159))\n"
                  "print('{!r:>6}|{:<4}|{:^7}|{{}}'.format('q', 12, 'mid'))\n"
                  "print('%s is %d, %.1f%% done, %5s|%-5s|%05d|%x|%r' % ('Al', 30, 99.5, 'ab', 'cd', 42, 255, 'q'))\n"
                  "s = 'x=%d'\n"
                  "s %= 7\n"
                  "print(s, '%c%c' % (72, 'i'), '%s' % [1, 2], '%-8.3s|' % 'abcdef', '%e' % 12345.678)\n",
                  "1 and a yx pi: 3.14\n"
                  "   'q'|12  |  mid  |{}\n"
                  "Al is 30, 99.5% done,    ab|cd   |00042|ff|'q'\n"
                  "x=7 Hi [1, 2] abc     | 1.234568e+04\n");
}

Test(lang, main_module_persists_between_runs, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(run(rt, "total = 40\n"), HL_LANG_STATUS_OK);
    cr_assert_eq(run(rt, "total += 2\nprint(total)\n"), HL_LANG_STATUS_OK);
    fflush(stdout);
    cr_assert_stdout_eq_str("42\n");
    hl_runtime_free(rt);
}

Test(lang, syntax_error_with_position)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(run(rt, "x = 1\nif x\n    pass\n"), HL_LANG_STATUS_ERROR);
    cr_assert_eq(hl_error_type(rt), HL_EXC_SYNTAX_ERROR);
    cr_assert_str_eq(hl_error_message(rt), "expected ':'");
    hl_lang_location loc;
    cr_assert(hl_lang_error_location(rt, &loc));
    cr_assert_eq(loc.line, 2);
    cr_assert_eq(loc.col, 5);
    cr_assert_null(loc.function);
    hl_runtime_free(rt);
}

Test(lang, unsupported_construct_is_named)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(run(rt, "class A:\n    pass\n"), HL_LANG_STATUS_ERROR);
    cr_assert_eq(hl_error_type(rt), HL_EXC_NOT_IMPLEMENTED_ERROR);
    cr_assert_str_eq(hl_error_message(rt), "'class' statements are not supported by heaplab");
    hl_error_clear(rt);
    cr_assert_eq(run(rt, "raise ValueError('x')\n"), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_message(rt), "'raise' statements are not supported by heaplab");
    hl_runtime_free(rt);
}

Test(lang, runtime_error_with_position, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(run(rt, "print('before')\n"
                         "def f(x):\n"
                         "    return x + [1]\n"
                         "f([0])\n"
                         "f(5)\n"),
                 HL_LANG_STATUS_ERROR);
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: unsupported operand type(s) for +: 'int' and 'list'");
    hl_lang_location loc;
    cr_assert(hl_lang_error_location(rt, &loc));
    cr_assert_eq(loc.line, 3);
    cr_assert_eq(loc.col, 12);
    cr_assert_str_eq(loc.function, "f");
    cr_assert_str_eq(loc.file, "test.py");
    fflush(stdout);
    cr_assert_stdout_eq_str("before\n"); /* output before the error stays */
    hl_runtime_free(rt);
}

Test(lang, cpython_messages)
{
    static const struct {
        const char *src, *error;
    } cases[] = {
        {"[1] + 1\n", "TypeError: can only concatenate list (not \"int\") to list"},
        {"print(y)\n", "NameError: name 'y' is not defined"},
        {"{}['x']\n", "KeyError: 'x'"},
        {"1 / 0\n", "ZeroDivisionError: division by zero"},
        {"def f():\n    x += 1\nf()\n",
         "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value"},
        {"def f(a, b):\n    pass\nf(1)\n", "TypeError: f() missing 1 required positional argument: 'b'"},
        {"import foo\n", "ModuleNotFoundError: No module named 'foo'"},
        {"a, b = [1, 2, 3]\n", "ValueError: too many values to unpack (expected 2)"},
        {"[].foo\n", "AttributeError: 'list' object has no attribute 'foo'"},
        {"assert 1 == 2, 'no'\n", "AssertionError: no"},
    };
    hl_runtime *rt = test_runtime();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cr_assert_eq(run(rt, cases[i].src), HL_LANG_STATUS_ERROR, "%s", cases[i].src);
        cr_assert_str_eq(hl_error_string(rt), cases[i].error);
        hl_error_clear(rt);
    }
    hl_runtime_free(rt);
}

Test(lang, recursion_limit)
{
    hl_runtime *rt = test_runtime();
    const char *deep = "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\nr = down(%d)\n";
    char src[256];
    snprintf(src, sizeof src, deep, 900);
    cr_assert_eq(run(rt, src), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    snprintf(src, sizeof src, deep, 100000);
    cr_assert_eq(run(rt, src), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_string(rt), "RecursionError: maximum recursion depth exceeded");
    hl_error_clear(rt);
    cr_assert_eq(hl_lang_set_recursion_limit(rt, 50), 0);
    snprintf(src, sizeof src, deep, 60);
    cr_assert_eq(run(rt, src), HL_LANG_STATUS_ERROR);
    hl_error_clear(rt);
    cr_assert_eq(run(rt, "import sys\nsys.setrecursionlimit(5000)\n"), HL_LANG_STATUS_OK);
    snprintf(src, sizeof src, deep, 4000); /* deeper than the first stack block */
    cr_assert_eq(run(rt, src), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    hl_runtime_free(rt);
}

Test(lang, collects_during_execution)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    cr_assert_eq(run(rt, "import gc\ngc.collect()\n"), HL_LANG_STATUS_OK);
    size_t base = hl_heap_count(rt, HL_T_LIST);
    cr_assert_eq(run(rt, "import gc\n"
                         "big = [[i, str(i)] for i in range(20000)]\n"
                         "keep = big[:10]\n"
                         "big = None\n"
                         "freed = gc.collect()\n"),
                 HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    /* the 10 kept pairs and `keep` itself are the only lists left of the script's */
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), base + 11);
    cr_assert_eq(run(rt, "assert freed >= 39000, freed\n"), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    hl_runtime_free(rt);
}

Test(lang, repl_echoes_and_waits_for_more, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    const char *def = "def f(x):\n    return x * 2\n";
    cr_assert_eq(hl_lang_repl_eval(rt, def, strlen(def)), HL_LANG_STATUS_INCOMPLETE);
    const char *closed = "def f(x):\n    return x * 2\n\n";
    cr_assert_eq(hl_lang_repl_eval(rt, closed, strlen(closed)), HL_LANG_STATUS_OK);
    const char *open = "(1,\n";
    cr_assert_eq(hl_lang_repl_eval(rt, open, strlen(open)), HL_LANG_STATUS_INCOMPLETE);
    const char *call = "f(21)\nNone\n'a'\n";
    cr_assert_eq(hl_lang_repl_eval(rt, call, strlen(call)), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    fflush(stdout);
    cr_assert_stdout_eq_str("42\n'a'\n");
    hl_runtime_free(rt);
}

Test(lang, argv_reaches_sys, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    char *argv[] = {"script.py", "one"};
    cr_assert_eq(hl_lang_set_argv(rt, 2, argv), 0);
    cr_assert_eq(run(rt, "import sys\nprint(sys.argv)\n"), HL_LANG_STATUS_OK);
    fflush(stdout);
    cr_assert_stdout_eq_str("['script.py', 'one']\n");
    hl_runtime_free(rt);
}

/* A script that allocates in every way the VM does: frames, closures, containers, strings,
 * iterators, comprehensions, formatting, imports. */
static const char fault_script[] = "import copy\n"
                                   "def make(n):\n"
                                   "    out = []\n"
                                   "    for i in range(n):\n"
                                   "        out.append({'k': [i, str(i)], 's': {i, i + 1}})\n"
                                   "    return out\n"
                                   "data = make(30)\n"
                                   "deep = copy.deepcopy(data)\n"
                                   "words = ' '.join(f'{d[\"k\"][1]:>3}' for d in deep)\n"
                                   "pairs = sorted(zip(range(10), words.split()), key=lambda p: -p[0])\n"
                                   "total = sum(len(w) for w in words.split())\n";

/* For the allocation-fault sweeps: cfg from the environment, then src run once with no fault.
 * Returns how many allocations that run made; error gets its error string ("" on success).
 * Skips under GC stress: a collection per allocation times every run of a sweep is too slow. */
static uint64_t clean_run(hl_config *cfg, const char *src, char *error, size_t errlen)
{
    hl_config_init(cfg);
    if (cfg->gc_stress)
        cr_skip("a collection per allocation times every run of the sweep: too slow here");
    char err[256];
    hl_runtime *clean = hl_runtime_new(cfg, err, sizeof err);
    cr_assert_not_null(clean, "%s", err);
    hl_heap_stats before, after;
    hl_heap_get_stats(clean, &before);
    bool ok = run(clean, src) == HL_LANG_STATUS_OK;
    snprintf(error, errlen, "%s", ok ? "" : hl_error_string(clean));
    hl_heap_get_stats(clean, &after);
    hl_runtime_free(clean);
    return after.allocs - before.allocs;
}

/* MemoryError at the Nth allocation of the script, for N over its whole run: every run
 * either succeeds or fails with MemoryError, and the runtime then runs another script. */
Test(lang, memory_error_anywhere_leaves_runtime_usable, .timeout = 120)
{
    hl_config cfg;
    char err[256];
    uint64_t total = clean_run(&cfg, fault_script, err, sizeof err);
    cr_assert_str_empty(err);
    int failures = 0;
    for (uint64_t n = 1; n <= total; n += 1 + total / 400) {
        cfg.fail_at = n;
        hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
        cr_assert_not_null(rt, "%s", err);
        if (run(rt, fault_script) != HL_LANG_STATUS_OK) { /* some failures are recovered from */
            cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR, "fail_at %llu: %s", (unsigned long long)n,
                         hl_error_string(rt));
            failures++;
            hl_error_clear(rt);
            cr_assert_eq(run(rt, "r = [i * 2 for i in range(100)]\nassert r[-1] == 198\n"), HL_LANG_STATUS_OK,
                         "fail_at %llu, after: %s", (unsigned long long)n, hl_error_string(rt));
        }
        hl_runtime_free(rt);
    }
    cr_assert_gt(failures, 50);
}

/* Each allocation of src fails in turn: every run ends as the clean run does (the same error
 * string, or none) or with MemoryError, never with another error in its place. */
static void expect_memory_error_kept(const char *src)
{
    hl_config cfg;
    char err[256], clean_error[512];
    uint64_t total = clean_run(&cfg, src, clean_error, sizeof clean_error);
    for (uint64_t n = 1; n <= total; n++) {
        cfg.fail_at = n;
        hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
        cr_assert_not_null(rt, "%s", err);
        if (run(rt, src) != HL_LANG_STATUS_OK && hl_error_type(rt) != HL_EXC_MEMORY_ERROR)
            cr_assert_str_eq(hl_error_string(rt), clean_error, "fail_at %llu", (unsigned long long)cfg.fail_at);
        hl_runtime_free(rt);
    }
}

Test(lang, memory_error_in_name_attribute_is_kept, .init = cr_redirect_stdout)
{
    expect_memory_error_kept("print(type([]).__name__, len.__name__)\n");
}

Test(lang, memory_error_in_read_only_attribute_is_kept, .init = cr_redirect_stdout)
{
    expect_memory_error_kept("x = []\nx.append = 3\n");
}

/* MemoryError while a global's slot is made (its name listed, the index not updated) leaves
 * the module's names in step with its slots: a later NameError names the right variable. */
Test(lang, memory_error_making_a_global_keeps_names_in_step, .init = cr_redirect_stdout)
{
    static const char globals[] = "a1 = 1\na2 = 2\na3 = 3\na4 = 4\na5 = 5\na6 = 6\na7 = 7\na8 = 8\na9 = 9\n"
                                  "a10 = 10\na11 = 11\na12 = 12\na13 = 13\na14 = 14\na15 = 15\na16 = 16\n";
    hl_config cfg;
    char err[256];
    uint64_t total = clean_run(&cfg, globals, err, sizeof err);
    cr_assert_str_empty(err);
    for (uint64_t n = 1; n <= total; n++) {
        cfg.fail_at = n;
        hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
        cr_assert_not_null(rt, "%s", err);
        run(rt, globals);
        hl_error_clear(rt);
        cr_assert_eq(run(rt, "print(undefined_q)\n"), HL_LANG_STATUS_ERROR);
        cr_assert_str_eq(hl_error_string(rt), "NameError: name 'undefined_q' is not defined", "fail_at %llu",
                         (unsigned long long)n);
        hl_runtime_free(rt);
    }
}

/* The value stack grows inside a nested run (a key function recursing): the old blocks are
 * kept in the retired arrays, which MemoryError must leave consistent at every point. */
Test(lang, memory_error_growing_the_stack_in_a_nested_run, .init = cr_redirect_stdout)
{
    expect_memory_error_kept("import sys\nsys.setrecursionlimit(3000)\n"
                             "def d(n):\n    return 0 if n == 0 else d(n - 1)\n"
                             "print(sorted([2, 1], key=lambda v: d(1200 * v)))\n");
}
