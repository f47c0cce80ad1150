/* Creating and destroying runtimes; configuration from the environment; the object model's
 * entries in the type table; the heap's figures.
 *
 * The top of the object model (only the snapshots are above it): calls the backends'
 * registry, heap.c, the collector (gc.c, for new objects and the sweep), intern.c, type.c and
 * the value types' hl_*_type tables. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heaplab/int.h"
#include "intern.h"
#include "rt.h"
#include "type.h"

#define DEFAULT_GROWTH_PERCENT 100
#define DEFAULT_MIN_THRESHOLD (1u << 20)
#define DEFAULT_NURSERY_SIZE (8u << 20)
#define DEFAULT_PROMOTE_AGE 1
#define DEFAULT_STEP_SIZE (16u << 10)
#define DEFAULT_STEP_MUL 200
#define DEFAULT_MAX_DEPTH 1000
#define INITIAL_ROOTS 256
#define INITIAL_MARK_STACK 1024
#define INITIAL_REMEMBERED 256

static bool env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

int hl_parse_size(const char *text, size_t *out)
{
    if (!text || *text < '0' || *text > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (errno || *end || n > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)n << shift;
    return 0;
}

static const char *const gc_mode_names[] = {[HL_GC_GENERATIONAL] = "generational",
                                            [HL_GC_STOP_THE_WORLD] = "stop-the-world",
                                            [HL_GC_INCREMENTAL] = "incremental"};

const char *hl_gc_mode_name(hl_gc_mode mode)
{
    return (unsigned)mode < sizeof gc_mode_names / sizeof *gc_mode_names ? gc_mode_names[mode] : "?";
}

int hl_parse_gc_mode(const char *name, hl_gc_mode *out)
{
    for (unsigned m = 0; name && m < sizeof gc_mode_names / sizeof *gc_mode_names; m++) {
        if (strcmp(name, gc_mode_names[m]) == 0) {
            *out = (hl_gc_mode)m;
            return 0;
        }
    }
    return -1;
}

/* A whole number in [lo, hi] from the environment, or `fallback`. */
static unsigned long env_number(const char *name, unsigned long lo, unsigned long hi, unsigned long fallback)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return fallback;
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    return *end == '\0' && n >= lo && n <= hi ? n : fallback;
}

/* A size in bytes from the environment (8M, 512k), or fallback. */
static size_t env_size(const char *name, size_t fallback)
{
    const char *v = getenv(name);
    size_t size;
    return v && hl_parse_size(v, &size) == 0 && size > 0 ? size : fallback;
}

void hl_config_init(hl_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->backend = "system";
    cfg->int_mode = HL_INT_TAGGED;
    cfg->gc_growth_percent = DEFAULT_GROWTH_PERCENT;
    cfg->gc_min_threshold = DEFAULT_MIN_THRESHOLD;
    cfg->max_depth = DEFAULT_MAX_DEPTH;

    const char *backend = getenv("HEAPLAB_BACKEND");
    if (backend && *backend)
        cfg->backend = backend;
    const char *mode = getenv("HEAPLAB_INT_MODE");
    if (mode && strcasecmp(mode, "boxed") == 0)
        cfg->int_mode = HL_INT_BOXED;
    cfg->gc_stress = env_flag("HEAPLAB_GC_STRESS");
    cfg->gc_log = env_flag("HEAPLAB_GC_LOG");
    cfg->gc_growth_percent = (unsigned)env_number("HEAPLAB_GC_GROWTH", 1, 100000, cfg->gc_growth_percent);
    cfg->gc_mode = HL_GC_GENERATIONAL;
    const char *gc_mode = getenv("HEAPLAB_GC_MODE");
    if (gc_mode && *gc_mode)
        hl_parse_gc_mode(gc_mode, &cfg->gc_mode);
    cfg->gc_nursery_size = env_size("HEAPLAB_GC_NURSERY", DEFAULT_NURSERY_SIZE);
    cfg->gc_step_size = env_size("HEAPLAB_GC_STEP_SIZE", DEFAULT_STEP_SIZE);
    cfg->gc_step_mul = (unsigned)env_number("HEAPLAB_GC_STEP_MUL", 1, 1000000, DEFAULT_STEP_MUL);
    cfg->gc_promote_age = (unsigned)env_number("HEAPLAB_GC_PROMOTE_AGE", 1, HL_GC_MAX_AGE, DEFAULT_PROMOTE_AGE);
    const char *major = getenv("HEAPLAB_GC_MAJOR");
    hl_gc_mode major_mode;
    if (major && *major && hl_parse_gc_mode(major, &major_mode) == 0)
        cfg->gc_major_stop_the_world = major_mode == HL_GC_STOP_THE_WORLD;
}

/* 1..255, a different one for each runtime on a collecting backend (wrapping around). */
static unsigned next_owner_tag(void)
{
    static _Atomic unsigned counter;
    return counter++ % 255 + 1;
}

static void set_err(char *err, size_t errlen, const char *msg, const char *arg)
{
    if (err && errlen)
        snprintf(err, errlen, msg, arg);
}

/* Allocate the runtime's tables that must exist before anything can fail gracefully:
 * the root stack and the mark stack (marking must be able to start with no memory left), a
 * first remembered set (a write barrier that finds no room costs a major collection, or an
 * incremental one's rescan of what it marked) and, incremental, a first grey set. */
static int make_tables(hl_runtime *rt)
{
    bool barrier = rt->generational || rt->incremental;
    rt->roots = hl_heap_alloc(rt, INITIAL_ROOTS * sizeof(hl_value *), HL_BLOCK_INTERNAL);
    rt->tracer.stack = hl_heap_alloc(rt, INITIAL_MARK_STACK * sizeof(hl_mark_range), HL_BLOCK_INTERNAL);
    if (barrier)
        rt->remembered = hl_heap_alloc(rt, INITIAL_REMEMBERED * sizeof *rt->remembered, HL_BLOCK_INTERNAL);
    bool steps = rt->incremental || rt->major_steps;
    if (steps)
        rt->grey = hl_heap_alloc(rt, INITIAL_REMEMBERED * sizeof *rt->grey, HL_BLOCK_INTERNAL);
    if (!rt->roots || !rt->tracer.stack || (barrier && !rt->remembered) || (steps && !rt->grey))
        return -1;
    rt->remembered_capacity = barrier ? INITIAL_REMEMBERED : 0;
    rt->grey_capacity = steps ? INITIAL_REMEMBERED : 0;
    rt->roots_capacity = INITIAL_ROOTS;
    rt->tracer.capacity = INITIAL_MARK_STACK;
    rt->tracer.rt = rt;
    return 0;
}

static int make_boxed_cache(hl_runtime *rt)
{
    for (int64_t i = HL_BOXED_CACHE_MIN; i <= HL_BOXED_CACHE_MAX; i++) {
        hl_int_obj *o = (hl_int_obj *)hl_gc_new(rt, HL_T_INT, sizeof(hl_int_obj) + sizeof(uint64_t));
        if (!o)
            return -1;
        o->size = i == 0 ? 0 : i < 0 ? -1 : 1;
        o->limbs[0] = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
        hl_gc_make_immortal(rt, &o->h);
        rt->boxed_cache[i - HL_BOXED_CACHE_MIN] = hl_val(o);
    }
    return 0;
}

/* The object model's types in the type table (type.c), once per process. The collector reads
 * the table and the types call the collector, so the table's entries are filled from here,
 * above both, as the front end fills its own (hl_lang_define_types). */
static void define_types(void)
{
    hl_type_define(HL_T_INT, &hl_int_type);
    hl_type_define(HL_T_FLOAT, &hl_float_type);
    hl_type_define(HL_T_STR, &hl_str_type);
    hl_type_define(HL_T_TUPLE, &hl_tuple_type);
    hl_type_define(HL_T_LIST, &hl_list_type);
    hl_type_define(HL_T_DICT, &hl_dict_type);
    hl_type_define(HL_T_SET, &hl_set_type);
}

static void free_everything(hl_runtime *rt);

hl_runtime *hl_runtime_new(const hl_config *cfg, char *err, size_t errlen)
{
    static pthread_once_t types_once = PTHREAD_ONCE_INIT;
    pthread_once(&types_once, define_types);
    hl_config defaults;
    if (!cfg) {
        hl_config_init(&defaults);
        cfg = &defaults;
    }
    const hl_backend *backend = hl_backend_find(cfg->backend ? cfg->backend : "system");
    if (!backend) {
        set_err(err, errlen, "unknown heap backend '%s' (see `heaplab backends`)", cfg->backend);
        return NULL;
    }
    if (cfg->int_mode != HL_INT_TAGGED && cfg->int_mode != HL_INT_BOXED) {
        set_err(err, errlen, "%s", "unknown int mode");
        return NULL;
    }
    if ((unsigned)cfg->gc_mode > HL_GC_INCREMENTAL) {
        set_err(err, errlen, "%s", "unknown gc mode (generational, stop-the-world or incremental)");
        return NULL;
    }
    if (cfg->gc_promote_age > HL_GC_MAX_AGE) {
        set_err(err, errlen, "%s", "gc_promote_age must be 1 to 15");
        return NULL;
    }
    char berr[256] = "";
    void *bctx = backend->create(berr, sizeof berr);
    if (!bctx) {
        set_err(err, errlen, "%s", berr[0] ? berr : "the heap backend could not start");
        return NULL;
    }

    /* The runtime itself lives in its backend's heap, as a root block: in Boehm mode it is
     * scanned (it holds the boxed-int cache and the pins' table pointer). */
    hl_runtime *rt = backend->alloc(bctx, sizeof *rt, HL_BLOCK_ROOT);
    if (!rt) {
        backend->destroy(bctx);
        set_err(err, errlen, "%s", "out of memory creating the runtime");
        return NULL;
    }
    memset(rt, 0, sizeof *rt);
    rt->cfg = *cfg;
    rt->int_max_str_digits = HL_INT_DEFAULT_MAX_STR_DIGITS;
    rt->cfg.backend = backend->name;
    if (!rt->cfg.gc_growth_percent)
        rt->cfg.gc_growth_percent = DEFAULT_GROWTH_PERCENT;
    if (!rt->cfg.gc_min_threshold)
        rt->cfg.gc_min_threshold = DEFAULT_MIN_THRESHOLD;
    if (!rt->cfg.max_depth)
        rt->cfg.max_depth = DEFAULT_MAX_DEPTH;
    if (!rt->cfg.gc_nursery_size)
        rt->cfg.gc_nursery_size = DEFAULT_NURSERY_SIZE;
    if (!rt->cfg.gc_promote_age)
        rt->cfg.gc_promote_age = DEFAULT_PROMOTE_AGE;
    if (!rt->cfg.gc_step_size)
        rt->cfg.gc_step_size = DEFAULT_STEP_SIZE;
    if (!rt->cfg.gc_step_mul)
        rt->cfg.gc_step_mul = DEFAULT_STEP_MUL;
    rt->backend = backend;
    rt->bctx = bctx;
    rt->self_collecting = (backend->flags & HL_BACKEND_COLLECTS) != 0;
    rt->generational = !rt->self_collecting && rt->cfg.gc_mode == HL_GC_GENERATIONAL;
    rt->incremental = !rt->self_collecting && rt->cfg.gc_mode == HL_GC_INCREMENTAL;
    rt->major_steps = rt->generational && !rt->cfg.gc_major_stop_the_world;
    rt->watch_stop = HL_GC_OLD;
    if (rt->self_collecting) {
        hl_backend_stats own = {0};
        backend->stats(bctx, &own);
        rt->backend_collections_at_start = own.collections;
        rt->owner_flags = (uint16_t)(next_owner_tag() << HL_OBJ_OWNER_SHIFT);
    }
    rt->heap.backend = backend->name;
    rt->heap.requested = sizeof *rt;
    rt->heap.held = backend->block_size(bctx, rt, sizeof *rt);
    rt->heap.peak_held = rt->heap.held;
    rt->blocks.on = cfg->track_blocks && !rt->self_collecting;
    if (rt->blocks.on)
        hl_blocks_add(&rt->blocks, rt, rt->heap.held);
    rt->heap.allocs = 1;
    rt->heap.total_requested = sizeof *rt;
    rt->rng = cfg->fail_seed ? cfg->fail_seed : 0x9E3779B97F4A7C15u;
    rt->stress = cfg->gc_stress != 0;
    rt->gc.threshold = hl_gc_major_floor(rt);

    /* Creation itself must not trip injected faults: those are for the workload. */
    uint64_t fail_at = rt->cfg.fail_at;
    double fail_rate = rt->cfg.fail_rate;
    rt->cfg.fail_at = 0;
    rt->cfg.fail_rate = 0;
    bool ok = make_tables(rt) == 0 && (cfg->int_mode != HL_INT_BOXED || make_boxed_cache(rt) == 0);
    rt->cfg.fail_at = fail_at;
    rt->cfg.fail_rate = fail_rate;
    rt->alloc_attempts = 0;
    if (!ok) {
        free_everything(rt);
        set_err(err, errlen, "%s", "out of memory creating the runtime");
        return NULL;
    }
    return rt;
}

/* Free every object (unless the backend drops them all at once), then the tables, then the
 * runtime block, then the backend's context. */
static void free_everything(hl_runtime *rt)
{
    const hl_backend *backend = rt->backend;
    void *bctx = rt->bctx;
    bool bulk = (backend->flags & HL_BACKEND_BULK_FREE) != 0;
    bool held = rt->collections_held; /* rt may be freed below */

    if (rt->ext_free)
        rt->ext_free(rt, rt->ext);
    hl_blocks_release(&rt->blocks); /* the frees below need no record */
    if (!bulk) {
        hl_gc_finish_sweep(rt); /* a major collection's sweep may be under way */
        for (size_t i = 0; i < rt->nobjects; i++) {
            hl_object *o = rt->objects[i];
            const hl_type_info *ti = hl_type_info_of((hl_type)o->type);
            size_t size = ti->size(o);
            if (ti->release)
                ti->release(rt, o);
            hl_heap_free(rt, o, size);
        }
        hl_intern_table_free(rt);
        hl_heap_free(rt, rt->objects, rt->objects_capacity * sizeof(hl_object *));
        hl_heap_free(rt, rt->roots, rt->roots_capacity * sizeof(hl_value *));
        hl_heap_free(rt, rt->tracer.stack, rt->tracer.capacity * sizeof(hl_mark_range));
        hl_heap_free(rt, rt->pins, rt->pins_capacity * sizeof(hl_value));
        hl_heap_free(rt, rt->sources, rt->sources_capacity * sizeof(hl_root_source_entry));
        hl_heap_free(rt, rt->remembered, rt->remembered_capacity * sizeof *rt->remembered);
        hl_heap_free(rt, rt->grey, rt->grey_capacity * sizeof *rt->grey);
        backend->free(bctx, rt, sizeof *rt);
    }
    if (held) /* nothing of this runtime's is reachable any more */
        backend->hold_collections(bctx, 0);
    backend->destroy(bctx);
}

void hl_runtime_free(hl_runtime *rt)
{
    if (rt)
        free_everything(rt);
}

const hl_config *hl_runtime_config(const hl_runtime *rt) { return &rt->cfg; }
hl_int_mode hl_runtime_int_mode(const hl_runtime *rt) { return rt->cfg.int_mode; }
const char *hl_runtime_backend_name(const hl_runtime *rt) { return rt->backend->name; }

/* ---------------------------------------------------------------- the heap's figures */

void hl_heap_get_stats(hl_runtime *rt, hl_heap_stats *out)
{
    hl_gc_finish_sweep(rt);
    *out = rt->heap;
    memset(&out->own, 0, sizeof out->own);
    if (rt->backend->stats)
        rt->backend->stats(rt->bctx, &out->own);
}

size_t hl_heap_count(hl_runtime *rt, hl_type type)
{
    hl_gc_finish_sweep(rt);
    return (unsigned)type < HL_T__COUNT ? rt->live_by_type[type] : 0;
}

void hl_runtime_set_ext(hl_runtime *rt, void *ext, void (*ext_free)(hl_runtime *, void *))
{
    rt->ext = ext;
    rt->ext_free = ext_free;
}
