/* A growable byte buffer; small texts stay in the struct, larger ones in bookkeeping
 * blocks from the runtime's heap (heap.c). Calls only heap.c and error.c: making a str of
 * the contents (hl_buf_to_str) is str.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "rt.h"

void hl_buf_init(hl_buf *b, hl_runtime *rt)
{
    b->rt = rt;
    b->data = b->inline_space;
    b->size = 0;
    b->capacity = sizeof b->inline_space;
}

void hl_buf_release(hl_buf *b)
{
    if (b->data != b->inline_space)
        hl_heap_free(b->rt, b->data, b->capacity);
    hl_buf_init(b, b->rt);
}

int hl_buf_reserve(hl_buf *b, size_t extra)
{
    if (b->size + extra + 1 <= b->capacity) /* +1: room for a NUL */
        return 0;
    if (extra > SIZE_MAX / 4 - b->size)
        return hl_error_nomem(b->rt);
    size_t cap = b->capacity * 2;
    while (cap < b->size + extra + 1)
        cap *= 2;
    char *p = hl_heap_alloc(b->rt, cap, HL_BLOCK_INTERNAL);
    if (!p)
        return hl_error_nomem(b->rt);
    memcpy(p, b->data, b->size);
    if (b->data != b->inline_space)
        hl_heap_free(b->rt, b->data, b->capacity);
    b->data = p;
    b->capacity = cap;
    return 0;
}

int hl_buf_append(hl_buf *b, const char *s, size_t n)
{
    if (hl_buf_reserve(b, n))
        return -1;
    memcpy(b->data + b->size, s, n);
    b->size += n;
    return 0;
}

int hl_buf_puts(hl_buf *b, const char *s) { return hl_buf_append(b, s, strlen(s)); }

int hl_buf_putc(hl_buf *b, char c) { return hl_buf_append(b, &c, 1); }

int hl_buf_printf(hl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->size, b->capacity - b->size, fmt, ap);
    va_end(ap);
    if (n < 0)
        return hl_error_set(b->rt, HL_EXC_VALUE_ERROR, "bad format");
    if ((size_t)n >= b->capacity - b->size) {
        if (hl_buf_reserve(b, (size_t)n))
            return -1;
        va_start(ap, fmt);
        vsnprintf(b->data + b->size, b->capacity - b->size, fmt, ap);
        va_end(ap);
    }
    b->size += (size_t)n;
    return 0;
}
