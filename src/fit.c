/* fit.c: see fit.h; the method is in docs/fit.md, "How the fit works". */
#include "fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "rampsim/calendar.h"
#include "rampsim/outcome.h"

#include "model.h"
#include "ramp.h"

/* The steps of the search: each moves every key by its figure's ratio. */
#define MAX_ITERATIONS 15
#define TOLERANCE 1e-3 /* the largest relative miss of a converged fit */
/* The relative step of the slopes the standard errors are taken from. */
#define SLOPE_STEP 0.05

static const char *const key_names[RS_FIT_KEYS] = {
    "pipeline.deal_size", "pipeline.deal_size_cv", "pipeline.cycle_weeks", "pipeline.cycle_cv",
    "pipeline.win_rate",  "pipeline.leads_per_week", "ramp.weeks_to_ramped", "attrition.annual"};
static const char *const figure_names[RS_FIT_KEYS] = {
    "deal size, mean (closed)",     "deal size, CV (closed)",      "cycle, mean weeks (censored)",
    "cycle, CV (censored)",         "win rate (closed)",           "opportunities per ramped rep-week",
    "weeks to ramped (by tenure)",  "leaves per rep-week"};

static double *key_field(rs_scenario *sc, rs_fit_key k)
{
    switch (k) {
    case RS_FIT_DEAL_SIZE: return &sc->pipeline.deal_size;
    case RS_FIT_DEAL_SIZE_CV: return &sc->pipeline.deal_size_cv;
    case RS_FIT_CYCLE: return &sc->pipeline.cycle_weeks;
    case RS_FIT_CYCLE_CV: return &sc->pipeline.cycle_cv;
    case RS_FIT_WIN_RATE: return &sc->pipeline.win_rate;
    case RS_FIT_LEADS: return &sc->pipeline.leads_per_week;
    case RS_FIT_RAMP_WEEKS: return &sc->ramp.weeks_to_ramped;
    default: return &sc->attrition.annual;
    }
}

static double stat_of(const rs_history_stats *s, rs_fit_key k)
{
    switch (k) {
    case RS_FIT_DEAL_SIZE: return s->size_mean;
    case RS_FIT_DEAL_SIZE_CV: return s->size_cv;
    case RS_FIT_CYCLE: return s->cycle_mean;
    case RS_FIT_CYCLE_CV: return s->cycle_cv;
    case RS_FIT_WIN_RATE: return s->win_rate;
    case RS_FIT_LEADS: return s->opportunity_rate;
    case RS_FIT_RAMP_WEEKS: return s->ramp_weeks;
    default: return s->exit_rate;
    }
}

/* The range a fitted value is kept in: the key's own (params_table.c),
 * narrowed where the ends mean nothing for a team (a CV of 0, a win rate
 * above the cap). */
static double clamp_key(const rs_scenario *sc, rs_fit_key k, double v)
{
    double lo = 0.0, hi = INFINITY;
    switch (k) {
    case RS_FIT_DEAL_SIZE: lo = 1.0; hi = 1e12; break;
    case RS_FIT_DEAL_SIZE_CV: lo = 0.01; hi = 5.0; break;
    case RS_FIT_CYCLE: lo = 0.1; hi = 260.0; break;
    case RS_FIT_CYCLE_CV: lo = 0.01; hi = 2.0; break;
    case RS_FIT_WIN_RATE: lo = 1e-4; hi = sc->pipeline.max_win_rate; break;
    case RS_FIT_LEADS: lo = 1e-4; hi = 1000.0; break;
    case RS_FIT_RAMP_WEEKS: lo = 1.0; hi = 520.0; break;
    default: lo = 0.0; hi = 0.99; break;
    }
    return v < lo ? lo : v > hi ? hi : v;
}

/* Attrition moves as a weekly hazard, the other keys as they are. */
static double to_rate(rs_fit_key k, double v)
{
    return k == RS_FIT_ATTRITION ? 1.0 - pow(1.0 - v, 1.0 / RS_WEEKS_PER_YEAR) : v;
}

static double from_rate(rs_fit_key k, double r)
{
    return k == RS_FIT_ATTRITION ? 1.0 - pow(1.0 - r, RS_WEEKS_PER_YEAR) : r;
}

/* ---- the simulated team ------------------------------------------------- */

typedef struct fit_sim {
    rs_scenario *sc; /* the history's team over its weeks, the keys being fitted applied */
    rs_layout layout;
    rs_outcome *out;
    rs_history one, pooled;
    rs_fit_workspace *ws;
    rs_fit_window window; /* the simulated histories' */
    rs_fit_stats_options stats;
    int replications;
    volatile sig_atomic_t *interrupted;
} fit_sim;

static bool active_on(const rs_history_rep *r, rs_day day)
{
    return r->hired != RS_DAY_NONE && r->hired <= day && (r->left == RS_DAY_NONE || r->left > day);
}

/* The history's team at its first day, as the seats of sc: a roster's reps
 * with their tenures, then a growth seat for each hire that took the team
 * past its size; without a roster, every owner as a veteran. */
static rs_status place_team(rs_scenario *sc, const rs_history *h, const rs_fit_window *w, char *err)
{
    int seats = 0;
    rs_seat_spec blank = {.kind = RS_SEAT_VETERAN, .skill = NAN, .quota_annual = NAN,
                          .coaching_hours_per_month = NAN};
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *r = &h->reps[i];
        if (h->has_roster && !(r->in_roster && active_on(r, w->first_day)))
            continue;
        if (seats == RS_MAX_REPS)
            goto too_many;
        rs_seat_spec *s = &sc->team.seats[seats++];
        *s = blank;
        if (h->has_roster) {
            s->kind = RS_SEAT_TENURE;
            s->tenure_weeks = (w->first_day - r->hired) / RS_DAYS_PER_WEEK;
        }
    }
    int team = seats;
    if (h->has_roster) {
        /* a hire with as many reps on the team as it had seats grows it */
        for (size_t i = 0; i < h->rep_count; i++) {
            const rs_history_rep *r = &h->reps[i];
            if (!r->in_roster || r->hired == RS_DAY_NONE || r->hired <= w->first_day || r->hired > w->export_day)
                continue;
            int present = 0;
            for (size_t j = 0; j < h->rep_count; j++)
                present += j != i && h->reps[j].in_roster && active_on(&h->reps[j], r->hired);
            if (present < team)
                continue;
            if (seats == RS_MAX_REPS)
                goto too_many;
            rs_seat_spec *s = &sc->team.seats[seats++];
            *s = blank;
            s->kind = RS_SEAT_GROWTH;
            s->start_week = (r->hired - w->first_day) / RS_DAYS_PER_WEEK;
            team++;
        }
    }
    if (seats == 0) {
        snprintf(err, RS_ERRMSG_SIZE, "no rep of the roster is on the team during the history");
        return RS_ERR_INPUT;
    }
    sc->team.seat_count = seats;
    sc->team.reps = seats;
    sc->team.new_hires = 0;
    sc->team.hire_count = 0;
    sc->team.roster[0] = sc->team.roster_file[0] = '\0';
    return RS_OK;
too_many:
    snprintf(err, RS_ERRMSG_SIZE, "the history's team has more than %d reps, the most a scenario holds",
             RS_MAX_REPS);
    return RS_ERR_INPUT;
}

static rs_status sim_init(fit_sim *f, const rs_history *h, const rs_fit_window *w, const rs_scenario *current,
                          const rs_fit_options *o, char *err)
{
    memset(f, 0, sizeof *f);
    rs_history_init(&f->one);
    rs_history_init(&f->pooled);
    f->replications = o->replications;
    f->interrupted = o->interrupted;
    if (w->weeks > RS_MAX_HORIZON) {
        snprintf(err, RS_ERRMSG_SIZE, "the history spans %d weeks; a fit reads at most %d (20 years)", w->weeks,
                 RS_MAX_HORIZON);
        return RS_ERR_INPUT;
    }
    f->sc = rs_scenario_clone(current);
    f->ws = rs_fit_workspace_new(h->opportunity_count);
    if (!f->sc || !f->ws)
        return RS_ERR_NOMEM;
    rs_status st = place_team(f->sc, h, w, err);
    if (st != RS_OK)
        return st;
    f->sc->run.horizon_weeks = w->weeks;
    f->sc->run.has_start_date = true;
    f->sc->run.start_date = w->first_day;
    f->sc->run.seed = o->seed;
    if (f->sc->ramp.curve == RS_RAMP_TABLE)
        f->sc->ramp.curve = RS_RAMP_SCURVE;
    if (rs_layout_init(&f->layout, f->sc) != RS_OK || !(f->out = rs_outcome_new(&f->layout)))
        return RS_ERR_NOMEM;
    /* the simulated histories are read over the same weeks as the team's */
    f->window = *w;
    f->window.export_day = w->first_day + (w->export_day - w->first_day);
    f->stats.ramped_at = current->ramp.ramped_at;
    f->stats.curve = -1;
    return RS_OK;
}

static void sim_free(fit_sim *f)
{
    rs_outcome_free(f->out);
    rs_layout_free(&f->layout);
    rs_history_free(&f->one);
    rs_history_free(&f->pooled);
    rs_fit_workspace_free(f->ws);
    rs_scenario_free(f->sc);
}

/* Simulates f->replications histories of the team with the keys f->sc
 * holds: their pooled statistics in *pooled, and each one's in each[r]
 * when each is not NULL. The same replications every call: common random
 * numbers, so that a key's change shows as a change of the figures. */
static rs_status simulate(fit_sim *f, rs_history_stats *pooled, rs_history_stats *each)
{
    rs_model *m = rs_model_new(f->sc, &f->layout, NULL);
    if (!m)
        return RS_ERR_NOMEM;
    rs_status st = RS_OK;
    rs_history_clear(&f->pooled);
    for (int r = 0; r < f->replications && st == RS_OK; r++) {
        if (f->interrupted && *f->interrupted) {
            st = RS_ERR_INTERRUPTED;
            break;
        }
        st = rs_model_run_history(m, (uint32_t)r, f->out, &f->one, f->sc->run.start_date);
        if (st != RS_OK)
            break;
        for (size_t i = 0; i < f->one.rep_count; i++)
            f->one.reps[i].in_roster = true;
        f->one.export_day = f->window.export_day;
        if (each)
            st = rs_history_stats_compute(&f->one, &f->window, &f->stats, f->ws, &each[r]);
        if (st == RS_OK && !rs_history_append(&f->pooled, &f->one))
            st = RS_ERR_NOMEM;
    }
    rs_model_free(m);
    f->pooled.export_day = f->window.export_day;
    return st == RS_OK ? rs_history_stats_compute(&f->pooled, &f->window, &f->stats, f->ws, pooled) : st;
}

/* ---- which keys a history can fit --------------------------------------- */

static void decide_keys(rs_fit_result *r, const rs_history *h, const rs_scenario *current)
{
    const rs_history_stats *s = &r->observed;
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        rs_fit_value *v = &r->values[k];
        v->key = key_names[k];
        v->figure = figure_names[k];
        v->start = v->value = *key_field((rs_scenario *)current, (rs_fit_key)k);
        v->se = v->simulated = v->sim_low = v->sim_high = NAN;
        v->observed = stat_of(s, (rs_fit_key)k);
        v->fitted = true;
        switch (k) {
        case RS_FIT_DEAL_SIZE:
        case RS_FIT_DEAL_SIZE_CV:
            v->observations = s->amounts;
            if (s->amounts < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %ld closed opportunities with an amount (%d needed)",
                         s->amounts, RS_FIT_MIN_CLOSED);
            break;
        case RS_FIT_CYCLE:
        case RS_FIT_CYCLE_CV:
        case RS_FIT_WIN_RATE:
            v->observations = s->closed;
            if (s->closed < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %ld closed opportunities (%d needed)", s->closed,
                         RS_FIT_MIN_CLOSED);
            else if (k != RS_FIT_WIN_RATE && isnan(v->observed))
                snprintf(v->note, sizeof v->note, "the cycles' gamma could not be fitted");
            break;
        case RS_FIT_LEADS:
            v->observations = s->opportunities;
            if (s->rep_weeks < RS_FIT_MIN_REP_WEEKS || s->opportunities < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %.0f rep-weeks and %ld opportunities (%d and %d needed)",
                         s->rep_weeks, s->opportunities, RS_FIT_MIN_REP_WEEKS, RS_FIT_MIN_CLOSED);
            break;
        case RS_FIT_RAMP_WEEKS:
            v->observations = s->ramp_reps;
            if (!h->has_roster)
                snprintf(v->note, sizeof v->note, "no roster: hire dates are needed (--roster)");
            else if (s->ramp_reps < RS_FIT_MIN_HIRES)
                snprintf(v->note, sizeof v->note, "only %ld reps hired within the history (%d needed)",
                         s->ramp_reps, RS_FIT_MIN_HIRES);
            break;
        default:
            v->observations = s->exits;
            if (!h->has_roster)
                snprintf(v->note, sizeof v->note, "no roster: leave dates are needed (--roster)");
            else if (s->exits < RS_FIT_MIN_EXITS)
                snprintf(v->note, sizeof v->note, "only %ld reps left within the history (%d needed)", s->exits,
                         RS_FIT_MIN_EXITS);
            break;
        }
        v->fitted = v->note[0] == '\0' && isfinite(v->observed) && v->observed > 0.0;
        if (!v->fitted && !v->note[0])
            snprintf(v->note, sizeof v->note, "the history's figure is zero");
    }
    r->ramp_fitted = r->values[RS_FIT_RAMP_WEEKS].fitted;
}

/* ---- the search and its errors ------------------------------------------ */

static void apply(fit_sim *f, const rs_fit_result *r, const double *value)
{
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            *key_field(f->sc, (rs_fit_key)k) = value[k];
}

/* Moves every fitted key by its figure's ratio, observed to simulated,
 * until they agree within TOLERANCE. */
static rs_status search(fit_sim *f, rs_fit_result *r, double *value)
{
    rs_history_stats *sim = malloc(sizeof *sim);
    if (!sim)
        return RS_ERR_NOMEM;
    rs_status st = RS_OK;
    for (r->iterations = 0; r->iterations < MAX_ITERATIONS; r->iterations++) {
        apply(f, r, value);
        if ((st = simulate(f, sim, NULL)) != RS_OK)
            break;
        double worst = 0.0;
        for (int k = 0; k < RS_FIT_KEYS; k++) {
            if (!r->values[k].fitted)
                continue;
            double ratio = r->values[k].observed / stat_of(sim, (rs_fit_key)k);
            if (!isfinite(ratio) || ratio <= 0.0)
                ratio = 1.0; /* a simulated figure of zero: leave the key */
            worst = fmax(worst, fabs(ratio - 1.0));
            value[k] = clamp_key(f->sc, (rs_fit_key)k, from_rate((rs_fit_key)k, to_rate((rs_fit_key)k, value[k]) * ratio));
        }
        if (worst < TOLERANCE) {
            r->converged = true;
            break;
        }
    }
    apply(f, r, value);
    free(sim);
    return st;
}

/* The 2.5 and 97.5 percentiles and the mean of one figure over the
 * simulated histories, those that have it. */
static void spread(const rs_history_stats *each, int n, double (*get)(const rs_history_stats *, int), int which,
                   double *mean, double *low, double *high, double *scratch)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        double x = get(&each[i], which);
        if (isfinite(x))
            scratch[m++] = x;
    }
    *mean = *low = *high = NAN;
    if (m == 0)
        return;
    gsl_sort(scratch, 1, (size_t)m);
    *mean = gsl_stats_mean(scratch, 1, (size_t)m);
    *low = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)m, 0.025);
    *high = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)m, 0.975);
}

static double key_stat(const rs_history_stats *s, int k)
{
    return stat_of(s, (rs_fit_key)k);
}

static double check_stat(const rs_history_stats *s, int c)
{
    switch (c) {
    case 0: return s->won_size_mean;
    case 1: return s->won_cycle_mean;
    case 2: return 100.0 * s->open_share;
    default: return (double)s->opportunities;
    }
}

/* Standard errors: the covariance of the figures over simulated histories
 * of the team's size (Sigma), carried to the keys by the inverse of their
 * slopes (J), Var = J^-1 Sigma J^-T (1 + 1/R): the method of simulated
 * moments' sandwich when there are as many figures as keys. */
static rs_status standard_errors(fit_sim *f, rs_fit_result *r, double *value, const rs_history_stats *each,
                                 const rs_history_stats *at)
{
    int idx[RS_FIT_KEYS], n = 0;
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            idx[n++] = k;
    if (n == 0)
        return RS_OK;
    gsl_matrix *J = gsl_matrix_alloc((size_t)n, (size_t)n), *S = gsl_matrix_calloc((size_t)n, (size_t)n);
    gsl_matrix *Jinv = gsl_matrix_alloc((size_t)n, (size_t)n), *T = gsl_matrix_alloc((size_t)n, (size_t)n);
    gsl_permutation *p = gsl_permutation_alloc((size_t)n);
    rs_history_stats *moved = malloc(sizeof *moved);
    rs_status st = J && S && Jinv && T && p && moved ? RS_OK : RS_ERR_NOMEM;
    for (int j = 0; j < n && st == RS_OK; j++) {
        int k = idx[j];
        double saved = value[k], step = saved * SLOPE_STEP;
        value[k] = saved + step;
        apply(f, r, value);
        st = simulate(f, moved, NULL);
        value[k] = saved;
        for (int i = 0; i < n && st == RS_OK; i++)
            gsl_matrix_set(J, (size_t)i, (size_t)j,
                           (key_stat(moved, idx[i]) - key_stat(at, idx[i])) / step);
    }
    apply(f, r, value);
    /* Sigma over the histories that have every figure */
    double mean[RS_FIT_KEYS] = {0};
    int used = 0;
    for (int h = 0; h < f->replications && st == RS_OK; h++) {
        bool all = true;
        for (int i = 0; i < n; i++)
            all = all && isfinite(key_stat(&each[h], idx[i]));
        if (!all)
            continue;
        used++;
        for (int i = 0; i < n; i++)
            mean[i] += key_stat(&each[h], idx[i]);
    }
    for (int i = 0; i < n && used > 1; i++)
        mean[i] /= used;
    for (int h = 0; h < f->replications && st == RS_OK && used > 1; h++) {
        bool all = true;
        for (int i = 0; i < n; i++)
            all = all && isfinite(key_stat(&each[h], idx[i]));
        if (!all)
            continue;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                *gsl_matrix_ptr(S, (size_t)i, (size_t)j) += (key_stat(&each[h], idx[i]) - mean[i]) *
                                                             (key_stat(&each[h], idx[j]) - mean[j]) / (used - 1);
    }
    int sign;
    if (st == RS_OK && used > 1 && gsl_linalg_LU_decomp(J, p, &sign) == 0 &&
        fabs(gsl_linalg_LU_det(J, sign)) > 0.0 && gsl_linalg_LU_invert(J, p, Jinv) == 0) {
        /* T = Jinv S; V = T Jinv' */
        gsl_matrix_set_zero(T);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++)
                    *gsl_matrix_ptr(T, (size_t)i, (size_t)j) +=
                        gsl_matrix_get(Jinv, (size_t)i, (size_t)l) * gsl_matrix_get(S, (size_t)l, (size_t)j);
        for (int i = 0; i < n; i++) {
            double var = 0.0;
            for (int l = 0; l < n; l++)
                var += gsl_matrix_get(T, (size_t)i, (size_t)l) * gsl_matrix_get(Jinv, (size_t)i, (size_t)l);
            r->values[idx[i]].se = sqrt(fmax(0.0, var) * (1.0 + 1.0 / f->replications));
        }
    }
    gsl_matrix_free(J);
    gsl_matrix_free(S);
    gsl_matrix_free(Jinv);
    gsl_matrix_free(T);
    gsl_permutation_free(p);
    free(moved);
    return st;
}

/* ---- each rep's skill --------------------------------------------------- */

/* A rep's opportunities against the team's rate at their ramp, shrunk
 * towards 1 by a gamma prior of mean 1 and CV rep.skill_cv (conjugate to
 * the Poisson counts): (n + a) / (E + a), a = 1 / cv^2. */
static void rep_skills(rs_fit_result *r, const rs_history *h, const rs_scenario *current)
{
    const rs_history_stats *s = &r->observed;
    const rs_fit_window *w = &r->window;
    rs_ramp ramp;
    rs_ramp_init_curve(&ramp, s->ramp_curve, isfinite(s->ramp_weeks) ? s->ramp_weeks : current->ramp.weeks_to_ramped,
                       current->ramp.ramped_at);
    double cv = current->rep.skill_cv;
    double a = cv > 0.0 ? 1.0 / (cv * cv) : INFINITY;
    for (size_t i = 0; i < h->rep_count; i++) {
        rs_fit_rep *rep = &r->reps[i];
        const rs_history_rep *hr = &h->reps[i];
        int first = w->weeks, last = -1;
        for (size_t j = 0; j < h->opportunity_count; j++) {
            const rs_history_opportunity *o = &h->opportunities[j];
            if (o->owner != (int)i)
                continue;
            rep->opportunities += 1.0;
            int k = (o->created - w->first_day) / RS_DAYS_PER_WEEK;
            first = k < first ? k : first;
            last = k > last ? k : last;
        }
        double exposure = 0.0;
        if (h->has_roster && hr->in_roster && hr->hired != RS_DAY_NONE) {
            for (int k = 0; k < w->weeks; k++) {
                rs_day day = w->first_day + k * RS_DAYS_PER_WEEK;
                if (active_on(hr, day))
                    exposure += fmax(rs_ramp_rho(&ramp, (day - hr->hired) / RS_DAYS_PER_WEEK), 1e-3);
            }
        } else if (!h->has_roster && last >= first) {
            exposure = last - first + 1;
        }
        rep->expected = exposure * s->opportunity_rate;
        if (!(rep->expected > 0.0)) {
            rep->skill = rep->skill_se = NAN;
            continue;
        }
        if (isinf(a)) {
            rep->skill = 1.0;
            rep->skill_se = 0.0;
        } else {
            rep->skill = (rep->opportunities + a) / (rep->expected + a);
            rep->skill_se = sqrt(rep->opportunities + a) / (rep->expected + a);
        }
    }
}

/* ---- the fitted scenario ------------------------------------------------ */

static rs_status fitted_scenario(rs_fit_result *r, const rs_history *h, const rs_scenario *current,
                                 const double *value)
{
    rs_scenario *sc = rs_scenario_clone(current);
    if (!sc)
        return RS_ERR_NOMEM;
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            *key_field(sc, (rs_fit_key)k) = value[k];
    if (r->ramp_fitted)
        sc->ramp.curve = r->observed.ramp_curve;
    /* the plan starts the day after the history */
    sc->run.has_start_date = true;
    sc->run.start_date = r->window.export_day + 1;
    if (h->has_roster) {
        snprintf(sc->team.roster, sizeof sc->team.roster, "fitted-roster.csv");
        sc->team.roster_file[0] = '\0';
    } else {
        /* the owners of the last quarter's opportunities are the team */
        int owners = 0;
        for (size_t i = 0; i < h->rep_count; i++) {
            bool recent = false;
            for (size_t j = 0; j < h->opportunity_count && !recent; j++)
                recent = h->opportunities[j].owner == (int)i &&
                         h->opportunities[j].created > r->window.export_day - RS_WEEKS_PER_QUARTER * RS_DAYS_PER_WEEK;
            owners += recent;
        }
        if (owners > 0) {
            sc->team.reps = owners < RS_MAX_REPS ? owners : RS_MAX_REPS;
            sc->team.new_hires = 0;
        }
        sc->team.roster[0] = sc->team.roster_file[0] = '\0';
    }
    r->fitted = sc;
    return RS_OK;
}

/* ---- the fit ------------------------------------------------------------ */

void rs_fit_result_free(rs_fit_result *r)
{
    if (!r)
        return;
    rs_scenario_free(r->fitted);
    free(r->reps);
    free(r);
}

rs_status rs_fit_run(const rs_history *h, const rs_scenario *current, const rs_fit_options *o, rs_fit_result **out,
                     char *err)
{
    *out = NULL;
    rs_fit_result *r = calloc(1, sizeof *r);
    if (!r)
        return RS_ERR_NOMEM;
    r->history = h;
    r->replications = o->replications;
    if (!rs_fit_window_of(h, &r->window)) {
        snprintf(err, RS_ERRMSG_SIZE, "the history has no opportunity");
        free(r);
        return RS_ERR_INPUT;
    }
    fit_sim f;
    memset(&f, 0, sizeof f);
    rs_history_init(&f.one);
    rs_history_init(&f.pooled);
    rs_history_stats *each = calloc((size_t)o->replications, sizeof *each);
    double *scratch = malloc((size_t)o->replications * sizeof *scratch);
    r->reps = calloc(h->rep_count ? h->rep_count : 1, sizeof *r->reps);
    rs_status st = each && scratch && r->reps ? RS_OK : RS_ERR_NOMEM;
    if (st == RS_OK)
        st = sim_init(&f, h, &r->window, current, o, err);
    if (st == RS_OK) {
        rs_fit_stats_options so = {.ramped_at = current->ramp.ramped_at, .curve = -1};
        st = rs_history_stats_compute(h, &r->window, &so, f.ws, &r->observed);
    }
    double value[RS_FIT_KEYS];
    if (st == RS_OK) {
        r->team_seats = f.sc->team.seat_count;
        for (size_t i = 0; i < h->rep_count; i++)
            r->owners_not_in_roster += h->has_roster && !h->reps[i].in_roster;
        decide_keys(r, h, current);
        for (int k = 0; k < RS_FIT_KEYS; k++)
            value[k] = r->values[k].value;
        /* the simulated histories are read with the history's own curve */
        if (r->ramp_fitted) {
            f.sc->ramp.curve = r->observed.ramp_curve;
            f.stats.curve = r->observed.ramp_curve;
        } else {
            f.stats.curve = f.sc->ramp.curve < RS_FIT_CURVES ? f.sc->ramp.curve : RS_RAMP_SCURVE;
        }
        st = search(&f, r, value);
    }
    if (st == RS_OK)
        st = simulate(&f, &r->simulated, each);
    if (st == RS_OK) {
        for (int k = 0; k < RS_FIT_KEYS; k++) {
            rs_fit_value *v = &r->values[k];
            v->value = value[k];
            spread(each, o->replications, key_stat, k, &v->simulated, &v->sim_low, &v->sim_high, scratch);
        }
        static const char *const checks[RS_FIT_CHECKS] = {"won deal size, mean", "won cycle, mean weeks",
                                                          "open at the export", "opportunities"};
        static const char *const units[RS_FIT_CHECKS] = {"", "weeks", "%", ""};
        for (int c = 0; c < RS_FIT_CHECKS; c++) {
            rs_fit_check *ch = &r->checks[c];
            ch->figure = checks[c];
            ch->unit = units[c];
            ch->observed = check_stat(&r->observed, c);
            spread(each, o->replications, check_stat, c, &ch->simulated, &ch->sim_low, &ch->sim_high, scratch);
        }
        st = standard_errors(&f, r, value, each, &r->simulated);
    }
    if (st == RS_OK) {
        rep_skills(r, h, current);
        st = fitted_scenario(r, h, current, value);
    }
    sim_free(&f);
    free(each);
    free(scratch);
    if (st != RS_OK) {
        if (st == RS_ERR_NOMEM)
            snprintf(err, RS_ERRMSG_SIZE, "out of memory while fitting");
        else if (st == RS_ERR_INTERRUPTED)
            snprintf(err, RS_ERRMSG_SIZE, "interrupted");
        rs_fit_result_free(r);
        return st;
    }
    *out = r;
    return RS_OK;
}
