/* ints at the bottom: making int objects (small, boxed, big) and reading them, views of an
 * int's limbs, scratch limbs, exact comparison with ints and doubles, and the conversion to a
 * double (correctly rounded, as CPython's). See int_internal.h for the representation.
 *
 * The int part's lowest file: calls the collector (gc.c, for new objects), heap.c (scratch),
 * error.c and GMP's mpn layer. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "int_internal.h"
#include "number.h"

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

/* ---------------------------------------------------------------- objects */

/* A new int object for n limbs (the magnitude uninitialised), or NULL with MemoryError. */
static hl_int_obj *new_int_obj(hl_runtime *rt, mp_size_t n)
{
    if (n > HL_INT_MAX_LIMBS)
        return hl_error_nomem(rt), NULL;
    return (hl_int_obj *)hl_gc_new(rt, HL_T_INT, sizeof(hl_int_obj) + (size_t)n * sizeof(mp_limb_t));
}

hl_value hl_int_new(hl_runtime *rt, int64_t i)
{
    if (rt->cfg.int_mode == HL_INT_TAGGED) {
        if (hl_smallint_fits(i))
            return hl_smallint((intptr_t)i);
    } else if (i >= HL_BOXED_CACHE_MIN && i <= HL_BOXED_CACHE_MAX) {
        return rt->boxed_cache[i - HL_BOXED_CACHE_MIN];
    }
    hl_int_obj *o = new_int_obj(rt, 1);
    if (!o)
        return HL_NOVALUE;
    o->size = i == 0 ? 0 : i < 0 ? -1 : 1;
    o->limbs[0] = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    return hl_val(o);
}

hl_value hl_int_from_limbs(hl_runtime *rt, const mp_limb_t *d, mp_size_t n, bool neg)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    if (n == 0)
        return hl_int_new(rt, 0);
    if (n == 1 && d[0] <= (uint64_t)INT64_MAX + neg)
        return hl_int_new(rt, neg ? (int64_t)(0 - d[0]) : (int64_t)d[0]);
    hl_int_obj *o = new_int_obj(rt, n);
    if (!o)
        return HL_NOVALUE;
    o->size = neg ? -n : n;
    memcpy(o->limbs, d, (size_t)n * sizeof *d);
    return hl_val(o);
}

/* Room for the magnitude of any finite double, in limbs. */
#define DOUBLE_LIMBS (DBL_MAX_EXP / 64 + 2)

/* |d| as limbs, for a finite integral d with |d| >= 2**63; the limb count. */
static mp_size_t limbs_of_double(double d, mp_limb_t limbs[DOUBLE_LIMBS])
{
    int e;
    double m = frexp(fabs(d), &e); /* |d| = m * 2**e, 0.5 <= m < 1, e > 63 */
    mp_limb_t mant = (mp_limb_t)ldexp(m, 64);
    unsigned shift = (unsigned)(e - 64); /* |d| = mant << shift */
    mpn_zero(limbs, DOUBLE_LIMBS);
    limbs[shift / 64] = mant << (shift % 64);
    if (shift % 64)
        limbs[shift / 64 + 1] = mant >> (64 - shift % 64);
    mp_size_t n = shift / 64 + 2;
    while (limbs[n - 1] == 0)
        n--;
    return n;
}

hl_value hl_int_from_integral_double(hl_runtime *rt, double d)
{
    if (fabs(d) < 9223372036854775808.0)
        return hl_int_new(rt, (int64_t)d);
    mp_limb_t limbs[DOUBLE_LIMBS];
    mp_size_t n = limbs_of_double(d, limbs);
    return hl_int_from_limbs(rt, limbs, n, d < 0);
}

/* ---------------------------------------------------------------- reading one */

bool hl_is_int(hl_value v) { return hl_is_smallint(v) || hl_is_obj_of(v, HL_T_INT); }

bool hl_int_fits_int64(hl_value v)
{
    int64_t i;
    return hl_int_read_int64(v, &i);
}

int64_t hl_int_get(hl_value v)
{
    int64_t i = 0;
    hl_int_read_int64(v, &i);
    return i;
}

/* ---------------------------------------------------------------- views and scratch */

void hl_int_view_of(hl_value v, hl_int_view *out)
{
    if (hl_is_ptr(v)) {
        const hl_int_obj *o = HL_AS(hl_int_obj, v);
        out->d = o->limbs;
        out->n = o->size < 0 ? -o->size : o->size;
        out->neg = o->size < 0;
        return;
    }
    int64_t i = hl_is_smallint(v) ? hl_smallint_value(v) : v == HL_TRUE;
    out->one = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    out->d = &out->one;
    out->n = i != 0;
    out->neg = i < 0;
}

mp_limb_t *hl_int_buf_get(hl_runtime *rt, hl_int_buf *b, size_t n)
{
    if (n <= HL_INT_LOCAL_LIMBS) {
        b->d = b->local;
        b->cap = HL_INT_LOCAL_LIMBS;
        return b->d;
    }
    if (n > (size_t)HL_INT_MAX_LIMBS)
        return hl_error_nomem(rt), NULL;
    b->d = hl_heap_alloc(rt, n * sizeof(mp_limb_t), HL_BLOCK_INTERNAL);
    if (!b->d)
        return hl_error_nomem(rt), NULL;
    b->cap = n;
    return b->d;
}

void hl_int_buf_release(hl_runtime *rt, hl_int_buf *b)
{
    if (b->d && b->d != b->local)
        hl_heap_free(rt, b->d, b->cap * sizeof(mp_limb_t));
    b->d = NULL;
}

uint64_t hl_int_view_bits(const hl_int_view *v)
{
    if (v->n == 0)
        return 0;
    return (uint64_t)(v->n - 1) * 64 + (64 - (unsigned)__builtin_clzll(v->d[v->n - 1]));
}

int hl_int_cmp_mag(const mp_limb_t *a, mp_size_t an, const mp_limb_t *b, mp_size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    int c = mpn_cmp(a, b, an);
    return c < 0 ? -1 : c > 0;
}

uint64_t hl_int_mag_mod_hash_modulus(const hl_int_view *v)
{
    unsigned __int128 x = 0;
    for (mp_size_t i = v->n; i-- > 0;)
        x = ((x << 64) | v->d[i]) % HASH_MODULUS;
    return (uint64_t)x;
}

/* ---------------------------------------------------------------- comparisons */

int hl_int_cmp(hl_value a, hl_value b)
{
    hl_int_view x, y;
    hl_int_view_of(a, &x);
    hl_int_view_of(b, &y);
    if (x.neg != y.neg)
        return x.neg ? -1 : 1;
    int c = hl_int_cmp_mag(x.d, x.n, y.d, y.n);
    return x.neg ? -c : c;
}

int hl_int_cmp_double(hl_value a, double d)
{
    if (hl_int_fits_int64(a))
        return hl_cmp_int_double(hl_int_get(a), d);
    if (isnan(d))
        return 2;
    hl_int_view x;
    hl_int_view_of(a, &x);
    /* |a| >= 2**63: above every double of smaller magnitude, and those above are integral */
    if (isinf(d) || fabs(d) < 9223372036854775808.0)
        return isinf(d) ? (d > 0 ? -1 : 1) : (x.neg ? -1 : 1);
    if (x.neg != (d < 0))
        return x.neg ? -1 : 1;
    mp_limb_t limbs[DOUBLE_LIMBS];
    mp_size_t n = limbs_of_double(d, limbs);
    int c = hl_int_cmp_mag(x.d, x.n, limbs, n);
    return x.neg ? -c : c;
}

/* ---------------------------------------------------------------- to double */

int hl_int_to_double(hl_runtime *rt, hl_value v, double *out)
{
    if (hl_int_fits_int64(v)) {
        *out = (double)hl_int_get(v);
        return 0;
    }
    hl_int_view x;
    hl_int_view_of(v, &x);
    uint64_t bits = hl_int_view_bits(&x);
    if (bits > DBL_MAX_EXP)
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "int too large to convert to float");
    /* The top 64 bits, with a sticky bit for the rest: the conversion of those to a double
     * rounds as the whole would (the sticky bit sits 11 bits below the rounding point). */
    uint64_t s = bits - 64, i = s / 64, off = s % 64;
    mp_limb_t top = x.d[i] >> off;
    if (off)
        top |= x.d[i + 1] << (64 - off);
    bool sticky = off && (x.d[i] << (64 - off)) != 0;
    for (uint64_t j = 0; j < i && !sticky; j++)
        sticky = x.d[j] != 0;
    double r = ldexp((double)(top | sticky), (int)s);
    if (isinf(r))
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "int too large to convert to float");
    *out = x.neg ? -r : r;
    return 0;
}
