/* lang/parser.c: the parser's machinery and its entry point, hl_parse.
 *
 * Recursive descent over CPython 3.11's grammar (Grammar/python.gram). CPython's PEG parser
 * makes a second pass with "invalid_*" rules to choose its error messages; this parser makes
 * one pass and checks the same conditions where those rules would match, so the messages and
 * positions agree for the cases that matter. Binary operators are parsed by precedence
 * climbing over explicit stacks, conditional expressions by a loop, so only brackets (at most
 * 200 deep, the tokenizer's limit), lambdas and blocks (at most 100 deep) recurse in C, and
 * lambdas are counted.
 *
 * Errors come in four stages, and the first stage that has one wins, as in CPython: syntax
 * errors while parsing (first one found); then, once the whole file parsed, the tree too
 * deep to compile; the symbol-table errors (duplicate parameter, global after use, ...);
 * the compiler's ('return' outside function, ...). Unsupported constructs come last:
 * heaplab reports one only when CPython would have run the script.
 *
 * Owns: reporting and deferring errors, the token stream (advance, peek, accept), making
 * nodes, arena arrays, snapshots (save and restore for backtracking), and hl_parse itself.
 * The grammar is in the parse_*.c files (see parser_internal.h). Calls the lexer and the
 * AST; hl_parse calls down into parse_stmt.c and parse_symtable.c. */
#include "parser_internal.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- errors ---- */

static void set_error(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                      int end_col, const char *fmt, va_list ap) {
    if (p->failed) return;
    p->failed = true;
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    const char *msg = hl_lex_format(p->arena, "%s%s", p->in_fstring ? "f-string: " : "", buf);
    if (!msg) {
        p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
        return;
    }
    p->error = (hl_lang_error){kind, msg, line, col, end_line, end_col};
    p->check_rest = kind == HL_LANG_SYNTAX_ERROR || kind == HL_LANG_INDENTATION_ERROR;
    p->specific = !p->no_invalid; /* error rules are off inside expression_without_invalid */
}

void hl_parser_fail_at(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                       int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    set_error(p, kind, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
}

void hl_parser_fail_memory(parser *p) {
    if (p->failed) return;
    p->failed = true;
    p->check_rest = false;
    p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
}

/* CPython's location for a token: its span, or for INDENT, DEDENT and ENDMARKER (which have
 * no span) the tokenizer's current offset. */
void hl_parser_token_location(parser *p, const hl_token *t, int *line, int *col, int *end_line,
                              int *end_col) {
    *line = err_line(p, t->line);
    *end_line = err_line(p, t->end_line);
    if (t->col < 0) {
        *col = (int)(p->lex.cur - p->lex.line_start);
        *end_col = -1;
    } else {
        *col = t->col + 1;
        *end_col = t->end_col + 1;
    }
}

void hl_parser_fail_token(parser *p, const hl_token *t, hl_lang_error_kind kind, const char *fmt, ...) {
    int line, col, end_line, end_col;
    hl_parser_token_location(p, t, &line, &col, &end_line, &end_col);
    va_list ap;
    va_start(ap, fmt);
    set_error(p, kind, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
}

/* Node positions are real file positions; errors inside an f-string count from its
 * "(...)" text, as CPython's do. */
void hl_parser_node_err_pos(parser *p, int line, int col, int *eline, int *ecol) {
    if (p->in_fstring) {
        int l = line - p->fs_line_delta;
        *eline = line;
        *ecol = l == 1 ? col - p->fs_col_delta : col;
    } else {
        *eline = line;
        *ecol = col;
    }
}

/* RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b) */
void hl_parser_fail_range(parser *p, const hl_ast_node *a, const hl_ast_node *b, const char *fmt, ...) {
    int line, col, end_line, end_col;
    hl_parser_node_err_pos(p, a->line, a->col, &line, &col);
    hl_parser_node_err_pos(p, b->end_line, b->end_col, &end_line, &end_col);
    va_list ap;
    va_start(ap, fmt);
    set_error(p, HL_LANG_SYNTAX_ERROR, line, col + 1, end_line, end_col + 1, fmt, ap);
    va_end(ap);
}

/* A generic "invalid syntax" at token t, or CPython's indentation messages when t is an
 * INDENT or a DEDENT. */
void hl_parser_invalid_syntax_at(parser *p, const hl_token *t) {
    if (p->failed) return;
    if (t->kind == HL_TOK_INDENT || t->kind == HL_TOK_DEDENT) {
        hl_parser_fail_token(p, t, HL_LANG_INDENTATION_ERROR,
                             t->kind == HL_TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->check_rest = false;
        return;
    }
    hl_parser_fail_token(p, t, HL_LANG_SYNTAX_ERROR, "invalid syntax");
    p->specific = false;
}

/* Where CPython's first pass stopped: the furthest token read. Its error rules read further
 * in a second pass; a caller emulating one saves p->far first and reports at that. */
void hl_parser_invalid_syntax(parser *p) { hl_parser_invalid_syntax_at(p, &p->far); }

/* An error CPython finds after parsing, or an unsupported construct: the first of each
 * stage is kept, except that the compiler visits a node before its children, which were
 * parsed first: an error at an enclosing node (`order`) replaces one inside it. */
static void defer_va(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                     const char *fmt, va_list ap) {
    hl_lang_error *old = &p->deferred[stage];
    if (old->kind != HL_LANG_OK) {
        const int *o = p->deferred_order[stage];
        bool starts_before = order && (order->line < o[0] || (order->line == o[0] && order->col <= o[1]));
        bool ends_after = order && (order->end_line > o[2] || (order->end_line == o[2] && order->end_col >= o[3]));
        bool same = order && order->line == o[0] && order->col == o[1] && order->end_line == o[2] &&
                    order->end_col == o[3];
        bool encloses = stage == STAGE_COMPILER && starts_before && ends_after && !same;
        if (!encloses) return;
    }
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    const char *msg = hl_lex_format(p->arena, "%s", buf);
    if (!msg) {
        hl_parser_fail_memory(p);
        return;
    }
    hl_lang_error_kind kind = stage == STAGE_UNSUPPORTED ? HL_LANG_UNSUPPORTED
                              : stage == STAGE_HEIGHT    ? HL_LANG_RECURSION_ERROR
                                                         : HL_LANG_SYNTAX_ERROR;
    if (n) *old = (hl_lang_error){kind, msg, n->line, n->col + 1, n->end_line, n->end_col + 1};
    else *old = (hl_lang_error){kind, msg, 0, 0, 0, 0};
    if (order) {
        int *o = p->deferred_order[stage];
        o[0] = order->line, o[1] = order->col, o[2] = order->end_line, o[3] = order->end_col;
    }
}

void hl_parser_defer(parser *p, enum stage stage, const hl_ast_node *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    defer_va(p, stage, n, n, fmt, ap);
    va_end(ap);
}

void hl_parser_defer_ordered(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                             const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    defer_va(p, stage, order, n, fmt, ap);
    va_end(ap);
}

void hl_parser_unsupported(parser *p, const hl_ast_node *n, const char *what) {
    hl_parser_defer(p, STAGE_UNSUPPORTED, n, "%s not supported by heaplab", what);
}

/* ---- tokens ---- */

hl_token hl_parser_lex_next(parser *p) {
    hl_token t = hl_lexer_next(&p->lex);
    if (t.kind == HL_TOK_ERROR) {
        if (!p->failed) {
            p->failed = true;
            p->lexer_failed = true;
            p->check_rest = false;
            p->error = p->lex.error;
        }
        /* Stop here: the parser sees the end of input from now on. */
        t.kind = HL_TOK_ENDMARKER;
    } else {
        if (t.line > p->furthest_line) p->furthest_line = t.line;
        if (p->lex.cur >= p->far_end) {
            p->far = t;
            p->far_end = p->lex.cur;
        }
    }
    return t;
}

void hl_parser_advance(parser *p) {
    p->prev = p->tok;
    if (p->tok.kind != HL_TOK_NEWLINE && p->tok.kind != HL_TOK_INDENT && p->tok.kind != HL_TOK_DEDENT &&
        p->tok.kind != HL_TOK_ENDMARKER)
        p->last_real = p->tok;
    if (p->has_ahead) {
        p->tok = p->ahead;
        p->has_ahead = false;
    } else if (p->tok.kind != HL_TOK_ENDMARKER) {
        p->tok = hl_parser_lex_next(p);
    }
}

const hl_token *hl_parser_peek(parser *p) {
    if (!p->has_ahead) {
        p->ahead = p->tok.kind == HL_TOK_ENDMARKER ? p->tok : hl_parser_lex_next(p);
        p->has_ahead = true;
    }
    return &p->ahead;
}

/* ---- nodes ---- */

void hl_parser_real_pos(parser *p, int line, int col, int *rl, int *rc) {
    if (p->in_fstring) {
        *rl = line + p->fs_line_delta;
        *rc = line == 1 ? col + p->fs_col_delta : col;
    } else {
        *rl = line;
        *rc = col;
    }
}

/* A node from token `start` to the last token consumed, as CPython's EXTRA spans them. */
hl_ast_node *hl_parser_node_from(parser *p, hl_ast_kind kind, const hl_token *start) {
    int line, col, end_line, end_col;
    hl_parser_real_pos(p, start->line, start->col, &line, &col);
    hl_parser_real_pos(p, p->last_real.end_line, p->last_real.end_col, &end_line, &end_col);
    hl_ast_node *n = hl_ast_new(p->arena, kind, line, col, end_line, end_col);
    if (!n) hl_parser_fail_memory(p);
    return n;
}

/* A node spanning nodes a to b. */
hl_ast_node *hl_parser_node_span(parser *p, hl_ast_kind kind, const hl_ast_node *a, const hl_ast_node *b) {
    hl_ast_node *n = hl_ast_new(p->arena, kind, a->line, a->col, b->end_line, b->end_col);
    if (!n) hl_parser_fail_memory(p);
    return n;
}

/* Every node is finished once its children are in place: its height is checked against
 * the compiler's limit. */
hl_ast_node *hl_parser_finish(parser *p, hl_ast_node *n) {
    if (!n) return NULL;
    hl_ast_set_height(n);
    if (n->height > HL_AST_MAX_HEIGHT)
        hl_parser_defer(p, STAGE_HEIGHT, NULL, "maximum recursion depth exceeded during compilation");
    return n;
}

/* Makes room in an arena array of len items for one more, doubling it (the old copy
 * stays in the arena: at most as much again). Returns the array, or NULL. */
void *hl_parser_make_room(parser *p, void *items, size_t *cap, size_t len, size_t size) {
    if (len < *cap) return items;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *grown = hl_arena_alloc(p->arena, ncap * size);
    if (!grown) {
        hl_parser_fail_memory(p);
        return NULL;
    }
    if (len) memcpy(grown, items, len * size);
    *cap = ncap;
    return grown;
}

bool hl_parser_vec_push(parser *p, vec *v, hl_ast_node *n) {
    void *room = hl_parser_make_room(p, v->items, &v->cap, v->len, sizeof *v->items);
    if (!room) return false;
    v->items = room;
    v->items[v->len++] = n;
    return true;
}

char *hl_parser_token_text(parser *p, const hl_token *t) {
    char *s = hl_arena_strndup(p->arena, t->text, t->len);
    if (!s) hl_parser_fail_memory(p);
    return s;
}

hl_ast_node *hl_parser_name_node(parser *p, const hl_token *t) {
    hl_ast_node *n = hl_ast_new(p->arena, HL_AST_NAME, 0, 0, 0, 0);
    if (!n) {
        hl_parser_fail_memory(p);
        return NULL;
    }
    hl_parser_real_pos(p, t->line, t->col, &n->line, &n->col);
    hl_parser_real_pos(p, t->end_line, t->end_col, &n->end_line, &n->end_col);
    n->u.name.id = hl_parser_token_text(p, t);
    for (size_t i = 0; i < t->len; i++)
        if ((unsigned char)t->text[i] >= 0x80) {
            hl_parser_unsupported(p, n, "non-ASCII identifiers are");
            break;
        }
    return hl_parser_finish(p, n);
}

/* Snapshots for nested attempts come from a stack, reused: one per nesting level. */
snapshot *hl_parser_snap_get(parser *p) {
    if (p->snap_depth == p->n_snaps) {
        size_t old = p->n_snaps;
        void *room = hl_parser_make_room(p, p->snaps, &p->n_snaps, old, sizeof *p->snaps);
        if (!room) return NULL;
        p->snaps = room;
        memset(p->snaps + old, 0, (p->n_snaps - old) * sizeof *p->snaps);
    }
    snapshot **slot = &p->snaps[p->snap_depth];
    if (!*slot && !(*slot = hl_arena_alloc(p->arena, sizeof **slot))) {
        hl_parser_fail_memory(p);
        return NULL;
    }
    p->snap_depth++;
    return *slot;
}

void hl_parser_save(parser *p, snapshot *s) {
    s->lex = p->lex;
    s->tok = p->tok, s->ahead = p->ahead, s->prev = p->prev, s->has_ahead = p->has_ahead;
    s->last_real = p->last_real;
    s->furthest_line = p->furthest_line;
    s->n_ops = p->n_ops, s->n_vals = p->n_vals, s->n_awaits = p->n_awaits;
    memcpy(s->deferred, p->deferred, sizeof s->deferred);
    memcpy(s->deferred_order, p->deferred_order, sizeof s->deferred_order);
}

void hl_parser_restore(parser *p, const snapshot *s) {
    p->lex = s->lex;
    *p->lex.warnings_tail = NULL; /* drop warnings read ahead; they come again */
    p->tok = s->tok, p->ahead = s->ahead, p->prev = s->prev, p->has_ahead = s->has_ahead;
    p->last_real = s->last_real;
    p->n_ops = s->n_ops, p->n_vals = s->n_vals, p->n_awaits = s->n_awaits;
    memcpy(p->deferred, s->deferred, sizeof p->deferred);
    memcpy(p->deferred_order, s->deferred_order, sizeof p->deferred_order);
    p->failed = p->lexer_failed = p->hard_failed = p->specific = p->check_rest = false;
}

/* ---- the entry point ---- */

/* After a parser error, CPython reads the rest of the file: an error its tokenizer raises
 * there wins; one it only flags (indentation, a stray backslash, the end of input) stops the
 * reading, and then a bracket still open since before the line where parsing stopped wins. */
static void check_rest(parser *p) {
    int line = p->furthest_line;
    hl_token t;
    do t = hl_lexer_next(&p->lex);
    while (t.kind != HL_TOK_ENDMARKER && t.kind != HL_TOK_ERROR);
    hl_lexer *lex = &p->lex;
    if (t.kind == HL_TOK_ERROR && lex->error_raised) {
        p->error = lex->error;
        return;
    }
    if (lex->level > 0 && lex->paren_line[lex->level - 1] < line) {
        const char *msg = hl_lex_format(p->arena, "'%c' was never closed", lex->parens[lex->level - 1]);
        if (!msg) {
            p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
            return;
        }
        int pl = lex->paren_line[lex->level - 1];
        p->error = (hl_lang_error){HL_LANG_SYNTAX_ERROR, msg, pl, lex->paren_col[lex->level - 1] + 1, pl, 0};
    }
}

hl_parse_result hl_parse(const char *src, size_t len, const char *filename, hl_arena *arena) {
    hl_parse_result result = {0};
    size_t norm_len;
    char *norm = hl_lexer_normalize(src, len, filename, arena, &norm_len, &result.error);
    if (!norm) return result;
    parser *p = hl_arena_alloc(arena, sizeof *p);
    scope *module = p ? hl_arena_alloc(arena, sizeof *module) : NULL;
    if (!p || !module) {
        result.error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
        return result;
    }
    memset(p, 0, sizeof *p);
    memset(module, 0, sizeof *module);
    module->kind = SCOPE_MODULE;
    module->nonlocals_tail = &module->nonlocals;
    p->scope = module;
    p->arena = arena;
    p->filename = filename;
    hl_lexer_init(&p->lex, norm, norm_len, arena);
    p->tok = hl_parser_lex_next(p);

    vec body = {0};
    while (!p->failed && !at(p, HL_TOK_ENDMARKER)) hl_parse_statement(p, &body);
    hl_parser_settle_awaits(p);
    if (!p->failed) hl_parser_resolve_nonlocals(p, module);
    hl_ast_node *m = p->failed ? NULL : hl_ast_new(arena, HL_AST_MODULE, 1, 0, p->tok.line, 0);
    if (!p->failed && !m) hl_parser_fail_memory(p);

    if (p->failed) {
        if (p->check_rest) check_rest(p);
        result.error = p->error;
    } else {
        for (int stage = 0; stage < N_STAGES; stage++)
            if (p->deferred[stage].kind != HL_LANG_OK) {
                result.error = p->deferred[stage];
                break;
            }
    }
    if (result.error.kind == HL_LANG_OK) {
        m->u.module.body = as_list(body);
        hl_ast_set_height(m);
        result.module = m;
    }
    /* CPython reports character offsets; the parser counted bytes. */
    hl_lang_error *e = &result.error;
    if (e->kind != HL_LANG_OK) {
        e->col = hl_lex_char_offset(norm, norm + norm_len, e->line, e->col);
        e->end_col = hl_lex_char_offset(norm, norm + norm_len, e->end_line, e->end_col);
    }
    result.warnings = p->lex.warnings;
    return result;
}
