/* Internal: a growable byte buffer for building text (repr, str, formatting). Its memory
 * comes from the runtime's heap as bookkeeping; on failure it sets MemoryError. */
#ifndef HEAPLAB_RUNTIME_BUF_H
#define HEAPLAB_RUNTIME_BUF_H

#include <stddef.h>

#include "heaplab/runtime.h"
#include "heaplab/value.h"

typedef struct hl_buf {
    hl_runtime *rt;
    char *data;
    size_t size, capacity;
    char inline_space[128];
} hl_buf;

void hl_buf_init(hl_buf *b, hl_runtime *rt);
void hl_buf_release(hl_buf *b);
/* 0, or -1 with MemoryError. */
int hl_buf_reserve(hl_buf *b, size_t extra);
int hl_buf_append(hl_buf *b, const char *s, size_t n);
int hl_buf_puts(hl_buf *b, const char *s);
int hl_buf_putc(hl_buf *b, char c);
int hl_buf_printf(hl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a new str (the buffer is released either way). */
hl_value hl_buf_to_str(hl_buf *b);

#endif
