/* lang/lexer.c: Python 3.11's tokenizer rules; see lexer.h.
 *
 * The structure follows CPython's Parser/tokenizer.c (tok_get) closely, because the error
 * messages and their positions depend on exactly which character the tokenizer had read
 * when it gave up: an error's byte offset is "cur - line_start" unless noted.
 *
 * Owns: the keyword and operator tables, error kinds' names, messages and warnings, making
 * tokens, operators, and the tokenizer itself (hl_lexer_next), which calls the other lex_*.c
 * files for what it meets: lex_indent.c (the start of a line), lex_number.c, lex_string.c,
 * lex_source.c (identifiers). Calls only the arena. */
#include "lexer_internal.h"

#include <stdarg.h>
#include <stdio.h>

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

hl_token hl_lex_error_at(hl_lexer *lex, hl_lang_error_kind kind, int line, int col,
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

void hl_lexer_init(hl_lexer *lex, const char *src, size_t len, hl_arena *arena) {
    memset(lex, 0, sizeof *lex);
    lex->src = lex->cur = lex->line_start = lex->line_end = src;
    lex->end = src + len;
    lex->at_bol = true;
    lex->arena = arena;
    lex->warnings_tail = &lex->warnings;
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
        if (!hl_lex_indentation(lex, &err)) return err;
    }
    lex->tok_start = lex->cur;
    if (lex->pending != 0) {
        if (lex->pending < 0) {
            lex->pending++;
            return hl_lex_layout(lex, HL_TOK_DEDENT);
        }
        lex->pending--;
        return hl_lex_layout(lex, HL_TOK_INDENT);
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
            hl_token t = hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, lex->paren_line[lex->level - 1],
                                         lex->paren_col[lex->level - 1] + 1,
                                         lex->paren_line[lex->level - 1], 0, "'%c' was never closed",
                                         lex->parens[lex->level - 1]);
            lex->eof_in_brackets = true;
            lex->error_raised = false;
            return t;
        }
        hl_token t = hl_lex_layout(lex, HL_TOK_ENDMARKER);
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
                if (!hl_lex_string(lex, c, &err)) return err;
                return make(lex, HL_TOK_STRING, line, line_start);
            }
        }
        bool nonascii = false;
        while (is_ident_char(c)) {
            nonascii |= c >= 128;
            c = nextc(lex);
        }
        backup(lex, c);
        if (nonascii && !hl_lex_verify_identifier(lex, &err)) return err;
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
            if (!hl_lex_number(lex, c, true, &err)) return err;
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
        if (!hl_lex_number(lex, c, false, &err)) return err;
        return make(lex, HL_TOK_NUMBER, line, line_start);
    }

    if (c == '\'' || c == '"') {
        if (!hl_lex_string(lex, c, &err)) return err;
        return make(lex, HL_TOK_STRING, line, line_start);
    }

    if (c == '\\') {
        if (!hl_lex_continuation_line(lex, &err)) return err;
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
