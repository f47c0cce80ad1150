/* heaplab's record of live blocks (heap_blocks.h): linear probing, deletion by shifting the
 * entries after the hole back (no tombstones, so a long run's lookups stay short). */
#include <string.h>
#include <sys/mman.h>

#include "heap_blocks.h"

static size_t slot_of(const hl_blocks *b, uintptr_t address)
{
    return (size_t)(((address >> 3) * 0x9E3779B97F4A7C15u) >> 20) & (b->capacity - 1);
}

static hl_block_entry *map_slots(size_t capacity)
{
    void *p = mmap(NULL, capacity * sizeof(hl_block_entry), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p; /* zero-filled: every slot empty */
}

static void insert(hl_blocks *b, uintptr_t address, size_t size)
{
    size_t i = slot_of(b, address);
    while (b->slots[i].address && b->slots[i].address != address)
        i = (i + 1) & (b->capacity - 1);
    if (!b->slots[i].address)
        b->count++;
    b->slots[i] = (hl_block_entry){address, size};
}

/* Keep the table at most half full. */
static bool reserve(hl_blocks *b)
{
    if (b->capacity && (b->count + 1) * 2 <= b->capacity)
        return true;
    size_t capacity = b->capacity ? b->capacity * 2 : 4096;
    hl_block_entry *slots = map_slots(capacity), *old = b->slots;
    if (!slots)
        return false;
    size_t old_capacity = b->capacity;
    b->slots = slots;
    b->capacity = capacity;
    b->count = 0;
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i].address)
            insert(b, old[i].address, old[i].size);
    if (old)
        munmap(old, old_capacity * sizeof *old);
    return true;
}

void hl_blocks_add(hl_blocks *b, const void *p, size_t size)
{
    if (!reserve(b)) {
        b->lost = true;
        return;
    }
    insert(b, (uintptr_t)p, size);
}

void hl_blocks_remove(hl_blocks *b, const void *p)
{
    if (!b->capacity)
        return;
    uintptr_t address = (uintptr_t)p;
    size_t mask = b->capacity - 1, i = slot_of(b, address);
    while (b->slots[i].address != address) {
        if (!b->slots[i].address)
            return; /* not recorded (lost earlier) */
        i = (i + 1) & mask;
    }
    /* Shift back every later entry of the run that may sit in the hole. */
    for (size_t j = (i + 1) & mask; b->slots[j].address; j = (j + 1) & mask) {
        size_t home = slot_of(b, b->slots[j].address);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            b->slots[i] = b->slots[j];
            i = j;
        }
    }
    b->slots[i] = (hl_block_entry){0, 0};
    b->count--;
}

void hl_blocks_release(hl_blocks *b)
{
    if (b->slots)
        munmap(b->slots, b->capacity * sizeof *b->slots);
    memset(b, 0, sizeof *b);
}
