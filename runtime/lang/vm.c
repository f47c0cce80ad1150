/* lang/vm.c: the interpreter loop, and only the loop.
 *
 * One C activation of run() executes any number of nested Python calls: a call pushes a
 * frame record and moves the loop's registers (pc, sp, slots) to the callee, a return moves
 * them back (as Lua's luaV_execute). The callee's arguments already sit where its first
 * slots go: the stack is [.., f, a1, .., an] at the call, and slot 0 is a1.
 *
 * Rooting: the live values are stack[0..L->sp). The loop keeps sp in a register and stores
 * it back (SAVE) before any operation that can allocate or call out, with the operands still
 * below it, and pops them only after the result is safe on the stack.
 *
 * Every opcode handler stays here, in one function dispatched by computed gotos, so that
 * the fast paths (small ints, list indexing, for over a range or a list) stay inline; what
 * the handlers call out of line is in vm_call.c (frames, argument binding, calls), vm_error.c
 * (error positions and name errors), ops.c (subscripts, slices, unpacking, comparisons,
 * f-string parts), iter.c (iteration) and the runtime's operators. */
#include "vm_internal.h"

#include <string.h>

#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "modules.h"
#include "ops.h"
#include "snapshots.h"

/* ---------------------------------------------------------------- the loop */

/* Run frames from the newest (an entry frame) until it returns. */
hl_value hl_vm_run(hl_lang *L)
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
        hl_vm_unbound_local(rt, code, arg);
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
        hl_vm_unbound_local(rt, code, arg);
        goto error;
    }
    slots[arg] = HL_NOVALUE;
    DISPATCH();
L_OP_LOAD_DEREF: {
    hl_value v = hl_list_items(slots[arg])[0];
    if (!v) {
        SAVE();
        hl_vm_unbound_local(rt, code, arg);
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
        hl_vm_unbound_local(rt, code, arg);
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
        hl_vm_name_error(rt, m, arg);
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
        hl_vm_name_error(rt, f->module, arg);
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
        /* A pointer-free list (Boehm) takes a reference only through hl_list_set. */
        bool scanned = !hl_is_ptr(sp[-3]) || !(hl_obj(c)->flags & HL_OBJ_LIST_ATOMIC);
        if (i >= 0 && (size_t)i < n && scanned) {
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
    if (code->insns + arg < pc && hl_count_step(rt))
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
        if (code->insns + arg < pc && hl_count_step(rt)) /* a comprehension's filter */
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
        int r = it->kind == HL_IT_BIG_RANGE ? hl_range_big_next(rt, it->source, &v) : hl_iter_next(rt, hl_val(it), &v);
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
        if (hl_vm_enter_function(L, fidx, arg, kwnames, false)) {
            L->sp = fidx;
            goto error;
        }
        LOAD_FRAME();
        DISPATCH();
    }
    hl_value r = hl_vm_call_native(L, callee, fslot + 1, arg, kwnames);
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
    CHECK(hl_vm_spread_call(L, fidx, arg & 1, &n, &kwnames) == 0);
    slots = &L->stack[f->base];
    sp = &L->stack[fidx + 1 + n];
    arg = (uint32_t)n;
    goto call;
}
L_OP_MAKE_FUNCTION: {
    SAVE();
    hl_value fn = hl_vm_make_function(L, sp - 1, arg, f->module);
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
    hl_value v = hl_format_value(rt, sp[-1 - has_spec], arg & 0xFF, has_spec ? sp[-1] : HL_NOVALUE);
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
