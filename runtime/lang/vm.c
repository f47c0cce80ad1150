/* The interpreter loop.
 *
 * One C activation of run() executes any number of nested Python calls: a call pushes a
 * frame record and moves the loop's registers (pc, sp, slots) to the callee, a return moves
 * them back (as Lua's luaV_execute). The callee's arguments already sit where its first
 * slots go: the stack is [.., f, a1, .., an] at the call, and slot 0 is a1.
 *
 * Rooting: the live values are stack[0..L->sp). The loop keeps sp in a register and stores
 * it back (SAVE) before any operation that can allocate or call out, with the operands still
 * below it, and pops them only after the result is safe on the stack. */
#include <stdio.h>
#include <string.h>

#include "../type.h"
#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "modules.h"
#include "ops.h"
#include "snapshots.h"
#include "vm.h"

#define STACK_MARGIN 8 /* room a native call may push above a frame (bound-method self) */

/* ---------------------------------------------------------------- the value stack */

/* Make room for stack[0..need). Frames address the stack by index, so it can move; a C
 * caller below a nested run may still read its arguments from the old block, which is kept
 * until the outermost run returns. */
static int ensure_stack(hl_lang *L, size_t need)
{
    if (need <= L->stack_cap)
        return 0;
    hl_runtime *rt = L->rt;
    size_t cap = L->stack_cap * 2;
    while (cap < need)
        cap *= 2;
    if (cap > ((size_t)1 << 25)) /* 256 MiB of values: far past any recursion limit */
        return hl_error_set(rt, HL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    hl_value *s = hl_heap_alloc(rt, cap * sizeof(hl_value), HL_BLOCK_ROOT);
    if (!s)
        return hl_error_nomem(rt);
    memcpy(s, L->stack, L->sp * sizeof(hl_value));
    memset(s + L->sp, 0, (cap - L->sp) * sizeof(hl_value));
    if (L->native_depth) {
        /* New arrays, not realloc: one failing after the other grew would leave that one's
         * size out of step with nretired, and it is freed by that count. */
        size_t n = L->nretired;
        void **r = hl_heap_alloc(rt, (n + 1) * sizeof(void *), HL_BLOCK_INTERNAL);
        size_t *c = r ? hl_heap_alloc(rt, (n + 1) * sizeof(size_t), HL_BLOCK_INTERNAL) : NULL;
        if (!c) {
            hl_heap_free(rt, r, (n + 1) * sizeof(void *));
            hl_heap_free(rt, s, cap * sizeof(hl_value));
            return hl_error_nomem(rt);
        }
        if (n) {
            memcpy(r, L->retired, n * sizeof(void *));
            memcpy(c, L->retired_caps, n * sizeof(size_t));
        }
        hl_heap_free(rt, L->retired, n * sizeof(void *));
        hl_heap_free(rt, L->retired_caps, n * sizeof(size_t));
        L->retired = r;
        L->retired_caps = c;
        L->retired[L->nretired] = L->stack;
        L->retired_caps[L->nretired++] = L->stack_cap;
    } else {
        hl_heap_free(rt, L->stack, L->stack_cap * sizeof(hl_value));
    }
    L->stack = s;
    L->stack_cap = cap;
    return 0;
}

static void free_retired(hl_lang *L)
{
    for (size_t i = 0; i < L->nretired; i++)
        hl_heap_free(L->rt, L->retired[i], L->retired_caps[i] * sizeof(hl_value));
    hl_heap_free(L->rt, L->retired, L->nretired * sizeof(void *));
    hl_heap_free(L->rt, L->retired_caps, L->nretired * sizeof(size_t));
    L->retired = NULL;
    L->retired_caps = NULL;
    L->nretired = 0;
}

static int push_frame_record(hl_lang *L)
{
    if (L->nframes == L->frames_cap) {
        size_t cap = L->frames_cap ? L->frames_cap * 2 : 64;
        hl_frame *f = hl_heap_realloc(L->rt, L->frames, L->frames_cap * sizeof *f, cap * sizeof *f, HL_BLOCK_INTERNAL);
        if (!f)
            return hl_error_nomem(L->rt);
        L->frames = f;
        L->frames_cap = cap;
    }
    L->nframes++;
    return 0;
}

/* ---------------------------------------------------------------- errors */

void hl_vm_note_error(hl_lang *L, const hl_frame *f, const uint32_t *pc)
{
    if (L->where.set || !f)
        return;
    hl_code *c = f->code;
    size_t i = pc > c->insns ? (size_t)(pc - c->insns) - 1 : 0;
    if (i >= c->ninsns)
        i = c->ninsns ? c->ninsns - 1 : 0;
    L->where.set = true;
    L->where.line = c->ninsns ? (int)c->pos[i].line : (int)c->firstline;
    L->where.col = c->ninsns ? (int)c->pos[i].col + 1 : 1;
    snprintf(L->where.file, sizeof L->where.file, "%s", hl_str_data(c->filename));
    snprintf(L->where.function, sizeof L->where.function, "%s", hl_str_data(c->name));
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'": CPython's list of missing parameters. */
static void missing_error(hl_runtime *rt, hl_code *c, const char *kind, const size_t *which, size_t n)
{
    char names[512] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : n == 2 ? " and " : i == n - 1 ? ", and " : ", ";
        len += (size_t)snprintf(names + len, len < sizeof names ? sizeof names - len : 0, "%s'%s'", sep,
                                hl_str_data(hl_tuple_get(c->varnames, which[i])));
        if (len >= sizeof names)
            break;
    }
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() missing %zu required %s argument%s: %s", hl_str_data(c->qualname), n,
                 kind, plural(n), names);
}

static int too_many_positional(hl_runtime *rt, hl_function *fn, hl_code *c, size_t given)
{
    size_t ndef = fn->defaults ? hl_tuple_size(fn->defaults) : 0;
    if (ndef)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() takes from %u to %u positional arguments but %zu %s given",
                            hl_str_data(c->qualname), (unsigned)(c->nargs - ndef), c->nargs, given,
                            given == 1 ? "was" : "were");
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() takes %u positional argument%s but %zu %s given",
                        hl_str_data(c->qualname), c->nargs, plural(c->nargs), given, given == 1 ? "was" : "were");
}

/* ---------------------------------------------------------------- entering a function */

/* The slot of parameter `name`, or -1. */
static int64_t param_slot(hl_code *c, hl_value name)
{
    size_t n = c->nargs + c->nkwonly;
    for (size_t i = 0; i < n; i++) {
        hl_value p = hl_tuple_get(c->varnames, i);
        if (p == name || hl_str_eq(p, name))
            return (int64_t)i;
    }
    return -1;
}

/* Bind arguments the general way: keywords, defaults, *args, **kwargs. The stack is
 * [.., f, a1..an] with L->sp after an; slots start at fidx + 1. */
static int bind_general(hl_lang *L, size_t fidx, size_t nargs, hl_value kwnames)
{
    hl_runtime *rt = L->rt;
    hl_function *fn = hl_as_function(L->stack[fidx]);
    hl_code *c = hl_as_code(fn->code);
    size_t nkw = kwnames ? hl_tuple_size(kwnames) : 0;
    size_t npos = nargs - nkw;
    size_t total = c->nlocals + c->nfree;
    size_t nextra = npos > c->nargs ? npos - c->nargs : 0;
    if (nextra && !(c->flags & HL_CODE_VARARGS))
        return too_many_positional(rt, fn, c, npos);
    /* Keyword values and surplus positionals move to a scratch area above the slots. */
    size_t scratch = fidx + 1 + (nargs > total ? nargs : total);
    if (ensure_stack(L, scratch + nkw + nextra + 1 + c->stacksize + STACK_MARGIN))
        return -1;
    hl_value *s = L->stack;
    memmove(&s[scratch], &s[fidx + 1 + npos], nkw * sizeof(hl_value));
    memmove(&s[scratch + nkw], &s[fidx + 1 + c->nargs], nextra * sizeof(hl_value));
    s[scratch + nkw + nextra] = kwnames; /* rooted while the slots are rewritten */
    L->sp = scratch + nkw + nextra + 1;
    hl_value *slots = &s[fidx + 1];
    size_t bound = npos < c->nargs ? npos : c->nargs;
    for (size_t i = bound; i < scratch - fidx - 1; i++)
        slots[i] = HL_NOVALUE;

    size_t next = c->nargs + c->nkwonly; /* *args, then **kwargs */
    if (c->flags & HL_CODE_VARARGS) {
        hl_value t = hl_tuple_new(rt, &L->stack[scratch + nkw], nextra);
        if (!t)
            return -1;
        L->stack[fidx + 1 + next++] = t;
    }
    size_t kwslot = next;
    if (c->flags & HL_CODE_VARKW) {
        hl_value d = hl_dict_new(rt);
        if (!d)
            return -1;
        L->stack[fidx + 1 + kwslot] = d;
    }
    slots = &L->stack[fidx + 1];
    for (size_t k = 0; k < nkw; k++) {
        hl_value name = hl_tuple_get(kwnames, k);
        int64_t i = param_slot(c, name);
        if (i >= 0) {
            if (slots[i])
                return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'",
                                    hl_str_data(c->qualname), hl_str_data(name));
            slots[i] = L->stack[scratch + k];
        } else if (c->flags & HL_CODE_VARKW) {
            if (hl_dict_set(rt, slots[kwslot], name, L->stack[scratch + k]))
                return -1;
            slots = &L->stack[fidx + 1];
        } else {
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'",
                                hl_str_data(c->qualname), hl_str_data(name));
        }
    }
    /* Defaults for the positional parameters still unset. */
    size_t ndef = fn->defaults ? hl_tuple_size(fn->defaults) : 0;
    size_t missing[64], nmissing = 0;
    for (size_t i = 0; i < c->nargs; i++) {
        if (slots[i])
            continue;
        if (i >= c->nargs - ndef)
            slots[i] = hl_tuple_get(fn->defaults, i - (c->nargs - ndef));
        else if (nmissing < 64)
            missing[nmissing++] = i;
    }
    if (nmissing) {
        missing_error(rt, c, "positional", missing, nmissing);
        return -1;
    }
    for (size_t i = c->nargs; i < c->nargs + c->nkwonly; i++) {
        if (slots[i])
            continue;
        hl_value dflt;
        int r = fn->kwdefaults ? hl_dict_lookup(rt, fn->kwdefaults, hl_tuple_get(c->varnames, i), &dflt) : 0;
        if (r < 0)
            return -1;
        if (r)
            slots[i] = dflt;
        else if (nmissing < 64)
            missing[nmissing++] = i;
    }
    if (nmissing) {
        missing_error(rt, c, "keyword-only", missing, nmissing);
        return -1;
    }
    for (size_t i = c->nlocals; i < total; i++)
        slots[i] = hl_tuple_get(fn->closure, i - c->nlocals);
    for (size_t i = total; i < L->sp - fidx - 1; i++)
        slots[i] = HL_NOVALUE;
    return 0;
}

/* A loop iteration or a call, against hl_lang_set_step_limit. */
static int count_step(hl_lang *L)
{
    if (L->step_limit && ++L->steps > L->step_limit)
        return hl_error_set(L->rt, HL_EXC_RUNTIME_ERROR, "step limit exceeded (%llu loop iterations and calls)",
                            (unsigned long long)L->step_limit);
    return 0;
}

/* Push a frame for the function at stack[fidx] called with the nargs values above it.
 * On success the frame is the newest and L->sp is the start of its evaluation stack. */
static int enter_function(hl_lang *L, size_t fidx, size_t nargs, hl_value kwnames, bool entry)
{
    hl_runtime *rt = L->rt;
    if (count_step(L))
        return -1;
    if (L->nframes >= L->recursion_limit)
        return hl_error_set(rt, HL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    hl_function *fn = hl_as_function(L->stack[fidx]);
    hl_code *c = hl_as_code(fn->code);
    size_t total = c->nlocals + c->nfree;
    if (ensure_stack(L, fidx + 1 + total + nargs + c->stacksize + STACK_MARGIN))
        return -1;
    if (!kwnames && nargs == c->nargs && !(c->flags & (HL_CODE_VARARGS | HL_CODE_VARKW)) && !c->nkwonly) {
        hl_value *slots = &L->stack[fidx + 1];
        for (size_t i = nargs; i < c->nlocals; i++)
            slots[i] = HL_NOVALUE;
        for (size_t i = c->nlocals; i < total; i++)
            slots[i] = hl_tuple_get(fn->closure, i - c->nlocals);
    } else if (bind_general(L, fidx, nargs, kwnames)) {
        return -1;
    }
    if (push_frame_record(L))
        return -1;
    hl_frame *f = &L->frames[L->nframes - 1];
    f->code = c;
    f->module = hl_as_module(fn->module);
    f->pc = c->insns;
    f->base = fidx + 1;
    f->entry = entry;
    L->sp = fidx + 1 + total;
    return 0;
}

/* ---------------------------------------------------------------- helpers of the loop */

static hl_value call_native(hl_lang *L, hl_value callee, const hl_value *args, size_t n, hl_value kwnames)
{
    hl_runtime *rt = L->rt;
    if (hl_is_builtin(callee))
        return hl_builtin_call(rt, callee, args, n, kwnames);
    if (hl_is_imm(callee) && hl_imm_kind(callee) == HL_IMM_TYPE)
        return hl_type_call(rt, callee, args, n, kwnames);
    if (hl_is_obj_of(callee, HL_T_METHOD)) {
        /* [self, args..] above the stack's live part, then the built-in method. */
        if (ensure_stack(L, L->sp + n + 1))
            return HL_NOVALUE;
        hl_method_obj *m = (hl_method_obj *)callee;
        size_t at = L->sp;
        L->stack[at] = m->self;
        if (n)
            memcpy(&L->stack[at + 1], args, n * sizeof(hl_value));
        L->sp = at + n + 1;
        hl_value r = hl_builtin_call(rt, m->method, &L->stack[at], n + 1, kwnames);
        L->sp = at;
        return r;
    }
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not callable", hl_typeof_name(callee));
    return HL_NOVALUE;
}

static hl_value make_function(hl_lang *L, hl_value *top, unsigned flags, hl_module *module)
{
    /* top points at the code; the optional parts sit below it in flag order. */
    hl_value *p = top;
    hl_value closure = flags & HL_MAKE_CLOSURE ? *--p : HL_NOVALUE;
    hl_value kwdefaults = flags & HL_MAKE_KWDEFAULTS ? *--p : HL_NOVALUE;
    hl_value defaults = flags & HL_MAKE_DEFAULTS ? *--p : HL_NOVALUE;
    hl_value f = hl_function_new(L->rt, *top, hl_val(module));
    if (f) {
        hl_function *fn = hl_as_function(f);
        fn->defaults = defaults;
        fn->kwdefaults = kwdefaults;
        fn->closure = closure;
    }
    return f;
}

static int name_error(hl_runtime *rt, hl_module *m, uint32_t slot)
{
    return hl_error_set(rt, HL_EXC_NAME_ERROR, "name '%s' is not defined", hl_str_data(hl_list_items(m->names)[slot]));
}

static int unbound_local(hl_runtime *rt, hl_code *c, uint32_t slot)
{
    const char *name = hl_str_data(hl_tuple_get(c->varnames, slot));
    if (slot >= c->nlocals)
        return hl_error_set(rt, HL_EXC_NAME_ERROR,
                            "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                            name);
    return hl_error_set(rt, HL_EXC_UNBOUND_LOCAL_ERROR,
                        "cannot access local variable '%s' where it is not associated with a value", name);
}

/* Flatten f(*args, **kwargs): [f, tuple, (dict)] becomes [f, a1..an, v1..vm] with the
 * keyword names returned (HL_NOVALUE when there are none). *n receives the count. */
static int spread_call(hl_lang *L, size_t fidx, bool has_kw, size_t *n, hl_value *kwnames)
{
    hl_runtime *rt = L->rt;
    hl_value args = L->stack[fidx + 1];
    hl_value kw = has_kw ? L->stack[fidx + 2] : HL_NOVALUE;
    size_t na = hl_tuple_size(args), nk = kw ? hl_dict_size(kw) : 0;
    *kwnames = HL_NOVALUE;
    if (nk) {
        hl_value names = hl_tuple_new(rt, NULL, nk);
        if (!names)
            return -1;
        size_t pos = 0, i = 0;
        hl_value k, v;
        while (hl_dict_next(kw, &pos, &k, &v)) {
            if (!hl_is_str(k))
                return hl_error_set(rt, HL_EXC_TYPE_ERROR, "keywords must be strings");
            hl_tuple_init_item(rt, names, i++, k);
        }
        *kwnames = names;
        L->stack[L->sp++] = names; /* rooted while the stack grows */
    }
    if (ensure_stack(L, fidx + 1 + na + nk + 8))
        return -1;
    /* No allocation from here on: the tuple and the dict are read while overwritten. */
    hl_value *s = L->stack;
    memmove(&s[fidx + 1], hl_tuple_items(args), na * sizeof(hl_value));
    size_t pos = 0, i = 0;
    hl_value k, v;
    while (kw && hl_dict_next(kw, &pos, &k, &v))
        s[fidx + 1 + na + i++] = v;
    s[fidx + 1 + na + nk] = *kwnames; /* just above the arguments, as CALL_KW leaves it */
    L->sp = fidx + 1 + na + nk + (nk ? 1 : 0);
    *n = na + nk;
    return 0;
}

/* ---------------------------------------------------------------- the loop */

/* Run frames from the newest (an entry frame) until it returns. */
static hl_value run(hl_lang *L)
{
    hl_runtime *rt = L->rt;
    const bool tagged = hl_runtime_int_mode(rt) == HL_INT_TAGGED;
    hl_frame *f;
    hl_code *code;
    const uint32_t *pc;
    hl_value *slots, *sp, *consts;
    hl_value kwnames;
    uint32_t insn, arg;

#define SAVE() (L->sp = (size_t)(sp - L->stack), f->pc = pc)
#define LOAD_FRAME()                                                                                         \
    do {                                                                                                     \
        f = &L->frames[L->nframes - 1];                                                                      \
        code = f->code;                                                                                      \
        pc = f->pc;                                                                                          \
        slots = &L->stack[f->base];                                                                          \
        sp = &L->stack[L->sp];                                                                               \
        consts = (hl_value *)hl_tuple_items(code->consts);                                                   \
    } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define CHECK(v)                                                                                             \
    do {                                                                                                     \
        if (!(v))                                                                                            \
            goto error;                                                                                      \
    } while (0)

    static const void *const labels[OP__COUNT] = {
#define L_(op) [op] = &&L_##op
        L_(OP_NOP), L_(OP_LOAD_CONST), L_(OP_LOAD_FAST), L_(OP_STORE_FAST), L_(OP_DELETE_FAST),
        L_(OP_STORE_ATTR), L_(OP_DELETE_ATTR), L_(OP_ROT), L_(OP_PRINT_EXPR), L_(OP_LOAD_DEREF), L_(OP_STORE_DEREF), L_(OP_DELETE_DEREF), L_(OP_MAKE_CELL), L_(OP_LOAD_GLOBAL),
        L_(OP_STORE_GLOBAL), L_(OP_DELETE_GLOBAL), L_(OP_LOAD_ATTR), L_(OP_LOAD_METHOD), L_(OP_POP_TOP),
        L_(OP_COPY), L_(OP_SWAP), L_(OP_BINARY), L_(OP_INPLACE), L_(OP_UNARY), L_(OP_COMPARE),
        L_(OP_BUILD_LIST), L_(OP_BUILD_TUPLE), L_(OP_BUILD_SET), L_(OP_BUILD_MAP), L_(OP_SET_FROM_CONST),
        L_(OP_LIST_APPEND), L_(OP_SET_ADD), L_(OP_MAP_ADD), L_(OP_LIST_EXTEND), L_(OP_SET_UPDATE),
        L_(OP_DICT_UPDATE), L_(OP_LIST_TO_TUPLE), L_(OP_SUBSCR), L_(OP_STORE_SUBSCR), L_(OP_DELETE_SUBSCR),
        L_(OP_SLICE), L_(OP_STORE_SLICE), L_(OP_DELETE_SLICE), L_(OP_JUMP), L_(OP_POP_JUMP_IF_FALSE),
        L_(OP_POP_JUMP_IF_TRUE), L_(OP_JUMP_IF_FALSE_OR_POP), L_(OP_JUMP_IF_TRUE_OR_POP), L_(OP_GET_ITER),
        L_(OP_FOR_ITER), L_(OP_UNPACK_SEQUENCE), L_(OP_UNPACK_EX), L_(OP_CALL), L_(OP_CALL_KW),
        L_(OP_CALL_METHOD), L_(OP_CALL_METHOD_KW), L_(OP_CALL_EX), L_(OP_MAKE_FUNCTION), L_(OP_RETURN_VALUE),
        L_(OP_IMPORT_NAME), L_(OP_IMPORT_FROM), L_(OP_FORMAT_VALUE), L_(OP_BUILD_STRING), L_(OP_ASSERT_FAIL),
        L_(OP_SNAPSHOT),
#undef L_
    };
#define DISPATCH()                                                                                           \
    do {                                                                                                     \
        insn = *pc++;                                                                                        \
        arg = HL_INSN_ARG(insn);                                                                             \
        goto *labels[HL_INSN_OP(insn)];                                                                      \
    } while (0)

    LOAD_FRAME();
    DISPATCH();

L_OP_NOP:
    DISPATCH();
L_OP_LOAD_CONST:
    PUSH(consts[arg]);
    DISPATCH();
L_OP_LOAD_FAST: {
    hl_value v = slots[arg];
    if (!v) {
        SAVE();
        unbound_local(rt, code, arg);
        goto error;
    }
    PUSH(v);
    DISPATCH();
}
L_OP_STORE_FAST:
    slots[arg] = POP();
    DISPATCH();
L_OP_DELETE_FAST:
    if (!slots[arg]) {
        SAVE();
        unbound_local(rt, code, arg);
        goto error;
    }
    slots[arg] = HL_NOVALUE;
    DISPATCH();
L_OP_LOAD_DEREF: {
    hl_value v = hl_list_items(slots[arg])[0];
    if (!v) {
        SAVE();
        unbound_local(rt, code, arg);
        goto error;
    }
    PUSH(v);
    DISPATCH();
}
L_OP_STORE_DEREF: {
    hl_value v = POP();
    hl_list_items(slots[arg])[0] = v;
    hl_gc_write_item(rt, hl_obj(slots[arg]), 0, v);
    DISPATCH();
}
L_OP_DELETE_DEREF:
    if (!hl_list_items(slots[arg])[0]) {
        SAVE();
        unbound_local(rt, code, arg);
        goto error;
    }
    hl_list_items(slots[arg])[0] = HL_NOVALUE;
    DISPATCH();
L_OP_MAKE_CELL: {
    /* A cell is a one-item list the program never sees; an unset variable is a NOVALUE item. */
    SAVE();
    hl_value cell = hl_list_new(rt, 1);
    CHECK(cell);
    hl_list_append(rt, cell, HL_NONE); /* capacity 1: cannot fail */
    hl_list_items(cell)[0] = slots[arg];
    slots[arg] = cell;
    DISPATCH();
}
L_OP_LOAD_GLOBAL: {
    hl_module *m = f->module;
    hl_value v = m->slots[arg];
    if (!v && !(v = m->builtins[arg])) {
        SAVE();
        name_error(rt, m, arg);
        goto error;
    }
    PUSH(v);
    DISPATCH();
}
L_OP_STORE_GLOBAL: {
    hl_value v = POP();
    f->module->slots[arg] = v;
    hl_gc_write_value(rt, &f->module->h, v);
    DISPATCH();
}
L_OP_DELETE_GLOBAL:
    if (!f->module->slots[arg]) {
        SAVE();
        name_error(rt, f->module, arg);
        goto error;
    }
    f->module->slots[arg] = HL_NOVALUE;
    DISPATCH();
L_OP_LOAD_ATTR: {
    SAVE();
    hl_value v = hl_getattr(rt, TOP(), consts[arg]);
    CHECK(v);
    TOP() = v;
    DISPATCH();
}
L_OP_LOAD_METHOD: {
    hl_value obj = TOP(), meth;
    hl_type t = hl_typeof(obj);
    SAVE();
    int found = 0;
    if (L->methods[t]) {
        found = hl_dict_lookup(rt, L->methods[t], consts[arg], &meth);
        CHECK(found >= 0);
    }
    if (found) {
        TOP() = meth;
        PUSH(obj);
    } else {
        hl_value v = hl_getattr(rt, obj, consts[arg]);
        CHECK(v);
        TOP() = v;
        PUSH(HL_NOVALUE);
    }
    DISPATCH();
}
L_OP_STORE_ATTR:
L_OP_DELETE_ATTR: {
    bool del = HL_INSN_OP(insn) == OP_DELETE_ATTR;
    hl_value obj = TOP();
    SAVE();
    CHECK(hl_op_attr_assign(rt, obj, consts[arg], del ? HL_NOVALUE : sp[-2]) == 0);
    sp -= del ? 1 : 2;
    DISPATCH();
}
L_OP_PRINT_EXPR:
    SAVE();
    CHECK(hl_op_print_expr(rt, hl_val(f->module), TOP()) == 0);
    sp--;
    DISPATCH();
L_OP_POP_TOP:
    sp--;
    DISPATCH();
L_OP_ROT: {
    hl_value v = sp[-1];
    memmove(sp - arg + 1, sp - arg, (arg - 1) * sizeof(hl_value));
    sp[-(ptrdiff_t)arg] = v;
    DISPATCH();
}
L_OP_COPY: {
    hl_value v = sp[-(ptrdiff_t)arg];
    PUSH(v);
    DISPATCH();
}
L_OP_SWAP: {
    hl_value v = sp[-1];
    sp[-1] = sp[-(ptrdiff_t)arg];
    sp[-(ptrdiff_t)arg] = v;
    DISPATCH();
}
L_OP_BINARY: {
    hl_value a = sp[-2], b = sp[-1];
    if ((a & b & 1) != 0) {
        intptr_t x = hl_smallint_value(a), y = hl_smallint_value(b), r;
        switch (arg) {
        case HL_OP_ADD:
            r = x + y;
            goto small_result;
        case HL_OP_SUB:
            r = x - y;
            goto small_result;
        case HL_OP_MUL:
            if (__builtin_mul_overflow(x, y, &r))
                break;
            goto small_result;
        case HL_OP_FLOORDIV:
        case HL_OP_MOD:
            if (y > 0) {
                intptr_t q = x / y, m = x % y;
                if (m < 0) {
                    q--;
                    m += y;
                }
                r = arg == HL_OP_MOD ? m : q;
                goto small_result;
            }
            break;
        default:
            break;
        }
        goto binary_slow;
    small_result:
        if (hl_smallint_fits(r)) {
            sp[-2] = hl_smallint(r);
            sp--;
            DISPATCH();
        }
    }
binary_slow:
    SAVE();
    hl_value r = hl_lang_binary_op(rt, arg, a, b);
    CHECK(r);
    sp[-2] = r;
    sp--;
    DISPATCH();
}
L_OP_INPLACE: {
    hl_value a = sp[-2], b = sp[-1];
    if ((a & b & 1) != 0) {
        intptr_t r;
        if (arg == HL_OP_ADD)
            r = hl_smallint_value(a) + hl_smallint_value(b);
        else if (arg == HL_OP_SUB)
            r = hl_smallint_value(a) - hl_smallint_value(b);
        else
            goto inplace_slow;
        if (hl_smallint_fits(r)) {
            sp[-2] = hl_smallint(r);
            sp--;
            DISPATCH();
        }
    }
inplace_slow:
    SAVE();
    hl_value r = arg == HL_OP_MOD && hl_is_str(a) ? hl_str_percent(rt, a, b) : hl_inplace_op(rt, (hl_binop)arg, a, b);
    CHECK(r);
    sp[-2] = r;
    sp--;
    DISPATCH();
}
L_OP_UNARY: {
    SAVE();
    hl_value r = hl_unary_op(rt, (hl_unop)arg, TOP());
    CHECK(r);
    TOP() = r;
    DISPATCH();
}
L_OP_COMPARE: {
    hl_value a = sp[-2], b = sp[-1];
    int r;
    if (((a & b & 1) != 0) && arg < HL_CMP_X_IS) {
        intptr_t x = (intptr_t)a, y = (intptr_t)b; /* the tagging keeps the order */
        switch (arg) {
        case HL_CMP_LT: r = x < y; break;
        case HL_CMP_LE: r = x <= y; break;
        case HL_CMP_EQ: r = x == y; break;
        case HL_CMP_NE: r = x != y; break;
        case HL_CMP_GT: r = x > y; break;
        default: r = x >= y; break;
        }
    } else {
        SAVE();
        r = hl_op_compare(rt, a, b, arg);
        CHECK(r >= 0);
    }
    sp[-2] = hl_bool(r);
    sp--;
    DISPATCH();
}
L_OP_BUILD_LIST: {
    SAVE();
    hl_value l = hl_list_from(rt, sp - arg, arg);
    CHECK(l);
    sp -= arg;
    PUSH(l);
    DISPATCH();
}
L_OP_BUILD_TUPLE: {
    SAVE();
    hl_value t = hl_tuple_new(rt, sp - arg, arg);
    CHECK(t);
    sp -= arg;
    PUSH(t);
    DISPATCH();
}
L_OP_BUILD_SET: {
    SAVE();
    hl_value s = hl_set_new(rt);
    CHECK(s);
    PUSH(s); /* rooted while it fills */
    for (uint32_t i = 0; i < arg; i++) {
        SAVE();
        CHECK(hl_set_add(rt, s, sp[-1 - (ptrdiff_t)arg + i]) == 0);
    }
    sp -= arg + 1;
    PUSH(s);
    DISPATCH();
}
L_OP_BUILD_MAP: {
    SAVE();
    hl_value d = hl_dict_new(rt);
    CHECK(d);
    PUSH(d);
    hl_value *items = sp - 1 - 2 * (ptrdiff_t)arg;
    for (uint32_t i = 0; i < arg; i++) {
        SAVE();
        CHECK(hl_dict_set(rt, d, items[2 * i], items[2 * i + 1]) == 0);
    }
    sp -= 2 * arg + 1;
    PUSH(d);
    DISPATCH();
}
L_OP_SET_FROM_CONST: {
    SAVE();
    hl_value s = hl_set_of(rt, consts[arg]);
    CHECK(s);
    PUSH(s);
    DISPATCH();
}
L_OP_LIST_APPEND:
    SAVE();
    CHECK(hl_list_append(rt, sp[-1 - (ptrdiff_t)arg], sp[-1]) == 0);
    sp--;
    DISPATCH();
L_OP_SET_ADD:
    SAVE();
    CHECK(hl_set_add(rt, sp[-1 - (ptrdiff_t)arg], sp[-1]) == 0);
    sp--;
    DISPATCH();
L_OP_MAP_ADD:
    SAVE();
    CHECK(hl_dict_set(rt, sp[-2 - (ptrdiff_t)arg], sp[-2], sp[-1]) == 0);
    sp -= 2;
    DISPATCH();
L_OP_LIST_EXTEND: {
    SAVE();
    hl_value items = hl_lang_list_of(rt, sp[-1]);
    CHECK(items);
    CHECK(hl_list_extend(rt, sp[-1 - (ptrdiff_t)arg], items) == 0);
    sp--;
    DISPATCH();
}
L_OP_SET_UPDATE: {
    SAVE();
    hl_value items = hl_lang_list_of(rt, sp[-1]);
    CHECK(items);
    hl_rt_root(rt, &items);
    int r = 0;
    for (size_t i = 0; i < hl_list_size(items) && r == 0; i++)
        r = hl_set_add(rt, sp[-1 - (ptrdiff_t)arg], hl_list_items(items)[i]);
    hl_rt_unroot(rt, 1);
    CHECK(r == 0);
    sp--;
    DISPATCH();
}
L_OP_DICT_UPDATE: {
    SAVE();
    if (!hl_is_dict(sp[-1])) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not a mapping", hl_typeof_name(sp[-1]));
        goto error;
    }
    CHECK(hl_dict_update(rt, sp[-1 - (ptrdiff_t)arg], sp[-1]) == 0);
    sp--;
    DISPATCH();
}
L_OP_LIST_TO_TUPLE: {
    SAVE();
    hl_value t = hl_tuple_new(rt, hl_list_items(TOP()), hl_list_size(TOP()));
    CHECK(t);
    TOP() = t;
    DISPATCH();
}
L_OP_SUBSCR: {
    hl_value c = sp[-2], k = sp[-1];
    if (hl_is_list(c) && hl_is_smallint(k)) {
        intptr_t i = hl_smallint_value(k);
        size_t n = hl_list_size(c);
        if (i < 0)
            i += (intptr_t)n;
        if (i >= 0 && (size_t)i < n) {
            sp[-2] = hl_list_items(c)[i];
            sp--;
            DISPATCH();
        }
    }
    SAVE();
    hl_value r = hl_op_subscript(rt, c, k);
    CHECK(r);
    sp[-2] = r;
    sp--;
    DISPATCH();
}
L_OP_STORE_SUBSCR: {
    hl_value c = sp[-2], k = sp[-1];
    if (hl_is_list(c) && hl_is_smallint(k)) {
        intptr_t i = hl_smallint_value(k);
        size_t n = hl_list_size(c);
        if (i < 0)
            i += (intptr_t)n;
        if (i >= 0 && (size_t)i < n) {
            hl_list_items(c)[i] = sp[-3];
            hl_gc_write_item(rt, hl_obj(c), (size_t)i, sp[-3]);
            sp -= 3;
            DISPATCH();
        }
    }
    SAVE();
    CHECK(hl_op_item_assign(rt, c, k, sp[-3]) == 0);
    sp -= 3;
    DISPATCH();
}
L_OP_DELETE_SUBSCR:
    SAVE();
    CHECK(hl_op_item_delete(rt, sp[-2], sp[-1]) == 0);
    sp -= 2;
    DISPATCH();
L_OP_SLICE: {
    SAVE();
    hl_value r = hl_op_get_slice(rt, sp[-4], sp - 3);
    CHECK(r);
    sp -= 3;
    TOP() = r;
    DISPATCH();
}
L_OP_STORE_SLICE:
    SAVE();
    CHECK(hl_op_set_slice(rt, sp[-4], sp - 3, sp[-5], false) == 0);
    sp -= 5;
    DISPATCH();
L_OP_DELETE_SLICE:
    SAVE();
    CHECK(hl_op_set_slice(rt, sp[-4], sp - 3, HL_NOVALUE, true) == 0);
    sp -= 4;
    DISPATCH();
L_OP_JUMP:
    if (code->insns + arg < pc && count_step(L))
        goto error;
    pc = code->insns + arg;
    DISPATCH();
L_OP_POP_JUMP_IF_FALSE:
L_OP_POP_JUMP_IF_TRUE: {
    hl_value v = POP();
    int t;
    if (v == HL_TRUE)
        t = 1;
    else if (v == HL_FALSE || v == HL_NONE)
        t = 0;
    else {
        SAVE();
        t = hl_truthy(rt, v);
        CHECK(t >= 0);
    }
    if (t == (HL_INSN_OP(insn) == OP_POP_JUMP_IF_TRUE)) {
        if (code->insns + arg < pc && count_step(L)) /* a comprehension's filter */
            goto error;
        pc = code->insns + arg;
    }
    DISPATCH();
}
L_OP_JUMP_IF_FALSE_OR_POP:
L_OP_JUMP_IF_TRUE_OR_POP: {
    SAVE();
    int t = hl_truthy(rt, TOP());
    CHECK(t >= 0);
    if (t == (HL_INSN_OP(insn) == OP_JUMP_IF_TRUE_OR_POP))
        pc = code->insns + arg;
    else
        sp--;
    DISPATCH();
}
L_OP_GET_ITER: {
    SAVE();
    hl_value it = hl_iter(rt, TOP());
    CHECK(it);
    TOP() = it;
    DISPATCH();
}
L_OP_FOR_ITER: {
    hl_iter_obj *it = (hl_iter_obj *)TOP();
    if (it->kind == HL_IT_RANGE) {
        int64_t v = it->index;
        if (it->step > 0 ? v < it->end : v > it->end) {
            it->index = v + it->step;
            if (tagged && hl_smallint_fits(v)) {
                PUSH(hl_smallint((intptr_t)v));
                DISPATCH();
            }
            SAVE();
            hl_value iv = hl_int_new(rt, v);
            CHECK(iv);
            PUSH(iv);
            DISPATCH();
        }
    } else if (it->kind == HL_IT_LIST) {
        if ((size_t)it->index < hl_list_size(it->source)) {
            PUSH(hl_list_items(it->source)[it->index++]);
            DISPATCH();
        }
    } else {
        hl_value v;
        SAVE();
        int r = hl_iter_next(rt, hl_val(it), &v);
        CHECK(r >= 0);
        if (r) {
            PUSH(v);
            DISPATCH();
        }
    }
    sp--;
    pc = code->insns + arg;
    DISPATCH();
}
L_OP_UNPACK_SEQUENCE: {
    SAVE();
    hl_value seq = TOP();
    size_t cap = (size_t)(sp - L->stack) + arg;
    if (cap > L->stack_cap) { /* the compiler sized the stack: never here */
        hl_error_nomem(rt);
        goto error;
    }
    /* Unpack above the sequence (still rooted), then slide down over it. */
    CHECK(hl_op_unpack(rt, seq, arg, sp) == 0);
    memmove(sp - 1, sp, arg * sizeof(hl_value));
    sp += arg - 1;
    DISPATCH();
}
L_OP_UNPACK_EX: {
    SAVE();
    size_t before = arg & 0xFF, after = arg >> 8;
    CHECK(hl_op_unpack_ex(rt, TOP(), before, after, sp) == 0);
    memmove(sp - 1, sp, (before + after + 1) * sizeof(hl_value));
    sp += before + after;
    DISPATCH();
}
L_OP_CALL_METHOD:
    /* [meth, self, args] calls meth with self first; [f, NOVALUE, args] calls f. */
    kwnames = HL_NOVALUE;
    if (sp[-(ptrdiff_t)arg - 1]) {
        arg++;
    } else {
        memmove(sp - arg - 1, sp - arg, arg * sizeof(hl_value));
        sp--;
    }
    goto call;
L_OP_CALL_METHOD_KW:
    kwnames = POP();
    if (sp[-(ptrdiff_t)arg - 1]) {
        arg++;
    } else {
        memmove(sp - arg - 1, sp - arg, arg * sizeof(hl_value));
        sp--;
    }
    *sp = kwnames; /* just above the arguments: rooted during the call */
    goto call;
L_OP_CALL_KW:
    kwnames = POP(); /* stays in place, just above the arguments */
    goto call;
L_OP_CALL:
    kwnames = HL_NOVALUE;
call: {
    hl_value *fslot = sp - arg - 1;
    size_t fidx = (size_t)(fslot - L->stack);
    hl_value callee = *fslot;
    f->pc = pc;
    L->sp = (size_t)(sp - L->stack) + (kwnames ? 1 : 0);
    if (hl_is_obj_of(callee, HL_T_FUNCTION)) {
        if (enter_function(L, fidx, arg, kwnames, false)) {
            L->sp = fidx;
            goto error;
        }
        LOAD_FRAME();
        DISPATCH();
    }
    hl_value r = call_native(L, callee, fslot + 1, arg, kwnames);
    /* A nested run may have moved the stack and the frame records: reload the registers. */
    f = &L->frames[L->nframes - 1];
    slots = &L->stack[f->base];
    sp = &L->stack[fidx];
    CHECK(r);
    PUSH(r);
    DISPATCH();
}
L_OP_CALL_EX: {
    hl_value *fslot = sp - 2 - (arg & 1);
    size_t fidx = (size_t)(fslot - L->stack), n = 0;
    SAVE();
    if (!hl_is_tuple(fslot[1])) {
        hl_value t = hl_lang_list_of(rt, fslot[1]);
        if (!t) {
            if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "Value after * must be an iterable, not %s",
                             hl_typeof_name(fslot[1]));
            goto error;
        }
        L->stack[L->sp++] = t;
        t = hl_tuple_new(rt, hl_list_items(t), hl_list_size(t));
        CHECK(t);
        L->stack[fidx + 1] = t;
        L->sp--;
    }
    CHECK(spread_call(L, fidx, arg & 1, &n, &kwnames) == 0);
    slots = &L->stack[f->base];
    sp = &L->stack[fidx + 1 + n];
    arg = (uint32_t)n;
    goto call;
}
L_OP_MAKE_FUNCTION: {
    SAVE();
    hl_value fn = make_function(L, sp - 1, arg, f->module);
    CHECK(fn);
    sp -= 1 + !!(arg & HL_MAKE_DEFAULTS) + !!(arg & HL_MAKE_KWDEFAULTS) + !!(arg & HL_MAKE_CLOSURE);
    PUSH(fn);
    DISPATCH();
}
L_OP_RETURN_VALUE: {
    hl_value v = POP();
    bool entry = f->entry;
    size_t fidx = f->base - 1;
    L->nframes--;
    L->stack[fidx] = v;
    L->sp = fidx + 1;
    if (entry)
        return v;
    LOAD_FRAME();
    DISPATCH();
}
L_OP_IMPORT_NAME: {
    SAVE();
    hl_value m = hl_lang_import(rt, consts[arg]);
    CHECK(m);
    PUSH(m);
    DISPATCH();
}
L_OP_IMPORT_FROM: {
    SAVE();
    hl_value v = hl_module_getattr(rt, TOP(), consts[arg]);
    if (!v) {
        hl_error_set(rt, HL_EXC_IMPORT_ERROR, "cannot import name '%s' from '%s' (unknown location)",
                     hl_str_data(consts[arg]), hl_str_data(hl_as_module(TOP())->name));
        goto error;
    }
    PUSH(v);
    DISPATCH();
}
L_OP_FORMAT_VALUE: {
    SAVE();
    bool has_spec = (arg & HL_FORMAT_HAS_SPEC) != 0;
    hl_value v = hl_op_format_value(rt, sp[-1 - has_spec], arg & 0xFF, has_spec ? sp[-1] : HL_NOVALUE);
    CHECK(v);
    sp -= has_spec;
    TOP() = v;
    DISPATCH();
}
L_OP_BUILD_STRING: {
    SAVE();
    hl_value s = hl_op_build_string(rt, sp - arg, arg);
    CHECK(s);
    sp -= arg;
    PUSH(s);
    DISPATCH();
}
L_OP_ASSERT_FAIL: {
    SAVE();
    if (arg) {
        hl_value msg = hl_to_str(rt, TOP());
        CHECK(msg);
        hl_error_set(rt, HL_EXC_ASSERTION_ERROR, "%s", hl_str_data(msg));
    } else {
        hl_error_set(rt, HL_EXC_ASSERTION_ERROR, "%s", "");
    }
    goto error;
}
L_OP_SNAPSHOT:
    SAVE();
    if (hl_lang_take_snapshot(rt, NULL))
        goto error;
    DISPATCH();

error:
    /* No handlers exist in the subset: unwind every frame of this run. */
    hl_vm_note_error(L, f, pc);
    while (L->nframes) {
        hl_frame *g = &L->frames[--L->nframes];
        if (g->entry) {
            L->sp = g->base - 1;
            break;
        }
    }
    return HL_NOVALUE;
#undef SAVE
#undef LOAD_FRAME
#undef PUSH
#undef POP
#undef TOP
#undef CHECK
#undef DISPATCH
}

/* ---------------------------------------------------------------- entry points */

static hl_value run_nested(hl_lang *L)
{
    L->native_depth++;
    hl_value r = run(L);
    if (--L->native_depth == 0 && L->nretired)
        free_retired(L);
    return r;
}

hl_value hl_vm_call(hl_runtime *rt, hl_value callable, const hl_value *args, size_t n, hl_value kwnames)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_NOVALUE;
    if (!hl_is_obj_of(callable, HL_T_FUNCTION))
        return call_native(L, callable, args, n, kwnames);
    size_t fidx = L->sp;
    /* args may point into the stack itself: copy before anything can move it. */
    hl_value copy[16];
    if (n > 16) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "too many arguments for a call from a built-in");
        return HL_NOVALUE;
    }
    if (n)
        memcpy(copy, args, n * sizeof(hl_value));
    hl_rt_root(rt, &callable);
    hl_rt_root(rt, &kwnames);
    hl_root_array(rt, copy, n);
    int ok = ensure_stack(L, fidx + n + 2 + STACK_MARGIN);
    hl_unroot_array(rt);
    hl_rt_unroot(rt, 2);
    if (ok)
        return HL_NOVALUE;
    L->stack[fidx] = callable;
    memcpy(&L->stack[fidx + 1], copy, n * sizeof(hl_value));
    L->sp = fidx + 1 + n;
    if (kwnames)
        L->stack[L->sp++] = kwnames;
    if (enter_function(L, fidx, n, kwnames, true)) {
        L->sp = fidx;
        if (L->nframes)
            hl_vm_note_error(L, &L->frames[L->nframes - 1], L->frames[L->nframes - 1].pc);
        return HL_NOVALUE;
    }
    hl_value r = run_nested(L);
    L->sp = fidx;
    return r;
}

hl_value hl_vm_run_module(hl_runtime *rt, hl_value code, hl_value module)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_NOVALUE;
    hl_value fn = hl_function_new(rt, code, module);
    if (!fn)
        return HL_NOVALUE;
    return hl_vm_call(rt, fn, NULL, 0, HL_NOVALUE);
}
