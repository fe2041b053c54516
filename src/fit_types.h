/* fit_types.h: what a fit (fit.h) finds: its keys, their values and
 * errors, the figures beside the fitted scenario's. Private to the library. */
#ifndef RS_FIT_TYPES_H
#define RS_FIT_TYPES_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "rampsim/scenario.h"

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

/* Whether a rep of the roster is still on the team at the export, and so
 * in fitted-roster.csv. */
static inline bool rs_fit_on_team_at_export(const rs_history_rep *r, rs_day export_day)
{
    return r->in_roster && r->hired != RS_DAY_NONE && (r->left == RS_DAY_NONE || r->left > export_day);
}

typedef struct rs_fit_value {
    const char *key;      /* "pipeline.deal_size" */
    const char *figure;   /* the history's figure it is fitted to */
    bool fitted;
    double value;         /* the fitted value, or the scenario's when not fitted */
    double se;            /* its standard error (NAN when not fitted) */
    double low, high;     /* its 95 % interval, value -/+ 1.96 se kept in the key's range */
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
    bool team_roster;     /* fitted.ini names fitted-roster.csv: a rep of the roster is on the team at the export */
    int replications, iterations;
    bool converged;
    const rs_history *history; /* borrowed */
    rs_fit_rep *reps;          /* one a history rep */
    int owners_not_in_roster;
    int team_seats;            /* the simulated team at the history's start */
} rs_fit_result;

#endif
