/* Internal: the layout of heap objects.
 *
 * Every object starts with an 8-byte header. The collector keeps its own table of all
 * objects, so the header needs no link field: sweep walks that table, not a list. */
#ifndef HEAPLAB_RUNTIME_OBJECTS_H
#define HEAPLAB_RUNTIME_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

#include "heaplab/object.h"
#include "heaplab/value.h"

typedef struct hl_object {
    uint8_t type;   /* hl_type */
    uint8_t gc;     /* the collector's: HL_GC_* bits and the object's age */
    uint16_t flags; /* HL_OBJ_* */
    uint32_t aux;   /* scratch for the walk running now (the deep copy's memo, the snapshot's
                       numbering): 1 + the index of the object's entry in the walk's own table.
                       A walk sets it and never clears it: it counts only if entry aux - 1
                       exists and names this object, so what an earlier walk left is told apart
                       in one comparison, and no walk pays a pass over all it touched. 0 in a
                       new object. */
} hl_object;

enum {
    HL_OBJ_IMMORTAL = 1 << 0,  /* never swept (the boxed small-int cache); freed with the runtime */
    HL_OBJ_INTERNED = 1 << 1,  /* a str that is the intern table's entry for its content */
    HL_OBJ_ASCII = 1 << 2,     /* a str whose bytes are all ASCII: indexing is O(1) */
    HL_OBJ_REPR_BUSY = 1 << 3, /* repr is inside this container: a second visit prints [...] */
    HL_OBJ_LIST_INLINE = 1 << 4,  /* a list whose items are in its inline room */
    HL_OBJ_LIST_SPILLED = 1 << 5, /* a list whose items outgrew its inline room */
    HL_OBJ_LIST_ATOMIC = 1 << 6   /* a collecting backend's list whose buffer holds no reference
                                     and is pointer-free (HL_BLOCK_DATA): list.c */
};
/* The collector's header byte. An object is young from its allocation until it has survived
 * gc_promote_age minor collections (or one major), then old; an old object that may refer to
 * a young one is in the remembered set (gc_young.c). A minor collection marks with HL_GC_MARK
 * and its sweep clears it; a major one marks by setting HL_GC_EPOCH to the runtime's new
 * epoch, whose meaning flips at each major collection, so its sweep never writes to a live
 * object (gc_mark.c). */
enum {
    HL_GC_MARK = 1 << 0,       /* reached by the running minor collection */
    HL_GC_OLD = 1 << 1,        /* in the old generation: a minor collection neither marks nor frees it */
    HL_GC_REMEMBERED = 1 << 2, /* old, and in the remembered set */
    HL_GC_EPOCH = 1 << 3       /* equal to the runtime's epoch bit: reached by the last major collection
                                  (or made since) */
};
#define HL_GC_AGE_SHIFT 4 /* bits 4-7 of a young object: minor collections survived */
#define HL_GC_AGE_MASK 0xF0
#define HL_GC_MAX_AGE 15
/* An old object needs no age: its bit 4 says it is remembered whole, not just a range of its
 * items (gc_young.c). */
#define HL_GC_REMEMBERED_ALL (1 << HL_GC_AGE_SHIFT)
/* Incremental mode has no ages nor minor collections. There, HL_GC_OLD means reached by the
 * collection under way (grey or black: the barrier watches it) and HL_GC_MARK that a range of
 * the list's items was in the grey set this cycle, so that moving its items about remembers
 * it whole (gc_incremental.c). The sweep clears both. */
#define HL_GC_PARTIAL HL_GC_MARK

/* Bits 8-15 of flags: the owning runtime's tag, with a self-collecting backend only. */
#define HL_OBJ_OWNER_SHIFT 8

static inline hl_object *hl_obj(hl_value v) { return (hl_object *)v; }
static inline hl_value hl_val(const void *o) { return (hl_value)o; }
static inline int hl_is_obj_of(hl_value v, hl_type t) { return hl_is_ptr(v) && hl_obj(v)->type == t; }

/* An int in a block of its own: a boxed int (boxed mode, or a tagged-mode int beyond 63
 * bits) or a big one; immutable, with no references (int_internal.h). */
typedef struct hl_int_obj {
    hl_object h;
    int64_t size;      /* limbs of the magnitude, negative for a negative int; 0 for zero */
    uint64_t limbs[];  /* the magnitude, least significant limb first; the last is not 0
                          (a boxed zero keeps one limb, 0) */
} hl_int_obj;

typedef struct hl_float_obj {
    hl_object h;
    double value;
} hl_float_obj;

typedef struct hl_str_obj {
    hl_object h;
    size_t size;   /* bytes, without the terminating NUL */
    size_t length; /* code points */
    int64_t hash;  /* -1 until computed */
    char data[];   /* UTF-8, NUL-terminated */
} hl_str_obj;

typedef struct hl_tuple_obj {
    hl_object h;
    size_t size;
    hl_value items[];
} hl_tuple_obj;

/* A list made with a known small capacity keeps its items in the same block, right after
 * the struct (one allocation, and the items share the header's cache lines; flag
 * HL_OBJ_LIST_INLINE); when it outgrows that room, items move to a buffer of their own, and
 * the spent room's first word keeps its size (flag HL_OBJ_LIST_SPILLED), which the block's
 * size needs: no field for it in every list. The flags, not `items == inline_items`, tell
 * where the items are: a buffer may start right where a roomless list's block ends. */
typedef struct hl_list_obj {
    hl_object h;
    size_t size, capacity;
    hl_value *items;           /* inline_items, a buffer of its own, or NULL */
    hl_value inline_items[];
} hl_list_obj;

#define HL_LIST_INLINE_MAX 64

/* A dict entry; a deleted one has key == HL_NOVALUE (and value HL_NOVALUE). */
typedef struct hl_dict_entry {
    int64_t hash;
    hl_value key;
    hl_value value;
} hl_dict_entry;

typedef struct hl_dict_obj {
    hl_object h;
    size_t used;        /* live entries */
    size_t nentries;    /* entries[0..nentries) in use, deleted ones included */
    size_t usable;      /* capacity of entries: 2/3 of the index size */
    uint8_t log2_index; /* the index has 1 << log2_index slots; 0 when there is no table yet */
    hl_dict_entry *entries;
    void *index;        /* int8/16/32/64 slots by table size: an entry number, -1 empty, -2 deleted */
} hl_dict_obj;

/* A set slot: key HL_NOVALUE empty, HL_DUMMY deleted (with hash -1), else live. */
typedef struct hl_set_entry {
    hl_value key;
    int64_t hash;
} hl_set_entry;

typedef struct hl_set_obj {
    hl_object h;
    size_t fill; /* live + deleted slots */
    size_t used; /* live slots */
    size_t mask; /* table size - 1 */
    hl_set_entry *table;
} hl_set_obj;

#define HL_AS(T, v) ((T *)(v))

#endif
