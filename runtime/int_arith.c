/* int arithmetic with Python's semantics on ints of any size: + - * / // % ** (and pow with a
 * modulus), << >> & | ^ ~ and unary minus; / correctly rounded as CPython's. Operands within
 * int64 take a fast path in C arithmetic; the rest is GMP's mpn layer into scratch limbs, and
 * every result goes through hl_int_from_limbs (a result that fits is a small int again).
 *
 * Rooting: the operands are rooted while a function runs; scratch comes from heap.c, which
 * never collects, so the only allocation that may collect is the result's, at the end.
 *
 * Above int_limbs.c: calls it, float.c (a float result), error.c and GMP's mpn layer. */
#include <float.h>
#include <math.h>

#include "heaplab/float.h"
#include "int_internal.h"

#define ZERO_DIVISION "integer division or modulo by zero"
#define ZERO_MODULO "integer modulo by zero"

static hl_value fail(hl_runtime *rt, hl_exc exc, const char *msg)
{
    hl_error_set(rt, exc, "%s", msg);
    return HL_NOVALUE;
}

/* A result built in scratch limbs: get room, compute, then finish (which makes the int and
 * releases the room). */
typedef struct result {
    hl_int_buf buf;
    mp_limb_t *d;
} result;

static mp_limb_t *room(hl_runtime *rt, result *r, size_t n)
{
    hl_int_buf_init(&r->buf);
    return r->d = hl_int_buf_get(rt, &r->buf, n ? n : 1);
}

static hl_value finish(hl_runtime *rt, result *r, mp_size_t n, bool neg)
{
    hl_value v = hl_int_from_limbs(rt, r->d, n, neg);
    hl_int_buf_release(rt, &r->buf);
    return v;
}

/* ---------------------------------------------------------------- + - * */

/* a + b, b's sign flipped when negate_b. */
static hl_value add(hl_runtime *rt, const hl_int_view *a, const hl_int_view *b, bool negate_b)
{
    bool bneg = b->neg != negate_b;
    const hl_int_view *big = a, *small = b;
    bool big_neg = a->neg, small_neg = bneg;
    if (hl_int_cmp_mag(a->d, a->n, b->d, b->n) < 0) {
        big = b, small = a;
        big_neg = bneg, small_neg = a->neg;
    }
    result r;
    if (!room(rt, &r, (size_t)big->n + 1))
        return HL_NOVALUE;
    mpn_copyi(r.d, big->d, big->n);
    r.d[big->n] = 0;
    if (small->n == 0)
        ; /* nothing to add */
    else if (big_neg == small_neg)
        r.d[big->n] = mpn_add(r.d, big->d, big->n, small->d, small->n);
    else
        mpn_sub(r.d, big->d, big->n, small->d, small->n); /* |big| >= |small|: no borrow */
    return finish(rt, &r, big->n + 1, big_neg);
}

static hl_value mul(hl_runtime *rt, const hl_int_view *a, const hl_int_view *b)
{
    if (a->n == 0 || b->n == 0)
        return hl_int_new(rt, 0);
    if (a->n < b->n) {
        const hl_int_view *t = a;
        a = b, b = t;
    }
    result r;
    if (!room(rt, &r, (size_t)(a->n + b->n)))
        return HL_NOVALUE;
    if (a->d == b->d && a->n == b->n)
        mpn_sqr(r.d, a->d, a->n);
    else
        mpn_mul(r.d, a->d, a->n, b->d, b->n);
    return finish(rt, &r, a->n + b->n, a->neg != b->neg);
}

/* ---------------------------------------------------------------- // and % */

/* Python's floor division, b != 0: a // b, or a % b when mod. */
static hl_value floor_divide(hl_runtime *rt, const hl_int_view *a, const hl_int_view *b, bool mod)
{
    result qr, mr;
    mp_size_t qn = a->n >= b->n ? a->n - b->n + 1 : 0;
    /* room for q plus a carry, and for m = |b| - r */
    if (!room(rt, &qr, (size_t)qn + 1))
        return HL_NOVALUE;
    if (!room(rt, &mr, (size_t)b->n)) {
        hl_int_buf_release(rt, &qr.buf);
        return HL_NOVALUE;
    }
    if (qn) {
        mpn_tdiv_qr(qr.d, mr.d, 0, a->d, a->n, b->d, b->n);
    } else { /* |a| < |b|: q = 0, r = |a| */
        mpn_zero(mr.d, b->n);
        mpn_copyi(mr.d, a->d, a->n);
    }
    qr.d[qn] = 0;
    bool rem = !mpn_zero_p(mr.d, b->n), floor = rem && a->neg != b->neg;
    if (floor) { /* truncated toward zero: one more step down, and the remainder takes b's sign */
        if (qn)
            qr.d[qn] = mpn_add_1(qr.d, qr.d, qn, 1);
        else
            qr.d[0] = 1; /* |a| < |b|, signs apart: a // b is -1 */
        mpn_sub_n(mr.d, b->d, mr.d, b->n);
    }
    result *keep = mod ? &mr : &qr, *drop = mod ? &qr : &mr;
    hl_int_buf_release(rt, &drop->buf);
    return mod ? finish(rt, keep, b->n, b->neg) : finish(rt, keep, qn + 1, a->neg != b->neg);
}

/* ---------------------------------------------------------------- ** */

/* |base| ** e into a fresh result, for e >= 1; the bound on its size checked first. */
static hl_value power(hl_runtime *rt, const hl_int_view *base, uint64_t e)
{
    bool neg = base->neg && (e & 1);
    uint64_t bits = hl_int_view_bits(base);
    if (e > (uint64_t)HL_INT_MAX_LIMBS * 64 / bits)
        return hl_error_nomem(rt), HL_NOVALUE;
    if (bits == 1) { /* 1 << e */
        result r;
        size_t n = (size_t)(e / 64) + 1;
        if (!room(rt, &r, n))
            return HL_NOVALUE;
        mpn_zero(r.d, (mp_size_t)n);
        r.d[e / 64] = (mp_limb_t)1 << (e % 64);
        return finish(rt, &r, (mp_size_t)n, neg);
    }
    size_t cap = (size_t)(bits * e / 64) + (size_t)base->n + 4;
    result x, y;
    if (!room(rt, &x, cap))
        return HL_NOVALUE;
    if (!room(rt, &y, cap)) {
        hl_int_buf_release(rt, &x.buf);
        return HL_NOVALUE;
    }
    mp_limb_t *r = x.d, *t = y.d;
    mpn_copyi(r, base->d, base->n);
    mp_size_t rn = base->n;
    for (int i = 62 - __builtin_clzll(e); i >= 0; i--) { /* left to right, below the top bit */
        mpn_sqr(t, r, rn);
        rn *= 2;
        rn -= t[rn - 1] == 0;
        mp_limb_t *s = r;
        r = t, t = s;
        if ((e >> i) & 1) {
            mpn_mul(t, r, rn, base->d, base->n);
            rn += base->n;
            rn -= t[rn - 1] == 0;
            s = r;
            r = t, t = s;
        }
    }
    hl_value v = hl_int_from_limbs(rt, r, rn, neg);
    hl_int_buf_release(rt, &x.buf);
    hl_int_buf_release(rt, &y.buf);
    return v;
}

static hl_value int_pow(hl_runtime *rt, hl_value av, hl_value bv, const hl_int_view *a, const hl_int_view *b)
{
    if (b->neg) { /* a float, as CPython: both as doubles */
        double x, y;
        if (hl_int_to_double(rt, av, &x) || hl_int_to_double(rt, bv, &y))
            return HL_NOVALUE;
        if (x == 0)
            return fail(rt, HL_EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
        return hl_float_new(rt, pow(x, y));
    }
    if (b->n == 0)
        return hl_int_new(rt, 1);
    if (a->n == 0 || (a->n == 1 && a->d[0] == 1)) /* 0, 1 and -1 to any power */
        return hl_int_new(rt, a->n == 0 ? 0 : a->neg && (b->d[0] & 1) ? -1 : 1);
    if (b->n > 1)
        return hl_error_nomem(rt), HL_NOVALUE;
    return power(rt, a, b->d[0]);
}

/* ---------------------------------------------------------------- << and >> */

static hl_value shift(hl_runtime *rt, hl_binop op, const hl_int_view *a, const hl_int_view *b)
{
    if (b->neg)
        return fail(rt, HL_EXC_VALUE_ERROR, "negative shift count");
    if (a->n == 0)
        return hl_int_new(rt, 0);
    if (op == HL_OP_LSHIFT) {
        if (b->n > 1 || b->d[0] > (uint64_t)INT64_MAX)
            return fail(rt, HL_EXC_OVERFLOW_ERROR, "too many digits in integer");
        uint64_t count = b->n ? b->d[0] : 0, whole = count / 64;
        if (whole + (uint64_t)a->n + 1 > (uint64_t)HL_INT_MAX_LIMBS)
            return hl_error_nomem(rt), HL_NOVALUE;
        result r;
        size_t n = (size_t)whole + (size_t)a->n + 1;
        if (!room(rt, &r, n))
            return HL_NOVALUE;
        mpn_zero(r.d, (mp_size_t)whole);
        if (count % 64)
            r.d[n - 1] = mpn_lshift(r.d + whole, a->d, a->n, (unsigned)(count % 64));
        else {
            mpn_copyi(r.d + whole, a->d, a->n);
            r.d[n - 1] = 0;
        }
        return finish(rt, &r, (mp_size_t)n, a->neg);
    }
    uint64_t whole = b->n > 1 ? UINT64_MAX : (b->n ? b->d[0] : 0) / 64;
    if (whole >= (uint64_t)a->n) /* everything shifted out: floor gives 0 or -1 */
        return hl_int_new(rt, a->neg ? -1 : 0);
    unsigned part = (unsigned)(b->d[0] % 64);
    mp_size_t n = a->n - (mp_size_t)whole;
    result r;
    if (!room(rt, &r, (size_t)n + 1))
        return HL_NOVALUE;
    bool lost = false;
    for (uint64_t j = 0; j < whole && !lost; j++)
        lost = a->d[j] != 0;
    if (part)
        lost |= mpn_rshift(r.d, a->d + whole, n, part) != 0;
    else
        mpn_copyi(r.d, a->d + whole, n);
    r.d[n] = 0;
    if (a->neg && lost) /* floor: a negative value shifted past set bits goes one further down */
        r.d[n] = mpn_add_1(r.d, r.d, n, 1);
    return finish(rt, &r, n + 1, a->neg);
}

/* ---------------------------------------------------------------- & | ^ ~ */

/* v in two's complement over n limbs (n > v->n: the top limb holds the sign). */
static void twos_complement(mp_limb_t *d, const hl_int_view *v, mp_size_t n)
{
    mpn_zero(d, n);
    mpn_copyi(d, v->d, v->n);
    if (v->neg)
        mpn_neg(d, d, n);
}

static hl_value bitwise(hl_runtime *rt, hl_binop op, const hl_int_view *a, const hl_int_view *b)
{
    mp_size_t n = (a->n > b->n ? a->n : b->n) + 1;
    result r;
    hl_int_buf other;
    hl_int_buf_init(&other);
    if (!room(rt, &r, (size_t)n))
        return HL_NOVALUE;
    mp_limb_t *y = hl_int_buf_get(rt, &other, (size_t)n);
    if (!y) {
        hl_int_buf_release(rt, &r.buf);
        return HL_NOVALUE;
    }
    twos_complement(r.d, a, n);
    twos_complement(y, b, n);
    if (op == HL_OP_AND)
        mpn_and_n(r.d, r.d, y, n);
    else if (op == HL_OP_OR)
        mpn_ior_n(r.d, r.d, y, n);
    else
        mpn_xor_n(r.d, r.d, y, n);
    hl_int_buf_release(rt, &other);
    bool neg = r.d[n - 1] >> 63;
    if (neg)
        mpn_neg(r.d, r.d, n);
    return finish(rt, &r, n, neg);
}

/* -v, or ~v == -(v + 1), for an int beyond int64 (so |v| >= 2**63). */
static hl_value invert_or_negate(hl_runtime *rt, hl_value v, bool invert)
{
    hl_rt_root(rt, &v);
    hl_int_view x;
    hl_int_view_of(v, &x);
    result r;
    hl_value out = HL_NOVALUE;
    if (room(rt, &r, (size_t)x.n + 1)) {
        mpn_copyi(r.d, x.d, x.n);
        r.d[x.n] = 0;
        if (invert && x.neg)
            mpn_sub_1(r.d, r.d, x.n, 1);
        else if (invert)
            r.d[x.n] = mpn_add_1(r.d, r.d, x.n, 1);
        out = finish(rt, &r, x.n + 1, !x.neg);
    }
    hl_rt_unroot(rt, 1);
    return out;
}

hl_value hl_int_neg(hl_runtime *rt, hl_value v)
{
    if (hl_int_fits_int64(v) && hl_int_get(v) != INT64_MIN)
        return hl_int_new(rt, -hl_int_get(v));
    return invert_or_negate(rt, v, false);
}

hl_value hl_int_invert(hl_runtime *rt, hl_value v)
{
    if (hl_int_fits_int64(v))
        return hl_int_new(rt, ~hl_int_get(v)); /* ~ never overflows */
    return invert_or_negate(rt, v, true);
}

/* ---------------------------------------------------------------- / */

/* |a| >> shift into r (an + 1 limbs of room); *inexact when bits were shifted out. Returns
 * the limb count. */
static mp_size_t shift_right(mp_limb_t *r, const hl_int_view *a, uint64_t shift, bool *inexact)
{
    uint64_t whole = shift / 64;
    unsigned part = shift % 64;
    if (whole >= (uint64_t)a->n) {
        *inexact = a->n != 0;
        return 0;
    }
    for (uint64_t j = 0; j < whole && !*inexact; j++)
        *inexact = a->d[j] != 0;
    mp_size_t n = a->n - (mp_size_t)whole;
    if (part) {
        if (mpn_rshift(r, a->d + whole, n, part))
            *inexact = true;
    } else {
        mpn_copyi(r, a->d + whole, n);
    }
    return n;
}

/* CPython's long_true_divide: the quotient to DBL_MANT_DIG + 2 or + 3 bits, rounded by hand
 * to DBL_MANT_DIG (fewer when subnormal), half to even. */
static hl_value true_divide(hl_runtime *rt, hl_value av, hl_value bv)
{
    hl_int_view a, b;
    hl_int_view_of(av, &a);
    hl_int_view_of(bv, &b);
    if (b.n == 0)
        return hl_error_set(rt, HL_EXC_ZERO_DIVISION_ERROR, "division by zero"), HL_NOVALUE;
    bool neg = a.neg != b.neg;
    uint64_t abits = hl_int_view_bits(&a), bbits = hl_int_view_bits(&b);
    if (abits <= DBL_MANT_DIG && bbits <= DBL_MANT_DIG) { /* both exact: one IEEE division */
        double x = (double)(a.n ? a.d[0] : 0), y = (double)b.d[0];
        return hl_float_new(rt, (a.neg ? -x : x) / (b.neg ? -y : y));
    }
    if (a.n == 0) /* CPython's underflow_or_zero: 0 / -big is -0.0 */
        return hl_float_new(rt, neg ? -0.0 : 0.0);
    int64_t diff = (int64_t)abits - (int64_t)bbits;
    if (diff > DBL_MAX_EXP)
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "integer division result too large for a float"), HL_NOVALUE;
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)
        return hl_float_new(rt, neg ? -0.0 : 0.0);
    int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    bool inexact = false;
    hl_int_buf xb, qb, rb;
    hl_int_buf_init(&xb);
    hl_int_buf_init(&qb);
    hl_int_buf_init(&rb);
    hl_value result = HL_NOVALUE;
    /* x = |a| * 2**-shift, truncated */
    size_t xcap = (size_t)a.n + 2 + (shift < 0 ? (size_t)(-shift) / 64 + 1 : 0);
    mp_limb_t *x = hl_int_buf_get(rt, &xb, xcap);
    mp_size_t xn;
    if (!x)
        goto out;
    if (shift <= 0) {
        uint64_t whole = (uint64_t)(-shift) / 64;
        unsigned part = (unsigned)((uint64_t)(-shift) % 64);
        mpn_zero(x, (mp_size_t)whole);
        x[whole + (uint64_t)a.n] = part ? mpn_lshift(x + whole, a.d, a.n, part) : 0;
        if (!part)
            mpn_copyi(x + whole, a.d, a.n);
        xn = (mp_size_t)whole + a.n + 1;
    } else {
        xn = shift_right(x, &a, (uint64_t)shift, &inexact);
    }
    while (xn > 0 && x[xn - 1] == 0)
        xn--;
    /* q, r = divmod(x, |b|); x >= |b| here, as x has DBL_MANT_DIG + 2 bits more than b */
    mp_limb_t *q = hl_int_buf_get(rt, &qb, (size_t)(xn - b.n + 1)), *r = hl_int_buf_get(rt, &rb, (size_t)b.n);
    if (!q || !r)
        goto out;
    mpn_tdiv_qr(q, r, 0, x, xn, b.d, b.n);
    if (!mpn_zero_p(r, b.n))
        inexact = true;
    mp_size_t qn = xn - b.n + 1;
    while (qn > 1 && q[qn - 1] == 0)
        qn--;
    mp_limb_t low = q[0]; /* the quotient has at most DBL_MANT_DIG + 3 bits: one limb */
    int qbits = 64 - __builtin_clzll(low);
    int extra = (qbits > DBL_MIN_EXP - shift ? qbits : (int)(DBL_MIN_EXP - shift)) - DBL_MANT_DIG;
    mp_limb_t mask = (mp_limb_t)1 << (extra - 1), l = low | inexact;
    if ((l & mask) && (l & (3 * mask - 1)))
        l += mask;
    l &= ~(2 * mask - 1);
    double dx = (double)l;
    if (shift + qbits >= DBL_MAX_EXP && (shift + qbits > DBL_MAX_EXP || dx == ldexp(1.0, qbits))) {
        hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "integer division result too large for a float");
        goto out;
    }
    dx = ldexp(dx, (int)shift);
    result = hl_float_new(rt, neg ? -dx : dx);
out:
    hl_int_buf_release(rt, &xb);
    hl_int_buf_release(rt, &qb);
    hl_int_buf_release(rt, &rb);
    return result;
}

/* ---------------------------------------------------------------- dispatch */

/* Both operands within int64: C arithmetic, or HL_NOVALUE with nothing pending when the
 * result needs the general path. */
static hl_value fast(hl_runtime *rt, hl_binop op, hl_value av, hl_value bv, int64_t a, int64_t b, bool *done)
{
    int64_t r;
    *done = true;
    switch (op) {
    case HL_OP_ADD:
        if (__builtin_add_overflow(a, b, &r))
            break;
        return hl_int_new(rt, r);
    case HL_OP_SUB:
        if (__builtin_sub_overflow(a, b, &r))
            break;
        return hl_int_new(rt, r);
    case HL_OP_MUL:
        if (__builtin_mul_overflow(a, b, &r))
            break;
        return hl_int_new(rt, r);
    case HL_OP_FLOORDIV:
    case HL_OP_MOD: {
        if (b == 0)
            return fail(rt, HL_EXC_ZERO_DIVISION_ERROR, op == HL_OP_MOD ? ZERO_MODULO : ZERO_DIVISION);
        if (a == INT64_MIN && b == -1)
            break;
        int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) { /* Python floors: the remainder takes b's sign */
            q--;
            m += b;
        }
        return hl_int_new(rt, op == HL_OP_MOD ? m : q);
    }
    case HL_OP_RSHIFT:
        if (b < 0)
            return fail(rt, HL_EXC_VALUE_ERROR, "negative shift count");
        return hl_int_new(rt, b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case HL_OP_AND:
    case HL_OP_OR:
    case HL_OP_XOR:
        r = op == HL_OP_AND ? (a & b) : op == HL_OP_OR ? (a | b) : (a ^ b);
        if (hl_is_bool(av) && hl_is_bool(bv)) /* True & False is a bool */
            return hl_bool(r != 0);
        return hl_int_new(rt, r);
    default:
        break;
    }
    *done = false;
    return HL_NOVALUE;
}

hl_value hl_int_binary(hl_runtime *rt, hl_binop op, hl_value av, hl_value bv)
{
    if (op == HL_OP_TRUEDIV)
        return true_divide(rt, av, bv);
    bool done;
    int64_t a64, b64;
    if (hl_int_read_int64(av, &a64) && hl_int_read_int64(bv, &b64)) {
        hl_value v = fast(rt, op, av, bv, a64, b64, &done);
        if (done)
            return v;
    }
    hl_rt_root(rt, &av);
    hl_rt_root(rt, &bv);
    hl_int_view a, b;
    hl_int_view_of(av, &a);
    hl_int_view_of(bv, &b);
    hl_value v = HL_NOVALUE;
    switch (op) {
    case HL_OP_ADD: v = add(rt, &a, &b, false); break;
    case HL_OP_SUB: v = add(rt, &a, &b, true); break;
    case HL_OP_MUL: v = mul(rt, &a, &b); break;
    case HL_OP_FLOORDIV:
    case HL_OP_MOD:
        if (b.n == 0)
            v = fail(rt, HL_EXC_ZERO_DIVISION_ERROR, op == HL_OP_MOD ? ZERO_MODULO : ZERO_DIVISION);
        else
            v = floor_divide(rt, &a, &b, op == HL_OP_MOD);
        break;
    case HL_OP_POW: v = int_pow(rt, av, bv, &a, &b); break;
    case HL_OP_LSHIFT:
    case HL_OP_RSHIFT: v = shift(rt, op, &a, &b); break;
    case HL_OP_AND:
    case HL_OP_OR:
    case HL_OP_XOR: v = bitwise(rt, op, &a, &b); break;
    default:
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "unknown operator");
        break;
    }
    hl_rt_unroot(rt, 2);
    return v;
}

/* ---------------------------------------------------------------- pow(a, b, m) */

/* x = t mod m (t: tn >= mn limbs, clobbered nowhere); q: tn - mn + 1 limbs of room. */
static void reduce(mp_limb_t *x, const mp_limb_t *t, mp_size_t tn, const hl_int_view *m, mp_limb_t *q)
{
    if (tn < m->n) {
        mpn_zero(x, m->n);
        mpn_copyi(x, t, tn);
    } else {
        mpn_tdiv_qr(q, x, 0, t, tn, m->d, m->n);
    }
}

/* x (m->n limbs, 0 <= x < |m|) replaced by its inverse mod |m|: 0, or 1 when there is none,
 * -1 with MemoryError. s * (x + m) + t * m == 1 (mpn_gcdext) makes s the inverse. */
static int invert_mod(hl_runtime *rt, mp_limb_t *x, const hl_int_view *m)
{
    mp_size_t mn = m->n;
    if (mpn_zero_p(x, mn))
        return 1;
    hl_int_buf ub, vb, gb, sb;
    hl_int_buf_init(&ub), hl_int_buf_init(&vb), hl_int_buf_init(&gb), hl_int_buf_init(&sb);
    mp_limb_t *u = hl_int_buf_get(rt, &ub, (size_t)mn + 2), *v = u ? hl_int_buf_get(rt, &vb, (size_t)mn + 1) : NULL;
    mp_limb_t *g = v ? hl_int_buf_get(rt, &gb, (size_t)mn + 1) : NULL, *s = g ? hl_int_buf_get(rt, &sb, (size_t)mn + 3) : NULL;
    int status = -1;
    if (s) {
        u[mn] = mpn_add_n(u, x, m->d, mn);
        mpn_copyi(v, m->d, mn);
        mp_size_t sn, gn = mpn_gcdext(g, s, &sn, u, mn + (u[mn] != 0), v, mn);
        status = 1;
        if (gn == 1 && g[0] == 1) {
            mp_size_t an = sn < 0 ? -sn : sn;
            mpn_zero(x, mn);
            mpn_copyi(x, s, an); /* |s| < |m| / 2 */
            if (sn < 0)
                mpn_sub_n(x, m->d, x, mn);
            status = 0;
        }
    }
    hl_int_buf_release(rt, &ub), hl_int_buf_release(rt, &vb), hl_int_buf_release(rt, &gb), hl_int_buf_release(rt, &sb);
    return status;
}

/* base ** e mod |m| by squaring and multiplying, left to right; base and acc m->n limbs. */
static void pow_mod_loop(mp_limb_t *acc, const mp_limb_t *base, const hl_int_view *e, const hl_int_view *m,
                         mp_limb_t *t, mp_limb_t *q)
{
    mp_size_t mn = m->n;
    mpn_zero(acc, mn);
    acc[0] = 1;
    for (mp_size_t li = e->n; li-- > 0;) {
        for (int bit = 63; bit >= 0; bit--) {
            mpn_sqr(t, acc, mn);
            reduce(acc, t, 2 * mn, m, q);
            if ((e->d[li] >> bit) & 1) {
                mpn_mul_n(t, acc, base, mn);
                reduce(acc, t, 2 * mn, m, q);
            }
        }
    }
}

hl_value hl_int_pow_mod(hl_runtime *rt, hl_value av, hl_value bv, hl_value mv)
{
    hl_int_view a, b, m;
    hl_int_view_of(av, &a);
    hl_int_view_of(bv, &b);
    hl_int_view_of(mv, &m);
    if (m.n == 0)
        return fail(rt, HL_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
    if (m.n == 1 && m.d[0] == 1)
        return hl_int_new(rt, 0);
    hl_rt_root(rt, &av), hl_rt_root(rt, &bv), hl_rt_root(rt, &mv);
    mp_size_t mn = m.n;
    hl_int_buf baseb, tb, qb;
    result acc;
    hl_int_buf_init(&baseb), hl_int_buf_init(&tb), hl_int_buf_init(&qb);
    size_t qroom = (size_t)(a.n > 2 * mn ? a.n : 2 * mn) + 1;
    mp_limb_t *base = hl_int_buf_get(rt, &baseb, (size_t)mn), *t = base ? hl_int_buf_get(rt, &tb, 2 * (size_t)mn) : NULL;
    mp_limb_t *q = t ? hl_int_buf_get(rt, &qb, qroom) : NULL, *r = q ? room(rt, &acc, (size_t)mn) : NULL;
    hl_value v = HL_NOVALUE;
    if (r) {
        reduce(base, a.d, a.n, &m, q); /* base = |a| mod |m|, then a's sign */
        if (a.neg && !mpn_zero_p(base, mn))
            mpn_sub_n(base, m.d, base, mn);
        int inv = b.neg ? invert_mod(rt, base, &m) : 0;
        if (inv == 1)
            fail(rt, HL_EXC_VALUE_ERROR, "base is not invertible for the given modulus");
        if (inv == 0) {
            pow_mod_loop(r, base, &b, &m, t, q);
            bool neg = m.neg && !mpn_zero_p(r, mn); /* a negative modulus: the result in (m, 0] */
            if (neg)
                mpn_sub_n(r, m.d, r, mn);
            v = finish(rt, &acc, mn, neg);
            r = NULL;
        }
    }
    if (r)
        hl_int_buf_release(rt, &acc.buf);
    hl_int_buf_release(rt, &baseb), hl_int_buf_release(rt, &tb), hl_int_buf_release(rt, &qb);
    hl_rt_unroot(rt, 3);
    return v;
}
