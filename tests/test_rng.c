/* test_rng.c: the counter-based streams are reproducible, independent of
 * each other, and their samplers have the right distributions. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>

#include "rampsim/rng.h"

#define N 200000

static void test_same_coordinates_same_numbers(void **state)
{
    (void)state;
    rs_rng *a = rs_rng_new(2385), *b = rs_rng_new(2385);
    rs_rng_select(a, 42, RS_RNG_LEAD, 3, 17, 5);
    double first[8];
    for (int i = 0; i < 8; i++)
        first[i] = rs_rng_uniform(a);
    /* other draws in between, on another generator and on this one */
    rs_rng_select(b, 7, RS_RNG_LEADS, 1, -20, 0);
    (void)rs_rng_uniform(b);
    rs_rng_select(a, 1, RS_RNG_SKILL, 0, 0, 0);
    (void)rs_rng_normal(a);
    rs_rng_select(b, 42, RS_RNG_LEAD, 3, 17, 5);
    for (int i = 0; i < 8; i++)
        assert_true(rs_rng_uniform(b) == first[i]);
    rs_rng_free(a);
    rs_rng_free(b);
}

static void test_coordinates_and_seeds_differ(void **state)
{
    (void)state;
    rs_rng *g = rs_rng_new(2385), *h = rs_rng_new(2386);
    double base;
    rs_rng_select(g, 42, RS_RNG_LEAD, 3, 17, 5);
    base = rs_rng_uniform(g);
    unsigned coords[6][5] = {{43, RS_RNG_LEAD, 3, 17, 5}, {42, RS_RNG_LEADS, 3, 17, 5}, {42, RS_RNG_LEAD, 4, 17, 5},
                             {42, RS_RNG_LEAD, 3, 18, 5}, {42, RS_RNG_LEAD, 3, 17, 6}, {42, RS_RNG_LEAD, 3, 17, 5}};
    for (int i = 0; i < 5; i++) {
        rs_rng_select(g, coords[i][0], (rs_purpose)coords[i][1], coords[i][2], (int)coords[i][3], coords[i][4]);
        assert_true(rs_rng_uniform(g) != base);
    }
    rs_rng_select(h, 42, RS_RNG_LEAD, 3, 17, 5);
    assert_true(rs_rng_uniform(h) != base);
    /* negative (warm-up) weeks are distinct from positive ones */
    rs_rng_select(g, 42, RS_RNG_LEAD, 3, -17, 5);
    assert_true(rs_rng_uniform(g) != base);
    rs_rng_free(g);
    rs_rng_free(h);
}

/* Mean within 4 standard errors. */
static void assert_mean(double sum, double n, double mean, double sd, const char *what)
{
    double se = sd / sqrt(n);
    if (fabs(sum / n - mean) > 4 * se)
        fail_msg("%s: mean %.6g, expected %.6g +- %.3g", what, sum / n, mean, 4 * se);
}

static void test_uniform_and_normal_moments(void **state)
{
    (void)state;
    rs_rng *g = rs_rng_new(99);
    double su = 0, sz = 0, sz2 = 0;
    for (int i = 0; i < N; i++) {
        rs_rng_select(g, (uint32_t)i, RS_RNG_LEAD, 0, 0, 0);
        double u = rs_rng_uniform(g);
        assert_true(u > 0 && u < 1);
        su += u;
        double z = rs_rng_normal(g);
        sz += z;
        sz2 += z * z;
    }
    assert_mean(su, N, 0.5, sqrt(1.0 / 12), "uniform");
    assert_mean(sz, N, 0.0, 1.0, "normal");
    assert_mean(sz2, N, 1.0, sqrt(2.0), "normal^2");
    rs_rng_free(g);
}

/* Chi-square goodness of fit of the Poisson sampler against the exact
 * probabilities, for a small mean (inversion) and a large one (GSL). */
static void check_poisson(double mu)
{
    rs_rng *g = rs_rng_new(7);
    enum { K = 80 };
    double counts[K] = {0}, sum = 0;
    for (int i = 0; i < N; i++) {
        rs_rng_select(g, (uint32_t)i, RS_RNG_LEADS, 2, 3, 0);
        unsigned k = rs_rng_poisson(g, mu);
        sum += k;
        counts[k < K ? k : K - 1]++;
    }
    assert_mean(sum, N, mu, sqrt(mu), "poisson");
    /* expected counts: k = 0 .. K-2, and the tail k >= K-1 */
    double expected[K];
    for (int k = 0; k < K - 1; k++)
        expected[k] = N * gsl_ran_poisson_pdf((unsigned)k, mu);
    expected[K - 1] = N * gsl_cdf_poisson_Q(K - 2, mu);
    /* pool neighbouring cells until each expects at least 5 */
    double chi2 = 0, obs = 0, exp_ = 0, rest = N;
    int cells = 0;
    for (int k = 0; k < K; k++) {
        obs += counts[k];
        exp_ += expected[k];
        rest -= expected[k];
        if ((exp_ >= 5 && rest >= 5) || k == K - 1) {
            chi2 += (obs - exp_) * (obs - exp_) / exp_;
            obs = exp_ = 0;
            cells++;
        }
    }
    int df = cells - 1;
    double p = gsl_cdf_chisq_Q(chi2, df);
    if (p < 1e-3)
        fail_msg("poisson(%g): chi2 %.1f on %d df, p = %.2g", mu, chi2, df, p);
    rs_rng_free(g);
}

static void test_poisson_distribution(void **state)
{
    (void)state;
    check_poisson(2.385);
    check_poisson(0.173);
    check_poisson(41.7);
    rs_rng *g = rs_rng_new(1);
    assert_int_equal(rs_rng_poisson(g, 0.0), 0);
    rs_rng_free(g);
}

/* From the same stream a larger mean never gives fewer leads: the coupling
 * that makes paired comparisons of scenarios precise. */
static void test_poisson_is_monotone_in_the_mean(void **state)
{
    (void)state;
    rs_rng *g = rs_rng_new(5);
    for (int i = 0; i < 20000; i++) {
        rs_rng_select(g, (uint32_t)i, RS_RNG_LEADS, 0, 0, 0);
        unsigned a = rs_rng_poisson(g, 2.385);
        rs_rng_select(g, (uint32_t)i, RS_RNG_LEADS, 0, 0, 0);
        unsigned b = rs_rng_poisson(g, 2.385 * 1.8);
        assert_true(b >= a);
    }
    rs_rng_free(g);
}

static void test_gamma_moments(void **state)
{
    (void)state;
    rs_rng *g = rs_rng_new(11);
    double shape = 4.0, s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        rs_rng_select(g, (uint32_t)i, RS_RNG_LEAD, 1, 1, 1);
        double x = rs_rng_gamma(g, shape);
        s += x;
        s2 += (x - shape) * (x - shape);
    }
    assert_mean(s, N, shape, sqrt(shape), "gamma");
    /* variance = shape; the sd of (x - mean)^2 is sqrt(m4 - var^2) with m4 = 3k^2 + 6k */
    assert_mean(s2, N, shape, sqrt(3 * shape * shape + 6 * shape - shape * shape), "gamma variance");
    rs_rng_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_coordinates_same_numbers),
        cmocka_unit_test(test_coordinates_and_seeds_differ),
        cmocka_unit_test(test_uniform_and_normal_moments),
        cmocka_unit_test(test_poisson_distribution),
        cmocka_unit_test(test_poisson_is_monotone_in_the_mean),
        cmocka_unit_test(test_gamma_moments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
