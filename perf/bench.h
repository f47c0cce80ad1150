/* perf/bench.h: a small C API over Google Benchmark (the shim is perf/shim.cc).
 *
 * A benchmark is a C function registered under a name with one argument pointer:
 *
 *     static void bench_thing(hlb_state *s, const void *arg)
 *     {
 *         ... build what the loop needs (untimed) ...
 *         while (hlb_loop(s))
 *             ... one iteration: the timed work ...
 *         hlb_set_items(s, items_per_iteration);
 *         ... tear down (untimed) ...
 *     }
 *     hlb_register("thing/system/1000", bench_thing, &args);
 *
 * Everything before the first hlb_loop and after the last is untimed, so heaps are built
 * there. Google Benchmark's PauseTiming/ResumeTiming cost ~200 ns each and are not offered:
 * an iteration that needs fresh input should make it cheaply or do a batch of work.
 * Times are wall-clock (UseRealTime): the collectors may use helper threads. */
#ifndef HEAPLAB_PERF_BENCH_H
#define HEAPLAB_PERF_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hlb_state hlb_state;
typedef void (*hlb_fn)(hlb_state *s, const void *arg);

/* Register fn under name (copied); arg is handed to every run and must outlive them. */
void hlb_register(const char *name, hlb_fn fn, const void *arg);

/* True while the loop must go on: one more iteration. */
bool hlb_loop(hlb_state *s);
/* Iterations run so far (after the loop: all of them). */
uint64_t hlb_iterations(const hlb_state *s);

/* Work done per iteration: sets items_per_second (bytes_per_second) and the counter "items"
 * (items per iteration), from which the report derives the time per item. */
void hlb_set_items(hlb_state *s, double per_iteration);
void hlb_set_bytes(hlb_state *s, double per_iteration);
/* A counter reported as it is given. */
void hlb_counter(hlb_state *s, const char *name, double value);
/* A counter given as a total over the whole loop, reported per iteration. */
void hlb_counter_per_iteration(hlb_state *s, const char *name, double total);
/* Stop this benchmark with an error: hlb_loop returns false from then on. */
void hlb_skip(hlb_state *s, const char *message);

/* Keep the compiler from discarding a value or the stores behind a pointer. */
static inline void hlb_keep(const void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

/* Parse Google Benchmark's flags (--benchmark_filter, --benchmark_min_time, ...), run the
 * registered benchmarks and return the exit status: 1 for an unknown flag. */
int hlb_run(int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
