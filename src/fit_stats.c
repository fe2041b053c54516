/* fit_stats.c: see fit_stats.h; the estimators are in docs/fit.md, "How
 * each value is estimated". */
#include "fit_stats.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>

#include "rampsim/calendar.h"

#include "ramp.h"

/* Cycles and censoring times shorter than a day are a day: a gamma has no
 * mass at zero, and a CRM's same-day close is a cycle of hours. */
#define MIN_CYCLE_DAYS 1

/* The ramp's log-likelihood takes a productivity this small for one that
 * is zero, so that a rep who opened something in their first week (their
 * predecessor's, say) does not make a curve impossible. */
#define MIN_RHO 1e-3

/* Weeks to ramped a ramp fit searches. */
#define RAMP_WEEKS_MIN 2.0
#define RAMP_WEEKS_MAX 156.0

/* A censoring time and how many open opportunities share it. */
typedef struct censored {
    double weeks;
    double count;
} censored;

struct rs_fit_workspace {
    censored *censored;
    size_t capacity;
    rs_day *last_seen; /* each rep's latest date in the history */
    size_t rep_capacity;
};

rs_fit_workspace *rs_fit_workspace_new(size_t opportunities)
{
    rs_fit_workspace *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    ws->capacity = opportunities > 16 ? opportunities : 16;
    ws->censored = malloc(ws->capacity * sizeof *ws->censored);
    if (!ws->censored) {
        free(ws);
        return NULL;
    }
    return ws;
}

void rs_fit_workspace_free(rs_fit_workspace *ws)
{
    if (!ws)
        return;
    free(ws->censored);
    free(ws->last_seen);
    free(ws);
}

static int by_weeks(const void *a, const void *b)
{
    double x = ((const censored *)a)->weeks, y = ((const censored *)b)->weeks;
    return (x > y) - (x < y);
}

bool rs_fit_window_of(const rs_history *h, rs_fit_window *w)
{
    memset(w, 0, sizeof *w);
    if (h->opportunity_count == 0)
        return false;
    w->first_day = rs_history_first_day(h);
    w->export_day = h->export_day != RS_DAY_NONE ? h->export_day : rs_history_last_day(h);
    w->weeks = (w->export_day - w->first_day) / RS_DAYS_PER_WEEK + 1;
    double log_sum = 0.0, n = 0.0;
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        if (o->outcome != RS_OPP_OPEN && !isnan(o->amount)) {
            log_sum += log(o->amount);
            n += 1.0;
        }
    }
    /* a lognormal of CV 5 puts 6 in 100,000 amounts below this */
    w->placeholder_below = n > 0.0 ? exp(log_sum / n) / 1000.0 : 0.0;
    double lo = INFINITY, hi = 0.0;
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        if (o->outcome != RS_OPP_OPEN && !isnan(o->amount) && o->amount >= w->placeholder_below) {
            lo = fmin(lo, o->amount);
            hi = fmax(hi, o->amount);
        }
    }
    if (!(lo < hi)) { /* no amount, or one: a decade around it */
        lo = isfinite(lo) ? lo / 10.0 : 1.0;
        hi = lo * 100.0;
    }
    double step = (log(hi) - log(lo)) / RS_FIT_SIZE_BINS;
    for (int b = 0; b <= RS_FIT_SIZE_BINS; b++)
        w->size_edges[b] = exp(log(lo) + step * b);
    w->size_edges[RS_FIT_SIZE_BINS] = hi; /* the largest falls in the last bin */
    return true;
}

/* ---- the gamma of the cycles, with censoring ---------------------------- */

typedef struct gamma_data {
    double n, sum_log, sum;      /* the closed cycles' sufficient statistics */
    const censored *censored;    /* the open ones, by censoring time */
    size_t censored_count;
} gamma_data;

/* Minus the log-likelihood at (ln shape, ln scale). */
static double gamma_minus_loglik(const gsl_vector *v, void *params)
{
    const gamma_data *d = params;
    double k = exp(gsl_vector_get(v, 0)), theta = exp(gsl_vector_get(v, 1));
    if (!isfinite(k) || !isfinite(theta) || k > 1e6 || theta > 1e6 || k < 1e-6 || theta < 1e-6)
        return DBL_MAX;
    double ll = (k - 1.0) * d->sum_log - d->sum / theta - d->n * (k * log(theta) + lgamma(k));
    for (size_t j = 0; j < d->censored_count; j++) {
        gsl_sf_result q;
        double survival = gsl_sf_gamma_inc_Q_e(k, d->censored[j].weeks / theta, &q) == GSL_SUCCESS ? q.val : 0.0;
        ll += d->censored[j].count * log(fmax(survival, DBL_MIN));
    }
    return -ll;
}

/* The gamma's ML mean and CV; false when it cannot be found. */
static bool fit_gamma(const gamma_data *d, double *mean, double *cv)
{
    if (d->n < 2)
        return false;
    /* the closed cycles' moments: a start near the optimum */
    double m = d->sum / d->n;
    double log_gap = log(m) - d->sum_log / d->n; /* >= 0 by Jensen */
    double k0 = log_gap > 1e-9 ? (3.0 - log_gap + sqrt((log_gap - 3.0) * (log_gap - 3.0) + 24.0 * log_gap)) /
                                     (12.0 * log_gap)
                               : 100.0;
    gsl_multimin_function f = {.f = gamma_minus_loglik, .n = 2, .params = (void *)d};
    gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    bool ok = x && step && s;
    if (ok) {
        gsl_vector_set(x, 0, log(k0));
        gsl_vector_set(x, 1, log(m / k0));
        gsl_vector_set_all(step, 0.3);
        ok = gsl_multimin_fminimizer_set(s, &f, x, step) == GSL_SUCCESS;
    }
    for (int iter = 0; ok && iter < 400; iter++) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-7) == GSL_SUCCESS)
            break;
    }
    if (ok) {
        double k = exp(gsl_vector_get(s->x, 0)), theta = exp(gsl_vector_get(s->x, 1));
        *mean = k * theta;
        *cv = 1.0 / sqrt(k);
        ok = isfinite(*mean) && isfinite(*cv);
    }
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return ok;
}

/* ---- the ramp, by likelihood -------------------------------------------- */

/* The profile log-likelihood of (curve, W): opportunities by tenure week
 * Poisson with mean lambda x rho(t) a rep-week, lambda at its ML value. */
static double ramp_loglik(const rs_history_stats *s, int curve, double W, double a, double *lambda)
{
    rs_ramp r;
    rs_ramp_init_curve(&r, curve, W, a);
    double n = 0.0, exposure = 0.0, ll = 0.0;
    for (int t = 0; t <= RS_FIT_TENURE_WEEKS; t++) {
        if (s->tenure_rep_weeks[t] <= 0.0)
            continue;
        double rho = fmax(rs_ramp_rho(&r, t), MIN_RHO);
        n += s->tenure_opportunities[t];
        exposure += s->tenure_rep_weeks[t] * rho;
        if (s->tenure_opportunities[t] > 0.0)
            ll += s->tenure_opportunities[t] * log(rho);
    }
    *lambda = exposure > 0.0 ? n / exposure : NAN;
    return n > 0.0 ? ll + n * log(*lambda) - n : 0.0;
}

/* The ML weeks to ramped of a curve: a coarse grid, then golden sections
 * around its best point. */
static double fit_ramp_weeks(const rs_history_stats *s, int curve, double a, double *best_ll)
{
    double lambda, best_w = RAMP_WEEKS_MIN, best = -INFINITY;
    for (double W = RAMP_WEEKS_MIN; W <= RAMP_WEEKS_MAX; W += 2.0) {
        double ll = ramp_loglik(s, curve, W, a, &lambda);
        if (ll > best) {
            best = ll;
            best_w = W;
        }
    }
    double lo = fmax(RAMP_WEEKS_MIN, best_w - 2.0), hi = fmin(RAMP_WEEKS_MAX, best_w + 2.0);
    const double g = 0.5 * (sqrt(5.0) - 1.0);
    double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    double f1 = ramp_loglik(s, curve, x1, a, &lambda), f2 = ramp_loglik(s, curve, x2, a, &lambda);
    for (int iter = 0; iter < 40 && hi - lo > 1e-4; iter++) {
        if (f1 > f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - g * (hi - lo);
            f1 = ramp_loglik(s, curve, x1, a, &lambda);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + g * (hi - lo);
            f2 = ramp_loglik(s, curve, x2, a, &lambda);
        }
    }
    double W = 0.5 * (lo + hi);
    double ll = ramp_loglik(s, curve, W, a, &lambda);
    if (ll < best) {
        W = best_w;
        ll = best;
    }
    *best_ll = ll;
    return W;
}

/* ---- the statistics ----------------------------------------------------- */

static int week_of(const rs_fit_window *w, rs_day day)
{
    return (day - w->first_day) / RS_DAYS_PER_WEEK;
}

static bool rep_active(const rs_history_rep *r, rs_day day)
{
    return r->hired <= day && (r->left == RS_DAY_NONE || r->left > day);
}

static int tenure_bucket(rs_day hired, rs_day day)
{
    if (day < hired)
        return 0;
    int t = (day - hired) / RS_DAYS_PER_WEEK;
    return t < RS_FIT_TENURE_WEEKS ? t : RS_FIT_TENURE_WEEKS;
}

/* Each rep's weeks in the window by tenure, and without a roster each
 * owner's weeks from their first opportunity to their last, as ramped. */
static void count_rep_weeks(const rs_history *h, const rs_fit_window *w, rs_history_stats *s)
{
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *r = &h->reps[i];
        if (h->has_roster && r->in_roster && r->hired != RS_DAY_NONE) {
            for (int k = 0; k < w->weeks; k++) {
                rs_day day = w->first_day + k * RS_DAYS_PER_WEEK;
                if (rep_active(r, day))
                    s->tenure_rep_weeks[tenure_bucket(r->hired, day)] += 1.0;
            }
            if (r->left != RS_DAY_NONE && r->left >= w->first_day && r->left <= w->export_day)
                s->exits++;
            if (r->hired >= w->first_day && r->hired <= w->export_day)
                s->ramp_reps++;
        } else if (!h->has_roster) {
            int first = w->weeks, last = -1;
            for (size_t j = 0; j < h->opportunity_count; j++)
                if (h->opportunities[j].owner == (int)i) {
                    int k = week_of(w, h->opportunities[j].created);
                    first = k < first ? k : first;
                    last = k > last ? k : last;
                }
            if (last >= first)
                s->tenure_rep_weeks[RS_FIT_TENURE_WEEKS] += last - first + 1;
        }
    }
    for (int t = 0; t <= RS_FIT_TENURE_WEEKS; t++)
        s->rep_weeks += s->tenure_rep_weeks[t];
}

/* Whether an opportunity's rep figures count: its owner is followed. */
static bool owner_followed(const rs_history *h, const rs_history_opportunity *o)
{
    const rs_history_rep *r = &h->reps[o->owner];
    return !h->has_roster || (r->in_roster && r->hired != RS_DAY_NONE);
}

/* When an open opportunity stops being watched: the export, or its
 * owner's leave date when that is earlier (a leaver's deals close no more). */
static rs_day censored_at(const rs_history *h, const rs_fit_window *w, const rs_fit_workspace *ws,
                          const rs_history_opportunity *o)
{
    const rs_history_rep *r = &h->reps[o->owner];
    /* no roster says when they left: their last date in the history is as
     * long as the deal is known to have been open (a deal left open by a
     * rep who has gone is not a cycle still running) */
    rs_day left = h->has_roster && r->in_roster ? r->left : ws->last_seen[o->owner];
    return left != RS_DAY_NONE && left < w->export_day ? left : w->export_day;
}

/* Each rep's latest created or close date, into ws->last_seen. */
static void find_last_seen(const rs_history *h, rs_fit_workspace *ws)
{
    for (size_t i = 0; i < h->rep_count; i++)
        ws->last_seen[i] = RS_DAY_NONE;
    for (size_t j = 0; j < h->opportunity_count; j++) {
        const rs_history_opportunity *o = &h->opportunities[j];
        rs_day latest = rs_history_latest_day(o);
        rs_day *seen = &ws->last_seen[o->owner];
        *seen = *seen == RS_DAY_NONE || latest > *seen ? latest : *seen;
    }
}

static double cycle_weeks(rs_day from, rs_day to)
{
    int days = to - from;
    return (days > MIN_CYCLE_DAYS ? days : MIN_CYCLE_DAYS) / (double)RS_DAYS_PER_WEEK;
}

static int size_bin(const rs_fit_window *w, double amount)
{
    for (int b = 0; b < RS_FIT_SIZE_BINS; b++)
        if (amount < w->size_edges[b + 1])
            return b;
    return amount <= w->size_edges[RS_FIT_SIZE_BINS] ? RS_FIT_SIZE_BINS - 1 : -1;
}

/* Running sums over the closed opportunities. */
typedef struct sums {
    gamma_data cycles;
    double log_size, log_size2, won_size, won_cycle;
    long won_sized;
    size_t censored;
} sums;

/* A closed opportunity's cycle, quarter and amount. */
static void add_closed(const rs_fit_window *w, const rs_history_opportunity *op, rs_history_stats *s, sums *t)
{
    s->closed++;
    bool won = op->outcome == RS_OPP_WON;
    s->won += won;
    double x = cycle_weeks(op->created, op->closed);
    t->cycles.n += 1.0;
    t->cycles.sum += x;
    t->cycles.sum_log += log(x);
    int c = (int)ceil(x - 1e-9);
    s->cycle_counts[(c < RS_FIT_CYCLE_BINS ? c : RS_FIT_CYCLE_BINS) - 1] += 1.0;
    int q = week_of(w, op->closed) / RS_WEEKS_PER_QUARTER;
    q = q < 0 ? 0 : q < RS_FIT_QUARTERS ? q : RS_FIT_QUARTERS - 1;
    s->quarter_closed[q] += 1.0;
    s->quarter_won[q] += won;
    if (won)
        t->won_cycle += x;
    if (isnan(op->amount))
        return;
    if (op->amount < w->placeholder_below) {
        s->placeholders++;
        return;
    }
    double l = log(op->amount);
    s->amounts++;
    t->log_size += l;
    t->log_size2 += l * l;
    int b = size_bin(w, op->amount);
    if (b >= 0)
        s->size_counts[b] += 1.0;
    if (won) {
        t->won_size += op->amount;
        t->won_sized++;
    }
}

/* Every opportunity: by its owner's tenure, and closed or censored. */
static void add_opportunities(const rs_history *h, const rs_fit_window *w, rs_fit_workspace *ws,
                              rs_history_stats *s, sums *t)
{
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *op = &h->opportunities[i];
        s->opportunities++;
        if (owner_followed(h, op)) {
            const rs_history_rep *r = &h->reps[op->owner];
            int k = h->has_roster ? tenure_bucket(r->hired, w->first_day + week_of(w, op->created) * RS_DAYS_PER_WEEK)
                                  : RS_FIT_TENURE_WEEKS;
            s->tenure_opportunities[k] += 1.0;
        }
        if (op->outcome == RS_OPP_OPEN) {
            s->open++;
            ws->censored[t->censored].weeks = cycle_weeks(op->created, censored_at(h, w, ws, op));
            ws->censored[t->censored++].count = 1.0;
        } else {
            add_closed(w, op, s, t);
        }
    }
}

/* The win rate, the deal sizes' lognormal and the cycles' gamma. */
static void deal_figures(rs_fit_workspace *ws, rs_history_stats *s, sums *t)
{
    s->win_rate = s->closed > 0 ? (double)s->won / (double)s->closed : NAN;
    s->open_share = s->opportunities > 0 ? (double)s->open / (double)s->opportunities : NAN;
    s->won_cycle_mean = s->won > 0 ? t->won_cycle / (double)s->won : NAN;
    s->won_size_mean = t->won_sized > 0 ? t->won_size / (double)t->won_sized : NAN;
    s->size_mean = s->size_cv = NAN;
    if (s->amounts >= 2) {
        double mu = t->log_size / (double)s->amounts;
        double var = fmax(0.0, t->log_size2 / (double)s->amounts - mu * mu);
        s->size_mean = exp(mu + 0.5 * var);
        s->size_cv = sqrt(expm1(var));
    }
    /* open ones by censoring time: as many terms as distinct times */
    qsort(ws->censored, t->censored, sizeof *ws->censored, by_weeks);
    size_t distinct = 0;
    for (size_t j = 0; j < t->censored; j++) {
        if (distinct > 0 && ws->censored[distinct - 1].weeks == ws->censored[j].weeks)
            ws->censored[distinct - 1].count += 1.0;
        else
            ws->censored[distinct++] = ws->censored[j];
    }
    t->cycles.censored = ws->censored;
    t->cycles.censored_count = distinct;
    if (!fit_gamma(&t->cycles, &s->cycle_mean, &s->cycle_cv))
        s->cycle_mean = s->cycle_cv = NAN;
}

/* The ramp by likelihood, and opportunities per ramped rep-week. */
static void rep_figures(const rs_history *h, const rs_fit_stats_options *o, rs_history_stats *s)
{
    s->ramp_curve = o->curve >= 0 ? o->curve : RS_RAMP_SCURVE;
    s->ramp_weeks = NAN;
    s->exit_rate = h->has_roster && s->rep_weeks > 0.0 ? (double)s->exits / s->rep_weeks : NAN;
    if (!h->has_roster) {
        s->ramped_rep_weeks = s->rep_weeks;
        s->opportunity_rate =
            s->rep_weeks > 0.0 ? s->tenure_opportunities[RS_FIT_TENURE_WEEKS] / s->rep_weeks : NAN;
        return;
    }
    double best = -INFINITY, lambda;
    for (int c = 0; c < RS_FIT_CURVES; c++) {
        s->ramp_weeks_by_curve[c] = s->ramp_loglik[c] = NAN;
        if (o->curve >= 0 && c != o->curve)
            continue; /* the curve is settled: only its weeks */
        s->ramp_weeks_by_curve[c] = fit_ramp_weeks(s, c, o->ramped_at, &s->ramp_loglik[c]);
        if ((o->curve < 0 && s->ramp_loglik[c] > best) || o->curve == c) {
            best = s->ramp_loglik[c];
            s->ramp_curve = c;
        }
    }
    s->ramp_weeks = s->ramp_weeks_by_curve[s->ramp_curve];
    ramp_loglik(s, s->ramp_curve, s->ramp_weeks, o->ramped_at, &lambda);
    rs_ramp r;
    rs_ramp_init_curve(&r, s->ramp_curve, s->ramp_weeks, o->ramped_at);
    s->ramped_rep_weeks = 0.0;
    for (int t = 0; t <= RS_FIT_TENURE_WEEKS; t++)
        s->ramped_rep_weeks += s->tenure_rep_weeks[t] * fmax(rs_ramp_rho(&r, t), MIN_RHO);
    s->opportunity_rate = lambda;
}

/* Makes *items hold at least `wanted` of `size` bytes; false when out of
 * memory (*items as it was). */
static bool grow_to(void **items, size_t *capacity, size_t wanted, size_t size)
{
    if (*capacity >= wanted)
        return true;
    void *grown = realloc(*items, wanted * size);
    if (!grown)
        return false;
    *items = grown;
    *capacity = wanted;
    return true;
}

rs_status rs_history_stats_compute(const rs_history *h, const rs_fit_window *w, const rs_fit_stats_options *o,
                                   rs_fit_workspace *ws, rs_history_stats *s)
{
    memset(s, 0, sizeof *s);
    if (!grow_to((void **)&ws->censored, &ws->capacity, h->opportunity_count, sizeof *ws->censored) ||
        !grow_to((void **)&ws->last_seen, &ws->rep_capacity, h->rep_count, sizeof *ws->last_seen))
        return RS_ERR_NOMEM;
    find_last_seen(h, ws);
    sums t = {0};
    count_rep_weeks(h, w, s);
    add_opportunities(h, w, ws, s, &t);
    deal_figures(ws, s, &t);
    rep_figures(h, o, s);
    return RS_OK;
}
