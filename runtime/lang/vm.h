/* lang/vm.h: the front end's per-runtime state and the interpreter's entry points.
 *
 * Python calls never recurse in C: every frame's locals and evaluation stack live on one
 * value stack (a ROOT block, so Boehm scans it), and the frame records beside it hold only
 * offsets and raw pointers to objects the stack keeps alive. The collector sees the live
 * part of the value stack and the state's own values through a root source; the VM stores
 * its stack pointer back before anything that can allocate. */
#ifndef HEAPLAB_LANG_VM_H
#define HEAPLAB_LANG_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../rt.h"
#include "code.h"
#include "heaplab/lang.h"

typedef struct hl_frame {
    hl_code *code;
    hl_module *module;
    const uint32_t *pc;   /* the next instruction */
    size_t base;          /* stack index of slot 0; the function sits at base - 1 */
    bool entry;           /* returning from it returns to the C caller of hl_vm_call */
} hl_frame;

/* Where the pending error was raised, for the location line. */
typedef struct hl_error_location {
    bool set;
    int line, col; /* 1-based line, 1-based column */
    char file[256];
    char function[128];
} hl_error_location;

#define HL_DEFAULT_RECURSION_LIMIT 1000

typedef struct hl_lang {
    hl_runtime *rt;
    hl_value *stack;      /* ROOT block of stack_cap values */
    size_t stack_cap;
    size_t sp;            /* stack[0..sp) is live */
    void **retired;       /* old stacks still read by C callers in a nested run */
    size_t *retired_caps;
    size_t nretired;
    hl_frame *frames;     /* INTERNAL block */
    size_t nframes, frames_cap;
    unsigned recursion_limit;
    unsigned native_depth; /* hl_vm_call from C code running inside the VM */

    hl_value main_module;  /* "__main__" */
    hl_value modules;      /* dict: name -> imported module */
    hl_value builtins;     /* dict: name -> built-in function or type */
    hl_value methods[HL_T__COUNT]; /* dicts: name -> built-in method, by receiver type */
    hl_value argv;         /* list of str: sys.argv */
    hl_value filename;     /* str: the running file's name */

    hl_lang_snapshot_fn snapshot_fn; /* hl_lang_set_snapshots */
    void *snapshot_ctx;
    bool snapshot_each_line;         /* the compiler adds OP_SNAPSHOT after statements */

    hl_error_location where;
    const char *error_name; /* printed instead of the exception's name (TabError), or NULL */
    char *source;           /* the last script run, for the source line of an error */
    size_t source_size;
    char source_file[256];
} hl_lang;

/* The state of rt's front end, made on first use (NULL with MemoryError). */
hl_lang *hl_lang_get(hl_runtime *rt);

/* Call any callable with n arguments (the last len(kwnames) of them keywords; kwnames a
 * tuple of str or HL_NOVALUE). Python functions run on the VM's stack. args must stay alive
 * (rooted) for the call. Returns the result, or HL_NOVALUE with an exception pending. */
hl_value hl_vm_call(hl_runtime *rt, hl_value callable, const hl_value *args, size_t n, hl_value kwnames);

/* Run module-level code in module; its result (None) or HL_NOVALUE. */
hl_value hl_vm_run_module(hl_runtime *rt, hl_value code, hl_value module);

/* Record the position of the innermost frame for the pending error, unless already set. */
void hl_vm_note_error(hl_lang *L, const hl_frame *f, const uint32_t *pc);

#endif
