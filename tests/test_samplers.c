/* test_samplers.c: the inversion samplers against GSL's distributions:
 * means and variances within 4 standard errors, and a chi-square
 * goodness-of-fit test (p > 0.001) on 200,000 draws each. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#include "rng.h"
#include "samplers.h"

#define N 200000

/* The i-th uniform of a test stream. */
static double uniform(uint32_t i)
{
    rs_stream s;
    rs_stream_start(&s, rs_rng_key(2385), i, RS_RNG_TEST, 0, 0, 0);
    return rs_stream_uniform(&s);
}

/* Mean and variance of draws against the distribution's, within 4 SE;
 * kurtosis gives the standard error of the variance. */
static void check_moments(const double *x, double mean, double var, double excess_kurtosis, const char *what)
{
    double m = 0, v = 0;
    for (int i = 0; i < N; i++)
        m += x[i] / N;
    for (int i = 0; i < N; i++)
        v += (x[i] - m) * (x[i] - m) / (N - 1);
    if (fabs(m - mean) > 4 * sqrt(var / N))
        fail_msg("%s: mean %.6g, expected %.6g +- %.3g", what, m, mean, 4 * sqrt(var / N));
    double se_var = var * sqrt((excess_kurtosis + 2.0) / N);
    if (fabs(v - var) > 4 * se_var)
        fail_msg("%s: variance %.6g, expected %.6g +- %.3g", what, v, var, 4 * se_var);
}

/* Chi-square test of continuous draws in 50 cells of equal probability
 * under the distribution function cdf. */
static void check_fit(const double *x, double (*cdf)(double, const double *), const double *params,
                      const char *what)
{
    enum { CELLS = 50 };
    double counts[CELLS] = {0};
    for (int i = 0; i < N; i++) {
        int c = (int)(cdf(x[i], params) * CELLS);
        counts[c < CELLS ? c : CELLS - 1]++;
    }
    double chi2 = 0, expected = (double)N / CELLS;
    for (int c = 0; c < CELLS; c++)
        chi2 += (counts[c] - expected) * (counts[c] - expected) / expected;
    double p = gsl_cdf_chisq_Q(chi2, CELLS - 1);
    if (p < 1e-3)
        fail_msg("%s: chi2 %.1f on %d df, p = %.2g", what, chi2, CELLS - 1, p);
}

static double gamma_cdf(double x, const double *params)
{
    return gsl_cdf_gamma_P(x, params[0], 1.0 / params[0]);
}

static double lognormal_cdf(double x, const double *params)
{
    double sigma = params[0];
    return gsl_cdf_lognormal_P(x, -0.5 * sigma * sigma, sigma);
}

static void test_gamma(void **state)
{
    (void)state;
    double shapes[] = {4.0, 1.0 / (0.8 * 0.8), 0.25}; /* cycle CV 0.5 (default), 0.8, 2 (the cap) */
    double *x = malloc(N * sizeof *x);
    rs_quantile_table *t = malloc(sizeof *t);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        double k = shapes[s];
        rs_quantile_table_gamma(t, k);
        for (int i = 0; i < N; i++)
            x[i] = rs_quantile(t, uniform((uint32_t)i));
        /* mean 1, variance 1/k, excess kurtosis 6/k */
        check_moments(x, 1.0, 1.0 / k, 6.0 / k, "gamma");
        check_fit(x, gamma_cdf, &k, "gamma");
        /* the table agrees with GSL's quantile everywhere, tails included */
        double tolerance = k >= 1.0 ? 1e-5 : 1e-4;
        double probes[] = {1e-9, 3.7e-7, 2.385e-4, 0.0156, 0.0157, 0.2385, 0.5, 0.9843, 0.99977, 1 - 4.1e-8};
        for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
            double exact = gsl_cdf_gamma_Pinv(probes[p], k, 1 / k);
            tu_assert_near(rs_quantile(t, probes[p]), exact, tolerance * exact);
        }
        for (double u = 0.0003; u < 1; u += 0.00987) {
            double exact = gsl_cdf_gamma_Pinv(u, k, 1 / k);
            tu_assert_near(rs_quantile(t, u), exact, tolerance * exact);
        }
    }
    free(t);
    free(x);
}

/* Shapes in the thousands and beyond (pipeline.cycle_cv down to 0, where
 * GSL's own inverse fails): the quantile agrees with GSL's inverse where
 * that still converges, inverts GSL's distribution function where that
 * still works, and has mean 1 and variance 1/k everywhere. */
static void test_gamma_large_shapes(void **state)
{
    (void)state;
    double shapes[] = {1500.0, 2.385e4, 9.9e4, 1.0 / (0.0007 * 0.0007), 1e12};
    double *x = malloc(N * sizeof *x);
    rs_quantile_table *t = malloc(sizeof *t);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        double k = shapes[s];
        rs_quantile_table_gamma(t, k);
        double previous = 0.0;
        for (double u = 1e-9; u < 1; u += 0.00987) {
            double q = rs_quantile(t, u);
            assert_true(q > previous); /* monotone */
            previous = q;
            if (k == 1500.0)
                tu_assert_near(q, gsl_cdf_gamma_Pinv(u, k, 1 / k), 1e-5 * q);
            else if (k < 1e5) /* a relative error of 1e-5 in q moves P by its density times that */
                tu_assert_near(gsl_cdf_gamma_P(q, k, 1 / k), u, gsl_ran_gamma_pdf(q, k, 1 / k) * 1e-5 * q);
        }
        for (int i = 0; i < N; i++)
            x[i] = rs_quantile(t, uniform((uint32_t)i));
        check_moments(x, 1.0, 1.0 / k, 6.0 / k, "large gamma");
    }
    free(t);
    free(x);
}

static void test_lognormal(void **state)
{
    (void)state;
    double *x = malloc(N * sizeof *x);
    rs_quantile_table *t = malloc(sizeof *t);
    double cvs[] = {0.8, 0.25};
    for (size_t c = 0; c < 2; c++) {
        double sigma = sqrt(log1p(cvs[c] * cvs[c]));
        rs_quantile_table_lognormal(t, sigma);
        for (int i = 0; i < N; i++)
            x[i] = rs_quantile(t, uniform((uint32_t)i));
        double w = exp(sigma * sigma);
        /* mean 1, variance cv^2, excess kurtosis w^4 + 2w^3 + 3w^2 - 6 */
        check_moments(x, 1.0, cvs[c] * cvs[c], w * w * w * w + 2 * w * w * w + 3 * w * w - 6, "lognormal");
        check_fit(x, lognormal_cdf, &sigma, "lognormal");
        for (double u = 1e-9; u < 1; u = u < 0.01 ? u * 7.3 : u + 0.0123) {
            double exact = gsl_cdf_lognormal_Pinv(u, -0.5 * sigma * sigma, sigma);
            tu_assert_near(rs_quantile(t, u), exact, 1e-5 * exact);
        }
    }
    rs_quantile_table_lognormal(t, 0.0);
    tu_assert_near(rs_quantile(t, 0.2385), 1.0, 1e-15);
    free(t);
    free(x);
}

/* Poisson by inversion against GSL's probabilities, small and large means
 * (test_sampler_tables.c holds the model's table to this function). */
static void check_poisson(double mu)
{
    enum { K = 120 };
    double *counts = calloc(K, sizeof *counts), sum = 0, sum2 = 0;
    for (int i = 0; i < N; i++) {
        double u = uniform((uint32_t)i);
        unsigned k = rs_poisson_quantile(mu, u);
        sum += k;
        sum2 += (k - mu) * (k - mu);
        counts[k < K ? k : K - 1]++;
    }
    tu_assert_near(sum / N, mu, 4 * sqrt(mu / N));
    tu_assert_near(sum2 / N, mu, 4 * mu * sqrt((1 / mu + 2.0) / N));
    /* pool neighbouring cells until each expects at least 5 */
    double chi2 = 0, obs = 0, exp_ = 0, rest = N;
    int cells = 0;
    for (int k = 0; k < K; k++) {
        double e = k < K - 1 ? N * gsl_ran_poisson_pdf((unsigned)k, mu) : N * gsl_cdf_poisson_Q(K - 2, mu);
        obs += counts[k];
        exp_ += e;
        rest -= e;
        if ((exp_ >= 5 && rest >= 5) || k == K - 1) {
            chi2 += (obs - exp_) * (obs - exp_) / exp_;
            obs = exp_ = 0;
            cells++;
        }
    }
    double p = gsl_cdf_chisq_Q(chi2, cells - 1);
    if (p < 1e-3)
        fail_msg("poisson(%g): chi2 %.1f on %d df, p = %.2g", mu, chi2, cells - 1, p);
    free(counts);
}

static void test_poisson(void **state)
{
    (void)state;
    check_poisson(2.385);
    check_poisson(0.173);
    check_poisson(19.7);
    check_poisson(41.7);
    assert_int_equal(rs_poisson_quantile(0.0, 0.5), 0);
    /* a huge mean does not underflow: the quantiles of Poisson(5000) are
     * GSL's, the smallest k with P(N <= k) >= u */
    const double us[] = {1e-6, 0.02385, 0.5, 0.97615, 1 - 1e-6};
    for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
        unsigned k = rs_poisson_quantile(5000.0, us[i]);
        assert_true(gsl_cdf_poisson_P(k, 5000.0) >= us[i] && gsl_cdf_poisson_P(k - 1, 5000.0) < us[i]);
    }
}

/* From the same uniform a larger mean never gives fewer events, a longer
 * mean cycle never a shorter one: the coupling behind paired comparisons. */
static void test_monotone_in_parameters(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        double u = uniform((uint32_t)i);
        assert_true(rs_poisson_quantile(2.385 * 1.8, u) >= rs_poisson_quantile(2.385, u));
        assert_true(rs_poisson_quantile(41.7, u) >= rs_poisson_quantile(33.1, u));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gamma),
        cmocka_unit_test(test_gamma_large_shapes),
        cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_poisson),
        cmocka_unit_test(test_monotone_in_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
