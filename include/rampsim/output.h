/* rampsim/output.h: the result files and the console summary.
 * docs/outputs.md describes every file and column. */
#ifndef RAMPSIM_OUTPUT_H
#define RAMPSIM_OUTPUT_H

#include <stdio.h>

#include "rampsim/engine.h"

/* The files rs_output_write creates, NULL-terminated (charts aside). */
extern const char *const rs_output_files[];

/* Writes every result file and scenario.ini into the existing directory
 * dir. RS_ERR_IO with a message naming the file on failure; the caller
 * discards the directory. */
rs_status rs_output_write(const rs_results *r, const char *dir, char *err);

/* The short table a person reads at a glance. */
void rs_output_print_table(FILE *out, const rs_results *r);

/* Writes ",x" to a CSV row: 10 significant digits, or an empty cell when x
 * is undefined (NAN) or infinite. */
void rs_csv_cell(FILE *f, double x);

/* The percentiles every distribution is reported at. */
#define RS_PERCENTILE_COUNT 7
extern const double rs_percentiles[RS_PERCENTILE_COUNT];

#endif
