/* The reference model of the operations fuzz target (fuzz_ops.c): Python values as plain C
 * trees, with CPython's rules written out directly and nothing shared with the runtime.
 *
 * Mutable containers (list, dict, set) are nodes with an identity: two references to one list
 * are one node, as they are one object in the runtime. Immutable values (None, bool, int,
 * float, str, tuple) are nodes too, but their identity is not modelled (the runtime may share
 * or duplicate them as CPython does), only their value. Strings are arrays of code points.
 * Every node lives until model_reset. */
#ifndef HEAPLAB_TESTS_FUZZ_MODEL_H
#define HEAPLAB_TESTS_FUZZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum m_kind { M_NONE, M_BOOL, M_INT, M_FLOAT, M_STR, M_TUPLE, M_LIST, M_DICT, M_SET } m_kind;

typedef struct m_val m_val;
struct m_val {
    m_kind kind;
    int64_t i;          /* bool, int */
    double f;           /* float */
    uint32_t *cp;       /* str: code points */
    m_val **items;      /* tuple, list, set: items; dict: keys in insertion order */
    m_val **values;     /* dict: values */
    size_t n, cap;      /* str: code points; containers: items */
    unsigned busy;      /* a traversal is inside this node (repr's [...], copies' memo) */
    m_val *memo;        /* deepcopy: this node's copy */
    uint64_t visit;     /* the traversal that last saw it */
    uintptr_t seen;     /* the runtime object matched to it in that traversal */
};

/* An outcome the model cannot call: within a few levels of the runtime's nesting limit, the
 * model and the runtime may count levels differently. */
typedef enum m_truth { M_FALSE = 0, M_TRUE = 1, M_RECURSION = 2, M_UNSURE = 3 } m_truth;

void model_reset(void);

m_val *m_none(void);
m_val *m_bool(bool b);
m_val *m_int(int64_t i);
m_val *m_float(double f);
m_val *m_str(const char *utf8);
m_val *m_str_cp(const uint32_t *cp, size_t n);
m_val *m_container(m_kind kind); /* an empty tuple, list, dict or set */
void m_push(m_val *c, m_val *item);  /* append to a tuple being built or a list */

bool m_is_mutable(const m_val *v);
bool m_is_number(const m_val *v); /* bool, int, float */
const char *m_type_name(const m_val *v);
size_t m_len(const m_val *v);     /* str, tuple, list, dict, set */

/* Nesting limits as the runtime's max_depth: past `limit` levels RecursionError. Results
 * within `slack` levels of it are M_UNSURE. */
void model_set_depth_limit(unsigned limit, unsigned slack);

/* Python's == (items compared with identity first, as PyObject_RichCompareBool). */
m_truth m_eq(m_val *a, m_val *b);
/* hash(v) would succeed: no list, dict or set inside (M_RECURSION when too deep). */
m_truth m_hashable(m_val *v);
/* Python's repr, in a buffer the model owns until the next call. NULL when the nesting is
 * past the limit: RecursionError, or either outcome when *unsure is set. */
const char *m_repr(m_val *v, bool *unsure);
/* Does repr's text depend on the order of a set's items? */
bool m_repr_has_set(m_val *v);

/* Dicts and sets: index of the item equal to key, or -1 (key must be hashable). */
long m_find(m_val *c, m_val *key);
void m_dict_set(m_val *d, m_val *key, m_val *value);
void m_dict_del(m_val *d, size_t index);
void m_set_add(m_val *s, m_val *item);
void m_remove_at(m_val *c, size_t index); /* list or set */
void m_insert_at(m_val *list, size_t index, m_val *item);

/* copy.copy and copy.deepcopy, CPython's algorithm (the deep copy memoizes every copy; a
 * tuple is copied only when an item's copy differs). */
m_val *m_copy(m_val *v);
m_val *m_deepcopy(m_val *v);

/* Python's slice of a length: the indexes in *idx (room for len), their count returned;
 * -1 for step 0 (ValueError). *first is the adjusted start (where `a[i:j] = x` inserts when
 * the slice is empty). omitted is the C API's HL_SLICE_OMITTED. */
long m_slice_indexes(int64_t len, int64_t start, int64_t stop, int64_t step, int64_t omitted, size_t *idx,
                     int64_t *first);

/* Order of numbers or of strs for sort: -1, 0, 1 (the caller checks the kinds). */
int m_order(const m_val *a, const m_val *b);

/* Each distinct node reachable from roots[0..n): the counts of lists, dicts and sets. */
void m_count_mutables(m_val **roots, size_t n, size_t *lists, size_t *dicts, size_t *sets);

/* A new traversal's number (for m_val.visit). */
uint64_t m_new_visit(void);

#endif
