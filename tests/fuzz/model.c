/* The reference model of fuzz_ops.c: CPython's rules for equality, hashability, repr,
 * copies, slices and ordering, over plain C trees (see model.h). */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* ---------------------------------------------------------------- nodes */

static m_val **nodes;
static size_t nnodes, nodes_cap;
static uint64_t visits;

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    FUZZ_CHECK(p != NULL, "model: out of memory");
    return p;
}

static m_val *new_node(m_kind kind)
{
    m_val *v = calloc(1, sizeof *v);
    FUZZ_CHECK(v != NULL, "model: out of memory");
    v->kind = kind;
    if (nnodes == nodes_cap)
        nodes = xrealloc(nodes, (nodes_cap = nodes_cap ? 2 * nodes_cap : 256) * sizeof *nodes);
    nodes[nnodes++] = v;
    return v;
}

void model_reset(void)
{
    for (size_t i = 0; i < nnodes; i++) {
        free(nodes[i]->cp);
        free(nodes[i]->items);
        free(nodes[i]->values);
        free(nodes[i]);
    }
    nnodes = 0;
}

uint64_t m_new_visit(void) { return ++visits; }

m_val *m_none(void) { return new_node(M_NONE); }

m_val *m_bool(bool b)
{
    m_val *v = new_node(M_BOOL);
    v->i = b;
    return v;
}

m_val *m_int(int64_t i)
{
    m_val *v = new_node(M_INT);
    v->i = i;
    return v;
}

m_val *m_float(double f)
{
    m_val *v = new_node(M_FLOAT);
    v->f = f;
    return v;
}

m_val *m_str_cp(const uint32_t *cp, size_t n)
{
    m_val *v = new_node(M_STR);
    v->cp = xrealloc(NULL, n * sizeof *cp);
    if (n)
        memcpy(v->cp, cp, n * sizeof *cp);
    v->n = n;
    return v;
}

m_val *m_str(const char *utf8)
{
    uint32_t cp[64];
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)utf8; *s && n < 64;) {
        unsigned len = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
        uint32_t c = len == 1 ? *s : *s & (0x7F >> len);
        for (unsigned k = 1; k < len; k++)
            c = c << 6 | (s[k] & 0x3F);
        cp[n++] = c;
        s += len;
    }
    return m_str_cp(cp, n);
}

m_val *m_container(m_kind kind) { return new_node(kind); }

static void reserve(m_val *c, size_t need)
{
    if (need <= c->cap)
        return;
    c->cap = need < 8 ? 8 : 2 * need;
    c->items = xrealloc(c->items, c->cap * sizeof *c->items);
    if (c->kind == M_DICT)
        c->values = xrealloc(c->values, c->cap * sizeof *c->values);
}

void m_push(m_val *c, m_val *item)
{
    reserve(c, c->n + 1);
    c->items[c->n++] = item;
}

void m_insert_at(m_val *list, size_t index, m_val *item)
{
    reserve(list, list->n + 1);
    memmove(&list->items[index + 1], &list->items[index], (list->n - index) * sizeof *list->items);
    list->items[index] = item;
    list->n++;
}

void m_remove_at(m_val *c, size_t index)
{
    memmove(&c->items[index], &c->items[index + 1], (c->n - index - 1) * sizeof *c->items);
    c->n--;
}

bool m_is_mutable(const m_val *v) { return v->kind == M_LIST || v->kind == M_DICT || v->kind == M_SET; }
bool m_is_number(const m_val *v) { return v->kind == M_BOOL || v->kind == M_INT || v->kind == M_FLOAT; }

const char *m_type_name(const m_val *v)
{
    static const char *const names[] = {"NoneType", "bool", "int", "float", "str", "tuple", "list", "dict", "set"};
    return names[v->kind];
}

size_t m_len(const m_val *v) { return v->n; }

/* ---------------------------------------------------------------- numbers */

/* Exact comparison of an int and a float, as CPython's float_richcompare: -1, 0, 1. */
static int cmp_int_float(int64_t i, double f)
{
    if (f >= 9223372036854775808.0)
        return -1;
    if (f < -9223372036854775808.0)
        return 1;
    double fl = floor(f);
    int64_t fi = (int64_t)fl;
    if (i != fi)
        return i < fi ? -1 : 1;
    return f > fl ? -1 : 0;
}

static int cmp_numbers(const m_val *a, const m_val *b)
{
    if (a->kind != M_FLOAT && b->kind != M_FLOAT)
        return a->i < b->i ? -1 : a->i > b->i;
    if (a->kind == M_FLOAT && b->kind == M_FLOAT)
        return a->f < b->f ? -1 : a->f > b->f;
    if (a->kind == M_FLOAT)
        return -cmp_int_float(b->i, a->f);
    return cmp_int_float(a->i, b->f);
}

static int cmp_strs(const m_val *a, const m_val *b)
{
    for (size_t k = 0; k < a->n && k < b->n; k++)
        if (a->cp[k] != b->cp[k])
            return a->cp[k] < b->cp[k] ? -1 : 1;
    return a->n < b->n ? -1 : a->n > b->n;
}

int m_order(const m_val *a, const m_val *b) { return m_is_number(a) ? cmp_numbers(a, b) : cmp_strs(a, b); }

/* ---------------------------------------------------------------- equality and hashing */

static unsigned depth_limit = 1000, depth_slack = 10;

void model_set_depth_limit(unsigned limit, unsigned slack)
{
    depth_limit = limit;
    depth_slack = slack;
}

/* Each of these returns M_TRUE, M_FALSE or M_RECURSION past `limit` levels. */
static m_truth eq_rec(m_val *a, m_val *b, unsigned depth, unsigned limit);
static long find_rec(m_val *c, m_val *key, unsigned depth, unsigned limit, bool *deep);

/* PyObject_RichCompareBool: identity first (only mutables' identity is modelled; without
 * NaNs, value equality of immutables gives the same answer). */
static m_truth eq_item(m_val *a, m_val *b, unsigned depth, unsigned limit)
{
    return a == b ? M_TRUE : eq_rec(a, b, depth, limit);
}

static m_truth eq_rec(m_val *a, m_val *b, unsigned depth, unsigned limit)
{
    if (m_is_number(a) && m_is_number(b))
        return cmp_numbers(a, b) == 0 ? M_TRUE : M_FALSE;
    if (a->kind != b->kind)
        return M_FALSE;
    switch (a->kind) {
    case M_NONE:
        return M_TRUE;
    case M_STR:
        return cmp_strs(a, b) == 0 ? M_TRUE : M_FALSE;
    case M_TUPLE:
    case M_LIST:
        if (a->n != b->n)
            return M_FALSE;
        if (depth >= limit)
            return M_RECURSION;
        for (size_t k = 0; k < a->n && k < b->n; k++) {
            m_truth t = eq_item(a->items[k], b->items[k], depth + 1, limit);
            if (t != M_TRUE)
                return t;
        }
        return a->n == b->n ? M_TRUE : M_FALSE; /* a list may change size: not here */
    case M_DICT:
    case M_SET:
        if (a->n != b->n)
            return M_FALSE;
        if (depth >= limit)
            return M_RECURSION;
        for (size_t k = 0; k < a->n; k++) {
            bool deep = false;
            long j = find_rec(b, a->items[k], depth + 1, limit, &deep);
            if (deep)
                return M_RECURSION;
            if (j < 0)
                return M_FALSE;
            if (a->kind == M_DICT) {
                m_truth t = eq_item(a->values[k], b->values[j], depth + 1, limit);
                if (t != M_TRUE)
                    return t;
            }
        }
        return M_TRUE;
    default:
        return M_FALSE;
    }
}

/* Within the limit less the slack the model's answer holds; past the limit plus the slack
 * the runtime must raise RecursionError; in between either may happen. */
static m_truth windowed(m_truth (*fn)(m_val *, m_val *, unsigned, unsigned), m_val *a, m_val *b)
{
    m_truth t = fn(a, b, 0, depth_limit > depth_slack ? depth_limit - depth_slack : 0);
    if (t != M_RECURSION)
        return t;
    return fn(a, b, 0, depth_limit + depth_slack) == M_RECURSION ? M_RECURSION : M_UNSURE;
}

m_truth m_eq(m_val *a, m_val *b)
{
    if (a == b && m_is_mutable(a))
        return M_TRUE; /* every item is itself: identity answers each comparison */
    return windowed(eq_rec, a, b);
}

static m_truth hashable_rec(m_val *v, m_val *unused, unsigned depth, unsigned limit)
{
    (void)unused;
    if (m_is_mutable(v))
        return M_FALSE;
    if (v->kind != M_TUPLE)
        return M_TRUE;
    if (depth >= limit)
        return M_RECURSION;
    for (size_t k = 0; k < v->n; k++) {
        m_truth t = hashable_rec(v->items[k], NULL, depth + 1, limit);
        if (t != M_TRUE)
            return t;
    }
    return M_TRUE;
}

m_truth m_hashable(m_val *v) { return windowed(hashable_rec, v, NULL); }

/* Dict and set lookups compare keys that are hashable: numbers, strs, tuples of those. */
static long find_rec(m_val *c, m_val *key, unsigned depth, unsigned limit, bool *deep)
{
    for (size_t k = 0; k < c->n; k++) {
        m_truth t = eq_item(c->items[k], key, depth, limit);
        if (t == M_RECURSION)
            *deep = true;
        if (t != M_FALSE)
            return t == M_TRUE ? (long)k : -1;
    }
    return -1;
}

long m_find(m_val *c, m_val *key)
{
    bool deep = false;
    long k = find_rec(c, key, 0, depth_limit + depth_slack, &deep);
    FUZZ_CHECK(!deep, "model: a key nested past the limit (the caller checks m_hashable)");
    return k;
}

void m_dict_set(m_val *d, m_val *key, m_val *value)
{
    long k = m_find(d, key);
    if (k >= 0) { /* the first key object stays, as in CPython */
        d->values[k] = value;
        return;
    }
    reserve(d, d->n + 1);
    d->items[d->n] = key;
    d->values[d->n++] = value;
}

void m_dict_del(m_val *d, size_t index)
{
    memmove(&d->values[index], &d->values[index + 1], (d->n - index - 1) * sizeof *d->values);
    m_remove_at(d, index);
}

void m_set_add(m_val *s, m_val *item)
{
    if (m_find(s, item) < 0)
        m_push(s, item);
}

/* ---------------------------------------------------------------- repr */

static char *out;
static size_t out_len, out_cap;

static void put(const char *s, size_t n)
{
    if (out_len + n + 1 > out_cap)
        out = xrealloc(out, out_cap = 2 * (out_len + n + 1));
    memcpy(out + out_len, s, n);
    out_len += n;
    out[out_len] = '\0';
}

static void puts_(const char *s) { put(s, strlen(s)); }

static void put_cp(uint32_t c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | c >> 6);
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | c >> 12);
        b[1] = (char)(0x80 | (c >> 6 & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | c >> 18);
        b[1] = (char)(0x80 | (c >> 12 & 0x3F));
        b[2] = (char)(0x80 | (c >> 6 & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    put(b, n);
}

/* unicode_repr: single quotes unless the text has ' and no "; the model's strings hold only
 * printable characters besides \n, \t, \r and \x01. */
static void repr_str(const m_val *s)
{
    bool squote = false, dquote = false;
    for (size_t k = 0; k < s->n; k++) {
        squote |= s->cp[k] == '\'';
        dquote |= s->cp[k] == '"';
    }
    char q = squote && !dquote ? '"' : '\'';
    put(&q, 1);
    for (size_t k = 0; k < s->n; k++) {
        uint32_t c = s->cp[k];
        char esc[8];
        if (c == (uint32_t)q || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(esc, 2);
        } else if (c == '\n') {
            puts_("\\n");
        } else if (c == '\t') {
            puts_("\\t");
        } else if (c == '\r') {
            puts_("\\r");
        } else if (c < 0x20 || c == 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
            puts_(esc);
        } else {
            put_cp(c);
        }
    }
    put(&q, 1);
}

/* float_repr: the shortest digits that read back as the same double, in fixed notation for
 * decimal exponents -4 < e <= 16, else d.ddde+XX. */
static void repr_float(double f)
{
    if (f == 0) {
        puts_(signbit(f) ? "-0.0" : "0.0");
        return;
    }
    char e[40];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, f);
        if (strtod(e, NULL) == f)
            break;
    }
    const char *p = e;
    if (*p == '-') {
        puts_("-");
        p++;
    }
    char digits[24];
    size_t nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int decpt = atoi(p + 1) + 1; /* the value is 0.DIGITS * 10**decpt */
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            puts_("0.");
            for (int k = 0; k < -decpt; k++)
                puts_("0");
            put(digits, nd);
        } else if ((size_t)decpt >= nd) {
            put(digits, nd);
            for (size_t k = nd; k < (size_t)decpt; k++)
                puts_("0");
            puts_(".0");
        } else {
            put(digits, (size_t)decpt);
            puts_(".");
            put(digits + decpt, nd - (size_t)decpt);
        }
        return;
    }
    put(digits, 1);
    if (nd > 1) {
        puts_(".");
        put(digits + 1, nd - 1);
    }
    char x[16];
    snprintf(x, sizeof x, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
    puts_(x);
}

static bool repr_rec(m_val *v, unsigned depth, unsigned limit)
{
    char num[32];
    switch (v->kind) {
    case M_NONE:
        puts_("None");
        return true;
    case M_BOOL:
        puts_(v->i ? "True" : "False");
        return true;
    case M_INT:
        snprintf(num, sizeof num, "%lld", (long long)v->i);
        puts_(num);
        return true;
    case M_FLOAT:
        repr_float(v->f);
        return true;
    case M_STR:
        repr_str(v);
        return true;
    default:
        break;
    }
    if (v->kind == M_SET && v->n == 0) {
        puts_("set()");
        return true;
    }
    static const char open[] = {[M_TUPLE] = '(', [M_LIST] = '[', [M_DICT] = '{', [M_SET] = '{'};
    static const char close[] = {[M_TUPLE] = ')', [M_LIST] = ']', [M_DICT] = '}', [M_SET] = '}'};
    if (v->busy) { /* Py_ReprEnter: [...], (...), {...} */
        put(&open[v->kind], 1);
        puts_("...");
        put(&close[v->kind], 1);
        return true;
    }
    if (v->n == 0) {
        put(&open[v->kind], 1);
        put(&close[v->kind], 1);
        return true;
    }
    if (depth >= limit)
        return false;
    v->busy++;
    put(&open[v->kind], 1);
    bool ok = true;
    for (size_t k = 0; k < v->n && ok; k++) {
        if (k)
            puts_(", ");
        ok = repr_rec(v->items[k], depth + 1, limit);
        if (ok && v->kind == M_DICT) {
            puts_(": ");
            ok = repr_rec(v->values[k], depth + 1, limit);
        }
    }
    if (v->kind == M_TUPLE && v->n == 1)
        puts_(",");
    put(&close[v->kind], 1);
    v->busy--;
    return ok;
}

/* After a walk abandoned at the limit, the nodes on its path are still busy. */
static void clear_busy(void)
{
    for (size_t i = 0; i < nnodes; i++)
        nodes[i]->busy = 0;
}

static bool repr_limited(m_val *v, unsigned limit)
{
    out_len = 0;
    put("", 0);
    bool ok = repr_rec(v, 0, limit);
    if (!ok)
        clear_busy();
    return ok;
}

const char *m_repr(m_val *v, bool *unsure)
{
    *unsure = false;
    if (repr_limited(v, depth_limit > depth_slack ? depth_limit - depth_slack : 0))
        return out;
    *unsure = repr_limited(v, depth_limit + depth_slack);
    return NULL;
}

static bool has_set_rec(m_val *v, uint64_t visit)
{
    if (v->visit == visit)
        return false;
    v->visit = visit;
    if (v->kind == M_SET && v->n > 1)
        return true;
    for (size_t k = 0; k < v->n && (v->kind >= M_TUPLE); k++)
        if (has_set_rec(v->items[k], visit) || (v->kind == M_DICT && has_set_rec(v->values[k], visit)))
            return true;
    return false;
}

bool m_repr_has_set(m_val *v) { return has_set_rec(v, m_new_visit()); }

/* ---------------------------------------------------------------- copies */

static m_val *shallow(m_val *v)
{
    m_val *c = m_container(v->kind);
    reserve(c, v->n);
    if (v->n) {
        memcpy(c->items, v->items, v->n * sizeof *v->items);
        if (v->kind == M_DICT)
            memcpy(c->values, v->values, v->n * sizeof *v->values);
    }
    c->n = v->n;
    return c;
}

m_val *m_copy(m_val *v) { return m_is_mutable(v) ? shallow(v) : v; }

static m_val **memoized;
static size_t nmemoized, memoized_cap;

static void remember(m_val *v, m_val *copy)
{
    v->memo = copy;
    if (nmemoized == memoized_cap)
        memoized = xrealloc(memoized, (memoized_cap = memoized_cap ? 2 * memoized_cap : 64) * sizeof *memoized);
    memoized[nmemoized++] = v;
}

static m_val *deep_rec(m_val *v)
{
    if (v->memo)
        return v->memo;
    m_val *y;
    switch (v->kind) {
    case M_LIST:
        y = m_container(M_LIST);
        remember(v, y);
        for (size_t k = 0; k < v->n; k++)
            m_push(y, deep_rec(v->items[k]));
        return y;
    case M_DICT:
        y = m_container(M_DICT);
        remember(v, y);
        for (size_t k = 0; k < v->n; k++) {
            m_val *key = deep_rec(v->items[k]);
            m_dict_set(y, key, deep_rec(v->values[k]));
        }
        return y;
    case M_SET:
        y = m_container(M_SET);
        for (size_t k = 0; k < v->n; k++)
            m_push(y, deep_rec(v->items[k]));
        remember(v, y);
        return y;
    case M_TUPLE: {
        m_val *items = m_container(M_TUPLE);
        bool changed = false;
        for (size_t k = 0; k < v->n; k++) {
            m_push(items, deep_rec(v->items[k]));
            changed |= items->items[k] != v->items[k];
        }
        if (v->memo) /* a cycle through the tuple copied it from inside */
            return v->memo;
        if (!changed)
            return v;
        remember(v, items);
        return items;
    }
    default:
        return v;
    }
}

m_val *m_deepcopy(m_val *v)
{
    m_val *y = deep_rec(v);
    for (size_t k = 0; k < nmemoized; k++)
        memoized[k]->memo = NULL;
    nmemoized = 0;
    return y;
}

/* ---------------------------------------------------------------- slices and counts */

long m_slice_indexes(int64_t len, int64_t start, int64_t stop, int64_t step, int64_t omitted, size_t *idx,
                     int64_t *first)
{
    if (step == 0)
        return -1;
    if (start == omitted) {
        start = step < 0 ? len - 1 : 0;
    } else if (start < 0) {
        start = start + len < 0 ? (step < 0 ? -1 : 0) : start + len;
    } else if (start >= len) {
        start = step < 0 ? len - 1 : len;
    }
    if (stop == omitted) {
        stop = step < 0 ? -1 : len;
    } else if (stop < 0) {
        stop = stop + len < 0 ? (step < 0 ? -1 : 0) : stop + len;
    } else if (stop >= len) {
        stop = step < 0 ? len - 1 : len;
    }
    *first = start;
    long n = 0;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        idx[n++] = (size_t)i;
    return n;
}

static void count_rec(m_val *v, uint64_t visit, size_t *counts)
{
    if (v->visit == visit)
        return;
    v->visit = visit;
    counts[v->kind]++;
    if (v->kind < M_TUPLE)
        return;
    for (size_t k = 0; k < v->n; k++) {
        count_rec(v->items[k], visit, counts);
        if (v->kind == M_DICT)
            count_rec(v->values[k], visit, counts);
    }
}

void m_count_mutables(m_val **roots, size_t n, size_t *lists, size_t *dicts, size_t *sets)
{
    size_t counts[M_SET + 1] = {0};
    uint64_t visit = m_new_visit();
    for (size_t k = 0; k < n; k++)
        if (roots[k])
            count_rec(roots[k], visit, counts);
    *lists = counts[M_LIST];
    *dicts = counts[M_DICT];
    *sets = counts[M_SET];
}
