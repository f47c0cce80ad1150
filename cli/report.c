/* The --gc-stats summary, printed to standard error when the command exits. */
#include <inttypes.h>
#include <stdbool.h>

#include "heaplab/allocator.h"
#include "heaplab/gc.h"
#include "heaplab/heap.h"
#include "report.h"

void cli_print_gc_stats(hl_runtime *rt, FILE *out)
{
    hl_gc_stats g;
    hl_heap_stats h;
    hl_gc_get_stats(rt, &g);
    hl_heap_get_stats(rt, &h);
    const hl_config *cfg = hl_runtime_config(rt);
    bool own = (hl_backend_find(h.backend)->flags & HL_BACKEND_COLLECTS) != 0;
    fprintf(out, "heaplab gc stats (backend %s, %s ints, %s collector)\n", h.backend,
            hl_runtime_int_mode(rt) == HL_INT_BOXED ? "boxed" : "tagged",
            own ? "the backend's own" : hl_gc_mode_name(cfg->gc_mode));
    if (own)
        fprintf(out, "  (%s collects by itself: heaplab's %s mode does not apply; its collections count as major)\n",
                h.backend, hl_gc_mode_name(cfg->gc_mode));
    fprintf(out, "  collections       %" PRIu64 " (%" PRIu64 " minor, %" PRIu64 " major)\n", g.collections,
            g.minor_collections, g.major_collections);
    fprintf(out, "  pause total       %.3f ms (max %.3f ms)\n", (double)g.total_pause_ns / 1e6,
            (double)g.max_pause_ns / 1e6);
    fprintf(out, "  minor pauses      %.3f ms (max %.3f ms)\n", (double)g.minor_pause_ns / 1e6,
            (double)g.max_minor_pause_ns / 1e6);
    fprintf(out, "  major pauses      %.3f ms (max %.3f ms)\n", (double)g.major_pause_ns / 1e6,
            (double)g.max_major_pause_ns / 1e6);
    fprintf(out, "  pauses            %" PRIu64 ": p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", g.pauses,
            (double)g.pause_p50_ns / 1e6, (double)g.pause_p99_ns / 1e6, (double)g.pause_max_ns / 1e6);
    fprintf(out, "  steps             %" PRIu64 " of marking (%.3f ms, max %.3f ms), %" PRIu64 " of sweeping (%.3f ms, max %.3f ms)\n",
            g.mark_steps, (double)g.mark_step_ns / 1e6, (double)g.max_mark_step_ns / 1e6, g.sweep_steps,
            (double)g.sweep_step_ns / 1e6, (double)g.max_sweep_step_ns / 1e6);
    fprintf(out, "  promoted          %" PRIu64 " objects, %" PRIu64 " bytes; %zu old now\n", g.objects_promoted,
            g.bytes_promoted, g.old_objects);
    fprintf(out, "  pretenured        %" PRIu64 " objects, %" PRIu64 " bytes (born old)\n", g.objects_pretenured,
            g.bytes_pretenured);
    fprintf(out, "  objects           %" PRIu64 " allocated, %" PRIu64 " freed, %zu live\n", g.objects_allocated,
            g.objects_freed, g.live_objects);
    fprintf(out, "  object bytes      %" PRIu64 " allocated, %" PRIu64 " freed, %zu live\n", g.bytes_allocated,
            g.bytes_freed, g.live_bytes);
    fprintf(out, "  heap held         %zu bytes now, %zu peak\n", h.held, h.peak_held);
}
