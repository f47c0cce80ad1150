/* heaplab_bench: every heaplab benchmark, on every backend, with Google Benchmark's flags. */
#include "bench.h"
#include "suites.h"

int main(int argc, char **argv)
{
    perf_register_alloc();
    perf_register_bigint();
    perf_register_containers();
    perf_register_copy();
    perf_register_gc();
    perf_register_values();
    return hlb_run(argc, argv);
}
