/* list.sort: CPython 3.11's listsort (timsort, with powersort's choice of which runs to merge;
 * see Objects/listsort.txt), so the same comparisons happen in the same order. Hence the same
 * result for any `<`, even one that is no total order (NaN, sets), and, when a comparison
 * raises, the same partly sorted list: every step leaves the list a permutation of its items.
 *
 * Items are moved in place, through a temporary array during merges. Comparisons never
 * allocate, so no collection runs while an item is only in that array; the array itself comes
 * from the runtime's heap as a REFS block, so a collecting backend (Boehm) sees what it holds.
 * With keys, the sort keys move in a scratch array alongside the items, as CPython's do.
 *
 * Above the containers: calls compare.c (hl_compare), list.c, the collector (roots, the write
 * barrier), heap.c, type.c and error.c. */
#include <string.h>

#include "heaplab/list.h"
#include "heaplab/object.h"
#include "rt.h"

#define MAX_MERGE_PENDING (sizeof(size_t) * 8) /* runs on the stack: log2(n) + 1 at most */
#define MIN_GALLOP 7                           /* wins in a row before galloping */
#define INLINE_TEMP 256                        /* merges this small need no allocation */

/* Parallel arrays: keys[i] sorts values[i]; values is NULL when the keys are the items. */
typedef struct sortslice {
    hl_value *keys;
    hl_value *values;
} sortslice;

typedef struct run {
    sortslice base;
    ptrdiff_t len;
    int power; /* its level in powersort's merge tree */
} run;

typedef struct merge_state {
    hl_runtime *rt;
    ptrdiff_t min_gallop;
    ptrdiff_t listlen;
    hl_value *basekeys;
    sortslice a; /* temporary storage for merges: temparray, or a heap block */
    ptrdiff_t alloced;
    int n;
    run pending[MAX_MERGE_PENDING];
    hl_value temparray[INLINE_TEMP];
} merge_state;

/* ---------------------------------------------------------------- moving items */

static void reverse_values(hl_value *lo, hl_value *hi)
{
    for (--hi; lo < hi; lo++, hi--) {
        hl_value t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

static void slice_reverse(sortslice *s, ptrdiff_t n)
{
    reverse_values(s->keys, s->keys + n);
    if (s->values)
        reverse_values(s->values, s->values + n);
}

static void slice_copy(sortslice *dst, ptrdiff_t i, const sortslice *src, ptrdiff_t j)
{
    dst->keys[i] = src->keys[j];
    if (dst->values)
        dst->values[i] = src->values[j];
}

static void slice_copy_incr(sortslice *dst, sortslice *src)
{
    *dst->keys++ = *src->keys++;
    if (dst->values)
        *dst->values++ = *src->values++;
}

static void slice_copy_decr(sortslice *dst, sortslice *src)
{
    *dst->keys-- = *src->keys--;
    if (dst->values)
        *dst->values-- = *src->values--;
}

static void slice_move(sortslice *dst, ptrdiff_t i, const sortslice *src, ptrdiff_t j, ptrdiff_t n)
{
    memmove(&dst->keys[i], &src->keys[j], (size_t)n * sizeof(hl_value));
    if (dst->values)
        memmove(&dst->values[i], &src->values[j], (size_t)n * sizeof(hl_value));
}

static void slice_advance(sortslice *s, ptrdiff_t n)
{
    s->keys += n;
    if (s->values)
        s->values += n;
}

/* x < y: 1, 0, or -1 with TypeError pending. */
static int islt(merge_state *ms, hl_value x, hl_value y) { return hl_compare(ms->rt, x, y, HL_CMP_LT); }

/* ---------------------------------------------------------------- runs */

/* Binary insertion sort of [lo, hi), whose prefix [lo, start) is sorted: stable, few compares. */
static int binarysort(merge_state *ms, sortslice lo, hl_value *hi, hl_value *start)
{
    if (lo.keys == start)
        ++start;
    for (; start < hi; ++start) {
        hl_value *l = lo.keys, *r = start, pivot = *start;
        do { /* pivot >= all in [lo, l), pivot < all in [r, start) */
            hl_value *p = l + ((r - l) >> 1);
            int k = islt(ms, pivot, *p);
            if (k < 0)
                return -1;
            if (k)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        memmove(l + 1, l, (size_t)(start - l) * sizeof *l);
        *l = pivot;
        if (lo.values) {
            ptrdiff_t offset = lo.values - lo.keys;
            hl_value v = start[offset];
            memmove(l + offset + 1, l + offset, (size_t)(start - l) * sizeof *l);
            l[offset] = v;
        }
    }
    return 0;
}

/* Length of the run at lo: the longest lo[0] <= lo[1] <= ... or strictly descending
 * lo[0] > lo[1] > ... (strict, so reversing it keeps the sort stable). -1 on error. */
static ptrdiff_t count_run(merge_state *ms, hl_value *lo, hl_value *hi, bool *descending)
{
    *descending = false;
    if (++lo == hi)
        return 1;
    ptrdiff_t n = 2;
    int k = islt(ms, *lo, *(lo - 1));
    if (k < 0)
        return -1;
    if (k) {
        *descending = true;
        for (lo++; lo < hi; lo++, n++) {
            if ((k = islt(ms, *lo, *(lo - 1))) < 0)
                return -1;
            if (!k)
                break;
        }
    } else {
        for (lo++; lo < hi; lo++, n++) {
            if ((k = islt(ms, *lo, *(lo - 1))) < 0)
                return -1;
            if (k)
                break;
        }
    }
    return n;
}

/* ---------------------------------------------------------------- galloping */

/* Where key goes in the sorted a[0..n), left of any equal items: the k with a[k-1] < key <=
 * a[k]. Starts at a[hint] and gallops (1, 3, 7, ... away), then binary search. -1 on error. */
static ptrdiff_t gallop_left(merge_state *ms, hl_value key, hl_value *a, ptrdiff_t n, ptrdiff_t hint)
{
    ptrdiff_t lastofs = 0, ofs = 1;
    int k;
    a += hint;
    if ((k = islt(ms, *a, key)) < 0)
        return -1;
    if (k) { /* a[hint] < key: gallop right until a[hint + lastofs] < key <= a[hint + ofs] */
        ptrdiff_t maxofs = n - hint;
        while (ofs < maxofs) {
            if ((k = islt(ms, a[ofs], key)) < 0)
                return -1;
            if (!k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else { /* key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - lastofs] */
        ptrdiff_t maxofs = hint + 1;
        while (ofs < maxofs) {
            if ((k = islt(ms, *(a - ofs), key)) < 0)
                return -1;
            if (k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        ptrdiff_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    a -= hint;
    for (++lastofs; lastofs < ofs;) { /* a[lastofs - 1] < key <= a[ofs] */
        ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
        if ((k = islt(ms, a[m], key)) < 0)
            return -1;
        if (k)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
}

/* As gallop_left, right of any equal items: the k with a[k-1] <= key < a[k]. */
static ptrdiff_t gallop_right(merge_state *ms, hl_value key, hl_value *a, ptrdiff_t n, ptrdiff_t hint)
{
    ptrdiff_t lastofs = 0, ofs = 1;
    int k;
    a += hint;
    if ((k = islt(ms, key, *a)) < 0)
        return -1;
    if (k) { /* key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - lastofs] */
        ptrdiff_t maxofs = hint + 1;
        while (ofs < maxofs) {
            if ((k = islt(ms, key, *(a - ofs))) < 0)
                return -1;
            if (!k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        ptrdiff_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    } else { /* a[hint] <= key: gallop right until a[hint + lastofs] <= key < a[hint + ofs] */
        ptrdiff_t maxofs = n - hint;
        while (ofs < maxofs) {
            if ((k = islt(ms, key, a[ofs])) < 0)
                return -1;
            if (k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    for (++lastofs; lastofs < ofs;) { /* a[lastofs - 1] <= key < a[ofs] */
        ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
        if ((k = islt(ms, key, a[m])) < 0)
            return -1;
        if (k)
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
}

/* ---------------------------------------------------------------- merging */

static void merge_init(merge_state *ms, hl_runtime *rt, ptrdiff_t n, bool has_keys, const sortslice *lo)
{
    ms->rt = rt;
    if (has_keys) { /* keys and values share the inline array */
        ms->alloced = (n + 1) / 2 < INLINE_TEMP / 2 ? (n + 1) / 2 : INLINE_TEMP / 2;
        ms->a.values = &ms->temparray[ms->alloced];
    } else {
        ms->alloced = INLINE_TEMP;
        ms->a.values = NULL;
    }
    ms->a.keys = ms->temparray;
    ms->n = 0;
    ms->min_gallop = MIN_GALLOP;
    ms->listlen = n;
    ms->basekeys = lo->keys;
}

static void merge_freemem(merge_state *ms)
{
    if (ms->a.keys != ms->temparray) {
        hl_heap_free(ms->rt, ms->a.keys, (size_t)ms->alloced * (ms->a.values ? 2 : 1) * sizeof(hl_value));
        ms->a.keys = ms->temparray;
    }
}

/* Room for `need` items in the temporary array; its old contents need not survive. */
static int merge_getmem(merge_state *ms, ptrdiff_t need)
{
    if (need <= ms->alloced)
        return 0;
    size_t per = ms->a.values ? 2 : 1;
    merge_freemem(ms);
    hl_value *p = (size_t)need <= SIZE_MAX / 4 / per / sizeof(hl_value)
                      ? hl_heap_alloc(ms->rt, (size_t)need * per * sizeof(hl_value), HL_BLOCK_REFS)
                      : NULL;
    if (!p) {
        ms->alloced = INLINE_TEMP / per; /* the inline array again, as merge_freemem left it */
        if (ms->a.values)
            ms->a.values = &ms->temparray[ms->alloced];
        return hl_error_nomem(ms->rt);
    }
    ms->a.keys = p;
    ms->alloced = need;
    if (ms->a.values)
        ms->a.values = p + need;
    return 0;
}

/* Merge the na items at ssa with the nb items right after them, na <= nb, in place; ssa's
 * last item goes last. a moves to the temporary array; on error whatever is left of it is
 * copied back, so the slice stays a permutation. */
static int merge_lo(merge_state *ms, sortslice ssa, ptrdiff_t na, sortslice ssb, ptrdiff_t nb)
{
    int k, result = -1;
    if (merge_getmem(ms, na) < 0)
        return -1;
    slice_move(&ms->a, 0, &ssa, 0, na);
    sortslice dest = ssa;
    ssa = ms->a;
    slice_copy_incr(&dest, &ssb);
    --nb;
    if (nb == 0)
        goto succeed;
    if (na == 1)
        goto copy_b;
    ptrdiff_t min_gallop = ms->min_gallop;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0; /* wins in a row */
        for (;;) {                        /* one pair at a time until a run keeps winning */
            if ((k = islt(ms, ssb.keys[0], ssa.keys[0])) < 0)
                goto fail;
            if (k) {
                slice_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 0)
                    goto succeed;
                if (bcount >= min_gallop)
                    break;
            } else {
                slice_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 1)
                    goto copy_b;
                if (acount >= min_gallop)
                    break;
            }
        }
        ++min_gallop;
        do { /* galloping, until neither run wins MIN_GALLOP in a row */
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            ptrdiff_t g = gallop_right(ms, ssb.keys[0], ssa.keys, na, 0);
            if (g < 0)
                goto fail;
            acount = g;
            if (g) {
                slice_move(&dest, 0, &ssa, 0, g);
                slice_advance(&dest, g);
                slice_advance(&ssa, g);
                na -= g;
                if (na == 1)
                    goto copy_b;
                if (na == 0) /* only with an inconsistent `<` */
                    goto succeed;
            }
            slice_copy_incr(&dest, &ssb);
            if (--nb == 0)
                goto succeed;
            g = gallop_left(ms, ssa.keys[0], ssb.keys, nb, 0);
            if (g < 0)
                goto fail;
            bcount = g;
            if (g) {
                slice_move(&dest, 0, &ssb, 0, g);
                slice_advance(&dest, g);
                slice_advance(&ssb, g);
                nb -= g;
                if (nb == 0)
                    goto succeed;
            }
            slice_copy_incr(&dest, &ssa);
            if (--na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop; /* a penalty for leaving galloping mode */
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na)
        slice_move(&dest, 0, &ssa, 0, na);
    return result;
copy_b:
    /* a's last item belongs at the end, after the rest of b. */
    slice_move(&dest, 0, &ssb, 0, nb);
    slice_copy(&dest, nb, &ssa, 0);
    return 0;
}

/* As merge_lo for na >= nb, from the right: b moves to the temporary array. */
static int merge_hi(merge_state *ms, sortslice ssa, ptrdiff_t na, sortslice ssb, ptrdiff_t nb)
{
    int k, result = -1;
    if (merge_getmem(ms, nb) < 0)
        return -1;
    sortslice dest = ssb;
    slice_advance(&dest, nb - 1);
    slice_move(&ms->a, 0, &ssb, 0, nb);
    sortslice basea = ssa, baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values)
        ssb.values = ms->a.values + nb - 1;
    slice_advance(&ssa, na - 1);
    slice_copy_decr(&dest, &ssa);
    --na;
    if (na == 0)
        goto succeed;
    if (nb == 1)
        goto copy_a;
    ptrdiff_t min_gallop = ms->min_gallop;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
            if ((k = islt(ms, ssb.keys[0], ssa.keys[0])) < 0)
                goto fail;
            if (k) {
                slice_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 0)
                    goto succeed;
                if (acount >= min_gallop)
                    break;
            } else {
                slice_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 1)
                    goto copy_a;
                if (bcount >= min_gallop)
                    break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            ptrdiff_t g = gallop_right(ms, ssb.keys[0], basea.keys, na, na - 1);
            if (g < 0)
                goto fail;
            g = na - g;
            acount = g;
            if (g) {
                slice_advance(&dest, -g);
                slice_advance(&ssa, -g);
                slice_move(&dest, 1, &ssa, 1, g);
                na -= g;
                if (na == 0)
                    goto succeed;
            }
            slice_copy_decr(&dest, &ssb);
            if (--nb == 1)
                goto copy_a;
            g = gallop_left(ms, ssa.keys[0], baseb.keys, nb, nb - 1);
            if (g < 0)
                goto fail;
            g = nb - g;
            bcount = g;
            if (g) {
                slice_advance(&dest, -g);
                slice_advance(&ssb, -g);
                slice_move(&dest, 1, &ssb, 1, g);
                nb -= g;
                if (nb == 1)
                    goto copy_a;
                if (nb == 0) /* only with an inconsistent `<` */
                    goto succeed;
            }
            slice_copy_decr(&dest, &ssa);
            if (--na == 0)
                goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb)
        slice_move(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copy_a:
    /* b's first item belongs at the front, before the rest of a. */
    slice_move(&dest, 1 - na, &ssa, 1 - na, na);
    slice_advance(&dest, -na);
    slice_advance(&ssa, -na);
    slice_copy(&dest, 0, &ssb, 0);
    return 0;
}

/* Merge the runs at stack indexes i and i + 1 (i is the second or third from the top). */
static int merge_at(merge_state *ms, int i)
{
    sortslice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
    ptrdiff_t na = ms->pending[i].len, nb = ms->pending[i + 1].len;
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3)
        ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;
    /* a's items before where b[0] goes are already in place, and so are b's after a's last. */
    ptrdiff_t k = gallop_right(ms, *ssb.keys, ssa.keys, na, 0);
    if (k < 0)
        return -1;
    slice_advance(&ssa, k);
    na -= k;
    if (na == 0)
        return 0;
    nb = gallop_left(ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0)
        return (int)nb;
    return na <= nb ? merge_lo(ms, ssa, na, ssb, nb) : merge_hi(ms, ssa, na, ssb, nb);
}

/* Powersort: the depth in a binary merge tree over [0, n) of the boundary between the run of
 * n1 items at s1 and the next of n2: where the binary expansions of their midpoints / n first
 * differ (computed on doubled midpoints, to stay in integers). */
static int powerloop(ptrdiff_t s1, ptrdiff_t n1, ptrdiff_t n2, ptrdiff_t n)
{
    int result = 0;
    ptrdiff_t a = 2 * s1 + n1, b = a + n1 + n2;
    for (;;) {
        ++result;
        if (a >= n) { /* both bits 1 */
            a -= n;
            b -= n;
        } else if (b >= n) { /* they differ */
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* A run of n2 items follows the top of the stack: merge the runs deeper in the tree first. */
static int found_new_run(merge_state *ms, ptrdiff_t n2)
{
    if (ms->n == 0)
        return 0;
    run *p = ms->pending;
    ptrdiff_t s1 = p[ms->n - 1].base.keys - ms->basekeys;
    int power = powerloop(s1, p[ms->n - 1].len, n2, ms->listlen);
    while (ms->n > 1 && p[ms->n - 2].power > power)
        if (merge_at(ms, ms->n - 2) < 0)
            return -1;
    p[ms->n - 1].power = power;
    return 0;
}

static int merge_force_collapse(merge_state *ms)
{
    run *p = ms->pending;
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len)
            --n;
        if (merge_at(ms, n) < 0)
            return -1;
    }
    return 0;
}

/* Runs shorter than this are extended by binary insertion: n itself below 64, else a length
 * in [32, 64] that splits n into a power of two of runs, or just under one. */
static ptrdiff_t compute_minrun(ptrdiff_t n)
{
    ptrdiff_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* ---------------------------------------------------------------- list.sort */

static int timsort(merge_state *ms, sortslice lo, ptrdiff_t n)
{
    ptrdiff_t minrun = compute_minrun(n), remaining = n;
    do {
        bool descending;
        ptrdiff_t len = count_run(ms, lo.keys, lo.keys + remaining, &descending);
        if (len < 0)
            return -1;
        if (descending)
            slice_reverse(&lo, len);
        if (len < minrun) {
            ptrdiff_t force = remaining <= minrun ? remaining : minrun;
            if (binarysort(ms, lo, lo.keys + force, lo.keys + len) < 0)
                return -1;
            len = force;
        }
        if (found_new_run(ms, len) < 0)
            return -1;
        ms->pending[ms->n].base = lo;
        ms->pending[ms->n].len = len;
        ++ms->n;
        slice_advance(&lo, len);
        remaining -= len;
    } while (remaining);
    return merge_force_collapse(ms);
}

int hl_list_sort(hl_runtime *rt, hl_value l, hl_value keys, bool reverse)
{
    if (hl_arg_not(rt, l, HL_T_LIST, __func__))
        return -1;
    size_t n = hl_list_size(l);
    if (keys && (!hl_is_list(keys) || hl_list_size(keys) != n))
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "sort keys must be a list as long as the list");
    if (n < 2)
        return 0;
    hl_value *items = hl_list_items(l), *key_items = NULL;
    if (keys) { /* a scratch copy: the caller's list of keys is left as it is */
        key_items = n <= SIZE_MAX / 4 / sizeof(hl_value) ? hl_heap_alloc(rt, n * sizeof(hl_value), HL_BLOCK_REFS) : NULL;
        if (!key_items)
            return hl_error_nomem(rt);
        memcpy(key_items, hl_list_items(keys), n * sizeof(hl_value));
    }
    sortslice lo = keys ? (sortslice){key_items, items} : (sortslice){items, NULL};
    merge_state ms;
    merge_init(&ms, rt, (ptrdiff_t)n, keys != HL_NOVALUE, &lo);
    /* Reverse, sort stably, reverse back: equal keys keep their order, as CPython's reverse. */
    if (reverse)
        slice_reverse(&lo, (ptrdiff_t)n);
    int r = timsort(&ms, lo, (ptrdiff_t)n);
    if (reverse)
        reverse_values(items, items + n); /* on failure too, as CPython */
    merge_freemem(&ms);
    hl_heap_free(rt, key_items, n * sizeof(hl_value));
    hl_gc_items_moved(rt, hl_obj(l));
    return r;
}

hl_value hl_list_sorted(hl_runtime *rt, hl_value iterable, hl_value keys, bool reverse)
{
    hl_rt_root(rt, &keys);
    hl_value l = hl_list_of(rt, iterable);
    hl_rt_root(rt, &l);
    if (l && hl_list_sort(rt, l, keys, reverse))
        l = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return l;
}
