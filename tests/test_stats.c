/* test_stats.c: moments merge like one sequence; the interval of a mean
 * difference is zero-width only for equal pairs, covers the true mean with
 * a handful of differing pairs and is the normal one with many; sketch
 * percentiles are within their stated relative error, negative values
 * included, never outside the values seen, and exact for metrics with few
 * distinct values or whole numbers; merging sketches is exact in any
 * order; a run's negative and whole-number percentiles come out so in
 * summary.csv. */
#include "fsutil.h"
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "rampsim/output.h"
#include "rng.h"
#include "rampsim/stats.h"


static double sample(unsigned i)
{
    /* a deterministic, skewed spread of values */
    return 1000.0 * exp(sin(i * 2.385) * 1.7) + (i % 7);
}

static void test_moments_merge_equals_sequence(void **state)
{
    (void)state;
    rs_moments all = {0}, a = {0}, b = {0};
    for (unsigned i = 0; i < 1000; i++) {
        rs_moments_add(&all, sample(i));
        rs_moments_add(i < 377 ? &a : &b, sample(i));
    }
    rs_moments_merge(&a, &b);
    tu_assert_near(a.n, all.n, 0);
    tu_assert_near(a.mean, all.mean, 1e-9 * all.mean);
    tu_assert_near(rs_moments_variance(&a), rs_moments_variance(&all), 1e-9 * rs_moments_variance(&all));
    /* the exact two-pass figures */
    double mean = 0, ss = 0;
    for (unsigned i = 0; i < 1000; i++)
        mean += sample(i) / 1000;
    for (unsigned i = 0; i < 1000; i++)
        ss += (sample(i) - mean) * (sample(i) - mean);
    tu_assert_near(all.mean, mean, 1e-9 * mean);
    tu_assert_near(rs_moments_variance(&all), ss / 999, 1e-9 * ss / 999);
    tu_assert_near(rs_moments_stderr(&all), sqrt(ss / 999 / 1000), 1e-9);
    rs_moments empty = {0};
    assert_true(isnan(rs_moments_stderr(&empty)));
}

static void test_pair_moments(void **state)
{
    (void)state;
    rs_pair_moments all = {0}, x = {0}, y = {0};
    double sa = 0, sb = 0;
    for (unsigned i = 0; i < 1000; i++) {
        double a = sample(i), b = 1.3 * sample(i) + sample(i + 7) * 0.1;
        rs_pair_add(&all, a, b);
        rs_pair_add(i < 611 ? &x : &y, a, b);
        sa += a;
        sb += b;
    }
    rs_pair_merge(&x, &y);
    tu_assert_near(x.mean_a, sa / 1000, 1e-9 * sa / 1000);
    tu_assert_near(x.mean_b, all.mean_b, 1e-9 * all.mean_b);
    tu_assert_near(x.c_ab, all.c_ab, 1e-9 * fabs(all.c_ab));
    tu_assert_near(x.b_above, all.b_above, 0);
    /* two-pass figures for the difference and the ratio */
    double ma = sa / 1000, mb = sb / 1000, vd = 0, va = 0, vb = 0, c = 0;
    for (unsigned i = 0; i < 1000; i++) {
        double a = sample(i), b = 1.3 * sample(i) + sample(i + 7) * 0.1;
        vd += ((b - a) - (mb - ma)) * ((b - a) - (mb - ma)) / 999;
        va += (a - ma) * (a - ma) / 999;
        vb += (b - mb) * (b - mb) / 999;
        c += (a - ma) * (b - mb) / 999;
    }
    tu_assert_near(rs_pair_difference_stderr(&x), sqrt(vd / 1000), 1e-9);
    double r = mb / ma;
    tu_assert_near(rs_pair_ratio(&x), r, 1e-12);
    tu_assert_near(rs_pair_ratio_stderr(&x), sqrt((vb - 2 * r * c + r * r * va) / (ma * ma) / 1000), 1e-9);
}

/* The normal interval of p, as compare printed it before the interval
 * learnt about rare differences. */
static void normal_interval(const rs_pair_moments *p, double *low, double *high)
{
    double mean = p->mean_b - p->mean_a, se = rs_pair_difference_stderr(p);
    *low = mean - RS_Z95 * se;
    *high = mean + RS_Z95 * se;
}

static void test_pair_interval_equal_pairs(void **state)
{
    (void)state;
    rs_pair_moments same = {0}, shift = {0}, one = {0};
    for (unsigned i = 0; i < 2000; i++) {
        rs_pair_add(&same, sample(i), sample(i));
        double a = floor(sample(i)) / 8; /* eighths: (a + 100) - a is exactly 100 */
        rs_pair_add(&shift, a, a + 100.0);
    }
    double low, high, d = rs_pair_difference_interval(&same, &low, &high);
    assert_true(d == 0.0 && !signbit(d));
    assert_true(low == 0.0 && high == 0.0);
    /* a constant shift is known exactly too, although the means round
     * (mean_b - mean_a is 100.00000000000003 here, with a standard error
     * of 9e-8) */
    d = rs_pair_difference_interval(&shift, &low, &high);
    assert_true(d == 100.0 && low == 100.0 && high == 100.0);
    /* one pair says nothing of the spread */
    rs_pair_add(&one, 1.0, 2.385);
    assert_true(isnan(rs_pair_difference_interval(&one, &low, &high)) && isnan(low) && isnan(high));
}

/* The synthetic data set `set`: n pairs (a, b) where a is a share of 8
 * reps and b differs from it with probability `rate`, upwards in 9 cases
 * in 10, by one rep (12.5 points) in 7 cases in 10 and by two otherwise,
 * like reps at quota under a small change. */
#define FEW_UP 0.9
#define FEW_MEAN_SIZE (0.7 * 12.5 + 0.3 * 25.0)
static void few_differing(rs_pair_moments *p, uint32_t set, int n, double rate)
{
    rs_stream s;
    rs_stream_start(&s, rs_rng_key(2385), set, RS_RNG_TEST, 1, 0, 0);
    for (int i = 0; i < n; i++) {
        double a = 12.5 * floor(8.0 * rs_stream_uniform(&s)), b = a;
        double u = rs_stream_uniform(&s);
        if (u < rate) {
            double size = rs_stream_uniform(&s) < 0.7 ? 12.5 : 25.0;
            b = u < rate * FEW_UP ? a + size : a - size;
        }
        rs_pair_add(p, a, b);
    }
}

/* Five differing pairs expected out of 2,000: over 2,000 such data sets,
 * the interval covers the true mean difference in 95 % of them or more
 * (within 4 binomial standard errors), counting the data sets where no
 * pair differs, whose interval is zero-width, as misses. The normal
 * interval alone covers about 91 % here. */
static void test_pair_interval_few_differing_covers(void **state)
{
    (void)state;
    enum { SETS = 2000, N = 2000 };
    const double rate = 5.0 / N, truth = rate * (2 * FEW_UP - 1) * FEW_MEAN_SIZE;
    int covered = 0, normal_covered = 0;
    for (uint32_t set = 0; set < SETS; set++) {
        rs_pair_moments p = {0};
        few_differing(&p, set, N, rate);
        double low, high, nlow, nhigh;
        rs_pair_difference_interval(&p, &low, &high);
        normal_interval(&p, &nlow, &nhigh);
        if (p.b_above + p.b_below > 0 && !(high > low))
            fail_msg("data set %u: %.0f pairs differ, yet the interval is [%g, %g]", set, p.b_above + p.b_below,
                     low, high);
        /* never narrower than the normal interval */
        assert_true(low <= nlow && high >= nhigh);
        covered += low <= truth && truth <= high;
        normal_covered += nlow <= truth && truth <= nhigh;
    }
    double coverage = (double)covered / SETS, se = sqrt(0.95 * 0.05 / SETS);
    print_message("coverage with about 5 of 2000 pairs differing: %.3f (normal interval %.3f)\n", coverage,
                  (double)normal_covered / SETS);
    if (coverage < 0.95 - 4 * se)
        fail_msg("coverage %.3f, expected at least %.3f", coverage, 0.95 - 4 * se);
}

/* k pairs of 2,000 that all moved up by the same size, the others equal. */
static rs_pair_moments up_by(int k, double size)
{
    rs_pair_moments p = {0};
    for (int i = 0; i < 2000; i++)
        rs_pair_add(&p, sample((unsigned)i), sample((unsigned)i) + (i < k ? size : 0.0));
    return p;
}

/* Pairs that all moved one way by one size: the bounds are the exact
 * Poisson ones (Garwood's) of their count, times the size, and the other
 * way is not ruled out until a sign test would rule it out. */
static void test_pair_interval_one_direction(void **state)
{
    (void)state;
    const double w = 2.385, n = 2000;
    /* w is not exact in binary, so d = (a + w) - a varies in its last bits */
    rs_pair_moments three = up_by(3, w);
    double low, high, d = rs_pair_difference_interval(&three, &low, &high);
    double exact_low = gsl_cdf_chisq_Pinv(0.025, 6) / 2, exact_high = gsl_cdf_chisq_Pinv(0.975, 8) / 2;
    double none_seen = -log(0.025); /* 3.69 pairs: the Poisson bound when none is seen */
    /* the means are of values up to 5,000, so they round by about 1e-12,
     * a millionth of d; d is where the bounds are measured from */
    tu_assert_near(d, 3 * w / n, 1e-6 * w / n);
    tu_assert_near(high, d + (exact_high - 3) * w / n, 1e-9 * w / n);
    tu_assert_near(low, d - hypot(3 - exact_low, none_seen) * w / n, 1e-9 * w / n);
    /* two pairs up: a sign-test p of 0.5, so no direction */
    rs_pair_moments two = up_by(2, w);
    rs_pair_difference_interval(&two, &low, &high);
    assert_true(low < 0 && high > 0);
    /* eight pairs up: p = 0.008, so up */
    rs_pair_moments eight = up_by(8, w);
    rs_pair_difference_interval(&eight, &low, &high);
    assert_true(low > 0);
}

/* From RS_PAIR_NORMAL_MIN_DIFFERING differing pairs on, or more than 1 in
 * 20 of them, the interval is the normal one; with one fewer it is wider. */
static void test_pair_interval_many_differing_is_normal(void **state)
{
    (void)state;
    rs_pair_moments all = {0};
    for (unsigned i = 0; i < 1000; i++)
        rs_pair_add(&all, sample(i), 1.3 * sample(i) + sample(i + 7) * 0.1);
    double low, high, nlow, nhigh;
    double d = rs_pair_difference_interval(&all, &low, &high);
    normal_interval(&all, &nlow, &nhigh);
    tu_assert_near(d, all.mean_b - all.mean_a, 0);
    tu_assert_near(low, nlow, 1e-12 * (nhigh - nlow));
    tu_assert_near(high, nhigh, 1e-12 * (nhigh - nlow));

    rs_pair_moments at = up_by(RS_PAIR_NORMAL_MIN_DIFFERING, 2.385);
    rs_pair_difference_interval(&at, &low, &high);
    normal_interval(&at, &nlow, &nhigh);
    tu_assert_near(low, nlow, 1e-12 * (nhigh - nlow));
    tu_assert_near(high, nhigh, 1e-12 * (nhigh - nlow));
    rs_pair_moments below = up_by(RS_PAIR_NORMAL_MIN_DIFFERING - 1, 2.385);
    rs_pair_difference_interval(&below, &low, &high);
    normal_interval(&below, &nlow, &nhigh);
    assert_true(low <= nlow && high >= nhigh && high - low > 1.01 * (nhigh - nlow));

    /* 11 of 200 pairs differ: too many for the Poisson law of rare events */
    rs_pair_moments dense = {0};
    for (int i = 0; i < 200; i++)
        rs_pair_add(&dense, sample((unsigned)i), sample((unsigned)i) + (i % 18 == 0 ? 2.385 : 0.0));
    assert_true(dense.b_above == 12);
    rs_pair_difference_interval(&dense, &low, &high);
    normal_interval(&dense, &nlow, &nhigh);
    tu_assert_near(low, nlow, 1e-12 * (nhigh - nlow));
    tu_assert_near(high, nhigh, 1e-12 * (nhigh - nlow));
}

/* Two accumulators merged give the interval of one that saw every pair:
 * counts and extremes to the last bit, sums to rounding. */
static void check_merge(const rs_pair_moments *pairs_a, const rs_pair_moments *pairs_b, int n, int split)
{
    rs_pair_moments all = {0}, x = {0}, y = {0};
    for (int i = 0; i < n; i++) {
        double a = pairs_a[i].mean_a, b = pairs_b[i].mean_a;
        rs_pair_add(&all, a, b);
        rs_pair_add(i < split ? &x : &y, a, b);
    }
    rs_pair_merge(&x, &y);
    assert_true(x.n == all.n && x.b_above == all.b_above && x.b_below == all.b_below);
    assert_true(x.d_min == all.d_min && x.d_max == all.d_max);
    tu_assert_near(x.above_sum, all.above_sum, 1e-12 * all.above_sum);
    tu_assert_near(x.above_sq, all.above_sq, 1e-12 * all.above_sq);
    tu_assert_near(x.below_sum, all.below_sum, 1e-12 * all.below_sum);
    tu_assert_near(x.below_sq, all.below_sq, 1e-12 * all.below_sq);
    double lx, hx, la, ha;
    double dx = rs_pair_difference_interval(&x, &lx, &hx), da = rs_pair_difference_interval(&all, &la, &ha);
    /* the means round at the scale of the values, the rest at the width */
    double rounding = 1e-12 * (fabs(all.mean_a) + fabs(all.mean_b)) + 1e-9 * (ha - la);
    tu_assert_near(dx, da, rounding);
    tu_assert_near(lx, la, rounding);
    tu_assert_near(hx, ha, rounding);
}

static void test_pair_interval_merge(void **state)
{
    (void)state;
    enum { N = 2000 };
    static rs_pair_moments a[N], b[N]; /* a value in mean_a of each */
    /* a handful differing both ways, then every pair differing */
    for (int i = 0; i < N; i++) {
        a[i].mean_a = sample((unsigned)i);
        b[i].mean_a = a[i].mean_a + (i % 397 == 5 ? 2.385 * (1 + i % 3) : i % 601 == 7 ? -1.7 : 0.0);
    }
    check_merge(a, b, N, 611);
    check_merge(a, b, N, 3); /* the first holds only equal pairs */
    check_merge(a, b, N, 0); /* merging into an empty accumulator */
    check_merge(a, b, N, N); /* and merging an empty one */
    for (int i = 0; i < N; i++)
        b[i].mean_a = 1.3 * a[i].mean_a + sample((unsigned)i + 7) * 0.1 - 900;
    check_merge(a, b, N, 611);
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static void test_sketch_quantiles_within_alpha(void **state)
{
    (void)state;
    enum { N = 5000 };
    static double values[N];
    /* sketches 0 and 1 fine, 2 coarse */
    rs_sketches *s = rs_sketches_new(3, 2);
    for (unsigned i = 0; i < N; i++) {
        values[i] = sample(i);
        rs_sketches_add(s, 1, values[i]);
        rs_sketches_add(s, 2, values[i]);
    }
    qsort(values, N, sizeof values[0], by_value);
    double ps[] = {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.0, 1.0};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        size_t rank = (size_t)ceil(ps[k] * N);
        double exact = values[rank < 1 ? 0 : rank - 1];
        double q = rs_sketches_quantile(s, 1, ps[k]);
        if (fabs(q - exact) > RS_SKETCH_ALPHA * exact * 1.000001)
            fail_msg("p%g: sketch %.8g, exact %.8g", ps[k] * 100, q, exact);
        double coarse = rs_sketches_quantile(s, 2, ps[k]);
        if (fabs(coarse - exact) > RS_SKETCH_ALPHA_COARSE * exact * 1.000001)
            fail_msg("p%g: coarse sketch %.8g, exact %.8g", ps[k] * 100, coarse, exact);
    }
    assert_true(isnan(rs_sketches_quantile(s, 0, 0.5)));
    assert_int_equal(rs_sketches_total(s, 1), N);
    rs_sketches_free(s);
}

static void test_sketch_zero_and_merge(void **state)
{
    (void)state;
    rs_sketches *a = rs_sketches_new(2, 2), *b = rs_sketches_new(2, 2), *all = rs_sketches_new(2, 2);
    for (unsigned i = 0; i < 3000; i++) {
        double x = i % 3 == 0 ? 0.0 : sample(i);
        rs_sketches_add(i % 2 ? a : b, 0, x);
        rs_sketches_add(all, 0, x);
    }
    rs_sketches_merge(a, b);
    for (double p = 0.01; p < 1; p += 0.07)
        assert_true(rs_sketches_quantile(a, 0, p) == rs_sketches_quantile(all, 0, p));
    tu_assert_near(rs_sketches_quantile(all, 0, 0.2), 0.0, 0);
    rs_sketches_free(a);
    rs_sketches_free(b);
    rs_sketches_free(all);
}

/* Percentiles never leave the range of the values seen and the smallest and
 * largest are exact, so a constant is reported exactly (a win rate of 100%
 * is not 99.96%), also after merging. */
static void test_sketch_clamped_to_seen_range(void **state)
{
    (void)state;
    rs_sketches *a = rs_sketches_new(1, 1), *b = rs_sketches_new(1, 1);
    for (int i = 0; i < 100; i++)
        rs_sketches_add(a, 0, 100.0);
    for (double p = 0; p <= 1; p += 0.05)
        assert_true(rs_sketches_quantile(a, 0, p) == 100.0);
    rs_sketches_add(b, 0, 0.0);
    rs_sketches_add(b, 0, 3.25);
    rs_sketches_add(b, 0, 1000.0);
    rs_sketches_merge(a, b);
    assert_true(rs_sketches_quantile(a, 0, 0.0) == 0.0);
    assert_true(rs_sketches_quantile(a, 0, 0.01) == 3.25);
    assert_true(fabs(rs_sketches_quantile(a, 0, 0.5) - 100.0) <= RS_SKETCH_ALPHA * 100.0);
    assert_true(rs_sketches_quantile(a, 0, 1.0) == 1000.0);
    rs_sketches_free(a);
    rs_sketches_free(b);
}


/* The p-quantile by nearest rank of n ascending values. */
static double order_statistic(const double *sorted, size_t n, double p)
{
    size_t rank = (size_t)ceil(p * (double)n);
    return sorted[rank < 1 ? 0 : rank > n ? n - 1 : rank - 1];
}

static const double grid[] = {0.0, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 1.0};
#define GRID (sizeof grid / sizeof grid[0])

/* Checks every percentile of the grid of sketch `which` against the exact
 * ones of `values` (n, unsorted; sorted here): within alpha of its size, or
 * within RS_SKETCH_MIN near zero, and never outside [min, max]. */
static void check_within(const rs_sketches *s, size_t which, double *values, size_t n, double alpha)
{
    qsort(values, n, sizeof values[0], by_value);
    for (size_t k = 0; k < GRID; k++) {
        double exact = order_statistic(values, n, grid[k]), q = rs_sketches_quantile(s, which, grid[k]);
        double tolerance = fmax(alpha * fabs(exact) * 1.000001, fabs(exact) < RS_SKETCH_MIN ? RS_SKETCH_MIN : 0.0);
        if (!(fabs(q - exact) <= tolerance))
            fail_msg("p%g: sketch %.10g, exact %.10g", grid[k] * 100, q, exact);
        if (!(q >= values[0] && q <= values[n - 1]))
            fail_msg("p%g: sketch %.10g outside [%.10g, %.10g]", grid[k] * 100, q, values[0], values[n - 1]);
    }
    /* the extremes are exact */
    assert_true(rs_sketches_quantile(s, which, 0.0) == values[0]);
    assert_true(rs_sketches_quantile(s, which, 1.0) == values[n - 1]);
}

/* Negative values are bucketed like positive ones: a sample symmetric
 * around 0, an all-negative one and a mix with values near zero, at both
 * accuracies. (Before, every value below 0.001 counted as 0, so the P5 to
 * P95 of an all-negative metric were 0.) */
static void test_sketch_negative_values(void **state)
{
    (void)state;
    enum { N = 5000 };
    static double symmetric[N], negative[N], mixed[N], copy[N];
    rs_sketches *s = rs_sketches_new(6, 3);
    for (unsigned i = 0; i < N; i++) {
        symmetric[i] = i % 2 ? sample(i) : -sample(i);
        negative[i] = -sample(i) * 2.385;
        /* zeros, values within 0.001 of zero of both signs, and both signs
         * of every size */
        mixed[i] = i % 5 == 0 ? 0.0 : i % 5 == 1 ? (i % 3 ? 1 : -1) * 1e-7 * (i % 1000) : (sample(i) - 1500.0) / 7.0;
        rs_sketches_add(s, 0, symmetric[i]);
        rs_sketches_add(s, 1, negative[i]);
        rs_sketches_add(s, 2, mixed[i]);
        rs_sketches_add(s, 3, symmetric[i]);
        rs_sketches_add(s, 4, negative[i]);
        rs_sketches_add(s, 5, mixed[i]);
    }
    for (size_t w = 0; w < 6; w++)
        assert_false(rs_sketches_exact(s, w)); /* the buckets are what is tested */
    double *samples[3] = {symmetric, negative, mixed};
    for (size_t w = 0; w < 6; w++) {
        memcpy(copy, samples[w % 3], sizeof copy);
        check_within(s, w, copy, N, w < 3 ? RS_SKETCH_ALPHA : RS_SKETCH_ALPHA_COARSE);
    }
    /* an all-negative metric has negative percentiles, a symmetric one a
     * median near 0 */
    for (int k = 1; k < RS_PERCENTILE_COUNT; k++)
        assert_true(rs_sketches_quantile(s, 1, rs_percentiles[k]) < 0);
    rs_sketches_free(s);
}

/* Values near zero but not zero: the percentiles stay within the smallest
 * and largest value (they were reported as 0 below all of them). */
static void test_sketch_near_zero_within_range(void **state)
{
    (void)state;
    enum { N = 1000 };
    static double values[N];
    rs_sketches *s = rs_sketches_new(2, 1);
    for (unsigned i = 0; i < N; i++) {
        values[i] = 2.385e-4 + 1e-7 * i;
        rs_sketches_add(s, 0, values[i]);
        rs_sketches_add(s, 1, -values[i]);
    }
    assert_false(rs_sketches_exact(s, 0));
    for (size_t k = 0; k < GRID; k++) {
        double q = rs_sketches_quantile(s, 0, grid[k]), m = rs_sketches_quantile(s, 1, grid[k]);
        assert_true(q >= values[0] && q <= values[N - 1]);
        assert_true(m >= -values[N - 1] && m <= -values[0]);
    }
    rs_sketches_free(s);
}

/* Every percentile of sketch w of a and b, bit for bit. */
static void assert_same_quantiles(const rs_sketches *a, const rs_sketches *b, size_t w)
{
    assert_int_equal(rs_sketches_total(a, w), rs_sketches_total(b, w));
    assert_true(rs_sketches_exact(a, w) == rs_sketches_exact(b, w));
    for (size_t k = 0; k < GRID; k++) {
        double x = rs_sketches_quantile(a, w, grid[k]), y = rs_sketches_quantile(b, w, grid[k]);
        if (memcmp(&x, &y, sizeof x) != 0)
            fail_msg("sketch %zu, p%g: %.17g and %.17g", w, grid[k] * 100, x, y);
    }
}

/* The positive values and the negative ones sketched apart and merged,
 * either way round, are the sketch of them all. */
static void test_sketch_merge_signs(void **state)
{
    (void)state;
    rs_sketches *pos = rs_sketches_new(2, 1), *neg = rs_sketches_new(2, 1), *all = rs_sketches_new(2, 1);
    rs_sketches *pos2 = rs_sketches_new(2, 1), *neg2 = rs_sketches_new(2, 1);
    for (unsigned i = 0; i < 3000; i++) {
        double x = i % 3 ? sample(i) / 3.0 : -sample(i) * 1.7;
        if (i % 11 == 0)
            x = i % 2 ? 2e-4 : -3e-4; /* near zero */
        for (size_t w = 0; w < 2; w++) {
            rs_sketches_add(x >= 0 ? pos : neg, w, x);
            rs_sketches_add(x >= 0 ? pos2 : neg2, w, x);
            rs_sketches_add(all, w, x);
        }
    }
    assert_true(rs_sketches_merge(pos, neg));
    assert_true(rs_sketches_merge(neg2, pos2));
    for (size_t w = 0; w < 2; w++) {
        assert_same_quantiles(pos, all, w);
        assert_same_quantiles(neg2, all, w);
    }
    rs_sketches_free(pos);
    rs_sketches_free(neg);
    rs_sketches_free(pos2);
    rs_sketches_free(neg2);
    rs_sketches_free(all);
}

/* Integers 0..9 with known counts, added in a scrambled order: every
 * percentile is the exact order statistic, and so are those of shares of
 * seven reps (33.333...) and of negative values taking a few values. */
static void test_sketch_exact_few_values(void **state)
{
    (void)state;
    static const int counts[10] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}; /* 39 values */
    enum { N = 39 };
    double values[N], sorted[N], shares[N], negatives[N];
    size_t n = 0;
    for (int v = 0; v < 10; v++)
        for (int c = 0; c < counts[v]; c++)
            sorted[n++] = v;
    rs_sketches *s = rs_sketches_new(3, 3);
    for (size_t i = 0; i < N; i++) {
        values[i] = sorted[(i * 17) % N]; /* 17 and 39 are coprime: a permutation */
        shares[i] = 100.0 * values[i] / 7.0;
        negatives[i] = -2.385 * values[i];
        rs_sketches_add(s, 0, values[i]);
        rs_sketches_add(s, 1, shares[i]);
        rs_sketches_add(s, 2, negatives[i]);
    }
    /* by hand: ranks 1-3 are 0, 4 is 1, 5-8 are 2, 9 is 3, 10-14 are 4,
     * 15-23 are 5, 24-25 are 6, 26-31 are 7, 32-36 are 8, 37-39 are 9 */
    assert_true(rs_sketches_quantile(s, 0, 0.10) == 1.0);  /* rank 4 */
    assert_true(rs_sketches_quantile(s, 0, 0.25) == 4.0);  /* rank 10 */
    assert_true(rs_sketches_quantile(s, 0, 0.50) == 5.0);  /* rank 20 */
    assert_true(rs_sketches_quantile(s, 0, 0.60) == 6.0);  /* rank 24 */
    assert_true(rs_sketches_quantile(s, 0, 0.75) == 7.0);  /* rank 30 */
    assert_true(rs_sketches_quantile(s, 0, 0.90) == 8.0);  /* rank 36 */
    assert_true(rs_sketches_quantile(s, 0, 0.95) == 9.0);  /* rank 38 */
    for (size_t k = 0; k < GRID; k++) {
        double p = grid[k], v = order_statistic(sorted, N, p);
        assert_true(rs_sketches_quantile(s, 0, p) == v);
        assert_true(rs_sketches_quantile(s, 1, p) == 100.0 * v / 7.0);
        /* the negatives in ascending order are the values descending */
        assert_true(rs_sketches_quantile(s, 2, p) == -2.385 * order_statistic(sorted, N, 1.0 - p + 1e-12));
    }
    for (size_t w = 0; w < 3; w++)
        assert_true(rs_sketches_exact(s, w));
    rs_sketches_free(s);
    /* -0 and 0 are one value, whichever comes first */
    rs_sketches *a = rs_sketches_new(1, 1), *b = rs_sketches_new(1, 1);
    rs_sketches_add(a, 0, -0.0);
    rs_sketches_add(a, 0, 0.0);
    rs_sketches_add(b, 0, 0.0);
    rs_sketches_add(b, 0, -0.0);
    assert_same_quantiles(a, b, 0);
    assert_false(signbit(rs_sketches_quantile(a, 0, 0.5)));
    rs_sketches_free(a);
    rs_sketches_free(b);
}

/* A sketch is exact up to RS_SKETCH_EXACT distinct values and turns to
 * buckets at one more; past that whole numbers below 1,000 (100 coarse)
 * stay exact and the others are within the accuracy. */
static void test_sketch_exact_overflow(void **state)
{
    (void)state;
    enum { N = 3 * RS_SKETCH_EXACT };
    static double whole[N], spread[N], copy[N];
    rs_sketches *s = rs_sketches_new(4, 3);
    for (unsigned i = 0; i < RS_SKETCH_EXACT; i++)
        rs_sketches_add(s, 0, 700.0 + i);
    assert_true(rs_sketches_exact(s, 0));
    rs_sketches_add(s, 0, 700.0 + RS_SKETCH_EXACT);
    assert_false(rs_sketches_exact(s, 0));
    for (unsigned i = 0; i < N; i++) {
        whole[i] = (double)((i * 7919u) % 1000u);       /* 0..999, some twice */
        spread[i] = sample(i) * (i % 4 ? 1.0 : -0.5); /* no whole numbers */
        rs_sketches_add(s, 1, whole[i]);
        rs_sketches_add(s, 2, spread[i]);
        rs_sketches_add(s, 3, (double)(i % 120) - 20.0); /* coarse, whole */
    }
    for (size_t w = 1; w < 4; w++)
        assert_false(rs_sketches_exact(s, w));
    qsort(whole, N, sizeof whole[0], by_value);
    for (size_t k = 0; k < GRID; k++)
        if (rs_sketches_quantile(s, 1, grid[k]) != order_statistic(whole, N, grid[k]))
            fail_msg("p%g: %.17g, exact %.17g", grid[k] * 100, rs_sketches_quantile(s, 1, grid[k]),
                     order_statistic(whole, N, grid[k]));
    memcpy(copy, spread, sizeof copy);
    check_within(s, 2, copy, N, RS_SKETCH_ALPHA);
    for (unsigned i = 0; i < N; i++)
        copy[i] = (double)(i % 120) - 20.0;
    qsort(copy, N, sizeof copy[0], by_value);
    for (size_t k = 0; k < GRID; k++)
        assert_true(rs_sketches_quantile(s, 3, grid[k]) == order_statistic(copy, N, grid[k]));
    /* a value that is not whole: the buckets give their representatives */
    rs_sketches_add(s, 1, 0.5);
    assert_true(rs_sketches_quantile(s, 1, 0.5) != floor(rs_sketches_quantile(s, 1, 0.5)));
    rs_sketches_free(s);
}

/* Value number v of the merge-order cases, and the part it goes to. */
static double merge_case_value(unsigned v)
{
    return (double)v * 0.37 - 11.0;
}

static int merge_case_part(int c, unsigned i, unsigned v)
{
    if (c == 0)
        return (int)((i * 31u) % 4); /* any part, few values */
    if (c == 1)
        return (int)(v / 100); /* 100 distinct values each, 400 in all */
    return v >= 300 ? 3 : (int)(v / 100); /* part 3: 700 distinct values */
}

/* Values spread over four sketches merged in three orders, and added to one
 * in another order: the same percentiles, bit for bit, and the same
 * representation, in each case: every part and their union exact (0);
 * exact parts whose union is not (1); one part already bucketed (2). */
static void test_sketch_merge_order(void **state)
{
    (void)state;
    enum { N = 4000, CASES = 3 };
    static const unsigned distinct[CASES] = {50, 400, 1000};
    for (int c = 0; c < CASES; c++) {
        rs_sketches *parts[3][4], *all = rs_sketches_new(2, 1);
        for (int o = 0; o < 3; o++)
            for (int j = 0; j < 4; j++)
                parts[o][j] = rs_sketches_new(2, 1);
        for (unsigned i = 0; i < N; i++) {
            unsigned v = (i * 7919u) % distinct[c];
            for (int o = 0; o < 3; o++)
                for (size_t w = 0; w < 2; w++)
                    assert_true(rs_sketches_add(parts[o][merge_case_part(c, i, v)], w, merge_case_value(v)));
        }
        for (unsigned i = N; i-- > 0;) /* the other way round */
            for (size_t w = 0; w < 2; w++)
                assert_true(rs_sketches_add(all, w, merge_case_value((i * 7919u) % distinct[c])));
        for (int j = 0; j < 4; j++)
            assert_true(rs_sketches_exact(parts[0][j], 0) == (c < 2 || j < 3));
        /* ((0 + 1) + 2) + 3 */
        for (int j = 1; j < 4; j++)
            assert_true(rs_sketches_merge(parts[0][0], parts[0][j]));
        /* ((3 + 2) + 1) + 0 */
        for (int j = 2; j >= 0; j--)
            assert_true(rs_sketches_merge(parts[1][3], parts[1][j]));
        /* (empty + 2 + 3) + (1 + 0) */
        rs_sketches *fresh = rs_sketches_new(2, 1);
        assert_true(rs_sketches_merge(fresh, parts[2][2]));
        assert_true(rs_sketches_merge(fresh, parts[2][3]));
        assert_true(rs_sketches_merge(parts[2][1], parts[2][0]));
        assert_true(rs_sketches_merge(fresh, parts[2][1]));
        for (size_t w = 0; w < 2; w++) {
            assert_same_quantiles(parts[0][0], all, w);
            assert_same_quantiles(parts[1][3], all, w);
            assert_same_quantiles(fresh, all, w);
        }
        assert_true(rs_sketches_exact(all, 0) == (c == 0));
        rs_sketches_free(fresh);
        for (int o = 0; o < 3; o++)
            for (int j = 0; j < 4; j++)
                rs_sketches_free(parts[o][j]);
        rs_sketches_free(all);
    }
}

/* The buckets rs_sketches_each visits, as text. */
static void describe_bucket(void *ctx, double lo, double hi, uint64_t count)
{
    char *text = ctx;
    size_t used = strlen(text);
    snprintf(text + used, 8192 - used, "[%.17g %.17g %llu]", lo, hi, (unsigned long long)count);
}

/* An exact sketch shows the buckets its values would be in, as a bucketed
 * one does (attainment.csv is drawn from them whichever holds the values). */
static void test_sketch_each_either_way(void **state)
{
    (void)state;
    rs_sketches *exact = rs_sketches_new(1, 1), *bucketed = rs_sketches_new(1, 1);
    static char a[8192], b[8192];
    for (unsigned i = 0; i < 120; i++) {
        double x = i % 9 == 0 ? 0.0 : i % 9 == 1 ? -sample(i) : sample(i) / 10.0;
        rs_sketches_add(exact, 0, x);
        rs_sketches_add(bucketed, 0, x);
    }
    for (unsigned i = 0; i < 2 * RS_SKETCH_EXACT; i++) /* far above the others */
        rs_sketches_add(bucketed, 0, 1e9 + i * 1e7);
    assert_true(rs_sketches_exact(exact, 0));
    assert_false(rs_sketches_exact(bucketed, 0));
    a[0] = b[0] = '\0';
    rs_sketches_each(exact, 0, describe_bucket, a);
    rs_sketches_each(bucketed, 0, describe_bucket, b);
    assert_true(strlen(a) > 0);
    assert_memory_equal(a, b, strlen(a));
    rs_sketches_free(exact);
    rs_sketches_free(bucketed);
}

/* The median's interval is the order statistics of ranks n/2 -+ 1.96
 * sqrt(n)/2, exactly for a sketch with few values, within the accuracy for
 * a bucketed one. */
static void test_median_interval_both_ways(void **state)
{
    (void)state;
    enum { N = 2000 };
    static double whole[N], spread[N];
    rs_sketches *s = rs_sketches_new(2, 2);
    for (unsigned i = 0; i < N; i++) {
        whole[i] = (double)((i * 7919u) % 37u);
        spread[i] = -sample(i);
        rs_sketches_add(s, 0, whole[i]);
        rs_sketches_add(s, 1, spread[i]);
    }
    assert_true(rs_sketches_exact(s, 0));
    assert_false(rs_sketches_exact(s, 1));
    qsort(whole, N, sizeof whole[0], by_value);
    qsort(spread, N, sizeof spread[0], by_value);
    rs_results r = {.sketches = s};
    double half = RS_Z95 * 0.5 / sqrt(N), median, low, high;
    rs_results_median(&r, 0, &median, &low, &high);
    assert_true(median == order_statistic(whole, N, 0.5));
    assert_true(low == order_statistic(whole, N, 0.5 - half));
    assert_true(high == order_statistic(whole, N, 0.5 + half));
    assert_true(low < median && median < high);
    rs_results_median(&r, 1, &median, &low, &high);
    double exact[3] = {order_statistic(spread, N, 0.5), order_statistic(spread, N, 0.5 - half),
                       order_statistic(spread, N, 0.5 + half)};
    tu_assert_near(median, exact[0], RS_SKETCH_ALPHA * fabs(exact[0]));
    tu_assert_near(low, exact[1], RS_SKETCH_ALPHA * fabs(exact[1]));
    tu_assert_near(high, exact[2], RS_SKETCH_ALPHA * fabs(exact[2]));
    rs_sketches_free(s);
}

/* The default scenario's settings (scenarios/default.ini). */
static const char default_scenario[] =
    "[run]\nname = default\nhorizon_weeks = 104\nstart_week = 0\nreplications = 2000\n"
    "[team]\nreps = 8\nnew_hires = 2\n[quota]\nannual = $360,000\n[pipeline]\ndeal_size = $28,000\n"
    "[coaching]\nhours_per_month = 1\n[one_on_one]\ncadence = monthly\n[team_meeting]\nweekly = no\n"
    "[ride_along]\ncalls_per_month = 0.5\n[deal_help]\nwhen = off\n";

/* Fills row[0..6] with the percentiles of `metric` in dir/summary.csv. */
static void summary_percentiles(const char *dir, const char *metric, double *row)
{
    char path[256], line[1024];
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        size_t n = strlen(metric);
        if (strncmp(line, metric, n) != 0 || line[n] != ',')
            continue;
        /* metric,unit,mean,stderr,p5,...,p95,n */
        char *cell = line;
        for (int comma = 0; comma < 4; comma++)
            cell = strchr(cell, ',') + 1;
        for (int k = 0; k < RS_PERCENTILE_COUNT; k++) {
            row[k] = strtod(cell, &cell);
            assert_true(*cell == ',');
            cell++;
        }
        found = true;
    }
    fclose(f);
    if (!found)
        fail_msg("no %s row in %s", metric, path);
}

/* End to end, a manager whose hours cost more than they bring: net_value is
 * negative in every replication, and summary.csv's P5 to P95 of it are
 * negative, within its smallest and largest value and within the accuracy
 * of the exact ones; deals_won's percentiles are whole numbers. At 200
 * replications the sketches are exact, at 2,000 net_value's is bucketed. */
static void test_run_negative_and_whole_percentiles(void **state)
{
    (void)state;
    static const long long runs[] = {200, 2000};
    for (int t = 0; t < 2; t++) {
        rs_scenario *sc = tu_scenario(default_scenario);
        char n[64];
        snprintf(n, sizeof n, "run.replications=%lld", runs[t]);
        tu_set(sc, "manager.hourly_cost=1e6", n, NULL);
        rs_results *r = tu_run(sc, 2);
        assert_true(rs_sketches_exact(r->sketches, RS_M_NET_VALUE) == (runs[t] <= RS_SKETCH_EXACT));

        /* every replication's value, from the model itself */
        rs_layout l;
        assert_int_equal(rs_layout_init(&l, sc), RS_OK);
        rs_model *m = rs_model_new(sc, &l, NULL);
        rs_outcome *o = rs_outcome_new(&l);
        assert_true(m && o);
        double *net = calloc((size_t)runs[t], sizeof *net);
        assert_non_null(net);
        for (long long i = 0; i < runs[t]; i++) {
            assert_int_equal(rs_model_run(m, (uint32_t)i, o), RS_OK);
            net[i] = o->values[RS_M_NET_VALUE];
        }
        qsort(net, (size_t)runs[t], sizeof net[0], by_value);
        assert_true(net[runs[t] - 1] < 0);

        char dir[RS_PATH_MAX], err[RS_ERRMSG_SIZE] = "";
        tu_result_dir(dir);
        if (rs_output_write(r, dir, err) != RS_OK)
            fail_msg("%s", err);
        double p[RS_PERCENTILE_COUNT], deals[RS_PERCENTILE_COUNT];
        summary_percentiles(dir, "net_value", p);
        summary_percentiles(dir, "deals_won", deals);
        for (int k = 0; k < RS_PERCENTILE_COUNT; k++) {
            double exact = order_statistic(net, (size_t)runs[t], rs_percentiles[k]);
            if (!(p[k] < 0 && p[k] >= net[0] && p[k] <= net[runs[t] - 1]))
                fail_msg("%lld replications: net_value p%g = %.10g, values from %.10g to %.10g", runs[t],
                         rs_percentiles[k] * 100, p[k], net[0], net[runs[t] - 1]);
            /* exact, or within the accuracy; then 10 significant digits */
            double accuracy = runs[t] <= RS_SKETCH_EXACT ? 0.0 : RS_SKETCH_ALPHA;
            tu_assert_near(p[k], exact, (accuracy + 1e-9) * fabs(exact));
            assert_true(deals[k] == floor(deals[k]) && deals[k] > 0);
        }
        rs_fs_remove(dir); /* removes exactly what the run wrote */
        assert_int_equal(access(dir, F_OK), -1);
        free(net);
        rs_outcome_free(o);
        rs_model_free(m);
        rs_layout_free(&l);
        rs_results_free(r);
        rs_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moments_merge_equals_sequence),
        cmocka_unit_test(test_pair_moments),
        cmocka_unit_test(test_pair_interval_equal_pairs),
        cmocka_unit_test(test_pair_interval_few_differing_covers),
        cmocka_unit_test(test_pair_interval_one_direction),
        cmocka_unit_test(test_pair_interval_many_differing_is_normal),
        cmocka_unit_test(test_pair_interval_merge),
        cmocka_unit_test(test_sketch_quantiles_within_alpha),
        cmocka_unit_test(test_sketch_zero_and_merge),
        cmocka_unit_test(test_sketch_clamped_to_seen_range),
        cmocka_unit_test(test_sketch_negative_values),
        cmocka_unit_test(test_sketch_near_zero_within_range),
        cmocka_unit_test(test_sketch_merge_signs),
        cmocka_unit_test(test_sketch_exact_few_values),
        cmocka_unit_test(test_sketch_exact_overflow),
        cmocka_unit_test(test_sketch_merge_order),
        cmocka_unit_test(test_sketch_each_either_way),
        cmocka_unit_test(test_median_interval_both_ways),
        cmocka_unit_test(test_run_negative_and_whole_percentiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
