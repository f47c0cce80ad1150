/* Internal: lists for runtime code that fills a new list's items itself. */
#ifndef HEAPLAB_RUNTIME_LIST_INTERNAL_H
#define HEAPLAB_RUNTIME_LIST_INTERNAL_H

#include <stddef.h>

#include "heaplab/runtime.h"
#include "heaplab/value.h"

/* hl_list_new, but its buffer is scanned on a collecting backend from the start (hl_list_new
 * makes it pointer-free there until a reference is stored through list.c or the barrier):
 * for code that stores references straight into the items, with hl_gc_write_item after. */
hl_value hl_list_new_scanned(hl_runtime *rt, size_t capacity);

#endif
