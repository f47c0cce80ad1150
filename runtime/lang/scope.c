/* Scope analysis: one pass collects, per scope, the names bound, used and declared; a second
 * decides each name's kind (CPython's rules: bound in a function means local unless declared
 * global or nonlocal; used and bound in an enclosing function means free here and a cell
 * there, passing through the scopes between; anything else is global) and numbers the
 * slots: parameters, then other locals, then free variables. */
#include <string.h>

#include "scope.h"

typedef struct walker {
    hl_arena *arena;
    bool failed;
} walker;

static hl_scope *new_scope(walker *w, hl_scope_kind kind, const hl_ast_node *node, hl_scope *parent)
{
    hl_scope *s = hl_arena_alloc(w->arena, sizeof *s);
    if (!s) {
        w->failed = true;
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->parent = parent;
    if (parent) { /* children in source order */
        hl_scope **p = &parent->first_child;
        while (*p)
            p = &(*p)->next_sibling;
        *p = s;
    }
    return s;
}

hl_sym *hl_scope_lookup(hl_scope *s, const char *name)
{
    for (size_t i = 0; i < s->nsyms; i++)
        if (strcmp(s->syms[i].name, name) == 0)
            return &s->syms[i];
    return NULL;
}

static hl_sym *add(walker *w, hl_scope *s, const char *name, unsigned flags)
{
    if (!s)
        return NULL;
    hl_sym *sym = hl_scope_lookup(s, name);
    if (!sym) {
        if (s->nsyms == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 8;
            hl_sym *syms = hl_arena_alloc(w->arena, cap * sizeof *syms);
            if (!syms) {
                w->failed = true;
                return NULL;
            }
            if (s->nsyms)
                memcpy(syms, s->syms, s->nsyms * sizeof *syms);
            s->syms = syms;
            s->cap = cap;
        }
        sym = &s->syms[s->nsyms++];
        sym->name = name;
        sym->flags = 0;
        sym->slot = -1;
    }
    sym->flags |= flags;
    return sym;
}

/* ---------------------------------------------------------------- collecting */

static void visit_expr(walker *w, hl_scope *s, const hl_ast_node *n);
static void visit_stmts(walker *w, hl_scope *s, const hl_ast_list *body);

static void visit_list(walker *w, hl_scope *s, const hl_ast_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        visit_expr(w, s, l->items[i]);
}

static void visit_params(walker *w, hl_scope *outer, hl_scope *inner, const hl_ast_params *p)
{
    visit_list(w, outer, &p->defaults);
    for (size_t i = 0; i < p->kw_defaults.len; i++)
        if (p->kw_defaults.items[i])
            visit_expr(w, outer, p->kw_defaults.items[i]);
    for (size_t i = 0; i < p->args.len; i++)
        add(w, inner, p->args.items[i]->u.arg.name, SYM_PARAM);
    for (size_t i = 0; i < p->kwonly.len; i++)
        add(w, inner, p->kwonly.items[i]->u.arg.name, SYM_PARAM);
    if (inner) {
        inner->nargs = (int)p->args.len;
        inner->nkwonly = (int)p->kwonly.len;
        inner->varargs = p->vararg != NULL;
        inner->varkw = p->kwarg != NULL;
    }
    if (p->vararg)
        add(w, inner, p->vararg->u.arg.name, SYM_PARAM);
    if (p->kwarg)
        add(w, inner, p->kwarg->u.arg.name, SYM_PARAM);
}

/* A comprehension: the first iterable belongs to the enclosing scope, the rest to a scope of
 * its own whose parameter ".0" is that iterable's iterator. */
static void visit_comprehension(walker *w, hl_scope *s, const hl_ast_node *n)
{
    const hl_ast_list *gens = &n->u.comp.generators;
    visit_expr(w, s, gens->items[0]->u.comprehension.iter);
    hl_scope *c = new_scope(w, HL_SCOPE_COMPREHENSION, n, s);
    add(w, c, ".0", SYM_PARAM);
    if (c)
        c->nargs = 1;
    for (size_t i = 0; i < gens->len; i++) {
        const hl_ast_node *g = gens->items[i];
        if (i)
            visit_expr(w, c, g->u.comprehension.iter);
        visit_expr(w, c, g->u.comprehension.target);
        visit_list(w, c, &g->u.comprehension.ifs);
    }
    visit_expr(w, c, n->u.comp.elt);
    if (n->u.comp.value)
        visit_expr(w, c, n->u.comp.value);
}

static void visit_expr(walker *w, hl_scope *s, const hl_ast_node *n)
{
    if (!n || w->failed)
        return;
    switch (n->kind) {
    case HL_AST_NAME:
        add(w, s, n->u.name.id, n->u.name.ctx == HL_CTX_LOAD ? SYM_USED : SYM_ASSIGNED);
        break;
    case HL_AST_FSTRING: visit_list(w, s, &n->u.fstring.parts); break;
    case HL_AST_FORMATTED:
        visit_expr(w, s, n->u.formatted.value);
        visit_expr(w, s, n->u.formatted.format_spec);
        break;
    case HL_AST_LIST:
    case HL_AST_TUPLE:
    case HL_AST_SET: visit_list(w, s, &n->u.seq.items); break;
    case HL_AST_DICT:
        for (size_t i = 0; i < n->u.dict.keys.len; i++) {
            visit_expr(w, s, n->u.dict.keys.items[i]);
            visit_expr(w, s, n->u.dict.values.items[i]);
        }
        break;
    case HL_AST_ATTRIBUTE: visit_expr(w, s, n->u.attribute.value); break;
    case HL_AST_SUBSCRIPT:
        visit_expr(w, s, n->u.subscript.value);
        visit_expr(w, s, n->u.subscript.index);
        break;
    case HL_AST_SLICE:
        visit_expr(w, s, n->u.slice.lower);
        visit_expr(w, s, n->u.slice.upper);
        visit_expr(w, s, n->u.slice.step);
        break;
    case HL_AST_CALL:
        visit_expr(w, s, n->u.call.func);
        visit_list(w, s, &n->u.call.args);
        visit_list(w, s, &n->u.call.keywords);
        break;
    case HL_AST_KEYWORD: visit_expr(w, s, n->u.keyword.value); break;
    case HL_AST_STARRED: visit_expr(w, s, n->u.starred.value); break;
    case HL_AST_UNARY: visit_expr(w, s, n->u.unary.operand); break;
    case HL_AST_BINARY:
        visit_expr(w, s, n->u.binary.left);
        visit_expr(w, s, n->u.binary.right);
        break;
    case HL_AST_BOOL: visit_list(w, s, &n->u.boolop.values); break;
    case HL_AST_COMPARE:
        visit_expr(w, s, n->u.compare.left);
        visit_list(w, s, &n->u.compare.comparators);
        break;
    case HL_AST_IFEXP:
        visit_expr(w, s, n->u.ifexp.test);
        visit_expr(w, s, n->u.ifexp.body);
        visit_expr(w, s, n->u.ifexp.orelse);
        break;
    case HL_AST_LAMBDA: {
        hl_scope *f = new_scope(w, HL_SCOPE_FUNCTION, n, s);
        visit_params(w, s, f, &n->u.lambda.params);
        visit_expr(w, f, n->u.lambda.body);
        break;
    }
    case HL_AST_LISTCOMP:
    case HL_AST_SETCOMP:
    case HL_AST_DICTCOMP:
    case HL_AST_GENEXP: visit_comprehension(w, s, n); break;
    default: break; /* literals */
    }
}

static void visit_stmt(walker *w, hl_scope *s, const hl_ast_node *n)
{
    if (w->failed)
        return;
    switch (n->kind) {
    case HL_AST_EXPR: visit_expr(w, s, n->u.expr.value); break;
    case HL_AST_ASSIGN:
        visit_expr(w, s, n->u.assign.value);
        visit_list(w, s, &n->u.assign.targets);
        break;
    case HL_AST_AUGASSIGN: {
        const hl_ast_node *t = n->u.augassign.target;
        if (t->kind == HL_AST_NAME)
            add(w, s, t->u.name.id, SYM_USED | SYM_ASSIGNED);
        else
            visit_expr(w, s, t);
        visit_expr(w, s, n->u.augassign.value);
        break;
    }
    case HL_AST_DELETE: visit_list(w, s, &n->u.del.targets); break;
    case HL_AST_IF:
    case HL_AST_WHILE:
        visit_expr(w, s, n->u.if_.test);
        visit_stmts(w, s, &n->u.if_.body);
        visit_stmts(w, s, &n->u.if_.orelse);
        break;
    case HL_AST_FOR:
        visit_expr(w, s, n->u.for_.iter);
        visit_expr(w, s, n->u.for_.target);
        visit_stmts(w, s, &n->u.for_.body);
        visit_stmts(w, s, &n->u.for_.orelse);
        break;
    case HL_AST_FUNCTIONDEF: {
        add(w, s, n->u.def.name, SYM_ASSIGNED);
        hl_scope *f = new_scope(w, HL_SCOPE_FUNCTION, n, s);
        visit_params(w, s, f, &n->u.def.params);
        visit_stmts(w, f, &n->u.def.body);
        break;
    }
    case HL_AST_RETURN: visit_expr(w, s, n->u.ret.value); break;
    case HL_AST_GLOBAL:
    case HL_AST_NONLOCAL:
        for (size_t i = 0; i < n->u.names.len; i++)
            add(w, s, n->u.names.names[i], n->kind == HL_AST_GLOBAL ? SYM_GLOBAL : SYM_NONLOCAL);
        break;
    case HL_AST_IMPORT:
    case HL_AST_IMPORTFROM: {
        const hl_ast_list *names = n->kind == HL_AST_IMPORT ? &n->u.import.names : &n->u.import_from.names;
        for (size_t i = 0; i < names->len; i++) {
            const hl_ast_node *a = names->items[i];
            const char *bound = a->u.alias.asname ? a->u.alias.asname : a->u.alias.name;
            if (!a->u.alias.asname && n->kind == HL_AST_IMPORT && strchr(bound, '.')) {
                size_t len = (size_t)(strchr(bound, '.') - bound);
                bound = hl_arena_strndup(w->arena, bound, len);
                if (!bound) {
                    w->failed = true;
                    return;
                }
            }
            add(w, s, bound, SYM_ASSIGNED);
        }
        break;
    }
    case HL_AST_ASSERT:
        visit_expr(w, s, n->u.assert_.test);
        visit_expr(w, s, n->u.assert_.msg);
        break;
    case HL_AST_RAISE:
        visit_expr(w, s, n->u.raise.exc);
        visit_expr(w, s, n->u.raise.cause);
        break;
    default: break; /* pass, break, continue */
    }
}

static void visit_stmts(walker *w, hl_scope *s, const hl_ast_list *body)
{
    for (size_t i = 0; i < body->len && !w->failed; i++)
        visit_stmt(w, s, body->items[i]);
}

/* ---------------------------------------------------------------- resolving */

static bool binds(const hl_sym *sym)
{
    return (sym->flags & (SYM_PARAM | SYM_ASSIGNED)) && !(sym->flags & (SYM_GLOBAL | SYM_NONLOCAL));
}

/* name is used in s but not bound there: find the enclosing function that binds it. Marks it
 * a cell there and free in every scope between. */
static void resolve_free(walker *w, hl_scope *s, hl_sym *sym)
{
    for (hl_scope *p = s->parent; p && p->kind != HL_SCOPE_MODULE; p = p->parent) {
        hl_sym *o = hl_scope_lookup(p, sym->name);
        if (o && (o->flags & SYM_GLOBAL))
            return; /* global there, so global here */
        if (o && (binds(o) || (o->flags & (SYM_FREE | SYM_NONLOCAL)))) {
            if (binds(o))
                o->flags |= SYM_CELL;
            sym->flags |= SYM_FREE;
            for (hl_scope *q = s->parent; q != p; q = q->parent)
                add(w, q, sym->name, SYM_FREE);
            return;
        }
    }
}

static void resolve(walker *w, hl_scope *s)
{
    for (hl_scope *c = s->first_child; c; c = c->next_sibling)
        resolve(w, c);
    if (s->kind == HL_SCOPE_MODULE)
        return;
    for (size_t i = 0; i < s->nsyms; i++) {
        hl_sym *sym = &s->syms[i];
        if (binds(sym))
            sym->flags |= SYM_LOCAL;
        else if (!(sym->flags & SYM_GLOBAL) && !(sym->flags & SYM_FREE))
            resolve_free(w, s, sym);
    }
}

/* Slots after resolution: the inner scopes' cell marks are in, since children resolve
 * first and mark their parents. */
static void number(hl_scope *s)
{
    for (hl_scope *c = s->first_child; c; c = c->next_sibling)
        number(c);
    if (s->kind == HL_SCOPE_MODULE)
        return;
    int slot = 0;
    for (size_t i = 0; i < s->nsyms; i++) /* parameters come first, in order */
        if (s->syms[i].flags & SYM_PARAM)
            s->syms[i].slot = slot++;
    for (size_t i = 0; i < s->nsyms; i++)
        if ((s->syms[i].flags & SYM_LOCAL) && !(s->syms[i].flags & SYM_PARAM))
            s->syms[i].slot = slot++;
    s->nlocals = slot;
    for (size_t i = 0; i < s->nsyms; i++)
        if ((s->syms[i].flags & SYM_FREE) && !(s->syms[i].flags & SYM_LOCAL))
            s->syms[i].slot = slot++;
    s->nfree = slot - s->nlocals;
}

hl_scope *hl_scope_analyze(const hl_ast_node *module, hl_arena *arena)
{
    walker w = {arena, false};
    hl_scope *root = new_scope(&w, HL_SCOPE_MODULE, module, NULL);
    if (!root)
        return NULL;
    visit_stmts(&w, root, &module->u.module.body);
    if (w.failed)
        return NULL;
    /* Resolution runs twice: a pass-through free variable added to a middle scope by a deep
     * child must itself be resolved against the scopes above the middle one. */
    resolve(&w, root);
    resolve(&w, root);
    if (w.failed)
        return NULL;
    number(root);
    return root;
}

hl_scope *hl_scope_of(hl_scope *root, const hl_ast_node *node)
{
    if (root->node == node)
        return root;
    for (hl_scope *c = root->first_child; c; c = c->next_sibling) {
        hl_scope *s = hl_scope_of(c, node);
        if (s)
            return s;
    }
    return NULL;
}

const hl_sym *hl_scope_free(const hl_scope *s, size_t i)
{
    for (size_t k = 0; k < s->nsyms; k++)
        if (s->syms[k].slot == s->nlocals + (int)i && (s->syms[k].flags & SYM_FREE) && !(s->syms[k].flags & SYM_LOCAL))
            return &s->syms[k];
    return NULL;
}
