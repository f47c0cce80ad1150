/* The `system` backend: glibc's malloc.
 *
 * glibc's functions are resolved with dlsym on the already-loaded libc handle, never by
 * name: Debian's libjemalloc and libmimalloc both export `malloc`, and libmimalloc even
 * exports `__libc_malloc`, so once either is in the process a plain call could reach it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "backends.h"

static struct {
    void *(*malloc)(size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
    size_t (*usable_size)(void *);
} glibc;

static pthread_once_t glibc_once = PTHREAD_ONCE_INIT;

#if defined(__SANITIZE_ADDRESS__)
#define HL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HL_ASAN 1
#endif
#endif

static void resolve_from(void *handle)
{
    glibc.malloc = (void *(*)(size_t))dlsym(handle, "malloc");
    glibc.realloc = (void *(*)(void *, size_t))dlsym(handle, "realloc");
    glibc.free = (void (*)(void *))dlsym(handle, "free");
    glibc.usable_size = (size_t(*)(void *))dlsym(handle, "malloc_usable_size");
    if (!glibc.malloc || !glibc.realloc || !glibc.free || !glibc.usable_size)
        glibc.malloc = NULL;
}

/* Under AddressSanitizer its interceptors own `malloc` (its runtime is linked ahead of
 * every library, jemalloc and mimalloc included): take those, or ASan would never see the
 * blocks of the default backend. */
static void resolve_glibc(void)
{
#ifdef HL_ASAN
    resolve_from(RTLD_DEFAULT);
#else
    void *libc = dlopen("libc.so.6", RTLD_NOLOAD | RTLD_LAZY);
    if (!libc)
        return;
    resolve_from(libc);
    dlclose(libc); /* drops only the reference NOLOAD took; libc stays mapped */
#endif
}

void *hl_glibc_malloc(size_t size)
{
    pthread_once(&glibc_once, resolve_glibc);
    return glibc.malloc ? glibc.malloc(size) : NULL;
}

void hl_glibc_free(void *p)
{
    if (p)
        glibc.free(p);
}

size_t hl_glibc_usable_size(void *p)
{
    return glibc.usable_size(p);
}

/* The context only has to be distinct per runtime; glibc has no per-heap state we use. */
static void *system_create(char *err, size_t errlen)
{
    pthread_once(&glibc_once, resolve_glibc);
    if (!glibc.malloc) {
        if (err)
            snprintf(err, errlen, "system backend: cannot resolve glibc's malloc in libc.so.6");
        return NULL;
    }
    return glibc.malloc(1);
}

static void system_destroy(void *ctx) { glibc.free(ctx); }

static void *system_alloc(void *ctx, size_t size, hl_block_kind kind)
{
    (void)ctx;
    (void)kind;
    return glibc.malloc(size);
}

static void *system_realloc(void *ctx, void *block, size_t old_size, size_t new_size,
                            hl_block_kind kind)
{
    (void)ctx;
    (void)old_size;
    (void)kind;
    return glibc.realloc(block, new_size);
}

static void system_free(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    glibc.free(block);
}

static size_t system_block_size(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    return glibc.usable_size(block);
}

/* glibc cannot list its blocks, and its heap is the process's: the main arena's [heap]
 * mapping (grown with brk) is the span it holds, shared with every other malloc in the
 * process. Blocks of 128 KiB and more are mmapped chunks of their own, outside it (heaplab
 * counts each as a span of its own pages). Under ASan the blocks are ASan's: no span. */
static unsigned system_walk(void *ctx, const hl_heap_walker *w)
{
    (void)ctx;
#ifdef HL_ASAN
    (void)w;
    return 0;
#else
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps)
        return 0;
    char line[512];
    unsigned reported = 0;
    while (fgets(line, sizeof line, maps)) {
        uintptr_t start, end;
        if (strstr(line, "[heap]") && sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &start, &end) == 2) {
            w->span(w->data, (void *)start, end - start);
            reported = HL_WALK_SPANS;
        }
    }
    fclose(maps);
    return reported;
#endif
}

const hl_backend hl_backend_system = {
    .name = "system",
    .description = "glibc malloc/free (resolved from libc.so.6), usable size from malloc_usable_size",
    .flags = 0,
    .create = system_create,
    .destroy = system_destroy,
    .alloc = system_alloc,
    .realloc = system_realloc,
    .free = system_free,
    .block_size = system_block_size,
    .walk = system_walk,
};
