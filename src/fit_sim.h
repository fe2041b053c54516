/* fit_sim.h: the simulated team of a fit (fit.h): the history's team
 * rebuilt as a scenario over the history's weeks, the histories it makes
 * and their figures, and the keys a fit moves. Private to the fit. */
#ifndef RS_FIT_SIM_H
#define RS_FIT_SIM_H

#include <signal.h>
#include <stdbool.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario.h"

#include "fit_stats.h"
#include "fit_types.h"
#include "history.h"

typedef struct rs_fit_sim {
    rs_scenario *sc; /* the history's team over its weeks, the keys being fitted applied */
    rs_layout layout;
    rs_outcome *out;
    rs_history one, pooled;
    rs_fit_workspace *ws;
    rs_fit_window window; /* the simulated histories' */
    rs_fit_stats_options stats;
    int replications;
    bool roster; /* whether the history has one: its simulated ones are read alike */
    volatile sig_atomic_t *interrupted;
} rs_fit_sim;

/* The scenario field a key sets, and the figure of a history it is fitted to. */
double *rs_fit_key_field(rs_scenario *sc, rs_fit_key k);
double rs_fit_key_stat(const rs_history_stats *s, rs_fit_key k);
/* The observations behind that figure: the closed amounts, the closed
 * opportunities, all opportunities (for the rate), the hires, the leaves. */
long rs_fit_key_observations(const rs_history_stats *s, rs_fit_key k);

/* Whether a rep is on the team on `day`. */
static inline bool rs_fit_active_on(const rs_history_rep *r, rs_day day)
{
    return r->hired != RS_DAY_NONE && r->hired <= day && (r->left == RS_DAY_NONE || r->left > day);
}

/* The simulated team of history h over window w, with current's practices
 * and o's replications and seed. RS_ERR_INPUT (a team too large, none on
 * the roster, a history too long) with a message, RS_ERR_NOMEM. f is to be
 * freed with rs_fit_sim_free whatever the result (it is zeroed first). */
rs_status rs_fit_sim_init(rs_fit_sim *f, const rs_history *h, const rs_fit_window *w, const rs_scenario *current,
                          const rs_fit_options *o, char *err);
void rs_fit_sim_free(rs_fit_sim *f);

/* Sets the fitted keys of r to value[] in the simulated team. */
void rs_fit_apply(rs_fit_sim *f, const rs_fit_result *r, const double *value);

/* Simulates f->replications histories of the team with the keys f->sc
 * holds: their pooled statistics in *pooled, and each one's in each[r]
 * when each is not NULL. The same replications every call: common random
 * numbers, so that a key's change shows as a change of the figures.
 * RS_ERR_NOMEM, RS_ERR_INTERRUPTED. */
rs_status rs_fit_simulate(rs_fit_sim *f, rs_history_stats *pooled, rs_history_stats *each);

/* The standard errors of r's fitted keys at value[] (fit_errors.c): each
 * the figures of the simulated histories at the fit, at the fitted keys
 * pooled. */
rs_status rs_fit_standard_errors(rs_fit_sim *f, rs_fit_result *r, double *value, const rs_history_stats *each,
                                 const rs_history_stats *at);

/* The mean and the 2.5 and 97.5 percentiles of figure `which` (read by
 * get) over the n histories that have it; scratch holds n doubles. */
void rs_fit_spread(const rs_history_stats *each, int n, double (*get)(const rs_history_stats *, int), int which,
                   double *mean, double *low, double *high, double *scratch);

/* Each rep's fitted skill into r->reps (fit_team.c). */
void rs_fit_rep_skills(rs_fit_result *r, const rs_history *h, const rs_scenario *current);
/* r->fitted: current with value[]'s fitted keys and the team at the export. */
rs_status rs_fit_fitted_scenario(rs_fit_result *r, const rs_history *h, const rs_scenario *current,
                                 const double *value);

#endif
