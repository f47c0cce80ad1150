/* The REPL: lines accumulate until the input is complete (a block closed by an empty line,
 * brackets and triple-quoted strings closed), then run in __main__. Prompts go to standard
 * output, so a piped session reads like a terminal one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heaplab/error.h"
#include "heaplab/lang.h"
#include "repl.h"

int cli_repl(hl_runtime *rt)
{
    size_t cap = 1024, len = 0;
    char *input = malloc(cap);
    char line[4096];
    if (!input) {
        fprintf(stderr, "heaplab: out of memory\n");
        return 1;
    }
    for (;;) {
        fputs(len ? "... " : ">>> ", stdout);
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin)) {
            if (len) { /* end of input closes a pending block */
                hl_lang_status s = hl_lang_repl_eval(rt, input, len);
                if (s == HL_LANG_STATUS_ERROR)
                    hl_lang_print_error(rt, stderr);
            }
            fputc('\n', stdout);
            break;
        }
        size_t n = strlen(line);
        if (len == 0 && strspn(line, " \t\r\n") == n)
            continue;
        if (len + n + 1 > cap) {
            while (len + n + 1 > cap)
                cap *= 2;
            char *bigger = realloc(input, cap);
            if (!bigger) {
                fprintf(stderr, "heaplab: out of memory\n");
                break;
            }
            input = bigger;
        }
        memcpy(input + len, line, n);
        len += n;
        input[len] = '\0';
        hl_lang_status s = hl_lang_repl_eval(rt, input, len);
        if (s == HL_LANG_STATUS_INCOMPLETE)
            continue;
        if (s == HL_LANG_STATUS_ERROR)
            hl_lang_print_error(rt, stderr);
        len = 0;
    }
    free(input);
    return 0;
}
