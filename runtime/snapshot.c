/* Heap snapshots: the reference graph reachable from named variables (heaplab/snapshot.h).
 *
 * The walk is breadth first and never recursive: every object found is appended to `seen`,
 * which is also the queue. An object's header word `aux` is 1 + its index in `seen` (so a
 * second reference to it finds it in one load; objects.h: it counts only where `seen` says so,
 * and is never cleared). Nothing here allocates a runtime object: the graph, its texts and
 * `seen` are bookkeeping blocks, so no collection can run in the middle of the walk.
 *
 * Two passes. The first follows only what is drawn: the roots, then the first max_items
 * items of each drawn container, giving a node to each new object while there are fewer than
 * max_objects (so seen[0..nnodes) are exactly the nodes, in discovery order). The second
 * follows everything else (hidden items, and the objects past the limit) only to count the
 * objects reachable but not drawn, for the picture's "N more objects" note.
 *
 * The top of runtime/: calls snapshot_dot.c (writing), runtime.c, the collector (the phase,
 * colours, gc_reach.c's garbage), dict.c and set.c (walking them), buf.c, heap.c, type.c and
 * error.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "heaplab/dict.h"
#include "heaplab/set.h"
#include "heaplab/snapshot.h"
#include "rt.h"
#include "type.h"

#define DEFAULT_MAX_OBJECTS 200
#define DEFAULT_MAX_ITEMS 30
#define MAX_STR_TEXT 40 /* bytes of a str's repr drawn; longer ones are cut with "..." */

typedef struct walk {
    hl_runtime *rt;
    hl_snapshot *s;
    size_t max_objects, max_items;
    hl_object **seen; /* every object found, in discovery order */
    size_t nseen, seen_capacity;
} walk;

/* ---------------------------------------------------------------- growing arrays */

/* Room for one more element in *array (count used, *capacity allocated). */
static int reserve(hl_runtime *rt, void **array, size_t count, size_t *capacity, size_t elem)
{
    if (count < *capacity)
        return 0;
    size_t cap = *capacity ? *capacity * 2 : 16;
    void *p = hl_heap_realloc(rt, *array, *capacity * elem, cap * elem, HL_BLOCK_INTERNAL);
    if (!p)
        return hl_error_nomem(rt);
    *array = p;
    *capacity = cap;
    return 0;
}

#define RESERVE(w, field, count, cap) reserve((w)->rt, (void **)&(field), (count), &(cap), sizeof *(field))

/* Append n bytes and a NUL to the text pool; the offset, or -1 with MemoryError. */
static int64_t add_text(walk *w, const char *p, size_t n)
{
    hl_snapshot *s = w->s;
    if (s->text_size + n + 1 > UINT32_MAX)
        return hl_error_nomem(w->rt);
    size_t cap = s->capacity.text;
    while (s->text_size + n + 1 > cap)
        cap = cap ? cap * 2 : 256;
    if (cap != s->capacity.text) {
        char *t = hl_heap_realloc(w->rt, s->text, s->capacity.text, cap, HL_BLOCK_INTERNAL);
        if (!t)
            return hl_error_nomem(w->rt);
        s->text = t;
        s->capacity.text = cap;
    }
    int64_t at = (int64_t)s->text_size;
    memcpy(s->text + at, p, n);
    s->text[at + (int64_t)n] = '\0';
    s->text_size += n + 1;
    return at;
}

static int64_t add_cstr(walk *w, const char *p) { return add_text(w, p, strlen(p)); }

/* ---------------------------------------------------------------- texts */

/* The repr of an immediate (drawn inside its slot). */
static void immediate_text(hl_value v, char *buf, size_t n)
{
    if (hl_is_smallint(v))
        snprintf(buf, n, "%" PRIdPTR, hl_smallint_value(v));
    else if (v == HL_NONE)
        snprintf(buf, n, "None");
    else if (v == HL_TRUE || v == HL_FALSE)
        snprintf(buf, n, "%s", v == HL_TRUE ? "True" : "False");
    else if (hl_is_imm(v) && hl_imm_kind(v) == HL_IMM_TYPE)
        snprintf(buf, n, "<class '%s'>", hl_type_value_name(v));
    else if (hl_is_imm(v) && hl_imm_kind(v) == HL_IMM_BUILTIN)
        snprintf(buf, n, "<built-in function>");
    else
        snprintf(buf, n, "?");
}

/* Where to cut a text of n bytes to keep at most max bytes without splitting a UTF-8
 * sequence. */
static size_t utf8_cut(const char *p, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)p[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* A str's, int's or float's repr, a long str's cut to MAX_STR_TEXT bytes with "..." before
 * its closing quote; other objects have no text (0, the empty string). */
static int64_t object_text(walk *w, hl_object *o)
{
    if (o->type != HL_T_STR && o->type != HL_T_INT && o->type != HL_T_FLOAT)
        return 0;
    hl_buf b;
    hl_buf_init(&b, w->rt);
    int64_t at = -1;
    if (hl_type_table[o->type]->repr(w->rt, hl_val(o), &b) == 0) {
        size_t keep = utf8_cut(b.data, b.size, MAX_STR_TEXT);
        if (keep < b.size) {
            char quote = b.data[b.size - 1];
            b.size = keep;
            if (hl_buf_puts(&b, "...") == 0 && hl_buf_putc(&b, quote) == 0)
                at = add_text(w, b.data, b.size);
        } else {
            at = add_text(w, b.data, b.size);
        }
    }
    hl_buf_release(&b);
    return at;
}

/* ---------------------------------------------------------------- discovery */

/* Has this walk found o? (its aux may be another walk's) */
static bool found(const walk *w, const hl_object *o)
{
    size_t i = (size_t)o->aux - 1; /* aux 0: SIZE_MAX */
    return i < w->nseen && w->seen[i] == o;
}

/* Record a newly found object; it gets a node if it was found through a drawn reference and
 * every object found so far has one (the first pass, below the limit). */
static int discover(walk *w, hl_object *o, bool drawn)
{
    hl_snapshot *s = w->s;
    if (w->nseen == UINT32_MAX - 1 || RESERVE(w, w->seen, w->nseen, w->seen_capacity))
        return hl_error_nomem(w->rt);
    if (drawn && s->nnodes == w->nseen && s->nnodes < w->max_objects) {
        if (RESERVE(w, s->nodes, s->nnodes, s->capacity.nodes))
            return -1;
        int64_t text = object_text(w, o);
        if (text < 0)
            return -1;
        uint32_t flags = 0;
        if (o->type == HL_T_STR && (o->flags & HL_OBJ_INTERNED))
            flags |= HL_SNAPSHOT_INTERNED;
        if (o->type == HL_T_INT && (o->flags & HL_OBJ_IMMORTAL))
            flags |= HL_SNAPSHOT_CACHED;
        s->nodes[s->nnodes++] = (hl_snapshot_node){
            .type = (hl_type)o->type, .type_name = hl_typeof_name(hl_val(o)), .flags = flags, .text = (uint32_t)text};
    }
    w->seen[w->nseen++] = o;
    o->aux = (uint32_t)w->nseen;
    return 0;
}

/* Where a drawn reference to v points: its node (found or made), an undrawn object, or v's
 * own text for an immediate. */
static int ref_of(walk *w, hl_value v, hl_snapshot_ref *out)
{
    hl_snapshot *s = w->s;
    if (!hl_is_ptr(v)) {
        char buf[64];
        immediate_text(v, buf, sizeof buf);
        int64_t text = add_cstr(w, buf);
        *out = (hl_snapshot_ref){HL_SNAPSHOT_INLINE, (uint32_t)(text < 0 ? 0 : text)};
        return text < 0 ? -1 : 0;
    }
    hl_object *o = hl_obj(v);
    if (!found(w, o) && discover(w, o, true))
        return -1;
    size_t i = o->aux - 1;
    *out = (hl_snapshot_ref){HL_SNAPSHOT_UNDRAWN, 0};
    if (i < s->nnodes) {
        out->node = (int32_t)i;
        s->nodes[i].in_degree++;
    }
    return 0;
}

/* ---------------------------------------------------------------- items */

/* The items of a container in iteration order: one value each for a list, tuple or set, a
 * key and a value for a dict. Other objects have none. */
typedef struct items {
    hl_object *o;
    size_t pos;
} items;

/* The next item into v; how many values it has (1 or 2), or 0 at the end. */
static int next_item(items *it, hl_value v[2])
{
    hl_object *o = it->o;
    const hl_value *seq;
    size_t n;
    switch (o->type) {
    case HL_T_LIST:
        seq = ((hl_list_obj *)o)->items, n = ((hl_list_obj *)o)->size;
        break;
    case HL_T_TUPLE:
        seq = ((hl_tuple_obj *)o)->items, n = ((hl_tuple_obj *)o)->size;
        break;
    case HL_T_DICT:
        return hl_dict_next(hl_val(o), &it->pos, &v[0], &v[1]) ? 2 : 0;
    case HL_T_SET:
        return hl_set_next(hl_val(o), &it->pos, &v[0]) ? 1 : 0;
    default:
        return 0;
    }
    if (it->pos >= n)
        return 0;
    v[0] = seq[it->pos++];
    return 1;
}

/* First pass, for node i: a ref per drawn item, the rest counted as hidden. */
/* gc view, while the collector sweeps: garbage may hold objects freed already, so what a
 * garbage node refers to is not followed (its slots show "..."). */
static bool cut_off(const walk *w, size_t i)
{
    return w->s->gc_view && w->s->gc_phase == HL_GC_PHASE_SWEEP && i < w->s->nnodes &&
           (w->s->nodes[i].flags & HL_SNAPSHOT_GARBAGE);
}

static int expand_node(walk *w, size_t i)
{
    hl_snapshot *s = w->s;
    items it = {w->seen[i], 0};
    size_t first = s->nslots, drawn = 0, hidden = 0;
    bool cut = cut_off(w, i);
    hl_value v[2];
    for (int k; (k = next_item(&it, v)) > 0;) {
        if (drawn == w->max_items) {
            hidden++;
            continue;
        }
        for (int j = 0; j < k; j++) {
            hl_snapshot_ref r = {HL_SNAPSHOT_UNDRAWN, 0};
            if (RESERVE(w, s->slots, s->nslots, s->capacity.slots) || ((!cut || !hl_is_ptr(v[j])) && ref_of(w, v[j], &r)))
                return -1;
            s->slots[s->nslots++] = r;
        }
        drawn++;
    }
    s->nodes[i].first = first;
    s->nodes[i].nslots = s->nslots - first;
    s->nodes[i].hidden = hidden;
    return 0;
}

/* Second pass, for seen[i]: every object its items reach that is not found yet, from item
 * `from` on. */
static int count_from(walk *w, size_t i, size_t from)
{
    if (cut_off(w, i))
        return 0;
    items it = {w->seen[i], 0};
    hl_value v[2];
    size_t index = 0;
    for (int k; (k = next_item(&it, v)) > 0; index++) {
        if (index < from)
            continue;
        for (int j = 0; j < k; j++)
            if (hl_is_ptr(v[j]) && !found(w, hl_obj(v[j])) && discover(w, hl_obj(v[j]), false))
                return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- roots */

/* A root with no name always starts a frame; a named one starts one when its frame's name
 * differs from the current frame's. */
static int add_root(walk *w, const hl_snapshot_root *r)
{
    hl_snapshot *s = w->s;
    const char *frame = r->frame ? r->frame : "";
    if (!r->name || !s->nframes || strcmp(hl_snapshot_text(s, s->frames[s->nframes - 1].name), frame) != 0) {
        if (RESERVE(w, s->frames, s->nframes, s->capacity.frames))
            return -1;
        int64_t name = add_cstr(w, frame);
        if (name < 0)
            return -1;
        s->frames[s->nframes++] = (hl_snapshot_frame){(uint32_t)name, s->nvars, 0};
    }
    if (!r->name)
        return 0;
    if (hl_arg_missing(w->rt, r->value, "hl_snapshot_build") || RESERVE(w, s->vars, s->nvars, s->capacity.vars))
        return -1;
    int64_t name = add_cstr(w, r->name);
    hl_snapshot_ref ref;
    if (name < 0 || ref_of(w, r->value, &ref))
        return -1;
    s->vars[s->nvars++] = (hl_snapshot_var){(uint32_t)name, ref};
    s->frames[s->nframes - 1].nvars++;
    return 0;
}

static bool is_container(const hl_object *o)
{
    return o->type == HL_T_LIST || o->type == HL_T_TUPLE || o->type == HL_T_DICT || o->type == HL_T_SET;
}

/* gc view: the garbage containers get nodes after the variables' graph. They are found
 * before the walk numbers anything (both walks use aux). */
static int add_garbage(walk *w, hl_object **garbage, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        hl_object *o = garbage[i];
        if (found(w, o))
            continue; /* held by an earlier one */
        hl_snapshot_ref ref;
        if (ref_of(w, hl_val(o), &ref))
            return -1;
        if (ref.node >= 0) {
            w->s->nodes[ref.node].flags |= HL_SNAPSHOT_GARBAGE;
            w->s->nodes[ref.node].in_degree--; /* no reference drew it */
        }
    }
    return 0;
}

static int add_roots(walk *w, const hl_snapshot_root *roots, size_t n)
{
    hl_object **garbage = NULL;
    size_t ngarbage = w->s->gc_view ? hl_gc_unreachable(w->rt, is_container, &garbage) : 0;
    if (ngarbage == SIZE_MAX)
        return -1;
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++)
        r = add_root(w, &roots[i]);
    if (r == 0)
        r = add_garbage(w, garbage, ngarbage);
    if (garbage)
        hl_heap_free(w->rt, garbage, w->rt->nobjects * sizeof *garbage);
    return r;
}

static int run_walk(walk *w, const hl_snapshot_root *roots, size_t n, const char *label)
{
    hl_snapshot *s = w->s;
    if (add_cstr(w, "") < 0) /* offset 0: the empty text */
        return -1;
    int64_t at = add_cstr(w, label ? label : "");
    if (at < 0)
        return -1;
    s->label = (uint32_t)at;
    if (add_roots(w, roots, n))
        return -1;
    for (size_t i = 0; i < s->nnodes; i++) /* nnodes grows as the pass goes */
        if (expand_node(w, i))
            return -1;
    size_t nodes = s->nnodes;
    for (size_t i = 0; i < w->nseen; i++)
        if (count_from(w, i, i < nodes ? w->max_items : 0))
            return -1;
    s->undrawn = w->nseen - nodes;
    for (size_t i = 0; s->gc_view && i < nodes; i++)
        s->nodes[i].colour = hl_gc_colour_of(w->rt, hl_val(w->seen[i]));
    return 0;
}

/* ---------------------------------------------------------------- the API */

void hl_snapshot_free(hl_snapshot *s)
{
    if (!s)
        return;
    hl_runtime *rt = s->rt;
    hl_heap_free(rt, s->frames, s->capacity.frames * sizeof *s->frames);
    hl_heap_free(rt, s->vars, s->capacity.vars * sizeof *s->vars);
    hl_heap_free(rt, s->nodes, s->capacity.nodes * sizeof *s->nodes);
    hl_heap_free(rt, s->slots, s->capacity.slots * sizeof *s->slots);
    hl_heap_free(rt, s->text, s->capacity.text);
    hl_heap_free(rt, s, sizeof *s);
}

int hl_snapshot_build(hl_runtime *rt, const hl_snapshot_root *roots, size_t n, const char *label,
                      const hl_snapshot_options *options, hl_snapshot **out)
{
    *out = NULL;
    if (n && !roots)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "hl_snapshot_build: no roots array for %zu roots", n);
    hl_snapshot *s = hl_heap_alloc(rt, sizeof *s, HL_BLOCK_INTERNAL);
    if (!s)
        return hl_error_nomem(rt);
    memset(s, 0, sizeof *s);
    s->rt = rt;
    s->boxed_ints = hl_runtime_int_mode(rt) == HL_INT_BOXED;
    s->gc_view = options && options->gc_view;
    s->gc_phase = hl_gc_get_phase(rt);
    s->gc_grey = hl_gc_grey_count(rt);
    walk w = {.rt = rt, .s = s, .max_objects = DEFAULT_MAX_OBJECTS, .max_items = DEFAULT_MAX_ITEMS};
    if (options && options->max_objects)
        w.max_objects = options->max_objects;
    if (options && options->max_items)
        w.max_items = options->max_items;
    int r = run_walk(&w, roots, n, label);
    hl_heap_free(rt, w.seen, w.seen_capacity * sizeof *w.seen);
    if (r) {
        hl_snapshot_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

const hl_snapshot_var *hl_snapshot_find_var(const hl_snapshot *s, const char *frame, const char *name)
{
    for (size_t f = 0; f < s->nframes; f++) {
        const hl_snapshot_frame *fr = &s->frames[f];
        if (strcmp(hl_snapshot_text(s, fr->name), frame) != 0)
            continue;
        for (size_t v = fr->first; v < fr->first + fr->nvars; v++)
            if (strcmp(hl_snapshot_text(s, s->vars[v].name), name) == 0)
                return &s->vars[v];
    }
    return NULL;
}

int hl_heap_snapshot(hl_runtime *rt, const hl_snapshot_root *roots, size_t n, const char *label, FILE *out)
{
    hl_snapshot *s;
    if (hl_snapshot_build(rt, roots, n, label, NULL, &s))
        return -1;
    int r = hl_snapshot_write_dot(s, out);
    hl_snapshot_free(s);
    if (r)
        return hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "cannot write the heap snapshot");
    return 0;
}
