/* drivers_stats.c: see drivers_stats.h. The sorting, medians, standard
 * deviations, means and Spearman's rho are GSL's; this file chooses the
 * rows they are computed over. */
#include "drivers_stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_sort_ulong.h>
#include <gsl/gsl_statistics_double.h>

/* The spider restores row order among tied values with GSL's sort of
 * unsigned longs, which is then a sort of the size_t indices themselves. */
_Static_assert(_Generic((size_t)0, unsigned long: 1, default: 0), "size_t must be unsigned long");

/* Arrays of doubles rs_drivers_compute works in, each n long: y kept, y
 * sorted, the column kept, the column sorted, the tail's values, and the
 * two that gsl_stats_spearman needs. */
#define COMPUTE_ARRAYS 7
/* The spider's: the column and y kept, then both in the column's order. */
#define SPIDER_ARRAYS 4

/* One block of `arrays` arrays of n doubles (and n indices when asked),
 * allocated at once; a size that does not fit is out of memory too. */
static rs_status work_new(size_t n, size_t arrays, size_t **index, double **d, char *err)
{
    *d = NULL;
    if (index)
        *index = NULL;
    if (n > SIZE_MAX / sizeof(double) / arrays)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory for the work arrays of %zu replications", n);
    *d = malloc(n * arrays * sizeof(double));
    if (index)
        *index = malloc(n * sizeof(size_t));
    if (!*d || (index && !*index)) {
        free(*d);
        if (index)
            free(*index);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory for the work arrays of %zu replications", n);
    }
    return RS_OK;
}

/* Copies the y that are defined into kept; returns how many there were. */
static size_t keep_defined(const double *y, size_t n, double *kept)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]))
            kept[m++] = y[i];
    return m;
}

static size_t count_defined(const double *y, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]))
            m++;
    return m;
}

static rs_status too_few(size_t m, size_t n, char *err)
{
    return rs_fail(err, RS_ERR_INPUT,
                   "too few replications with a value of the metric: %zu (of %zu), at least %d are needed", m, n,
                   RS_DRIVERS_MIN_ROWS);
}

/* A column's values in the rows that are kept must be numbers: a NAN there
 * is a fault of whatever recorded it, and would corrupt every order.
 * Returns the first row that is not, or n. */
static size_t first_not_finite(const double *y, size_t n, const double *column)
{
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]) && !isfinite(column[i]))
            return i;
    return n;
}

/* The tail's edge: the k-th smallest (or largest) of the m sorted y, with
 * k = ceil(q m). q m is taken a hair low so that a share written in decimal
 * (0.07 of 100 is 7.000000000000001 in binary) counts the rows it means. */
static double tail_edge(const double *sorted, size_t m, double q, bool upper)
{
    double qm = q * (double)m;
    size_t k = (size_t)ceil(qm - 1e-9 * qm);
    if (k < 1)
        k = 1;
    return upper ? sorted[m - k] : sorted[k - 1];
}

static bool in_tail(double y, double edge, bool upper)
{
    return upper ? y >= edge : y <= edge;
}

/* Where one call's arrays are, and what it knows of y. */
typedef struct compute_work {
    double *y, *y_sorted, *x, *x_sorted, *tail, *spearman;
    size_t m;
    double edge;
    bool upper, y_constant;
} compute_work;

/* One column's figures; the contribution is left for all columns at once. */
static void column_stat(const compute_work *w, const double *y, size_t n, const double *column, rs_driver_stat *s)
{
    size_t kept = 0, t = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]))
            continue;
        w->x[kept++] = column[i];
        if (in_tail(y[i], w->edge, w->upper))
            w->tail[t++] = column[i];
    }
    memcpy(w->x_sorted, w->x, w->m * sizeof *w->x);
    gsl_sort(w->x_sorted, 1, w->m);
    gsl_sort(w->tail, 1, t);
    s->median = gsl_stats_median_from_sorted_data(w->x_sorted, 1, w->m);
    s->sd = gsl_stats_sd(w->x, 1, w->m);
    s->tail_median = gsl_stats_median_from_sorted_data(w->tail, 1, t);
    /* constancy read off the sorted values, exactly: a rounded sd of a
     * constant column need not be 0 */
    bool constant = w->x_sorted[0] == w->x_sorted[w->m - 1];
    s->significance = constant ? NAN : (s->tail_median - s->median) / s->sd;
    /* GSL ranks ties at their average position (statistics/covariance.c,
     * compute_rank), as Spearman's rho with ties is defined; with a
     * constant side its Pearson step would be 0 / 0 */
    s->rank_correlation =
        constant || w->y_constant ? NAN : gsl_stats_spearman(w->x, 1, w->y, 1, w->m, w->spearman);
}

/* Each column's share of the squared rank correlations, as @RISK's
 * "contribution to variance" (rank-based) reads them, with rho's sign. */
static void contributions(rs_driver_stat *out, size_t p)
{
    double sum = 0.0;
    for (size_t j = 0; j < p; j++)
        if (!isnan(out[j].rank_correlation))
            sum += out[j].rank_correlation * out[j].rank_correlation;
    for (size_t j = 0; j < p; j++) {
        double rho = out[j].rank_correlation;
        if (!(sum > 0.0))
            out[j].contribution = NAN;
        else
            out[j].contribution = isnan(rho) ? 0.0 : copysign(rho * rho / sum, rho);
    }
}

/* Sorts the kept y and finds the tail; refuses a tail too small. */
static rs_status find_tail(compute_work *w, size_t n, double q, size_t *tail_count, char *err)
{
    memcpy(w->y_sorted, w->y, w->m * sizeof *w->y);
    gsl_sort(w->y_sorted, 1, w->m);
    w->y_constant = w->y_sorted[0] == w->y_sorted[w->m - 1];
    w->edge = tail_edge(w->y_sorted, w->m, q, w->upper);
    size_t t = 0;
    for (size_t i = 0; i < w->m; i++)
        if (in_tail(w->y[i], w->edge, w->upper))
            t++;
    if (t < RS_DRIVERS_MIN_TAIL)
        return rs_fail(err, RS_ERR_INPUT,
                       "too few replications in the tail: %zu (the %s %g%% of %zu with a value of the metric, "
                       "of %zu), at least %d are needed",
                       t, w->upper ? "highest" : "lowest", 100.0 * q, w->m, n, RS_DRIVERS_MIN_TAIL);
    *tail_count = t;
    return RS_OK;
}

rs_status rs_drivers_compute(const double *y, size_t n, const double *const *columns, size_t p, double q,
                             bool upper, rs_driver_stat *out, size_t *tail_count, char *err)
{
    if (!(q > 0.0 && q < 1.0))
        return rs_fail(err, RS_ERR_INPUT, "the tail's share must be above 0 and below 1, got %g", q);
    /* counted in place: too few rows to be worth work arrays */
    if (n < RS_DRIVERS_MIN_ROWS)
        return too_few(count_defined(y, n), n, err);
    double *d;
    rs_status st = work_new(n, COMPUTE_ARRAYS, NULL, &d, err);
    if (st != RS_OK)
        return st;
    compute_work w = {.y = d, .y_sorted = d + n, .x = d + 2 * n, .x_sorted = d + 3 * n, .tail = d + 4 * n,
                      .spearman = d + 5 * n, .upper = upper};
    w.m = keep_defined(y, n, w.y);
    size_t t = 0;
    if (w.m < RS_DRIVERS_MIN_ROWS)
        st = too_few(w.m, n, err);
    else
        st = find_tail(&w, n, q, &t, err);
    for (size_t j = 0; j < p && st == RS_OK; j++) {
        size_t bad = first_not_finite(y, n, columns[j]);
        if (bad < n)
            st = rs_fail(err, RS_ERR_INPUT, "column %zu is not a finite number in replication %zu: %g", j, bad,
                         columns[j][bad]);
    }
    if (st == RS_OK) {
        for (size_t j = 0; j < p; j++)
            column_stat(&w, y, n, columns[j], &out[j]);
        contributions(out, p);
        *tail_count = t;
    }
    free(d);
    return st;
}

/* gsl_sort_index is a heapsort, which leaves equal values in no particular
 * order (GSL manual, "Sorting"); putting each run of equal values back in
 * row order makes the bins of a column with repeated values the same
 * whatever the sort does with them. */
static void ties_in_row_order(size_t *index, const double *x, size_t m)
{
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && x[index[j]] == x[index[i]])
            j++;
        if (j - i > 1)
            gsl_sort_ulong(index + i, 1, j - i);
        i = j;
    }
}

/* Each bin's centre percentile and means, from the rows in column order. */
static void spider_bins(const double *x_ordered, const double *y_ordered, size_t m, int bins, double *percentile,
                        double *x_mean, double *y_mean)
{
    for (int b = 0; b < bins; b++) {
        size_t lo = (size_t)b * m / (size_t)bins, hi = ((size_t)b + 1) * m / (size_t)bins;
        percentile[b] = 100.0 * (b + 0.5) / bins;
        x_mean[b] = gsl_stats_mean(x_ordered + lo, 1, hi - lo);
        y_mean[b] = gsl_stats_mean(y_ordered + lo, 1, hi - lo);
    }
}

/* The spider's checks, once the defined rows are counted. */
static rs_status spider_check(const double *y, size_t n, const double *column, size_t m, int bins, char *err)
{
    if (m < RS_DRIVERS_MIN_ROWS)
        return too_few(m, n, err);
    if ((size_t)bins > m)
        return rs_fail(err, RS_ERR_INPUT,
                       "too many bins for the replications with a value of the metric: %d bins, %zu replications",
                       bins, m);
    size_t bad = first_not_finite(y, n, column);
    if (bad < n)
        return rs_fail(err, RS_ERR_INPUT, "the column is not a finite number in replication %zu: %g", bad,
                       column[bad]);
    return RS_OK;
}

rs_status rs_drivers_spider(const double *y, size_t n, const double *column, int bins, double *percentile,
                            double *x_mean, double *y_mean, char *err)
{
    if (bins < 1)
        return rs_fail(err, RS_ERR_INPUT, "the spider needs at least 1 bin, got %d", bins);
    /* counted in place: too few rows to be worth work arrays */
    if (n < RS_DRIVERS_MIN_ROWS)
        return too_few(count_defined(y, n), n, err);
    size_t *index;
    double *d;
    rs_status st = work_new(n, SPIDER_ARRAYS, &index, &d, err);
    if (st != RS_OK)
        return st;
    double *xs = d, *ys = d + n, *x_ordered = d + 2 * n, *y_ordered = d + 3 * n;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i])) {
            xs[m] = column[i];
            ys[m++] = y[i];
        }
    st = spider_check(y, n, column, m, bins, err);
    if (st == RS_OK) {
        gsl_sort_index(index, xs, 1, m);
        ties_in_row_order(index, xs, m);
        for (size_t r = 0; r < m; r++) {
            x_ordered[r] = xs[index[r]];
            y_ordered[r] = ys[index[r]];
        }
        spider_bins(x_ordered, y_ordered, m, bins, percentile, x_mean, y_mean);
    }
    free(index);
    free(d);
    return st;
}
