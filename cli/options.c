/* Option parsing for `heaplab run` and `heaplab repl`, and the collector's options, which
 * `heaplab compare` takes too. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heaplab/allocator.h"
#include "options.h"

/* --gc-trace's steps, unless given: 64 bytes at 50%, four words of work (about an object). */
#define TRACE_STEP_SIZE 64
#define TRACE_STEP_MUL 50

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "heaplab: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `heaplab --help`)\n");
    return 2;
}

/* The value of an option: "--opt=value" or "--opt value". */
static const char *value_of(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

/* A whole number from lo to hi. */
static bool number_in(const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

/* A size in bytes, more than 0: 4096, 512k, 8M. */
static bool size_in(const char *v, size_t *out)
{
    size_t size;
    if (!v || hl_parse_size(v, &size) || size == 0)
        return false;
    *out = size;
    return true;
}

static bool is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int cli_gc_option(int argc, char **argv, int *i, hl_config *cfg)
{
    const char *a = argv[*i];
    if (is(a, "--gc-mode")) {
        const char *v = value_of(argc, argv, i, "--gc-mode");
        if (!v || hl_parse_gc_mode(v, &cfg->gc_mode))
            return usage_error("%s needs a value: generational, stop-the-world or incremental", "--gc-mode");
    } else if (is(a, "--gc-major")) {
        const char *v = value_of(argc, argv, i, "--gc-major");
        hl_gc_mode m;
        if (!v || hl_parse_gc_mode(v, &m) || m == HL_GC_GENERATIONAL)
            return usage_error("%s needs a value: incremental or stop-the-world", "--gc-major");
        cfg->gc_major_stop_the_world = m == HL_GC_STOP_THE_WORLD;
    } else if (is(a, "--gc-nursery")) {
        if (!size_in(value_of(argc, argv, i, "--gc-nursery"), &cfg->gc_nursery_size))
            return usage_error("%s needs a size in bytes, such as 8M, 512k or 65536", "--gc-nursery");
    } else if (is(a, "--gc-step-size")) {
        if (!size_in(value_of(argc, argv, i, "--gc-step-size"), &cfg->gc_step_size))
            return usage_error("%s needs a size in bytes, such as 16k or 512", "--gc-step-size");
    } else if (is(a, "--gc-step-mul")) {
        long n;
        if (!number_in(value_of(argc, argv, i, "--gc-step-mul"), 1, 1000000, &n))
            return usage_error("%s needs a percentage from 1 to 1000000", "--gc-step-mul");
        cfg->gc_step_mul = (unsigned)n;
    } else if (is(a, "--gc-growth")) {
        long n;
        if (!number_in(value_of(argc, argv, i, "--gc-growth"), 1, 100000, &n))
            return usage_error("%s needs a percentage from 1 to 100000", "--gc-growth");
        cfg->gc_growth_percent = (unsigned)n;
    } else if (is(a, "--gc-promote-age")) {
        long n;
        if (!number_in(value_of(argc, argv, i, "--gc-promote-age"), 1, 15, &n))
            return usage_error("%s needs a number from 1 to 15", "--gc-promote-age");
        cfg->gc_promote_age = (unsigned)n;
    } else {
        return -1;
    }
    return 0;
}

int cli_parse_options(int argc, char **argv, int first, bool want_file, cli_options *out)
{
    memset(out, 0, sizeof *out);
    hl_config_init(&out->cfg);
    /* The script's arguments are collected in place: argv is ours to reorder. */
    char **rest = argv + first;
    int nrest = 0;
    bool options_done = false, mode_given = false, steps_given = false;
    int r;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!out->file && want_file)
                out->file = a;
            rest[nrest++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (is(a, "--backend")) {
            const char *v = value_of(argc, argv, &i, "--backend");
            if (!v)
                return usage_error("%s needs a value", "--backend");
            if (!hl_backend_find(v))
                return usage_error("unknown backend '%s' (see `heaplab backends`)", v);
            out->cfg.backend = v;
        } else if (is(a, "--int-mode")) {
            const char *v = value_of(argc, argv, &i, "--int-mode");
            if (!v)
                return usage_error("%s needs a value: tagged or boxed", "--int-mode");
            if (strcmp(v, "tagged") == 0)
                out->cfg.int_mode = HL_INT_TAGGED;
            else if (strcmp(v, "boxed") == 0)
                out->cfg.int_mode = HL_INT_BOXED;
            else
                return usage_error("unknown int mode '%s': tagged or boxed", v);
        } else if (strcmp(a, "--gc-stress") == 0) {
            out->cfg.gc_stress = 1;
        } else if ((r = cli_gc_option(argc, argv, &i, &out->cfg)) >= 0) {
            if (r)
                return r;
            if (is(a, "--gc-mode"))
                mode_given = true;
            if (is(a, "--gc-step-size") || is(a, "--gc-step-mul"))
                steps_given = true;
        } else if (is(a, "--gc-trace")) {
            out->gc_trace_dir = value_of(argc, argv, &i, "--gc-trace");
            if (!out->gc_trace_dir || !*out->gc_trace_dir)
                return usage_error("%s needs a directory", "--gc-trace");
        } else if (strcmp(a, "--gc-log") == 0) {
            out->cfg.gc_log = 1;
        } else if (strcmp(a, "--gc-stats") == 0) {
            out->gc_stats = true;
        } else if (is(a, "--snapshots")) {
            out->snapshots_dir = value_of(argc, argv, &i, "--snapshots");
            if (!out->snapshots_dir || !*out->snapshots_dir)
                return usage_error("%s needs a directory", "--snapshots");
        } else if (strcmp(a, "--fragmentation") == 0) {
            out->fragmentation = true;
            out->cfg.track_blocks = 1;
        } else if (is(a, "--heap-map")) {
            out->heap_map = value_of(argc, argv, &i, "--heap-map");
            if (!out->heap_map || !*out->heap_map)
                return usage_error("%s needs a file name", "--heap-map");
            out->fragmentation = true;
            out->cfg.track_blocks = 1;
        } else if (strcmp(a, "--snapshot-each-line") == 0) {
            out->snapshot_each_line = true;
        } else if (is(a, "--recursion-limit")) {
            long n;
            if (!number_in(value_of(argc, argv, &i, "--recursion-limit"), 1, 1000000, &n))
                return usage_error("%s needs a number from 1 to 1000000", "--recursion-limit");
            out->recursion_limit = (unsigned)n;
        } else if (is(a, "--heap-limit")) {
            if (!size_in(value_of(argc, argv, &i, "--heap-limit"), &out->cfg.heap_limit))
                return usage_error("%s needs a size in bytes, such as 64M or 1G", "--heap-limit");
        } else if (is(a, "--step-limit")) {
            long n;
            if (!number_in(value_of(argc, argv, &i, "--step-limit"), 1, LONG_MAX, &n))
                return usage_error("%s needs a number of steps, 1 or more", "--step-limit");
            out->step_limit = (uint64_t)n;
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (want_file && !out->file)
        return usage_error("%s: which script? (a file, or - for standard input)", "run");
    if (out->snapshot_each_line && !out->snapshots_dir)
        return usage_error("%s needs --snapshots DIR", "--snapshot-each-line");
    if (out->gc_trace_dir) { /* the incremental collector, in steps of about one object */
        if (mode_given && out->cfg.gc_mode != HL_GC_INCREMENTAL)
            return usage_error("%s draws the incremental collector's steps: --gc-mode incremental", "--gc-trace");
        out->cfg.gc_mode = HL_GC_INCREMENTAL;
        if (!steps_given) {
            out->cfg.gc_step_size = TRACE_STEP_SIZE;
            out->cfg.gc_step_mul = TRACE_STEP_MUL;
        }
    }
    if (!want_file && nrest)
        return usage_error("repl takes no script ('%s')", rest[0]);
    out->argc = nrest;
    out->argv = rest;
    return 0;
}
