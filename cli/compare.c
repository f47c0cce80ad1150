/* heaplab compare: run one script on each backend, each run in a fresh runtime, repeated,
 * and print one row per backend: the median wall time of the run, peak bytes held,
 * allocations, minor and major collections, their total pause, and every pause's count, median,
 * 99th percentile and longest. The script's output is
 * captured: it is printed once, and every run on every backend must print the same. The
 * collector's options (--gc-mode, --gc-nursery, ...) apply to every run. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "fragmentation.h"
#include "options.h"
#include "heaplab/allocator.h"
#include "heaplab/gc.h"
#include "heaplab/heap.h"
#include "heaplab/lang.h"
#include "heaplab/runtime.h"

#define MAX_BACKENDS 16
#define MAX_REPEAT 1000

enum {
    WALL, PEAK_HELD, ALLOCS, OBJECTS, COLLECTIONS, PAUSE_TOTAL, PAUSE_MAX,
    MINOR, MAJOR, MINOR_PAUSE_TOTAL, MINOR_PAUSE_MAX, MAJOR_PAUSE_TOTAL, MAJOR_PAUSE_MAX,
    PAUSES, PAUSE_P50, PAUSE_P99, PAUSE_LONGEST, MARK_STEPS, SWEEP_STEPS, SWEEP_STEP_TOTAL, NFIGURES
};
static const char *const figure_names[NFIGURES] = {
    "wall_ns", "peak_held_bytes", "allocations", "objects_allocated", "collections", "pause_total_ns",
    "pause_max_ns", "minor_collections", "major_collections", "minor_pause_total_ns", "minor_pause_max_ns",
    "major_pause_total_ns", "major_pause_max_ns", "pauses", "pause_p50_ns", "pause_p99_ns", "pause_longest_ns",
    "mark_steps", "sweep_steps", "sweep_step_total_ns"};

typedef struct compare_args {
    const char *file, *json;
    bool fragmentation;     /* --fragmentation: figures from each backend's first run */
    const char *heap_map;   /* --heap-map DIR: DIR/<backend>.map from each backend's first run */
    hl_config cfg; /* the environment's, with the collector's options applied */
    const char *backends[MAX_BACKENDS];
    size_t nbackends;
    unsigned repeat;
} compare_args;

/* The figures of every run of one backend. */
typedef struct backend_runs {
    const char *name;
    uint64_t (*runs)[NFIGURES];
    uint64_t median[NFIGURES];
    hl_fragmentation frag;
} backend_runs;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr,
            "heaplab compare: %s%s\nusage: heaplab compare FILE [--backends a,b] [--repeat N] [--json OUT] "
            "[--fragmentation] [--heap-map DIR] [--gc-mode M] [--gc-major M] [--gc-nursery SIZE] [--gc-promote-age N] [--gc-growth PERCENT] [--gc-step-size SIZE] "
            "[--gc-step-mul PERCENT]\n",
            msg, arg ? arg : "");
    return 2;
}

static int parse_backends(char *list, compare_args *a)
{
    for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
        if (!hl_backend_find(name))
            return usage_error("unknown backend: ", name);
        if (a->nbackends == MAX_BACKENDS)
            return usage_error("too many backends", NULL);
        a->backends[a->nbackends++] = name;
    }
    return a->nbackends ? 0 : usage_error("--backends needs at least one name", NULL);
}

static int parse_args(int argc, char **argv, compare_args *a)
{
    *a = (compare_args){.repeat = 5};
    hl_config_init(&a->cfg);
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        bool has_value = i + 1 < argc;
        int r = cli_gc_option(argc, argv, &i, &a->cfg);
        if (r >= 0) {
            if (r)
                return r;
        } else if (strcmp(opt, "--backends") == 0 && has_value) {
            if (parse_backends(argv[++i], a))
                return 2;
        } else if (strcmp(opt, "--repeat") == 0 && has_value) {
            char *end;
            unsigned long n = strtoul(argv[++i], &end, 10);
            if (*end || n == 0 || n > MAX_REPEAT)
                return usage_error("--repeat takes a count from 1 to 1000, not ", argv[i]);
            a->repeat = (unsigned)n;
        } else if (strcmp(opt, "--json") == 0 && has_value) {
            a->json = argv[++i];
        } else if (strcmp(opt, "--fragmentation") == 0) {
            a->fragmentation = true;
        } else if (strcmp(opt, "--heap-map") == 0 && has_value) {
            a->heap_map = argv[++i];
            a->fragmentation = true;
        } else if (opt[0] == '-' && opt[1]) {
            return usage_error(has_value ? "unknown option: " : "unknown option or missing value: ", opt);
        } else if (!a->file) {
            a->file = opt;
        } else {
            return usage_error("one script only: ", opt);
        }
    }
    if (!a->file)
        return usage_error("no script given", NULL);
    a->cfg.track_blocks = a->fragmentation;
    if (a->nbackends == 0) /* all of them, in the library's order */
        for (size_t i = 0; i < hl_backend_count() && i < MAX_BACKENDS; i++)
            a->backends[a->nbackends++] = hl_backend_at(i)->name;
    return 0;
}

/* ---- the script's standard output, captured per run ---- */

typedef struct capture {
    FILE *file;
    int saved_stdout;
} capture;

static int capture_begin(capture *c)
{
    fflush(stdout);
    c->file = tmpfile();
    c->saved_stdout = dup(STDOUT_FILENO);
    if (!c->file || c->saved_stdout < 0 || dup2(fileno(c->file), STDOUT_FILENO) < 0) {
        perror("heaplab compare: cannot capture the script's output");
        return -1;
    }
    return 0;
}

/* Restore stdout; returns what the run printed (malloc'd, NUL-terminated) and its size. */
static char *capture_end(capture *c, size_t *size)
{
    fflush(stdout);
    dup2(c->saved_stdout, STDOUT_FILENO);
    close(c->saved_stdout);
    long n = ftell(c->file);
    char *text = malloc(n > 0 ? (size_t)n + 1 : 1);
    *size = 0;
    if (text && n > 0) {
        rewind(c->file);
        *size = fread(text, 1, (size_t)n, c->file);
    }
    if (text)
        text[*size] = '\0';
    fclose(c->file);
    return text;
}

/* ---- one run ---- */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Take the fragmentation figures of a run's runtime (and its heap map, with --heap-map). */
static int take_fragmentation(hl_runtime *rt, const compare_args *a, const char *backend, hl_fragmentation *out)
{
    char path[4096];
    if (a->heap_map && snprintf(path, sizeof path, "%s/%s.map", a->heap_map, backend) >= (int)sizeof path) {
        fprintf(stderr, "heaplab compare: the heap map directory's name is too long: %s\n", a->heap_map);
        return 1;
    }
    if (a->heap_map && mkdir(a->heap_map, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "heaplab compare: cannot make the directory %s: %s\n", a->heap_map, strerror(errno));
        return 1;
    }
    return cli_fragmentation_take(rt, a->file, a->heap_map ? path : NULL, out);
}

/* Run the script once on a fresh runtime; fills the figures (and frag, if not NULL) and returns
 * its output, or NULL after printing why the run failed. */
static char *run_once(const compare_args *a, const char *backend, uint64_t figures[NFIGURES], hl_fragmentation *frag,
                      size_t *out_size)
{
    const char *file = a->file;
    const hl_config *base = &a->cfg;
    hl_config cfg = *base;
    cfg.backend = backend;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "heaplab compare: %s\n", err);
        return NULL;
    }
    capture cap;
    if (capture_begin(&cap)) {
        hl_runtime_free(rt);
        return NULL;
    }
    char *argv[] = {(char *)file};
    uint64_t t0 = now_ns();
    hl_lang_status st = hl_lang_set_argv(rt, 1, argv) ? HL_LANG_STATUS_ERROR : hl_lang_run_file(rt, file);
    uint64_t t1 = now_ns();
    char *output = capture_end(&cap, out_size);
    if (st != HL_LANG_STATUS_OK) {
        fputs(output ? output : "", stdout);
        fprintf(stderr, "heaplab compare: %s failed on the %s backend:\n", file, backend);
        hl_lang_print_error(rt, stderr);
        free(output);
        output = NULL;
    }
    hl_gc_stats g;
    hl_heap_stats h;
    hl_gc_get_stats(rt, &g);
    hl_heap_get_stats(rt, &h);
    figures[WALL] = t1 - t0;
    figures[PEAK_HELD] = h.peak_held;
    figures[ALLOCS] = h.allocs;
    figures[OBJECTS] = g.objects_allocated;
    figures[COLLECTIONS] = g.collections;
    figures[PAUSE_TOTAL] = g.total_pause_ns;
    figures[PAUSE_MAX] = g.max_pause_ns;
    figures[MINOR] = g.minor_collections;
    figures[MAJOR] = g.major_collections;
    figures[MINOR_PAUSE_TOTAL] = g.minor_pause_ns;
    figures[MINOR_PAUSE_MAX] = g.max_minor_pause_ns;
    figures[MAJOR_PAUSE_TOTAL] = g.major_pause_ns;
    figures[MAJOR_PAUSE_MAX] = g.max_major_pause_ns;
    figures[PAUSES] = g.pauses;
    figures[PAUSE_P50] = g.pause_p50_ns;
    figures[PAUSE_P99] = g.pause_p99_ns;
    figures[PAUSE_LONGEST] = g.pause_max_ns;
    figures[MARK_STEPS] = g.mark_steps;
    figures[SWEEP_STEPS] = g.sweep_steps;
    figures[SWEEP_STEP_TOTAL] = g.sweep_step_ns;
    if (output && frag && take_fragmentation(rt, a, backend, frag)) {
        free(output);
        output = NULL;
    }
    hl_runtime_free(rt);
    return output;
}

/* ---- medians and the table ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void compute_medians(backend_runs *b, unsigned n)
{
    uint64_t column[MAX_REPEAT];
    for (int f = 0; f < NFIGURES; f++) {
        for (unsigned i = 0; i < n; i++)
            column[i] = b->runs[i][f];
        qsort(column, n, sizeof *column, cmp_u64);
        b->median[f] = n % 2 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
    }
}

static void print_table(const compare_args *a, const backend_runs *b)
{
    uint64_t best = UINT64_MAX;
    for (size_t i = 0; i < a->nbackends; i++)
        if (b[i].median[WALL] < best)
            best = b[i].median[WALL];
    printf("\nheaplab compare %s: %u run%s per backend, a fresh runtime each; medians\n", a->file, a->repeat,
           a->repeat == 1 ? "" : "s");
    printf("collector: %s", hl_gc_mode_name(a->cfg.gc_mode));
    if (a->cfg.gc_mode == HL_GC_GENERATIONAL)
        printf(", nursery %.1f MiB, promotion after %u minor collections, major ones %s",
               (double)a->cfg.gc_nursery_size / 1048576.0, a->cfg.gc_promote_age,
               a->cfg.gc_major_stop_the_world ? "in one pause" : "in steps");
    if (a->cfg.gc_mode == HL_GC_INCREMENTAL || (a->cfg.gc_mode == HL_GC_GENERATIONAL && !a->cfg.gc_major_stop_the_world))
        printf(", steps every %zu bytes, %u%% work", a->cfg.gc_step_size, a->cfg.gc_step_mul);
    printf(", major after %u%% growth\n\n", a->cfg.gc_growth_percent);
    printf("%-10s %9s %7s %12s %11s %5s %5s %11s %7s %9s %9s %9s\n", "backend", "wall ms", "vs best", "peak held",
           "allocations", "minor", "major", "pause total", "pauses", "p50", "p99", "max");
    for (size_t i = 0; i < a->nbackends; i++) {
        const uint64_t *m = b[i].median;
        char ratio[16];
        snprintf(ratio, sizeof ratio, "%.2fx", (double)m[WALL] / (double)best);
        printf("%-10s %9.1f %7s %8.1f MiB %11" PRIu64 " %5" PRIu64 " %5" PRIu64 " %8.2f ms %7" PRIu64
               " %6.3f ms %6.3f ms %6.2f ms\n",
               b[i].name, (double)m[WALL] / 1e6, ratio, (double)m[PEAK_HELD] / 1048576.0, m[ALLOCS], m[MINOR],
               m[MAJOR], (double)m[PAUSE_TOTAL] / 1e6, m[PAUSES], (double)m[PAUSE_P50] / 1e6,
               (double)m[PAUSE_P99] / 1e6, (double)m[PAUSE_LONGEST] / 1e6);
    }
    printf("\nwall: the script's run (compile included, runtime set-up and teardown not); peak held: the\n"
           "allocator's usable bytes; allocations: backend calls; minor, major: collections of the young\n"
           "generation and of the whole heap; pause total: the collections' pauses (an incremental one's:\n"
           "its mark steps), sweep steps apart; pauses, p50, p99, max: every pause the program saw from\n"
           "the collector, of any kind (a collection, a sweep step, an incremental step).\n"
           "boehm: Boehm's own collector runs (heaplab's is not generational nor incremental there): its\n"
           "collections count as major, and the pauses time only those heaplab asked for.\n");
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", *s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void json_figures(FILE *f, const uint64_t *v)
{
    fputc('{', f);
    for (int k = 0; k < NFIGURES; k++)
        fprintf(f, "%s\"%s\": %" PRIu64, k ? ", " : "", figure_names[k], v[k]);
    fputc('}', f);
}

static int write_json(const compare_args *a, const backend_runs *b)
{
    FILE *f = fopen(a->json, "w");
    if (!f) {
        perror(a->json);
        return 1;
    }
    fputs("{\"file\": ", f);
    json_string(f, a->file);
    fprintf(f, ", \"repeat\": %u, \"backends\": [", a->repeat);
    for (size_t i = 0; i < a->nbackends; i++) {
        fprintf(f, "%s\n  {\"backend\": \"%s\", \"median\": ", i ? "," : "", b[i].name);
        json_figures(f, b[i].median);
        if (a->fragmentation) {
            fputs(", \"fragmentation\": ", f);
            cli_fragmentation_json(f, &b[i].frag);
        }
        fputs(", \"runs\": [", f);
        for (unsigned r = 0; r < a->repeat; r++) {
            fputs(r ? ", " : "", f);
            json_figures(f, b[i].runs[r]);
        }
        fputs("]}", f);
    }
    fputs("\n]}\n", f);
    return fclose(f) ? (perror(a->json), 1) : 0;
}

/* Run every repetition on every backend, round-robin (so a change in the machine's load
 * spreads over all backends), checking each output against the first. */
static int run_all(const compare_args *a, backend_runs *b)
{
    char *expected = NULL;
    size_t expected_size = 0;
    int status = 0;
    for (unsigned r = 0; r < a->repeat && !status; r++) {
        for (size_t i = 0; i < a->nbackends && !status; i++) {
            size_t size;
            char *out = run_once(a, b[i].name, b[i].runs[r], a->fragmentation && r == 0 ? &b[i].frag : NULL, &size);
            if (!out) {
                status = 1;
            } else if (!expected) {
                fputs(out, stdout);
                expected = out;
                expected_size = size;
                out = NULL;
            } else if (size != expected_size || memcmp(out, expected, size) != 0) {
                fprintf(stderr, "heaplab compare: %s printed something else on the %s backend (run %u)\n",
                        a->file, b[i].name, r + 1);
                status = 1;
            }
            free(out);
        }
    }
    free(expected);
    return status;
}

int cli_compare(int argc, char **argv)
{
    compare_args a;
    if (parse_args(argc, argv, &a))
        return 2;
    backend_runs b[MAX_BACKENDS];
    int status = 0;
    for (size_t i = 0; i < a.nbackends; i++) {
        b[i] = (backend_runs){.name = a.backends[i], .runs = calloc(a.repeat, sizeof *b[i].runs)};
        if (!b[i].runs)
            status = 1;
    }
    if (!status)
        status = run_all(&a, b);
    if (!status) {
        for (size_t i = 0; i < a.nbackends; i++)
            compute_medians(&b[i], a.repeat);
        print_table(&a, b);
        if (a.fragmentation) {
            hl_fragmentation rows[MAX_BACKENDS];
            for (size_t i = 0; i < a.nbackends; i++)
                rows[i] = b[i].frag;
            cli_fragmentation_table(stdout, rows, a.nbackends);
        }
        if (a.json)
            status = write_json(&a, b);
    }
    for (size_t i = 0; i < a.nbackends; i++)
        free(b[i].runs);
    return status;
}
