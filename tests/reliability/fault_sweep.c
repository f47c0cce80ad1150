/* Fault-injection sweep over scripts run through the front end's C API:
 *     fault_sweep [--stride N] SCRIPT...
 * For each script: one clean run counts its allocations (from the runtime's creation on,
 * the front end's own set-up included); then for every N up to that total (every Nth with a
 * stride) a fresh runtime fails allocation N. Each run must end as the clean run did or with
 * MemoryError (a failure the runtime recovers from, such as a mark stack that cannot grow,
 * may also let it succeed, but never with the exception still pending), with exactly that one
 * failure counted, and leave a runtime that prints the error, collects with its books
 * balanced and runs a further script. Leaks are for the sanitizer build (LeakSanitizer at
 * exit) to report. The backend and int mode come from the environment (HEAPLAB_BACKEND,
 * HEAPLAB_INT_MODE). Ends with "N passed, M failed", one per script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heaplab/heaplab.h"
#include "heaplab/lang.h"

static FILE *devnull;
static const char after[] = "x = [1, 'two', (3.0,)] * 2\nassert len(x) == 6 and x[4] == 'two'\n";

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    *len = buf ? fread(buf, 1, cap, f) : 0;
    fclose(f);
    if (buf && *len == cap) { /* the workloads are small scripts */
        free(buf);
        return NULL;
    }
    return buf;
}

static hl_runtime *new_runtime(uint64_t fail_at)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.fail_at = fail_at;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "fault_sweep: %s\n", err);
        exit(2);
    }
    return rt;
}

static uint64_t allocations(hl_runtime *rt)
{
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    return h.allocs;
}

/* One run with allocation n failing; NULL when all is well, else what went wrong. */
static const char *run_with_fault(const char *src, size_t len, const char *name, uint64_t n, hl_exc clean,
                                  unsigned *memory_errors)
{
    static char why[1200];
    hl_runtime *rt = new_runtime(n);
    hl_lang_status s = hl_lang_run_string(rt, src, len, name);
    hl_exc e = hl_error_type(rt);
    if (s != HL_LANG_STATUS_OK && e != clean && e != HL_EXC_MEMORY_ERROR) {
        snprintf(why, sizeof why, "ends with %s", hl_error_string(rt));
        hl_runtime_free(rt);
        return why;
    }
    if (s == HL_LANG_STATUS_OK && e != HL_EXC_NONE) { /* a failure swallowed on the way: fuzz_lang found one */
        snprintf(why, sizeof why, "succeeds with an exception pending: %s", hl_error_string(rt));
        hl_runtime_free(rt);
        return why;
    }
    *memory_errors += e == HL_EXC_MEMORY_ERROR;
    hl_lang_print_error(rt, devnull);
    hl_gc_collect(rt);
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    const char *bad = NULL;
    if (g.objects_allocated != g.live_objects + g.objects_freed || g.bytes_allocated != g.live_bytes + g.bytes_freed)
        bad = "the collector's books do not balance";
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    if (!bad && h.failures > 1)
        bad = "more than the injected failure";
    /* The fault may not have come yet (past the script's allocations): then it fails the
     * script after, once. */
    for (int attempt = 0; !bad; attempt++) {
        if (hl_lang_run_string(rt, after, sizeof after - 1, "after.py") == HL_LANG_STATUS_OK)
            break;
        if (attempt || hl_error_type(rt) != HL_EXC_MEMORY_ERROR) {
            snprintf(why, sizeof why, "the runtime does not run a script after: %s", hl_error_string(rt));
            bad = why;
        }
        hl_error_clear(rt);
    }
    hl_runtime_free(rt);
    return bad;
}

static int sweep(const char *path, uint64_t stride)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        fprintf(stderr, "fault_sweep: cannot read %s\n", path);
        return 1;
    }
    hl_runtime *rt = new_runtime(0);
    uint64_t before = allocations(rt);
    hl_lang_status s = hl_lang_run_string(rt, src, len, path);
    hl_exc clean = s == HL_LANG_STATUS_OK ? HL_EXC_NONE : hl_error_type(rt);
    uint64_t total = allocations(rt) - before;
    hl_runtime_free(rt);
    unsigned runs = 0, memory_errors = 0;
    int failed = 0;
    for (uint64_t n = 1; n <= total + 1 && !failed; n += stride, runs++) {
        const char *why = run_with_fault(src, len, path, n, clean, &memory_errors);
        if (why) {
            fprintf(stderr, "FAIL %s: fail_at=%llu: %s\n", path, (unsigned long long)n, why);
            failed = 1;
        }
    }
    fprintf(stderr, "fault_sweep: %s: %llu allocations, %u faults injected, %u MemoryError, %u ran to the end\n", path,
            (unsigned long long)total, runs, memory_errors, runs - memory_errors);
    free(src);
    return failed;
}

int main(int argc, char **argv)
{
    uint64_t stride = 1;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--stride") == 0) {
        stride = strtoull(argv[2], NULL, 10);
        first = 3;
    }
    if (first >= argc || stride == 0) {
        fprintf(stderr, "usage: fault_sweep [--stride N] SCRIPT...\n");
        return 2;
    }
    /* The scripts print; nobody reads it. */
    if (!freopen("/dev/null", "w", stdout) || !(devnull = fopen("/dev/null", "w")))
        return 2;
    int passed = 0, failed = 0;
    for (int i = first; i < argc; i++) {
        if (sweep(argv[i], stride))
            failed++;
        else
            passed++;
    }
    fprintf(stderr, "fault_sweep: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
