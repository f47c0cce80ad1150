/* lang/ops.h: the interpreter's out-of-line operations (ops.c). All return HL_NOVALUE or
 * -1 with an exception pending on failure. */
#ifndef HEAPLAB_LANG_OPS_H
#define HEAPLAB_LANG_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "../rt.h"

/* c[lo:hi:step] with p = {lo, hi, step}, None for a part left out. */
hl_value hl_op_get_slice(hl_runtime *rt, hl_value c, const hl_value *p);
/* c[lo:hi:step] = v, or del c[lo:hi:step] when del is true. */
int hl_op_set_slice(hl_runtime *rt, hl_value c, const hl_value *p, hl_value v, bool del);
/* c[k], ranges and dict views included. */
hl_value hl_op_subscript(hl_runtime *rt, hl_value c, hl_value k);
/* c[k] = v. */
int hl_op_item_assign(hl_runtime *rt, hl_value c, hl_value k, hl_value v);
/* del c[k]. */
int hl_op_item_delete(hl_runtime *rt, hl_value c, hl_value k);
/* o.name = v (v HL_NOVALUE: del o.name); only modules have writable attributes. */
int hl_op_attr_assign(hl_runtime *rt, hl_value o, hl_value name, hl_value v);
/* The REPL's echo, as sys.displayhook: unless v is None, print repr(v) and bind the built-in
 * name `_` to v (a global `_` hides it, as in CPython). */
int hl_op_print_expr(hl_runtime *rt, hl_value module, hl_value v);
/* a op b for an OP_COMPARE argument (hl_cmp or HL_CMP_X_*): 1, 0, -1. */
int hl_op_compare(hl_runtime *rt, hl_value a, hl_value b, unsigned op);
/* Around a starred target: after items, the middle list, before items, into dst. */
int hl_op_unpack_ex(hl_runtime *rt, hl_value seq, size_t before, size_t after, hl_value *dst);
/* The n items of seq into dst, last first (dst[n-1] is the first item). */
int hl_op_unpack(hl_runtime *rt, hl_value seq, size_t n, hl_value *dst);
/* The concatenation of n strs. */
hl_value hl_op_build_string(hl_runtime *rt, const hl_value *parts, size_t n);

#endif
