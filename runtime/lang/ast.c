/* lang/ast.c: node allocation, traversal helpers and the s-expression dumper. */
#include "ast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

hl_ast_node *hl_ast_new(hl_arena *arena, hl_ast_kind kind, int line, int col, int end_line,
                        int end_col) {
    hl_ast_node *n = hl_arena_alloc(arena, sizeof *n);
    if (!n) return NULL;
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = line;
    n->col = col;
    n->end_line = end_line;
    n->end_col = end_col;
    return n;
}

/* ---- traversal ---- */

typedef void (*child_fn)(hl_ast_node *child, void *ud);

static void each(const hl_ast_list *list, child_fn fn, void *ud) {
    for (size_t i = 0; i < list->len; i++)
        if (list->items[i]) fn(list->items[i], ud);
}

static void one(hl_ast_node *n, child_fn fn, void *ud) {
    if (n) fn(n, ud);
}

static void each_param(const hl_ast_params *p, child_fn fn, void *ud) {
    /* Defaults come before the parameters in source only as values; keep source order of
     * positions: each parameter, then its default. */
    size_t first_default = p->args.len - p->defaults.len;
    for (size_t i = 0; i < p->args.len; i++) {
        fn(p->args.items[i], ud);
        if (i >= first_default) fn(p->defaults.items[i - first_default], ud);
    }
    one(p->vararg, fn, ud);
    for (size_t i = 0; i < p->kwonly.len; i++) {
        fn(p->kwonly.items[i], ud);
        one(p->kw_defaults.items[i], fn, ud);
    }
    one(p->kwarg, fn, ud);
}

void hl_ast_each_child(const hl_ast_node *n, child_fn fn, void *ud) {
    switch (n->kind) {
    case HL_AST_INT: case HL_AST_FLOAT: case HL_AST_STR: case HL_AST_CONSTANT: case HL_AST_NAME:
    case HL_AST_ARG: case HL_AST_ALIAS: case HL_AST_PASS: case HL_AST_BREAK:
    case HL_AST_CONTINUE: case HL_AST_GLOBAL: case HL_AST_NONLOCAL: case HL_AST_IMPORT:
    case HL_AST_IMPORTFROM:
        break;
    case HL_AST_FSTRING: each(&n->u.fstring.parts, fn, ud); break;
    case HL_AST_FORMATTED:
        fn(n->u.formatted.value, ud);
        one(n->u.formatted.format_spec, fn, ud);
        break;
    case HL_AST_LIST: case HL_AST_TUPLE: case HL_AST_SET: each(&n->u.seq.items, fn, ud); break;
    case HL_AST_DICT:
        for (size_t i = 0; i < n->u.dict.keys.len; i++) {
            one(n->u.dict.keys.items[i], fn, ud);
            fn(n->u.dict.values.items[i], ud);
        }
        break;
    case HL_AST_ATTRIBUTE: fn(n->u.attribute.value, ud); break;
    case HL_AST_SUBSCRIPT:
        fn(n->u.subscript.value, ud);
        fn(n->u.subscript.index, ud);
        break;
    case HL_AST_SLICE:
        one(n->u.slice.lower, fn, ud);
        one(n->u.slice.upper, fn, ud);
        one(n->u.slice.step, fn, ud);
        break;
    case HL_AST_CALL:
        fn(n->u.call.func, ud);
        each(&n->u.call.args, fn, ud);
        each(&n->u.call.keywords, fn, ud);
        break;
    case HL_AST_KEYWORD: fn(n->u.keyword.value, ud); break;
    case HL_AST_STARRED: fn(n->u.starred.value, ud); break;
    case HL_AST_UNARY: fn(n->u.unary.operand, ud); break;
    case HL_AST_BINARY:
        fn(n->u.binary.left, ud);
        fn(n->u.binary.right, ud);
        break;
    case HL_AST_BOOL: each(&n->u.boolop.values, fn, ud); break;
    case HL_AST_COMPARE:
        fn(n->u.compare.left, ud);
        each(&n->u.compare.comparators, fn, ud);
        break;
    case HL_AST_IFEXP:
        fn(n->u.ifexp.body, ud);
        fn(n->u.ifexp.test, ud);
        fn(n->u.ifexp.orelse, ud);
        break;
    case HL_AST_LAMBDA:
        each_param(&n->u.lambda.params, fn, ud);
        fn(n->u.lambda.body, ud);
        break;
    case HL_AST_LISTCOMP: case HL_AST_SETCOMP: case HL_AST_GENEXP: case HL_AST_DICTCOMP:
        fn(n->u.comp.elt, ud);
        one(n->u.comp.value, fn, ud);
        each(&n->u.comp.generators, fn, ud);
        break;
    case HL_AST_COMPREHENSION:
        fn(n->u.comprehension.target, ud);
        fn(n->u.comprehension.iter, ud);
        each(&n->u.comprehension.ifs, fn, ud);
        break;
    case HL_AST_UNSUPPORTED: one(n->u.unsupported.value, fn, ud); break;
    case HL_AST_MODULE: each(&n->u.module.body, fn, ud); break;
    case HL_AST_EXPR: fn(n->u.expr.value, ud); break;
    case HL_AST_ASSIGN:
        each(&n->u.assign.targets, fn, ud);
        fn(n->u.assign.value, ud);
        break;
    case HL_AST_AUGASSIGN:
        fn(n->u.augassign.target, ud);
        fn(n->u.augassign.value, ud);
        break;
    case HL_AST_DELETE: each(&n->u.del.targets, fn, ud); break;
    case HL_AST_IF: case HL_AST_WHILE:
        fn(n->u.if_.test, ud);
        each(&n->u.if_.body, fn, ud);
        each(&n->u.if_.orelse, fn, ud);
        break;
    case HL_AST_FOR:
        fn(n->u.for_.target, ud);
        fn(n->u.for_.iter, ud);
        each(&n->u.for_.body, fn, ud);
        each(&n->u.for_.orelse, fn, ud);
        break;
    case HL_AST_FUNCTIONDEF:
        each_param(&n->u.def.params, fn, ud);
        each(&n->u.def.body, fn, ud);
        break;
    case HL_AST_RETURN: one(n->u.ret.value, fn, ud); break;
    case HL_AST_ASSERT:
        fn(n->u.assert_.test, ud);
        one(n->u.assert_.msg, fn, ud);
        break;
    case HL_AST_RAISE:
        one(n->u.raise.exc, fn, ud);
        one(n->u.raise.cause, fn, ud);
        break;
    }
}

static void max_height(hl_ast_node *child, void *ud) {
    unsigned *h = ud;
    if (child->height > *h) *h = child->height;
}

void hl_ast_set_height(hl_ast_node *n) {
    unsigned h = 0;
    hl_ast_each_child(n, max_height, &h);
    bool helper = n->kind == HL_AST_KEYWORD || n->kind == HL_AST_COMPREHENSION ||
                  n->kind == HL_AST_ARG || n->kind == HL_AST_ALIAS || n->kind == HL_AST_MODULE;
    if (!helper) h++;
    n->height = (uint16_t)(h > UINT16_MAX ? UINT16_MAX : h);
}

/* ---- names ---- */

const char *hl_ast_describe(const hl_ast_node *n) {
    switch (n->kind) {
    case HL_AST_ATTRIBUTE: return "attribute";
    case HL_AST_SUBSCRIPT: return "subscript";
    case HL_AST_STARRED: return "starred";
    case HL_AST_NAME: return "name";
    case HL_AST_LIST: return "list";
    case HL_AST_TUPLE: return "tuple";
    case HL_AST_LAMBDA: return "lambda";
    case HL_AST_CALL: return "function call";
    case HL_AST_BOOL: case HL_AST_BINARY: case HL_AST_UNARY: return "expression";
    case HL_AST_GENEXP: return "generator expression";
    case HL_AST_LISTCOMP: return "list comprehension";
    case HL_AST_SETCOMP: return "set comprehension";
    case HL_AST_DICTCOMP: return "dict comprehension";
    case HL_AST_DICT: return "dict literal";
    case HL_AST_SET: return "set display";
    case HL_AST_FSTRING: case HL_AST_FORMATTED: return "f-string expression";
    case HL_AST_CONSTANT:
        switch (n->u.constant) {
        case HL_CONST_NONE: return "None";
        case HL_CONST_TRUE: return "True";
        case HL_CONST_FALSE: return "False";
        case HL_CONST_ELLIPSIS: return "ellipsis";
        }
        return "literal";
    case HL_AST_INT: case HL_AST_FLOAT: case HL_AST_STR: return "literal";
    case HL_AST_COMPARE: return "comparison";
    case HL_AST_IFEXP: return "conditional expression";
    case HL_AST_UNSUPPORTED: return n->u.unsupported.what;
    default: return "expression";
    }
}

const char *hl_ast_op_text(hl_ast_op op) {
    static const char *const text[] = {
        "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
        "not", "-", "+", "~", "and", "or",
        "==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"};
    return text[op];
}

/* ---- the dumper ----
 * Iterative, so that no tree can overflow the C stack: expanding a node writes its text
 * into a scratch buffer and lists the pieces (text spans and child nodes) it is made of;
 * the pieces go on a work stack, children to be expanded in turn. */

typedef struct piece {
    const hl_ast_node *node; /* a child to expand, or NULL for text */
    size_t off, len;         /* the text: a span of the scratch buffer */
} piece;

typedef struct out {
    hl_arena *arena;
    bool oom;
    unsigned flags;
    char *buf; /* scratch text */
    size_t len, cap;
    size_t text_from;  /* scratch text not yet made a piece */
    piece *pieces;     /* of the node being expanded */
    size_t n_pieces, cap_pieces;
} out;

/* An arena array holding at least `need` items, the first `used` kept; NULL when memory
 * runs out. */
static void *reserve(out *o, void *items, size_t *cap, size_t need, size_t used, size_t size) {
    if (need <= *cap) return items;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) ncap *= 2;
    void *n = hl_arena_alloc(o->arena, ncap * size);
    if (!n) {
        o->oom = true;
        return NULL;
    }
    if (used) memcpy(n, items, used * size);
    *cap = ncap;
    return n;
}

static void put(out *o, const char *s, size_t n) {
    if (o->oom) return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->len + n + 1) cap *= 2;
        char *b = hl_arena_alloc(o->arena, cap);
        if (!b) {
            o->oom = true;
            return;
        }
        if (o->len) memcpy(b, o->buf, o->len);
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void add_piece(out *o, const hl_ast_node *n) {
    if (o->len > o->text_from || n) {
        piece *pieces = reserve(o, o->pieces, &o->cap_pieces, o->n_pieces + 1, o->n_pieces, sizeof *pieces);
        if (!pieces) return;
        o->pieces = pieces;
        o->pieces[o->n_pieces++] = (piece){n, o->text_from, o->len - o->text_from};
        o->text_from = o->len;
    }
}

/* A child node: written out after the text so far. */
static void node(out *o, const hl_ast_node *n) {
    add_piece(o, NULL);
    add_piece(o, n);
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(out *o, const char *fmt, ...) {
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void pos(out *o, const hl_ast_node *n) {
    if (o->flags & HL_AST_DUMP_POSITIONS)
        putf(o, "@%d:%d-%d:%d", n->line, n->col, n->end_line, n->end_col);
}

static void ctx(out *o, hl_ast_ctx c) {
    if (c == HL_CTX_STORE) puts_(o, ":s");
    else if (c == HL_CTX_DEL) puts_(o, ":d");
}

/* Python's repr of a float: the shortest digits that round-trip, in fixed notation for
 * exponents from -4 to 15 and scientific notation otherwise. */
static void float_repr(out *o, double v) {
    if (isinf(v)) {
        puts_(o, v > 0 ? "inf" : "-inf");
        return;
    }
    if (isnan(v)) {
        puts_(o, "nan");
        return;
    }
    char buf[40];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    char digits[20];
    int nd = 0;
    const char *p = buf;
    bool neg = *p == '-';
    if (neg) p++;
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits[nd++] = *p;
    int exp = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    if (neg) puts_(o, "-");
    if (exp >= -5 + 1 && exp < 16) {
        if (exp < 0) {
            puts_(o, "0.");
            for (int i = 0; i < -exp - 1; i++) puts_(o, "0");
            put(o, digits, (size_t)nd);
        } else {
            for (int i = 0; i <= exp; i++) put(o, i < nd ? &digits[i] : "0", 1);
            puts_(o, ".");
            if (nd > exp + 1) put(o, digits + exp + 1, (size_t)(nd - exp - 1));
            else puts_(o, "0");
        }
    } else {
        put(o, digits, 1);
        if (nd > 1) {
            puts_(o, ".");
            put(o, digits + 1, (size_t)(nd - 1));
        }
        putf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
}

static void str_repr(out *o, const char *s, size_t len) {
    puts_(o, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') putf(o, "\\%c", c);
        else if (c < 0x20 || c == 0x7f) putf(o, "\\x%02x", c);
        else put(o, (const char *)&s[i], 1);
    }
    puts_(o, "\"");
}

static void list(out *o, const hl_ast_list *l) {
    for (size_t i = 0; i < l->len; i++) {
        puts_(o, " ");
        node(o, l->items[i]);
    }
}

static void block(out *o, const hl_ast_list *l) {
    puts_(o, " (");
    for (size_t i = 0; i < l->len; i++) {
        if (i) puts_(o, " ");
        node(o, l->items[i]);
    }
    puts_(o, ")");
}

static void params(out *o, const hl_ast_params *p) {
    puts_(o, "(");
    const char *sep = "";
    size_t first_default = p->args.len - p->defaults.len;
    for (size_t i = 0; i < p->args.len; i++, sep = " ") {
        puts_(o, sep);
        if (i >= first_default) {
            puts_(o, "(");
            node(o, p->args.items[i]);
            puts_(o, " ");
            node(o, p->defaults.items[i - first_default]);
            puts_(o, ")");
        } else {
            node(o, p->args.items[i]);
        }
    }
    if (p->vararg || p->kwonly.len) {
        puts_(o, sep);
        puts_(o, "*");
        if (p->vararg) node(o, p->vararg);
        sep = " ";
    }
    for (size_t i = 0; i < p->kwonly.len; i++) {
        puts_(o, " ");
        if (p->kw_defaults.items[i]) {
            puts_(o, "(");
            node(o, p->kwonly.items[i]);
            puts_(o, " ");
            node(o, p->kw_defaults.items[i]);
            puts_(o, ")");
        } else {
            node(o, p->kwonly.items[i]);
        }
    }
    if (p->kwarg) {
        puts_(o, sep);
        puts_(o, "**");
        node(o, p->kwarg);
    }
    puts_(o, ")");
}

static void opt(out *o, const hl_ast_node *n) {
    puts_(o, " ");
    if (n) node(o, n);
    else puts_(o, "_");
}

/* The loops of the dumper live in small functions of their own, so that the recursion
 * through node() keeps small frames even unoptimized under a sanitizer: a tree may be
 * HL_AST_MAX_HEIGHT deep. */
static void dict_items(out *o, const hl_ast_node *n) {
    for (size_t i = 0; i < n->u.dict.keys.len; i++) {
        puts_(o, " (");
        if (n->u.dict.keys.items[i]) node(o, n->u.dict.keys.items[i]);
        else puts_(o, "**");
        opt(o, n->u.dict.values.items[i]);
        puts_(o, ")");
    }
}

static void comparisons(out *o, const hl_ast_node *n) {
    for (size_t i = 0; i < n->u.compare.comparators.len; i++) {
        const char *op = hl_ast_op_text(n->u.compare.ops[i]);
        puts_(o, " ");
        for (; *op; op++) put(o, *op == ' ' ? "-" : op, 1);
        opt(o, n->u.compare.comparators.items[i]);
    }
}

static void conditions(out *o, const hl_ast_list *ifs) {
    for (size_t i = 0; i < ifs->len; i++) {
        puts_(o, " (if");
        opt(o, ifs->items[i]);
        puts_(o, ")");
    }
}

static void names(out *o, const hl_ast_node *n) {
    for (size_t i = 0; i < n->u.names.len; i++) {
        puts_(o, " ");
        puts_(o, n->u.names.names[i]);
    }
}

static void import_from(out *o, const hl_ast_node *n) {
    puts_(o, "from ");
    for (int i = 0; i < n->u.import_from.level; i++) puts_(o, ".");
    if (n->u.import_from.module) puts_(o, n->u.import_from.module);
}

static const char *const unary_names[] = {"not", "neg", "pos", "invert"};
static const char *const constant_names[] = {"None", "True", "False", "..."};

/* Writes one node, its children as pieces. */
static void expand(out *o, const hl_ast_node *n) {
    switch (n->kind) {
    case HL_AST_INT:
        puts_(o, n->u.int_lit.text);
        pos(o, n);
        return;
    case HL_AST_FLOAT:
        float_repr(o, n->u.float_lit.value);
        pos(o, n);
        return;
    case HL_AST_STR:
        str_repr(o, n->u.str.bytes, n->u.str.len);
        pos(o, n);
        return;
    case HL_AST_CONSTANT:
        puts_(o, constant_names[n->u.constant]);
        pos(o, n);
        return;
    case HL_AST_NAME:
        puts_(o, n->u.name.id);
        ctx(o, n->u.name.ctx);
        pos(o, n);
        return;
    case HL_AST_ARG:
        puts_(o, n->u.arg.name);
        pos(o, n);
        return;
    case HL_AST_ALIAS:
        puts_(o, n->u.alias.name);
        pos(o, n);
        if (n->u.alias.asname) {
            puts_(o, " as ");
            puts_(o, n->u.alias.asname);
        }
        return;
    default: break;
    }
    puts_(o, "(");
    switch (n->kind) {
    case HL_AST_FSTRING: puts_(o, "fstr"); pos(o, n); list(o, &n->u.fstring.parts); break;
    case HL_AST_FORMATTED:
        puts_(o, "fv");
        pos(o, n);
        opt(o, n->u.formatted.value);
        if (n->u.formatted.conversion) putf(o, " !%c", n->u.formatted.conversion);
        if (n->u.formatted.format_spec) opt(o, n->u.formatted.format_spec);
        break;
    case HL_AST_LIST: case HL_AST_TUPLE: case HL_AST_SET:
        puts_(o, n->kind == HL_AST_LIST ? "list" : n->kind == HL_AST_TUPLE ? "tuple" : "set");
        ctx(o, n->u.seq.ctx);
        pos(o, n);
        list(o, &n->u.seq.items);
        break;
    case HL_AST_DICT:
        puts_(o, "dict");
        pos(o, n);
        dict_items(o, n);
        break;
    case HL_AST_ATTRIBUTE:
        puts_(o, ".");
        ctx(o, n->u.attribute.ctx);
        pos(o, n);
        opt(o, n->u.attribute.value);
        puts_(o, " ");
        puts_(o, n->u.attribute.attr);
        break;
    case HL_AST_SUBSCRIPT:
        puts_(o, "sub");
        ctx(o, n->u.subscript.ctx);
        pos(o, n);
        opt(o, n->u.subscript.value);
        opt(o, n->u.subscript.index);
        break;
    case HL_AST_SLICE:
        puts_(o, "slice");
        pos(o, n);
        opt(o, n->u.slice.lower);
        opt(o, n->u.slice.upper);
        opt(o, n->u.slice.step);
        break;
    case HL_AST_CALL:
        puts_(o, "call");
        pos(o, n);
        opt(o, n->u.call.func);
        list(o, &n->u.call.args);
        list(o, &n->u.call.keywords);
        break;
    case HL_AST_KEYWORD:
        puts_(o, n->u.keyword.name ? "kw " : "**");
        if (n->u.keyword.name) puts_(o, n->u.keyword.name);
        pos(o, n);
        opt(o, n->u.keyword.value);
        break;
    case HL_AST_STARRED:
        puts_(o, "*");
        ctx(o, n->u.starred.ctx);
        pos(o, n);
        opt(o, n->u.starred.value);
        break;
    case HL_AST_UNARY:
        puts_(o, unary_names[n->u.unary.op - HL_OP_NOT]);
        pos(o, n);
        opt(o, n->u.unary.operand);
        break;
    case HL_AST_BINARY:
        puts_(o, hl_ast_op_text(n->u.binary.op));
        pos(o, n);
        opt(o, n->u.binary.left);
        opt(o, n->u.binary.right);
        break;
    case HL_AST_BOOL:
        puts_(o, hl_ast_op_text(n->u.boolop.op));
        pos(o, n);
        list(o, &n->u.boolop.values);
        break;
    case HL_AST_COMPARE:
        puts_(o, "cmp");
        pos(o, n);
        opt(o, n->u.compare.left);
        comparisons(o, n);
        break;
    case HL_AST_IFEXP:
        puts_(o, "if-exp");
        pos(o, n);
        opt(o, n->u.ifexp.test);
        opt(o, n->u.ifexp.body);
        opt(o, n->u.ifexp.orelse);
        break;
    case HL_AST_LAMBDA:
        puts_(o, "lambda");
        pos(o, n);
        puts_(o, " ");
        params(o, &n->u.lambda.params);
        opt(o, n->u.lambda.body);
        break;
    case HL_AST_LISTCOMP: case HL_AST_SETCOMP: case HL_AST_GENEXP: case HL_AST_DICTCOMP:
        puts_(o, n->kind == HL_AST_LISTCOMP ? "listcomp" : n->kind == HL_AST_SETCOMP ? "setcomp"
                 : n->kind == HL_AST_GENEXP ? "genexp" : "dictcomp");
        pos(o, n);
        opt(o, n->u.comp.elt);
        if (n->kind == HL_AST_DICTCOMP) opt(o, n->u.comp.value);
        list(o, &n->u.comp.generators);
        break;
    case HL_AST_COMPREHENSION:
        puts_(o, "for");
        opt(o, n->u.comprehension.target);
        opt(o, n->u.comprehension.iter);
        conditions(o, &n->u.comprehension.ifs);
        break;
    case HL_AST_UNSUPPORTED:
        puts_(o, n->u.unsupported.what);
        pos(o, n);
        if (n->u.unsupported.value) opt(o, n->u.unsupported.value);
        break;
    case HL_AST_MODULE:
        puts_(o, "module");
        list(o, &n->u.module.body);
        break;
    case HL_AST_EXPR: puts_(o, "expr"); pos(o, n); opt(o, n->u.expr.value); break;
    case HL_AST_ASSIGN:
        puts_(o, "=");
        pos(o, n);
        list(o, &n->u.assign.targets);
        opt(o, n->u.assign.value);
        break;
    case HL_AST_AUGASSIGN:
        puts_(o, hl_ast_op_text(n->u.augassign.op));
        puts_(o, "=");
        pos(o, n);
        opt(o, n->u.augassign.target);
        opt(o, n->u.augassign.value);
        break;
    case HL_AST_DELETE: puts_(o, "del"); pos(o, n); list(o, &n->u.del.targets); break;
    case HL_AST_PASS: puts_(o, "pass"); pos(o, n); break;
    case HL_AST_BREAK: puts_(o, "break"); pos(o, n); break;
    case HL_AST_CONTINUE: puts_(o, "continue"); pos(o, n); break;
    case HL_AST_IF: case HL_AST_WHILE:
        puts_(o, n->kind == HL_AST_IF ? "if" : "while");
        pos(o, n);
        opt(o, n->u.if_.test);
        block(o, &n->u.if_.body);
        if (n->u.if_.orelse.len) block(o, &n->u.if_.orelse);
        break;
    case HL_AST_FOR:
        puts_(o, "for");
        pos(o, n);
        opt(o, n->u.for_.target);
        opt(o, n->u.for_.iter);
        block(o, &n->u.for_.body);
        if (n->u.for_.orelse.len) block(o, &n->u.for_.orelse);
        break;
    case HL_AST_FUNCTIONDEF:
        puts_(o, "def ");
        puts_(o, n->u.def.name);
        pos(o, n);
        puts_(o, " ");
        params(o, &n->u.def.params);
        block(o, &n->u.def.body);
        break;
    case HL_AST_RETURN:
        puts_(o, "return");
        pos(o, n);
        if (n->u.ret.value) opt(o, n->u.ret.value);
        break;
    case HL_AST_GLOBAL: case HL_AST_NONLOCAL:
        puts_(o, n->kind == HL_AST_GLOBAL ? "global" : "nonlocal");
        pos(o, n);
        names(o, n);
        break;
    case HL_AST_IMPORT: puts_(o, "import"); pos(o, n); list(o, &n->u.import.names); break;
    case HL_AST_IMPORTFROM:
        import_from(o, n);
        pos(o, n);
        list(o, &n->u.import_from.names);
        break;
    case HL_AST_ASSERT:
        puts_(o, "assert");
        pos(o, n);
        opt(o, n->u.assert_.test);
        if (n->u.assert_.msg) opt(o, n->u.assert_.msg);
        break;
    case HL_AST_RAISE:
        puts_(o, "raise");
        pos(o, n);
        if (n->u.raise.exc) opt(o, n->u.raise.exc);
        if (n->u.raise.cause) {
            puts_(o, " from");
            opt(o, n->u.raise.cause);
        }
        break;
    default: break;
    }
    puts_(o, ")");
}

char *hl_ast_dump(const hl_ast_node *root, unsigned flags, hl_arena *arena) {
    out o = {.arena = arena, .flags = flags};
    char *result = NULL;
    size_t len = 0, cap = 0;
    piece *stack = NULL;
    size_t depth = 0, stack_cap = 0;
    if (!(stack = reserve(&o, stack, &stack_cap, 1, 0, sizeof *stack))) return NULL;
    stack[depth++] = (piece){root, 0, 0};
    while (depth && !o.oom) {
        piece top = stack[--depth];
        if (!top.node) {
            if (!(result = reserve(&o, result, &cap, len + top.len + 1, len, 1))) break;
            memcpy(result + len, o.buf + top.off, top.len);
            len += top.len;
            continue;
        }
        o.n_pieces = 0;
        o.text_from = o.len;
        expand(&o, top.node);
        add_piece(&o, NULL);
        for (size_t i = o.n_pieces; i > 0 && !o.oom; i--) {
            if (!(stack = reserve(&o, stack, &stack_cap, depth + 1, depth, sizeof *stack))) break;
            stack[depth++] = o.pieces[i - 1];
        }
    }
    if (o.oom || !(result = reserve(&o, result, &cap, len + 1, len, 1))) return NULL;
    result[len] = '\0';
    return result;
}
