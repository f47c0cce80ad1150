/* heaplab/object.h: types, identity, equality, ordering, hashing, repr: the operations every
 * value supports, with Python's rules. */
#ifndef HEAPLAB_OBJECT_H
#define HEAPLAB_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every value's type. The first group are the object model's; the rest belong to the
 * front end (runtime/lang). The order is fixed: it indexes the type table. */
typedef enum hl_type {
    HL_T_NONE,
    HL_T_BOOL,
    HL_T_INT,
    HL_T_FLOAT,
    HL_T_STR,
    HL_T_TUPLE,
    HL_T_LIST,
    HL_T_DICT,
    HL_T_SET,
    HL_T_TYPE,     /* type objects, e.g. the value of `list` (immediates) */
    HL_T_BUILTIN,  /* built-in functions (immediates) */
    HL_T_FUNCTION, /* def */
    HL_T_CODE,     /* compiled code of a def or a module */
    HL_T_MODULE,
    HL_T_METHOD,   /* a bound method: receiver and built-in method */
    HL_T_RANGE,
    HL_T__RESERVED_16, /* no type has id 16 (nor 0, 32): see count_survivor in runtime/gc.c */
    HL_T_ITERATOR,
    HL_T_DICT_VIEW,
    HL_T__COUNT
} hl_type;

hl_type hl_typeof(hl_value v);
const char *hl_type_name(hl_type t);   /* "list", "int", "NoneType", ... */

/* Type objects are immediates: the payload is the hl_type in its low 8 bits and, for a type
 * Python names several ways, a variant above them (a dict view is dict_keys, dict_values or
 * dict_items; an iterator list_iterator, str_ascii_iterator, ...), so that type(x) tells
 * them apart as CPython does. */
static inline hl_value hl_type_value(hl_type t) { return HL_IMM(HL_IMM_TYPE, t); }
static inline hl_type hl_type_value_type(hl_value tv) { return (hl_type)(hl_imm_payload(tv) & 0xFF); }
hl_value hl_type_value_of(hl_value v);       /* type(v) */
const char *hl_type_value_name(hl_value tv); /* its __name__: "list", "dict_values", ... */
const char *hl_typeof_name(hl_value v);      /* type(v).__name__ */

/* ---- identity ---- */
/* `a is b`: the same object (for immediates, the same word). */
static inline bool hl_is(hl_value a, hl_value b) { return a == b; }
/* `id(v)`: unique and stable while v is alive (an object's address; an immediate's word). */
static inline uintptr_t hl_id(hl_value v) { return (uintptr_t)v; }

/* ---- equality and ordering: 1 true, 0 false, -1 error (RecursionError, TypeError) ---- */
int hl_eq(hl_runtime *rt, hl_value a, hl_value b);
typedef enum hl_cmp { HL_CMP_LT, HL_CMP_LE, HL_CMP_EQ, HL_CMP_NE, HL_CMP_GT, HL_CMP_GE } hl_cmp;
/* `a < b` and friends; TypeError "'<' not supported between instances of 'list' and 'int'". */
int hl_compare(hl_runtime *rt, hl_value a, hl_value b, hl_cmp op);

/* ---- hashing: 0, or -1 with TypeError "unhashable type: 'list'" ---- */
int hl_hash(hl_runtime *rt, hl_value v, int64_t *out);

/* ---- truth, size, text ---- */
int hl_truthy(hl_runtime *rt, hl_value v);              /* 1, 0, or -1 on error */
int64_t hl_len(hl_runtime *rt, hl_value v);             /* -1 with TypeError if v has no len */
hl_value hl_repr(hl_runtime *rt, hl_value v);           /* repr(v) as a str */
hl_value hl_to_str(hl_runtime *rt, hl_value v);         /* str(v) */

/* ---- containers, generically ---- */
/* Slices take start, stop and step as Python does; pass HL_SLICE_OMITTED for a part left out
 * (`a[::2]` is start = stop = HL_SLICE_OMITTED, step = 2). A step of 0 is a ValueError. */
#define HL_SLICE_OMITTED INT64_MIN
hl_value hl_getitem(hl_runtime *rt, hl_value container, hl_value key);
int hl_setitem(hl_runtime *rt, hl_value container, hl_value key, hl_value value);
int hl_delitem(hl_runtime *rt, hl_value container, hl_value key);
int hl_contains(hl_runtime *rt, hl_value container, hl_value item); /* `item in container` */

#ifdef __cplusplus
}
#endif

#endif
