/* cli/gc_trace.h: `heaplab run --gc-trace DIR`: a heap picture after every step of the
 * incremental collector that changes what the picture shows (cli/snapshots.c draws them in
 * the collector's view: boxes white, grey or black, the phase and the grey set in the caption,
 * the garbage beside the live graph), DIR/001-step-1-mark.png and on. */
#ifndef HEAPLAB_CLI_GC_TRACE_H
#define HEAPLAB_CLI_GC_TRACE_H

#include "heaplab/runtime.h"
#include "snapshots.h"

typedef struct cli_gc_trace {
    cli_snapshots pictures;
    unsigned steps; /* collector steps seen */
    bool failed;    /* a picture ran out of memory: no more are drawn */
} cli_gc_trace;

/* Make dir and start watching rt's collector. 0, or 2 after printing why not. */
int cli_gc_trace_start(cli_gc_trace *t, hl_runtime *rt, const char *dir);

#endif
