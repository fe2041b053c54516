/* plot_reps.h: the data of the reps chart (plots/reps.gp), read from the
 * reps.csv of a result directory by column name: which seats it shows, in
 * which order, and their labels, handed to gnuplot as numbers and escaped
 * strings only. Private to the library. */
#ifndef RS_PLOT_REPS_H
#define RS_PLOT_REPS_H

#include <stdio.h>

#include "rampsim/status.h"

/* The most seats the chart shows: beyond, the ones least likely to reach
 * their quota, and the title says so. */
#define RS_PLOT_REPS_MAX 30

/* Reads dir/reps.csv and writes the chart's variables into f: reps (the
 * rows drawn), seats (the seats with a first-year attainment), xmax, and
 * the arrays rep_lo, rep_mid, rep_hi (P10, median, P90 of first-year
 * attainment, %) and rep_label ("NAME (31%)": the name and the chance of
 * reaching quota), lowest median first. *why_not is NULL, or why there is
 * nothing to draw (no seat has a first-year attainment). RS_ERR_INPUT
 * when the file cannot be read or lacks a column, RS_ERR_NOMEM. */
rs_status rs_plot_reps_variables(const char *dir, FILE *f, const char **why_not, char *err);

#endif
