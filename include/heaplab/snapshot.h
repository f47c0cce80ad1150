/* heaplab/snapshot.h: heap pictures. The reference graph reachable from named variables,
 * as data (hl_snapshot_build) and as Graphviz DOT in the style of Python Tutor
 * (hl_snapshot_write_dot, or both at once with hl_heap_snapshot).
 *
 * The graph has one node per heap object, numbered in discovery order (breadth first from
 * the roots, in the roots' order), so the same program draws the same picture every time.
 * What is a heap object is a node: lists, tuples, dicts, sets, strs, floats, and ints in
 * `boxed` mode; what is an immediate word (small ints in `tagged` mode, None, bools) is drawn
 * inside the slot that holds it. Front-end objects (functions, modules, iterators, ...) are
 * nodes without contents.
 *
 * Building allocates no runtime object, so it never collects, and it leaves every object
 * as it found it: the walk numbers objects in their headers' scratch word and clears every
 * one before returning, on success and on failure. It never recurses in C: a list nested a
 * million deep costs heap, not C stack. The caller keeps the roots' values alive (rooted). */
#ifndef HEAPLAB_SNAPSHOT_H
#define HEAPLAB_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gc.h"
#include "object.h"
#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A named variable: frame "Global frame" (or a function's name), name "xs", its value.
 * Roots of one frame are consecutive; the frames are drawn in the order they come (Python
 * Tutor puts the innermost last). A root with name NULL starts a new frame without adding a
 * variable (so an empty frame is drawn, and two calls of one function are two frames); a
 * named root starts a new frame when its frame's name differs from the current one's. */
typedef struct hl_snapshot_root {
    const char *frame;
    const char *name;
    hl_value value;
} hl_snapshot_root;

/* Where a variable or a slot points. */
enum {
    HL_SNAPSHOT_INLINE = -1, /* an immediate, drawn in the slot: text holds its repr */
    HL_SNAPSHOT_UNDRAWN = -2 /* an object past max_objects: drawn as "..." */
};
typedef struct hl_snapshot_ref {
    int32_t node;  /* index into nodes, or HL_SNAPSHOT_INLINE, or HL_SNAPSHOT_UNDRAWN */
    uint32_t text; /* HL_SNAPSHOT_INLINE: the value's repr (see hl_snapshot_text) */
} hl_snapshot_ref;

/* Node flags. */
enum {
    HL_SNAPSHOT_INTERNED = 1u << 0, /* a str that is the intern table's entry for its text */
    HL_SNAPSHOT_CACHED = 1u << 1,   /* a preallocated int of boxed mode's [-5, 256] cache */
    HL_SNAPSHOT_GARBAGE = 1u << 2   /* gc view: a container nothing reachable refers to */
};

typedef struct hl_snapshot_node {
    hl_type type;
    const char *type_name; /* Python's: "list", "dict_values", "list_iterator" (static) */
    uint32_t flags;   /* HL_SNAPSHOT_* */
    uint32_t text;    /* str, int, float: the repr (a str's cut after 40 bytes); else "" */
    size_t first;     /* its refs are slots[first .. first + nslots): a list's or tuple's */
    size_t nslots;    /* items, a set's members, a dict's key, value, key, value, ... */
    size_t hidden;    /* items (a dict's entries) past max_items, not drawn */
    size_t in_degree; /* references drawn to it: variables and slots */
    hl_gc_colour colour; /* gc view: its colour in the collection under way */
} hl_snapshot_node;

typedef struct hl_snapshot_var {
    uint32_t name; /* text */
    hl_snapshot_ref ref;
} hl_snapshot_var;

typedef struct hl_snapshot_frame {
    uint32_t name;    /* text */
    size_t first, nvars; /* vars[first .. first + nvars) */
} hl_snapshot_frame;

typedef struct hl_snapshot {
    hl_runtime *rt;
    uint32_t label;   /* text */
    bool boxed_ints;  /* the runtime's int mode was boxed */
    bool gc_view;     /* built with options->gc_view: colours, phase and garbage below */
    hl_gc_phase gc_phase;
    size_t gc_grey;   /* entries in the collector's grey set (hl_gc_grey_count) */
    hl_snapshot_frame *frames;
    size_t nframes;
    hl_snapshot_var *vars;
    size_t nvars;
    hl_snapshot_node *nodes;
    size_t nnodes;
    hl_snapshot_ref *slots;
    size_t nslots;
    size_t undrawn;   /* objects reachable from the roots that have no node (past the limits) */
    char *text;       /* every text, NUL-terminated, at the offsets above */
    size_t text_size;
    struct {
        size_t frames, vars, nodes, slots, text;
    } capacity;       /* of the arrays above, for hl_snapshot_free */
} hl_snapshot;

/* The text at an offset stored in the graph. */
static inline const char *hl_snapshot_text(const hl_snapshot *s, uint32_t offset) { return s->text + offset; }

typedef struct hl_snapshot_options {
    size_t max_objects; /* nodes drawn; the rest are counted in `undrawn` (0: 200) */
    size_t max_items;   /* items drawn per container; the rest counted in `hidden` (0: 30) */
    int gc_view;        /* nonzero: the collector's view too. Each node's colour (white, grey,
                           black: hl_gc_colour_of), the phase, and the garbage: every list,
                           tuple, dict and set nothing reachable refers to, drawn (after the
                           variables' graph) with what it holds, so a picture per collector
                           step shows the mark reach the live objects and the sweep free the
                           rest. The DOT fills each box with its colour. */
} hl_snapshot_options;

/* The graph reachable from roots[0..n), labelled label (may be NULL), into *out; options
 * NULL means the defaults. Returns 0, or -1 with MemoryError pending (nothing to free), or
 * with TypeError for roots NULL while n > 0, or for a named root whose value is HL_NOVALUE
 * (unless an earlier failure's exception is pending: it is kept, as every call does).
 * Its memory comes from the runtime's heap as bookkeeping: free it with hl_snapshot_free. */
int hl_snapshot_build(hl_runtime *rt, const hl_snapshot_root *roots, size_t n, const char *label,
                      const hl_snapshot_options *options, hl_snapshot **out);
void hl_snapshot_free(hl_snapshot *s);

/* The variable called name in the frame called frame, or NULL. */
const hl_snapshot_var *hl_snapshot_find_var(const hl_snapshot *s, const char *frame, const char *name);

/* Write the graph as Graphviz DOT. Returns 0, or -1 when the stream reports an error. */
int hl_snapshot_write_dot(const hl_snapshot *s, FILE *out);

/* Build, write and free: the picture of roots[0..n) as DOT on out (a file, or a memory
 * stream from open_memstream for a buffer). Returns 0, or -1 with MemoryError pending, or
 * with RuntimeError when out could not be written. */
int hl_heap_snapshot(hl_runtime *rt, const hl_snapshot_root *roots, size_t n, const char *label, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
