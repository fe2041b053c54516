/* test_drivers_stats.c: the figures of `rampsim drivers` on ten rows worked
 * by hand (medians, the tail, significance, rho with and without ties), on
 * a metric that follows one column and not another (fixed seeds, tolerances
 * from standard errors), and the spider's bins, counts and percentiles;
 * rows without a metric are left out, too few rows are refused. */
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "drivers_stats.h"

/* Ten rows, no ties. Ranks by row: x 5 1 8 3 9 2 6 7 4 10, y 6 1 7 3 10 4 5
 * 9 2 8; the squared rank differences sum to 20, so rho = 1 - 6 20 / (10 99)
 * = 29/33. Sorted x: 0.4137 0.88 1.26 1.62 2.385 | 2.97 3.33 3.71 4.05 4.48,
 * median (2.385 + 2.97) / 2. */
static const double X10[10] = {2.385, 0.4137, 3.71, 1.26, 4.05, 0.88, 2.97, 3.33, 1.62, 4.48};
static const double Y10[10] = {5.1, 1.3, 6.2, 2.8, 9.4, 3.1, 4.4, 8.7, 2.2, 7.6};
static const double C10[10] = {1.75, 1.75, 1.75, 1.75, 1.75, 1.75, 1.75, 1.75, 1.75, 1.75};

/* The sample sd, two passes, as the definition reads. */
static double sample_sd(const double *x, size_t n)
{
    double mean = 0.0, ss = 0.0;
    for (size_t i = 0; i < n; i++)
        mean += x[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    return sqrt(ss / (double)(n - 1));
}

static double pearson(const double *a, const double *b, size_t n)
{
    double ma = 0.0, mb = 0.0, sab = 0.0, saa = 0.0, sbb = 0.0;
    for (size_t i = 0; i < n; i++) {
        ma += a[i] / (double)n;
        mb += b[i] / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / sqrt(saa * sbb);
}

static void compute_ok(const double *y, size_t n, const double *const *cols, size_t p, double q, bool upper,
                       rs_driver_stat *out, size_t *tail)
{
    char err[RS_ERRMSG_SIZE] = "";
    rs_status st = rs_drivers_compute(y, n, cols, p, q, upper, out, tail, err);
    if (st != RS_OK)
        fail_msg("rs_drivers_compute: %s", err);
}

static void test_hand_example(void **state)
{
    (void)state;
    const double *cols[] = {X10, C10};
    rs_driver_stat s[2];
    size_t tail;
    double median = (2.385 + 2.97) / 2, sd = sample_sd(X10, 10);
    /* lowest 30 %: k = 3, y at or below 2.8, rows 1 8 3, x 0.4137 1.62 1.26 */
    compute_ok(Y10, 10, cols, 2, 0.3, false, s, &tail);
    assert_int_equal(tail, 3);
    tu_assert_near(s[0].median, median, 1e-15);
    tu_assert_near(s[0].sd, sd, 1e-14);
    tu_assert_near(s[0].tail_median, 1.26, 0);
    tu_assert_near(s[0].significance, (1.26 - median) / sd, 1e-14);
    tu_assert_near(s[0].rank_correlation, 29.0 / 33.0, 1e-14);
    /* a constant column has neither, and shares nothing out */
    tu_assert_near(s[1].median, 1.75, 0);
    tu_assert_near(s[1].sd, 0.0, 0);
    assert_true(isnan(s[1].significance) && isnan(s[1].rank_correlation));
    tu_assert_near(s[0].contribution, 1.0, 1e-15);
    tu_assert_near(s[1].contribution, 0.0, 0);
    /* lowest 20 %: an even tail, rows 1 8, median of 0.4137 and 1.62 */
    compute_ok(Y10, 10, cols, 1, 0.2, false, s, &tail);
    assert_int_equal(tail, 2);
    tu_assert_near(s[0].tail_median, (0.4137 + 1.62) / 2, 1e-15);
    tu_assert_near(s[0].significance, ((0.4137 + 1.62) / 2 - median) / sd, 1e-14);
    /* highest 30 %: y at or above 7.6, rows 9 7 4, x 4.48 3.33 4.05 */
    compute_ok(Y10, 10, cols, 1, 0.3, true, s, &tail);
    assert_int_equal(tail, 3);
    tu_assert_near(s[0].tail_median, 4.05, 0);
    tu_assert_near(s[0].significance, (4.05 - median) / sd, 1e-14);
    tu_assert_near(s[0].rank_correlation, 29.0 / 33.0, 1e-14);
    /* a constant metric: every row is in the tail, no column correlates */
    compute_ok(C10, 10, cols, 1, 0.3, false, s, &tail);
    assert_int_equal(tail, 10);
    tu_assert_near(s[0].significance, 0.0, 0);
    assert_true(isnan(s[0].rank_correlation) && isnan(s[0].contribution));
}

/* A share times the rows that is whole as written is whole: 0.07 of 100
 * rows is 7 of them (7.000000000000001 in binary), 0.55 of 100 is 55. */
static void test_tail_share_as_written(void **state)
{
    (void)state;
    double y[100], x[100];
    for (size_t i = 0; i < 100; i++) {
        y[i] = 2.385 * (double)((37 * i) % 100);
        x[i] = (double)i;
    }
    const double *cols[] = {x};
    rs_driver_stat s;
    size_t tail;
    for (int upper = 0; upper <= 1; upper++) {
        compute_ok(y, 100, cols, 1, 0.07, upper, &s, &tail);
        assert_int_equal(tail, 7);
        compute_ok(y, 100, cols, 1, 0.55, upper, &s, &tail);
        assert_int_equal(tail, 55);
        compute_ok(y, 100, cols, 1, 0.071, upper, &s, &tail);
        assert_int_equal(tail, 8);
    }
}

/* Ties: x holds 0.7 and 1.5 twice and 2.385 three times, y 2.0, 3.5 and
 * 4.1 twice each. Rho is Pearson's correlation of the average ranks below
 * (0.96577); ranks 1..n in row order would give 0.98788, the no-ties formula
 * 1 - 6 sum d^2 / n(n^2 - 1) 0.96667, the raw values 0.96169. */
static void test_ties_average_ranks(void **state)
{
    (void)state;
    const double x[10] = {1.5, 2.385, 2.385, 0.7, 3.9, 2.385, 1.5, 4.2, 0.7, 3.1};
    const double y[10] = {2.0, 3.5, 3.5, 1.0, 6.0, 4.1, 2.0, 5.2, 1.8, 4.1};
    const double rx[10] = {3.5, 6, 6, 1.5, 9, 6, 3.5, 10, 1.5, 8};
    const double ry[10] = {3.5, 5.5, 5.5, 1, 10, 7.5, 3.5, 9, 2, 7.5};
    const double *cols[] = {x};
    rs_driver_stat s;
    size_t tail;
    compute_ok(y, 10, cols, 1, 0.3, false, &s, &tail);
    tu_assert_near(s.rank_correlation, pearson(rx, ry, 10), 1e-14);
    tu_assert_near(s.rank_correlation, 0.9657742653807428, 1e-14);
    /* k = 3 and the 3rd smallest y, 2.0, is also the 4th: the tail takes
     * both (rows 3 8 0 6, x 0.7 0.7 1.5 1.5); the median of x is 2.385 */
    assert_int_equal(tail, 4);
    tu_assert_near(s.median, 2.385, 0);
    tu_assert_near(s.tail_median, 1.1, 1e-15);
    /* the highest 30 %: 6.0 5.2 4.1 4.1, rows 4 7 5 9, x 3.9 4.2 2.385 3.1 */
    compute_ok(y, 10, cols, 1, 0.3, true, &s, &tail);
    assert_int_equal(tail, 4);
    tu_assert_near(s.tail_median, 3.5, 1e-15);
}

/* y follows x1 (plus a little noise) and not x2, both normal. */
#define N_DRAWN 4000
typedef struct drawn {
    double x1[N_DRAWN], x2[N_DRAWN], neg_x1[N_DRAWN], y[N_DRAWN];
} drawn;

static int drawn_setup(void **state)
{
    drawn *d = malloc(sizeof *d);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!d || !rng)
        return -1;
    gsl_rng_set(rng, 2385);
    for (size_t i = 0; i < N_DRAWN; i++) {
        d->x1[i] = 10.0 + gsl_ran_gaussian(rng, 2.385);
        d->x2[i] = -3.7 + gsl_ran_gaussian(rng, 0.4137);
        d->neg_x1[i] = -d->x1[i];
        d->y[i] = d->x1[i] + gsl_ran_gaussian(rng, 0.02);
    }
    gsl_rng_free(rng);
    *state = d;
    return 0;
}

static int drawn_teardown(void **state)
{
    free(*state);
    return 0;
}

/* In sd units, the standard error of the significance of a column that
 * ranks like y in a tail of share q: the tail median is about the q/2
 * quantile, whose SE is sqrt(p (1 - p) / n) / phi(z_p); the overall median
 * adds sqrt(pi/2) / sqrt(n) and the sd's relative error 1 / sqrt(2 n)
 * scales z_p. */
static double followed_se(double q, size_t n)
{
    double p = q / 2, z = gsl_cdf_ugaussian_Pinv(p);
    double quantile = sqrt(p * (1 - p) / (double)n) / gsl_ran_ugaussian_pdf(z);
    double median = sqrt(M_PI / 2 / (double)n), sd = fabs(z) / sqrt(2.0 * (double)n);
    return sqrt(quantile * quantile + median * median + sd * sd);
}

static void test_followed_and_independent(void **state)
{
    const drawn *d = *state;
    const double *cols[] = {d->x1, d->x2, d->neg_x1};
    rs_driver_stat s[3];
    size_t tail;
    double q = 0.1, se = followed_se(q, N_DRAWN), z = gsl_cdf_ugaussian_Pinv(q / 2);
    for (int upper = 0; upper <= 1; upper++) {
        compute_ok(d->y, N_DRAWN, cols, 2, q, upper, s, &tail);
        assert_int_equal(tail, 400);
        /* z_0.05 = -1.645: the tail's x1 sits 1.6 sd from its median */
        tu_assert_near(s[0].significance, upper ? -z : z, 4 * se);
        assert_true(upper ? s[0].significance > 1.0 : s[0].significance < -1.0);
        /* an independent column's tail median has an SE of about
         * sqrt(pi/2) / sqrt(tail) sd (less, for the overall median moves
         * with it) */
        tu_assert_near(s[1].significance, 0.0, 4 * sqrt(M_PI / 2 / (double)tail));
        /* x2's rho is about normal with sd 1/sqrt(n): n rho^2 is below 16
         * but once in 15,000 (chi-square, one degree), and x2's share of
         * rho^2 below 16 / n */
        assert_true(s[0].rank_correlation > 0.99);
        tu_assert_near(s[0].contribution, 1.0, 16.0 / N_DRAWN);
        tu_assert_near(fabs(s[0].contribution) + fabs(s[1].contribution), 1.0, 1e-12);
    }
    /* a column that moves against y: the same share, negative */
    compute_ok(d->y, N_DRAWN, cols, 3, q, false, s, &tail);
    tu_assert_near(s[2].rank_correlation, -s[0].rank_correlation, 1e-12);
    tu_assert_near(s[2].contribution, -s[0].contribution, 1e-12);
    tu_assert_near(s[0].contribution, 0.5, 8.0 / N_DRAWN);
    tu_assert_near(s[2].significance, -s[0].significance, 1e-12);
    tu_assert_near(fabs(s[0].contribution) + fabs(s[1].contribution) + fabs(s[2].contribution), 1.0, 1e-12);
}

static void spider_ok(const double *y, size_t n, const double *x, int bins, double *pct, double *xm, double *ym)
{
    char err[RS_ERRMSG_SIZE] = "";
    if (rs_drivers_spider(y, n, x, bins, pct, xm, ym, err) != RS_OK)
        fail_msg("rs_drivers_spider: %s", err);
}

static void test_spider_follows(void **state)
{
    const drawn *d = *state;
    double pct[10], xm[10], ym[10];
    spider_ok(d->y, N_DRAWN, d->x1, 10, pct, xm, ym);
    for (int b = 0; b < 10; b++) {
        tu_assert_near(pct[b], 5.0 + 10.0 * b, 1e-12);
        if (b > 0)
            assert_true(xm[b] > xm[b - 1] && ym[b] > ym[b - 1]);
    }
    /* y follows x1 to 0.02: each bin's means agree to far less than that */
    for (int b = 0; b < 10; b++)
        tu_assert_near(ym[b], xm[b], 4 * 0.02 / sqrt(N_DRAWN / 10.0));
    spider_ok(d->y, N_DRAWN, d->x1, 4, pct, xm, ym);
    tu_assert_near(pct[0], 12.5, 1e-12);
    tu_assert_near(pct[3], 87.5, 1e-12);
}

/* 160 rows of 10 values (class c at 0.25 + 1.5 c), each 16 times, spread
 * over the rows: row i has class 7 i mod 10, so class c holds the rows
 * 3c mod 10 + 10 s, s = 0..15 (7 times 3 is 1 mod 10). With ties in row
 * order, rank r = 16 c + s is that row; y is the row's number. */
#define N_REPEATED 160
static double class_value(size_t c)
{
    return 0.25 + 1.5 * (double)c;
}

static double row_at_rank(size_t r)
{
    size_t c = r / 16, s = r % 16;
    return (double)((3 * c) % 10 + 10 * s);
}

static void test_spider_repeated_values(void **state)
{
    (void)state;
    double x[N_REPEATED], y[N_REPEATED], pct[10], xm[10], ym[10];
    for (size_t i = 0; i < N_REPEATED; i++) {
        x[i] = class_value((7 * i) % 10);
        y[i] = (double)i;
    }
    /* 10 bins: one class each */
    spider_ok(y, N_REPEATED, x, 10, pct, xm, ym);
    for (size_t b = 0; b < 10; b++) {
        tu_assert_near(xm[b], class_value(b), 1e-12);
        tu_assert_near(ym[b], (double)((3 * b) % 10) + 75.0, 1e-12);
    }
    /* 8 bins of 20: bin 0 is class 0 and the first 4 rows of class 1,
     * bin 1 the other 12 of class 1 and 8 of class 2 */
    spider_ok(y, N_REPEATED, x, 8, pct, xm, ym);
    tu_assert_near(xm[0], (16 * class_value(0) + 4 * class_value(1)) / 20, 1e-12);
    tu_assert_near(xm[1], (12 * class_value(1) + 8 * class_value(2)) / 20, 1e-12);
    tu_assert_near(ym[0], ((0 + 150) * 16 / 2 + 3 + 13 + 23 + 33) / 20.0, 1e-12);
    for (size_t b = 0; b < 8; b++) {
        double sum = 0;
        for (size_t r = 20 * b; r < 20 * b + 20; r++)
            sum += row_at_rank(r);
        tu_assert_near(ym[b], sum / 20, 1e-12);
    }
    /* 7 bins: 22 rows, then 23 each (ranks from floor(b 160 / 7)) */
    spider_ok(y, N_REPEATED, x, 7, pct, xm, ym);
    tu_assert_near(xm[0], (16 * class_value(0) + 6 * class_value(1)) / 22, 1e-12);
    tu_assert_near(xm[1], (10 * class_value(1) + 13 * class_value(2)) / 23, 1e-12);
    tu_assert_near(pct[6], 100.0 * 6.5 / 7, 1e-12);
}

/* The ten rows with four more whose metric is undefined, their columns
 * extreme (and one of them not a number): the same figures to the bit. */
static void test_undefined_rows_left_out(void **state)
{
    (void)state;
    double x[14], y[14];
    const double far[4] = {1e6, NAN, -1e6, 2.385e5};
    for (size_t i = 0, r = 0, f = 0; i < 14; i++) {
        bool hole = i == 0 || i == 4 || i == 5 || i == 13;
        x[i] = hole ? far[f] : X10[r];
        y[i] = hole ? NAN : Y10[r++];
        f += hole;
    }
    const double *clean[] = {X10}, *holes[] = {x};
    rs_driver_stat a, b;
    size_t ta, tb;
    for (int upper = 0; upper <= 1; upper++) {
        compute_ok(Y10, 10, clean, 1, 0.3, upper, &a, &ta);
        compute_ok(y, 14, holes, 1, 0.3, upper, &b, &tb);
        assert_int_equal(ta, tb);
        tu_assert_near(b.median, a.median, 0);
        tu_assert_near(b.sd, a.sd, 0);
        tu_assert_near(b.tail_median, a.tail_median, 0);
        tu_assert_near(b.significance, a.significance, 0);
        tu_assert_near(b.rank_correlation, a.rank_correlation, 0);
        tu_assert_near(b.contribution, a.contribution, 0);
    }
    double pa[5], xa[5], ya[5], pb[5], xb[5], yb[5];
    spider_ok(Y10, 10, X10, 5, pa, xa, ya);
    spider_ok(y, 14, x, 5, pb, xb, yb);
    for (int k = 0; k < 5; k++) {
        tu_assert_near(xb[k], xa[k], 0);
        tu_assert_near(yb[k], ya[k], 0);
    }
    /* bins of two: x sorted 0.4137 0.88 | 1.26 1.62 | ..., y 1.3 3.1 | ... */
    tu_assert_near(xa[0], (0.4137 + 0.88) / 2, 1e-15);
    tu_assert_near(ya[0], (1.3 + 3.1) / 2, 1e-15);
}

/* A refusal: its status, a message holding `says`, nothing written. */
static void refused(rs_status st, rs_status expected, const char *err, const char *says, const rs_driver_stat *s,
                    size_t tail)
{
    assert_int_equal(st, expected);
    if (!strstr(err, says))
        fail_msg("message \"%s\" does not say \"%s\"", err, says);
    assert_true(s == NULL || (s->median == 2.385 && s->rank_correlation == 2.385));
    assert_int_equal(tail, 7);
}

static void test_compute_refused(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE];
    double x[12], y[12];
    for (size_t i = 0; i < 12; i++) {
        x[i] = i < 10 ? X10[i] : 0.4137;
        y[i] = i < 10 ? Y10[i] : NAN;
    }
    const double *cols[] = {X10, x};
    rs_driver_stat s = {.median = 2.385, .rank_correlation = 2.385};
    size_t tail = 7;
    rs_status st = rs_drivers_compute(Y10, 9, cols, 1, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "too few replications with a value of the metric: 9 (of 9), at least 10", &s,
            tail);
    y[3] = NAN; /* 9 of 12 defined */
    st = rs_drivers_compute(y, 12, cols + 1, 1, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "9 (of 12)", &s, tail);
    y[2] = NAN; /* and 7 of the first 9 */
    st = rs_drivers_compute(y, 9, cols + 1, 1, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "7 (of 9)", &s, tail);
    /* k = ceil(0.1 10) = 1: a tail of one row */
    st = rs_drivers_compute(Y10, 10, cols, 1, 0.1, true, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "too few replications in the tail: 1 (the highest 10% of 10", &s, tail);
    double shares[] = {0.0, 1.0, -0.2, NAN};
    for (size_t k = 0; k < 4; k++) {
        st = rs_drivers_compute(Y10, 10, cols, 1, shares[k], false, &s, &tail, err);
        refused(st, RS_ERR_INPUT, err, "the tail's share must be above 0 and below 1, got ", &s, tail);
    }
    /* a column that is not a number where the metric is */
    memcpy(y, Y10, sizeof Y10);
    x[4] = NAN;
    st = rs_drivers_compute(y, 10, cols, 2, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "column 1 is not a finite number in replication 4: nan", &s, tail);
    x[4] = INFINITY;
    st = rs_drivers_compute(y, 10, cols, 2, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_INPUT, err, "column 1 is not a finite number in replication 4: inf", &s, tail);
    /* work arrays whose size does not fit: out of memory, with nothing
     * read; 2^61 rows are 2^64 bytes an array, 0 when size_t wraps */
    st = rs_drivers_compute(y, SIZE_MAX / 8 + 1, cols, 2, 0.3, false, &s, &tail, err);
    refused(st, RS_ERR_NOMEM, err, "out of memory for the work arrays of ", &s, tail);
}

static void test_spider_refused(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE];
    double pct[12], xm[12], ym[12], x[10];
    for (int b = 0; b < 12; b++)
        pct[b] = xm[b] = ym[b] = 2.385;
    rs_status st = rs_drivers_spider(Y10, 10, X10, 0, pct, xm, ym, err);
    refused(st, RS_ERR_INPUT, err, "the spider needs at least 1 bin, got 0", NULL, 7);
    st = rs_drivers_spider(Y10, 10, X10, 11, pct, xm, ym, err);
    refused(st, RS_ERR_INPUT, err, "too many bins for the replications with a value of the metric: 11 bins, 10", NULL,
            7);
    st = rs_drivers_spider(Y10, 9, X10, 3, pct, xm, ym, err);
    refused(st, RS_ERR_INPUT, err, "too few replications with a value of the metric: 9 (of 9)", NULL, 7);
    memcpy(x, X10, sizeof X10);
    x[6] = NAN;
    st = rs_drivers_spider(Y10, 10, x, 3, pct, xm, ym, err);
    refused(st, RS_ERR_INPUT, err, "the column is not a finite number in replication 6: nan", NULL, 7);
    st = rs_drivers_spider(Y10, SIZE_MAX / 8 + 1, x, 3, pct, xm, ym, err);
    refused(st, RS_ERR_NOMEM, err, "out of memory", NULL, 7);
    for (int b = 0; b < 12; b++)
        assert_true(pct[b] == 2.385 && xm[b] == 2.385 && ym[b] == 2.385);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_example),
        cmocka_unit_test(test_tail_share_as_written),
        cmocka_unit_test(test_ties_average_ranks),
        cmocka_unit_test(test_followed_and_independent),
        cmocka_unit_test(test_spider_follows),
        cmocka_unit_test(test_spider_repeated_values),
        cmocka_unit_test(test_undefined_rows_left_out),
        cmocka_unit_test(test_compute_refused),
        cmocka_unit_test(test_spider_refused),
    };
    return cmocka_run_group_tests(tests, drawn_setup, drawn_teardown);
}
