/* heaplab/lang.h: running heaplab's Python subset on a runtime.
 *
 * A runtime has one `__main__` module; scripts and REPL inputs run in it, so a later input
 * sees the names an earlier one bound. Output goes to stdout. A failure leaves the
 * exception pending in the runtime (hl_error_type, hl_error_message: SyntaxError,
 * TypeError, ... with CPython's message; NotImplementedError for a construct heaplab does
 * not run) and its position readable with hl_lang_error_location. */
#ifndef HEAPLAB_LANG_H
#define HEAPLAB_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime.h"
#include "snapshot.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum hl_lang_status {
    HL_LANG_STATUS_OK = 0,
    HL_LANG_STATUS_ERROR = 1,     /* the exception is pending in the runtime */
    HL_LANG_STATUS_INCOMPLETE = 2 /* hl_lang_repl_eval: the input needs more lines */
} hl_lang_status;

/* Compile and run len bytes of source. filename names it in errors. */
hl_lang_status hl_lang_run_string(hl_runtime *rt, const char *src, size_t len, const char *filename);
/* Read the file ("-": standard input) and run it; an unreadable file is an OSError-like
 * failure reported as the pending exception's message. */
hl_lang_status hl_lang_run_file(hl_runtime *rt, const char *path);

/* One REPL input (one or more lines): expression statements print the repr of their value
 * unless it is None. INCOMPLETE when the input opens a block, a bracket or a triple-quoted
 * string that later lines must finish (a block ends with an empty line). */
hl_lang_status hl_lang_repl_eval(hl_runtime *rt, const char *src, size_t len);

/* Where the pending error was raised: 1-based line and column, the file, and the function
 * ("<module>" at top level; NULL for a syntax error). False when no position is known. */
typedef struct hl_lang_location {
    const char *file;
    int line, col;
    const char *function;
} hl_lang_location;
bool hl_lang_error_location(hl_runtime *rt, hl_lang_location *out);

/* Print the pending error as the heaplab command does, after flushing stdout: a location
 * line (and the source line with a caret, when known), then CPython's last line, such as
 * "NameError: name 'y' is not defined". Clears the error. out NULL means stderr. */
void hl_lang_print_error(hl_runtime *rt, FILE *out);

/* sys.argv, and the recursion limit (sys.setrecursionlimit; default 1000). */
int hl_lang_set_argv(hl_runtime *rt, int argc, char **argv);
int hl_lang_set_recursion_limit(hl_runtime *rt, unsigned limit);

/* At most this many steps (loop iterations, Python calls, and items a range hands to a
 * built-in, as in sum(range(n))) per hl_lang_run_string, hl_lang_run_file or
 * hl_lang_repl_eval; past it the run stops with RuntimeError "step limit exceeded". 0 (the
 * default) means no limit. For running untrusted input: fuzzing, sandboxes. */
int hl_lang_set_step_limit(hl_runtime *rt, uint64_t steps);

/* Heap pictures of a running script. `heaplab.snapshot(label)` in the script, and with
 * each_line a snapshot after every simple statement too (assignments, expression statements,
 * del, import; set before the script is compiled), hand the script's variables to fn as
 * snapshot roots: the global frame ("Global frame": __main__'s variables), then one frame per
 * active call, innermost last, each starting with a root of name NULL. Unset variables, dunder
 * names and values that are code (modules, functions, built-ins, types) are left out.
 * Without a handler (fn NULL, the default), heaplab.snapshot() does nothing. fn returns 0, or
 * -1 with an exception pending, which the script then raises. */
typedef struct hl_lang_snapshot_request {
    const char *label; /* heaplab.snapshot's argument ("" without one); "after line N" */
    const char *file;  /* the script, and the line that asked */
    int line;
    const hl_snapshot_root *roots;
    size_t nroots;
} hl_lang_snapshot_request;
typedef int (*hl_lang_snapshot_fn)(hl_runtime *rt, const hl_lang_snapshot_request *req, void *ctx);
int hl_lang_set_snapshots(hl_runtime *rt, hl_lang_snapshot_fn fn, void *ctx, bool each_line);
/* A snapshot of the script's variables now, handed to fn (not the handler set above): for a
 * picture at a moment the script does not choose, such as a collector's step (hl_gc_set_step_hook).
 * Outside a running script, the global frame alone. Returns fn's result. */
int hl_lang_snapshot_to(hl_runtime *rt, const char *label, hl_lang_snapshot_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
