/* rampsim/tornado.h: one-at-a-time sensitivity of a metric to every numeric
 * key of a scenario, on common random numbers (the classic tornado). */
#ifndef RAMPSIM_TORNADO_H
#define RAMPSIM_TORNADO_H

#include <stdio.h>

#include "rampsim/engine.h"

/* One key moved down and up, and the metric's mean at each, with the
 * paired differences from the base and their 95 % intervals. */
typedef struct rs_tornado_bar {
    char key[96];
    char base_value[32], low_value[32], high_value[32];
    double low, high;                   /* the metric's mean */
    double low_lo, low_hi, high_lo, high_hi; /* 95 % intervals of the differences */
    double swing;                       /* |high - low| */
} rs_tornado_bar;

typedef struct rs_tornado {
    char metric[64];
    const char *unit;
    double swing;   /* the relative move, such as 0.2 */
    double base;    /* the metric's mean at the base */
    int bars, skipped;
    rs_tornado_bar *bar; /* sorted by swing, largest first */
    char skipped_keys[1024]; /* keys a relative move cannot move (at 0) */
    long long replications;
    unsigned long long seed;
} rs_tornado;

/* Moves every numeric key of base (run.* aside, but run.ytd_attainment) by
 * -swing and +swing of its value, within its limits (whole numbers by at
 * least one), and measures `metric`. RS_ERR_INPUT if the metric is not one
 * of summary.csv's. */
rs_status rs_tornado_run(const rs_scenario *base, double swing, const char *metric,
                         const rs_engine_options *options, rs_tornado **out, char *err);
void rs_tornado_free(rs_tornado *t);

void rs_tornado_print(FILE *out, const rs_tornado *t);
/* tornado.csv, sorted by swing. */
rs_status rs_tornado_write(const rs_tornado *t, const char *dir, char *err);

extern const char *const rs_tornado_files[];

#endif
