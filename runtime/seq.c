/* Python's index and slice arithmetic.
 *
 * Calls error.c only. */
#include "heaplab/error.h"
#include "heaplab/object.h"
#include "seq.h"

int64_t hl_seq_index(hl_runtime *rt, int64_t i, size_t len, const char *msg)
{
    if (i < 0)
        i += (int64_t)len;
    if (i < 0 || (uint64_t)i >= len)
        return hl_error_set(rt, HL_EXC_INDEX_ERROR, "%s", msg);
    return i;
}

int64_t hl_seq_slice(hl_runtime *rt, size_t len, int64_t *start, int64_t *stop, int64_t step)
{
    if (step == 0)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "slice step cannot be zero");
    int64_t n = (int64_t)len;
    int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
    int64_t s = *start, e = *stop;
    if (s == HL_SLICE_OMITTED) {
        s = step < 0 ? hi : lo;
    } else if (s < 0) {
        s += n;
        if (s < lo)
            s = lo;
    } else if (s > hi) {
        s = hi;
    }
    if (e == HL_SLICE_OMITTED) {
        e = step < 0 ? lo : hi;
    } else if (e < 0) {
        e += n;
        if (e < lo)
            e = lo;
    } else if (e > hi) {
        e = hi;
    }
    *start = s;
    *stop = e;
    if (step < 0)
        return e < s ? (s - e - 1) / (-step) + 1 : 0;
    return s < e ? (e - s - 1) / step + 1 : 0;
}
