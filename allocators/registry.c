/* The list of backends compiled into the library. */
#include <string.h>

#include "backends.h"

static const hl_backend *const backends[] = {
    &hl_backend_system,
    &hl_backend_jemalloc,
    &hl_backend_mimalloc,
    &hl_backend_arena,
    &hl_backend_boehm,
};

size_t hl_backend_count(void) { return sizeof backends / sizeof backends[0]; }

const hl_backend *hl_backend_at(size_t i)
{
    return i < hl_backend_count() ? backends[i] : NULL;
}

const hl_backend *hl_backend_find(const char *name)
{
    for (size_t i = 0; name && i < hl_backend_count(); i++)
        if (strcmp(backends[i]->name, name) == 0)
            return backends[i];
    return NULL;
}
