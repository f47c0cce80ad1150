/* lang/builtins_internal.h: what the built-in functions' files (builtins.c, builtins_*.c)
 * share: the functions the table in builtins.c names and the constructors hl_type_call
 * calls, grouped by the file that defines them. Not for use outside them: the built-ins'
 * interface is builtins.h. */
#ifndef HEAPLAB_LANG_BUILTINS_INTERNAL_H
#define HEAPLAB_LANG_BUILTINS_INTERNAL_H

#include <stddef.h>

#include "builtins.h"
#include "heaplab/tuple.h"

/* ---- builtins_text.c ---- */
hl_value hl_bi_print(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_repr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_chr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_ord(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_format(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);

/* ---- builtins_numbers.c ---- */
hl_value hl_bi_abs(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_divmod(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_round(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_make_int(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_make_float(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_pow(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_hex(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_oct(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_bin(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);

/* ---- builtins_seq.c ---- */
hl_value hl_bi_len(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_any(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_all(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_sum(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_sorted(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_max(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_min(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_reversed(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_enumerate(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_zip(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_iter(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_next(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_make_dict(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_make_range(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);

/* ---- builtins_introspect.c ---- */
hl_value hl_bi_id(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_hash(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_callable(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_bi_isinstance(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);

/* ---- small helpers, inline ---- */
static inline size_t nkw_of(hl_value kwnames) { return kwnames ? hl_tuple_size(kwnames) : 0; }

#endif
