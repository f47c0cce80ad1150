/* Heap pictures to files: DIR/NNN-label.dot, rendered to .svg and .png by Graphviz's dot
 * when it is installed. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heaplab/error.h"
#include "heaplab/snapshot.h"
#include "snapshots.h"

extern char **environ;

#define MAX_NAME 48       /* bytes of the label kept in a file name */
#define MAX_PICTURES 999  /* numbered with three digits, so that they sort */

static void warn(cli_snapshots *s, const char *what, const char *path, const char *why)
{
    if (!s->warned)
        fprintf(stderr, "heaplab: cannot %s %s: %s (further snapshot problems are not reported)\n", what, path, why);
    s->warned = true;
}

/* mkdir -p. */
static int make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = c;
        if (c == '\0')
            return 0;
    }
}

static bool on_path(const char *program)
{
    const char *path = getenv("PATH");
    char candidate[4096];
    while (path && *path) {
        size_t n = strcspn(path, ":");
        if (snprintf(candidate, sizeof candidate, "%.*s/%s", (int)n, path, program) < (int)sizeof candidate &&
            access(candidate, X_OK) == 0)
            return true;
        path += n + (path[n] == ':');
    }
    return false;
}

int cli_snapshots_start(cli_snapshots *s, const char *dir)
{
    memset(s, 0, sizeof *s);
    s->dir = dir;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "heaplab: cannot make the snapshot directory %s: %s\n", dir, strerror(errno));
        return 2;
    }
    s->dot = on_path("dot");
    return 0;
}

/* The label as a file name: letters, digits and '_' kept, runs of anything else one '-'. */
static void file_name_of(const char *label, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = label; *p && n + 1 < size && n < MAX_NAME; p++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (keep)
            out[n++] = c;
        else if (n && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    if (!n)
        snprintf(out, size, "snapshot");
}

/* dot -T<format> -o <base>.<format> <base>.dot */
static void render(cli_snapshots *s, const char *base, const char *format)
{
    char flag[16], dotfile[4200], outfile[4200];
    snprintf(flag, sizeof flag, "-T%s", format);
    snprintf(dotfile, sizeof dotfile, "%s.dot", base);
    snprintf(outfile, sizeof outfile, "%s.%s", base, format);
    char *argv[] = {"dot", flag, "-o", outfile, dotfile, NULL};
    pid_t pid;
    int status = 0;
    int r = posix_spawnp(&pid, "dot", NULL, NULL, argv, environ);
    if (r != 0)
        warn(s, "run dot for", dotfile, strerror(r));
    else if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        warn(s, "render", dotfile, "dot failed");
}

/* What a gc-view picture shows, as a number (FNV-1a): the phase, and each box's type, colour
 * and flags. Two steps that look the same draw one picture. */
static uint64_t look_of(const hl_snapshot *snap)
{
    uint64_t h = 14695981039346656037u;
    uint64_t words[] = {snap->gc_phase, snap->nnodes, snap->nslots};
    for (size_t i = 0; i < 3; i++)
        h = (h ^ words[i]) * 1099511628211u;
    for (size_t i = 0; i < snap->nnodes; i++) {
        const hl_snapshot_node *n = &snap->nodes[i];
        h = (h ^ ((uint64_t)n->type << 16 | (uint64_t)n->colour << 8 | n->flags)) * 1099511628211u;
    }
    return h;
}

int cli_snapshot_write(hl_runtime *rt, const hl_lang_snapshot_request *req, void *ctx)
{
    cli_snapshots *s = ctx;
    if (s->count == MAX_PICTURES) {
        warn(s, "draw more than 999 pictures in", s->dir, "later snapshots are skipped");
        return 0;
    }
    const char *label = req->label && *req->label ? req->label : "snapshot";
    char name[MAX_NAME + 1], base[4096], title[512];
    file_name_of(label, name, sizeof name);
    const char *file = strrchr(req->file, '/') ? strrchr(req->file, '/') + 1 : req->file;
    snprintf(title, sizeof title, "%s (%s:%d)", label, file, req->line);

    hl_snapshot *snap;
    hl_snapshot_options options = {.gc_view = s->gc_view};
    if (hl_snapshot_build(rt, req->roots, req->nroots, title, &options, &snap) != 0) {
        if (hl_error_type(rt) == HL_EXC_MEMORY_ERROR)
            return -1;
        warn(s, "draw", label, hl_error_message(rt));
        hl_error_clear(rt);
        return 0;
    }
    if (s->gc_view) {
        uint64_t look = look_of(snap);
        if (s->count && look == s->last_look) {
            hl_snapshot_free(snap);
            return 0;
        }
        s->last_look = look;
    }
    snprintf(base, sizeof base, "%s/%03u-%s", s->dir, ++s->count, name);
    char path[4200];
    snprintf(path, sizeof path, "%s.dot", base);
    FILE *f = fopen(path, "w");
    if (!f) {
        warn(s, "write", path, strerror(errno));
        hl_snapshot_free(snap);
        return 0;
    }
    int r = hl_snapshot_write_dot(snap, f);
    hl_snapshot_free(snap);
    if (fclose(f) != 0 || r != 0) {
        warn(s, "write", path, strerror(errno));
        return 0;
    }
    if (s->dot) {
        render(s, base, "svg");
        render(s, base, "png");
    }
    return 0;
}
