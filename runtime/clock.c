/* Monotonic nanoseconds, for the collector's timings (rt.h). Calls nothing of heaplab's. */
#include <time.h>

#include "rt.h"

uint64_t hl_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
