/* heaplab: run scripts of heaplab's Python subset on the runtime, or an interactive prompt.
 *
 *   heaplab run FILE|- [options] [-- args]   heaplab repl [options]
 *   heaplab backends                          heaplab help | --help
 *   heaplab compare FILE [--backends a,b] [--repeat N] [--json OUT] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "heaplab/allocator.h"
#include "heaplab/error.h"
#include "heaplab/lang.h"
#include "heaplab/runtime.h"
#include "compare.h"
#include "fragmentation.h"
#include "options.h"
#include "repl.h"
#include "report.h"
#include "gc_trace.h"
#include "snapshots.h"

static const char usage[] =
    "usage: heaplab COMMAND [options]\n"
    "\n"
    "Runs programs of a Python subset on heaplab's object runtime, printing what python3 prints.\n"
    "\n"
    "commands:\n"
    "  run FILE|-      run a script (- reads it from standard input); arguments after the\n"
    "                  script (or after --) are the script's sys.argv[1:]\n"
    "  repl            an interactive prompt: >>> and ... prompts, expression values echoed\n"
    "  backends        list the heap backends\n"
    "  compare FILE    run a script on each backend, repeated, and tabulate time, memory and\n"
    "                  collections: [--backends a,b] [--repeat N (default 5)] [--json OUT]\n"
    "                  [--fragmentation] [--heap-map DIR (DIR/<backend>.map, first runs)]\n"
    "  help, --help    this text\n"
    "\n"
    "options (run and repl):\n"
    "  --backend NAME          heap backend (default: system, or $HEAPLAB_BACKEND)\n"
    "  --int-mode tagged|boxed ints as tagged words (default) or heap objects with CPython's\n"
    "                          small-int cache\n"
    "  --gc-mode MODE          generational (default: minor collections of the young objects,\n"
    "                          major ones of everything), stop-the-world (full ones only, each\n"
    "                          marked in one pause) or incremental (full ones in small steps)\n"
    "  --gc-major MODE         generational: a major collection marked in steps (incremental,\n"
    "                          the default) or in one pause (stop-the-world)\n"
    "  --gc-nursery SIZE       bytes allocated between minor collections (default 8M)\n"
    "  --gc-promote-age N      minor collections survived before an object is old (default 1)\n"
    "  --gc-growth PERCENT     a major collection once the heap has grown this much since the\n"
    "                          last one (default 100)\n"
    "  --gc-step-size SIZE     steps of a collection in steps: bytes allocated between them\n"
    "                          (default 16k)\n"
    "  --gc-step-mul PERCENT   a step's work, words scanned per 100 words allocated (default\n"
    "                          200; generational, at least enough to mark the heap within a\n"
    "                          nursery)\n"
    "  --gc-stress             collect before every allocation\n"
    "  --gc-stats              print collector and heap figures to standard error at exit\n"
    "  --gc-log                a line per collection on standard error\n"
    "  --fragmentation         after the script, a full collection, then the backend's bytes held\n"
    "                          and live, largest free stretch and pages with live bytes, on\n"
    "                          standard error\n"
    "  --heap-map FILE         --fragmentation, and every held page's live bytes written to FILE\n"
    "                          (perf/heap_map.py draws it)\n"
    "  --recursion-limit N     Python call depth before RecursionError (default 1000)\n"
    "  --heap-limit SIZE       a MemoryError for an allocation that would take the bytes\n"
    "                          requested past SIZE (after a full collection), as 64M\n"
    "  --step-limit N          a RuntimeError after N steps: loop iterations, calls, and\n"
    "                          the items of a range a built-in takes (untrusted scripts)\n"
    "  --snapshots DIR         heaplab.snapshot(\"label\") in the script writes DIR/001-label.dot\n"
    "                          (and .svg, .png when Graphviz's dot is installed); without this\n"
    "                          option heaplab.snapshot() draws nothing\n"
    "  --snapshot-each-line    with --snapshots: a picture after every simple statement too\n"
    "  --gc-trace DIR          a heap picture in DIR after each step of the incremental collector\n"
    "                          (implies --gc-mode incremental, steps of about one object unless\n"
    "                          --gc-step-size/--gc-step-mul say otherwise): boxes white, grey or\n"
    "                          black, the garbage beside the live objects; gc.collect() runs a\n"
    "                          whole collection in such steps\n"
    "\n"
    "exit status: 0 success, 1 an error in the script, 2 a usage error or a script that\n"
    "cannot be read\n";

static int list_backends(void)
{
    for (size_t i = 0; i < hl_backend_count(); i++) {
        const hl_backend *b = hl_backend_at(i);
        printf("%-10s %s\n", b->name, b->description);
    }
    return 0;
}

/* As python3 does, a script that cannot be opened is reported before anything runs, with
 * status 2; a directory is refused too (reading it would run an empty script). */
static bool script_readable(const char *path)
{
    if (strcmp(path, "-") == 0)
        return true;
    struct stat st;
    int err = stat(path, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    FILE *f = err ? NULL : fopen(path, "rb");
    if (f) {
        fclose(f);
        return true;
    }
    if (!err)
        err = errno;
    fprintf(stderr, "heaplab: can't open file '%s': [Errno %d] %s\n", path, err, strerror(err));
    return false;
}

static int run_command(int argc, char **argv, bool repl)
{
    cli_options o;
    int status = cli_parse_options(argc, argv, 2, !repl, &o);
    if (status)
        return status;
    if (!repl && !script_readable(o.file))
        return 2;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&o.cfg, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "heaplab: %s\n", err);
        return 2;
    }
    cli_snapshots snapshots;
    cli_gc_trace trace;
    if ((o.snapshots_dir && (status = cli_snapshots_start(&snapshots, o.snapshots_dir)) != 0) ||
        (o.gc_trace_dir && (status = cli_gc_trace_start(&trace, rt, o.gc_trace_dir)) != 0)) {
        hl_runtime_free(rt);
        return status;
    }
    if ((o.recursion_limit && hl_lang_set_recursion_limit(rt, o.recursion_limit)) ||
        (o.step_limit && hl_lang_set_step_limit(rt, o.step_limit)) ||
        hl_lang_set_argv(rt, o.argc, o.argv) ||
        (o.snapshots_dir && hl_lang_set_snapshots(rt, cli_snapshot_write, &snapshots, o.snapshot_each_line))) {
        hl_lang_print_error(rt, stderr);
        hl_runtime_free(rt);
        return 1;
    }
    if (repl) {
        status = cli_repl(rt);
    } else if (hl_lang_run_file(rt, o.file) != HL_LANG_STATUS_OK) {
        hl_lang_print_error(rt, stderr);
        status = 1;
    }
    fflush(stdout);
    if (o.gc_stats)
        cli_print_gc_stats(rt, stderr);
    if (o.fragmentation) {
        hl_fragmentation f;
        if (cli_fragmentation_take(rt, repl ? "<stdin>" : o.file, o.heap_map, &f) == 0)
            cli_fragmentation_table(stderr, &f, 1);
        else if (!status)
            status = 1;
    }
    hl_runtime_free(rt);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "backends") == 0)
        return list_backends();
    if (strcmp(cmd, "compare") == 0)
        return cli_compare(argc, argv);
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "repl") == 0)
        return run_command(argc, argv, strcmp(cmd, "repl") == 0);
    fprintf(stderr, "heaplab: unknown command '%s'\n(see `heaplab --help`)\n", cmd);
    return 2;
}
