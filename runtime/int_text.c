/* ints as text: the digits of an int in base 2, 8, 10 or 16 (mpn_get_str, subquadratic), and
 * Python's int(text, base) syntax (mpn_set_str), with CPython 3.11's limit on decimal
 * conversions (sys.set_int_max_str_digits).
 *
 * Above int_limbs.c: calls it, heap.c (scratch blocks), error.c and GMP's mpn layer. */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "int_internal.h"

#define TO_STR_LIMIT "Exceeds the limit (%" PRId64 " digits) for integer string conversion; " \
                     "use sys.set_int_max_str_digits() to increase the limit"
#define TO_INT_LIMIT "Exceeds the limit (%" PRId64 " digits) for integer string conversion: value has %zu " \
                     "digits; use sys.set_int_max_str_digits() to increase the limit"

static bool power_of_two(int base) { return (base & (base - 1)) == 0; }

char *hl_int_digits(hl_runtime *rt, hl_value v, int base, bool upper, size_t *len)
{
    hl_int_view x;
    hl_int_view_of(v, &x);
    int64_t limit = rt->int_max_str_digits;
    /* A decimal int has more than (bits - 1) * log10(2) digits: refuse one far past the limit
     * before converting it, as CPython does (the exact count decides the rest). */
    if (base == 10 && limit > 0 && (double)hl_int_view_bits(&x) * 0.30102999566398 > (double)limit + 2)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, TO_STR_LIMIT, limit), NULL;
    size_t cap = x.n ? mpn_sizeinbase(x.d, x.n, base) + 2 : 2;
    unsigned char *s = hl_heap_alloc(rt, cap, HL_BLOCK_INTERNAL);
    if (!s)
        return hl_error_nomem(rt), NULL;
    size_t n = 1;
    s[0] = 0;
    if (x.n && power_of_two(base)) { /* the input is left as it is */
        n = mpn_get_str(s, base, (mp_limb_t *)x.d, x.n);
    } else if (x.n) { /* the input is clobbered, one limb past its end too */
        hl_int_buf copy;
        hl_int_buf_init(&copy);
        mp_limb_t *c = hl_int_buf_get(rt, &copy, (size_t)x.n + 1);
        if (!c) {
            hl_heap_free(rt, s, cap);
            return NULL;
        }
        mpn_copyi(c, x.d, x.n);
        n = mpn_get_str(s, base, c, x.n);
        hl_int_buf_release(rt, &copy);
    }
    size_t zeros = 0;
    while (zeros + 1 < n && s[zeros] == 0)
        zeros++;
    n -= zeros;
    memmove(s, s + zeros, n);
    const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (size_t i = 0; i < n; i++)
        s[i] = (unsigned char)alphabet[s[i]];
    s[n] = '\0';
    if (base == 10 && limit > 0 && n > (uint64_t)limit) {
        hl_heap_free(rt, s, cap);
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, TO_STR_LIMIT, limit), NULL;
    }
    /* the caller frees n + 1 bytes: give back the slack now when it matters */
    if (cap > n + 1) {
        char *t = hl_heap_realloc(rt, s, cap, n + 1, HL_BLOCK_INTERNAL);
        if (!t) {
            hl_heap_free(rt, s, cap);
            return hl_error_nomem(rt), NULL;
        }
        s = (unsigned char *)t;
    }
    *len = n;
    return (char *)s;
}

static int digit_value(unsigned char c)
{
    return isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
}

/* Bits a digit of the base may carry, rounded up. */
static unsigned bits_per_digit(int base)
{
    unsigned b = 1;
    while ((1 << b) < base)
        b++;
    return b;
}

/* The digit values d[0..n) in base, most significant first, as an int. */
static hl_value from_digit_values(hl_runtime *rt, const unsigned char *d, size_t n, int base, bool neg)
{
    while (n > 0 && d[0] == 0) {
        d++;
        n--;
    }
    if (n == 0)
        return hl_int_new(rt, 0);
    hl_int_buf b;
    hl_int_buf_init(&b);
    size_t limbs = n / 64 * bits_per_digit(base) + bits_per_digit(base) + 2;
    mp_limb_t *r = hl_int_buf_get(rt, &b, limbs);
    if (!r)
        return HL_NOVALUE;
    mp_size_t rn = mpn_set_str(r, d, n, base);
    hl_value v = hl_int_from_limbs(rt, r, rn, neg);
    hl_int_buf_release(rt, &b);
    return v;
}

int hl_int_parse(hl_runtime *rt, const char *text, size_t len, int base, hl_value *out)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end && isspace(*p))
        p++;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    bool only_zero = false; /* base 0 without a prefix: "010" is no literal, "00" is 0 */
    if (end - p >= 2 && p[0] == '0') {
        int c = tolower(p[1]);
        int prefixed = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (prefixed && (base == 0 || base == prefixed)) {
            base = prefixed;
            p += 2;
            if (p < end && *p == '_') /* one underscore may follow a prefix */
                p++;
        }
    }
    if (base == 0) {
        only_zero = p < end && *p == '0';
        base = 10;
    }
    /* CPython's scan: digits and single underscores, then the digit limit, then the rest */
    unsigned char *digits = hl_heap_alloc(rt, len + 1, HL_BLOCK_INTERNAL);
    if (!digits)
        return hl_error_nomem(rt);
    size_t n = 0;
    bool bad = false;
    unsigned char prev = 0;
    for (; p < end && (digit_value(*p) < base || *p == '_'); prev = *p++) {
        if (*p == '_') {
            if (prev == '_' || n == 0)
                bad = true;
        } else {
            digits[n++] = (unsigned char)digit_value(*p);
        }
    }
    bad = bad || n == 0 || prev == '_';
    int64_t limit = rt->int_max_str_digits;
    if (!bad && !power_of_two(base) && limit > 0 && n > (uint64_t)limit) {
        hl_heap_free(rt, digits, len + 1);
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, TO_INT_LIMIT, limit, n);
    }
    while (p < end && isspace(*p))
        p++;
    bad = bad || p != end;
    for (size_t i = 0; !bad && only_zero && i < n; i++)
        bad = digits[i] != 0;
    hl_value v = bad ? HL_NOVALUE : from_digit_values(rt, digits, n, base, neg);
    hl_heap_free(rt, digits, len + 1);
    if (bad)
        return 1;
    if (!v)
        return -1;
    *out = v;
    return 0;
}
