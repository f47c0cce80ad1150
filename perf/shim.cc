// perf/shim.cc: the C API of perf/bench.h over Google Benchmark 1.7.1.
#include <benchmark/benchmark.h>

#include "bench.h"

struct hlb_state {
    benchmark::State &state;
};

void hlb_register(const char *name, hlb_fn fn, const void *arg)
{
    benchmark::RegisterBenchmark(name, [fn, arg](benchmark::State &state) {
        hlb_state s{state};
        fn(&s, arg);
    })->UseRealTime();
}

bool hlb_loop(hlb_state *s) { return s->state.KeepRunning(); }

uint64_t hlb_iterations(const hlb_state *s) { return static_cast<uint64_t>(s->state.iterations()); }

void hlb_set_items(hlb_state *s, double per_iteration)
{
    s->state.SetItemsProcessed(static_cast<int64_t>(per_iteration * static_cast<double>(s->state.iterations())));
    s->state.counters["items"] = per_iteration;
}

void hlb_set_bytes(hlb_state *s, double per_iteration)
{
    s->state.SetBytesProcessed(static_cast<int64_t>(per_iteration * static_cast<double>(s->state.iterations())));
}

void hlb_counter(hlb_state *s, const char *name, double value) { s->state.counters[name] = value; }

void hlb_counter_per_iteration(hlb_state *s, const char *name, double total)
{
    s->state.counters[name] = benchmark::Counter(total, benchmark::Counter::kAvgIterations);
}

void hlb_skip(hlb_state *s, const char *message) { s->state.SkipWithError(message); }

int hlb_run(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
