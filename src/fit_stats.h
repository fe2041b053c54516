/* fit_stats.h: the figures `rampsim fit` reads off a sales history: win
 * rate, deal sizes (lognormal), sales cycles (gamma, with the opportunities
 * still open censored), opportunities per ramped rep-week, the ramp curve
 * and weeks to ramped (by likelihood), and the reps' leave rate. They are
 * computed the same way from the team's own export and from every history
 * the fit simulates, so that matching the two is a fit (docs/fit.md).
 * Private to the library. */
#ifndef RS_FIT_STATS_H
#define RS_FIT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/status.h"

#include "history.h"

/* The curves a ramp fit chooses among: rs_ramp_curve's first three
 * (scurve, exponential, linear); a table is not a shape one fits. */
#define RS_FIT_CURVES 3

/* Tenure weeks the ramp statistics follow; a longer tenure counts as this
 * one (any curve is flat there). */
#define RS_FIT_TENURE_WEEKS 520

/* Quarters of the history the win rate is followed by (13 weeks each from
 * its first day); later closes count in the last. */
#define RS_FIT_QUARTERS 40

/* Bins of the deal-size and cycle charts. */
#define RS_FIT_SIZE_BINS 30
#define RS_FIT_CYCLE_BINS 60

/* The window a history is read over. */
typedef struct rs_fit_window {
    rs_day first_day;  /* week 0: the earliest created date */
    rs_day export_day; /* open opportunities are censored here */
    int weeks;         /* weeks from first_day through export_day */
    /* closed amounts below this are placeholders (a deal entered at 1), left
     * out of the deal sizes: a thousandth of the amounts' geometric mean */
    double placeholder_below;
    /* the deal-size chart's bins: edges on a log scale, fixed by the data */
    double size_edges[RS_FIT_SIZE_BINS + 1];
} rs_fit_window;

/* How the statistics read a ramp. */
typedef struct rs_fit_stats_options {
    double ramped_at; /* rho(W) = ramped_at, as ramp.ramped_at */
    int curve;        /* an rs_ramp_curve below RS_FIT_CURVES, or -1: the likeliest */
} rs_fit_stats_options;

typedef struct rs_history_stats {
    /* opportunities */
    long opportunities, closed, won, open;
    long amounts;               /* closed ones with an amount */
    long placeholders;          /* closed ones with an amount below the window's placeholder_below */
    double win_rate;            /* won / closed; NAN when none closed */
    double size_mean, size_cv;  /* lognormal ML on the closed amounts */
    double won_size_mean;       /* the average won deal, as a CRM shows it */
    double cycle_mean, cycle_cv; /* gamma ML, weeks, open ones censored */
    double won_cycle_mean;      /* weeks, won ones only, as a CRM shows it */
    double open_share;          /* open at the export, of all */
    /* reps */
    double rep_weeks;           /* reps' weeks on the team in the window */
    double ramped_rep_weeks;    /* the same, each weighted by the ramp */
    double opportunity_rate;    /* opportunities per ramped rep-week */
    long exits;                 /* with a roster: leaves within the window */
    double exit_rate;           /* leaves per rep-week; NAN without a roster */
    long ramp_reps;             /* with a roster: reps hired within the window */
    int ramp_curve;             /* the likeliest curve, or the one asked for */
    double ramp_weeks;          /* its ML weeks to ramped; NAN without a roster */
    double ramp_loglik[RS_FIT_CURVES], ramp_weeks_by_curve[RS_FIT_CURVES];
    /* for the charts */
    double size_counts[RS_FIT_SIZE_BINS];   /* closed amounts by window bin */
    double cycle_counts[RS_FIT_CYCLE_BINS]; /* closed cycles, 1 .. bins weeks (the last: longer) */
    double quarter_closed[RS_FIT_QUARTERS], quarter_won[RS_FIT_QUARTERS];
    double tenure_opportunities[RS_FIT_TENURE_WEEKS + 1], tenure_rep_weeks[RS_FIT_TENURE_WEEKS + 1];
} rs_history_stats;

typedef struct rs_fit_workspace rs_fit_workspace;

/* A workspace for histories of up to about `opportunities` opportunities
 * (it grows when needed). NULL when out of memory. */
rs_fit_workspace *rs_fit_workspace_new(size_t opportunities);
void rs_fit_workspace_free(rs_fit_workspace *ws);

/* The window of h: from its first created date to h->export_day (or, when
 * that is RS_DAY_NONE, the latest date it shows), with deal-size bins
 * spanning its closed amounts. False when h has no opportunity. */
bool rs_fit_window_of(const rs_history *h, rs_fit_window *w);

/* Computes the statistics of h over window w. Opportunities of owners not
 * on the roster count in the deal, cycle and win figures, not in the rep
 * figures. RS_ERR_NOMEM when the workspace could not grow. */
rs_status rs_history_stats_compute(const rs_history *h, const rs_fit_window *w, const rs_fit_stats_options *o,
                                   rs_fit_workspace *ws, rs_history_stats *s);

#endif
