/* Internal: the machinery the int files share (int_limbs.c, int_text.c, int_arith.c, int.c).
 *
 * An int is a small int (a tagged word, or a one-limb boxed object) or a big-int object: a
 * header, a signed limb count and the magnitude's limbs inline, least significant first (the
 * layout in objects.h). The arithmetic is GMP's mpn layer on those limbs: mpn never allocates
 * (mpz would, with malloc), so every byte of an int and of its scratch comes from the
 * runtime's backend. Every result goes through hl_int_from_limbs, which makes a result that
 * fits a small int one again. */
#ifndef HEAPLAB_RUNTIME_INT_INTERNAL_H
#define HEAPLAB_RUNTIME_INT_INTERNAL_H

#include <gmp.h>
#include <stdbool.h>

#include "heaplab/int.h"
#include "heaplab/operators.h"
#include "rt.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t) && GMP_NAIL_BITS == 0, "heaplab's limbs are GMP's 64-bit limbs");

/* The most limbs an int may have (2**38 bits): beyond it MemoryError, before any size
 * arithmetic can overflow. */
#define HL_INT_MAX_LIMBS ((mp_size_t)1 << 32)

/* An int's magnitude and sign as mpn wants them: d[0..n) with d[n-1] != 0, n == 0 for zero.
 * For a small int d points at `one` inside the view, so a view is used through a pointer and
 * never copied. d points into the object for a big int: the object must stay alive (rooted)
 * while the view is used across an allocation. */
typedef struct hl_int_view {
    const mp_limb_t *d;
    mp_size_t n;
    bool neg;
    mp_limb_t one;
} hl_int_view;

/* The value of an int or bool within int64 into *out, read inline (the operators' fast path);
 * false for an int beyond int64. */
static inline bool hl_int_read_int64(hl_value v, int64_t *out)
{
    if (hl_is_smallint(v)) {
        *out = hl_smallint_value(v);
        return true;
    }
    if (!hl_is_ptr(v)) { /* a bool */
        *out = v == HL_TRUE;
        return true;
    }
    const hl_int_obj *o = HL_AS(hl_int_obj, v);
    uint64_t m = o->size ? o->limbs[0] : 0;
    if (o->size < -1 || o->size > 1 || m > (uint64_t)INT64_MAX + (o->size < 0))
        return false;
    *out = o->size < 0 ? (int64_t)(0 - m) : (int64_t)m;
    return true;
}

/* The view of an int or a bool. */
void hl_int_view_of(hl_value v, hl_int_view *out);

/* Scratch limbs: a few on the C stack, else a block from the backend (never a collection). */
#define HL_INT_LOCAL_LIMBS 40
typedef struct hl_int_buf {
    mp_limb_t *d;
    size_t cap;
    mp_limb_t local[HL_INT_LOCAL_LIMBS];
} hl_int_buf;

static inline void hl_int_buf_init(hl_int_buf *b)
{
    b->d = NULL;
    b->cap = 0;
}
/* Room for n limbs (contents undefined); NULL with MemoryError. One call per buffer. */
mp_limb_t *hl_int_buf_get(hl_runtime *rt, hl_int_buf *b, size_t n);
void hl_int_buf_release(hl_runtime *rt, hl_int_buf *b);

/* The int d[0..n) (leading zero limbs allowed), negated when neg: a small int when it fits
 * (tagged, or the boxed cache), else a new object; HL_NOVALUE with MemoryError. d must not
 * point into an object the allocation could free. */
hl_value hl_int_from_limbs(hl_runtime *rt, const mp_limb_t *d, mp_size_t n, bool neg);
/* An exact double's value (finite, integral) as an int. */
hl_value hl_int_from_integral_double(hl_runtime *rt, double d);

/* Bits in the magnitude (0 for zero). */
uint64_t hl_int_view_bits(const hl_int_view *v);
/* Compare magnitudes: -1, 0, 1. */
int hl_int_cmp_mag(const mp_limb_t *a, mp_size_t an, const mp_limb_t *b, mp_size_t bn);
/* The magnitude's value mod 2**61 - 1 (CPython's numeric hash, before the sign). */
uint64_t hl_int_mag_mod_hash_modulus(const hl_int_view *v);

/* The int as the nearest double (ties to even); -1 with OverflowError "int too large to
 * convert to float" past DBL_MAX. */
int hl_int_to_double(hl_runtime *rt, hl_value v, double *out);

/* The digits of |v| in base 2, 8, 10 or 16 (lowercase, or uppercase when upper), without
 * sign or prefix, into a fresh internal block of *len + 1 bytes (NUL-terminated) that the
 * caller frees with hl_heap_free(rt, p, *len + 1); base 10 obeys the digit limit (ValueError).
 * NULL with the error pending. */
char *hl_int_digits(hl_runtime *rt, hl_value v, int base, bool upper, size_t *len);
/* Parse Python's int(text, base) syntax (whitespace, sign, prefix, underscores; base 0 or
 * 2..36): 0 with *out set; 1 when the text is not an int literal in that base (nothing
 * pending); -1 with MemoryError or the digit limit's ValueError pending. */
int hl_int_parse(hl_runtime *rt, const char *text, size_t len, int base, hl_value *out);

/* The int operators (int_arith.c), on ints and bools: HL_NOVALUE with the error pending. */
hl_value hl_int_binary(hl_runtime *rt, hl_binop op, hl_value a, hl_value b);
hl_value hl_int_neg(hl_runtime *rt, hl_value v);
/* pow(a, b, m), all three ints or bools. */
hl_value hl_int_pow_mod(hl_runtime *rt, hl_value a, hl_value b, hl_value m);
hl_value hl_int_invert(hl_runtime *rt, hl_value v);

#endif
