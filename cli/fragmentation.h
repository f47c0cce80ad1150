/* cli/fragmentation.h: `--fragmentation` and `--heap-map` for `heaplab run` and `compare`. */
#ifndef HEAPLAB_CLI_FRAGMENTATION_H
#define HEAPLAB_CLI_FRAGMENTATION_H

#include <stdio.h>

#include "heaplab/fragmentation.h"
#include "heaplab/runtime.h"

/* Take rt's figures after a full collection; with map_path, write its heap map there (one
 * line per held page: address in hex, live bytes). 0, or 1 after printing why it failed. */
int cli_fragmentation_take(hl_runtime *rt, const char *script, const char *map_path, hl_fragmentation *out);

/* The table, one row per backend, and what its columns mean. */
void cli_fragmentation_table(FILE *out, const hl_fragmentation *rows, size_t n);

/* One backend's figures as a JSON object. */
void cli_fragmentation_json(FILE *out, const hl_fragmentation *f);

#endif
