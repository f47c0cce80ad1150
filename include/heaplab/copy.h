/* heaplab/copy.h: Python's copy module, shallow and deep copies, with CPython 3.11's rules.
 *
 * Assignment never copies (`b = a` binds a second name to the same object); these calls do.
 * Both return the copy, or HL_NOVALUE with TypeError for a value that cannot be copied
 * (a module, an iterator, a dict view: "cannot pickle 'module' object") or MemoryError.
 * Neither calls C recursively: nesting depth costs heap, never C stack. */
#ifndef HEAPLAB_COPY_H
#define HEAPLAB_COPY_H

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* copy.copy(v): a list, dict or set gets a new outer container holding the very same items
 * (hl_list_copy, hl_dict_copy, hl_set_copy); every other value is returned as it is: ints,
 * floats, strs, tuples, None, bools, functions, as CPython does. */
hl_value hl_copy(hl_runtime *rt, hl_value v);

/* copy.deepcopy(v): every list, dict and set reachable from v is copied once, so the copy
 * shares nothing mutable with v; shared substructure stays shared in the copy and cycles are
 * reproduced (a list that contains itself copies to a new list containing the new list).
 * Immutables are not duplicated: ints, floats and strs come back as the same objects, and so
 * does a tuple whose items all deep-copy to themselves; a tuple holding a mutable is copied.
 * Dict keys are deep-copied too. A list nested 1,000,000 deep is fine (CPython raises
 * RecursionError). */
hl_value hl_deepcopy(hl_runtime *rt, hl_value v);

#ifdef __cplusplus
}
#endif

#endif
