/* lang/lexer_internal.h: what the lexer's files (lexer.c, lex_*.c) share: reading the source
 * a byte at a time, character classes, the error helpers, and the functions one of them calls
 * in another, grouped by the file that defines them. Not for use outside the lexer: its
 * interface is lexer.h. */
#ifndef HEAPLAB_LANG_LEXER_INTERNAL_H
#define HEAPLAB_LANG_LEXER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lexer.h"

#define END_OF_INPUT (-1)
#define TABSIZE 8

/* CPython's syntaxerror(tok, ...): at the current line, offset cur - line_start. */
#define SYNTAX_ERROR(lex, ...)                                                                   \
    hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, (lex)->line, (int)((lex)->cur - (lex)->line_start), \
                    (lex)->line, (int)((lex)->cur - (lex)->line_start), __VA_ARGS__)

/* ---- lexer.c ---- */
hl_token hl_lex_error_at(hl_lexer *lex, hl_lang_error_kind kind, int line, int col,
                         int end_line, int end_col, const char *fmt, ...);

/* ---- lex_source.c ---- */
size_t hl_lex_utf8_encode(unsigned cp, char *out);
bool hl_lex_verify_identifier(hl_lexer *lex, hl_token *err);

/* ---- lex_indent.c ---- */
hl_token hl_lex_layout(hl_lexer *lex, hl_tok kind);
bool hl_lex_continuation_line(hl_lexer *lex, hl_token *err);
bool hl_lex_indentation(hl_lexer *lex, hl_token *err);

/* ---- lex_number.c ---- */
bool hl_lex_number(hl_lexer *lex, int c, bool fraction, hl_token *err);

/* ---- lex_string.c ---- */
bool hl_lex_string(hl_lexer *lex, int quote, hl_token *err);

/* ---- small helpers, inline ---- */
/* The next byte, or END_OF_INPUT. The line counter moves when the first byte of a line is
 * read, as CPython's does, so an error found at a '\n' reports the line it ends. */
static inline int nextc(hl_lexer *lex) {
    if (lex->cur == lex->line_end) {
        if (lex->cur == lex->end) return END_OF_INPUT;
        lex->line++;
        lex->line_start = lex->cur;
        lex->line_end = (const char *)memchr(lex->cur, '\n', (size_t)(lex->end - lex->cur)) + 1;
    }
    return (unsigned char)*lex->cur++;
}

static inline void backup(hl_lexer *lex, int c) {
    if (c != END_OF_INPUT) lex->cur--;
}

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }

static inline bool is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline bool is_ident_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static inline bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }

#endif
