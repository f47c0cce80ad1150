/* lang/lexer.h: Python 3.11's tokenizer rules for the heaplab front end.
 *
 * The lexer turns normalized source (see hl_lexer_init) into tokens on demand: NAME,
 * NUMBER, STRING, operators, keywords, and the layout tokens NEWLINE, INDENT and DEDENT,
 * following CPython's tokenizer closely enough that its error messages and positions come
 * out the same ("unterminated string literal (detected at line 3)", "unmatched ')'", ...).
 * It also decodes literals: numbers to values and string bodies to UTF-8 bytes. */
#ifndef HEAPLAB_LANG_LEXER_H
#define HEAPLAB_LANG_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define HL_LEX_MAX_INDENT 100 /* CPython's MAXINDENT: "too many levels of indentation" */
#define HL_LEX_MAX_LEVEL 200  /* CPython's MAXLEVEL: "too many nested parentheses" */

/* What kind of error the front end reports. The runtime raises the Python exception named
 * by hl_lang_error_type; UNSUPPORTED is heaplab's own: valid Python it does not run. */
typedef enum hl_lang_error_kind {
    HL_LANG_OK,
    HL_LANG_SYNTAX_ERROR,
    HL_LANG_INDENTATION_ERROR,
    HL_LANG_TAB_ERROR,
    HL_LANG_UNSUPPORTED,
    HL_LANG_MEMORY_ERROR,
    HL_LANG_RECURSION_ERROR
} hl_lang_error_kind;

/* An error as CPython's SyntaxError describes it: 1-based lines, 1-based offsets
 * (SyntaxError.offset), and CPython's end position where it gives one (0 or -1 as CPython
 * has them where it does not). Offsets count bytes inside the lexer and the parser, as
 * CPython's do before it converts them; hl_parse returns them in characters. */
typedef struct hl_lang_error {
    hl_lang_error_kind kind;
    const char *message; /* static or arena memory */
    int line, col, end_line, end_col;
} hl_lang_error;

/* A warning CPython's compiler prints to stderr while compiling (SyntaxWarning for
 * "invalid decimal literal" before a keyword, DeprecationWarning for invalid escapes). */
typedef struct hl_lang_warning {
    struct hl_lang_warning *next;
    const char *category; /* "SyntaxWarning", "DeprecationWarning" */
    const char *message;
    int line;
} hl_lang_warning;

const char *hl_lang_error_type(hl_lang_error_kind kind); /* "SyntaxError", ... */

typedef enum hl_tok {
    HL_TOK_ERROR, /* the lexer's error is in hl_lexer.error */
    HL_TOK_ENDMARKER,
    HL_TOK_NEWLINE,
    HL_TOK_INDENT,
    HL_TOK_DEDENT,
    HL_TOK_NAME,
    HL_TOK_NUMBER,
    HL_TOK_STRING,
    /* keywords, in hl_tok_keywords' order */
    HL_TOK_FALSE, HL_TOK_NONE, HL_TOK_TRUE, HL_TOK_AND, HL_TOK_AS, HL_TOK_ASSERT,
    HL_TOK_ASYNC, HL_TOK_AWAIT, HL_TOK_BREAK, HL_TOK_CLASS, HL_TOK_CONTINUE, HL_TOK_DEF,
    HL_TOK_DEL, HL_TOK_ELIF, HL_TOK_ELSE, HL_TOK_EXCEPT, HL_TOK_FINALLY, HL_TOK_FOR,
    HL_TOK_FROM, HL_TOK_GLOBAL, HL_TOK_IF, HL_TOK_IMPORT, HL_TOK_IN, HL_TOK_IS,
    HL_TOK_LAMBDA, HL_TOK_NONLOCAL, HL_TOK_NOT, HL_TOK_OR, HL_TOK_PASS, HL_TOK_RAISE,
    HL_TOK_RETURN, HL_TOK_TRY, HL_TOK_WHILE, HL_TOK_WITH, HL_TOK_YIELD,
    /* brackets */
    HL_TOK_LPAR, HL_TOK_RPAR, HL_TOK_LSQB, HL_TOK_RSQB, HL_TOK_LBRACE, HL_TOK_RBRACE,
    /* punctuation and operators */
    HL_TOK_COLON, HL_TOK_COMMA, HL_TOK_SEMI, HL_TOK_DOT, HL_TOK_ELLIPSIS, HL_TOK_ARROW,
    HL_TOK_COLONEQUAL, HL_TOK_EQUAL,
    HL_TOK_PLUS, HL_TOK_MINUS, HL_TOK_STAR, HL_TOK_SLASH, HL_TOK_DSLASH, HL_TOK_PERCENT,
    HL_TOK_DSTAR, HL_TOK_AT, HL_TOK_LSHIFT, HL_TOK_RSHIFT, HL_TOK_AMPER, HL_TOK_VBAR,
    HL_TOK_CIRCUMFLEX, HL_TOK_TILDE,
    HL_TOK_LESS, HL_TOK_GREATER, HL_TOK_LESSEQUAL, HL_TOK_GREATEREQUAL, HL_TOK_EQEQUAL,
    HL_TOK_NOTEQUAL,
    /* augmented assignment, in the order of the binary operators above */
    HL_TOK_PLUSEQUAL, HL_TOK_MINEQUAL, HL_TOK_STAREQUAL, HL_TOK_SLASHEQUAL,
    HL_TOK_DSLASHEQUAL, HL_TOK_PERCENTEQUAL, HL_TOK_DSTAREQUAL, HL_TOK_ATEQUAL,
    HL_TOK_LSHIFTEQUAL, HL_TOK_RSHIFTEQUAL, HL_TOK_AMPEREQUAL, HL_TOK_VBAREQUAL,
    HL_TOK_CIRCUMFLEXEQUAL,
    HL_TOK_OP /* a character no rule accepts ('$', '?', '!', '`', "<>"): CPython's OP */
} hl_tok;

typedef struct hl_token {
    hl_tok kind;
    const char *text; /* the token's source bytes (NULL for INDENT, DEDENT, ENDMARKER) */
    size_t len;
    int line, col, end_line, end_col; /* 1-based lines, 0-based byte columns */
    int level;                        /* bracket depth after the token */
} hl_token;

typedef struct hl_lexer {
    const char *src, *end; /* normalized source: ends with '\n', then a NUL */
    const char *cur;
    const char *line_start, *line_end; /* the physical line cur is on */
    int line;
    const char *tok_start;
    int indents[HL_LEX_MAX_INDENT + 1];     /* columns, tabs to multiples of 8 */
    int alt_indents[HL_LEX_MAX_INDENT + 1]; /* the same with tabs as 1: TabError */
    int indent;                             /* top of the two stacks */
    int pending;                            /* > 0: INDENTs to give, < 0: DEDENTs */
    bool at_bol;
    bool blank_line; /* the current line holds only blanks or a comment */
    int level;
    char parens[HL_LEX_MAX_LEVEL];
    int paren_line[HL_LEX_MAX_LEVEL], paren_col[HL_LEX_MAX_LEVEL];
    bool eof_in_brackets; /* the last error is "'(' was never closed" at end of input */
    bool error_raised;    /* the error is one CPython's tokenizer raises as an exception,
                             which overrides a parser error found earlier in the file */
    hl_lang_error error;  /* set when next() returns HL_TOK_ERROR */
    hl_arena *arena;      /* error messages, warnings */
    hl_lang_warning *warnings, **warnings_tail;
} hl_lexer;

/* src must be normalized by hl_lexer_normalize. */
void hl_lexer_init(hl_lexer *lex, const char *src, size_t len, hl_arena *arena);

/* Copies len bytes of source as CPython reads it (a UTF-8 BOM dropped, "\r\n" and "\r" as
 * "\n", a final "\n" added when missing, then a NUL) into the arena. Returns NULL and fills
 * err on invalid UTF-8, a NUL byte, or exhausted memory. */
char *hl_lexer_normalize(const char *src, size_t len, const char *filename, hl_arena *arena,
                         size_t *out_len, hl_lang_error *err);

hl_token hl_lexer_next(hl_lexer *lex);

/* Keyword text for a keyword token, the operator's text for others, or a description. */
const char *hl_tok_name(hl_tok kind);

/* ---- literal decoding ---- */

/* An integer literal: its value when it fits int64, and its digits with underscores removed
 * and the prefix kept ("0x1f"), NUL-terminated in the arena. */
typedef struct hl_int_literal {
    int64_t value;
    bool overflow;
    const char *text;
} hl_int_literal;

bool hl_lex_int(hl_arena *arena, const char *text, size_t len, hl_int_literal *out);

/* A float literal's value; the text is kept without underscores. */
bool hl_lex_float(hl_arena *arena, const char *text, size_t len, double *value,
                  const char **clean);

/* The kind of number a NUMBER token's text spells. */
typedef enum hl_number_kind { HL_NUMBER_INT, HL_NUMBER_FLOAT, HL_NUMBER_IMAGINARY } hl_number_kind;
hl_number_kind hl_lex_number_kind(const char *text, size_t len);

/* A string token's prefix and body. */
typedef struct hl_string_parts {
    bool raw, bytes, fstring;
    const char *body; /* between the quotes */
    size_t len;
    int quote_len;    /* 1 or 3 */
} hl_string_parts;

void hl_lex_string_parts(const char *text, size_t len, hl_string_parts *out);

/* Decodes the escapes of a non-raw literal body, as CPython's unicode_escape codec does.
 * Returns the UTF-8 bytes in the arena (NUL-terminated), or NULL with *error set to a
 * message ("(unicode error) 'unicodeescape' codec can't decode ...") or, with *error NULL,
 * on exhausted memory. *unsupported is set to a message for an escape heaplab cannot
 * decode (\N{...}). Invalid escapes add a DeprecationWarning at line warn_line. */
char *hl_lex_decode_escapes(hl_lexer *lex, const char *body, size_t len, bool bytes,
                            int warn_line, size_t *out_len, const char **error,
                            const char **unsupported);

/* Appends a warning (memory permitting; a warning is never worth an error). */
void hl_lex_warn(hl_lexer *lex, const char *category, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* printf into the arena; NULL when memory runs out. */
char *hl_lex_format(hl_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The 1-based character offset of a 1-based byte offset into source line `line`
 * (CPython reports character offsets). Offsets below 1 are returned unchanged. */
int hl_lex_char_offset(const char *src, const char *end, int line, int byte_offset);

#endif
