/* A program for valgrind: create runtimes (both int modes, every backend named on the command
 * line), fill them with every type, collect, and destroy them. valgrind must report no leak
 * and no error: destroying a runtime frees everything it allocated. */
#include <stdio.h>
#include <string.h>

#include "heaplab/heaplab.h"

static int fill(hl_runtime *rt)
{
    hl_value root = hl_list_new(rt, 0);
    HL_ROOT(rt, root);
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    hl_value s = hl_set_new(rt);
    HL_ROOT(rt, s);
    int bad = !root || !d || !s;
    for (int i = 0; i < 20000 && !bad; i++) {
        hl_value key = hl_str_format(rt, "key%d", i % 500);
        HL_ROOT(rt, key);
        key = hl_str_intern(rt, key);
        hl_value pair[2] = {key, hl_float_new(rt, i * 0.5)};
        hl_root_array(rt, pair, 2);
        hl_value t = hl_tuple_new(rt, pair, 2);
        hl_unroot_array(rt);
        bad |= !t || hl_dict_set(rt, d, key, t) || hl_set_add(rt, s, hl_int_new(rt, (int64_t)i << 40));
        if (i % 3 == 0)
            bad |= hl_list_append(rt, root, t);
        HL_UNROOT(rt, 1);
    }
    hl_list_append(rt, root, root); /* a cycle, left for the final destroy */
    hl_gc_collect(rt);
    HL_UNROOT(rt, 3);
    return bad;
}

int main(int argc, char **argv)
{
    int failures = 0;
    for (int a = 1; a < argc || a == 1; a++) {
        for (int mode = HL_INT_TAGGED; mode <= HL_INT_BOXED; mode++) {
            hl_config cfg;
            hl_config_init(&cfg);
            if (argc > 1)
                cfg.backend = argv[a];
            cfg.int_mode = (hl_int_mode)mode;
            cfg.gc_min_threshold = 256 * 1024;
            char err[256];
            hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
            if (!rt) {
                fprintf(stderr, "leakcheck: %s\n", err);
                return 1;
            }
            if (fill(rt)) {
                fprintf(stderr, "leakcheck: %s on %s\n", hl_error_string(rt), cfg.backend);
                failures++;
            }
            hl_runtime_free(rt);
        }
    }
    return failures != 0;
}
