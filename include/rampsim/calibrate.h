/* rampsim/calibrate.h: reproduces the published figures the defaults are
 * calibrated to, and checks the plausibility bounds no combination of
 * practices may break (docs/calibration.md), by running the claim scenarios of
 * scenarios/seed-*.ini; reports each with its 95 % interval. */
#ifndef RAMPSIM_CALIBRATE_H
#define RAMPSIM_CALIBRATE_H

#include <stdbool.h>
#include <stdio.h>

#include "rampsim/engine.h"

/* How a check is judged (docs/calibration.md, "How a check is judged"): it
 * holds when the figure and its whole 95 % interval lie within the
 * allowed range; it fails when the figure lies outside; otherwise it is
 * unresolved, and more replications would settle it. */
typedef enum { RS_CHECK_HOLDS, RS_CHECK_UNRESOLVED, RS_CHECK_FAILS } rs_check_verdict;

/* One check: a claim of the article within its tolerance, or a
 * plausibility bound. */
typedef struct rs_claim_check {
    const char *claim;     /* "REF", "C1", ..., "P1", ... */
    const char *label;     /* short, for charts: "C3 win rate" */
    const char *says;      /* what the article says, or what a sales leader would believe */
    const char *unit;      /* "%", "x", "weeks", "points" */
    const char *range_text; /* the tolerance or the bound: "+-3 points", "5 to 25 points" */
    bool bound;            /* a plausibility bound (no article figure) */
    double article;        /* the article's figure; NAN for a bound */
    double simulated;      /* the simulated figure */
    double low, high;      /* its 95 % interval */
    double allowed_low, allowed_high; /* the range it must lie in (+-INFINITY for none) */
    rs_check_verdict verdict;
    long long replications_needed; /* unresolved: about as many settle it; else 0 */
} rs_claim_check;

/* What C2's calls add by themselves: the paired difference of first-year
 * attainment (points) against the same manager without ride-alongs. */
typedef struct rs_c2_calls {
    double difference, low, high;
} rs_c2_calls;

/* C6, one period (a quarter or a fiscal year): median team attainment (%)
 * with its quartiles under each style, and how often each style was ahead
 * in the paired replications (the rest are ties). */
typedef struct rs_c6_period {
    char label[16];        /* "FY1 Q1", "FY1" */
    double take_over[3];   /* P25, P50, P75 */
    double coach[3];
    double take_over_ahead, coach_ahead; /* shares of replications, % */
} rs_c6_period;

/* The practices chart: the reference team, each practice alone and all of
 * them together, median first-year attainment with P10 and P90. */
typedef struct rs_practice_bar {
    const char *label;
    const char *bound; /* the plausibility bound drawn on it ("P1"), or NULL */
    double p10, median, p90;
} rs_practice_bar;

#define RS_CALIBRATE_MAX_CHECKS 16
#define RS_CALIBRATE_MAX_PERIODS 48
#define RS_CALIBRATE_PRACTICES 6

typedef struct rs_calibration {
    long long replications;
    unsigned long long seed;
    int n_checks;
    rs_claim_check checks[RS_CALIBRATE_MAX_CHECKS]; /* claims first, then bounds */
    rs_c2_calls c2_calls;
    int n_periods;         /* quarters first, then fiscal years */
    int n_quarters;
    rs_c6_period periods[RS_CALIBRATE_MAX_PERIODS];
    rs_practice_bar practices[RS_CALIBRATE_PRACTICES]; /* the reference first, all together last */
    double practices_added_up; /* the reference plus every practice's gain alone */
} rs_calibration;

typedef struct rs_calibrate_options {
    long long replications; /* <= 0: as the claim files say */
    const char *seed;       /* NULL: as the claim files say */
    char *const *sets;      /* "section.key=value" applied to every claim scenario */
    int n_sets;
    rs_engine_options engine;
} rs_calibrate_options;

/* Runs every claim scenario. RS_OK when the runs succeeded, whatever the
 * verdicts; RS_ERR_INPUT with the message when a --set does not apply. */
rs_status rs_calibrate(const rs_calibrate_options *options, rs_calibration *out, char *err);

/* Checks that fail, and checks that are unresolved. */
int rs_calibration_failures(const rs_calibration *c);
int rs_calibration_unresolved(const rs_calibration *c);

/* The verdict of a figure with its interval against an allowed range, and
 * the replications that would settle an unresolved one (0 otherwise), for
 * an interval measured at n replications that narrows as 1 / sqrt(n). */
rs_check_verdict rs_check_judge(double figure, double low, double high, double allowed_low, double allowed_high,
                                long long n, long long *replications_needed);

/* The table a person reads, and the files calibrate.csv,
 * calibrate-c6.csv and calibrate-practices.csv (docs/calibration.md
 * describes them). */
void rs_calibration_print(FILE *out, const rs_calibration *c);
rs_status rs_calibration_write(const rs_calibration *c, const char *dir, char *err);

#endif
