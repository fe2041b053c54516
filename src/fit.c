/* fit.c: see fit.h; the method is in docs/fit.md, "How the fit works". */
#include "fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "fit_sim.h"

/* The steps of the search: each moves every key by its figure's ratio. */
#define MAX_ITERATIONS 15
#define TOLERANCE 1e-3 /* the largest relative miss of a converged fit */

static const char *const key_names[RS_FIT_KEYS] = {
    "pipeline.deal_size", "pipeline.deal_size_cv", "pipeline.cycle_weeks", "pipeline.cycle_cv",
    "pipeline.win_rate",  "pipeline.leads_per_week", "ramp.weeks_to_ramped", "attrition.annual"};
static const char *const figure_names[RS_FIT_KEYS] = {
    "deal size, mean (closed)",     "deal size, CV (closed)",      "cycle, mean weeks (censored)",
    "cycle, CV (censored)",         "win rate (closed)",           "opportunities per ramped rep-week",
    "weeks to ramped (by tenure)",  "leaves per rep-week"};

const char *rs_fit_key_name(rs_fit_key k)
{
    return key_names[k];
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

/* ---- which keys a history can fit --------------------------------------- */

static void decide_keys(rs_fit_result *r, const rs_history *h, const rs_scenario *current)
{
    const rs_history_stats *s = &r->observed;
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        rs_fit_value *v = &r->values[k];
        v->key = key_names[k];
        v->figure = figure_names[k];
        v->start = v->value = *rs_fit_key_field((rs_scenario *)current, (rs_fit_key)k);
        v->se = v->low = v->high = v->simulated = v->sim_low = v->sim_high = NAN;
        v->observed = rs_fit_key_stat(s, (rs_fit_key)k);
        v->fitted = true;
        v->observations = rs_fit_key_observations(s, (rs_fit_key)k);
        switch (k) {
        case RS_FIT_DEAL_SIZE:
        case RS_FIT_DEAL_SIZE_CV:
            if (s->amounts < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %ld closed opportunities with an amount (%d needed)",
                         s->amounts, RS_FIT_MIN_CLOSED);
            break;
        case RS_FIT_CYCLE:
        case RS_FIT_CYCLE_CV:
        case RS_FIT_WIN_RATE:
            if (s->closed < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %ld closed opportunities (%d needed)", s->closed,
                         RS_FIT_MIN_CLOSED);
            else if (k != RS_FIT_WIN_RATE && isnan(v->observed))
                snprintf(v->note, sizeof v->note, "the cycles' gamma could not be fitted");
            break;
        case RS_FIT_LEADS:
            if (s->rep_weeks < RS_FIT_MIN_REP_WEEKS || s->opportunities < RS_FIT_MIN_CLOSED)
                snprintf(v->note, sizeof v->note, "only %.0f rep-weeks and %ld opportunities (%d and %d needed)",
                         s->rep_weeks, s->opportunities, RS_FIT_MIN_REP_WEEKS, RS_FIT_MIN_CLOSED);
            break;
        case RS_FIT_RAMP_WEEKS:
            if (!h->has_roster)
                snprintf(v->note, sizeof v->note, "no roster: hire dates are needed (--roster)");
            else if (s->ramp_reps < RS_FIT_MIN_HIRES)
                snprintf(v->note, sizeof v->note, "only %ld reps hired within the history (%d needed)",
                         s->ramp_reps, RS_FIT_MIN_HIRES);
            break;
        default:
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

/* Moves every fitted key by its figure's ratio, observed to simulated,
 * until they agree within TOLERANCE. */
static rs_status search(rs_fit_sim *f, rs_fit_result *r, double *value)
{
    rs_history_stats *sim = malloc(sizeof *sim);
    if (!sim)
        return RS_ERR_NOMEM;
    rs_status st = RS_OK;
    for (r->iterations = 0; r->iterations < MAX_ITERATIONS; r->iterations++) {
        rs_fit_apply(f, r, value);
        if ((st = rs_fit_simulate(f, sim, NULL)) != RS_OK)
            break;
        double worst = 0.0;
        for (int k = 0; k < RS_FIT_KEYS; k++) {
            if (!r->values[k].fitted)
                continue;
            double ratio = r->values[k].observed / rs_fit_key_stat(sim, (rs_fit_key)k);
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
    rs_fit_apply(f, r, value);
    free(sim);
    return st;
}

/* Each fitted value's 95 % interval, normal, cut at the ends of the key's
 * range (a win rate's interval does not go below zero). */
static void intervals(rs_fit_result *r, const rs_scenario *sc)
{
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        rs_fit_value *v = &r->values[k];
        v->low = v->fitted ? clamp_key(sc, (rs_fit_key)k, v->value - 1.96 * v->se) : NAN;
        v->high = v->fitted ? clamp_key(sc, (rs_fit_key)k, v->value + 1.96 * v->se) : NAN;
        if (!v->fitted)
            continue;
        if (clamp_key(sc, (rs_fit_key)k, v->value * 0.999) == v->value ||
            clamp_key(sc, (rs_fit_key)k, v->value * 1.001) == v->value)
            snprintf(v->note, sizeof v->note,
                     "held at the end of its range: no value within it reproduces the history's figure");
        else if (!isfinite(v->se))
            snprintf(v->note, sizeof v->note, "no standard error: the figures do not tell this key from the others");
    }
}

static double key_stat(const rs_history_stats *s, int k)
{
    return rs_fit_key_stat(s, (rs_fit_key)k);
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

/* ---- the fit ------------------------------------------------------------ */

void rs_fit_result_free(rs_fit_result *r)
{
    if (!r)
        return;
    rs_scenario_free(r->fitted);
    free(r->reps);
    free(r);
}

/* The fit's starting point: the history's figures, which keys they can
 * fit, and the curve the simulated histories are read with. */
static rs_status start(rs_fit_sim *f, rs_fit_result *r, const rs_history *h, const rs_scenario *current,
                       double *value)
{
    rs_fit_stats_options so = {.ramped_at = current->ramp.ramped_at, .curve = -1};
    rs_status st = rs_history_stats_compute(h, &r->window, &so, f->ws, &r->observed);
    if (st != RS_OK)
        return st;
    r->team_seats = f->sc->team.seat_count;
    for (size_t i = 0; i < h->rep_count; i++)
        r->owners_not_in_roster += h->has_roster && !h->reps[i].in_roster;
    decide_keys(r, h, current);
    for (int k = 0; k < RS_FIT_KEYS; k++)
        value[k] = r->values[k].value;
    if (r->ramp_fitted) {
        f->sc->ramp.curve = r->observed.ramp_curve;
        f->stats.curve = r->observed.ramp_curve;
    } else {
        f->stats.curve = f->sc->ramp.curve < RS_FIT_CURVES ? f->sc->ramp.curve : RS_RAMP_SCURVE;
    }
    return RS_OK;
}

/* At the fitted keys: each figure's spread over the simulated histories,
 * beside the history's. */
static void spreads(rs_fit_result *r, const double *value, const rs_history_stats *each, double *scratch)
{
    static const char *const checks[RS_FIT_CHECKS] = {"won deal size, mean", "won cycle, mean weeks",
                                                      "open at the export", "opportunities"};
    static const char *const units[RS_FIT_CHECKS] = {"", "weeks", "%", ""};
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        rs_fit_value *v = &r->values[k];
        v->value = value[k];
        rs_fit_spread(each, r->replications, key_stat, k, &v->simulated, &v->sim_low, &v->sim_high, scratch);
        if (v->fitted && !isfinite(v->simulated)) { /* no opportunity simulated, say */
            v->fitted = false;
            snprintf(v->note, sizeof v->note, "the simulated team shows no %s to fit it to", v->figure);
        }
    }
    for (int c = 0; c < RS_FIT_CHECKS; c++) {
        rs_fit_check *ch = &r->checks[c];
        ch->figure = checks[c];
        ch->unit = units[c];
        ch->observed = check_stat(&r->observed, c);
        rs_fit_spread(each, r->replications, check_stat, c, &ch->simulated, &ch->sim_low, &ch->sim_high, scratch);
    }
}

/* The fit's steps, in order, on the simulated team f. */
static rs_status fit_steps(rs_fit_sim *f, rs_fit_result *r, const rs_history *h, const rs_scenario *current)
{
    rs_history_stats *each = calloc((size_t)r->replications, sizeof *each);
    double *scratch = malloc((size_t)r->replications * sizeof *scratch);
    double value[RS_FIT_KEYS];
    rs_status st = each && scratch ? RS_OK : RS_ERR_NOMEM;
    if (st == RS_OK)
        st = start(f, r, h, current, value);
    if (st == RS_OK)
        st = search(f, r, value);
    if (st == RS_OK)
        st = rs_fit_simulate(f, &r->simulated, each);
    if (st == RS_OK) {
        spreads(r, value, each, scratch);
        st = rs_fit_standard_errors(f, r, value, each, &r->simulated);
        intervals(r, f->sc);
    }
    if (st == RS_OK) {
        rs_fit_rep_skills(r, h, current);
        st = rs_fit_fitted_scenario(r, h, current, value);
    }
    free(each);
    free(scratch);
    return st;
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
    rs_fit_sim f;
    r->reps = calloc(h->rep_count ? h->rep_count : 1, sizeof *r->reps);
    rs_status st = rs_fit_sim_init(&f, h, &r->window, current, o, err);
    if (st == RS_OK)
        st = r->reps ? fit_steps(&f, r, h, current) : RS_ERR_NOMEM;
    rs_fit_sim_free(&f);
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
