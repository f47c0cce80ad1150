/* Internal: numbers compared exactly across int, bool and float, for == (object.c) and for
 * ordering (compare.c); inline for two small ints, out of line (int_limbs.c) otherwise. */
#ifndef HEAPLAB_RUNTIME_NUMBER_H
#define HEAPLAB_RUNTIME_NUMBER_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/value.h"

static inline bool hl_is_number(hl_value v) { return hl_is_int(v) || hl_is_bool(v) || hl_is_float(v); }

/* Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN. */
static inline int hl_cmp_int_double(int64_t i, double d)
{
    if (isnan(d))
        return 2;
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    double t = trunc(d);
    int64_t it = (int64_t)t;
    if (i != it)
        return i < it ? -1 : 1;
    double frac = d - t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

/* Exact comparisons of ints (or bools) of any size, with an int or with a double: -1, 0, 1,
 * or 2 when d is NaN (int_limbs.c). */
int hl_int_cmp(hl_value a, hl_value b);
int hl_int_cmp_double(hl_value a, double d);

/* Compare two numbers: -1, 0, 1, or 2 when unordered (NaN). */
static inline int hl_cmp_numbers(hl_value a, hl_value b)
{
    bool fa = hl_is_float(a), fb = hl_is_float(b);
    if (!fa && !fb) {
        if (!hl_is_ptr(a) && !hl_is_ptr(b)) {
            int64_t x = hl_int_get(a), y = hl_int_get(b);
            return x < y ? -1 : x > y;
        }
        return hl_int_cmp(a, b);
    }
    if (fa && fb) {
        double x = hl_float_get(a), y = hl_float_get(b);
        if (isnan(x) || isnan(y))
            return 2;
        return x < y ? -1 : x > y;
    }
    if (fa) {
        int c = hl_int_cmp_double(b, hl_float_get(a));
        return c == 2 ? 2 : -c;
    }
    return hl_int_cmp_double(a, hl_float_get(b));
}

#endif
