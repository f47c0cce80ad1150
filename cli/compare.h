/* cli/compare.h: `heaplab compare`, one script on several backends, side by side. */
#ifndef HEAPLAB_CLI_COMPARE_H
#define HEAPLAB_CLI_COMPARE_H

/* heaplab compare FILE [--backends a,b] [--repeat N] [--json OUT]: argv[2..] are the
 * arguments. Returns the exit status: 0, 1 (the script failed, or printed differently on
 * some backend), 2 (usage). */
int cli_compare(int argc, char **argv);

#endif
