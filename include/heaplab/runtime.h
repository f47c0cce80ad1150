/* heaplab/runtime.h: creating and destroying a runtime, and its configuration.
 *
 * A runtime owns a heap (on one backend), a collector, an intern table and the pending
 * exception. One runtime is used by one thread at a time; a process may hold many. */
#ifndef HEAPLAB_RUNTIME_H
#define HEAPLAB_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hl_runtime hl_runtime;

/* How ints are represented. */
typedef enum hl_int_mode {
    HL_INT_TAGGED = 0, /* ints within 63 bits are immediate words; larger ones are boxed */
    HL_INT_BOXED = 1   /* every int is a heap object; [-5, 256] preallocated and shared,
                          so identity behaves as in CPython 3.11 */
} hl_int_mode;

/* How the collector works (gc.h). */
typedef enum hl_gc_mode {
    HL_GC_GENERATIONAL = 0,  /* a young generation collected by minor collections, the whole
                                heap by major ones (default) */
    HL_GC_STOP_THE_WORLD = 1, /* every collection is a full one, marked in one pause */
    HL_GC_INCREMENTAL = 2     /* every collection is a full one, marked and swept in small steps
                                 as the program allocates (gc_step_size, gc_step_mul) */
} hl_gc_mode;

typedef struct hl_config {
    const char *backend;        /* backend name; default "system" */
    hl_int_mode int_mode;       /* default HL_INT_TAGGED */
    int gc_stress;              /* nonzero: collect before every allocation */
    unsigned gc_growth_percent; /* collect when the heap has grown by this much since the last
                                   collection's live size (Lua's pause, Go's GOGC); default 100 */
    size_t gc_min_threshold;    /* no automatic major collection before the heap holds this many
                                   bytes; default 1 MiB (generational: four nurseries at least) */
    hl_gc_mode gc_mode;         /* default HL_GC_GENERATIONAL */
    size_t gc_nursery_size;     /* generational: a minor collection after this many bytes are
                                   allocated (objects and buffers); default 8 MiB */
    unsigned gc_promote_age;    /* generational: minor collections a young object survives
                                   before it is promoted to the old generation, 1 to 15;
                                   default 1 */
    int gc_major_stop_the_world; /* generational: nonzero marks each automatic major collection
                                   in one pause; default 0, in steps as incremental mode's
                                   (gc_step_size, gc_step_mul) */
    size_t gc_step_size;        /* incremental: a step after this many bytes are allocated;
                                   default 16 KiB (Lua's stepsize) */
    unsigned gc_step_mul;       /* incremental: a step's work, in words scanned or objects swept
                                   per 100 words allocated (Lua's stepmul); default 200 */
    int gc_log;                 /* nonzero: a line per collection on standard error (its kind,
                                   pause, what it marked, freed and promoted, bytes live) */
    uint64_t fail_at;           /* fault injection: fail the Nth allocation (1-based); 0 = off */
    double fail_rate;           /* fault injection: fail each allocation with this probability */
    uint64_t fail_seed;         /* seed for fail_rate */
    unsigned max_depth;         /* nesting limit for repr, ==, ordering, hashing; past it
                                   RecursionError (default 1000, as CPython's recursion limit) */
    size_t heap_limit;          /* fail an allocation that would take the bytes requested past
                                   this many (0 = no limit): MemoryError, after a collection as
                                   for a real out-of-memory (on boehm, no extra collection); for
                                   fuzzing and untrusted scripts */
    int track_blocks;           /* nonzero: keep a record of every live block's address and size
                                   (outside the backend), which fragmentation figures need on
                                   a backend that cannot list its blocks (system, jemalloc;
                                   heaplab/fragmentation.h). Costs a table update per
                                   allocation and free; ignored on boehm */
} hl_config;

/* Fill cfg with defaults, then apply the environment: HEAPLAB_BACKEND=name,
 * HEAPLAB_INT_MODE=tagged|boxed, HEAPLAB_GC_STRESS=1, HEAPLAB_GC_GROWTH=percent,
 * HEAPLAB_GC_MODE=generational|stop-the-world|incremental, HEAPLAB_GC_NURSERY=bytes (a k, M or G
 * suffix allowed: 8M), HEAPLAB_GC_PROMOTE_AGE=n, HEAPLAB_GC_STEP_SIZE=bytes,
 * HEAPLAB_GC_STEP_MUL=percent, HEAPLAB_GC_LOG=1. Values that do not parse are
 * ignored. */
void hl_config_init(hl_config *cfg);

/* Make a runtime. cfg NULL means hl_config_init's defaults; a field left 0 takes its default.
 * On failure returns NULL and writes a message to err (if err is not NULL): unknown backend,
 * a setting out of range, or the backend could not start. */
hl_runtime *hl_runtime_new(const hl_config *cfg, char *err, size_t errlen);
/* Free the runtime and everything it allocated. */
void hl_runtime_free(hl_runtime *rt);

const hl_config *hl_runtime_config(const hl_runtime *rt);
hl_int_mode hl_runtime_int_mode(const hl_runtime *rt);
const char *hl_runtime_backend_name(const hl_runtime *rt);

/* Parse a size such as "8M", "512k", "1G" or "4096" (bytes; k, M, G are powers of 1024).
 * Returns 0 and sets *out, or -1 for anything else. */
int hl_parse_size(const char *text, size_t *out);
/* "generational", "stop-the-world" or "incremental"; hl_parse_gc_mode returns -1 for another name. */
const char *hl_gc_mode_name(hl_gc_mode mode);
int hl_parse_gc_mode(const char *name, hl_gc_mode *out);

#ifdef __cplusplus
}
#endif

#endif
