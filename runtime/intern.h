/* Internal: the weak intern table of strings. */
#ifndef HEAPLAB_RUNTIME_INTERN_H
#define HEAPLAB_RUNTIME_INTERN_H

#include "rt.h"

/* The interned string with these bytes, or HL_NOVALUE if there is none. */
hl_value hl_intern_find(hl_runtime *rt, const char *data, size_t size, int64_t hash);
/* Drop the entries of strings the sweep is about to free: those the mark phase of t did not
 * reach (nor take as live) and that are not immortal. Called by the collector between mark
 * and sweep. */
void hl_intern_prune(hl_runtime *rt, const hl_tracer *t);
void hl_intern_table_free(hl_runtime *rt);

#endif
