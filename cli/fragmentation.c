/* The fragmentation figures' table, JSON and heap map files (heaplab/fragmentation.h). */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "fragmentation.h"
#include "heaplab/error.h"

static void write_page(void *data, uintptr_t page, size_t live_bytes)
{
    fprintf(data, "%" PRIxPTR " %zu\n", page, live_bytes);
}

int cli_fragmentation_take(hl_runtime *rt, const char *script, const char *map_path, hl_fragmentation *out)
{
    FILE *map = NULL;
    if (map_path && !(map = fopen(map_path, "w"))) {
        fprintf(stderr, "heaplab: cannot write the heap map %s: %s\n", map_path, strerror(errno));
        return 1;
    }
    if (map)
        fprintf(map, "# heaplab heap map: backend %s, script %s; page %d bytes\n# page_address_hex live_bytes\n",
                hl_runtime_backend_name(rt), script, HL_FRAG_PAGE);
    int status = 0;
    if (hl_fragmentation_measure(rt, out, map ? write_page : NULL, map)) {
        fprintf(stderr, "heaplab: no fragmentation figures on the %s backend: %s\n", hl_runtime_backend_name(rt),
                hl_error_string(rt));
        hl_error_clear(rt);
        status = 1;
    } else if (map) {
        fprintf(map, "# held %zu live %zu largest_free %zu pages_held %zu pages_live %zu\n", out->held, out->live,
                out->largest_free, out->pages_held, out->pages_live);
    }
    if (map && fclose(map)) {
        fprintf(stderr, "heaplab: cannot write the heap map %s: %s\n", map_path, strerror(errno));
        status = 1;
    }
    return status;
}

/* "12.34 MiB", "56.7 KiB" or "89 B". */
static const char *bytes(char *buf, size_t n, size_t v)
{
    if (v >= 1048576)
        snprintf(buf, n, "%.2f MiB", (double)v / 1048576.0);
    else if (v >= 1024)
        snprintf(buf, n, "%.1f KiB", (double)v / 1024.0);
    else
        snprintf(buf, n, "%zu B", v);
    return buf;
}

void cli_fragmentation_table(FILE *out, const hl_fragmentation *rows, size_t n)
{
    fprintf(out, "\nfragmentation after a full collection (pages of %d bytes)\n\n", HL_FRAG_PAGE);
    fprintf(out, "%-10s %11s %11s %11s %9s %13s %10s %10s %7s %11s %-8s %-8s\n", "backend", "held", "live",
            "objects", "held/live",
            "largest free", "pages live", "pages held", "live %", "own active", "spans", "blocks");
    for (size_t i = 0; i < n; i++) {
        const hl_fragmentation *f = &rows[i];
        char held[32], live[32], objects[32], largest[32], active[32];
        fprintf(out, "%-10s %11s %11s %11s %8.2fx %13s %10zu %10zu %6.1f%% %11s %-8s %-8s\n", f->backend,
                bytes(held, sizeof held, f->held), bytes(live, sizeof live, f->live),
                bytes(objects, sizeof objects, f->objects_live),
                f->live ? (double)f->held / (double)f->live : 0.0, bytes(largest, sizeof largest, f->largest_free),
                f->pages_live, f->pages_held, f->pages_held ? 100.0 * (double)f->pages_live / (double)f->pages_held : 0.0,
                f->backend_active ? bytes(active, sizeof active, f->backend_active) : "-",
                f->spans_from_backend ? "backend" : "derived", f->blocks_from_backend ? "backend" : "heaplab");
    }
    fputs("\nheld: the spans of memory the backend holds for its blocks (spans: backend = it said which,\n"
          "derived = the live blocks' pages), and the pages of any live block outside them; live: bytes\n"
          "requested by the live blocks (objects, buffers, the runtime's tables; boehm: the blocks its\n"
          "collection kept, in the whole process); objects: of those, the objects and their buffers;\n"
          "largest free: the longest stretch of held memory no live block overlaps; pages live: held\n"
          "pages with a byte of a live block in them; own active: the allocator's own count of bytes in\n"
          "pages it uses; blocks: backend = it listed its blocks in use, heaplab = heaplab's record of\n"
          "every live block.\n",
          out);
}

void cli_fragmentation_json(FILE *out, const hl_fragmentation *f)
{
    fprintf(out,
            "{\"held_bytes\": %zu, \"live_bytes\": %zu, \"object_bytes\": %zu, \"in_block_bytes\": %zu, \"blocks\": %zu, "
            "\"largest_free_bytes\": %zu, \"pages_held\": %zu, \"pages_live\": %zu, \"backend_active_bytes\": %zu, "
            "\"spans_from\": \"%s\", \"blocks_from\": \"%s\"}",
            f->held, f->live, f->objects_live, f->in_blocks, f->blocks, f->largest_free, f->pages_held, f->pages_live,
            f->backend_active, f->spans_from_backend ? "backend" : "derived",
            f->blocks_from_backend ? "backend" : "heaplab");
}
