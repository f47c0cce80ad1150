/* Replays inputs through a fuzz target without libFuzzer, so the committed corpus and every
 * crash ever found run in the default suite with any compiler:
 *     fuzz_replay_lang FILE|DIR...
 * A directory is walked recursively (every file, in name order). A broken expectation aborts
 * (FUZZ_CHECK); otherwise the run ends with "replay: N passed, 0 failed". */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t replayed;

static void replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL, "cannot open %s", path);
    size_t cap = 4096, len = 0, got;
    uint8_t *buf = malloc(cap);
    FUZZ_CHECK(buf != NULL, "out of memory");
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            buf = realloc(buf, cap *= 2);
            FUZZ_CHECK(buf != NULL, "out of memory");
        }
    }
    fclose(f);
    /* libFuzzer hands over a buffer of exactly the input's size: so does the replay, so ASan
     * sees a read past its end. */
    uint8_t *exact = malloc(len ? len : 1);
    FUZZ_CHECK(exact != NULL, "out of memory");
    memcpy(exact, buf, len);
    free(buf);
    fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    replayed++;
}

static void replay(const char *path)
{
    struct stat st;
    FUZZ_CHECK(stat(path, &st) == 0, "cannot stat %s", path);
    if (!S_ISDIR(st.st_mode)) {
        replay_file(path);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    FUZZ_CHECK(n >= 0, "cannot read %s", path);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, name);
            replay(child);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++)
        replay(argv[i]);
    FUZZ_CHECK(replayed > 0, "no input replayed");
    fprintf(stderr, "replay: %zu passed, 0 failed\n", replayed);
    return 0;
}
