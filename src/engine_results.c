/* engine_results.c: what a run hands back, allocated, freed and read (the
 * median and its interval), and the progress of several runs shown as one;
 * the run itself is engine.c. */
#include "rampsim/engine.h"

#include <math.h>
#include <stdlib.h>

/* The metric reported on when none is chosen: first-year team attainment,
 * or the bookings over the horizon when it covers no whole fiscal year. */
static size_t default_tracked_slot(const rs_layout *l)
{
    return l->fiscal_years > 0 ? rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT) : RS_M_BOOKINGS_TOTAL;
}

static void report_span(void *ctx, long long done, long long total)
{
    (void)total;
    const rs_progress_span *span = ctx;
    if (span->outer->progress)
        span->outer->progress(span->outer->progress_ctx, span->before + done, span->total);
}

rs_engine_options rs_progress_span_options(rs_progress_span *span)
{
    rs_engine_options options = *span->outer;
    options.progress = report_span;
    options.progress_ctx = span;
    return options;
}

rs_results *rs_results_new(const rs_scenario *sc)
{
    rs_results *res = calloc(1, sizeof *res);
    if (!res)
        return NULL;
    res->scenario = sc;
    res->replications = sc->run.replications;
    res->half_width = NAN;
    if (rs_layout_init(&res->layout, sc) != RS_OK) {
        free(res);
        return NULL;
    }
    res->tracked_slot = default_tracked_slot(&res->layout);
    res->moments = calloc(res->layout.slots, sizeof *res->moments);
    if (!res->moments) {
        rs_results_free(res);
        return NULL;
    }
    return res;
}

void rs_results_free(rs_results *r)
{
    if (!r)
        return;
    rs_layout_free(&r->layout);
    free(r->moments);
    free(r->nested);
    rs_sketches_free(r->sketches);
    free(r);
}

void rs_results_median(const rs_results *r, size_t slot, double *median, double *low, double *high)
{
    double n = (double)rs_sketches_total(r->sketches, slot);
    double half = n > 0 ? RS_Z95 * 0.5 / sqrt(n) : 0.5;
    *median = rs_sketches_quantile(r->sketches, slot, RS_MEDIAN);
    *low = rs_sketches_quantile(r->sketches, slot, fmax(0.0, RS_MEDIAN - half));
    *high = rs_sketches_quantile(r->sketches, slot, fmin(1.0, RS_MEDIAN + half));
}

rs_comparison *rs_comparison_new(int scenarios, size_t slots)
{
    rs_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->scenarios = scenarios;
    c->slots = slots;
    c->pairs = calloc((size_t)(scenarios - 1) * slots, sizeof *c->pairs);
    if (!c->pairs) {
        free(c);
        return NULL;
    }
    return c;
}

void rs_comparison_free(rs_comparison *c)
{
    if (!c)
        return;
    free(c->pairs);
    free(c->nested);
    free(c);
}

size_t rs_engine_tracked_slot(const rs_engine_options *options, const rs_layout *l)
{
    return options->tracked_slot > 0 ? options->tracked_slot : default_tracked_slot(l);
}

double rs_results_stderr(const rs_results *r, size_t slot)
{
    double plain = rs_moments_stderr(&r->moments[slot]);
    if (!r->nested || slot >= r->layout.cum_bookings)
        return plain;
    double nested = rs_nested_summarise(&r->nested[slot]).stderr;
    return isnan(nested) ? plain : fmax(nested, plain);
}

double rs_results_half_width(const rs_results *r, size_t slot)
{
    return RS_Z95 * rs_results_stderr(r, slot);
}

double rs_comparison_difference(const rs_comparison *c, int j, size_t slot, double *low, double *high)
{
    double d = rs_pair_difference_interval(rs_comparison_pair(c, j, slot), low, high);
    const rs_nested *nested = rs_comparison_nested(c, j, slot);
    double half = nested ? RS_Z95 * rs_nested_summarise(nested).stderr : NAN;
    if (!isnan(half) && !isnan(d)) {
        *low = fmin(*low, d - half);
        *high = fmax(*high, d + half);
    }
    return d;
}

double rs_comparison_half_width(const rs_comparison *c, int j, size_t slot)
{
    double low, high;
    rs_comparison_difference(c, j, slot, &low, &high);
    return 0.5 * (high - low);
}
