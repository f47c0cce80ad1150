/* lang/vm_internal.h: what the VM's files (vm.c, vm_call.c, vm_error.c) share: the loop, the
 * out-of-line helpers its handlers call, and the step counter, inline because the loop counts
 * a step on every backward jump. Not for use outside the VM: its entry points are in vm.h. */
#ifndef HEAPLAB_LANG_VM_INTERNAL_H
#define HEAPLAB_LANG_VM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* ---- vm.c ---- */
hl_value hl_vm_run(hl_lang *L);

/* ---- vm_call.c ---- */
int hl_vm_enter_function(hl_lang *L, size_t fidx, size_t nargs, hl_value kwnames, bool entry);
hl_value hl_vm_call_native(hl_lang *L, hl_value callee, const hl_value *args, size_t n, hl_value kwnames);
hl_value hl_vm_make_function(hl_lang *L, hl_value *top, unsigned flags, hl_module *module);
int hl_vm_spread_call(hl_lang *L, size_t fidx, bool has_kw, size_t *n, hl_value *kwnames);

/* ---- vm_error.c ---- */
int hl_vm_name_error(hl_runtime *rt, hl_module *m, uint32_t slot);
int hl_vm_unbound_local(hl_runtime *rt, hl_code *c, uint32_t slot);

#endif
