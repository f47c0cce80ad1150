/* cli/options.h: the heaplab command's options. */
#ifndef HEAPLAB_CLI_OPTIONS_H
#define HEAPLAB_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "heaplab/runtime.h"

typedef struct cli_options {
    hl_config cfg;          /* backend, int mode, GC stress */
    bool gc_stats;          /* summary to stderr at exit */
    unsigned recursion_limit; /* 0: the default */
    uint64_t step_limit;      /* --step-limit: hl_lang_set_step_limit; 0: none */
    const char *snapshots_dir; /* --snapshots DIR: heap pictures go there; NULL: none drawn */
    bool snapshot_each_line;   /* --snapshot-each-line: a picture after every statement */
    const char *gc_trace_dir;  /* --gc-trace DIR: a picture per incremental collector step */
    bool fragmentation;        /* --fragmentation: the figures on standard error at exit */
    const char *heap_map;      /* --heap-map FILE: and the heap map written there */
    const char *file;       /* `run`'s script ("-": standard input) */
    int argc;               /* sys.argv: the script and what follows it */
    char **argv;
} cli_options;

/* Parse argv[first..argc) for `run` (want_file) or `repl`. Options may come before or
 * after the script; "--" passes everything after it to the script. Returns 0, or 2 after
 * printing a message for an unknown option, a missing value or a bad one. */
int cli_parse_options(int argc, char **argv, int first, bool want_file, cli_options *out);

/* If argv[*i] is one of the collector's options (--gc-mode, --gc-nursery, --gc-growth,
 * --gc-promote-age), apply it to cfg, moving *i past its value: 0, or 2 after printing what is
 * wrong with the value. -1 when it is not one of them. */
int cli_gc_option(int argc, char **argv, int *i, hl_config *cfg);

#endif
