/* lang/compile.h: syntax tree to bytecode. */
#ifndef HEAPLAB_LANG_COMPILE_H
#define HEAPLAB_LANG_COMPILE_H

#include <stdbool.h>

#include "../rt.h"
#include "ast.h"
#include "lexer.h"

/* Compile a parsed module into a code object whose globals are slots of module (which the
 * caller keeps alive). interactive: expression statements print their value's repr unless
 * it is None, as the REPL does. On failure returns HL_NOVALUE and either fills err (an
 * unsupported construct, with its position) or leaves MemoryError pending (err->kind is
 * then HL_LANG_MEMORY_ERROR). */
hl_value hl_compile(hl_runtime *rt, const hl_ast_node *module, hl_value module_obj, const char *filename,
                    bool interactive, hl_arena *arena, hl_lang_error *err);

#endif
