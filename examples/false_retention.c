/* False retention: one integer that happens to equal an object's address keeps a whole
 * structure alive under Boehm's conservative collector, while heaplab's precise collector
 * frees it at once.
 *
 * The program builds a table (100 pages of 100 rows, each row [name, x, y]), and, as a program
 * keeping a log of "ids" innocently would, records id(table) (the object's address as an
 * integer, exactly what CPython's id() returns) in a static array of uint64_t. Then it drops
 * every root and collects. Boehm scans all static data word by word and cannot tell that
 * word from a pointer: it keeps the table and everything the table refers to. heaplab's
 * collector knows where every reference is (its roots, and each type's trace hook), never
 * looks at the array, and frees it all. Then one bit of the integer changes (it now points 8
 * bytes inside the list, and Boehm runs with interior pointers off, so only a block's start
 * counts) and the next collection frees the table on Boehm too.
 *
 * usage: false_retention [--dot FILE] [BACKEND...]   (default: boehm system)
 * --dot FILE draws what Boehm kept (the objects reachable from the stray integer) as DOT.
 *
 * Other words Boehm scans can keep the table after the integer changes: the very lesson, by
 * accident. Boehm scans the C stack from its own frames up, and a stale copy of an address
 * in a dead frame there keeps the object: so the table is built, and drawn, 256 KiB deeper
 * down the stack than any collection's frames reach (at_depth), and each collection clears
 * the frames it leaves behind (Boehm's count of survivors passes every one's address through
 * them). Without either, Boehm kept the whole table after the change, every run. And libgc's
 * own static data holds addresses of heap blocks it manages, which are page-aligned, as is
 * every block of 4 KiB or more: a table of 10,000 rows in one list (an 80 KB item buffer) had
 * its rows kept after the change about one run in two, so the lists here stay small. The
 * first object of some heap block may still be kept by it (here, 0 to 4 objects, run to run). */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <heaplab/heaplab.h>

#define PAGES 100
#define ROWS_PER_PAGE 100 /* small lists: no block big enough to be page-aligned (see above) */

#define MAX_BACKENDS 8

/* The program's own log of the ids it has handled: plain integers in static data, nothing
 * heaplab knows of. volatile: every store is kept, as a real log's would be. */
static volatile uint64_t recent_ids[4];

static hl_runtime *rt;

static void die(const char *what)
{
    fprintf(stderr, "false_retention: %s: %s\n", what, hl_error_string(rt));
    exit(1);
}

static void cannot_write(const char *path)
{
    fprintf(stderr, "false_retention: cannot write %s: %s\n", path, strerror(errno));
    exit(1);
}

static hl_value ok(hl_value v, const char *what)
{
    if (!v)
        die(what);
    return v;
}

/* The objects and bytes alive after a full collection. */
typedef struct census {
    size_t objects, bytes;
} census;

/* Zero the stack below the caller, where the frames of the calls it has made lie dead. */
static __attribute__((noinline)) void clear_stack(void)
{
    volatile unsigned char scratch[16 * 1024];
    explicit_bzero((unsigned char *)scratch, sizeof scratch); /* a memset the compiler may not drop */
}

static __attribute__((noinline)) census collect(void)
{
    hl_gc_collect(rt);
    clear_stack();
    hl_gc_stats s;
    hl_gc_get_stats(rt, &s);
    return (census){s.live_objects, s.live_bytes};
}

static hl_value row(size_t i)
{
    hl_value r = ok(hl_list_new(rt, 3), "a row");
    HL_ROOT(rt, r);
    if (hl_list_append(rt, r, ok(hl_str_format(rt, "row %zu", i), "a name")) ||
        hl_list_append(rt, r, ok(hl_float_new(rt, (double)i * 0.5), "x")) ||
        hl_list_append(rt, r, ok(hl_float_new(rt, (double)i * 0.25), "y")))
        die("filling a row");
    HL_UNROOT(rt, 1);
    return r;
}

/* Build the table, log its id, and count it while it is still rooted (into *out); the table
 * itself never leaves this frame. */
static void build_table(void *out)
{
    hl_value table = ok(hl_list_new(rt, PAGES), "the table"), page = HL_NONE;
    HL_ROOT(rt, table);
    HL_ROOT(rt, page);
    for (size_t p = 0; p < PAGES; p++) {
        page = ok(hl_list_new(rt, ROWS_PER_PAGE), "a page");
        for (size_t i = 0; i < ROWS_PER_PAGE; i++)
            if (hl_list_append(rt, page, row(p * ROWS_PER_PAGE + i)))
                die("appending a row");
        if (hl_list_append(rt, table, page))
            die("appending a page");
    }
    page = HL_NONE;
    recent_ids[0] = hl_id(table);
    *(census *)out = collect();
    HL_UNROOT(rt, 2);
}

/* fn(arg), run 256 KiB below this frame: what it leaves in its dead frames lies below any
 * frame a later collection, called from higher up, runs in, so Boehm never scans it. */
static __attribute__((noinline)) void at_depth(void (*fn)(void *), void *arg)
{
    volatile unsigned char pad[256 * 1024];
    pad[0] = 0;
    fn(arg);
    pad[sizeof pad - 1] = 0; /* the pad stays in the frame until fn has returned */
}

/* The picture of what Boehm kept: the graph reachable from the stray integer, read as the
 * pointer Boehm takes it for (valid only because Boehm kept the objects alive), beside
 * heaplab's own roots, which are empty. */
typedef struct picture {
    const char *path;
    census kept; /* what Boehm's collection left alive, for the caption */
} picture;

static void draw_kept(void *arg)
{
    const picture *pic = arg;
    const char *path = pic->path;
    FILE *f = fopen(path, "w");
    if (!f)
        cannot_write(path);
    char name[64], label[256];
    snprintf(name, sizeof name, "recent_ids[0] = %" PRIu64 " (%#" PRIx64 ")", recent_ids[0], recent_ids[0]);
    snprintf(label, sizeof label,
             "What Boehm kept: the %zu objects (%zu bytes) reachable from one integer in static data "
             "that equals id(table). heaplab's collector freed them all.",
             pic->kept.objects, pic->kept.bytes);
    hl_snapshot_root roots[] = {
        {"heaplab's roots (none)", NULL, HL_NOVALUE},
        {"static uint64_t recent_ids[4]", name, (hl_value)recent_ids[0]},
    };
    hl_snapshot_options options = {.max_objects = 19, .max_items = 2};
    hl_snapshot *s;
    if (hl_snapshot_build(rt, roots, 2, label, &options, &s))
        die("drawing");
    int written = hl_snapshot_write_dot(s, f);
    hl_snapshot_free(s);
    if (written | fclose(f)) /* | : closed whether or not writing failed */
        cannot_write(path);
}

typedef struct result {
    const char *backend;
    bool conservative;
    char id[24]; /* as text: a binary copy here, on the stack, would keep the table alive too */
    size_t before, after, bytes_after, kept, after_flip;
} result;

static result run(const char *backend, const char *dot)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = backend;
    char err[256];
    if (!(rt = hl_runtime_new(&cfg, err, sizeof err))) {
        fprintf(stderr, "false_retention: %s\n", err);
        exit(1);
    }
    result r = {.backend = backend, .conservative = hl_backend_find(backend)->flags & HL_BACKEND_COLLECTS};
    census base = collect(); /* the runtime's own objects (boxed mode's small ints) */
    census before;
    at_depth(build_table, &before);
    snprintf(r.id, sizeof r.id, "%#" PRIx64, recent_ids[0]);
    census after = collect();
    if (dot && r.conservative)
        at_depth(draw_kept, &(picture){dot, {after.objects - base.objects, after.bytes - base.bytes}});
    recent_ids[0] ^= 8; /* one bit: now the address of the list's second word, not its start */
    census flipped = collect();
    recent_ids[0] = 0;
    r.before = before.objects - base.objects;
    r.after = after.objects - base.objects;
    r.bytes_after = after.bytes - base.bytes;
    r.after_flip = flipped.objects - base.objects;
    r.kept = r.after - r.after_flip;
    hl_runtime_free(rt);
    rt = NULL;
    return r;
}

/* One line of the table: a figure per backend. */
static void print_line(const char *label, const result *r, size_t n, size_t offset)
{
    printf("%-36s", label);
    for (size_t i = 0; i < n; i++)
        printf(" %22zu", *(const size_t *)((const char *)&r[i] + offset));
    printf("\n");
}

static void print_results(const result *r, size_t n)
{
    printf("heaplab false retention: a table (a list of %d pages, each a list of %d rows [name, x, y]),\n"
           "its id() logged as a plain integer in static data (recent_ids[0]), then every root dropped.\n"
           "Objects are counted after a full collection, less the runtime's own.\n\n",
           PAGES, ROWS_PER_PAGE);
    printf("%-36s", "");
    for (size_t i = 0; i < n; i++)
        printf(" %22s", r[i].backend);
    printf("\n%-36s", "");
    for (size_t i = 0; i < n; i++)
        printf(" %22s", r[i].conservative ? "(conservative)" : "(precise)");
    printf("\n%-36s", "recent_ids[0] = id(table)");
    for (size_t i = 0; i < n; i++)
        printf(" %22s", r[i].id);
    printf("\n");
    print_line("objects, the table rooted", r, n, offsetof(result, before));
    print_line("objects, every root dropped", r, n, offsetof(result, after));
    print_line("  bytes they hold", r, n, offsetof(result, bytes_after));
    print_line("  kept by recent_ids[0] alone", r, n, offsetof(result, kept));
    print_line("objects, after recent_ids[0] ^= 8", r, n, offsetof(result, after_flip));
}

int main(int argc, char **argv)
{
    const char *dot = NULL;
    const char *backends[MAX_BACKENDS];
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dot") == 0 && i + 1 < argc) {
            dot = argv[++i];
        } else if (argv[i][0] == '-' || n == MAX_BACKENDS) {
            fprintf(stderr, "usage: false_retention [--dot FILE] [BACKEND...] (at most %d backends)\n", MAX_BACKENDS);
            return 2;
        } else if (!hl_backend_find(argv[i])) {
            fprintf(stderr, "false_retention: no backend called %s (`heaplab backends` lists them)\n", argv[i]);
            return 2;
        } else {
            backends[n++] = argv[i];
        }
    }
    if (!n) {
        backends[n++] = "boehm";
        backends[n++] = "system";
    }
    result results[MAX_BACKENDS];
    for (size_t i = 0; i < n; i++)
        results[i] = run(backends[i], dot);
    print_results(results, n);
    return 0;
}
