/* fit.h: `rampsim fit`: a scenario whose pipeline, ramp and attrition keys
 * reproduce a team's own sales history, simulated with the practices the
 * history was made under (docs/fit.md). The history's statistics
 * (fit_stats.h) are matched by those of simulated histories of the same
 * team over the same weeks, on common random numbers: the method of
 * simulated moments, with each key moved in proportion to its figure's
 * miss until they agree, and standard errors from the spread of the
 * statistics over simulated histories and their slopes. Private to the
 * library. */
#ifndef RS_FIT_H
#define RS_FIT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "rampsim/scenario.h"
#include "rampsim/status.h"

#include "fit_stats.h"
#include "history.h"

/* The keys a fit sets, in the order the report shows them. */
typedef enum {
    RS_FIT_DEAL_SIZE,
    RS_FIT_DEAL_SIZE_CV,
    RS_FIT_CYCLE,
    RS_FIT_CYCLE_CV,
    RS_FIT_WIN_RATE,
    RS_FIT_LEADS,
    RS_FIT_RAMP_WEEKS,
    RS_FIT_ATTRITION,
    RS_FIT_KEYS
} rs_fit_key;

/* The fewest observations a key is fitted from; below, it keeps its
 * default and the report says why. */
#define RS_FIT_MIN_CLOSED 30  /* closed opportunities: deal size, cycle, win rate */
#define RS_FIT_MIN_REP_WEEKS 52 /* reps' weeks on the team: leads */
#define RS_FIT_MIN_HIRES 3    /* reps hired within the history: the ramp */
#define RS_FIT_MIN_EXITS 3    /* reps who left within it: attrition */

typedef struct rs_fit_value {
    const char *key;      /* "pipeline.deal_size" */
    const char *figure;   /* the history's figure it is fitted to */
    bool fitted;
    double value;         /* the fitted value, or the scenario's when not fitted */
    double se;            /* its standard error (NAN when not fitted) */
    double start;         /* the --current (or default) value */
    long observations;    /* behind it */
    double observed;      /* the history's figure */
    double simulated;     /* the fitted scenario's, mean over simulated histories */
    double sim_low, sim_high; /* their 2.5 and 97.5 percentiles */
    char note[200];       /* why it is not fitted; "" when it is */
} rs_fit_value;

/* A figure the fit does not aim at, shown beside the fitted scenario's to
 * check it (the won deals' average size and cycle, the open share). */
typedef struct rs_fit_check {
    const char *figure;
    const char *unit; /* "%", "weeks", "" */
    double observed, simulated, sim_low, sim_high;
} rs_fit_check;
#define RS_FIT_CHECKS 4

typedef struct rs_fit_rep {
    double opportunities, expected; /* theirs, and the team's rate at their ramp */
    double skill, skill_se;         /* shrunk towards 1 with rep.skill_cv's prior */
} rs_fit_rep;

typedef struct rs_fit_options {
    int replications;     /* simulated histories per step (>= 20) */
    uint64_t seed;        /* their seed */
    volatile sig_atomic_t *interrupted; /* set to stop: RS_ERR_INTERRUPTED */
} rs_fit_options;

typedef struct rs_fit_result {
    rs_scenario *fitted;  /* the scenario fitted.ini holds (owned) */
    rs_fit_value values[RS_FIT_KEYS];
    rs_fit_check checks[RS_FIT_CHECKS];
    rs_fit_window window;
    rs_history_stats observed;  /* the history's */
    rs_history_stats simulated; /* the fitted scenario's, per simulated history */
    bool ramp_fitted;
    int replications, iterations;
    bool converged;
    const rs_history *history; /* borrowed */
    rs_fit_rep *reps;          /* one a history rep */
    int owners_not_in_roster;
    int team_seats;            /* the simulated team at the history's start */
} rs_fit_result;

/* Fits `current` (the practices and every key not fitted; borrowed) to
 * the history h (borrowed; must outlive the result). On RS_OK *out holds
 * the result (free with rs_fit_result_free); RS_ERR_INPUT when the history
 * cannot be fitted at all (no opportunity; a team larger than a scenario
 * holds), RS_ERR_NOMEM, RS_ERR_INTERRUPTED, with a message in err. */
rs_status rs_fit_run(const rs_history *h, const rs_scenario *current, const rs_fit_options *o, rs_fit_result **out,
                     char *err);
void rs_fit_result_free(rs_fit_result *r);

/* Writes the result's files into dir: fitted.ini, fitted-roster.csv (with a
 * roster), fit-values.csv, fit-report.csv and the charts' data
 * (docs/fit.md, "What the fit writes"). RS_ERR_IO with a message. */
rs_status rs_fit_write(const rs_fit_result *r, const char *dir, char *err);

/* Prints the report: the history, each fitted value with its standard
 * error and observations, and each figure beside the fitted scenario's. */
void rs_fit_print(FILE *out, const rs_fit_result *r);

#endif
