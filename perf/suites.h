/* perf/suites.h: each benchmark file registers its workloads; perf/main.c calls them all. */
#ifndef HEAPLAB_PERF_SUITES_H
#define HEAPLAB_PERF_SUITES_H

void perf_register_alloc(void);      /* bench_alloc.c: small objects, raw allocator, bump */
void perf_register_bigint(void);     /* bench_bigint.c: big-int multiply, str() of 2**n */
void perf_register_containers(void); /* bench_containers.c: append, dict insert/lookup, setitem */
void perf_register_copy(void);       /* bench_copy.c: shallow copy vs memcpy, deep copy */
void perf_register_gc(void);         /* bench_gc.c: full collection over N live objects */
void perf_register_values(void);     /* bench_values.c: int arithmetic, string interning */

#endif
