/* Internal: the backends compiled into the library, and glibc's allocator for internal use. */
#ifndef HEAPLAB_ALLOCATORS_BACKENDS_H
#define HEAPLAB_ALLOCATORS_BACKENDS_H

#include <stddef.h>

#include "heaplab/allocator.h"

extern const hl_backend hl_backend_system;
extern const hl_backend hl_backend_jemalloc;
extern const hl_backend hl_backend_mimalloc;
extern const hl_backend hl_backend_arena;
extern const hl_backend hl_backend_boehm;

/* glibc's malloc, whichever allocator owns the process's `malloc` symbol. */
void *hl_glibc_malloc(size_t size);
void hl_glibc_free(void *p);
size_t hl_glibc_usable_size(void *p);

#endif
