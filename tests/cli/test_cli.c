/* The heaplab command as a user meets it: exit statuses, usage errors, a script that cannot be
 * read, standard input, the REPL's echo and `_`, --gc-stats, the collector's options, backends. Each test runs the
 * built binary (HEAPLAB_CLI, set by CMake) in a child process with its own pipes. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    int status; /* the exit status; 128 + N when killed by signal N */
    char out[16384], err[16384];
} cli_result;

/* All of fd into buf (NUL-terminated, cut at the buffer's size). */
static void slurp(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    ssize_t n;
    char sink[4096];
    while ((n = read(fd, len + 1 < cap ? buf + len : sink, len + 1 < cap ? cap - 1 - len : sizeof sink)) > 0)
        if (len + 1 < cap)
            len += (size_t)n;
    buf[len] = '\0';
    close(fd);
}

/* Runs HEAPLAB_CLI with args (NULL-terminated) and input on standard input, in directory
 * cwd (NULL: the current one). The input is small: written before the output is read. */
static void run_cli(cli_result *r, const char *input, const char *cwd, const char *const *args)
{
    const char *argv[32] = {HEAPLAB_CLI};
    size_t n = 1;
    while (args[n - 1]) {
        cr_assert_lt(n, 31);
        argv[n] = args[n - 1];
        n++;
    }
    argv[n] = NULL;
    int in[2], out[2], err[2];
    cr_assert(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        dup2(in[0], 0), dup2(out[1], 1), dup2(err[1], 2);
        for (int fd = 3; fd < 64; fd++)
            close(fd);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(in[0]), close(out[1]), close(err[1]);
    if (input) {
        size_t len = strlen(input);
        cr_assert_eq(write(in[1], input, len), (ssize_t)len);
    }
    close(in[1]);
    slurp(out[0], r->out, sizeof r->out);
    slurp(err[0], r->err, sizeof r->err);
    int ws;
    cr_assert_eq(waitpid(pid, &ws, 0), pid);
    r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

#define RUN(r, input, ...) run_cli(r, input, NULL, (const char *const[]){__VA_ARGS__, NULL})

/* Each test runs in a process of its own: one scratch directory and script each. */
static char dir[] = "/tmp/heaplab-cli-XXXXXX", path[256];

static void remove_script(void)
{
    if (path[0])
        unlink(path);
    if (strchr(dir, 'X') == NULL)
        rmdir(dir);
}

TestSuite(cli, .fini = remove_script);

/* A file in a fresh directory, holding text; returns its path. */
static const char *script_file(const char *name, const char *text)
{
    cr_assert(!path[0], "one script per test");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

Test(cli, help_and_usage_errors)
{
    cli_result r;
    RUN(&r, NULL, "--help");
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "usage: heaplab COMMAND") && strstr(r.out, "--snapshots DIR"), "%s", r.out);

    RUN(&r, NULL, "frobnicate");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "heaplab: unknown command 'frobnicate'\n(see `heaplab --help`)\n");

    RUN(&r, NULL, "run");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "which script?"), "%s", r.err);

    RUN(&r, NULL, "run", "-", "--backend", "nosuch");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "nosuch"), "%s", r.err);
    cr_expect_str_empty(r.out);
}

Test(cli, backends_lists_all_five)
{
    cli_result r;
    RUN(&r, NULL, "backends");
    cr_assert_eq(r.status, 0);
    const char *names[] = {"system", "jemalloc", "mimalloc", "arena", "boehm"};
    for (size_t i = 0; i < 5; i++)
        cr_expect(strstr(r.out, names[i]), "%s missing from:\n%s", names[i], r.out);
}

/* As python3: "can't open file", status 2, nothing run. */
Test(cli, unreadable_script_is_status_2)
{
    cli_result r;
    RUN(&r, NULL, "run", "/nonexistent/dir/script.py");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
                     "heaplab: can't open file '/nonexistent/dir/script.py': [Errno 2] No such file or directory\n");

    RUN(&r, NULL, "run", "/tmp");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "heaplab: can't open file '/tmp': [Errno 21] Is a directory\n");
}

Test(cli, script_from_file_and_stdin)
{
    const char *src = "a = [1, 2]\nb = a\nb.append(3)\nprint(a, a is b)\n";
    cli_result r;
    RUN(&r, NULL, "run", script_file("alias.py", src));
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "[1, 2, 3] True\n");

    RUN(&r, src, "run", "-", "--int-mode", "boxed", "--backend", "arena");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "[1, 2, 3] True\n");
}

Test(cli, script_error_is_status_1_with_location)
{
    cli_result r;
    RUN(&r, NULL, "run", script_file("err.py", "x = [1]\nprint('before')\nx + 1\nprint('after')\n"));
    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, "before\n");
    cr_expect(strstr(r.err, "line 3") && strstr(r.err, "TypeError: can only concatenate list (not \"int\") to list\n"),
              "%s", r.err);

    RUN(&r, "x = (1,\n", "run", "-");
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "SyntaxError: '(' was never closed"), "%s", r.err);
}

Test(cli, argv_after_the_script)
{
    cli_result r;
    RUN(&r, "import sys\nprint(sys.argv[1:])\n", "run", "-", "--", "a", "--backend");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "['a', '--backend']\n");
}

Test(cli, gc_stats_on_stderr)
{
    cli_result r;
    RUN(&r, "import gc\nx = [[i] for i in range(1000)]\nx = None\nprint(gc.collect() >= 1000)\n", "run", "-",
        "--gc-stats");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "True\n");
    cr_expect(strstr(r.err, "collections"), "no summary on stderr: %s", r.err);
}

/* The collector's options: a line per collection with --gc-log, minor ones with a small
 * nursery and none in stop-the-world mode; values that do not parse are usage errors. */
Test(cli, gc_options)
{
    const char *script = "x = [[i] for i in range(20000)]\nprint(len(x))\n";
    cli_result r;
    RUN(&r, script, "run", "-", "--gc-log", "--gc-nursery", "64k", "--gc-promote-age", "2", "--gc-growth", "50");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "20000\n");
    cr_expect(strstr(r.err, "heaplab gc 1 minor: pause"), "no minor collection logged: %s", r.err);
    RUN(&r, script, "run", "-", "--gc-log", "--gc-mode=stop-the-world", "--gc-nursery=64k");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, " major: pause") && !strstr(r.err, " minor: "), "%s", r.err);
    /* Generational major collections: in steps by default, in one pause if asked. */
    const char *grows = "x = [[i] for i in range(100000)]\nprint(len(x))\n";
    RUN(&r, grows, "run", "-", "--gc-log", "--gc-nursery", "64k");
    cr_expect(strstr(r.err, " incremental: ") && !strstr(r.err, " major: pause"), "%s", r.err);
    RUN(&r, grows, "run", "-", "--gc-log", "--gc-nursery", "64k", "--gc-major", "stop-the-world");
    cr_expect(strstr(r.err, " major: pause") && !strstr(r.err, " incremental: "), "%s", r.err);
    const char *bad[][2] = {{"--gc-mode", "sometimes"}, {"--gc-major", "generational"}, {"--gc-nursery", "0"}, {"--gc-nursery", "8MB"},
                            {"--gc-promote-age", "16"}, {"--gc-growth", "0"},
                            {"--gc-step-size", "0"}, {"--gc-step-mul", "0"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        RUN(&r, "", "run", "-", bad[i][0], bad[i][1]);
        cr_expect_eq(r.status, 2, "%s %s", bad[i][0], bad[i][1]);
        cr_expect(strstr(r.err, bad[i][0]), "the message names the option: %s", r.err);
    }
    RUN(&r, "", "compare", "-", "--gc-mode", "sometimes");
    cr_expect_eq(r.status, 2);
}

/* Limits for untrusted scripts: --heap-limit makes a runaway allocation a MemoryError (the
 * output before it kept), --step-limit ends an endless loop, in a built-in too; each a usage
 * error without a sensible value. */
Test(cli, heap_and_step_limits)
{
    cli_result r;
    RUN(&r, "print('before')\nx = []\nwhile True:\n    x.append([0] * 100)\n", "run", "-", "--heap-limit", "16M");
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect_str_eq(r.out, "before\n");
    cr_expect(strstr(r.err, "line 4") && strstr(r.err, "MemoryError\n"), "%s", r.err);
    RUN(&r, "print(sum(range(10**18)))\n", "run", "-", "--step-limit=100000");
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect(strstr(r.err, "RuntimeError: step limit exceeded (100000 loop iterations, calls and range items)\n"),
              "%s", r.err);
    RUN(&r, "print(sum(range(1000)))\n", "run", "-", "--step-limit", "5000", "--heap-limit", "8M");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "499500\n");
    RUN(&r, "while True:\n    pass\n\n", "repl", "--step-limit", "1000"); /* a blank line ends the loop */
    cr_expect(strstr(r.err, "RuntimeError: step limit exceeded"), "the REPL keeps the limit: %s", r.err);
    const char *bad[][2] = {{"--heap-limit", "0"}, {"--heap-limit", "lots"}, {"--step-limit", "0"}, {"--step-limit", "-5"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        RUN(&r, "", "run", "-", bad[i][0], bad[i][1]);
        cr_expect_eq(r.status, 2, "%s %s", bad[i][0], bad[i][1]);
        cr_expect(strstr(r.err, bad[i][0]), "the message names the option: %s", r.err);
    }
}

/* The prompts go to stdout; values echo as python3 -i echoes them, and `_` is the last value
 * echoed, hidden by a global of that name. An error leaves the session going. */
Test(cli, repl_echo_underscore_and_errors)
{
    cli_result r;
    RUN(&r, "x = [1]\nx\nx + [2]\n_\nNone\n_\n1/0\n_ = 5\n7\n_\ndel _\n_\nfor i in range(2):\n    i\n\n", "repl");
    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, ">>> >>> [1]\n"
                            ">>> [1, 2]\n"
                            ">>> [1, 2]\n"
                            ">>> >>> [1, 2]\n"
                            ">>> >>> >>> 7\n"
                            ">>> 5\n"
                            ">>> >>> 5\n"
                            ">>> ... ... 0\n1\n"
                            ">>> \n");
    cr_expect(strstr(r.err, "ZeroDivisionError: division by zero"), "%s", r.err);
}

/* The contents of the one file in dir whose name matches pattern (a glob), or "". */
static void read_picture(const char *pattern, char *buf, size_t cap)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cat %s/%s 2>/dev/null", dir, pattern);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t n = fread(buf, 1, cap - 1, p);
    buf[n] = '\0';
    pclose(p);
}

/* --gc-trace DIR: a picture per incremental step that changes something, in the collector's
 * view, from the first mark step (everything white, the garbage drawn) through the atomic
 * step to the sweep (the garbage gone); another mode is a usage error. */
Test(cli, gc_trace_draws_each_step)
{
    cr_assert(mkdtemp(dir));
    char out[300];
    snprintf(out, sizeof out, "%s/trace", dir);
    const char *script = "import gc\nkeep = [[1], (2, 3)]\ngarbage = [[4], [5]]\ngarbage = None\ngc.collect()\nprint(len(keep))\n";
    cli_result r;
    RUN(&r, script, "run", "--gc-trace", out, "-");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "2\n");
    static char first[65536], atomic[65536], last[65536];
    read_picture("trace/001-step-1-mark.dot", first, sizeof first);
    read_picture("trace/*-atomic.dot", atomic, sizeof atomic);
    char newest[300];
    snprintf(newest, sizeof newest, "trace/$(ls %s/trace | grep 'sweep.dot$' | tail -1)", dir);
    read_picture(newest, last, sizeof last);
    cr_assert(strstr(first, "collector: mark \xc2\xb7 grey set (") && strstr(first, "list #1 \xc2\xb7 white"), "%s", first);
    cr_assert(strstr(first, "unreachable"), "the garbage is drawn: %s", first);
    cr_assert(strstr(atomic, "collector: sweep \xc2\xb7 grey set (0): empty") && !strstr(atomic, "\xc2\xb7 grey</FONT>"),
              "%s", atomic);
    cr_assert(strstr(atomic, "black") && strstr(atomic, "unreachable"), "%s", atomic);
    cr_assert(last[0] && !strstr(last, "unreachable"), "swept: %s", last);
    RUN(&r, "", "run", "--gc-trace", out, "--gc-mode", "stop-the-world", "-");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "--gc-trace"), "%s", r.err);
    char rm[320];
    snprintf(rm, sizeof rm, "rm -rf %s", out);
    cr_expect_eq(system(rm), 0);
}

/* The fragmentation table: a header and one row per backend, with --json the figures under
 * "fragmentation", with --heap-map a map file per backend; `run --fragmentation` prints one
 * row on stderr; a missing value or an unwritable map is a clear error. */
Test(cli, compare_fragmentation_table)
{
    const char *script = script_file("frag.py", "xs = [str(i) * 30 for i in range(3000)]\nxs = xs[::2]\nprint(len(xs))\n");
    char json[300], maps[300], map[320];
    snprintf(json, sizeof json, "%s/out.json", dir);
    snprintf(maps, sizeof maps, "%s/maps", dir);
    cli_result r;
    RUN(&r, NULL, "compare", script, "--backends", "system,arena,boehm", "--repeat", "1", "--fragmentation",
        "--json", json, "--heap-map", maps);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *table = strstr(r.out, "fragmentation after a full collection");
    cr_assert(table, "no table: %s", r.out);
    cr_expect(strstr(table, "held/live") && strstr(table, "largest free") && strstr(table, "pages live"), "%s", table);
    cr_expect(strstr(table, "\nsystem ") && strstr(table, "\narena ") && strstr(table, "\nboehm "), "%s", table);
    /* system's blocks are heaplab's record; its span is glibc's heap (derived under ASan) */
    cr_expect(strstr(table, " backend  backend") && strstr(table, "  heaplab"), "sources: %s", table);

    FILE *f = fopen(json, "r");
    cr_assert_not_null(f);
    char text[8192];
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    cr_expect(strstr(text, "\"fragmentation\": {\"held_bytes\": ") && strstr(text, "\"largest_free_bytes\""), "%s", text);

    snprintf(map, sizeof map, "%s/arena.map", maps);
    f = fopen(map, "r");
    cr_assert_not_null(f, "no %s", map);
    unsigned long long page, live, pages = 0;
    char line[256];
    while (fgets(line, sizeof line, f))
        if (line[0] != '#' && sscanf(line, "%llx %llu", &page, &live) == 2 && page % 4096 == 0 && live <= 4096)
            pages++;
    fclose(f);
    cr_expect_gt(pages, 0);
    for (const char *b = "system\0arena\0boehm\0"; *b; b += strlen(b) + 1) {
        snprintf(map, sizeof map, "%s/%s.map", maps, b);
        cr_expect_eq(unlink(map), 0, "no %s", map);
    }
    rmdir(maps);
    unlink(json);

    RUN(&r, NULL, "run", script, "--backend", "jemalloc", "--fragmentation");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "1500\n");
    cr_expect(strstr(r.err, "\njemalloc ") && strstr(r.err, "held/live"), "%s", r.err);

    RUN(&r, NULL, "run", script, "--heap-map");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "--heap-map needs a file name"), "%s", r.err);
    RUN(&r, NULL, "run", script, "--heap-map", "/nonexistent/dir/x.map");
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "cannot write the heap map /nonexistent/dir/x.map"), "%s", r.err);
}
