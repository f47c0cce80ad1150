/* heaplab/dict.h: dicts, insertion-ordered, in CPython 3.6+'s compact layout: a dense array
 * of entries in insertion order plus a sparse hash index into it. */
#ifndef HEAPLAB_DICT_H
#define HEAPLAB_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

hl_value hl_dict_new(hl_runtime *rt);
bool hl_is_dict(hl_value v);
size_t hl_dict_size(hl_value d);

/* 0, or -1 (TypeError for an unhashable key, MemoryError). */
int hl_dict_set(hl_runtime *rt, hl_value d, hl_value key, hl_value value);
/* 1 found (*out set), 0 missing, -1 error. */
int hl_dict_lookup(hl_runtime *rt, hl_value d, hl_value key, hl_value *out);
/* d.copy(): a new dict holding the same keys and values, in the same order (a shallow copy). */
hl_value hl_dict_copy(hl_runtime *rt, hl_value d);
/* d[key]: KeyError when missing. */
hl_value hl_dict_getitem(hl_runtime *rt, hl_value d, hl_value key);
/* del d[key]: KeyError when missing. */
int hl_dict_del(hl_runtime *rt, hl_value d, hl_value key);
/* d.pop(key[, dflt]): dflt HL_NOVALUE means "no default": KeyError when missing. */
hl_value hl_dict_pop(hl_runtime *rt, hl_value d, hl_value key, hl_value dflt);
int hl_dict_clear(hl_runtime *rt, hl_value d);

/* Iterate in insertion order: start with *pos = 0; returns false at the end. The dict must
 * not change size meanwhile. */
bool hl_dict_next(hl_value d, size_t *pos, hl_value *key, hl_value *value);

/* New lists of the keys, the values, and (key, value) tuples. */
hl_value hl_dict_keys(hl_runtime *rt, hl_value d);
hl_value hl_dict_values(hl_runtime *rt, hl_value d);
hl_value hl_dict_items(hl_runtime *rt, hl_value d);
/* d.update(other): other is a dict, or an iterable of key-value pairs (TypeError "cannot
 * convert dictionary update sequence element #0 to a sequence", ValueError "dictionary update
 * sequence element #0 has length 3; 2 is required"). Also `d |= other`. */
int hl_dict_update(hl_runtime *rt, hl_value d, hl_value other);

#ifdef __cplusplus
}
#endif

#endif
