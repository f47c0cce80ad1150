/* CPython-compatible hashing (see hash.h).
 *
 * Calls nothing of heaplab's. */
#include <math.h>
#include <string.h>

#include "hash.h"

#define MODULUS_BITS 61
#define MODULUS (((uint64_t)1 << MODULUS_BITS) - 1)
#define HASH_INF 314159

/* ---------------------------------------------------------------- SipHash-1-3 */

typedef struct siphash {
    uint64_t v0, v1, v2, v3;
    uint64_t pending; /* bytes not yet making a full word, little-endian */
    unsigned npending;
    uint64_t total;
} siphash;

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define HALF_ROUND(a, b, c, d, s, t) \
    a += b;                          \
    c += d;                          \
    b = ROTL(b, s) ^ a;              \
    d = ROTL(d, t) ^ c;              \
    a = ROTL(a, 32);
#define SINGLE_ROUND(v0, v1, v2, v3)  \
    HALF_ROUND(v0, v1, v2, v3, 13, 16); \
    HALF_ROUND(v2, v1, v0, v3, 17, 21);

static void sip_init(siphash *h)
{
    /* The key is zero: CPython's under PYTHONHASHSEED=0. */
    h->v0 = 0x736f6d6570736575ULL;
    h->v1 = 0x646f72616e646f6dULL;
    h->v2 = 0x6c7967656e657261ULL;
    h->v3 = 0x7465646279746573ULL;
    h->pending = 0;
    h->npending = 0;
    h->total = 0;
}

static inline void sip_word(siphash *h, uint64_t m)
{
    h->v3 ^= m;
    SINGLE_ROUND(h->v0, h->v1, h->v2, h->v3);
    h->v0 ^= m;
}

static inline void sip_byte(siphash *h, uint8_t b)
{
    h->pending |= (uint64_t)b << (8 * h->npending);
    h->total++;
    if (++h->npending == 8) {
        sip_word(h, h->pending);
        h->pending = 0;
        h->npending = 0;
    }
}

static uint64_t sip_finish(siphash *h)
{
    uint64_t b = (h->total << 56) | h->pending;
    h->v3 ^= b;
    SINGLE_ROUND(h->v0, h->v1, h->v2, h->v3);
    h->v0 ^= b;
    h->v2 ^= 0xff;
    SINGLE_ROUND(h->v0, h->v1, h->v2, h->v3);
    SINGLE_ROUND(h->v0, h->v1, h->v2, h->v3);
    SINGLE_ROUND(h->v0, h->v1, h->v2, h->v3);
    return (h->v0 ^ h->v1) ^ (h->v2 ^ h->v3);
}

uint32_t hl_utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t c = s[0];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra)
        c &= 0x3F >> extra;
    for (int i = 1; i <= extra; i++)
        c = (c << 6) | (s[i] & 0x3F);
    *p += 1 + extra;
    return c;
}

int64_t hl_hash_utf8(const char *s, size_t size)
{
    if (size == 0)
        return 0;
    /* CPython hashes its internal representation: 1, 2 or 4 bytes per code point, by the
     * widest code point in the string. */
    uint32_t widest = 0;
    for (const char *p = s, *end = s + size; p < end;) {
        uint32_t c = hl_utf8_next(&p);
        if (c > widest)
            widest = c;
    }
    unsigned width = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
    siphash h;
    sip_init(&h);
    if (widest < 0x80) {
        for (size_t i = 0; i < size; i++)
            sip_byte(&h, (uint8_t)s[i]);
    } else {
        for (const char *p = s, *end = s + size; p < end;) {
            uint32_t c = hl_utf8_next(&p);
            for (unsigned k = 0; k < width; k++)
                sip_byte(&h, (uint8_t)(c >> (8 * k)));
        }
    }
    int64_t x = (int64_t)sip_finish(&h);
    return x == -1 ? -2 : x;
}

int64_t hl_str_hash(hl_str_obj *s)
{
    if (s->hash == -1)
        s->hash = hl_hash_utf8(s->data, s->size);
    return s->hash;
}

/* ---------------------------------------------------------------- numbers */

int64_t hl_hash_int(int64_t v)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    int64_t h = (int64_t)(mag % MODULUS);
    if (v < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

int64_t hl_hash_double(double v)
{
    if (!isfinite(v)) {
        if (isinf(v))
            return v > 0 ? HASH_INF : -HASH_INF;
        return 0; /* CPython hashes a NaN by its address; any constant keeps NaN keys usable */
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) { /* 28 bits at a time */
        x = ((x << 28) & MODULUS) | x >> (MODULUS_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= MODULUS)
            x -= MODULUS;
    }
    e = e >= 0 ? e % MODULUS_BITS : MODULUS_BITS - 1 - ((-1 - e) % MODULUS_BITS);
    x = ((x << e) & MODULUS) | x >> (MODULUS_BITS - e);
    x = x * (uint64_t)(int64_t)sign;
    if (x == (uint64_t)-1)
        x = (uint64_t)-2;
    return (int64_t)x;
}

/* ---------------------------------------------------------------- tuples */

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

uint64_t hl_hash_tuple_start(void) { return XXPRIME_5; }

uint64_t hl_hash_tuple_add(uint64_t acc, int64_t item_hash)
{
    acc += (uint64_t)item_hash * XXPRIME_2;
    acc = (acc << 31) | (acc >> 33);
    return acc * XXPRIME_1;
}

int64_t hl_hash_tuple_finish(uint64_t acc, size_t n)
{
    acc += n ^ (XXPRIME_5 ^ 3527539UL);
    return acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
}
