/* Internal: the type table. Each type's operations live in its own file and are listed here
 * by type id; the entries are filled at start-up with hl_type_define (the object model's by
 * hl_runtime_new, the front end's by hl_lang_define_types). */
#ifndef HEAPLAB_RUNTIME_TYPE_H
#define HEAPLAB_RUNTIME_TYPE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "rt.h"

/* Called on each item of an iterable: 0 to go on, 1 to stop early, -1 on error. The item is
 * alive for the call; keep it rooted if the callback allocates after storing it elsewhere. */
typedef int (*hl_foreach_fn)(hl_runtime *rt, hl_value item, void *ctx);

/* Iterate any iterable: 0 when done or stopped, -1 with TypeError "'int' object is not
 * iterable" or the callback's error. */
int hl_foreach(hl_runtime *rt, hl_value iterable, hl_foreach_fn fn, void *ctx);

/* Append repr(v) to b (any value, with the nesting guard). */
int hl_repr_into(hl_runtime *rt, hl_value v, hl_buf *b);
/* "[a, b]"-style repr of n items between two brackets, guarding against recursion on owner. */
int hl_repr_items(hl_runtime *rt, hl_value owner, const hl_value *items, size_t n, const char *open,
                  const char *close, hl_buf *b);

typedef struct hl_type_info {
    const char *name;
    /* Bytes of the object's own block, as requested from the backend. */
    size_t (*size)(const hl_object *o);
    /* Bytes of the buffers the object owns (list items, dict tables); NULL: none. */
    size_t (*owned_size)(const hl_object *o);
    /* Report every value the object references; NULL: it references none. */
    void (*trace)(hl_object *o, hl_tracer *t);
    /* The same, as data, for a type whose references are one run of values: the marker reads
     * it without a call per object (HL_RUN_NONE: it calls trace). The run's length is the
     * size_t at run_count; its values are inline at run_at (HL_RUN_INLINE) or behind the
     * pointer there (HL_RUN_POINTER). */
    uint8_t run_kind;
    uint16_t run_at, run_count;
    /* Free the buffers the object owns (not the object itself); NULL: none. */
    void (*release)(hl_runtime *rt, hl_object *o);
    /* Append repr(v) to b; 0 or -1. */
    int (*repr)(hl_runtime *rt, hl_value v, hl_buf *b);
    /* hash(v); NULL: unhashable (TypeError). */
    int (*hash)(hl_runtime *rt, hl_value v, int64_t *out);
    /* a == b for two values of this type; NULL: identity. 1, 0, -1. */
    int (*eq)(hl_runtime *rt, hl_value a, hl_value b);
    /* Call fn on each item in iteration order; NULL: not iterable. v is kept alive. */
    int (*foreach)(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx);
    /* len(v); NULL: no len. */
    size_t (*len)(hl_value v);
    /* For a type Python names several ways: o's variant, 1 or more, named
     * variant_names[variant - 1]; NULL: the type's one name. */
    unsigned (*variant_of)(const hl_object *o);
    const char *const *variant_names;
} hl_type_info;

enum { HL_RUN_NONE, HL_RUN_INLINE, HL_RUN_POINTER };

/* The table, by type id; entries for types nobody defined are NULL. */
extern const hl_type_info *hl_type_table[HL_T__COUNT];
static inline const hl_type_info *hl_type_info_of(hl_type t) { return hl_type_table[t]; }
/* Fill a type's entry (runtime.c for the object model's types, the front end for its own). */
void hl_type_define(hl_type t, const hl_type_info *info);

/* Item-wise equality of two arrays of n values (identity first, as CPython): 1, 0, -1
 * (object.c). */
int hl_items_eq(hl_runtime *rt, const hl_value *a, const hl_value *b, size_t n);

/* Size of an object's block plus its buffers. */
size_t hl_object_total_size(const hl_object *o);

/* The object model's own types, defined in their files. */
extern const hl_type_info hl_int_type, hl_float_type, hl_str_type, hl_tuple_type,
    hl_list_type, hl_dict_type, hl_set_type;

#endif
