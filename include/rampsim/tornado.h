/* rampsim/tornado.h: one-at-a-time sensitivity of a metric to every numeric
 * key of a scenario, on common random numbers (the classic tornado). */
#ifndef RAMPSIM_TORNADO_H
#define RAMPSIM_TORNADO_H

#include <stdio.h>

#include "rampsim/engine.h"

/* One key moved down and up, and the metric's mean at each, with the
 * paired differences from the base and their 95 % intervals. The value at
 * the low side is below the base's and the high one above; a key that can
 * move one way only (at a limit) has the base's value, and the base's
 * metric, on the other side. */
typedef struct rs_tornado_bar {
    char key[96];
    char base_value[32], low_value[32], high_value[32];
    /* the metric's mean over the replications that define it at both the
     * base and that side; NAN when none does */
    double low, high;
    double low_lo, low_hi, high_lo, high_hi; /* 95 % intervals of the differences; NAN under two pairs */
    double swing;                       /* |high - low|; NAN when either is */
} rs_tornado_bar;

typedef struct rs_tornado {
    char metric[64];
    const char *unit;
    double swing;   /* the relative move, such as 0.2 */
    double base;    /* the metric's mean at the base; NAN when no replication defines it */
    int bars, skipped;
    int ranked;     /* the first `ranked` bars have a swing; the others' is NAN */
    rs_tornado_bar *bar; /* sorted by swing, largest first, then those of undefined swing by key */
    char skipped_keys[1024]; /* keys a relative move cannot move (at 0) */
    long long replications;
    unsigned long long seed;
} rs_tornado;

/* The metric a tornado of base measures: one of summary.csv's that has a
 * value each replication (RS_ERR_INPUT with "NAME: ..." otherwise, for a
 * metric unknown or pooled over new hires; the caller names the option). */
rs_status rs_tornado_metric(const rs_scenario *base, const char *metric, rs_reported_metric *row, char *err);

/* Moves every numeric key of base (run.* aside, but run.ytd_attainment) by
 * -swing and +swing of its value, within its limits (whole numbers by at
 * least one), and measures `metric`. RS_ERR_INPUT if the metric is not one
 * of summary.csv's. */
rs_status rs_tornado_run(const rs_scenario *base, double swing, const char *metric,
                         const rs_engine_options *options, rs_tornado **out, char *err);
void rs_tornado_free(rs_tornado *t);

/* The table: ranked keys that move the metric measurably, how many more do
 * not, the keys at whose low or high value it is undefined (n/a), and those
 * not moved. */
void rs_tornado_print(FILE *out, const rs_tornado *t);
/* tornado.csv, sorted as t->bar; undefined values are empty cells. */
rs_status rs_tornado_write(const rs_tornado *t, const char *dir, char *err);

#endif
