/* lang/parse_symtable.c: the parser's checks of CPython's symbol table and compiler.
 *
 * Names are recorded per function, class or module scope as CPython's symtable.c does, to
 * report what it reports before running anything: a global or nonlocal declaration after
 * a use, nonlocal names no enclosing function binds, duplicate parameters, awaits outside
 * async functions. Owns the parser's scopes (struct scope in parser_internal.h). Calls only
 * parser.c's machinery (errors, arena arrays) and the AST walker. */
#include "parser_internal.h"

static size_t hash_name(const char *s) {
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

static symbol *find_symbol(scope *s, const char *name) {
    if (!s->cap) return NULL;
    for (size_t i = hash_name(name) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->syms[i].name) return NULL;
        if (strcmp(s->syms[i].name, name) == 0) return &s->syms[i];
    }
}

static symbol *add_symbol(parser *p, scope *s, const char *name) {
    symbol *sym = find_symbol(s, name);
    if (sym) return sym;
    if (2 * (s->count + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        symbol *syms = hl_arena_alloc(p->arena, cap * sizeof *syms);
        if (!syms) {
            hl_parser_fail_memory(p);
            return NULL;
        }
        memset(syms, 0, cap * sizeof *syms);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->syms[i].name) continue;
            size_t j = hash_name(s->syms[i].name) & (cap - 1);
            while (syms[j].name) j = (j + 1) & (cap - 1);
            syms[j] = s->syms[i];
        }
        s->syms = syms;
        s->cap = cap;
    }
    size_t i = hash_name(name) & (s->cap - 1);
    while (s->syms[i].name) i = (i + 1) & (s->cap - 1);
    s->syms[i].name = name;
    s->syms[i].flags = 0;
    s->count++;
    return &s->syms[i];
}

void hl_parser_mark(parser *p, const char *name, unsigned flag) {
    symbol *sym = add_symbol(p, p->scope, name);
    if (sym) sym->flags |= flag;
}

scope *hl_parser_push_scope(parser *p, enum scope_kind kind) {
    scope *s = hl_arena_alloc(p->arena, sizeof *s);
    if (!s) {
        hl_parser_fail_memory(p);
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->parent = p->scope;
    s->kind = kind;
    p->scope = s;
    return s;
}

bool hl_parser_in_function(parser *p) {
    return p->scope->kind == SCOPE_FUNCTION || p->scope->kind == SCOPE_ASYNC_FUNCTION ||
           p->scope->kind == SCOPE_LAMBDA;
}

/* A parameter of the current (new) scope. */
void hl_parser_add_param(parser *p, hl_ast_node *arg) {
    symbol *sym = add_symbol(p, p->scope, arg->u.arg.name);
    if (!sym) return;
    if (sym->flags & DEF_PARAM)
        hl_parser_defer(p, STAGE_SYMTABLE, arg, "duplicate argument '%s' in function definition", arg->u.arg.name);
    sym->flags |= DEF_PARAM;
}

/* global and nonlocal statements. */
void hl_parser_declare(parser *p, const hl_ast_node *stmt, const char *name, bool global) {
    symbol *sym = add_symbol(p, p->scope, name);
    if (!sym) return;
    const char *what = global ? "global" : "nonlocal";
    if (sym->flags & DEF_PARAM)
        hl_parser_defer(p, STAGE_SYMTABLE, stmt, "name '%s' is parameter and %s", name, what);
    else if (sym->flags & DEF_USE)
        hl_parser_defer(p, STAGE_SYMTABLE, stmt, "name '%s' is used prior to %s declaration", name, what);
    else if (sym->flags & DEF_LOCAL)
        hl_parser_defer(p, STAGE_SYMTABLE, stmt, "name '%s' is assigned to before %s declaration", name, what);
    sym->flags |= global ? DEF_GLOBAL : DEF_NONLOCAL;
    if (global) return;
    if (p->scope->kind == SCOPE_MODULE) {
        hl_parser_defer(p, STAGE_ANALYSIS, stmt, "nonlocal declaration not allowed at module level");
        return;
    }
    nonlocal_decl *d = hl_arena_alloc(p->arena, sizeof *d);
    if (!d) {
        hl_parser_fail_memory(p);
        return;
    }
    scope *module = p->scope;
    while (module->parent) module = module->parent;
    *d = (nonlocal_decl){NULL, p->scope, name, stmt};
    *module->nonlocals_tail = d;
    module->nonlocals_tail = &d->next;
}

/* After the whole module: every nonlocal name must be bound in an enclosing function. */
void hl_parser_resolve_nonlocals(parser *p, scope *module) {
    for (nonlocal_decl *d = module->nonlocals; d; d = d->next) {
        bool found = false;
        for (scope *s = d->scope->parent; s && s->kind != SCOPE_MODULE; s = s->parent) {
            if (s->kind == SCOPE_CLASS) {
                found = strcmp(d->name, "__class__") == 0; /* a class gives its methods __class__ */
                if (found) break;
                continue;
            }
            symbol *sym = find_symbol(s, d->name);
            if (!sym) continue;
            if (sym->flags & DEF_GLOBAL) break;
            if (sym->flags & DEF_NONLOCAL) continue;
            if (sym->flags & (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)) {
                found = true;
                break;
            }
        }
        if (!found) hl_parser_defer(p, STAGE_ANALYSIS, d->stmt, "no binding for nonlocal '%s' found", d->name);
    }
}

/* Awaits no comprehension took: errors of the compiler, which settles them as it meets
 * them, statement by statement. */
void hl_parser_settle_awaits(parser *p) {
    for (size_t i = 0; i < p->n_awaits; i++)
        hl_parser_defer(p, STAGE_COMPILER, p->awaits[i].node,
                        p->awaits[i].in_function ? "'await' outside async function" : "'await' outside function");
    p->n_awaits = 0;
}

typedef struct walk {
    parser *p;
    vec stack;
} walk;

static void walk_push(hl_ast_node *child, void *ud) {
    walk *w = ud;
    hl_parser_vec_push(w->p, &w->stack, child);
}

/* Records the names an expression uses and binds in the current scope, as CPython's
 * symbol table visits them: lambda bodies and comprehensions after their first iterable
 * belong to scopes of their own. Iterative: expressions can be very deep. */

void hl_parser_record_names(parser *p, hl_ast_node *expr) {
    hl_parser_settle_awaits(p);
    if (!expr || p->failed) return;
    walk w = {p, {0}};
    hl_parser_vec_push(p, &w.stack, expr);
    while (w.stack.len && !p->failed) {
        hl_ast_node *n = w.stack.items[--w.stack.len];
        switch (n->kind) {
        case HL_AST_NAME:
            hl_parser_mark(p, n->u.name.id, n->u.name.ctx == HL_CTX_LOAD ? DEF_USE : DEF_LOCAL);
            break;
        case HL_AST_LAMBDA: {
            hl_ast_params *ps = &n->u.lambda.params;
            for (size_t i = 0; i < ps->defaults.len; i++) walk_push(ps->defaults.items[i], &w);
            for (size_t i = 0; i < ps->kw_defaults.len; i++)
                if (ps->kw_defaults.items[i]) walk_push(ps->kw_defaults.items[i], &w);
            break;
        }
        case HL_AST_LISTCOMP: case HL_AST_SETCOMP: case HL_AST_DICTCOMP: case HL_AST_GENEXP:
            walk_push(n->u.comp.generators.items[0]->u.comprehension.iter, &w);
            break;
        default:
            hl_ast_each_child(n, walk_push, &w);
            break;
        }
    }
}
