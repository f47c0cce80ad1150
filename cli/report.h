/* cli/report.h: the --gc-stats summary. */
#ifndef HEAPLAB_CLI_REPORT_H
#define HEAPLAB_CLI_REPORT_H

#include <stdio.h>

#include "heaplab/runtime.h"

/* Collections, pauses, objects and bytes allocated and freed, live and peak held. */
void cli_print_gc_stats(hl_runtime *rt, FILE *out);

#endif
