/* lang/vm_call.c: the VM's value stack, frames and calls.
 *
 * Owns: growing the value stack (retiring old blocks a nested C caller may still read),
 * frame records, binding arguments to parameters (defaults, keywords, *args, **kwargs, with
 * CPython's messages), entering a Python function, calling anything else (built-ins, types,
 * bound methods), f(*args, **kwargs), making function objects, and the entry points
 * hl_vm_call and hl_vm_run_module, which start the loop (vm.c). Calls the loop, the
 * built-ins' call entry (callable.c) and the runtime's object API. */
#include "vm_internal.h"

#include <string.h>

#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

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

/* Push a frame for the function at stack[fidx] called with the nargs values above it.
 * On success the frame is the newest and L->sp is the start of its evaluation stack. */
int hl_vm_enter_function(hl_lang *L, size_t fidx, size_t nargs, hl_value kwnames, bool entry)
{
    hl_runtime *rt = L->rt;
    if (hl_count_step(rt))
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

hl_value hl_vm_call_native(hl_lang *L, hl_value callee, const hl_value *args, size_t n, hl_value kwnames)
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

hl_value hl_vm_make_function(hl_lang *L, hl_value *top, unsigned flags, hl_module *module)
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

/* Flatten f(*args, **kwargs): [f, tuple, (dict)] becomes [f, a1..an, v1..vm] with the
 * keyword names returned (HL_NOVALUE when there are none). *n receives the count. */
int hl_vm_spread_call(hl_lang *L, size_t fidx, bool has_kw, size_t *n, hl_value *kwnames)
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

/* ---------------------------------------------------------------- entry points */

static hl_value run_nested(hl_lang *L)
{
    L->native_depth++;
    hl_value r = hl_vm_run(L);
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
        return hl_vm_call_native(L, callable, args, n, kwnames);
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
    if (hl_vm_enter_function(L, fidx, n, kwnames, true)) {
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
