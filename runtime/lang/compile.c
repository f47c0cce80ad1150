/* lang/compile.c: the compiler's core: syntax tree to bytecode, one code object per module,
 * def, lambda and comprehension (comprehensions are functions called at once, as in CPython
 * 3.11, so their variables do not leak). Names are resolved here for good: locals to frame
 * slots, closure variables to cells, globals to the module's slots.
 *
 * Everything the compiler allocates goes through the runtime: bytecode buffers from its
 * heap, scope tables from the parse arena, constants as rooted lists.
 *
 * Owns: failure reporting, emitting instructions, the units (one per code object being
 * built), code objects and function objects, and hl_compile. The rest is in
 * compile_const.c (constants and folding), compile_expr.c (names and expressions),
 * compile_target.c (assignment targets) and compile_stmt.c (statements), sharing
 * compile_internal.h. Calls the scopes (scope.c), the code objects (code.c) and the
 * runtime's object API. */
#include "compile_internal.h"

#include <string.h>

#include "heaplab/dict.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "vm.h"

/* ---------------------------------------------------------------- failure */

void hl_compile_fail_nomem(compiler *c)
{
    if (!c->failed) {
        c->failed = true;
        c->err->kind = HL_LANG_MEMORY_ERROR;
        if (!hl_error_occurred(c->rt))
            hl_error_nomem(c->rt);
    }
}

void hl_compile_unsupported(compiler *c, const hl_ast_node *n, const char *what)
{
    if (c->failed)
        return;
    c->failed = true;
    c->err->kind = HL_LANG_UNSUPPORTED;
    c->err->message = hl_lex_format(c->arena, "%s not supported by heaplab", what);
    if (!c->err->message)
        c->err->message = "this construct is not supported by heaplab";
    c->err->line = n->line;
    c->err->col = n->col + 1;
    c->err->end_line = n->end_line;
    c->err->end_col = n->end_col + 1;
}

/* ---------------------------------------------------------------- emitting */

size_t hl_compile_emit(unit *u, int op, uint32_t arg, int effect)
{
    compiler *c = u->c;
    if (c->failed)
        return 0;
    if (arg > HL_ARG_MAX) {
        c->failed = true;
        c->err->kind = HL_LANG_MEMORY_ERROR;
        hl_error_set(c->rt, HL_EXC_MEMORY_ERROR, "code too large for heaplab's bytecode");
        return 0;
    }
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        uint32_t *code = hl_heap_realloc(c->rt, u->code, u->cap * sizeof *code, cap * sizeof *code, HL_BLOCK_INTERNAL);
        if (!code) {
            hl_compile_fail_nomem(c);
            return 0;
        }
        u->code = code;
        hl_code_pos *pos = hl_heap_realloc(c->rt, u->pos, u->cap * sizeof *pos, cap * sizeof *pos, HL_BLOCK_INTERNAL);
        if (!pos) { /* keep the sizes of both buffers equal to cap */
            uint32_t *back = hl_heap_realloc(c->rt, u->code, cap * sizeof *code, u->cap * sizeof *code, HL_BLOCK_INTERNAL);
            if (back)
                u->code = back;
            else
                hl_heap_free(c->rt, u->code, cap * sizeof *code), u->code = NULL, u->n = 0, u->cap = 0;
            hl_compile_fail_nomem(c);
            return 0;
        }
        u->pos = pos;
        u->cap = cap;
    }
    u->code[u->n] = HL_INSN(op, arg);
    u->pos[u->n] = (hl_code_pos){(uint32_t)u->line, (uint32_t)u->col};
    u->depth += effect;
    if (u->depth > u->maxdepth)
        u->maxdepth = u->depth;
    return u->n++;
}

/* ---------------------------------------------------------------- code objects */

/* The qualified name of a scope's code: "f", "outer.<locals>.f". */
static const char *qualname(compiler *c, const hl_scope *s, const char *name)
{
    const hl_scope *p = s->parent;
    if (!p || p->kind == HL_SCOPE_MODULE)
        return name;
    const hl_ast_node *pn = p->node;
    const char *pname = pn->kind == HL_AST_FUNCTIONDEF ? pn->u.def.name
                        : pn->kind == HL_AST_LAMBDA    ? "<lambda>"
                        : pn->kind == HL_AST_LISTCOMP  ? "<listcomp>"
                        : pn->kind == HL_AST_SETCOMP   ? "<setcomp>"
                        : pn->kind == HL_AST_DICTCOMP  ? "<dictcomp>"
                                                       : "<genexpr>";
    const char *outer = qualname(c, p, pname);
    const char *q = hl_lex_format(c->arena, "%s.<locals>.%s", outer, name);
    if (!q)
        hl_compile_fail_nomem(c);
    return q ? q : name;
}

static void comprehension_body(unit *u, const hl_ast_node *n)
{
    int kind = n->kind;
    hl_compile_emit(u, kind == HL_AST_SETCOMP ? OP_BUILD_SET : kind == HL_AST_DICTCOMP ? OP_BUILD_MAP : OP_BUILD_LIST, 0, 1);
    const hl_ast_list *gens = &n->u.comp.generators;
    size_t *starts = hl_arena_alloc(u->c->arena, gens->len * 2 * sizeof *starts);
    if (!starts) {
        hl_compile_fail_nomem(u->c);
        return;
    }
    size_t *exits = starts + gens->len;
    for (size_t i = 0; i < gens->len; i++) {
        const hl_ast_node *g = gens->items[i];
        if (i == 0) {
            hl_compile_emit(u, OP_LOAD_FAST, 0, 1); /* ".0": the iterator the caller passed */
        } else {
            hl_compile_expr(u, g->u.comprehension.iter);
            at(u, g->u.comprehension.iter);
            hl_compile_emit(u, OP_GET_ITER, 0, 0);
        }
        starts[i] = here(u);
        exits[i] = hl_compile_emit(u, OP_FOR_ITER, 0, 1);
        hl_compile_store(u, g->u.comprehension.target);
        for (size_t k = 0; k < g->u.comprehension.ifs.len; k++) {
            hl_compile_expr(u, g->u.comprehension.ifs.items[k]);
            hl_compile_emit(u, OP_POP_JUMP_IF_FALSE, (uint32_t)starts[i], -1);
        }
    }
    uint32_t depth = (uint32_t)gens->len + 1; /* the iterators sit above the result */
    if (kind == HL_AST_DICTCOMP) {
        hl_compile_expr(u, n->u.comp.elt);
        hl_compile_expr(u, n->u.comp.value);
        hl_compile_emit(u, OP_MAP_ADD, depth, -2);
    } else {
        hl_compile_expr(u, n->u.comp.elt);
        hl_compile_emit(u, kind == HL_AST_SETCOMP ? OP_SET_ADD : OP_LIST_APPEND, depth, -1);
    }
    for (size_t i = gens->len; i-- > 0;) {
        hl_compile_emit(u, OP_JUMP, (uint32_t)starts[i], 0);
        patch(u, exits[i], here(u));
        u->depth--;
    }
    hl_compile_emit(u, OP_RETURN_VALUE, 0, -1);
}

static void unit_free(compiler *c, unit *u)
{
    hl_heap_free(c->rt, u->code, u->cap * sizeof *u->code);
    hl_heap_free(c->rt, u->pos, u->cap * sizeof *u->pos);
}

/* Compile the body of node (module, def, lambda, comprehension) into a code object. */
static hl_value compile_code(compiler *c, unit *parent, const hl_ast_node *node, const char *name)
{
    hl_runtime *rt = c->rt;
    hl_scope *s = parent ? hl_scope_of(c->root, node) : c->root;
    unit u;
    memset(&u, 0, sizeof u);
    u.c = c;
    u.scope = s;
    u.line = node->line;
    HL_ROOT(rt, u.consts);
    HL_ROOT(rt, u.str_index);
    HL_ROOT(rt, u.int_index);
    hl_value code = HL_NOVALUE;
    if (!(u.consts = hl_list_new(rt, 0)) || !(u.str_index = hl_dict_new(rt)) || !(u.int_index = hl_dict_new(rt))) {
        hl_compile_fail_nomem(c);
        goto out;
    }
    if (s->kind != HL_SCOPE_MODULE) /* cells first, so parameters captured by closures work */
        for (size_t i = 0; i < s->nsyms; i++)
            if ((s->syms[i].flags & SYM_CELL) && (s->syms[i].flags & SYM_LOCAL))
                hl_compile_emit(&u, OP_MAKE_CELL, (uint32_t)s->syms[i].slot, 0);
    switch (node->kind) {
    case HL_AST_MODULE:
        hl_compile_stmts(&u, &node->u.module.body);
        load_const(&u, HL_NONE);
        hl_compile_emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_FUNCTIONDEF:
        hl_compile_stmts(&u, &node->u.def.body);
        load_const(&u, HL_NONE);
        hl_compile_emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_LAMBDA:
        hl_compile_expr(&u, node->u.lambda.body);
        hl_compile_emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    default:
        comprehension_body(&u, node);
        break;
    }
    if (c->failed)
        goto out;
    hl_value consts = hl_tuple_new(rt, hl_list_items(u.consts), hl_list_size(u.consts));
    HL_ROOT(rt, consts);
    hl_value varnames = consts ? hl_tuple_new(rt, NULL, (size_t)(s->nlocals + s->nfree)) : HL_NOVALUE;
    HL_ROOT(rt, varnames);
    for (size_t i = 0; varnames && i < s->nsyms; i++) {
        const hl_sym *sym = &s->syms[i];
        if (sym->slot < 0)
            continue;
        hl_value nm = hl_compile_name_str(c, sym->name);
        if (!nm)
            varnames = HL_NOVALUE;
        else
            hl_tuple_init_item(rt, varnames, (size_t)sym->slot, nm);
    }
    hl_value names[2] = {varnames ? hl_compile_name_str(c, name) : HL_NOVALUE, HL_NOVALUE};
    hl_root_array(rt, names, 2);
    if (names[0])
        names[1] = hl_compile_name_str(c, qualname(c, s, name));
    if (names[1])
        code = hl_code_new(rt, u.code, u.pos, u.n);
    if (code) {
        hl_code *co = hl_as_code(code);
        co->consts = consts;
        co->varnames = varnames;
        co->name = names[0];
        co->qualname = names[1];
        co->filename = c->filename;
        co->nargs = (uint32_t)s->nargs;
        co->nkwonly = (uint32_t)s->nkwonly;
        co->nlocals = (uint32_t)s->nlocals;
        co->nfree = (uint32_t)s->nfree;
        co->stacksize = (uint32_t)u.maxdepth + 2;
        co->flags = (s->varargs ? HL_CODE_VARARGS : 0) | (s->varkw ? HL_CODE_VARKW : 0) |
                    (s->kind == HL_SCOPE_MODULE ? HL_CODE_MODULE : 0) |
                    (s->kind == HL_SCOPE_COMPREHENSION ? HL_CODE_COMPREHENSION : 0);
        co->firstline = (uint32_t)node->line;
    } else {
        hl_compile_fail_nomem(c);
    }
    hl_unroot_array(rt);
    HL_UNROOT(rt, 2);
out:
    HL_UNROOT(rt, 3);
    unit_free(c, &u);
    return c->failed ? HL_NOVALUE : code;
}

/* [defaults] [kwdefaults] [closure] code -> MAKE_FUNCTION, leaving the function on the stack. */
void hl_compile_function_object(unit *u, const hl_ast_node *n, const hl_ast_params *params, const char *name)
{
    compiler *c = u->c;
    uint32_t flags = 0;
    int pushed = 0;
    if (params && params->defaults.len) {
        hl_compile_exprs(u, &params->defaults);
        at(u, n);
        hl_compile_emit(u, OP_BUILD_TUPLE, (uint32_t)params->defaults.len, 1 - (int)params->defaults.len);
        flags |= HL_MAKE_DEFAULTS;
        pushed++;
    }
    if (params) {
        size_t nkw = 0;
        for (size_t i = 0; i < params->kw_defaults.len; i++) {
            if (!params->kw_defaults.items[i])
                continue;
            load_const(u, hl_compile_name_str(c, params->kwonly.items[i]->u.arg.name));
            hl_compile_expr(u, params->kw_defaults.items[i]);
            nkw++;
        }
        if (nkw) {
            hl_compile_emit(u, OP_BUILD_MAP, (uint32_t)nkw, 1 - 2 * (int)nkw);
            flags |= HL_MAKE_KWDEFAULTS;
            pushed++;
        }
    }
    hl_scope *s = hl_scope_of(c->root, n);
    if (!s) {
        hl_compile_fail_nomem(c);
        return;
    }
    if (s->nfree) {
        for (int i = 0; i < s->nfree; i++) {
            const hl_sym *fv = hl_scope_free(s, (size_t)i);
            hl_sym *mine = fv ? hl_scope_lookup(u->scope, fv->name) : NULL;
            if (!mine || mine->slot < 0) { /* the analysis guarantees it; never here */
                hl_compile_unsupported(c, n, "this closure is");
                return;
            }
            hl_compile_emit(u, OP_LOAD_FAST, (uint32_t)mine->slot, 1); /* the cell itself */
        }
        hl_compile_emit(u, OP_BUILD_TUPLE, (uint32_t)s->nfree, 1 - s->nfree);
        flags |= HL_MAKE_CLOSURE;
        pushed++;
    }
    hl_value code = compile_code(c, u, n, name);
    if (!code)
        return;
    load_const(u, code);
    at(u, n);
    hl_compile_emit(u, OP_MAKE_FUNCTION, flags, -pushed);
}

hl_value hl_compile(hl_runtime *rt, const hl_ast_node *module, hl_value module_obj, const char *filename,
                    bool interactive, hl_arena *arena, hl_lang_error *err)
{
    memset(err, 0, sizeof *err);
    const hl_lang *L = rt->ext;
    compiler c = {rt, arena, NULL, module_obj, HL_NOVALUE, interactive, L && L->snapshot_each_line, false, err};
    c.root = hl_scope_analyze(module, arena);
    if (!c.root) {
        hl_compile_fail_nomem(&c);
        return HL_NOVALUE;
    }
    HL_ROOT(rt, c.module);
    HL_ROOT(rt, c.filename);
    c.filename = hl_str_from_cstr(rt, filename);
    hl_value code = c.filename ? compile_code(&c, NULL, module, "<module>") : HL_NOVALUE;
    if (!c.filename)
        hl_compile_fail_nomem(&c);
    HL_UNROOT(rt, 2);
    return code;
}
