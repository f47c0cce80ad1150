/* heaplab/str.h: immutable UTF-8 strings.
 *
 * len() and indexing count code points, as in Python. The hash is computed once and cached.
 * hl_str_intern returns the one string object with that content in the runtime's intern
 * table; the table is weak: the collector drops entries nothing else references. */
#ifndef HEAPLAB_STR_H
#define HEAPLAB_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new string from UTF-8 bytes; ValueError if they are not valid UTF-8. */
hl_value hl_str_new(hl_runtime *rt, const char *utf8, size_t size);
hl_value hl_str_from_cstr(hl_runtime *rt, const char *utf8);
/* printf into a new string. */
hl_value hl_str_format(hl_runtime *rt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

bool hl_is_str(hl_value v);
/* Of a known str: its bytes (NUL-terminated), its size in bytes, its length in code points. */
const char *hl_str_data(hl_value s);
size_t hl_str_size(hl_value s);
size_t hl_str_length(hl_value s);
bool hl_str_is_interned(hl_value s);

/* The interned string equal to s (s itself if it becomes the table's entry). */
hl_value hl_str_intern(hl_runtime *rt, hl_value s);
hl_value hl_str_intern_cstr(hl_runtime *rt, const char *utf8);
/* Entries in the intern table. */
size_t hl_str_intern_count(hl_runtime *rt);

/* Python operations on strings (index i may be negative). */
hl_value hl_str_getitem(hl_runtime *rt, hl_value s, int64_t i);  /* IndexError: string index out of range */
hl_value hl_str_slice(hl_runtime *rt, hl_value s, int64_t start, int64_t stop, int64_t step);
hl_value hl_str_concat(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_str_repeat(hl_runtime *rt, hl_value s, int64_t n);
int hl_str_contains(hl_runtime *rt, hl_value haystack, hl_value needle);
/* -1, 0, 1 by code point order (== byte order for UTF-8). */
int hl_str_cmp(hl_value a, hl_value b);
bool hl_str_eq(hl_value a, hl_value b);
bool hl_str_eq_cstr(hl_value a, const char *utf8);

#ifdef __cplusplus
}
#endif

#endif
