/* heaplab/value.h: values as tagged words.
 *
 *   ...xxxxxxx1  small int, 63-bit signed, the value is (intptr_t)v >> 1; no allocation
 *   ...xxxxx000  pointer to a heap object (8-byte aligned); 0 is "no value", the error signal
 *   ...xxxxx010  immediates: None, False, True
 *
 * Small ints exist only in the `tagged` int mode; in `boxed` mode every int is a heap object. */
#ifndef HEAPLAB_VALUE_H
#define HEAPLAB_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uintptr_t hl_value;

#define HL_NOVALUE ((hl_value)0) /* returned by a call that failed; an exception is pending */

/* An immediate is (payload << 8) | (kind << 3) | 2. */
enum {
    HL_IMM_NONE = 0,
    HL_IMM_FALSE = 1,
    HL_IMM_TRUE = 2,
    HL_IMM_DUMMY = 3,   /* marks a deleted slot inside hash tables; never visible to users */
    HL_IMM_TYPE = 4,    /* a type object; the payload is its hl_type */
    HL_IMM_BUILTIN = 5  /* a built-in function of the front end; the payload is its index */
};
#define HL_IMM(kind, payload) ((hl_value)(((uintptr_t)(payload) << 8) | ((uintptr_t)(kind) << 3) | 2))
#define HL_NONE HL_IMM(HL_IMM_NONE, 0)
#define HL_FALSE HL_IMM(HL_IMM_FALSE, 0)
#define HL_TRUE HL_IMM(HL_IMM_TRUE, 0)
#define HL_DUMMY HL_IMM(HL_IMM_DUMMY, 0)

static inline bool hl_is_imm(hl_value v) { return (v & 7) == 2; }
static inline unsigned hl_imm_kind(hl_value v) { return (unsigned)(v >> 3) & 31; }
static inline uintptr_t hl_imm_payload(hl_value v) { return v >> 8; }

#define HL_SMALLINT_MAX ((intptr_t)(INTPTR_MAX >> 1))
#define HL_SMALLINT_MIN ((intptr_t)(-HL_SMALLINT_MAX - 1))

static inline bool hl_is_smallint(hl_value v) { return (v & 1) != 0; }
static inline intptr_t hl_smallint_value(hl_value v) { return (intptr_t)v >> 1; }
/* The caller guarantees HL_SMALLINT_MIN <= i <= HL_SMALLINT_MAX. */
static inline hl_value hl_smallint(intptr_t i) { return ((uintptr_t)i << 1) | 1; }
static inline bool hl_smallint_fits(int64_t i) { return i >= HL_SMALLINT_MIN && i <= HL_SMALLINT_MAX; }

static inline bool hl_is_ptr(hl_value v) { return v != 0 && (v & 7) == 0; }
static inline bool hl_is_none(hl_value v) { return v == HL_NONE; }
static inline bool hl_is_bool(hl_value v) { return v == HL_TRUE || v == HL_FALSE; }
static inline hl_value hl_bool(bool b) { return b ? HL_TRUE : HL_FALSE; }

#ifdef __cplusplus
}
#endif

#endif
