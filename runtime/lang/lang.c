/* The C API of the front end: parse, compile and run scripts and REPL inputs in a runtime's
 * __main__ module, and report errors the way the heaplab command prints them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rt.h"
#include "compile.h"
#include "heaplab/lang.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "parser.h"
#include "vm.h"

/* The parse arena's chunks come from the runtime's heap, as bookkeeping. */
static void *arena_alloc(void *ud, size_t size) { return hl_heap_alloc(ud, size, HL_BLOCK_INTERNAL); }
static void arena_free(void *ud, void *p, size_t size) { hl_heap_free(ud, p, size); }

static void keep_source(hl_lang *L, const char *src, size_t len, const char *filename)
{
    hl_heap_free(L->rt, L->source, L->source_size + 1);
    L->source = hl_heap_alloc(L->rt, len + 1, HL_BLOCK_INTERNAL);
    L->source_size = L->source ? len : 0;
    if (L->source) {
        memcpy(L->source, src, len);
        L->source[len] = '\0';
    }
    snprintf(L->source_file, sizeof L->source_file, "%s", filename);
}

static void set_location(hl_lang *L, const char *file, int line, int col, const char *function)
{
    L->where.set = true;
    L->where.line = line;
    L->where.col = col;
    snprintf(L->where.file, sizeof L->where.file, "%s", file);
    snprintf(L->where.function, sizeof L->where.function, "%s", function ? function : "");
}

/* A front-end error (syntax, unsupported construct) as the pending exception. */
static void raise_lang_error(hl_lang *L, const hl_lang_error *e, const char *filename)
{
    hl_runtime *rt = L->rt;
    switch (e->kind) {
    case HL_LANG_MEMORY_ERROR:
        if (!hl_error_occurred(rt))
            hl_error_nomem(rt);
        return;
    case HL_LANG_RECURSION_ERROR:
        hl_error_set(rt, HL_EXC_RECURSION_ERROR, "%s", e->message ? e->message : "maximum recursion depth exceeded");
        break;
    case HL_LANG_UNSUPPORTED:
        hl_error_set(rt, HL_EXC_NOT_IMPLEMENTED_ERROR, "%s", e->message);
        break;
    case HL_LANG_INDENTATION_ERROR:
        hl_error_set(rt, HL_EXC_INDENTATION_ERROR, "%s", e->message);
        break;
    case HL_LANG_TAB_ERROR:
        hl_error_set(rt, HL_EXC_SYNTAX_ERROR, "%s", e->message);
        L->error_name = "TabError";
        break;
    default:
        hl_error_set(rt, HL_EXC_SYNTAX_ERROR, "%s", e->message);
        break;
    }
    if (e->line > 0)
        set_location(L, filename, e->line, e->col, NULL);
}

static void print_warnings(const hl_lang_warning *w, const char *filename)
{
    for (; w; w = w->next)
        fprintf(stderr, "%s:%d: %s: %s\n", filename, w->line, w->category, w->message);
}

/* Parse and compile src into a code object for __main__ (HL_NOVALUE: error pending). */
static hl_value compile_source(hl_lang *L, const char *src, size_t len, const char *filename, bool interactive,
                               hl_lang_error *perr)
{
    hl_runtime *rt = L->rt;
    hl_arena arena;
    hl_arena_init(&arena, arena_alloc, arena_free, rt);
    hl_parse_result pr = hl_parse(src, len, filename, &arena);
    hl_value code = HL_NOVALUE;
    *perr = pr.error;
    if (pr.module) {
        print_warnings(pr.warnings, filename);
        code = hl_compile(rt, pr.module, L->main_module, filename, interactive, &arena, perr);
    }
    if (!code) {
        /* Messages live in the arena: raise before releasing it. */
        raise_lang_error(L, perr, filename);
    }
    hl_arena_release(&arena);
    return code;
}

/* When the collector's steps are watched (a step hook drawing pictures: --gc-trace), the
 * compiler's garbage (its tables of constants) is collected first, unwatched, so that the
 * pictures start from the script's own objects. */
static void collect_unwatched(hl_runtime *rt)
{
    void *data;
    hl_gc_step_hook hook = hl_gc_get_step_hook(rt, &data);
    if (!hook)
        return;
    hl_gc_set_step_hook(rt, NULL, NULL);
    hl_gc_collect(rt);
    while (hl_gc_get_phase(rt) != HL_GC_PHASE_IDLE)
        hl_gc_step(rt);
    hl_gc_set_step_hook(rt, hook, data);
}

static hl_lang_status run(hl_runtime *rt, const char *src, size_t len, const char *filename, bool interactive)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_LANG_STATUS_ERROR;
    hl_error_clear(rt);
    L->where.set = false;
    L->error_name = NULL;
    rt->steps = 0;
    keep_source(L, src, len, filename);
    hl_lang_error err;
    hl_value code = compile_source(L, src, len, filename, interactive, &err);
    if (!code)
        return HL_LANG_STATUS_ERROR;
    HL_ROOT(rt, code);
    collect_unwatched(rt);
    hl_value r = hl_vm_run_module(rt, code, L->main_module);
    HL_UNROOT(rt, 1);
    fflush(stdout);
    return r ? HL_LANG_STATUS_OK : HL_LANG_STATUS_ERROR;
}

/* A NULL source is empty when len is 0, and a caller's mistake otherwise. */
static bool no_source(hl_runtime *rt, const char **src, size_t len, const char *fn)
{
    if (*src)
        return false;
    *src = "";
    return len && hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no source for %zu bytes", fn, len);
}

hl_lang_status hl_lang_run_string(hl_runtime *rt, const char *src, size_t len, const char *filename)
{
    if (no_source(rt, &src, len, __func__))
        return HL_LANG_STATUS_ERROR;
    return run(rt, src, len, filename ? filename : "<string>", false);
}

hl_lang_status hl_lang_run_file(hl_runtime *rt, const char *path)
{
    if (!path) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no path", __func__);
        return HL_LANG_STATUS_ERROR;
    }
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "can't open file '%s': [Errno %d] %s", path, errno, strerror(errno));
        return HL_LANG_STATUS_ERROR;
    }
    size_t cap = 4096, len = 0;
    char *buf = hl_heap_alloc(rt, cap, HL_BLOCK_INTERNAL);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *b = hl_heap_realloc(rt, buf, cap, cap * 2, HL_BLOCK_INTERNAL);
            if (!b) {
                hl_heap_free(rt, buf, cap);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    int read_error = ferror(f) ? errno : 0; /* a directory, or an I/O error */
    if (!is_stdin)
        fclose(f);
    if (!buf) {
        hl_error_nomem(rt);
        return HL_LANG_STATUS_ERROR;
    }
    if (read_error) {
        hl_heap_free(rt, buf, cap);
        hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "can't read file '%s': [Errno %d] %s", path, read_error,
                     strerror(read_error));
        return HL_LANG_STATUS_ERROR;
    }
    hl_lang_status s = run(rt, buf, len, is_stdin ? "<stdin>" : path, false);
    hl_heap_free(rt, buf, cap);
    return s;
}

/* Does the input open a block (a line ending in ':' or '\') that an empty line must close? */
static bool opens_block(const char *src, size_t len)
{
    const char *line = src, *end = src + len;
    bool block = false;
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *stop = nl ? nl : end, *hash = memchr(line, '#', (size_t)(stop - line));
        const char *last = hash ? hash : stop;
        while (last > line && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r'))
            last--;
        if (last > line && (last[-1] == ':' || last[-1] == '\\'))
            block = true;
        line = nl ? nl + 1 : end;
    }
    return block;
}

static bool ends_with_blank_line(const char *src, size_t len)
{
    while (len && (src[len - 1] == ' ' || src[len - 1] == '\t' || src[len - 1] == '\r'))
        len--;
    return len >= 2 && src[len - 1] == '\n' && src[len - 2] == '\n';
}

hl_lang_status hl_lang_repl_eval(hl_runtime *rt, const char *src, size_t len)
{
    if (no_source(rt, &src, len, __func__))
        return HL_LANG_STATUS_ERROR;
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_LANG_STATUS_ERROR;
    if (opens_block(src, len) && !ends_with_blank_line(src, len))
        return HL_LANG_STATUS_INCOMPLETE;
    hl_lang_status s = run(rt, src, len, "<stdin>", true);
    if (s == HL_LANG_STATUS_ERROR && (hl_error_type(rt) == HL_EXC_SYNTAX_ERROR)) {
        const char *m = hl_error_message(rt);
        if (strstr(m, "was never closed") || strstr(m, "unterminated triple-quoted string")) {
            hl_error_clear(rt);
            return HL_LANG_STATUS_INCOMPLETE;
        }
    }
    return s;
}

bool hl_lang_error_location(hl_runtime *rt, hl_lang_location *out)
{
    hl_lang *L = rt->ext;
    if (!L || !L->where.set)
        return false;
    out->file = L->where.file;
    out->line = L->where.line;
    out->col = L->where.col;
    out->function = L->where.function[0] ? L->where.function : NULL;
    return true;
}

/* Line `line` (1-based) of the kept source, without its newline. */
static const char *source_line(hl_lang *L, int line, size_t *n)
{
    const char *p = L->source; /* NULL when keeping it found no memory */
    if (!p)
        return NULL;
    const char *end = p + L->source_size;
    for (int i = 1; i < line && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *n = (size_t)((nl ? nl : end) - p);
    if (*n && p[*n - 1] == '\r')
        (*n)--;
    return p;
}

void hl_lang_print_error(hl_runtime *rt, FILE *out)
{
    if (!out)
        out = stderr;
    fflush(stdout);
    hl_lang *L = rt->ext;
    hl_lang_location loc;
    if (hl_lang_error_location(rt, &loc)) {
        if (loc.function)
            fprintf(out, "  File \"%s\", line %d, column %d, in %s\n", loc.file, loc.line, loc.col, loc.function);
        else
            fprintf(out, "  File \"%s\", line %d, column %d\n", loc.file, loc.line, loc.col);
        size_t n;
        const char *text = strcmp(loc.file, L->source_file) == 0 ? source_line(L, loc.line, &n) : NULL;
        if (text) {
            size_t skip = 0;
            while (skip < n && (text[skip] == ' ' || text[skip] == '\t'))
                skip++;
            fprintf(out, "    %.*s\n", (int)(n - skip), text + skip);
            int caret = loc.col - 1 - (int)skip;
            if (caret >= 0 && (size_t)caret <= n - skip)
                fprintf(out, "    %*s^\n", caret, "");
        }
    }
    if (L && L->error_name)
        fprintf(out, "%s: %s\n", L->error_name, hl_error_message(rt));
    else
        fprintf(out, "%s\n", hl_error_string(rt));
    fflush(out);
    hl_error_clear(rt);
    if (L) {
        L->where.set = false;
        L->error_name = NULL;
    }
}

int hl_lang_set_argv(hl_runtime *rt, int argc, char **argv)
{
    if (argc < 0)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "%s: negative argc %d", __func__, argc);
    if (argc && !argv)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no argv for %d arguments", __func__, argc);
    hl_lang *L = hl_lang_get(rt);
    if (!L || hl_list_clear(rt, L->argv))
        return -1;
    for (int i = 0; i < argc; i++) {
        hl_value s = hl_str_from_cstr(rt, argv[i]);
        if (!s || hl_list_append(rt, L->argv, s))
            return -1;
    }
    return 0;
}

int hl_lang_set_recursion_limit(hl_runtime *rt, unsigned limit)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    L->recursion_limit = limit ? limit : 1;
    return 0;
}

int hl_lang_set_step_limit(hl_runtime *rt, uint64_t steps)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    rt->step_limit = steps;
    return 0;
}
