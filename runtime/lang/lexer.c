/* lang/lexer.c: Python 3.11's tokenizer rules; see lexer.h.
 *
 * The structure follows CPython's Parser/tokenizer.c (tok_get) closely, because the error
 * messages and their positions depend on exactly which character the tokenizer had read
 * when it gave up: an error's byte offset is "cur - line_start" unless noted. */
#include "lexer.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define END_OF_INPUT (-1)
#define TABSIZE 8

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield"};

static const char *const operators[] = {
    "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "...", "->", ":=", "=",
    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "~",
    "<", ">", "<=", ">=", "==", "!=",
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^="};

const char *hl_lang_error_type(hl_lang_error_kind kind) {
    switch (kind) {
    case HL_LANG_OK: return "";
    case HL_LANG_SYNTAX_ERROR: return "SyntaxError";
    case HL_LANG_INDENTATION_ERROR: return "IndentationError";
    case HL_LANG_TAB_ERROR: return "TabError";
    case HL_LANG_UNSUPPORTED: return "SyntaxError";
    case HL_LANG_MEMORY_ERROR: return "MemoryError";
    case HL_LANG_RECURSION_ERROR: return "RecursionError";
    }
    return "SyntaxError";
}

const char *hl_tok_name(hl_tok kind) {
    if (kind >= HL_TOK_FALSE && kind <= HL_TOK_YIELD) return keywords[kind - HL_TOK_FALSE];
    if (kind >= HL_TOK_LPAR && kind <= HL_TOK_CIRCUMFLEXEQUAL) return operators[kind - HL_TOK_LPAR];
    switch (kind) {
    case HL_TOK_ERROR: return "<error>";
    case HL_TOK_ENDMARKER: return "<end of input>";
    case HL_TOK_NEWLINE: return "<newline>";
    case HL_TOK_INDENT: return "<indent>";
    case HL_TOK_DEDENT: return "<dedent>";
    case HL_TOK_NAME: return "<name>";
    case HL_TOK_NUMBER: return "<number>";
    case HL_TOK_STRING: return "<string>";
    default: return "<op>";
    }
}

/* ---- messages and warnings ---- */

static char *vformat(hl_arena *arena, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) return NULL;
    char *s = hl_arena_alloc(arena, (size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *hl_lex_format(hl_arena *arena, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(arena, fmt, ap);
    va_end(ap);
    return s;
}

void hl_lex_warn(hl_lexer *lex, const char *category, int line, const char *fmt, ...) {
    hl_lang_warning *w = hl_arena_alloc(lex->arena, sizeof *w);
    if (!w) return;
    va_list ap;
    va_start(ap, fmt);
    w->message = vformat(lex->arena, fmt, ap);
    va_end(ap);
    if (!w->message) return;
    w->next = NULL;
    w->category = category;
    w->line = line;
    *lex->warnings_tail = w;
    lex->warnings_tail = &w->next;
}

static hl_token error_at(hl_lexer *lex, hl_lang_error_kind kind, int line, int col,
                         int end_line, int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const char *msg = vformat(lex->arena, fmt, ap);
    va_end(ap);
    if (!msg) {
        kind = HL_LANG_MEMORY_ERROR;
        msg = "";
    }
    lex->error = (hl_lang_error){kind, msg, line, col, end_line, end_col};
    lex->eof_in_brackets = false;
    lex->error_raised = true;
    hl_token t = {.kind = HL_TOK_ERROR, .line = line, .col = -1, .end_line = line,
                  .end_col = -1, .level = lex->level};
    return t;
}

/* CPython's syntaxerror(tok, ...): at the current line, offset cur - line_start. */
#define SYNTAX_ERROR(lex, ...)                                                             \
    error_at(lex, HL_LANG_SYNTAX_ERROR, (lex)->line, (int)((lex)->cur - (lex)->line_start), \
             (lex)->line, (int)((lex)->cur - (lex)->line_start), __VA_ARGS__)

/* ---- source normalization ---- */

/* Length of the valid UTF-8 sequence at s (strict: no overlongs, surrogates or values past
 * U+10FFFF), or 0. */
static size_t utf8_valid(const unsigned char *s, const unsigned char *end) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
    else return 0;
    if ((size_t)(end - s) < n) return 0;
    unsigned cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

static unsigned utf8_decode(const unsigned char *s, size_t n) {
    if (n == 1) return s[0];
    unsigned cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

static size_t utf8_encode(unsigned cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) { /* lone surrogates from \ud800 escapes come out as 3 bytes too */
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *hl_lexer_normalize(const char *src, size_t len, const char *filename, hl_arena *arena,
                         size_t *out_len, hl_lang_error *err) {
    const unsigned char *s = (const unsigned char *)src, *end = s + len;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) s += 3;
    int line = 1;
    for (const unsigned char *p = s; p < end;) {
        if (*p == '\0') {
            *err = (hl_lang_error){HL_LANG_SYNTAX_ERROR, "source code cannot contain null bytes",
                                   line, 0, line, 0};
            return NULL;
        }
        size_t n = utf8_valid(p, end);
        if (!n) {
            const char *msg = hl_lex_format(
                arena,
                "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding "
                "declared; see https://peps.python.org/pep-0263/ for details",
                *p, filename ? filename : "<string>", line);
            *err = (hl_lang_error){msg ? HL_LANG_SYNTAX_ERROR : HL_LANG_MEMORY_ERROR,
                                   msg ? msg : "", line, 0, line, 0};
            return NULL;
        }
        if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'))) line++;
        p += n;
    }
    if ((size_t)(end - s) > SIZE_MAX - 2) goto nomem;
    char *out = hl_arena_alloc(arena, (size_t)(end - s) + 2);
    if (!out) goto nomem;
    char *o = out;
    for (const unsigned char *p = s; p < end; p++) {
        if (*p == '\r') {
            *o++ = '\n';
            if (p + 1 < end && p[1] == '\n') p++;
        } else {
            *o++ = (char)*p;
        }
    }
    if (o == out || o[-1] != '\n') *o++ = '\n';
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
nomem:
    *err = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
    return NULL;
}

void hl_lexer_init(hl_lexer *lex, const char *src, size_t len, hl_arena *arena) {
    memset(lex, 0, sizeof *lex);
    lex->src = lex->cur = lex->line_start = lex->line_end = src;
    lex->end = src + len;
    lex->at_bol = true;
    lex->arena = arena;
    lex->warnings_tail = &lex->warnings;
}

/* ---- characters ---- */

/* The next byte, or END_OF_INPUT. The line counter moves when the first byte of a line is
 * read, as CPython's does, so an error found at a '\n' reports the line it ends. */
static int nextc(hl_lexer *lex) {
    if (lex->cur == lex->line_end) {
        if (lex->cur == lex->end) return END_OF_INPUT;
        lex->line++;
        lex->line_start = lex->cur;
        lex->line_end = (const char *)memchr(lex->cur, '\n', (size_t)(lex->end - lex->cur)) + 1;
    }
    return (unsigned char)*lex->cur++;
}

static void backup(hl_lexer *lex, int c) {
    if (c != END_OF_INPUT) lex->cur--;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_ident_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
static bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }

/* ---- non-ASCII characters that cannot be in an identifier ----
 * CPython accepts any identifier by Unicode's XID rules. heaplab keeps no Unicode tables;
 * it knows the punctuation, symbol, space and emoji blocks below (generated from CPython
 * 3.11's str.isidentifier and str.isprintable) well enough to give CPython's "invalid
 * character" errors for pasted quotes, arrows and the like. Any other non-ASCII letter is
 * left to the parser, which reports non-ASCII identifiers as unsupported. */
static const struct { unsigned lo, hi; unsigned char printable; } non_identifier[] = {
    {0x80, 0xA0, 0}, {0xA1, 0xA9, 1}, {0xAB, 0xAC, 1}, {0xAD, 0xAD, 0}, {0xAE, 0xB4, 1},
    {0xB6, 0xB6, 1}, {0xB8, 0xB9, 1}, {0xBB, 0xBF, 1}, {0xD7, 0xD7, 1}, {0xF7, 0xF7, 1},
    {0x2000, 0x200F, 0}, {0x2010, 0x2027, 1}, {0x2028, 0x202F, 0}, {0x2030, 0x203E, 1}, {0x2041, 0x2053, 1},
    {0x2055, 0x205E, 1}, {0x205F, 0x206F, 0}, {0x2070, 0x2070, 1}, {0x2072, 0x2073, 0}, {0x2074, 0x207E, 1},
    {0x2080, 0x208E, 1}, {0x208F, 0x208F, 0}, {0x209D, 0x209F, 0}, {0x20A0, 0x20C0, 1}, {0x20C1, 0x20CF, 0},
    {0x20DD, 0x20E0, 1}, {0x20E2, 0x20E4, 1}, {0x20F1, 0x20FF, 0}, {0x2100, 0x2101, 1}, {0x2103, 0x2106, 1},
    {0x2108, 0x2109, 1}, {0x2114, 0x2114, 1}, {0x2116, 0x2117, 1}, {0x211E, 0x2123, 1}, {0x2125, 0x2125, 1},
    {0x2127, 0x2127, 1}, {0x2129, 0x2129, 1}, {0x213A, 0x213B, 1}, {0x2140, 0x2144, 1}, {0x214A, 0x214D, 1},
    {0x214F, 0x215F, 1}, {0x2189, 0x218B, 1}, {0x218C, 0x218F, 0}, {0x2190, 0x2426, 1}, {0x2427, 0x243F, 0},
    {0x2440, 0x244A, 1}, {0x244B, 0x245F, 0}, {0x2460, 0x2B73, 1}, {0x2B74, 0x2B75, 0}, {0x2B76, 0x2B95, 1},
    {0x2B96, 0x2B96, 0}, {0x2B97, 0x2BFF, 1}, {0x3000, 0x3000, 0}, {0x3001, 0x3004, 1}, {0x3008, 0x3020, 1},
    {0x3030, 0x3030, 1}, {0x3036, 0x3037, 1}, {0x303D, 0x303F, 1}, {0xFE10, 0xFE19, 1}, {0xFE1A, 0xFE1F, 0},
    {0xFE30, 0xFE32, 1}, {0xFE35, 0xFE4C, 1}, {0xFE50, 0xFE52, 1}, {0xFE53, 0xFE53, 0}, {0xFE54, 0xFE66, 1},
    {0xFE67, 0xFE67, 0}, {0xFE68, 0xFE6B, 1}, {0xFE6C, 0xFE6F, 0}, {0xFE70, 0xFE70, 1}, {0xFE72, 0xFE72, 1},
    {0xFE74, 0xFE74, 1}, {0xFE75, 0xFE75, 0}, {0xFE76, 0xFE76, 1}, {0xFE78, 0xFE78, 1}, {0xFE7A, 0xFE7A, 1},
    {0xFE7C, 0xFE7C, 1}, {0xFE7E, 0xFE7E, 1}, {0xFEFD, 0xFF00, 0}, {0xFF01, 0xFF0F, 1}, {0xFF1A, 0xFF20, 1},
    {0xFF3B, 0xFF3E, 1}, {0xFF40, 0xFF40, 1}, {0xFF5B, 0xFF65, 1}, {0xFFBF, 0xFFC1, 0}, {0xFFC8, 0xFFC9, 0},
    {0xFFD0, 0xFFD1, 0}, {0xFFD8, 0xFFD9, 0}, {0xFFDD, 0xFFDF, 0}, {0xFFE0, 0xFFE6, 1}, {0xFFE7, 0xFFE7, 0},
    {0xFFE8, 0xFFEE, 1}, {0xFFEF, 0xFFFB, 0}, {0xFFFC, 0xFFFD, 1}, {0xFFFE, 0xFFFF, 0}, {0x1F000, 0x1F02B, 1},
    {0x1F02C, 0x1F02F, 0}, {0x1F030, 0x1F093, 1}, {0x1F094, 0x1F09F, 0}, {0x1F0A0, 0x1F0AE, 1}, {0x1F0AF, 0x1F0B0, 0},
    {0x1F0B1, 0x1F0BF, 1}, {0x1F0C0, 0x1F0C0, 0}, {0x1F0C1, 0x1F0CF, 1}, {0x1F0D0, 0x1F0D0, 0}, {0x1F0D1, 0x1F0F5, 1},
    {0x1F0F6, 0x1F0FF, 0}, {0x1F100, 0x1F1AD, 1}, {0x1F1AE, 0x1F1E5, 0}, {0x1F1E6, 0x1F202, 1}, {0x1F203, 0x1F20F, 0},
    {0x1F210, 0x1F23B, 1}, {0x1F23C, 0x1F23F, 0}, {0x1F240, 0x1F248, 1}, {0x1F249, 0x1F24F, 0}, {0x1F250, 0x1F251, 1},
    {0x1F252, 0x1F25F, 0}, {0x1F260, 0x1F265, 1}, {0x1F266, 0x1F2FF, 0}, {0x1F300, 0x1F6D7, 1}, {0x1F6D8, 0x1F6DC, 0},
    {0x1F6DD, 0x1F6EC, 1}, {0x1F6ED, 0x1F6EF, 0}, {0x1F6F0, 0x1F6FC, 1}, {0x1F6FD, 0x1F6FF, 0}, {0x1F700, 0x1F773, 1},
    {0x1F774, 0x1F77F, 0}, {0x1F780, 0x1F7D8, 1}, {0x1F7D9, 0x1F7DF, 0}, {0x1F7E0, 0x1F7EB, 1}, {0x1F7EC, 0x1F7EF, 0},
    {0x1F7F0, 0x1F7F0, 1}, {0x1F7F1, 0x1F7FF, 0}, {0x1F800, 0x1F80B, 1}, {0x1F80C, 0x1F80F, 0}, {0x1F810, 0x1F847, 1},
    {0x1F848, 0x1F84F, 0}, {0x1F850, 0x1F859, 1}, {0x1F85A, 0x1F85F, 0}, {0x1F860, 0x1F887, 1}, {0x1F888, 0x1F88F, 0},
    {0x1F890, 0x1F8AD, 1}, {0x1F8AE, 0x1F8AF, 0}, {0x1F8B0, 0x1F8B1, 1}, {0x1F8B2, 0x1F8FF, 0}, {0x1F900, 0x1FA53, 1},
    {0x1FA54, 0x1FA5F, 0}, {0x1FA60, 0x1FA6D, 1}, {0x1FA6E, 0x1FA6F, 0}, {0x1FA70, 0x1FA74, 1}, {0x1FA75, 0x1FA77, 0},
    {0x1FA78, 0x1FA7C, 1}, {0x1FA7D, 0x1FA7F, 0}, {0x1FA80, 0x1FA86, 1}, {0x1FA87, 0x1FA8F, 0}, {0x1FA90, 0x1FAAC, 1},
    {0x1FAAD, 0x1FAAF, 0}, {0x1FAB0, 0x1FABA, 1}, {0x1FABB, 0x1FABF, 0}, {0x1FAC0, 0x1FAC5, 1}, {0x1FAC6, 0x1FACF, 0},
    {0x1FAD0, 0x1FAD9, 1}, {0x1FADA, 0x1FADF, 0}, {0x1FAE0, 0x1FAE7, 1}, {0x1FAE8, 0x1FAEF, 0}, {0x1FAF0, 0x1FAF6, 1},
    {0x1FAF7, 0x1FAFF, 0},
};

/* -1 if cp may be an identifier character, else whether it is printable. */
static int non_identifier_printable(unsigned cp) {
    size_t lo = 0, hi = sizeof non_identifier / sizeof non_identifier[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < non_identifier[mid].lo) hi = mid;
        else if (cp > non_identifier[mid].hi) lo = mid + 1;
        else return non_identifier[mid].printable;
    }
    return -1;
}

/* CPython's verify_identifier: the first character that cannot be in a name is an error. */
static bool verify_identifier(hl_lexer *lex, hl_token *err) {
    const unsigned char *p = (const unsigned char *)lex->tok_start;
    const unsigned char *end = (const unsigned char *)lex->cur;
    while (p < end) {
        size_t n = utf8_valid(p, end);
        if (n == 0) n = 1; /* cannot happen: the source was checked */
        unsigned cp = utf8_decode(p, n);
        int printable = cp >= 128 ? non_identifier_printable(cp) : -1;
        if (printable >= 0) {
            lex->cur = (const char *)p + n;
            *err = printable ? SYNTAX_ERROR(lex, "invalid character '%.*s' (U+%04X)", (int)n,
                                            (const char *)p, cp)
                             : SYNTAX_ERROR(lex, "invalid non-printable character U+%04X", cp);
            return false;
        }
        p += n;
    }
    return true;
}

/* ---- numbers ---- */

/* After a number's last character c: CPython 3.11 warns when a keyword that may follow a
 * number in valid code is glued to it ("1if x else y"), and rejects any other name
 * character ("1abc"). */
static bool lookahead(hl_lexer *lex, const char *test) {
    const char *s = test;
    for (;;) {
        int c = nextc(lex);
        bool res = false;
        if (*s == '\0') res = !is_ident_char(c);
        else if (c == *s) {
            s++;
            continue;
        }
        backup(lex, c);
        lex->cur -= s - test;
        return res;
    }
}

static bool verify_end_of_number(hl_lexer *lex, int c, const char *kind, hl_token *err) {
    bool r = false;
    if (c == 'a') r = lookahead(lex, "nd");
    else if (c == 'e') r = lookahead(lex, "lse");
    else if (c == 'f') r = lookahead(lex, "or");
    else if (c == 'i') {
        int c2 = nextc(lex);
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
        backup(lex, c2);
    } else if (c == 'o') r = lookahead(lex, "r");
    else if (c == 'n') r = lookahead(lex, "ot");
    if (r) {
        hl_lex_warn(lex, "SyntaxWarning", lex->line, "invalid %s literal", kind);
    } else if (is_ident_char(c)) {
        backup(lex, c);
        *err = SYNTAX_ERROR(lex, "invalid %s literal", kind);
        return false;
    }
    return true;
}

/* Digits and single underscores after a first digit; returns the character after them, or
 * 0 after an error. */
static int decimal_tail(hl_lexer *lex, hl_token *err) {
    int c;
    for (;;) {
        do c = nextc(lex);
        while (is_digit(c));
        if (c != '_') return c;
        c = nextc(lex);
        if (!is_digit(c)) {
            backup(lex, c);
            *err = SYNTAX_ERROR(lex, "invalid decimal literal");
            return 0;
        }
    }
}

/* Hex, octal or binary digits after the prefix, or an error. */
static bool radix_digits(hl_lexer *lex, int radix, const char *kind, hl_token *err) {
    int c = nextc(lex);
    do {
        if (c == '_') c = nextc(lex);
        bool ok = radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix);
        if (!ok) {
            if (radix != 16 && is_digit(c)) {
                *err = SYNTAX_ERROR(lex, "invalid digit '%c' in %s literal", c, kind);
                return false;
            }
            backup(lex, c);
            *err = SYNTAX_ERROR(lex, "invalid %s literal", kind);
            return false;
        }
        do c = nextc(lex);
        while (radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix));
    } while (c == '_');
    if (radix != 16 && is_digit(c)) {
        *err = SYNTAX_ERROR(lex, "invalid digit '%c' in %s literal", c, kind);
        return false;
    }
    if (!verify_end_of_number(lex, c, kind, err)) return false;
    backup(lex, c);
    return true;
}

/* The rest of a number whose first character c was just read (a digit, or the '.' of
 * ".5" with c the digit after it and `fraction` set). */
static bool lex_number(hl_lexer *lex, int c, bool fraction, hl_token *err) {
    if (fraction) goto fraction;
    if (c == '0') {
        c = nextc(lex);
        if (c == 'x' || c == 'X') return radix_digits(lex, 16, "hexadecimal", err);
        if (c == 'o' || c == 'O') return radix_digits(lex, 8, "octal", err);
        if (c == 'b' || c == 'B') return radix_digits(lex, 2, "binary", err);
        bool nonzero = false;
        for (;;) { /* maybe old-style octal: allow only zeros */
            if (c == '_') {
                c = nextc(lex);
                if (!is_digit(c)) {
                    backup(lex, c);
                    *err = SYNTAX_ERROR(lex, "invalid decimal literal");
                    return false;
                }
            }
            if (c != '0') break;
            c = nextc(lex);
        }
        const char *zeros_end = lex->cur;
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail(lex, err);
            if (c == 0) return false;
        }
        if (c == '.') {
            c = nextc(lex);
            goto fraction;
        }
        if (c == 'e' || c == 'E') goto exponent;
        if (c == 'j' || c == 'J') goto imaginary;
        if (nonzero) {
            backup(lex, c);
            *err = error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line,
                            (int)(lex->tok_start + 1 - lex->line_start), lex->line,
                            (int)(zeros_end - lex->line_start),
                            "leading zeros in decimal integer literals are not permitted; "
                            "use an 0o prefix for octal integers");
            return false;
        }
        if (!verify_end_of_number(lex, c, "decimal", err)) return false;
        backup(lex, c);
        return true;
    }
    c = decimal_tail(lex, err);
    if (c == 0) return false;
    if (c == '.') {
        c = nextc(lex);
    fraction:
        if (is_digit(c)) {
            c = decimal_tail(lex, err);
            if (c == 0) return false;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = nextc(lex);
        if (c == '+' || c == '-') {
            c = nextc(lex);
            if (!is_digit(c)) {
                backup(lex, c);
                *err = SYNTAX_ERROR(lex, "invalid decimal literal");
                return false;
            }
        } else if (!is_digit(c)) {
            backup(lex, c);
            if (!verify_end_of_number(lex, e, "decimal", err)) return false;
            backup(lex, e); /* "1else": the number is "1" */
            return true;
        }
        c = decimal_tail(lex, err);
        if (c == 0) return false;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        c = nextc(lex);
        if (!verify_end_of_number(lex, c, "imaginary", err)) return false;
    } else if (!verify_end_of_number(lex, c, "decimal", err)) {
        return false;
    }
    backup(lex, c);
    return true;
}

/* ---- strings ---- */

/* The body of a string whose opening quote was just read; the token starts at tok_start
 * (with its prefix). */
static bool lex_string(hl_lexer *lex, int quote, hl_token *err) {
    int first_line = lex->line;
    const char *first_line_start = lex->line_start;
    int quote_size = 1, end_quote_size = 0;
    int c = nextc(lex);
    if (c == quote) {
        c = nextc(lex);
        if (c == quote) quote_size = 3;
        else end_quote_size = 1; /* empty string */
    }
    if (c != quote) backup(lex, c);
    while (end_quote_size != quote_size) {
        c = nextc(lex);
        if (c == END_OF_INPUT || (quote_size == 1 && c == '\n')) {
            int detected = lex->line;
            lex->cur = lex->tok_start + 1;
            lex->line = first_line;
            lex->line_start = first_line_start;
            int col = (int)(lex->cur - lex->line_start);
            *err = error_at(lex, HL_LANG_SYNTAX_ERROR, first_line, col, first_line, col,
                            quote_size == 3 ? "unterminated triple-quoted string literal "
                                              "(detected at line %d)"
                                            : "unterminated string literal (detected at line %d)",
                            detected);
            return false;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') nextc(lex); /* skip the escaped character */
        }
    }
    return true;
}

/* ---- the tokenizer ---- */

static hl_token make(hl_lexer *lex, hl_tok kind, int line, const char *line_start) {
    hl_token t;
    t.kind = kind;
    t.text = lex->tok_start;
    t.len = (size_t)(lex->cur - lex->tok_start);
    t.line = line;
    t.col = (int)(lex->tok_start - line_start);
    t.end_line = lex->line;
    t.end_col = (int)(lex->cur - lex->line_start);
    t.level = lex->level;
    return t;
}

static hl_token layout(hl_lexer *lex, hl_tok kind) {
    hl_token t = {.kind = kind, .line = lex->line, .col = -1, .end_line = lex->line,
                  .end_col = -1, .level = lex->level};
    return t;
}

/* "\\\n": join the next line; anything else after a backslash is an error. */
static bool continuation_line(hl_lexer *lex, hl_token *err) {
    int c = nextc(lex);
    if (c != '\n') {
        int col = (int)(lex->cur - lex->line_start);
        *err = error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line, col, lex->line, 0,
                        "unexpected character after line continuation character");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
        return false;
    }
    c = nextc(lex);
    if (c == END_OF_INPUT) {
        lex->cur = lex->line_end;
        int col = (int)(lex->cur - lex->line_start);
        *err = error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line, col, lex->line, -1,
                        "unexpected EOF while parsing");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
        return false;
    }
    backup(lex, c);
    return true;
}

/* Reads indentation at the start of a logical line; false on an error. */
static bool indentation(hl_lexer *lex, hl_token *err) {
    int col = 0, altcol = 0, c;
    for (;;) {
        c = nextc(lex);
        if (c == ' ') col++, altcol++;
        else if (c == '\t') col = (col / TABSIZE + 1) * TABSIZE, altcol++;
        else if (c == '\f') col = altcol = 0;
        else break;
    }
    backup(lex, c);
    /* Lines holding only blanks or a comment neither indent nor end a statement. */
    lex->blank_line = c == '#' || c == '\n';
    if (lex->blank_line || lex->level > 0) return true;
    int *ind = lex->indents, *alt = lex->alt_indents;
    if (col == ind[lex->indent]) {
        if (altcol != alt[lex->indent]) goto tab_error;
    } else if (col > ind[lex->indent]) {
        if (lex->indent + 1 >= HL_LEX_MAX_INDENT) {
            lex->cur = lex->line_end;
            *err = error_at(lex, HL_LANG_INDENTATION_ERROR, lex->line, 1, lex->line, 0,
                            "too many levels of indentation");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
            return false;
        }
        if (altcol <= alt[lex->indent]) goto tab_error;
        lex->pending++;
        lex->indent++;
        ind[lex->indent] = col;
        alt[lex->indent] = altcol;
    } else {
        while (lex->indent > 0 && col < ind[lex->indent]) {
            lex->pending--;
            lex->indent--;
        }
        if (col != ind[lex->indent]) {
            lex->cur = lex->line_end;
            *err = error_at(lex, HL_LANG_INDENTATION_ERROR, lex->line,
                            (int)(lex->cur - lex->line_start), lex->line, -1,
                            "unindent does not match any outer indentation level");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
            return false;
        }
        if (altcol != alt[lex->indent]) goto tab_error;
    }
    return true;
tab_error:
    lex->cur = lex->line_end;
    *err = error_at(lex, HL_LANG_TAB_ERROR, lex->line, 1, lex->line, 0,
                    "inconsistent use of tabs and spaces in indentation");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
    return false;
}

static hl_tok keyword_or_name(const char *s, size_t len) {
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i]) == len && memcmp(keywords[i], s, len) == 0)
            return (hl_tok)(HL_TOK_FALSE + i);
    return HL_TOK_NAME;
}

/* Two- and three-character operators starting with c; the one-character operator else. */
static hl_tok operator_token(hl_lexer *lex, int c) {
    int c2 = nextc(lex);
    hl_tok two = HL_TOK_ERROR;
    switch (c) {
    case '!': two = c2 == '=' ? HL_TOK_NOTEQUAL : HL_TOK_ERROR; break;
    case '%': two = c2 == '=' ? HL_TOK_PERCENTEQUAL : HL_TOK_ERROR; break;
    case '&': two = c2 == '=' ? HL_TOK_AMPEREQUAL : HL_TOK_ERROR; break;
    case '*': two = c2 == '*' ? HL_TOK_DSTAR : c2 == '=' ? HL_TOK_STAREQUAL : HL_TOK_ERROR; break;
    case '+': two = c2 == '=' ? HL_TOK_PLUSEQUAL : HL_TOK_ERROR; break;
    case '-': two = c2 == '=' ? HL_TOK_MINEQUAL : c2 == '>' ? HL_TOK_ARROW : HL_TOK_ERROR; break;
    case '/': two = c2 == '/' ? HL_TOK_DSLASH : c2 == '=' ? HL_TOK_SLASHEQUAL : HL_TOK_ERROR; break;
    case ':': two = c2 == '=' ? HL_TOK_COLONEQUAL : HL_TOK_ERROR; break;
    case '<':
        two = c2 == '<' ? HL_TOK_LSHIFT : c2 == '=' ? HL_TOK_LESSEQUAL
            : c2 == '>' ? HL_TOK_OP /* "<>" only parses under barry_as_FLUFL */
                        : HL_TOK_ERROR;
        break;
    case '=': two = c2 == '=' ? HL_TOK_EQEQUAL : HL_TOK_ERROR; break;
    case '>': two = c2 == '>' ? HL_TOK_RSHIFT : c2 == '=' ? HL_TOK_GREATEREQUAL : HL_TOK_ERROR; break;
    case '@': two = c2 == '=' ? HL_TOK_ATEQUAL : HL_TOK_ERROR; break;
    case '^': two = c2 == '=' ? HL_TOK_CIRCUMFLEXEQUAL : HL_TOK_ERROR; break;
    case '|': two = c2 == '=' ? HL_TOK_VBAREQUAL : HL_TOK_ERROR; break;
    }
    if (two != HL_TOK_ERROR) {
        int c3 = nextc(lex);
        if (c3 == '=') {
            if (two == HL_TOK_DSTAR) return HL_TOK_DSTAREQUAL;
            if (two == HL_TOK_DSLASH) return HL_TOK_DSLASHEQUAL;
            if (two == HL_TOK_LSHIFT) return HL_TOK_LSHIFTEQUAL;
            if (two == HL_TOK_RSHIFT) return HL_TOK_RSHIFTEQUAL;
        }
        backup(lex, c3);
        return two;
    }
    backup(lex, c2);
    switch (c) {
    case '(': return HL_TOK_LPAR;
    case ')': return HL_TOK_RPAR;
    case '[': return HL_TOK_LSQB;
    case ']': return HL_TOK_RSQB;
    case '{': return HL_TOK_LBRACE;
    case '}': return HL_TOK_RBRACE;
    case ':': return HL_TOK_COLON;
    case ',': return HL_TOK_COMMA;
    case ';': return HL_TOK_SEMI;
    case '+': return HL_TOK_PLUS;
    case '-': return HL_TOK_MINUS;
    case '*': return HL_TOK_STAR;
    case '/': return HL_TOK_SLASH;
    case '|': return HL_TOK_VBAR;
    case '&': return HL_TOK_AMPER;
    case '<': return HL_TOK_LESS;
    case '>': return HL_TOK_GREATER;
    case '=': return HL_TOK_EQUAL;
    case '.': return HL_TOK_DOT;
    case '%': return HL_TOK_PERCENT;
    case '^': return HL_TOK_CIRCUMFLEX;
    case '~': return HL_TOK_TILDE;
    case '@': return HL_TOK_AT;
    default: return HL_TOK_OP;
    }
}

hl_token hl_lexer_next(hl_lexer *lex) {
    hl_token err;
    int c;
nextline:
    if (lex->at_bol) {
        lex->at_bol = false;
        if (!indentation(lex, &err)) return err;
    }
    lex->tok_start = lex->cur;
    if (lex->pending != 0) {
        if (lex->pending < 0) {
            lex->pending++;
            return layout(lex, HL_TOK_DEDENT);
        }
        lex->pending--;
        return layout(lex, HL_TOK_INDENT);
    }
again:
    do c = nextc(lex);
    while (c == ' ' || c == '\t' || c == '\f');
    lex->tok_start = lex->cur - (c != END_OF_INPUT);
    int line = lex->line;
    const char *line_start = lex->line_start;

    if (c == '#')
        while (c != END_OF_INPUT && c != '\n') c = nextc(lex);
    if (c == END_OF_INPUT) {
        if (lex->level) {
            hl_token t = error_at(lex, HL_LANG_SYNTAX_ERROR, lex->paren_line[lex->level - 1],
                                  lex->paren_col[lex->level - 1] + 1,
                                  lex->paren_line[lex->level - 1], 0, "'%c' was never closed",
                                  lex->parens[lex->level - 1]);
            lex->eof_in_brackets = true;
            lex->error_raised = false;
            return t;
        }
        hl_token t = layout(lex, HL_TOK_ENDMARKER);
        return t;
    }

    if (is_ident_start(c)) {
        /* String prefixes: b, r, u, f and their legal combinations. */
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) saw_b = true;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) saw_u = true;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = true;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) saw_f = true;
            else break;
            c = nextc(lex);
            if (c == '"' || c == '\'') {
                if (!lex_string(lex, c, &err)) return err;
                return make(lex, HL_TOK_STRING, line, line_start);
            }
        }
        bool nonascii = false;
        while (is_ident_char(c)) {
            nonascii |= c >= 128;
            c = nextc(lex);
        }
        backup(lex, c);
        if (nonascii && !verify_identifier(lex, &err)) return err;
        hl_token t = make(lex, HL_TOK_NAME, line, line_start);
        t.kind = keyword_or_name(t.text, t.len);
        return t;
    }

    if (c == '\n') {
        lex->at_bol = true;
        if (lex->blank_line || lex->level > 0) goto nextline;
        /* CPython's NEWLINE spans a comment before it and ends at the '\n'. */
        hl_token t = make(lex, HL_TOK_NEWLINE, line, line_start);
        t.len = 0;
        t.end_col--;
        return t;
    }

    if (c == '.') {
        c = nextc(lex);
        if (is_digit(c)) {
            if (!lex_number(lex, c, true, &err)) return err;
            return make(lex, HL_TOK_NUMBER, line, line_start);
        }
        if (c == '.') {
            int c3 = nextc(lex);
            if (c3 == '.') return make(lex, HL_TOK_ELLIPSIS, line, line_start);
            backup(lex, c3);
        }
        backup(lex, c);
        return make(lex, HL_TOK_DOT, line, line_start);
    }

    if (is_digit(c)) {
        if (!lex_number(lex, c, false, &err)) return err;
        return make(lex, HL_TOK_NUMBER, line, line_start);
    }

    if (c == '\'' || c == '"') {
        if (!lex_string(lex, c, &err)) return err;
        return make(lex, HL_TOK_STRING, line, line_start);
    }

    if (c == '\\') {
        if (!continuation_line(lex, &err)) return err;
        goto again;
    }

    hl_tok kind = operator_token(lex, c);
    switch (c) {
    case '(':
    case '[':
    case '{':
        if (lex->level >= HL_LEX_MAX_LEVEL) return SYNTAX_ERROR(lex, "too many nested parentheses");
        lex->parens[lex->level] = (char)c;
        lex->paren_line[lex->level] = lex->line;
        lex->paren_col[lex->level] = (int)(lex->tok_start - lex->line_start);
        lex->level++;
        break;
    case ')':
    case ']':
    case '}': {
        if (!lex->level) return SYNTAX_ERROR(lex, "unmatched '%c'", c);
        lex->level--;
        int open = lex->parens[lex->level];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))) {
            if (lex->paren_line[lex->level] != lex->line)
                return SYNTAX_ERROR(lex,
                                    "closing parenthesis '%c' does not match opening "
                                    "parenthesis '%c' on line %d",
                                    c, open, lex->paren_line[lex->level]);
            return SYNTAX_ERROR(lex, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                                c, open);
        }
        break;
    }
    }
    if (c < 32 || c == 127) return SYNTAX_ERROR(lex, "invalid non-printable character U+%04X", c);
    return make(lex, kind, line, line_start);
}

/* ---- literal values ---- */

hl_number_kind hl_lex_number_kind(const char *text, size_t len) {
    char last = text[len - 1];
    if (last == 'j' || last == 'J') return HL_NUMBER_IMAGINARY;
    if (len > 1 && text[0] == '0' && strchr("xXoObB", text[1])) return HL_NUMBER_INT;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '.' || text[i] == 'e' || text[i] == 'E') return HL_NUMBER_FLOAT;
    return HL_NUMBER_INT;
}

static char *without_underscores(hl_arena *arena, const char *text, size_t len) {
    char *s = hl_arena_alloc(arena, len + 1), *o = s;
    if (!s) return NULL;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_') *o++ = text[i];
    *o = '\0';
    return s;
}

bool hl_lex_int(hl_arena *arena, const char *text, size_t len, hl_int_literal *out) {
    char *clean = without_underscores(arena, text, len);
    if (!clean) return false;
    const char *digits = clean;
    unsigned base = 10;
    if (clean[0] == '0' && clean[1] && strchr("xXoObB", clean[1])) {
        base = clean[1] == 'x' || clean[1] == 'X' ? 16 : clean[1] == 'o' || clean[1] == 'O' ? 8 : 2;
        digits += 2;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (const char *p = digits; *p; p++) {
        unsigned d = *p <= '9' ? (unsigned)(*p - '0') : (unsigned)((*p | 0x20) - 'a' + 10);
        if (v > (UINT64_MAX - d) / base) overflow = true;
        v = v * base + d;
    }
    if (v > INT64_MAX) overflow = true;
    out->value = overflow ? 0 : (int64_t)v;
    out->overflow = overflow;
    out->text = clean;
    return true;
}

bool hl_lex_float(hl_arena *arena, const char *text, size_t len, double *value,
                  const char **clean_out) {
    char *clean = without_underscores(arena, text, len);
    if (!clean) return false;
    /* Python's float literals are strtod's in the C locale; overflow gives inf as in
     * CPython ("1e999" is inf). */
    *value = strtod(clean, NULL);
    *clean_out = clean;
    return true;
}

void hl_lex_string_parts(const char *text, size_t len, hl_string_parts *out) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    for (; text[i] != '\'' && text[i] != '"'; i++) {
        char c = (char)(text[i] | 0x20);
        if (c == 'r') out->raw = true;
        else if (c == 'b') out->bytes = true;
        else if (c == 'f') out->fstring = true;
    }
    size_t rest = len - i;
    out->quote_len = rest >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i] ? 3 : 1;
    out->body = text + i + out->quote_len;
    out->len = rest - 2 * (size_t)out->quote_len;
}

/* ---- escapes ---- */

static int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* CPython decodes a literal's body by first turning each non-ASCII character into a
 * "\U%08x" escape, so the byte positions in its codec errors count 10 per such character.
 * This gives that position for an offset into the body. */
static size_t codec_position(const char *body, size_t offset) {
    size_t pos = 0;
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)body[i];
        if (b < 0x80) pos++;
        else if ((b & 0xC0) != 0x80) pos += 10;
    }
    return pos;
}

static const char *codec_error(hl_arena *arena, bool bytes, const char *body, size_t start,
                               size_t end, const char *reason) {
    size_t s = codec_position(body, start), e = codec_position(body, end);
    const char *codec = bytes ? "value error" : "unicode error";
    if (bytes) /* bytes literals report a ValueError with a plain reason */
        return hl_lex_format(arena, "(%s) %s at position %zu", codec, reason, s);
    if (e - s == 1)
        return hl_lex_format(arena,
                             "(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in "
                             "position %zu: %s",
                             (unsigned char)body[start], s, reason);
    return hl_lex_format(arena,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                         "%zu-%zu: %s",
                         s, e - 1, reason);
}

char *hl_lex_decode_escapes(hl_lexer *lex, const char *body, size_t len, bool bytes,
                            int warn_line, size_t *out_len, const char **error,
                            const char **unsupported) {
    *error = NULL;
    /* Every escape decodes to no more bytes than it is long, except \ooo and \xhh, which
     * may give two UTF-8 bytes from two to four source bytes. */
    char *out = hl_arena_alloc(lex->arena, len + len / 2 + 1), *o = out;
    if (!out) return NULL;
    size_t i = 0;
    bool first_invalid = true;
    while (i < len) {
        if (body[i] != '\\') {
            *o++ = body[i++];
            continue;
        }
        size_t start = i++;
        if (i >= len) { /* a lone backslash ends the body: only in an f-string's pieces */
            *o++ = '\\';
            break;
        }
        char c = body[i++];
        switch (c) {
        case '\n': break;
        case '\\': *o++ = '\\'; break;
        case '\'': *o++ = '\''; break;
        case '"': *o++ = '"'; break;
        case 'a': *o++ = '\a'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'v': *o++ = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(c - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++)
                v = v * 8 + (unsigned)(body[i++] - '0');
            if (v > 0377) {
                if (first_invalid)
                    hl_lex_warn(lex, "DeprecationWarning", warn_line,
                                "invalid octal escape sequence '\\%.*s'", (int)(i - start - 1),
                                body + start + 1);
                first_invalid = false;
            }
            if (bytes) *o++ = (char)(v & 0xFF);
            else o += utf8_encode(v, o);
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            if (bytes && c != 'x') goto invalid;
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            unsigned v = 0;
            for (int k = 0; k < digits; k++) {
                int h = i < len ? hex_value((unsigned char)body[i]) : -1;
                if (h < 0) {
                    const char *reason = c == 'x' ? "truncated \\xXX escape"
                                         : c == 'u' ? "truncated \\uXXXX escape"
                                                    : "truncated \\UXXXXXXXX escape";
                    if (bytes) {
                        *error = hl_lex_format(lex->arena,
                                               "(value error) invalid \\x escape at position %zu",
                                               start);
                    } else {
                        *error = codec_error(lex->arena, false, body, start, i, reason);
                    }
                    if (!*error) return NULL;
                    return NULL;
                }
                v = v * 16 + (unsigned)h;
                i++;
            }
            if (v > 0x10FFFF) {
                *error = codec_error(lex->arena, false, body, start, i, "illegal Unicode character");
                return NULL;
            }
            if (bytes) *o++ = (char)v;
            else o += utf8_encode(v, o);
            break;
        }
        case 'N':
            if (bytes) goto invalid; /* \N is no escape in bytes */
            {
                const char *close = i < len && body[i] == '{' ? memchr(body + i, '}', len - i) : NULL;
                if (!close || close == body + i + 1) {
                    *error = codec_error(lex->arena, false, body, start,
                                         close ? (size_t)(close - body) + 1 : i,
                                         "malformed \\N character escape");
                    return NULL;
                }
                *unsupported = "\\N{...} escapes are not supported by heaplab";
                i = (size_t)(close - body) + 1;
                break;
            }
        default:
        invalid:
            /* CPython keeps a backslash before a non-ASCII character without a warning. */
            if (first_invalid && (unsigned char)c < 0x80) {
                hl_lex_warn(lex, "DeprecationWarning", warn_line, "invalid escape sequence '\\%c'", c);
                first_invalid = false;
            }
            *o++ = '\\';
            i--; /* the character after the backslash is kept as it is */
            break;
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* ---- positions ---- */

int hl_lex_char_offset(const char *src, const char *end, int line, int byte_offset) {
    if (byte_offset < 1 || line < 1) return byte_offset;
    const char *p = src;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return byte_offset;
        p = nl + 1;
    }
    int chars = 0;
    for (int i = 0; i < byte_offset && p + i < end; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) chars++;
        if (p[i] == '\n') break;
    }
    return chars;
}
