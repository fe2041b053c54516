/* test_stats.c: moments merge like one sequence; sketch percentiles are
 * within their stated relative error; merging sketches is exact. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

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
        cmocka_unit_test(test_sketch_quantiles_within_alpha),
        cmocka_unit_test(test_sketch_zero_and_merge),
        cmocka_unit_test(test_sketch_clamped_to_seen_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
