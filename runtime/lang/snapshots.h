/* lang/snapshots.h: heap pictures of a running program (heaplab.snapshot and the statement
 * hook of hl_lang_set_snapshot_each_line). */
#ifndef HEAPLAB_LANG_SNAPSHOTS_H
#define HEAPLAB_LANG_SNAPSHOTS_H

#include "../rt.h"

/* Hand the program's variables to the snapshot handler, labelled label (NULL: "line N" of
 * the innermost frame's current line). Does nothing without a handler. 0, or -1 with the
 * handler's exception or MemoryError pending. */
int hl_lang_take_snapshot(hl_runtime *rt, const char *label);

#endif
