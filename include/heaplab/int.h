/* heaplab/int.h: ints without limits, as Python's.
 *
 * An int is one of three things, which a program never tells apart (promotion and demotion
 * are invisible): in `tagged` mode an int within 63 bits is an immediate word, never
 * allocated; in `boxed` mode every int is a heap object and [-5, 256] are preallocated and
 * shared (CPython's cache); and any int beyond those is a big-int object, a header, a signed
 * limb count and the magnitude's 64-bit limbs inline, allocated from the runtime's backend as
 * pointer-free data. Arithmetic is GMP's mpn layer; every result that fits a small int is one
 * again. bools are ints, as in Python: True behaves as 1.
 *
 * Decimal conversions (str, repr, int(text), f-strings) of ints of more than
 * hl_int_get_max_str_digits digits raise ValueError, as CPython 3.11's do (default 4300;
 * 0: no limit). */
#ifndef HEAPLAB_INT_H
#define HEAPLAB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HL_INT_DEFAULT_MAX_STR_DIGITS 4300 /* CPython 3.11's sys.int_info.default_max_str_digits */
#define HL_INT_MIN_MAX_STR_DIGITS 640      /* the least nonzero limit: str_digits_check_threshold */

/* A new int (or a shared one); HL_NOVALUE with MemoryError. */
hl_value hl_int_new(hl_runtime *rt, int64_t i);
/* Python's int(text, base): whitespace, a sign, a prefix (0x, 0o, 0b: with base 0 or the
 * matching base), single underscores between digits; base 0 or 2..36. ValueError with
 * CPython's message for anything else ("invalid literal for int() with base 10: 'x'"), or
 * when a decimal text has more digits than the limit; MemoryError. */
hl_value hl_int_from_str(hl_runtime *rt, const char *text, size_t len, int base);
/* int(d): d truncated toward zero, exactly; ValueError for NaN, OverflowError for an
 * infinity (CPython's messages). */
hl_value hl_int_from_double(hl_runtime *rt, double d);
/* The int as a str in base 2, 8, 10 or 16, with the prefix Python's bin/oct/hex give
 * (str(v) for 10); ValueError past the digit limit (base 10 only). */
hl_value hl_int_to_str(hl_runtime *rt, hl_value v, int base);

/* True for ints, not for bools. */
bool hl_is_int(hl_value v);
/* True when the int or bool is within int64_t, so hl_int_get can read it. */
bool hl_int_fits_int64(hl_value v);
/* The value of an int or bool: -1 with TypeError for anything else, OverflowError ("Python int
 * too large to convert to C int64_t") for an int beyond int64_t. */
int hl_int_value(hl_runtime *rt, hl_value v, int64_t *out);
/* The value of an int or bool known to fit (hl_int_fits_int64; no check). */
int64_t hl_int_get(hl_value v);
/* The int as an index: -1 with `exc` ("cannot fit 'int' into an index-sized integer") when it
 * is beyond int64_t: IndexError for a subscript, OverflowError for a count, as CPython. */
int hl_int_index(hl_runtime *rt, hl_value v, hl_exc exc, int64_t *out);
/* -1, 0 or 1; int.bit_length(); and int.bit_count(), of an int or bool. */
int hl_int_sign(hl_value v);
uint64_t hl_int_bit_length(hl_value v);
uint64_t hl_int_bit_count(hl_value v); /* the ones in abs(v)'s binary digits */

/* sys.get_int_max_str_digits / sys.set_int_max_str_digits: 0 or >= 640 (else ValueError). */
int64_t hl_int_get_max_str_digits(hl_runtime *rt);
int hl_int_set_max_str_digits(hl_runtime *rt, int64_t digits);

#ifdef __cplusplus
}
#endif

#endif
