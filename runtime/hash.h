/* Internal: CPython-compatible hashes, so that sets iterate in CPython's order.
 * Numbers: the modulus 2**61 - 1 scheme (hash(1) == hash(1.0) == hash(True)).
 * Strings: SipHash-1-3 with CPython's key under PYTHONHASHSEED=0, over the code points in
 * CPython's internal width (1, 2 or 4 bytes each). Tuples: CPython's xxHash-style combine. */
#ifndef HEAPLAB_RUNTIME_HASH_H
#define HEAPLAB_RUNTIME_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "objects.h"

int64_t hl_hash_utf8(const char *s, size_t size);
int64_t hl_hash_int(int64_t v);
int64_t hl_hash_double(double d);
/* A str's hash, computed once and cached in the object. */
int64_t hl_str_hash(hl_str_obj *s);

/* Tuple hashing: start, add each item's hash, finish with the item count. */
uint64_t hl_hash_tuple_start(void);
uint64_t hl_hash_tuple_add(uint64_t acc, int64_t item_hash);
int64_t hl_hash_tuple_finish(uint64_t acc, size_t n);

/* Decode one UTF-8 code point at *p (valid UTF-8 assumed); advances *p. */
uint32_t hl_utf8_next(const char **p);

#endif
