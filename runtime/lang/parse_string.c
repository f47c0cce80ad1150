/* lang/parse_string.c: string literals and f-strings (CPython 3.11's string_parser.c).
 *
 * Owns: concatenating adjacent string tokens, decoding their bodies through the lexer, and
 * f-strings: literal parts, replacement fields with their conversions and format specs,
 * whose expressions are parsed by the expression parser with positions shifted into the
 * file. Calls parser.c's machinery, the lexer's literal decoding and parse_expr.c. */
#include "parser_internal.h"

/* ---- string literals and f-strings (CPython 3.11's string_parser.c) ---- */

typedef struct fbuild { /* a JoinedStr being built */
    vec parts;
    char *lit; /* the literal text not yet made a node */
    size_t lit_len, lit_cap;
    int line, col, end_line, end_col; /* the whole group of literals */
    int own[4]; /* a format spec's: the literal it is in, for itself and its last piece */
} fbuild;

static bool lit_append(parser *p, fbuild *b, const char *s, size_t n) {
    if (b->lit_len + n + 1 > b->lit_cap) {
        size_t cap = b->lit_cap ? b->lit_cap : 32;
        while (cap < b->lit_len + n + 1) cap *= 2;
        char *lit = hl_arena_alloc(p->arena, cap);
        if (!lit) {
            hl_parser_fail_memory(p);
            return false;
        }
        if (b->lit_len) memcpy(lit, b->lit, b->lit_len);
        b->lit = lit;
        b->lit_cap = cap;
    }
    memcpy(b->lit + b->lit_len, s, n);
    b->lit_len += n;
    b->lit[b->lit_len] = '\0';
    return true;
}

static hl_ast_node *group_node(parser *p, fbuild *b, hl_ast_kind kind) {
    hl_ast_node *n = hl_ast_new(p->arena, kind, b->line, b->col, b->end_line, b->end_col);
    if (!n) hl_parser_fail_memory(p);
    return n;
}

/* The pending literal becomes a Constant part; empty literals vanish, as in CPython. */
static bool flush_literal(parser *p, fbuild *b) {
    if (!b->lit_len) return true;
    hl_ast_node *n = group_node(p, b, HL_AST_STR);
    if (!n) return false;
    n->u.str.bytes = b->lit;
    n->u.str.len = b->lit_len;
    b->lit = NULL;
    b->lit_len = b->lit_cap = 0;
    return hl_parser_vec_push(p, &b->parts, hl_parser_finish(p, n));
}

/* CPython 3.11 places a JoinedStr and its last literal piece at the whole group, or for
 * a format spec at the one literal holding it; other pieces at the group. */
static hl_ast_node *fstring_node(parser *p, fbuild *b) {
    fbuild own = *b;
    own.line = b->own[0], own.col = b->own[1], own.end_line = b->own[2], own.end_col = b->own[3];
    if (!flush_literal(p, &own)) return NULL;
    hl_ast_node *n = group_node(p, &own, HL_AST_FSTRING);
    if (!n) return NULL;
    b->parts = own.parts;
    n->u.fstring.parts = as_list(b->parts);
    return hl_parser_finish(p, n);
}

/* Decodes one literal piece (raw or with escapes) and appends it. */
static bool append_decoded(parser *p, fbuild *b, const hl_token *t, const char *s, size_t len,
                           bool raw, bool bytes) {
    if (raw || !len) return lit_append(p, b, s, len);
    const char *error = NULL, *unsup = NULL;
    size_t out_len;
    int line, col;
    hl_parser_real_pos(p, t->line, t->col, &line, &col);
    char *out = hl_lex_decode_escapes(&p->lex, s, len, bytes, line, &out_len, &error, &unsup);
    if (!out) {
        if (error) FAIL_LAST(p, "%s", error);
        else hl_parser_fail_memory(p);
        return false;
    }
    if (unsup) {
        hl_ast_node *where = group_node(p, b, HL_AST_STR);
        if (where) hl_parser_unsupported(p, where, "\\N{...} escapes are");
    }
    return lit_append(p, b, out, out_len);
}

static bool fstring_parse(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t);

/* Parses an f-string's expression text as CPython 3.11 does: "(" text ")" on its own,
 * with node positions mapped back into the file and error positions left relative to the
 * parenthesized text. */
static hl_ast_node *fstring_compile(parser *p, const char *start, const char *end, const hl_token *t) {
    const char *s = start;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) s++;
    if (s == end) {
        if (*end == '!' || *end == ':' || *end == '=')
            FAIL_LAST(p, "f-string: expression required before '%c'", *end);
        else
            FAIL_LAST(p, "f-string: empty expression not allowed");
        return NULL;
    }
    size_t len = (size_t)(end - start);
    char *buf = hl_arena_alloc(p->arena, len + 4);
    if (!buf) {
        hl_parser_fail_memory(p);
        return NULL;
    }
    buf[0] = '(';
    memcpy(buf + 1, start, len);
    memcpy(buf + 1 + len, ")\n", 3);

    /* Where the '{' is in the file. */
    const char *brace = start - 1;
    int lines = 0;
    const char *line_begin = NULL;
    for (const char *q = t->text; q < brace; q++)
        if (*q == '\n') lines++, line_begin = q + 1;
    int tline, tcol;
    hl_parser_real_pos(p, t->line, t->col, &tline, &tcol);
    int brace_col = line_begin ? (int)(brace - line_begin) : tcol + (int)(brace - t->text);

    hl_lexer outer_lex = p->lex;
    hl_token tok = p->tok, ahead = p->ahead, prev = p->prev, last_real = p->last_real;
    bool has_ahead = p->has_ahead, in_fstring = p->in_fstring;
    int furthest_line = p->furthest_line, line_delta = p->fs_line_delta, col_delta = p->fs_col_delta;
    hl_token far = p->far;
    const char *far_end = p->far_end;
    p->far_end = NULL; /* the text is a buffer of its own */

    hl_lexer_init(&p->lex, buf, len + 3, p->arena);
    p->lex.warnings = outer_lex.warnings;
    p->lex.warnings_tail = outer_lex.warnings_tail;
    p->in_fstring = true;
    p->fs_line_delta = tline + lines - 1;
    p->fs_col_delta = brace_col;
    p->has_ahead = false;
    p->tok = hl_parser_lex_next(p);
    hl_ast_node *e = NULL;
    if (hl_parser_enter(p)) e = hl_parse_star_expressions(p);
    leave(p);

    hl_lang_warning *warnings = p->lex.warnings, **tail = p->lex.warnings_tail;
    p->lex = outer_lex;
    p->lex.warnings = warnings;
    p->lex.warnings_tail = tail;
    p->tok = tok, p->ahead = ahead, p->prev = prev, p->has_ahead = has_ahead, p->last_real = last_real;
    p->in_fstring = in_fstring;
    p->furthest_line = furthest_line, p->fs_line_delta = line_delta, p->fs_col_delta = col_delta;
    p->far = far, p->far_end = far_end;
    return p->failed ? NULL : e;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* One replacement field, *sp at its '{'. */
static bool fstring_field(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t) {
    if (level >= 2) {
        FAIL_LAST(p, "f-string: expressions nested too deeply");
        return false;
    }
    const char *s = *sp + 1, *expr_start = s;
    char quote = 0, parens[HL_LEX_MAX_LEVEL];
    int string_type = 0, depth = 0;
    for (; s < end; s++) {
        char ch = *s;
        if (ch == '\\') {
            FAIL_LAST(p, "f-string expression part cannot include a backslash");
            return false;
        }
        if (quote) {
            if (ch == quote) {
                if (string_type == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) {
                        s += 2;
                        string_type = 0, quote = 0;
                    }
                } else {
                    string_type = 0, quote = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (s + 2 < end && s[1] == ch && s[2] == ch) {
                string_type = 3;
                s += 2;
            } else {
                string_type = 1;
            }
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= HL_LEX_MAX_LEVEL) {
                FAIL_LAST(p, "f-string: too many nested parenthesis");
                return false;
            }
            parens[depth++] = ch;
        } else if (ch == '#') {
            FAIL_LAST(p, "f-string expression part cannot include '#'");
            return false;
        } else if (depth == 0 && strchr("!:}=<>", ch)) {
            if (s + 1 < end && s[1] == '=' && strchr("!=<>", ch)) { /* != == <= >= */
                s++;
                continue;
            }
            if (ch == '<' || ch == '>') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!depth) {
                FAIL_LAST(p, "f-string: unmatched '%c'", ch);
                return false;
            }
            char open = parens[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
                FAIL_LAST(p, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", ch, open);
                return false;
            }
        }
    }
    const char *expr_end = s;
    if (quote) {
        FAIL_LAST(p, "f-string: unterminated string");
        return false;
    }
    if (depth) {
        FAIL_LAST(p, "f-string: unmatched '%c'", parens[depth - 1]);
        return false;
    }
    if (s >= end) goto expecting;
    hl_ast_node *value = fstring_compile(p, expr_start, expr_end, t);
    if (!value) return false;
    const char *text_end = NULL;
    if (*s == '=') { /* f"{x=}": the text, then the value */
        s++;
        while (s < end && is_space(*s)) s++;
        if (s >= end) goto expecting;
        text_end = s;
    }
    int conversion = 0;
    if (*s == '!') {
        if (++s >= end) goto expecting;
        conversion = (unsigned char)*s++;
        if (conversion != 's' && conversion != 'r' && conversion != 'a') {
            FAIL_LAST(p, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return false;
        }
    }
    hl_ast_node *spec = NULL;
    if (s < end && *s == ':') {
        if (++s >= end) goto expecting;
        fbuild sb = {.line = b->line, .col = b->col, .end_line = b->end_line, .end_col = b->end_col};
        hl_parser_real_pos(p, t->line, t->col, &sb.own[0], &sb.own[1]);
        hl_parser_real_pos(p, t->end_line, t->end_col, &sb.own[2], &sb.own[3]);
        if (!fstring_parse(p, &sb, &s, end, raw, level + 1, t)) return false;
        spec = fstring_node(p, &sb);
        if (!spec) return false;
    }
    if (s >= end || *s != '}') goto expecting;
    *sp = s + 1;
    if (text_end && !spec && !conversion) conversion = 'r';
    if (text_end && !lit_append(p, b, expr_start, (size_t)(text_end - expr_start))) return false;
    if (!flush_literal(p, b)) return false;
    hl_ast_node *n = group_node(p, b, HL_AST_FORMATTED);
    if (!n) return false;
    n->u.formatted.value = value;
    n->u.formatted.conversion = conversion;
    n->u.formatted.format_spec = spec;
    return hl_parser_vec_push(p, &b->parts, hl_parser_finish(p, n));
expecting:
    FAIL_LAST(p, "f-string: expecting '}'");
    return false;
}

/* Literal text and fields up to the end, or (nested in a format spec) up to a '}'. */
static bool fstring_parse(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t) {
    const char *s = *sp;
    for (;;) {
        const char *lit_start = s, *lit_end;
        bool doubled = false;
        for (;;) {
            if (s >= end) {
                lit_end = s;
                break;
            }
            char ch = *s++;
            if (!raw && ch == '\\' && s < end) {
                ch = *s++;
                if (ch == 'N') { /* \N{...}: its braces are no field */
                    if (s < end && *s++ == '{')
                        while (s < end && *s++ != '}') {}
                    continue;
                }
                if (ch == '{') {
                    int line, col;
                    hl_parser_real_pos(p, t->line, t->col, &line, &col);
                    hl_lex_warn(&p->lex, "DeprecationWarning", line, "invalid escape sequence '\\{'");
                }
            }
            if (ch == '{' || ch == '}') {
                if (level == 0) {
                    if (s < end && *s == ch) { /* {{ or }} */
                        lit_end = s++;
                        doubled = true;
                        break;
                    }
                    if (ch == '}') {
                        FAIL_LAST(p, "f-string: single '}' is not allowed");
                        return false;
                    }
                }
                lit_end = --s;
                break;
            }
        }
        if (!append_decoded(p, b, t, lit_start, (size_t)(lit_end - lit_start), raw, false))
            return false;
        if (doubled) continue;
        if (s >= end || *s == '}') break;
        if (!fstring_field(p, b, &s, end, raw, level, t)) return false;
    }
    if (level != 0 && (s >= end || *s != '}')) {
        FAIL_LAST(p, "f-string: expecting '}'");
        return false;
    }
    *sp = s;
    return true;
}

static hl_ast_node *concatenate_strings(parser *p);

/* STRING+: adjacent literals joined into one str, or a JoinedStr when any is an f-string.
 * CPython decodes them in its first pass: their errors are final. */
hl_ast_node *hl_parse_strings(parser *p) {
    hl_ast_node *n = concatenate_strings(p);
    if (!n) p->hard_failed = true;
    return n;
}

static hl_ast_node *concatenate_strings(parser *p) {
    size_t n = 0, cap = 0;
    hl_token *toks = NULL;
    bool any_bytes = false, any_text = false, any_f = false;
    while (at(p, HL_TOK_STRING)) {
        void *room = hl_parser_make_room(p, toks, &cap, n, sizeof *toks);
        if (!room) return NULL;
        toks = room;
        toks[n] = p->tok;
        hl_string_parts sp;
        hl_lex_string_parts(p->tok.text, p->tok.len, &sp);
        any_bytes |= sp.bytes;
        any_text |= !sp.bytes;
        any_f |= sp.fstring;
        n++;
        hl_parser_advance(p);
    }
    fbuild b = {0};
    hl_parser_real_pos(p, toks[0].line, toks[0].col, &b.line, &b.col);
    hl_parser_real_pos(p, toks[n - 1].end_line, toks[n - 1].end_col, &b.end_line, &b.end_col);
    b.own[0] = b.line, b.own[1] = b.col, b.own[2] = b.end_line, b.own[3] = b.end_col;
    if (any_bytes && any_text) {
        FAIL_LAST(p, "cannot mix bytes and nonbytes literals");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        hl_string_parts sp;
        hl_lex_string_parts(toks[i].text, toks[i].len, &sp);
        if (sp.bytes)
            for (size_t k = 0; k < sp.len; k++)
                if ((unsigned char)sp.body[k] >= 0x80) {
                    FAIL_LAST(p, "bytes can only contain ASCII literal characters");
                    return NULL;
                }
        if (sp.fstring) {
            const char *s = sp.body;
            if (!fstring_parse(p, &b, &s, sp.body + sp.len, sp.raw, 0, &toks[i])) return NULL;
        } else if (!append_decoded(p, &b, &toks[i], sp.body, sp.len, sp.raw, sp.bytes)) {
            return NULL;
        }
    }
    if (any_f) return fstring_node(p, &b);
    hl_ast_node *str = group_node(p, &b, HL_AST_STR);
    if (!str) return NULL;
    str->u.str.bytes = b.lit ? b.lit : "";
    str->u.str.len = b.lit_len;
    if (any_bytes) hl_parser_unsupported(p, str, "bytes literals are");
    return hl_parser_finish(p, str);
}
