/* lang/arena.c: chunked bump allocation; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <string.h>

/* Heap backends promise 8-byte blocks, and nothing in the front end needs more. */
#define ALIGN ((size_t)8)
#define MIN_CHUNK ((size_t)16 * 1024)

struct hl_arena_chunk {
    hl_arena_chunk *next;
    size_t size;  /* of the whole chunk, header included, as passed to alloc */
    char data[];  /* 8-byte aligned: the header is two words */
};

void hl_arena_init(hl_arena *arena, hl_arena_alloc_fn alloc, hl_arena_free_fn free, void *ud) {
    memset(arena, 0, sizeof *arena);
    arena->alloc = alloc;
    arena->free = free;
    arena->ud = ud;
}

static int new_chunk(hl_arena *arena, size_t need) {
    /* Chunks double with the arena's size, so a big AST costs few chunks. */
    size_t size = arena->held > MIN_CHUNK ? arena->held : MIN_CHUNK;
    if (need > SIZE_MAX - sizeof(hl_arena_chunk) - ALIGN) return 0;
    if (size < need + sizeof(hl_arena_chunk)) size = need + sizeof(hl_arena_chunk);
    if (arena->limit && (arena->held > arena->limit || size > arena->limit - arena->held)) {
        size = need + sizeof(hl_arena_chunk);  /* try the smallest chunk that fits */
        if (arena->held > arena->limit || size > arena->limit - arena->held) return 0;
    }
    hl_arena_chunk *chunk = arena->alloc(arena->ud, size);
    if (!chunk) return 0;
    chunk->size = size;
    chunk->next = arena->chunks;
    arena->chunks = chunk;
    arena->held += size;
    arena->cur = chunk->data;
    arena->end = (char *)chunk + size;
    return 1;
}

void *hl_arena_alloc(hl_arena *arena, size_t size) {
    if (size == 0) size = 1;
    if (size > SIZE_MAX - ALIGN) return NULL;
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if ((size_t)(arena->end - arena->cur) < size && !new_chunk(arena, size)) return NULL;
    void *p = arena->cur;
    arena->cur += size;
    return p;
}

char *hl_arena_strndup(hl_arena *arena, const char *s, size_t len) {
    if (len == SIZE_MAX) return NULL;
    char *copy = hl_arena_alloc(arena, len + 1);
    if (!copy) return NULL;
    if (len) memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

void hl_arena_release(hl_arena *arena) {
    hl_arena_chunk *chunk = arena->chunks;
    while (chunk) {
        hl_arena_chunk *next = chunk->next;
        arena->free(arena->ud, chunk, chunk->size);
        chunk = next;
    }
    arena->chunks = NULL;
    arena->cur = arena->end = NULL;
    arena->held = 0;
}
