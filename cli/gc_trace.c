/* `heaplab run --gc-trace DIR`: the incremental collector's step hook draws the heap. */
#include <stdio.h>

#include "gc_trace.h"
#include "heaplab/error.h"
#include "heaplab/gc.h"
#include "heaplab/lang.h"

/* Inside the collector's step, where nothing can collect: the picture's memory is bookkeeping,
 * and a picture that finds none is skipped (the script goes on: MemoryError stays its own). */
static void draw_step(hl_runtime *rt, hl_gc_phase step, void *data)
{
    cli_gc_trace *t = data;
    t->steps++;
    if (t->failed)
        return;
    char label[64];
    snprintf(label, sizeof label, "step %u: %s", t->steps, hl_gc_phase_name(step));
    if (hl_lang_snapshot_to(rt, label, cli_snapshot_write, &t->pictures) != 0) {
        t->failed = true;
        hl_error_clear(rt);
        fprintf(stderr, "heaplab: --gc-trace: no memory for a picture; no more are drawn\n");
    }
}

int cli_gc_trace_start(cli_gc_trace *t, hl_runtime *rt, const char *dir)
{
    t->steps = 0;
    t->failed = false;
    int status = cli_snapshots_start(&t->pictures, dir);
    if (status)
        return status;
    t->pictures.gc_view = true;
    hl_gc_set_step_hook(rt, draw_step, t);
    return 0;
}
