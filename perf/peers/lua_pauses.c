/* Lua 5.4 with its collector's pauses timed, for the side-by-side in `make bench`
 * (perf/pauses.py): runs a Lua script in incremental or generational mode, as
 * collectgarbage("incremental") / ("generational") sets them, and reports every call of the
 * collector, each a pause of the program's, as heaplab reports its steps.
 *
 *     lua_pauses incremental|generational SCRIPT [ARG...]
 *
 * The script's output goes to standard output; a last line on standard error says
 * `lua_pauses {"mode": ..., "pauses": N, "p50_ns": ..., "p99_ns": ..., "max_ns": ...,
 * "total_ns": ..., "wall_ns": ...}`. Lua's collector runs inside luaC_step (a step of the
 * incremental collector, or a young or full collection of the generational one) and
 * luaC_fullgc: linked statically, with `--wrap` around both, every call is timed. Exact
 * percentiles, from every pause kept in an array. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t *pauses;
static size_t npauses, capacity;

static void record(uint64_t ns)
{
    if (npauses == capacity) {
        capacity = capacity ? capacity * 2 : 4096;
        pauses = realloc(pauses, capacity * sizeof *pauses);
        if (!pauses) {
            fprintf(stderr, "lua_pauses: out of memory\n");
            exit(1);
        }
    }
    pauses[npauses++] = ns;
}

void __real_luaC_step(lua_State *L);
void __real_luaC_fullgc(lua_State *L, int isemergency);

void __wrap_luaC_step(lua_State *L)
{
    uint64_t t0 = now_ns();
    __real_luaC_step(L);
    record(now_ns() - t0);
}

void __wrap_luaC_fullgc(lua_State *L, int isemergency)
{
    uint64_t t0 = now_ns();
    __real_luaC_fullgc(L, isemergency);
    record(now_ns() - t0);
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The smallest pause with at least p of them at or below it. */
static uint64_t percentile(double p)
{
    if (npauses == 0)
        return 0;
    size_t rank = (size_t)(p * (double)npauses + 0.999999);
    return pauses[(rank ? rank : 1) - 1];
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "incremental") != 0 && strcmp(argv[1], "generational") != 0)) {
        fprintf(stderr, "usage: lua_pauses incremental|generational SCRIPT [ARG...]\n");
        return 2;
    }
    lua_State *L = luaL_newstate();
    if (!L)
        return 1;
    luaL_openlibs(L);
    lua_gc(L, strcmp(argv[1], "incremental") == 0 ? LUA_GCINC : LUA_GCGEN, 0, 0, 0); /* the defaults of each */
    lua_createtable(L, argc - 2, 1); /* arg, as lua(1) makes it: arg[0] the script */
    for (int i = 2; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - 2);
    }
    lua_setglobal(L, "arg");
    npauses = 0;
    uint64_t t0 = now_ns();
    int status = luaL_dofile(L, argv[2]);
    uint64_t wall = now_ns() - t0;
    if (status != LUA_OK) {
        fprintf(stderr, "lua_pauses: %s\n", lua_tostring(L, -1));
        lua_close(L);
        return 1;
    }
    fflush(stdout);
    uint64_t total = 0, max = 0;
    for (size_t i = 0; i < npauses; i++) {
        total += pauses[i];
        max = pauses[i] > max ? pauses[i] : max;
    }
    qsort(pauses, npauses, sizeof *pauses, by_value);
    fprintf(stderr,
            "lua_pauses {\"mode\": \"%s\", \"pauses\": %zu, \"p50_ns\": %llu, \"p99_ns\": %llu, \"max_ns\": %llu, "
            "\"total_ns\": %llu, \"wall_ns\": %llu}\n",
            argv[1], npauses, (unsigned long long)percentile(0.5), (unsigned long long)percentile(0.99),
            (unsigned long long)max, (unsigned long long)total, (unsigned long long)wall);
    lua_close(L);
    free(pauses);
    return 0;
}
