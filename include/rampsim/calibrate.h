/* rampsim/calibrate.h: reproduces the published figures the defaults are
 * calibrated to (SEED-CLAIMS.md) by running the claim scenarios of
 * scenarios/seed-*.ini, and reports each with its 95 % interval. */
#ifndef RAMPSIM_CALIBRATE_H
#define RAMPSIM_CALIBRATE_H

#include <stdbool.h>
#include <stdio.h>

#include "rampsim/engine.h"

/* One toleranced check of a claim. */
typedef struct rs_claim_check {
    const char *claim;     /* "REF", "C1", ... */
    const char *label;     /* short, for charts: "C3 win rate" */
    const char *says;      /* what the article says */
    const char *unit;      /* "%", "x", "weeks" */
    const char *tolerance_text; /* "3 points", "3%", "0.5 weeks" */
    double article;        /* the article's figure */
    double simulated;      /* the simulated figure */
    double low, high;      /* its 95 % interval */
    double tolerance;      /* allowed distance from the article, in unit */
    bool holds;            /* |simulated - article| <= tolerance */
} rs_claim_check;

/* C6, one period (a quarter or a fiscal year): median team attainment (%)
 * with its quartiles under each style, and how often each style was ahead
 * in the paired replications (the rest are ties). */
typedef struct rs_c6_period {
    char label[16];        /* "FY1 Q1", "FY1" */
    double take_over[3];   /* P25, P50, P75 */
    double coach[3];
    double take_over_ahead, coach_ahead; /* shares of replications, % */
} rs_c6_period;

#define RS_CALIBRATE_MAX_CHECKS 16
#define RS_CALIBRATE_MAX_PERIODS 48

typedef struct rs_calibration {
    long long replications;
    unsigned long long seed;
    int n_checks;
    rs_claim_check checks[RS_CALIBRATE_MAX_CHECKS];
    int n_periods;         /* quarters first, then fiscal years */
    int n_quarters;
    rs_c6_period periods[RS_CALIBRATE_MAX_PERIODS];
} rs_calibration;

typedef struct rs_calibrate_options {
    long long replications; /* <= 0: as the claim files say */
    const char *seed;       /* NULL: as the claim files say */
    rs_engine_options engine;
} rs_calibrate_options;

/* Runs every claim scenario. RS_OK when the runs succeeded, whether or not
 * the claims hold (see rs_calibration_failures). */
rs_status rs_calibrate(const rs_calibrate_options *options, rs_calibration *out, char *err);

/* Toleranced checks that do not hold. */
int rs_calibration_failures(const rs_calibration *c);

/* The table a person reads, and the files calibrate.csv and
 * calibrate-c6.csv (docs/calibration.md describes both). */
void rs_calibration_print(FILE *out, const rs_calibration *c);
rs_status rs_calibration_write(const rs_calibration *c, const char *dir, char *err);

/* The files rs_calibration_write creates, NULL-terminated. */
extern const char *const rs_calibration_files[];

#endif
