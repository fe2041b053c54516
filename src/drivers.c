/* drivers.c: rampsim drivers: a run that keeps, for each replication, its
 * metric, the values its uncertain inputs took and what luck dealt it,
 * and the ranking of those drivers in the metric's tail (drivers_stats.c)
 * with the spider chart's bins. */
#include "rampsim/drivers.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "drivers_stats.h"
#include "fsutil.h"
#include "params.h"

static const struct {
    const char *name, *label;
} luck_names[RS_LUCK_COUNT] = {
    [RS_LUCK_DEPARTURES] = {"luck.departures", "reps who left (luck)"},
    [RS_LUCK_RAMP_FACTOR] = {"luck.ramp_factor", "hires' ramp-time factor (luck)"},
    [RS_LUCK_SKILL] = {"luck.skill", "reps' skill (luck)"},
    [RS_LUCK_DEAL_SIZE] = {"luck.deal_size", "deal sizes drawn (luck)"},
    [RS_LUCK_LEADS] = {"luck.leads", "leads drawn (luck)"},
    [RS_LUCK_WINS] = {"luck.wins", "deal outcomes drawn (luck)"},
};

/* What the run keeps: column c of replication r at data[c * n + r];
 * column 0 the metric, then the inputs, then the luck. */
typedef struct record {
    size_t slot, n;
    int inputs;
    double *data;
} record;

static void keep(void *ctx, long long replication, const rs_outcome *o)
{
    record *rec = ctx;
    size_t r = (size_t)replication;
    rec->data[r] = o->values[rec->slot];
    for (int i = 0; i < rec->inputs; i++)
        rec->data[(size_t)(1 + i) * rec->n + r] = o->inputs[i];
    for (int k = 0; k < RS_LUCK_COUNT; k++)
        rec->data[(size_t)(1 + rec->inputs + k) * rec->n + r] = o->luck[k];
}

/* A luck component a replication may not define (no hire, no deal) counts
 * there at its mean over the others, so that it neither drives nor hides
 * the tail; false when no replication defines it. */
static bool fill_undefined(double *x, const double *y, size_t n)
{
    double sum = 0.0;
    size_t defined = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]) && !isnan(x[i])) {
            sum += x[i];
            defined++;
        }
    for (size_t i = 0; i < n && defined > 0; i++)
        if (isnan(x[i]))
            x[i] = sum / (double)defined;
    return defined > 0;
}

static void name_driver(rs_driver *d, const rs_scenario *sc, int column)
{
    if (column < sc->uncertain.count) {
        const rs_param *p = &rs_params[sc->uncertain.keys[column].param];
        snprintf(d->name, sizeof d->name, "%s.%s", p->section, p->key);
        snprintf(d->label, sizeof d->label, "%s.%s", p->section, p->key);
        d->kind = RS_DRIVER_INPUT;
    } else {
        int k = column - sc->uncertain.count;
        snprintf(d->name, sizeof d->name, "%s", luck_names[k].name);
        snprintf(d->label, sizeof d->label, "%s", luck_names[k].label);
        d->kind = RS_DRIVER_LUCK;
    }
}

/* |significance| descending, those that do not vary last, then by name:
 * a fixed order for a table and a chart. */
static int by_significance(const void *a, const void *b)
{
    const rs_driver *x = a, *y = b;
    double sx = isnan(x->significance) ? -1.0 : fabs(x->significance);
    double sy = isnan(y->significance) ? -1.0 : fabs(y->significance);
    if (sx != sy)
        return sx < sy ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* The metric's median, and the tail's edge and median. */
static rs_status metric_figures(rs_drivers *d, const double *y, size_t n, char *err)
{
    double *sorted = malloc(n * sizeof *sorted);
    if (!sorted)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]))
            sorted[m++] = y[i];
    gsl_sort(sorted, 1, m);
    size_t t = d->tail_rows;
    d->metric_median = m % 2 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
    const double *tail = d->upper ? sorted + m - t : sorted;
    d->tail_edge = d->upper ? tail[0] : tail[t - 1];
    d->tail_metric_median = t % 2 ? tail[t / 2] : 0.5 * (tail[t / 2 - 1] + tail[t / 2]);
    free(sorted);
    return RS_OK;
}

/* A metric with no spread (up to the last digits of sums taken in another
 * order) has no tail to explain. */
static rs_status check_varies(const rs_drivers *d, const double *y, size_t n, char *err)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i])) {
            lo = fmin(lo, y[i]);
            hi = fmax(hi, y[i]);
        }
    if (hi - lo > 1e-9 * fmax(fabs(lo), fabs(hi)))
        return RS_OK;
    return rs_fail(err, RS_ERR_INPUT, "%s is %.6g in every replication: it has no tail to explain; choose another "
                   "metric", d->metric, lo);
}

/* A tail that ties at its edge can hold far more than its share: past half
 * of the replications it is no tail at all. */
static rs_status check_tail(const rs_drivers *d, char *err)
{
    if (2 * d->tail_rows <= d->rows)
        return RS_OK;
    return rs_fail(err, RS_ERR_INPUT, "%s ties at %.6g, the edge of the %s %.0f%%: that tail holds %zu of the %zu "
                   "replications; choose another metric or tail", d->metric, d->tail_edge,
                   d->upper ? "best" : "worst", 100.0 * d->tail_share, d->tail_rows, d->rows);
}

/* Ranks the drivers from the kept columns. */
static rs_status rank(rs_drivers *d, record *rec, char *err)
{
    const rs_scenario *sc = d->scenario;
    int columns = sc->uncertain.count + RS_LUCK_COUNT;
    const double *y = rec->data, *cols[RS_DRIVERS_MAX] = {NULL};
    d->rows = 0;
    for (size_t i = 0; i < rec->n; i++)
        d->rows += isnan(y[i]) ? 0u : 1u;
    if (d->rows < RS_DRIVERS_MIN_ROWS)
        return rs_fail(err, RS_ERR_INPUT, "%s has a value in %zu of the %zu replications; drivers needs at least %d "
                       "(run more with -n, or choose another metric)", d->metric, d->rows, rec->n,
                       RS_DRIVERS_MIN_ROWS);
    rs_status varies = check_varies(d, y, rec->n, err);
    if (varies != RS_OK)
        return varies;
    int kept[RS_DRIVERS_MAX], p = 0;
    for (int c = 0; c < columns; c++) {
        double *x = rec->data + (size_t)(1 + c) * rec->n;
        if (fill_undefined(x, y, rec->n)) {
            kept[p] = c;
            cols[p++] = x;
        }
    }
    rs_driver_stat stats[RS_DRIVERS_MAX];
    rs_status st = rs_drivers_compute(y, rec->n, cols, (size_t)p, d->tail_share, d->upper, stats, &d->tail_rows, err);
    for (int i = 0; st == RS_OK && i < p; i++) {
        rs_driver *dr = &d->drivers[i];
        name_driver(dr, sc, kept[i]);
        dr->median = stats[i].median;
        dr->sd = stats[i].sd;
        dr->tail_median = stats[i].tail_median;
        dr->significance = stats[i].significance;
        dr->rank_correlation = stats[i].rank_correlation;
        dr->contribution = stats[i].contribution;
        st = rs_drivers_spider(y, rec->n, cols[i], RS_DRIVERS_SPIDER_BINS, dr->spider_percentile, dr->spider_x,
                               dr->spider_y, err);
    }
    d->count = p;
    if (st == RS_OK)
        st = metric_figures(d, y, rec->n, err);
    if (st == RS_OK)
        st = check_tail(d, err);
    qsort(d->drivers, (size_t)d->count, sizeof d->drivers[0], by_significance);
    return st;
}

rs_status rs_drivers_run(const rs_scenario *sc, const char *metric, double q, bool upper,
                         const rs_engine_options *options, rs_drivers **out, char *err)
{
    *out = NULL;
    rs_reported_metric found;
    rs_status st = rs_reported_metric_find(sc, metric, &found, err);
    if (st != RS_OK)
        return st;
    if (!(q > 0.0 && q <= 0.5))
        return rs_fail(err, RS_ERR_INPUT, "the tail must be from 1%% to 50%% of the replications, got %g%%", 100.0 * q);
    if (!found.paired)
        return rs_fail(err, RS_ERR_INPUT, "%s is pooled over the hires, not one value a replication; choose a "
                                          "team metric such as team_attainment_fy1", metric);
    if (sc->run.replications > RS_DRIVERS_MAX_REPLICATIONS)
        return rs_fail(err, RS_ERR_INPUT, "drivers keeps every replication: at most %lld, got %lld",
                       RS_DRIVERS_MAX_REPLICATIONS, sc->run.replications);
    rs_drivers *d = calloc(1, sizeof *d);
    record rec = {.slot = found.slot, .n = (size_t)sc->run.replications, .inputs = sc->uncertain.count};
    rec.data = d ? malloc((size_t)(1 + rec.inputs + RS_LUCK_COUNT) * rec.n * sizeof *rec.data) : NULL;
    if (!rec.data) {
        free(d);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory for %lld replications' drivers", sc->run.replications);
    }
    *d = (rs_drivers){.scenario = sc, .unit = found.info->unit, .tail_share = q, .upper = upper,
                      .replications = sc->run.replications};
    snprintf(d->metric, sizeof d->metric, "%s", found.name);
    rs_engine_options e = *options;
    e.record = keep;
    e.record_ctx = &rec;
    e.paired_only = true; /* what drivers ranks comes from the replications kept */
    e.no_percentiles = true;
    rs_results *results = NULL;
    st = rs_engine_run(sc, &e, &results, err);
    rs_results_free(results);
    if (st == RS_OK)
        st = rank(d, &rec, err);
    free(rec.data);
    if (st != RS_OK) {
        free(d);
        return st;
    }
    *out = d;
    return RS_OK;
}

void rs_drivers_free(rs_drivers *d)
{
    free(d);
}
