/* list.sort: a stable merge sort of (key, item) pairs in a scratch buffer, written back only
 * when every comparison succeeded, so a TypeError leaves the list as it was. Comparisons
 * never allocate, so no collection runs while items live only in the scratch buffer. */
#include <string.h>

#include "heaplab/list.h"
#include "heaplab/object.h"
#include "rt.h"

typedef struct pair {
    hl_value key, item;
} pair;

typedef struct sorter {
    hl_runtime *rt;
    bool reverse;
    bool failed;
} sorter;

/* b sorts strictly before a? With reverse, a stable descending order keeps equal keys in
 * their original order, as CPython's reverse=True does. */
static bool before(sorter *s, const pair *b, const pair *a)
{
    if (s->failed)
        return false;
    int r = s->reverse ? hl_compare(s->rt, a->key, b->key, HL_CMP_LT) : hl_compare(s->rt, b->key, a->key, HL_CMP_LT);
    if (r < 0)
        s->failed = true;
    return r == 1;
}

static void insertion_sort(sorter *s, pair *a, size_t n)
{
    for (size_t i = 1; i < n && !s->failed; i++) {
        pair x = a[i];
        size_t j = i;
        while (j > 0 && before(s, &x, &a[j - 1])) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

/* Sort a[0..n) using tmp[0..n) as scratch. */
static void merge_sort(sorter *s, pair *a, pair *tmp, size_t n)
{
    if (n <= 16) {
        insertion_sort(s, a, n);
        return;
    }
    size_t mid = n / 2;
    merge_sort(s, a, tmp, mid);
    merge_sort(s, a + mid, tmp, n - mid);
    if (s->failed || !before(s, &a[mid], &a[mid - 1]))
        return; /* already in order: sorted input costs one comparison per run */
    memcpy(tmp, a, mid * sizeof *a);
    size_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        a[k++] = before(s, &a[j], &tmp[i]) ? a[j++] : tmp[i++];
    while (i < mid)
        a[k++] = tmp[i++];
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
    size_t bytes = 2 * n * sizeof(pair);
    pair *buf = n <= SIZE_MAX / (4 * sizeof(pair)) ? hl_heap_alloc(rt, bytes, HL_BLOCK_REFS) : NULL;
    if (!buf)
        return hl_error_nomem(rt);
    const hl_value *items = hl_list_items(l);
    const hl_value *key_items = keys ? hl_list_items(keys) : items;
    for (size_t i = 0; i < n; i++)
        buf[i] = (pair){key_items[i], items[i]};
    sorter s = {rt, reverse, false};
    merge_sort(&s, buf, buf + n, n);
    if (!s.failed) {
        hl_value *dst = hl_list_items(l);
        for (size_t i = 0; i < n; i++)
            dst[i] = buf[i].item;
    }
    hl_heap_free(rt, buf, bytes);
    return s.failed ? -1 : 0;
}
