/* The distribution of the collector's pauses: every pause the program sees (a collection's, a
 * sweep step's, an incremental step's) is counted in a histogram of sixteen buckets per power
 * of two of nanoseconds, as HdrHistogram does, so that a median and a 99th percentile cost
 * 4 KiB and no allocation however many pauses there are. A bucket's values differ by at most
 * 1/16 of the smallest; a percentile is read as the bucket's midpoint (within 1/32). */
#include "gc_internal.h"

#define SUB_BITS 4
#define SUB (1u << SUB_BITS)

/* Values below 16 have a bucket each; from there, the power of two and the next four bits. */
static unsigned bucket_of(uint64_t ns)
{
    if (ns < SUB)
        return (unsigned)ns;
    unsigned e = 63u - (unsigned)__builtin_clzll(ns); /* >= SUB_BITS */
    unsigned sub = (unsigned)(ns >> (e - SUB_BITS)) & (SUB - 1);
    return (e - SUB_BITS + 1) * SUB + sub;
}

static uint64_t bucket_midpoint(unsigned b)
{
    if (b < SUB)
        return b;
    unsigned e = b / SUB + SUB_BITS - 1, sub = b % SUB;
    uint64_t lo = (uint64_t)(SUB + sub) << (e - SUB_BITS), width = (uint64_t)1 << (e - SUB_BITS);
    return lo + width / 2;
}

_Static_assert((63 - SUB_BITS + 1) * SUB + SUB <= HL_PAUSE_BUCKETS, "the histogram covers 64-bit values");

void hl_gc_record_pause(hl_runtime *rt, uint64_t ns)
{
    rt->pause_histogram[bucket_of(ns)]++;
    hl_gc_stats *g = &rt->gc;
    g->pauses++;
    if (ns > g->pause_max_ns)
        g->pause_max_ns = ns;
}

uint64_t hl_gc_pause_percentile(const hl_runtime *rt, double p)
{
    uint64_t n = rt->gc.pauses;
    if (n == 0)
        return 0;
    uint64_t rank = (uint64_t)(p * (double)n + 0.999999); /* the smallest pause with rank of them at or below it */
    if (rank == 0)
        rank = 1;
    uint64_t seen = 0;
    for (unsigned b = 0; b < HL_PAUSE_BUCKETS; b++) {
        seen += rt->pause_histogram[b];
        if (seen >= rank) {
            uint64_t mid = bucket_midpoint(b);
            return mid < rt->gc.pause_max_ns ? mid : rt->gc.pause_max_ns;
        }
    }
    return rt->gc.pause_max_ns;
}
