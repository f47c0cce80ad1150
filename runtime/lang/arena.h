/* lang/arena.h: a chunked bump allocator for front-end memory (tokens' text, AST nodes).
 *
 * Everything allocated from an arena lives until hl_arena_release frees it all at once,
 * which suits an AST: built once, walked by the compiler, dropped whole. Chunks come from a
 * caller-provided allocator so the runtime can route them through its heap backend. */
#ifndef HEAPLAB_LANG_ARENA_H
#define HEAPLAB_LANG_ARENA_H

#include <stddef.h>

typedef void *(*hl_arena_alloc_fn)(void *ud, size_t size);
typedef void (*hl_arena_free_fn)(void *ud, void *ptr, size_t size);

typedef struct hl_arena_chunk hl_arena_chunk;

typedef struct hl_arena {
    hl_arena_alloc_fn alloc;
    hl_arena_free_fn free;
    void *ud;
    hl_arena_chunk *chunks;  /* newest first */
    char *cur, *end;         /* the free part of the newest chunk */
    size_t held;             /* bytes obtained from alloc, headers included */
    size_t limit;            /* 0, or the most `held` may reach (tests of MemoryError) */
} hl_arena;

void hl_arena_init(hl_arena *arena, hl_arena_alloc_fn alloc, hl_arena_free_fn free, void *ud);

/* size bytes aligned for any type, or NULL when the allocator fails. Never aborts. */
void *hl_arena_alloc(hl_arena *arena, size_t size);

/* A NUL-terminated copy of len bytes, or NULL. */
char *hl_arena_strndup(hl_arena *arena, const char *s, size_t len);

/* Returns every chunk to the allocator; the arena can be used again afterwards. */
void hl_arena_release(hl_arena *arena);

#endif
