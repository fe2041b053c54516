/* test_stats.c: moments merge like one sequence; the interval of a mean
 * difference is zero-width only for equal pairs, covers the true mean with
 * a handful of differing pairs and is the normal one with many; sketch
 * percentiles are within their stated relative error; merging sketches is
 * exact. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "rampsim/rng.h"
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
    assert_float_equal(a.n, all.n, 0);
    assert_float_equal(a.mean, all.mean, 1e-9 * all.mean);
    assert_float_equal(rs_moments_variance(&a), rs_moments_variance(&all), 1e-9 * rs_moments_variance(&all));
    /* the exact two-pass figures */
    double mean = 0, ss = 0;
    for (unsigned i = 0; i < 1000; i++)
        mean += sample(i) / 1000;
    for (unsigned i = 0; i < 1000; i++)
        ss += (sample(i) - mean) * (sample(i) - mean);
    assert_float_equal(all.mean, mean, 1e-9 * mean);
    assert_float_equal(rs_moments_variance(&all), ss / 999, 1e-9 * ss / 999);
    assert_float_equal(rs_moments_stderr(&all), sqrt(ss / 999 / 1000), 1e-9);
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
    assert_float_equal(x.mean_a, sa / 1000, 1e-9 * sa / 1000);
    assert_float_equal(x.mean_b, all.mean_b, 1e-9 * all.mean_b);
    assert_float_equal(x.c_ab, all.c_ab, 1e-9 * fabs(all.c_ab));
    assert_float_equal(x.b_above, all.b_above, 0);
    /* two-pass figures for the difference and the ratio */
    double ma = sa / 1000, mb = sb / 1000, vd = 0, va = 0, vb = 0, c = 0;
    for (unsigned i = 0; i < 1000; i++) {
        double a = sample(i), b = 1.3 * sample(i) + sample(i + 7) * 0.1;
        vd += ((b - a) - (mb - ma)) * ((b - a) - (mb - ma)) / 999;
        va += (a - ma) * (a - ma) / 999;
        vb += (b - mb) * (b - mb) / 999;
        c += (a - ma) * (b - mb) / 999;
    }
    assert_float_equal(rs_pair_difference_stderr(&x), sqrt(vd / 1000), 1e-9);
    double r = mb / ma;
    assert_float_equal(rs_pair_ratio(&x), r, 1e-12);
    assert_float_equal(rs_pair_ratio_stderr(&x), sqrt((vb - 2 * r * c + r * r * va) / (ma * ma) / 1000), 1e-9);
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
    assert_float_equal(rs_sketches_quantile(all, 0, 0.2), 0.0, 0);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
