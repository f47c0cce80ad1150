/* lang/parser.h: the heaplab front end's entry point, source text to syntax tree.
 *
 * hl_parse reads a whole script in heaplab's Python subset and returns its module, or the
 * error CPython 3.11 would report for it: SyntaxError, IndentationError or TabError with
 * CPython's message and position, the SyntaxErrors CPython's compiler raises before running
 * anything ("'return' outside function", "duplicate argument 'x' in function definition",
 * ...), RecursionError for a tree nested too deep to compile, MemoryError when the arena's
 * allocator fails. Valid Python that heaplab cannot run ("'class' statements are not
 * supported by heaplab") is HL_LANG_UNSUPPORTED, reported only when CPython would have
 * found no error, so a script reports the same errors under both. No input crashes it or
 * overflows the C stack. */
#ifndef HEAPLAB_LANG_PARSER_H
#define HEAPLAB_LANG_PARSER_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "lexer.h"

typedef struct hl_parse_result {
    hl_ast_node *module;          /* HL_AST_MODULE, or NULL on error */
    hl_lang_error error;          /* kind HL_LANG_OK on success */
    hl_lang_warning *warnings;    /* the tokenizer's and string parser's warnings, in source
                                     order; `python3 script.py` shows its SyntaxWarnings but
                                     not its DeprecationWarnings */
} hl_parse_result;

/* Parses len bytes of UTF-8 source. filename appears only in messages that name the file.
 * Everything returned lives in arena. The C recursion is bounded: 200 nested brackets, 100
 * nested blocks, 3000 nested lambdas; under 1 MB of stack optimized, a few MB in an
 * unoptimized sanitizer build. */
hl_parse_result hl_parse(const char *src, size_t len, const char *filename, hl_arena *arena);

#endif
