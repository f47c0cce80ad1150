/* Option parsing for `heaplab run` and `heaplab repl`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heaplab/allocator.h"
#include "options.h"

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

static bool is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int cli_parse_options(int argc, char **argv, int first, bool want_file, cli_options *out)
{
    memset(out, 0, sizeof *out);
    hl_config_init(&out->cfg);
    /* The script's arguments are collected in place: argv is ours to reorder. */
    char **rest = argv + first;
    int nrest = 0;
    bool options_done = false;
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
        } else if (strcmp(a, "--gc-stats") == 0) {
            out->gc_stats = true;
        } else if (is(a, "--snapshots")) {
            out->snapshots_dir = value_of(argc, argv, &i, "--snapshots");
            if (!out->snapshots_dir || !*out->snapshots_dir)
                return usage_error("%s needs a directory", "--snapshots");
        } else if (strcmp(a, "--snapshot-each-line") == 0) {
            out->snapshot_each_line = true;
        } else if (is(a, "--recursion-limit")) {
            const char *v = value_of(argc, argv, &i, "--recursion-limit");
            char *end;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || n < 1 || n > 1000000)
                return usage_error("%s needs a number from 1 to 1000000", "--recursion-limit");
            out->recursion_limit = (unsigned)n;
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (want_file && !out->file)
        return usage_error("%s: which script? (a file, or - for standard input)", "run");
    if (out->snapshot_each_line && !out->snapshots_dir)
        return usage_error("%s needs --snapshots DIR", "--snapshot-each-line");
    if (!want_file && nrest)
        return usage_error("repl takes no script ('%s')", rest[0]);
    out->argc = nrest;
    out->argv = rest;
    return 0;
}
