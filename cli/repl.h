/* cli/repl.h: the interactive prompt. */
#ifndef HEAPLAB_CLI_REPL_H
#define HEAPLAB_CLI_REPL_H

#include "heaplab/runtime.h"

/* Read inputs from standard input until its end, with ">>> " and "... " prompts on
 * standard output, echoing expression values; an error is printed and the session goes on.
 * Returns the exit status. */
int cli_repl(hl_runtime *rt);

#endif
