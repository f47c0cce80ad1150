/* Fuzz target: random sequences of runtime operations, checked against a plain reference model
 * (model.c) after every step.
 *
 * The input is a program over eight value slots: each operation is a byte (which operation)
 * and operand bytes (slots, small ints, slice bounds). Every operation runs on the runtime
 * through the public C API and on the model; the outcome must agree (the same result, or the
 * same exception type), and after every step each slot must match its model: type, value,
 * repr (up to set order), and identity (one model list is one runtime list, everywhere it is
 * reachable). After a collection the live lists, dicts and sets are exactly the model's
 * reachable ones. The runtime's configuration (int mode, backend, GC stress) is drawn from a
 * hash of the input. An operation whose outcome the model cannot call (a float turning to
 * inf, the order of a set's items, a comparison at the nesting limit) is skipped, or ends
 * the input when the state after it is unknown. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "heaplab/heaplab.h"
#include "model.h"

#define NSLOTS 8
#define MAX_DEPTH 48    /* the runtime's nesting limit for repr, ==, hash */
#define DEPTH_SLACK 8
#define MAX_TREE 20000  /* values larger than this (as printed) end the input */
#define MAX_ITEMS 4096  /* sequences longer than this are not made */

typedef struct input {
    const uint8_t *p, *end;
} input;

static hl_runtime *rt;
static hl_value slot[NSLOTS];
static m_val *ms[NSLOTS];
static bool stop; /* the state is no longer known to the model, or too large: end the input */
static unsigned long long inputs_run, ops_checked;

static unsigned byte(input *in) { return in->p < in->end ? *in->p++ : 0; }
static unsigned slot_of(input *in) { return byte(in) % NSLOTS; }
static int64_t small(input *in) { return (int64_t)(int8_t)byte(in) % 12; }

/* ---------------------------------------------------------------- outcomes */

static void outcome(const char *op, bool ok, hl_exc expected)
{
    if (expected == HL_EXC_NONE) {
        FUZZ_CHECK(ok && !hl_error_occurred(rt), "%s: expected success, got %s", op, hl_error_string(rt));
        return;
    }
    FUZZ_CHECK(!ok, "%s: expected %s, got success", op, hl_exc_name(expected));
    FUZZ_CHECK(hl_error_type(rt) == expected, "%s: expected %s, got %s", op, hl_exc_name(expected),
               hl_error_string(rt));
    hl_error_clear(rt);
}

/* A model truth that decides an operation's effect: M_UNSURE ends the input. */
static bool sure(m_truth t)
{
    if (t == M_UNSURE)
        stop = true;
    return t != M_UNSURE;
}

/* What hashing a value does, by the model's m_hashable. */
static hl_exc hash_error(m_truth h)
{
    return h == M_TRUE ? HL_EXC_NONE : h == M_FALSE ? HL_EXC_TYPE_ERROR : HL_EXC_RECURSION_ERROR;
}

static hl_value new_int(int64_t i)
{
    hl_value v = hl_int_new(rt, i);
    FUZZ_CHECK(v, "int: %s", hl_error_string(rt));
    return v;
}

/* ---------------------------------------------------------------- values the input names */

static const int64_t ints[] = {0, 1, -1, 2, 3, 7, -5, 100, 256, 257, -6, 1000000, 4611686018427387903LL,
                               -4611686018427387904LL, 4611686018427387904LL, INT64_MAX, INT64_MIN};
static const double floats[] = {0.0, -0.0, 0.5, 1.0, -2.5, 0.1, 3.0, 1e16, 1e-5, 123.456, 1e22, -7e-7, 2.0};
static const char *const strs[] = {"", "a", "b", "ab", "ba", "abc", "key", "\xc3\xa9", "\xe2\x82\xacx",
                                   "\xf0\x9f\x98\x80", "'", "\"", "a'b\"c", "\\", "\n\t\r", "\x01", "a'"};
#define COUNT(a) (sizeof(a) / sizeof *(a))

static void set_slot(unsigned d, hl_value v, m_val *m)
{
    slot[d] = v;
    ms[d] = m;
}

/* ---------------------------------------------------------------- sizes */

/* The size of v as printed (shared parts counted each time), up to cap. */
static size_t tree_size(m_val *v, size_t cap)
{
    if (v->kind < M_TUPLE)
        return 1;
    if (v->busy)
        return 1;
    size_t n = 1;
    v->busy++;
    for (size_t k = 0; k < v->n && n <= cap; k++) {
        n += tree_size(v->items[k], cap - n + 1);
        if (v->kind == M_DICT)
            n += tree_size(v->values[k], cap - n + 1);
    }
    v->busy--;
    return n;
}

/* ---------------------------------------------------------------- the model's operators */

typedef enum { R_OK, R_ERROR, R_SKIP } r_kind;
typedef struct res {
    r_kind kind;
    hl_exc exc;
    m_val *v;
} res;

static res ok(m_val *v) { return (res){R_OK, HL_EXC_NONE, v}; }
static res err(hl_exc e) { return (res){R_ERROR, e, NULL}; }
static res skip(void) { return (res){R_SKIP, HL_EXC_NONE, NULL}; }

static bool is_seq(const m_val *v) { return v->kind == M_STR || v->kind == M_TUPLE || v->kind == M_LIST; }
static bool is_intlike(const m_val *v) { return v->kind == M_INT || v->kind == M_BOOL; }

static m_val *str_of(const m_val *s, const size_t *idx, size_t n)
{
    uint32_t *cp = malloc((n ? n : 1) * sizeof *cp);
    FUZZ_CHECK(cp, "out of memory");
    for (size_t k = 0; k < n; k++)
        cp[k] = s->cp[idx ? idx[k] : k];
    m_val *r = m_str_cp(cp, n);
    free(cp);
    return r;
}

/* The items of an iterable in iteration order (str: one-character strs; dict: keys), into a
 * new tuple node; NULL when not iterable. A set of two or more items iterates in the
 * runtime's hash order, which the model does not know: *unordered is set. */
static m_val *items_of(m_val *v, bool *unordered)
{
    *unordered = v->kind == M_SET && v->n > 1;
    if (v->kind < M_STR)
        return NULL;
    m_val *t = m_container(M_TUPLE);
    for (size_t k = 0; k < v->n; k++)
        m_push(t, v->kind == M_STR ? str_of(v, (size_t[]){k}, 1) : v->items[k]);
    return t;
}

static m_val *concat(m_val *a, m_val *b)
{
    if (a->kind == M_STR) {
        uint32_t *cp = malloc((a->n + b->n + 1) * sizeof *cp);
        FUZZ_CHECK(cp, "out of memory");
        if (a->n)
            memcpy(cp, a->cp, a->n * sizeof *cp);
        if (b->n)
            memcpy(cp + a->n, b->cp, b->n * sizeof *cp);
        m_val *r = m_str_cp(cp, a->n + b->n);
        free(cp);
        return r;
    }
    m_val *r = m_container(a->kind);
    for (size_t k = 0; k < a->n; k++)
        m_push(r, a->items[k]);
    for (size_t k = 0; k < b->n; k++)
        m_push(r, b->items[k]);
    return r;
}

static m_val *repeat(m_val *s, int64_t n)
{
    m_val *r = s->kind == M_STR ? m_str_cp(NULL, 0) : m_container(s->kind);
    for (int64_t k = 0; k < n; k++)
        r = concat(r, s);
    return r;
}

static double as_double(const m_val *v) { return v->kind == M_FLOAT ? v->f : (double)v->i; }

static res numeric(hl_binop op, m_val *a, m_val *b)
{
    if (a->kind == M_FLOAT || b->kind == M_FLOAT) {
        double x = as_double(a), y = as_double(b), r;
        switch (op) {
        case HL_OP_ADD: r = x + y; break;
        case HL_OP_SUB: r = x - y; break;
        case HL_OP_MUL: r = x * y; break;
        default: return err(HL_EXC_TYPE_ERROR);
        }
        return __builtin_isfinite(r) ? ok(m_float(r)) : skip();
    }
    int64_t x = a->i, y = b->i, r;
    bool over = false;
    switch (op) {
    case HL_OP_ADD: over = __builtin_add_overflow(x, y, &r); break;
    case HL_OP_SUB: over = __builtin_sub_overflow(x, y, &r); break;
    case HL_OP_MUL: over = __builtin_mul_overflow(x, y, &r); break;
    case HL_OP_AND: r = x & y; break;
    case HL_OP_OR: r = x | y; break;
    default: r = x ^ y; break;
    }
    if (over) /* a big int, past the model's int64 (tests/test_int.c checks those) */
        return skip();
    bool bools = a->kind == M_BOOL && b->kind == M_BOOL && (op == HL_OP_AND || op == HL_OP_OR || op == HL_OP_XOR);
    return ok(bools ? m_bool(r != 0) : m_int(r));
}

static res set_op(hl_binop op, m_val *a, m_val *b, m_val *into)
{
    m_val *r = into ? into : m_container(M_SET);
    m_val *keep = m_container(M_SET);
    switch (op) {
    case HL_OP_OR:
        for (size_t k = 0; k < a->n; k++)
            m_set_add(keep, a->items[k]);
        for (size_t k = 0; k < b->n; k++)
            m_set_add(keep, b->items[k]);
        break;
    case HL_OP_AND:
        for (size_t k = 0; k < a->n; k++)
            if (m_find(b, a->items[k]) >= 0)
                m_set_add(keep, a->items[k]);
        break;
    case HL_OP_SUB:
        for (size_t k = 0; k < a->n; k++)
            if (m_find(b, a->items[k]) < 0)
                m_set_add(keep, a->items[k]);
        break;
    default:
        for (size_t k = 0; k < a->n; k++)
            if (m_find(b, a->items[k]) < 0)
                m_set_add(keep, a->items[k]);
        for (size_t k = 0; k < b->n; k++)
            if (m_find(a, b->items[k]) < 0)
                m_set_add(keep, b->items[k]);
        break;
    }
    r->n = 0;
    for (size_t k = 0; k < keep->n; k++)
        m_push(r, keep->items[k]);
    return ok(r);
}

static res dict_update(m_val *into, m_val *other)
{
    for (size_t k = 0; k < other->n; k++)
        m_dict_set(into, other->items[k], other->values[k]);
    return ok(into);
}

/* a op b (in place: a op= b, into a itself when a is mutable). */
static res binop(hl_binop op, m_val *a, m_val *b, bool inplace)
{
    if (m_is_number(a) && m_is_number(b))
        return numeric(op, a, b);
    if (op == HL_OP_MUL && (is_seq(a) || is_seq(b)) && (is_intlike(a) || is_intlike(b))) {
        m_val *s = is_seq(a) ? a : b, *n = is_seq(a) ? b : a;
        if (!is_seq(s) || !is_intlike(n))
            return err(HL_EXC_TYPE_ERROR);
        int64_t times = n->i < 0 ? 0 : n->i;
        if (times > 0 && (s->n > MAX_ITEMS || (uint64_t)times > MAX_ITEMS / (s->n ? s->n : 1)))
            return skip();
        m_val *r = repeat(s, times);
        if (inplace && a->kind == M_LIST) {
            a->n = 0;
            for (size_t k = 0; k < r->n; k++)
                m_push(a, r->items[k]);
            return ok(a);
        }
        return ok(r);
    }
    if (inplace && a->kind == M_LIST && op == HL_OP_ADD) { /* list += any iterable, in place */
        bool unordered;
        m_val *items = items_of(b, &unordered);
        if (!items)
            return err(HL_EXC_TYPE_ERROR);
        if (unordered || a->n + items->n > MAX_ITEMS)
            return skip();
        for (size_t k = 0; k < items->n; k++)
            m_push(a, items->items[k]);
        return ok(a);
    }
    if (op == HL_OP_ADD && a->kind == b->kind && is_seq(a))
        return a->n + b->n > MAX_ITEMS ? skip() : ok(concat(a, b));
    if (a->kind == M_SET && b->kind == M_SET && op != HL_OP_ADD && op != HL_OP_MUL)
        return set_op(op, a, b, inplace ? a : NULL);
    if (a->kind == M_DICT && b->kind == M_DICT && op == HL_OP_OR)
        return dict_update(inplace ? a : m_copy(a), b);
    if (inplace && a->kind == M_DICT && op == HL_OP_OR && b->kind >= M_STR)
        return skip(); /* d |= iterable of pairs: not modelled */
    return err(HL_EXC_TYPE_ERROR);
}

/* ---------------------------------------------------------------- checking a slot */

typedef struct seen_map {
    uintptr_t *keys;
    m_val **vals;
    size_t cap, n;
} seen_map;

static seen_map seen;

/* The model node already matched to runtime object o in this check, or NULL; records o -> m. */
static m_val *seen_put(uintptr_t o, m_val *m)
{
    if (2 * (seen.n + 1) > seen.cap) {
        seen_map old = seen;
        seen.cap = old.cap ? 2 * old.cap : 1024;
        seen.keys = calloc(seen.cap, sizeof *seen.keys);
        seen.vals = calloc(seen.cap, sizeof *seen.vals);
        FUZZ_CHECK(seen.keys && seen.vals, "out of memory");
        seen.n = 0;
        for (size_t k = 0; k < old.cap; k++)
            if (old.keys[k])
                seen_put(old.keys[k], old.vals[k]);
        free(old.keys);
        free(old.vals);
    }
    size_t k = (o >> 3) * 0x9E3779B97F4A7C15u & (seen.cap - 1);
    while (seen.keys[k] && seen.keys[k] != o)
        k = (k + 1) & (seen.cap - 1);
    if (seen.keys[k])
        return seen.vals[k];
    seen.keys[k] = o;
    seen.vals[k] = m;
    seen.n++;
    return NULL;
}

static void seen_clear(void)
{
    if (seen.cap)
        memset(seen.keys, 0, seen.cap * sizeof *seen.keys);
    seen.n = 0;
}

static const hl_type type_of_kind[] = {HL_T_NONE, HL_T_BOOL, HL_T_INT,  HL_T_FLOAT, HL_T_STR,
                                       HL_T_TUPLE, HL_T_LIST, HL_T_DICT, HL_T_SET};

/* The runtime's UTF-8 bytes against the model's code points. */
static bool str_equals(hl_value s, const m_val *m)
{
    const unsigned char *p = (const unsigned char *)hl_str_data(s);
    size_t size = hl_str_size(s), i = 0;
    for (size_t k = 0; k < m->n; k++) {
        uint32_t c = m->cp[k];
        unsigned char b[4];
        size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (n == 1) {
            b[0] = (unsigned char)c;
        } else {
            for (size_t j = n - 1; j > 0; j--, c >>= 6)
                b[j] = (unsigned char)(0x80 | (c & 0x3F));
            b[0] = (unsigned char)((0xF00u >> n) | c);
        }
        if (i + n > size || memcmp(p + i, b, n) != 0)
            return false;
        i += n;
    }
    return i == size && hl_str_length(s) == m->n;
}

static int cmp_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void check_value(hl_value v, m_val *m, uint64_t visit, const char *where);

/* A set's items, whatever their order: the sorted reprs of both sides. */
static void check_set(hl_value v, m_val *m, const char *where)
{
    char **got = calloc(m->n + 1, sizeof *got), **want = calloc(m->n + 1, sizeof *want);
    FUZZ_CHECK(got && want, "out of memory");
    size_t k;
    for (k = 0; k < m->n; k++) {
        bool unsure;
        const char *r = m_repr(m->items[k], &unsure);
        if (!r)
            break; /* an item nested past the limit: sizes only */
        want[k] = strdup(r);
    }
    if (k < m->n) {
        FUZZ_CHECK(hl_set_size(v) == m->n, "%s: set of %zu, model %zu", where, hl_set_size(v), m->n);
        for (k = 0; k < m->n; k++)
            free(want[k]);
        free(got);
        free(want);
        return;
    }
    size_t pos = 0;
    k = 0;
    hl_value item;
    while (hl_set_next(v, &pos, &item)) {
        FUZZ_CHECK(k < m->n, "%s: set has more items than the model's %zu", where, m->n);
        hl_value r = hl_repr(rt, item);
        FUZZ_CHECK(r, "%s: repr of a set item: %s", where, hl_error_string(rt));
        got[k++] = strdup(hl_str_data(r));
    }
    FUZZ_CHECK(k == m->n, "%s: set has %zu items, model %zu", where, k, m->n);
    qsort(got, m->n, sizeof *got, cmp_strings);
    qsort(want, m->n, sizeof *want, cmp_strings);
    for (k = 0; k < m->n; k++) {
        FUZZ_CHECK(strcmp(got[k], want[k]) == 0, "%s: set item %s, model %s", where, got[k], want[k]);
        free(got[k]);
        free(want[k]);
    }
    free(got);
    free(want);
}

static void check_value(hl_value v, m_val *m, uint64_t visit, const char *where)
{
    FUZZ_CHECK(v != HL_NOVALUE, "%s: no value", where);
    hl_type t = hl_typeof(v);
    FUZZ_CHECK(t == type_of_kind[m->kind], "%s: type %s, model %s", where, hl_type_name(t), m_type_name(m));
    if (m->kind >= M_TUPLE) {
        if (m->visit == visit && m->seen == (uintptr_t)v)
            return; /* checked already in this pass */
        if (m_is_mutable(m))
            FUZZ_CHECK(m->visit != visit, "%s: one model %s is two runtime objects", where, m_type_name(m));
        m_val *other = seen_put((uintptr_t)v, m);
        if (m_is_mutable(m) || (other && m_is_mutable(other)))
            FUZZ_CHECK(other == NULL || other == m, "%s: one runtime %s is two model values", where, m_type_name(m));
        m->visit = visit;
        m->seen = (uintptr_t)v;
    }
    int64_t i = 0;
    switch (m->kind) {
    case M_NONE:
    case M_BOOL:
        FUZZ_CHECK(m->kind == M_NONE || v == hl_bool(m->i), "%s: bool", where);
        return;
    case M_INT:
        FUZZ_CHECK(hl_int_value(rt, v, &i) == 0 && i == m->i, "%s: int %lld, model %lld", where, (long long)i,
                   (long long)m->i);
        return;
    case M_FLOAT:
        FUZZ_CHECK(memcmp(&(double){hl_float_get(v)}, &m->f, sizeof(double)) == 0, "%s: float %.17g, model %.17g",
                   where, hl_float_get(v), m->f);
        return;
    case M_STR:
        FUZZ_CHECK(str_equals(v, m), "%s: str '%s'", where, hl_str_data(v));
        return;
    case M_TUPLE:
        FUZZ_CHECK(hl_tuple_size(v) == m->n, "%s: tuple of %zu, model %zu", where, hl_tuple_size(v), m->n);
        for (size_t k = 0; k < m->n; k++)
            check_value(hl_tuple_get(v, k), m->items[k], visit, where);
        return;
    case M_LIST:
        FUZZ_CHECK(hl_list_size(v) == m->n, "%s: list of %zu, model %zu", where, hl_list_size(v), m->n);
        for (size_t k = 0; k < m->n; k++)
            check_value(hl_list_items(v)[k], m->items[k], visit, where);
        return;
    case M_DICT: {
        FUZZ_CHECK(hl_dict_size(v) == m->n, "%s: dict of %zu, model %zu", where, hl_dict_size(v), m->n);
        size_t pos = 0, k = 0;
        hl_value key, value;
        while (hl_dict_next(v, &pos, &key, &value)) {
            FUZZ_CHECK(k < m->n, "%s: dict longer than its size", where);
            check_value(key, m->items[k], visit, where);
            check_value(value, m->values[k], visit, where);
            k++;
        }
        FUZZ_CHECK(k == m->n, "%s: dict iterates %zu of %zu", where, k, m->n);
        return;
    }
    case M_SET:
        check_set(v, m, where);
        return;
    }
}

/* repr: the runtime's text is the model's, or, with sets inside, the same characters. */
static int cmp_chars(const void *a, const void *b) { return *(const char *)a - *(const char *)b; }

static void check_repr(hl_value v, m_val *m, const char *where)
{
    bool unsure;
    const char *want = m_repr(m, &unsure);
    hl_value r = hl_repr(rt, v);
    if (unsure) {
        if (!r)
            hl_error_clear(rt);
        return;
    }
    if (!want) {
        outcome("repr past the nesting limit", r != HL_NOVALUE, HL_EXC_RECURSION_ERROR);
        return;
    }
    FUZZ_CHECK(r, "%s: repr: %s", where, hl_error_string(rt));
    const char *got = hl_str_data(r);
    if (!m_repr_has_set(m)) {
        FUZZ_CHECK(strcmp(got, want) == 0, "%s: repr %s, model %s", where, got, want);
        return;
    }
    size_t n = strlen(got);
    FUZZ_CHECK(n == strlen(want), "%s: repr %s, model %s (up to set order)", where, got, want);
    char *a = strdup(got), *b = strdup(want);
    FUZZ_CHECK(a && b, "out of memory");
    qsort(a, n, 1, cmp_chars);
    qsort(b, n, 1, cmp_chars);
    FUZZ_CHECK(memcmp(a, b, n) == 0, "%s: repr %s, model %s (up to set order)", where, got, want);
    free(a);
    free(b);
}

static void check_all(void)
{
    uint64_t visit = m_new_visit();
    seen_clear();
    char where[32];
    for (unsigned k = 0; k < NSLOTS; k++) {
        snprintf(where, sizeof where, "slot %u", k);
        check_value(slot[k], ms[k], visit, where);
    }
    for (unsigned k = 0; k < NSLOTS; k++) {
        snprintf(where, sizeof where, "slot %u", k);
        check_repr(slot[k], ms[k], where);
    }
    /* Interned strings of equal text are one object. */
    for (unsigned a = 0; a < NSLOTS; a++)
        for (unsigned b = a + 1; b < NSLOTS; b++)
            if (hl_is_str(slot[a]) && hl_is_str(slot[b]) && hl_str_is_interned(slot[a]) &&
                hl_str_is_interned(slot[b]) && hl_str_eq(slot[a], slot[b]))
                FUZZ_CHECK(hl_is(slot[a], slot[b]), "interned '%s' twice", hl_str_data(slot[a]));
    ops_checked++;
}

static void check_collect(void)
{
    hl_gc_collect(rt);
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    FUZZ_CHECK(g.objects_allocated == g.live_objects + g.objects_freed, "objects allocated != live + freed");
    FUZZ_CHECK(g.bytes_allocated == g.live_bytes + g.bytes_freed, "bytes allocated != live + freed");
    size_t lists, dicts, sets;
    m_count_mutables(ms, NSLOTS, &lists, &dicts, &sets);
    FUZZ_CHECK(hl_heap_count(rt, HL_T_LIST) == lists, "%zu lists alive, model %zu", hl_heap_count(rt, HL_T_LIST), lists);
    FUZZ_CHECK(hl_heap_count(rt, HL_T_DICT) == dicts, "%zu dicts alive, model %zu", hl_heap_count(rt, HL_T_DICT), dicts);
    FUZZ_CHECK(hl_heap_count(rt, HL_T_SET) == sets, "%zu sets alive, model %zu", hl_heap_count(rt, HL_T_SET), sets);
}

/* ---------------------------------------------------------------- the operations */

enum {
    OP_INT, OP_FLOAT, OP_STR, OP_CONST, OP_LIST, OP_TUPLE, OP_DICT, OP_SET, OP_APPEND, OP_INSERT, OP_SETITEM,
    OP_GETITEM, OP_DELITEM, OP_POP, OP_SLICE, OP_SET_SLICE, OP_DEL_SLICE, OP_BINARY, OP_INPLACE, OP_COPY,
    OP_DEEPCOPY, OP_SORT, OP_INTERN, OP_COLLECT, OP_EQ, OP_HASH, OP_CONTAINS, OP_MOVE, OP_EXTEND, OP_REVERSE,
    OP_LEN, OP_SET_ADD, OP_DISCARD, OP_REMOVE, OP__COUNT
};

static const hl_binop binops[] = {HL_OP_ADD, HL_OP_SUB, HL_OP_MUL, HL_OP_OR, HL_OP_AND, HL_OP_XOR};

/* Python's index normalisation: the index, or -1 when out of range. */
static long index_of(int64_t i, size_t n)
{
    if (i < 0)
        i += (int64_t)n;
    return i < 0 || i >= (int64_t)n ? -1 : (long)i;
}

/* The key of getitem/setitem/delitem: a slot's value, or a new small int. */
static void key_operand(input *in, hl_value *key, m_val **mkey)
{
    unsigned b = byte(in);
    if (b & 1) {
        *key = slot[(b >> 1) % NSLOTS];
        *mkey = ms[(b >> 1) % NSLOTS];
    } else {
        int64_t i = (int64_t)(int8_t)b / 2 % 10;
        *key = new_int(i);
        *mkey = m_int(i);
    }
}

/* Where a key leads in container c: for a sequence the index (or -1: IndexError), for a dict
 * the entry (or -1: KeyError). Returns the exception to expect, HL_EXC_NONE if none. */
static hl_exc locate(m_val *c, m_val *key, long *at, bool assign)
{
    if (is_seq(c)) {
        if (!is_intlike(key))
            return HL_EXC_TYPE_ERROR;
        if (assign && c->kind != M_LIST)
            return HL_EXC_TYPE_ERROR;
        *at = index_of(key->i, c->n);
        return *at < 0 ? HL_EXC_INDEX_ERROR : HL_EXC_NONE;
    }
    if (c->kind != M_DICT)
        return HL_EXC_TYPE_ERROR;
    m_truth h = m_hashable(key);
    if (!sure(h))
        return HL_EXC__COUNT;
    if (h != M_TRUE)
        return hash_error(h);
    *at = m_find(c, key);
    return *at < 0 && !assign ? HL_EXC_KEY_ERROR : HL_EXC_NONE;
}

static void op_getitem(input *in)
{
    unsigned a = slot_of(in), d = slot_of(in);
    hl_value key;
    m_val *mkey;
    key_operand(in, &key, &mkey);
    long at = -1;
    hl_exc e = locate(ms[a], mkey, &at, false);
    if (e == HL_EXC__COUNT)
        return;
    hl_value r = hl_getitem(rt, slot[a], key);
    outcome("getitem", r != HL_NOVALUE, e);
    if (r) {
        m_val *c = ms[a];
        set_slot(d, r, c->kind == M_STR ? str_of(c, (size_t[]){(size_t)at}, 1)
                                        : c->kind == M_DICT ? c->values[at] : c->items[at]);
    }
}

static void op_setitem(input *in)
{
    unsigned a = slot_of(in), b = slot_of(in);
    hl_value key;
    m_val *mkey;
    key_operand(in, &key, &mkey);
    long at = -1;
    m_val *c = ms[a];
    hl_exc e = c->kind == M_STR || c->kind == M_TUPLE ? HL_EXC_TYPE_ERROR : locate(c, mkey, &at, true);
    if (e == HL_EXC__COUNT)
        return;
    int r = hl_setitem(rt, slot[a], key, slot[b]);
    outcome("setitem", r == 0, e);
    if (r == 0) {
        if (c->kind == M_LIST)
            c->items[at] = ms[b];
        else
            m_dict_set(c, mkey, ms[b]);
    }
}

static void op_delitem(input *in)
{
    unsigned a = slot_of(in);
    hl_value key;
    m_val *mkey;
    key_operand(in, &key, &mkey);
    long at = -1;
    m_val *c = ms[a];
    hl_exc e = c->kind == M_STR || c->kind == M_TUPLE ? HL_EXC_TYPE_ERROR : locate(c, mkey, &at, false);
    if (e == HL_EXC__COUNT)
        return;
    int r = hl_delitem(rt, slot[a], key);
    outcome("delitem", r == 0, e);
    if (r == 0) {
        if (c->kind == M_LIST)
            m_remove_at(c, (size_t)at);
        else
            m_dict_del(c, (size_t)at);
    }
}

static void op_pop(input *in)
{
    unsigned a = slot_of(in), d = slot_of(in), b = slot_of(in);
    unsigned how = byte(in);
    m_val *c = ms[a];
    if (c->kind == M_DICT || (how & 1)) { /* d.pop(key[, default]) */
        bool with_default = how & 2;
        hl_exc e = HL_EXC_NONE;
        long at = -1;
        if (c->kind != M_DICT) {
            e = HL_EXC_TYPE_ERROR;
        } else {
            m_truth h = m_hashable(ms[b]);
            if (!sure(h))
                return;
            e = hash_error(h);
            if (e == HL_EXC_NONE && (at = m_find(c, ms[b])) < 0 && !with_default)
                e = HL_EXC_KEY_ERROR;
        }
        hl_value r = hl_dict_pop(rt, slot[a], slot[b], with_default ? slot[(b + 1) % NSLOTS] : HL_NOVALUE);
        outcome("dict pop", r != HL_NOVALUE, e);
        if (r) {
            m_val *v = at >= 0 ? c->values[at] : ms[(b + 1) % NSLOTS];
            if (at >= 0)
                m_dict_del(c, (size_t)at);
            set_slot(d, r, v);
        }
        return;
    }
    int64_t i = (how & 2) ? -1 : small(in);
    long at = c->kind == M_LIST ? index_of(i, c->n) : -1;
    hl_exc e = c->kind != M_LIST ? HL_EXC_TYPE_ERROR : at < 0 ? HL_EXC_INDEX_ERROR : HL_EXC_NONE;
    hl_value r = hl_list_pop(rt, slot[a], i);
    outcome("list pop", r != HL_NOVALUE, e);
    if (r) {
        m_val *v = c->items[at];
        m_remove_at(c, (size_t)at);
        set_slot(d, r, v);
    }
}

static int64_t bound(input *in)
{
    unsigned b = byte(in);
    return b % 5 == 0 ? HL_SLICE_OMITTED : (int64_t)(int8_t)b % 9;
}

static int64_t step_of(input *in)
{
    static const int64_t steps[] = {1, 1, 1, 2, -1, -2, 3, 0};
    return steps[byte(in) % COUNT(steps)];
}

static void op_slice(input *in)
{
    unsigned a = slot_of(in), d = slot_of(in);
    int64_t start = bound(in), stop = bound(in), step = step_of(in);
    m_val *c = ms[a];
    size_t *idx = malloc((c->n + 1) * sizeof *idx);
    FUZZ_CHECK(idx, "out of memory");
    int64_t first;
    long n = is_seq(c) ? m_slice_indexes((int64_t)c->n, start, stop, step, HL_SLICE_OMITTED, idx, &first) : 0;
    hl_exc e = !is_seq(c) ? HL_EXC_TYPE_ERROR : n < 0 ? HL_EXC_VALUE_ERROR : HL_EXC_NONE;
    hl_value r = c->kind == M_STR     ? hl_str_slice(rt, slot[a], start, stop, step)
                 : c->kind == M_TUPLE ? hl_tuple_slice(rt, slot[a], start, stop, step)
                                      : hl_list_slice(rt, slot[a], start, stop, step);
    outcome("slice", r != HL_NOVALUE, e);
    if (r) {
        m_val *m;
        if (c->kind == M_STR) {
            m = str_of(c, idx, (size_t)n);
        } else {
            m = m_container(c->kind);
            for (long k = 0; k < n; k++)
                m_push(m, c->items[idx[k]]);
        }
        set_slot(d, r, m);
    }
    free(idx);
}

/* a[start:stop:step] = b, or del a[start:stop:step]. */
static void op_assign_slice(input *in, bool del)
{
    unsigned a = slot_of(in), b = slot_of(in);
    int64_t start = bound(in), stop = bound(in), step = step_of(in);
    m_val *c = ms[a];
    bool unordered = false;
    m_val *items = del ? m_container(M_TUPLE) : items_of(ms[b], &unordered);
    if (unordered)
        return;
    size_t *idx = malloc((c->n + 1) * sizeof *idx);
    FUZZ_CHECK(idx, "out of memory");
    int64_t first = 0;
    long n = c->kind == M_LIST ? m_slice_indexes((int64_t)c->n, start, stop, step, HL_SLICE_OMITTED, idx, &first) : 0;
    hl_exc e = c->kind != M_LIST ? HL_EXC_TYPE_ERROR
               : !items          ? HL_EXC_TYPE_ERROR
               : n < 0           ? HL_EXC_VALUE_ERROR
               : (step != 1 && !del && (size_t)n != items->n) ? HL_EXC_VALUE_ERROR
                                                              : HL_EXC_NONE;
    if (e == HL_EXC_NONE && c->n - (size_t)n + items->n > MAX_ITEMS)
        e = HL_EXC__COUNT;
    if (e == HL_EXC__COUNT) {
        free(idx);
        return;
    }
    int r = del ? hl_list_del_slice(rt, slot[a], start, stop, step)
                : hl_list_set_slice(rt, slot[a], start, stop, step, slot[b]);
    outcome(del ? "del slice" : "set slice", r == 0, e);
    if (r == 0) {
        if (step == 1) { /* the region replaced starts at the adjusted start, even when empty */
            for (long k = 0; k < n; k++)
                m_remove_at(c, (size_t)first);
            for (size_t k = 0; k < items->n; k++)
                m_insert_at(c, (size_t)first + k, items->items[k]);
        } else if (del) { /* from the highest index down */
            for (long k = 0; k < n; k++)
                m_remove_at(c, idx[step > 0 ? n - 1 - k : k]);
        } else {
            for (long k = 0; k < n; k++)
                c->items[idx[k]] = items->items[k];
        }
    }
    free(idx);
}

static void op_binary(input *in, bool inplace)
{
    unsigned a = slot_of(in), b = slot_of(in), d = slot_of(in);
    unsigned which = byte(in);
    hl_binop op = binops[which % COUNT(binops)];
    hl_value rhs = slot[b];
    m_val *mrhs = ms[b];
    if (which & 0x80) { /* a small int on the right: sequence repetition, arithmetic */
        int64_t i = small(in) % 4;
        rhs = new_int(i);
        mrhs = m_int(i);
    }
    m_val *before = ms[a];
    res want = binop(op, ms[a], mrhs, inplace);
    if (want.kind == R_SKIP)
        return;
    hl_value r = inplace ? hl_inplace_op(rt, op, slot[a], rhs) : hl_binary_op(rt, op, slot[a], rhs);
    outcome(inplace ? "inplace op" : "binary op", r != HL_NOVALUE, want.exc);
    if (!r)
        return;
    if (m_is_mutable(want.v) && want.v == before)
        FUZZ_CHECK(hl_is(r, slot[a]), "in place: the same object");
    set_slot(inplace ? a : d, r, want.v);
}

static void op_sort(input *in)
{
    unsigned a = slot_of(in);
    bool reverse = byte(in) & 1;
    m_val *c = ms[a];
    if (c->kind != M_LIST) {
        outcome("sort", hl_list_sort(rt, slot[a], HL_NOVALUE, reverse) == 0, HL_EXC_TYPE_ERROR);
        return;
    }
    bool numbers = true, strings = true;
    for (size_t k = 0; k < c->n; k++) {
        numbers &= m_is_number(c->items[k]);
        strings &= c->items[k]->kind == M_STR;
    }
    if (c->n > 1 && !numbers && !strings)
        return; /* mixed kinds: which pairs timsort compares decides the error and the order */
    /* A stable insertion sort; reverse keeps equal items in their order, as CPython. */
    for (size_t x = 1; x < c->n; x++) {
        m_val *v = c->items[x];
        size_t y = x;
        while (y > 0 && (reverse ? m_order(c->items[y - 1], v) < 0 : m_order(c->items[y - 1], v) > 0)) {
            c->items[y] = c->items[y - 1];
            y--;
        }
        c->items[y] = v;
    }
    outcome("sort", hl_list_sort(rt, slot[a], HL_NOVALUE, reverse) == 0, HL_EXC_NONE);
}

static void op_eq(input *in)
{
    unsigned a = slot_of(in), b = slot_of(in);
    m_truth want = m_eq(ms[a], ms[b]);
    int r = hl_eq(rt, slot[a], slot[b]);
    if (want == M_UNSURE) {
        hl_error_clear(rt);
        return;
    }
    if (want == M_RECURSION) {
        outcome("==", r >= 0, HL_EXC_RECURSION_ERROR);
        return;
    }
    outcome("==", r >= 0, HL_EXC_NONE);
    FUZZ_CHECK(r == (int)want, "== gives %d, model %d", r, (int)want);
}

static void op_hash(input *in)
{
    unsigned a = slot_of(in), b = slot_of(in);
    m_truth ha = m_hashable(ms[a]);
    int64_t x = 0, y = 0;
    int ra = hl_hash(rt, slot[a], &x);
    if (ha == M_UNSURE)
        hl_error_clear(rt);
    else
        outcome("hash", ra == 0, hash_error(ha));
    int rb = hl_hash(rt, slot[b], &y);
    hl_error_clear(rt);
    if (ra == 0 && rb == 0 && m_eq(ms[a], ms[b]) == M_TRUE)
        FUZZ_CHECK(x == y, "equal values hash alike: %lld, %lld", (long long)x, (long long)y);
}

static void op_contains(input *in)
{
    unsigned a = slot_of(in), b = slot_of(in);
    m_val *c = ms[a], *item = ms[b];
    m_truth want = M_FALSE;
    hl_exc e = HL_EXC_NONE;
    if (c->kind == M_STR) {
        if (item->kind != M_STR) {
            e = HL_EXC_TYPE_ERROR;
        } else {
            want = item->n == 0 ? M_TRUE : M_FALSE;
            for (size_t k = 0; k + item->n <= c->n && want == M_FALSE && item->n; k++)
                if (memcmp(c->cp + k, item->cp, item->n * sizeof *item->cp) == 0)
                    want = M_TRUE;
        }
    } else if (c->kind == M_TUPLE || c->kind == M_LIST) {
        for (size_t k = 0; k < c->n && want == M_FALSE; k++)
            want = c->items[k] == item && m_is_mutable(item) ? M_TRUE : m_eq(c->items[k], item);
    } else if (c->kind == M_DICT || c->kind == M_SET) {
        m_truth h = m_hashable(item);
        if (h == M_TRUE)
            want = m_find(c, item) >= 0 ? M_TRUE : M_FALSE;
        else if (h == M_FALSE)
            e = HL_EXC_TYPE_ERROR;
        else
            want = h;
    } else {
        e = HL_EXC_TYPE_ERROR;
    }
    int r = hl_contains(rt, slot[a], slot[b]);
    if (want == M_UNSURE) {
        hl_error_clear(rt);
        return;
    }
    if (want == M_RECURSION)
        e = HL_EXC_RECURSION_ERROR;
    outcome("in", r >= 0, e);
    if (e == HL_EXC_NONE)
        FUZZ_CHECK(r == (int)want, "in gives %d, model %d", r, (int)want);
}

static void op_set_member(input *in, int which)
{
    unsigned a = slot_of(in), b = slot_of(in);
    m_val *s = ms[a];
    hl_exc e = HL_EXC_NONE;
    long at = -1;
    if (s->kind != M_SET) {
        e = HL_EXC_TYPE_ERROR;
    } else {
        m_truth h = m_hashable(ms[b]);
        if (!sure(h))
            return;
        e = hash_error(h);
        if (e == HL_EXC_NONE)
            at = m_find(s, ms[b]);
    }
    int r;
    if (which == OP_SET_ADD) {
        r = hl_set_add(rt, slot[a], slot[b]);
        outcome("set add", r == 0, e);
        if (r == 0 && at < 0)
            m_push(s, ms[b]);
    } else {
        r = hl_set_discard(rt, slot[a], slot[b]);
        outcome("set discard", r >= 0, e);
        if (r >= 0) {
            FUZZ_CHECK(r == (at >= 0), "discard found %d, model %d", r, at >= 0);
            if (at >= 0)
                m_remove_at(s, (size_t)at);
        }
    }
}

static void op_new_container(input *in, int which)
{
    unsigned d = slot_of(in), from = slot_of(in);
    size_t n = byte(in) % 4;
    if (from + n > NSLOTS)
        n = NSLOTS - from;
    if (which == OP_DICT) {
        hl_value v = hl_dict_new(rt);
        outcome("dict", v != HL_NOVALUE, HL_EXC_NONE);
        set_slot(d, v, m_container(M_DICT));
        return;
    }
    if (which == OP_SET) { /* set(iterable) */
        bool unordered;
        m_val *items = items_of(ms[from], &unordered);
        hl_exc e = items ? HL_EXC_NONE : HL_EXC_TYPE_ERROR;
        m_val *s = m_container(M_SET);
        for (size_t k = 0; items && k < items->n && e == HL_EXC_NONE; k++) {
            m_truth h = m_hashable(items->items[k]);
            if (!sure(h))
                return;
            if (h != M_TRUE)
                e = hash_error(h);
            else
                m_set_add(s, items->items[k]);
        }
        if (e != HL_EXC_NONE && unordered)
            return; /* which item fails first depends on the order */
        hl_value v = hl_set_of(rt, slot[from]);
        outcome("set", v != HL_NOVALUE, e);
        if (v)
            set_slot(d, v, s);
        return;
    }
    m_val *m = m_container(which == OP_LIST ? M_LIST : M_TUPLE);
    for (size_t k = 0; k < n; k++)
        m_push(m, ms[from + k]);
    hl_value v = which == OP_LIST ? hl_list_from(rt, &slot[from], n) : hl_tuple_new(rt, &slot[from], n);
    outcome("list/tuple", v != HL_NOVALUE, HL_EXC_NONE);
    set_slot(d, v, m);
}

static void op_remove(input *in)
{
    unsigned a = slot_of(in), b = slot_of(in);
    m_val *c = ms[a];
    hl_exc e = c->kind == M_LIST ? HL_EXC_VALUE_ERROR : HL_EXC_TYPE_ERROR;
    long at = -1;
    for (size_t k = 0; c->kind == M_LIST && k < c->n && at < 0 && e == HL_EXC_VALUE_ERROR; k++) {
        m_truth t = c->items[k] == ms[b] && m_is_mutable(ms[b]) ? M_TRUE : m_eq(c->items[k], ms[b]);
        if (!sure(t))
            return;
        if (t == M_RECURSION)
            e = HL_EXC_RECURSION_ERROR;
        else if (t == M_TRUE)
            at = (long)k, e = HL_EXC_NONE;
    }
    int r = hl_list_remove(rt, slot[a], slot[b]);
    outcome("remove", r == 0, e);
    if (r == 0)
        m_remove_at(c, (size_t)at);
}

static void step(input *in)
{
    unsigned op = byte(in) % OP__COUNT;
    unsigned a, b, d;
    switch (op) {
    case OP_INT:
        d = slot_of(in);
        b = byte(in) % COUNT(ints);
        set_slot(d, new_int(ints[b]), m_int(ints[b]));
        break;
    case OP_FLOAT: {
        d = slot_of(in);
        b = byte(in) % COUNT(floats);
        hl_value v = hl_float_new(rt, floats[b]);
        outcome("float", v != HL_NOVALUE, HL_EXC_NONE);
        set_slot(d, v, m_float(floats[b]));
        break;
    }
    case OP_STR: {
        d = slot_of(in);
        b = byte(in) % COUNT(strs);
        hl_value v = hl_str_from_cstr(rt, strs[b]);
        outcome("str", v != HL_NOVALUE, HL_EXC_NONE);
        set_slot(d, v, m_str(strs[b]));
        break;
    }
    case OP_CONST:
        d = slot_of(in);
        b = byte(in) % 3;
        set_slot(d, b == 0 ? HL_NONE : hl_bool(b == 1), b == 0 ? m_none() : m_bool(b == 1));
        break;
    case OP_LIST:
    case OP_TUPLE:
    case OP_DICT:
    case OP_SET:
        op_new_container(in, (int)op);
        break;
    case OP_APPEND:
    case OP_INSERT: {
        a = slot_of(in);
        b = slot_of(in);
        int64_t i = op == OP_INSERT ? small(in) : 0;
        m_val *c = ms[a];
        hl_exc e = c->kind == M_LIST ? (c->n >= MAX_ITEMS ? HL_EXC__COUNT : HL_EXC_NONE) : HL_EXC_TYPE_ERROR;
        if (e == HL_EXC__COUNT)
            break;
        int r = op == OP_APPEND ? hl_list_append(rt, slot[a], slot[b]) : hl_list_insert(rt, slot[a], i, slot[b]);
        outcome("append/insert", r == 0, e);
        if (r == 0) {
            int64_t at = op == OP_APPEND ? (int64_t)c->n : i < 0 ? i + (int64_t)c->n : i;
            at = at < 0 ? 0 : at > (int64_t)c->n ? (int64_t)c->n : at;
            m_insert_at(c, (size_t)at, ms[b]);
        }
        break;
    }
    case OP_SETITEM: op_setitem(in); break;
    case OP_GETITEM: op_getitem(in); break;
    case OP_DELITEM: op_delitem(in); break;
    case OP_POP: op_pop(in); break;
    case OP_SLICE: op_slice(in); break;
    case OP_SET_SLICE: op_assign_slice(in, false); break;
    case OP_DEL_SLICE: op_assign_slice(in, true); break;
    case OP_BINARY: op_binary(in, false); break;
    case OP_INPLACE: op_binary(in, true); break;
    case OP_COPY:
    case OP_DEEPCOPY: {
        a = slot_of(in);
        d = slot_of(in);
        hl_value r = op == OP_COPY ? hl_copy(rt, slot[a]) : hl_deepcopy(rt, slot[a]);
        outcome("copy", r != HL_NOVALUE, HL_EXC_NONE);
        m_val *m = op == OP_COPY ? m_copy(ms[a]) : m_deepcopy(ms[a]);
        if (op == OP_COPY && !m_is_mutable(m))
            FUZZ_CHECK(hl_is(r, slot[a]), "copy.copy of an immutable is itself");
        set_slot(d, r, m);
        break;
    }
    case OP_SORT: op_sort(in); break;
    case OP_INTERN: {
        a = slot_of(in);
        hl_value r = hl_str_intern(rt, slot[a]);
        outcome("intern", r != HL_NOVALUE, ms[a]->kind == M_STR ? HL_EXC_NONE : HL_EXC_TYPE_ERROR);
        if (r) {
            FUZZ_CHECK(hl_str_is_interned(r), "intern gives an interned str");
            set_slot(a, r, ms[a]);
        }
        break;
    }
    case OP_COLLECT: check_collect(); break;
    case OP_EQ: op_eq(in); break;
    case OP_HASH: op_hash(in); break;
    case OP_CONTAINS: op_contains(in); break;
    case OP_MOVE:
        a = slot_of(in);
        d = slot_of(in);
        set_slot(d, slot[a], ms[a]);
        break;
    case OP_EXTEND: {
        a = slot_of(in);
        b = slot_of(in);
        bool unordered;
        m_val *items = items_of(ms[b], &unordered);
        m_val *c = ms[a];
        if (unordered || (items && c->n + items->n > MAX_ITEMS))
            break;
        hl_exc e = c->kind != M_LIST || !items ? HL_EXC_TYPE_ERROR : HL_EXC_NONE;
        int r = hl_list_extend(rt, slot[a], slot[b]);
        outcome("extend", r == 0, e);
        for (size_t k = 0; r == 0 && k < items->n; k++)
            m_push(c, items->items[k]);
        break;
    }
    case OP_REVERSE: {
        a = slot_of(in);
        m_val *c = ms[a];
        int r = hl_list_reverse(rt, slot[a]);
        outcome("reverse", r == 0, c->kind == M_LIST ? HL_EXC_NONE : HL_EXC_TYPE_ERROR);
        for (size_t x = 0; r == 0 && x < c->n / 2; x++) {
            m_val *t = c->items[x];
            c->items[x] = c->items[c->n - 1 - x];
            c->items[c->n - 1 - x] = t;
        }
        break;
    }
    case OP_LEN: {
        a = slot_of(in);
        int64_t n = hl_len(rt, slot[a]);
        bool sized = ms[a]->kind >= M_STR;
        outcome("len", n >= 0, sized ? HL_EXC_NONE : HL_EXC_TYPE_ERROR);
        if (sized)
            FUZZ_CHECK((size_t)n == m_len(ms[a]), "len %lld, model %zu", (long long)n, m_len(ms[a]));
        break;
    }
    case OP_SET_ADD:
    case OP_DISCARD: op_set_member(in, (int)op); break;
    case OP_REMOVE: op_remove(in); break;
    }
}

static void configure(hl_config *cfg, uint64_t h)
{
    hl_config_init(cfg);
    cfg->backend = (h & 3) == 3 ? "arena" : "system";
    cfg->int_mode = (h >> 2 & 3) == 0 ? HL_INT_BOXED : HL_INT_TAGGED;
    cfg->gc_stress = (h >> 4 & 3) == 0;
    cfg->max_depth = MAX_DEPTH;
    cfg->heap_limit = 256u << 20;
}

static void report(void)
{
    fprintf(stderr, "fuzz_ops: %llu inputs, %llu operations checked\n", inputs_run, ops_checked);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    model_set_depth_limit(MAX_DEPTH, DEPTH_SLACK);
    atexit(report);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hl_config cfg;
    configure(&cfg, fuzz_hash(data, size));
    char err[256];
    rt = hl_runtime_new(&cfg, err, sizeof err);
    FUZZ_CHECK(rt != NULL, "runtime: %s", err);
    for (unsigned k = 0; k < NSLOTS; k++)
        set_slot(k, HL_NONE, m_none());
    hl_root_array(rt, slot, NSLOTS);
    input in = {data, data + size};
    stop = false;
    while (in.p < in.end && !stop) {
        step(&in);
        size_t total = 0;
        for (unsigned k = 0; k < NSLOTS && total <= MAX_TREE; k++)
            total += tree_size(ms[k], MAX_TREE);
        if (total > MAX_TREE)
            break; /* printing it all after every step would cost too much */
        if (!stop)
            check_all();
    }
    if (!stop)
        check_collect();
    hl_unroot_array(rt);
    hl_runtime_free(rt);
    rt = NULL;
    model_reset();
    inputs_run++;
    return 0;
}
