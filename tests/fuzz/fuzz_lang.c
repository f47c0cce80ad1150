/* Fuzz target: any input is a script for the front end. It is compiled and run with limits
 * (a step budget, a small recursion limit, a heap limit and, for some inputs, an injected
 * allocation failure), and whatever it does, it must end in success or a Python exception,
 * leave a runtime whose books balance, that collects and runs a further script, and that
 * frees everything it allocated (ASan/LSan watch the rest). The configuration (int mode,
 * backend, GC stress, fault) is drawn from a hash of the input, so an input replays alike. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "heaplab/heaplab.h"
#include "heaplab/lang.h"

#define STEP_LIMIT 20000
/* GC stress collects before every allocation, so a run costs allocations times live objects:
 * 20,000 steps building a list took 4 to 7 s under ASan here. A tenth of the steps keeps a
 * stressed input within libFuzzer's timeout on a slower machine. */
#define STRESS_STEP_LIMIT 2000
#define RECURSION_LIMIT 100
#define HEAP_LIMIT (32u << 20)

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* Scripts print; nobody reads it. */
    FUZZ_CHECK(freopen("/dev/null", "w", stdout) != NULL, "stdout to /dev/null");
    devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull != NULL, "open /dev/null");
    return 0;
}

static void configure(hl_config *cfg, uint64_t h)
{
    hl_config_init(cfg);
    cfg->backend = (h & 7) == 6 ? "arena" : "system"; /* both are seen by ASan */
    cfg->int_mode = (h & 7) == 5 ? HL_INT_BOXED : HL_INT_TAGGED;
    cfg->gc_stress = (h >> 3 & 15) == 0;
    cfg->fail_at = (h >> 7 & 3) == 0 ? 1 + (h >> 9) % 4000 : 0;
    cfg->heap_limit = HEAP_LIMIT;
}

static void check_books(hl_runtime *rt)
{
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    FUZZ_CHECK(g.objects_allocated == g.live_objects + g.objects_freed, "objects: %llu != %zu + %llu",
               (unsigned long long)g.objects_allocated, g.live_objects, (unsigned long long)g.objects_freed);
    FUZZ_CHECK(g.bytes_allocated == g.live_bytes + g.bytes_freed, "bytes: %llu != %zu + %llu",
               (unsigned long long)g.bytes_allocated, g.live_bytes, (unsigned long long)g.bytes_freed);
}

/* After the script, whatever it did: collect, then run a script in the same __main__ that
 * reads no name the fuzzed one could have rebound, built-ins included (`len = 1` is a fine
 * script: a script after it that calls len() fails, rightly). The slices check the length.
 * An injected fault or the heap limit may still fail it with MemoryError, and only that. */
static void check_usable(hl_runtime *rt)
{
    static const char after[] = "x = [1, 'two', (3.0,)] * 2\nassert x[:2] == [1, 'two'] and x[4:] == ['two', (3.0,)]\n";
    hl_gc_collect(rt);
    check_books(rt);
    for (int attempt = 0;; attempt++) {
        hl_lang_status s = hl_lang_run_string(rt, after, sizeof after - 1, "after.py");
        if (s == HL_LANG_STATUS_OK)
            break;
        FUZZ_CHECK(hl_error_type(rt) == HL_EXC_MEMORY_ERROR && attempt == 0, "the runtime runs a script after: %s",
                   hl_error_string(rt));
        hl_error_clear(rt);
        hl_gc_collect(rt);
        hl_heap_stats h;
        hl_heap_get_stats(rt, &h);
        if (h.requested > HEAP_LIMIT - (1u << 20))
            return; /* the script keeps nearly all the heap it may have: nothing more fits */
    }
    check_books(rt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hl_config cfg;
    configure(&cfg, fuzz_hash(data, size));
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    FUZZ_CHECK(rt != NULL, "runtime: %s", err);
    if (hl_lang_set_step_limit(rt, cfg.gc_stress ? STRESS_STEP_LIMIT : STEP_LIMIT) ||
        hl_lang_set_recursion_limit(rt, RECURSION_LIMIT)) {
        /* The front end's state is made on first use: an injected fault may fail it. */
        FUZZ_CHECK(hl_error_type(rt) == HL_EXC_MEMORY_ERROR, "set-up: %s", hl_error_string(rt));
        hl_runtime_free(rt);
        return 0;
    }
    hl_lang_status s = hl_lang_run_string(rt, (const char *)data, size, "fuzz.py");
    if (s == HL_LANG_STATUS_OK) {
        FUZZ_CHECK(!hl_error_occurred(rt), "success with an exception pending: %s", hl_error_string(rt));
    } else {
        hl_exc type = hl_error_type(rt);
        FUZZ_CHECK(s == HL_LANG_STATUS_ERROR && type > HL_EXC_NONE && type < HL_EXC__COUNT, "status %d, error %d",
                   (int)s, (int)type);
        hl_lang_location where;
        if (hl_lang_error_location(rt, &where))
            FUZZ_CHECK(where.line >= 1 && where.file != NULL, "location line %d", where.line);
        hl_lang_print_error(rt, devnull);
        FUZZ_CHECK(!hl_error_occurred(rt), "printing the error clears it");
    }
    check_usable(rt);
    hl_runtime_free(rt);
    return 0;
}
