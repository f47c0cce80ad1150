/* cli/snapshots.h: `heaplab run FILE --snapshots DIR`: each heap picture a script asks for
 * (heaplab.snapshot, or every statement with --snapshot-each-line) becomes a numbered file,
 * DIR/001-label.dot, and, when Graphviz's dot is on PATH, DIR/001-label.svg and .png; at most
 * 999 of them, so that their numbers sort. */
#ifndef HEAPLAB_CLI_SNAPSHOTS_H
#define HEAPLAB_CLI_SNAPSHOTS_H

#include <stdbool.h>
#include <stdint.h>

#include "heaplab/lang.h"

typedef struct cli_snapshots {
    const char *dir;
    unsigned count; /* pictures written */
    bool dot;       /* Graphviz's dot is on PATH */
    bool warned;    /* a failure to write or render was reported (once) */
    /* --gc-trace: pictures in the collector's view (colours, phase, garbage), and only those
     * that differ from the last one drawn (a step that changes no box draws nothing). */
    bool gc_view;
    uint64_t last_look;
} cli_snapshots;

/* Make dir (and its parents) and look for dot. 0, or 2 after printing why not. */
int cli_snapshots_start(cli_snapshots *s, const char *dir);

/* The snapshot handler (ctx: a cli_snapshots). A file that cannot be written or rendered is
 * reported on standard error, once, and the script goes on; 0, or -1 with MemoryError. */
int cli_snapshot_write(hl_runtime *rt, const hl_lang_snapshot_request *req, void *ctx);

#endif
