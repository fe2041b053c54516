/* rampsim/output.h: the result files and the console summary.
 * docs/outputs.md describes every file and column. */
#ifndef RAMPSIM_OUTPUT_H
#define RAMPSIM_OUTPUT_H

#include <stdio.h>

#include "rampsim/engine.h"

/* Writes every result file and scenario.ini into the existing directory
 * dir. RS_ERR_IO with a message naming the file on failure; the caller
 * discards the directory. */
rs_status rs_output_write(const rs_results *r, const char *dir, char *err);

/* Writes the scenario file file_name into the existing directory dir, as
 * every command saves the scenario beside its results: the line
 * "# rampsim VERSION: HEADING, every key resolved.", the line "# Rerun
 * with: RERUN_HINT" when rerun_hint is not NULL, then a blank line and
 * every key resolved (rs_scenario_write). The file must be new (rs_fs_write_file);
 * RS_ERR_IO with a message naming it on failure. */
rs_status rs_output_write_scenario(const char *dir, const char *file_name, const rs_scenario *sc, const char *heading,
                                   const char *rerun_hint, char *err);

/* The short table a person reads at a glance. */
void rs_output_print_table(FILE *out, const rs_results *r);

/* Writes reps.csv, a row a seat (docs/outputs.md), into f; the write of
 * rs_output_write for that file. RS_OK (f's error state tells a failed
 * write). */
rs_status rs_output_write_reps(FILE *f, const rs_results *r);

/* Prints the team of a validated scenario as resolved, a line a seat, the
 * hiring plan's seats apart: name, kind, tenure (and hire date with
 * run.start_date), planned start week (and date), annual quota, skill and
 * coaching hours a month. Every line is an INI comment ("# ..."), and
 * names are escaped as messages escape them, so that what rampsim check
 * prints still reads back as the scenario. */
void rs_output_print_team(FILE *out, const rs_scenario *sc);

/* For `rampsim check`: each uncertain key of sc with its distribution, mean,
 * P5 and P95, as INI comments; nothing when no key is uncertain. */
void rs_output_print_uncertain_inputs(FILE *out, const rs_scenario *sc);

/* The share of the variance of paired slot `slot` the uncertain inputs
 * explain, from the nested design (rs_nested_summarise): false when r has
 * no uncertain inputs or the share cannot be told. */
bool rs_output_inputs_share(const rs_results *r, size_t slot, rs_nested_summary *s);

/* The console's lines on uncertainty: the share of the tracked metric's
 * spread the inputs explain, and the precision control's outcome. */
void rs_output_print_uncertainty(FILE *out, const rs_results *r);

/* Writes x rounded to a whole number with thousands separators into buf,
 * as "1,234,568" or "-1,234,568": amounts read at a glance. */
void rs_format_amount(double x, char *buf, size_t size);

/* Writes a signed mean difference with its 95 % interval into buf, as
 * "+1.23 (+0.98 to +1.48)", for the tables of compare and sweep: with at
 * least `decimals` decimals, and as many more as the interval's half-width
 * needs to show two significant digits, so that a nonzero interval never
 * prints as a single value (within the 15 significant digits of a double).
 * A zero-width interval prints as "0 (all replications equal)", or as
 * "+1.5 (in every replication)" for a constant difference that is not
 * zero. A figure that rounds to zero prints as 0, unsigned: never "-0".
 * An empty string when difference is NAN; truncated to size as snprintf
 * truncates. */
void rs_format_difference(char *buf, size_t size, double difference, double low, double high, int decimals);

/* Writes x with its sign into buf, as rs_format_difference writes a
 * difference without an interval: at least `decimals` decimals and two
 * significant digits, 0 unsigned, an empty string when x is NAN. */
void rs_format_signed(char *buf, size_t size, double x, int decimals);

/* The percentiles every distribution is reported at. */
#define RS_PERCENTILE_COUNT 7
extern const double rs_percentiles[RS_PERCENTILE_COUNT];

/* The band of a distribution the shorter reports give, P10, the median
 * and P90: the console tables, sweep.csv and the practices chart. */
#define RS_BAND_COUNT 3
extern const double rs_band_percentiles[RS_BAND_COUNT];

#endif
