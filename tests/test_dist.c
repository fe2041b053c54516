/* test_dist.c: the distributions a key may be given as, against their
 * definitions and GSL: 200,000 inversions of fixed-seed uniforms have the
 * exact mean (within 4 standard errors) and the exact distribution function
 * at its 5 to 95 % quantiles (within 4 binomial standard errors), the
 * truncated ones renormalised over the key's range; the quantile inverts
 * the exact distribution function, rises with p, stays within the range
 * and reaches its ends; the exact means agree with numerical integration;
 * the beta quantile inverts GSL's beta distribution function for PERT's
 * shapes and the F distribution's; a degenerate distribution is one value. */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "dist.h"
#include "rampsim/stats.h"

#define N 200000

typedef struct dist_case {
    const char *what;
    rs_uncertain u;
} dist_case;

/* High-entropy arguments. The truncations bite: normal(0.3, 0.4) loses
 * 23 % below 0 and 4 % above 1; lognormal(1, 2) (sigma 1.27) 3.5 % below
 * 0.1 and as much above 10; lognormal(2.385, 0.8) (sigma 0.70) 23 % above
 * 4 and nothing below 0. The last normal is barely truncated at all. */
static const dist_case cases[] = {
    {"uniform(0.4137, 2.385)", {.kind = RS_DIST_UNIFORM, .args = {0.4137, 2.385}, .low = 0.0, .high = 5.0}},
    {"triangular(0.4137, 0.9, 2.385)",
     {.kind = RS_DIST_TRIANGULAR, .args = {0.4137, 0.9, 2.385}, .low = 0.0, .high = 5.0}},
    {"triangular(0.4137, 2.385, 2.385)",
     {.kind = RS_DIST_TRIANGULAR, .args = {0.4137, 2.385, 2.385}, .low = 0.0, .high = 5.0}},
    {"pert(0.4137, 0.9, 2.385)", {.kind = RS_DIST_PERT, .args = {0.4137, 0.9, 2.385}, .low = 0.0, .high = 5.0}},
    {"pert(1.26, 2.97, 3.33)", {.kind = RS_DIST_PERT, .args = {1.26, 2.97, 3.33}, .low = 0.0, .high = 5.0}},
    {"pert(0.4137, 0.4137, 2.385)",
     {.kind = RS_DIST_PERT, .args = {0.4137, 0.4137, 2.385}, .low = 0.0, .high = 5.0}},
    {"lognormal(1, 2) on [0.1, 10]", {.kind = RS_DIST_LOGNORMAL, .args = {1.0, 2.0}, .low = 0.1, .high = 10.0}},
    {"lognormal(2.385, 0.8) on [0, 4]",
     {.kind = RS_DIST_LOGNORMAL, .args = {2.385, 0.8}, .low = 0.0, .high = 4.0}},
    {"normal(0.3, 0.4) on [0, 1]", {.kind = RS_DIST_NORMAL, .args = {0.3, 0.4}, .low = 0.0, .high = 1.0}},
    {"normal(2.385, 0.4137) on [0, 10]",
     {.kind = RS_DIST_NORMAL, .args = {2.385, 0.4137}, .low = 0.0, .high = 10.0}},
};
#define CASES (sizeof cases / sizeof cases[0])

/* tu_assert_near, naming the case and the quantity it checks. */
#define assert_near_in(c, quantity, actual, expected, tolerance)                                              \
    assert_near_named((c)->what, (quantity), (actual), (expected), (tolerance), __FILE__, __LINE__)
static void assert_near_named(const char *name, const char *quantity, double actual, double expected,
                              double tolerance, const char *file, int line)
{
    char what[200];
    snprintf(what, sizeof what, "%s: %s", name, quantity);
    tu_assert_near_impl(actual, expected, tolerance, what, file, line);
}

/* The definitions, written out from the key's documentation: PERT is a
 * beta(1 + 4 (m - a) / (b - a), 1 + 4 (b - m) / (b - a)) on [a, b]; a
 * lognormal(median, cv) has mu = log median and cv^2 = exp(sigma^2) - 1. */
static void pert_shapes(const double *a, double *alpha, double *beta)
{
    *alpha = 1.0 + 4.0 * (a[1] - a[0]) / (a[2] - a[0]);
    *beta = 1.0 + 4.0 * (a[2] - a[1]) / (a[2] - a[0]);
}

static double lognormal_sigma(double cv)
{
    return sqrt(log(1.0 + cv * cv));
}

static bool truncated(const rs_uncertain *u)
{
    return u->kind == RS_DIST_LOGNORMAL || u->kind == RS_DIST_NORMAL;
}

static double triangular_cdf(double x, double a, double m, double b)
{
    if (x <= a)
        return 0.0;
    if (x >= b)
        return 1.0;
    return x <= m ? (x - a) * (x - a) / ((b - a) * (m - a)) : 1.0 - (b - x) * (b - x) / ((b - a) * (b - m));
}

/* The untruncated lognormal's or normal's distribution function. */
static double parent_cdf(const rs_uncertain *u, double x)
{
    if (u->kind == RS_DIST_LOGNORMAL)
        return x <= 0.0 ? 0.0 : gsl_cdf_lognormal_P(x, log(u->args[0]), lognormal_sigma(u->args[1]));
    return gsl_cdf_gaussian_P(x - u->args[0], u->args[1]);
}

/* The mass the key's range keeps of the untruncated distribution. */
static double kept_mass(const rs_uncertain *u)
{
    return parent_cdf(u, u->high) - parent_cdf(u, u->low);
}

static double exact_cdf(const rs_uncertain *u, double x)
{
    const double *a = u->args;
    double alpha, beta;
    switch (u->kind) {
    case RS_DIST_UNIFORM:
        return gsl_cdf_flat_P(x, a[0], a[1]);
    case RS_DIST_TRIANGULAR:
        return triangular_cdf(x, a[0], a[1], a[2]);
    case RS_DIST_PERT:
        pert_shapes(a, &alpha, &beta);
        return gsl_cdf_beta_P((x - a[0]) / (a[2] - a[0]), alpha, beta);
    default:
        if (x <= u->low)
            return 0.0;
        if (x >= u->high)
            return 1.0;
        return (parent_cdf(u, x) - parent_cdf(u, u->low)) / kept_mass(u);
    }
}

static double exact_pdf(double x, const rs_uncertain *u)
{
    const double *a = u->args;
    double alpha, beta;
    switch (u->kind) {
    case RS_DIST_UNIFORM:
        return gsl_ran_flat_pdf(x, a[0], a[1]);
    case RS_DIST_TRIANGULAR:
        if (x < a[0] || x > a[2])
            return 0.0;
        return x <= a[1] ? 2.0 * (x - a[0]) / ((a[2] - a[0]) * (a[1] - a[0]))
                         : 2.0 * (a[2] - x) / ((a[2] - a[0]) * (a[2] - a[1]));
    case RS_DIST_PERT:
        pert_shapes(a, &alpha, &beta);
        return gsl_ran_beta_pdf((x - a[0]) / (a[2] - a[0]), alpha, beta) / (a[2] - a[0]);
    case RS_DIST_LOGNORMAL:
        return gsl_ran_lognormal_pdf(x, log(a[0]), lognormal_sigma(a[1])) / kept_mass(u);
    default:
        return gsl_ran_gaussian_pdf(x - a[0], a[1]) / kept_mass(u);
    }
}

/* The exact p quantile, by bisection of the exact distribution function
 * over the key's range, to the last bit. */
static double exact_quantile(const rs_uncertain *u, double p)
{
    double lo = u->low, hi = u->high;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        if (exact_cdf(u, mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* 200,000 inversions of a fixed-seed generator's uniforms: the sample
 * mean within 4 standard errors (the sample sd / sqrt(N)) of rs_dist_mean,
 * and the share at or below each exact 5, 25, 50, 75 and 95 % quantile
 * within 4 binomial standard errors sqrt(F (1 - F) / N) of the exact F. */
static void test_sample_against_definition(void **state)
{
    (void)state;
    static const double ps[] = {0.05, 0.25, 0.5, 0.75, 0.95};
    enum { POINTS = sizeof ps / sizeof ps[0] };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(rng);
    for (size_t c = 0; c < CASES; c++) {
        const dist_case *dc = &cases[c];
        gsl_rng_set(rng, 2385 + c);
        double at[POINTS], below[POINTS] = {0};
        for (int j = 0; j < POINTS; j++)
            at[j] = exact_quantile(&dc->u, ps[j]);
        rs_moments m = {0};
        for (int i = 0; i < N; i++) {
            double x = rs_dist_quantile(&dc->u, gsl_rng_uniform_pos(rng));
            rs_moments_add(&m, x);
            for (int j = 0; j < POINTS; j++)
                below[j] += x <= at[j];
        }
        assert_near_in(dc, "sample mean", m.mean, rs_dist_mean(&dc->u), 4.0 * rs_moments_stderr(&m));
        for (int j = 0; j < POINTS; j++) {
            double f = exact_cdf(&dc->u, at[j]);
            char what[64];
            snprintf(what, sizeof what, "share at or below the %g quantile", ps[j]);
            assert_near_in(dc, what, below[j] / N, f, 4.0 * sqrt(f * (1.0 - f) / N));
        }
    }
    gsl_rng_free(rng);
}

/* The exact distribution function at the quantile gives p back: the
 * inversion's only error is rounding (a few 1e-16, over a truncated
 * distribution's kept mass of at least 0.7; 1e-11 leaves room). */
static void test_quantile_inverts_exact_cdf(void **state)
{
    (void)state;
    for (size_t c = 0; c < CASES; c++) {
        const dist_case *dc = &cases[c];
        for (int i = 0; i <= 1000; i++) {
            double p = i == 0 ? 1e-6 : (i == 1000 ? 1.0 - 1e-6 : i / 1000.0);
            char what[64];
            snprintf(what, sizeof what, "F(Q(%g))", p);
            assert_near_in(dc, what, exact_cdf(&dc->u, rs_dist_quantile(&dc->u, p)), p, 1e-11);
        }
    }
}

static double x_pdf(double x, void *params)
{
    return x * exact_pdf(x, params);
}

/* The mean by adaptive integration of x f(x) over the support, in pieces
 * at the mode where the density has a kink. */
static double integrated_mean(const rs_uncertain *u)
{
    double cut[3];
    int n = 0;
    if (truncated(u)) {
        cut[n++] = u->low;
        cut[n++] = u->high;
    } else {
        int arity = rs_dist_arity(u->kind);
        for (int i = 0; i < arity; i++)
            cut[n++] = u->args[i];
    }
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    assert_non_null(w);
    gsl_function f = {x_pdf, (void *)u};
    double total = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        double piece = 0.0, error = 0.0;
        if (cut[i + 1] > cut[i])
            assert_int_equal(gsl_integration_qags(&f, cut[i], cut[i + 1], 0.0, 1e-12, 1000, w, &piece, &error), 0);
        total += piece;
    }
    gsl_integration_workspace_free(w);
    return total;
}

/* rs_dist_mean, in closed form (the truncated ones' from the normal
 * distribution function), against the integral (asked of GSL to 1e-12
 * relative) to 1e-10 relative. */
static void test_mean_against_integration(void **state)
{
    (void)state;
    for (size_t c = 0; c < CASES; c++) {
        double integral = integrated_mean(&cases[c].u);
        assert_near_in(&cases[c], "mean", rs_dist_mean(&cases[c].u), integral, 1e-10 * fabs(integral));
    }
    /* the closed forms as the documentation gives them */
    tu_assert_near(rs_dist_mean(&cases[1].u), (0.4137 + 0.9 + 2.385) / 3.0, 1e-15);
    tu_assert_near(rs_dist_mean(&cases[3].u), (0.4137 + 4.0 * 0.9 + 2.385) / 6.0, 1e-15);
}

static int ascending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Over a fine grid of p, and on to 5e-16 of either end, the quantile never
 * falls and stays within the key's range; at p = 0 and 1 (the limits of
 * the open interval it is given) it is the smallest and largest value
 * rs_dist_min and rs_dist_max give: the first and last arguments of the
 * bounded kinds, the key's range for the truncated ones. */
static void test_quantile_monotone_within_range(void **state)
{
    (void)state;
    enum { GRID = 20000, TAIL = 15 };
    static double ps[GRID + 1 + 2 * TAIL];
    size_t n = 0;
    for (int k = TAIL; k >= 1; k--)
        ps[n++] = pow(10.0, -k) / 2;
    for (int i = 0; i <= GRID; i++)
        ps[n++] = (double)i / GRID;
    for (int k = 1; k <= TAIL; k++)
        ps[n++] = 1.0 - pow(10.0, -k) / 2;
    qsort(ps, n, sizeof ps[0], ascending);
    for (size_t c = 0; c < CASES; c++) {
        const rs_uncertain *u = &cases[c].u;
        double min = truncated(u) ? u->low : u->args[0];
        double max = truncated(u) ? u->high : u->args[rs_dist_arity(u->kind) - 1];
        assert_near_in(&cases[c], "rs_dist_min", rs_dist_min(u), min, 0);
        assert_near_in(&cases[c], "rs_dist_max", rs_dist_max(u), max, 0);
        double width = max - min, last = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            double x = rs_dist_quantile(u, ps[i]);
            if (!(x >= last && x >= u->low && x <= u->high))
                fail_msg("%s: Q(%.17g) = %.17g after %.17g, range [%g, %g]", cases[c].what, ps[i], x, last, u->low,
                         u->high);
            last = x;
        }
        /* PERT's beta quantile stops once |F(q) - p| < 1e-15: at p = 0 (or
         * 1) it may stop anywhere below its 1e-15 quantile (or above its
         * 1 - 1e-15 one) */
        bool pert = u->kind == RS_DIST_PERT;
        double at_0 = pert ? exact_quantile(u, 1e-15) - min : 1e-12 * width;
        double at_1 = pert ? max - exact_quantile(u, 1.0 - 1e-15) : 1e-12 * width;
        assert_near_in(&cases[c], "Q(0)", rs_dist_quantile(u, 0.0), min, at_0);
        assert_near_in(&cases[c], "Q(1)", rs_dist_quantile(u, 1.0), max, at_1);
    }
}

/* |F(q) - p| for q = rs_beta_quantile(p), against what it may be: 1e-10,
 * and in the lower tail 1e-10 p (a tail quantile is accurate relatively),
 * plus what one rounding of q moves F by. */
static void check_beta_inverse(double p, double alpha, double beta)
{
    double q = rs_beta_quantile(p, alpha, beta);
    double f = gsl_cdf_beta_P(q, alpha, beta);
    double slack = 2.0 * DBL_EPSILON * q * gsl_ran_beta_pdf(q, alpha, beta);
    double tolerance = (p < 0.5 ? 1e-10 * p : 1e-10) + slack;
    if (!(q >= 0.0 && q <= 1.0 && fabs(f - p) <= tolerance))
        fail_msg("beta(%g, %g): quantile %.17g at p = %.17g has F = %.17g (|F - p| %.3g, at most %.3g)", alpha,
                 beta, q, p, f, fabs(f - p), tolerance);
}

static const double beta_ps[] = {1e-10, 1e-6, 1e-3, 0.025, 0.1, 0.2385, 0.5, 0.7, 0.9, 0.975, 0.999,
                                 1.0 - 1e-6, 1.0 - 1e-10};
#define BETA_PS (sizeof beta_ps / sizeof beta_ps[0])

/* PERT's shapes run from 1 to 5 (a mode at either end to the middle). */
static void test_beta_quantile_pert_shapes(void **state)
{
    (void)state;
    static const double shapes[] = {1.0, 1.4137, 2.385, 3.6, 5.0};
    enum { SHAPES = sizeof shapes / sizeof shapes[0] };
    for (int i = 0; i < SHAPES; i++)
        for (int j = 0; j < SHAPES; j++)
            for (size_t k = 0; k < BETA_PS; k++)
                check_beta_inverse(beta_ps[k], shapes[i], shapes[j]);
}

/* The F(df1, df2) quantiles of the inputs' share interval are beta
 * quantiles of shapes df1 / 2 and df2 / 2: groups less one (2 to 399
 * here) and replications less groups (6 to a million). */
static void test_beta_quantile_f_shapes(void **state)
{
    (void)state;
    static const double df1[] = {2.0, 15.0, 399.0}, df2[] = {6.0, 6000.0, 1e6};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            for (size_t k = 0; k < BETA_PS; k++)
                check_beta_inverse(beta_ps[k], 0.5 * df1[i], 0.5 * df2[j]);
    /* an F quantile GSL inverts itself */
    double x = rs_beta_quantile(0.975, 7.5, 5e5);
    tu_assert_near(5e5 * x / (7.5 * (1.0 - x)), gsl_cdf_fdist_Pinv(0.975, 15.0, 1e6), 1e-9);
}

/* With no spread a distribution is its one value, for any p. */
static void test_degenerate(void **state)
{
    (void)state;
    const double x = 2.385;
    const rs_uncertain one[] = {
        {.kind = RS_DIST_UNIFORM, .args = {x, x}, .low = 0.0, .high = 5.0},
        {.kind = RS_DIST_TRIANGULAR, .args = {x, x, x}, .low = 0.0, .high = 5.0},
        {.kind = RS_DIST_PERT, .args = {x, x, x}, .low = 0.0, .high = 5.0},
        {.kind = RS_DIST_NORMAL, .args = {x, 0.0}, .low = 0.0, .high = 5.0},
        {.kind = RS_DIST_LOGNORMAL, .args = {x, 0.0}, .low = 0.0, .high = 5.0},
    };
    static const double ps[] = {0.0, 1e-10, 0.4137, 0.5, 1.0 - 1e-10, 1.0};
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        for (size_t j = 0; j < sizeof ps / sizeof ps[0]; j++)
            tu_assert_near(rs_dist_quantile(&one[i], ps[j]), x, 0);
        tu_assert_near(rs_dist_mean(&one[i]), x, 4 * DBL_EPSILON);
        tu_assert_near(rs_dist_min(&one[i]), x, 0);
        tu_assert_near(rs_dist_max(&one[i]), x, 0);
    }
}

/* Quantiles far in the lower tail, below 1e-15 (where an absolute stopping
 * rule would stop early): F(q) / p within 1e-10 of 1. */
static void test_beta_quantile_tiny(void **state)
{
    (void)state;
    static const double tiny[][3] = {{1e-10, 0.5, 3.0}, {1e-6, 0.5, 5e5}, {1e-12, 0.5, 0.5},
                                     {1e-20, 1.987, 4.013}, {1e-300, 2.385, 3.6}};
    for (size_t i = 0; i < sizeof tiny / sizeof tiny[0]; i++) {
        double p = tiny[i][0], a = tiny[i][1], b = tiny[i][2];
        double q = rs_beta_quantile(p, a, b);
        tu_assert_near(gsl_cdf_beta_P(q, a, b) / p, 1.0, 1e-10);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_against_definition),
        cmocka_unit_test(test_quantile_inverts_exact_cdf),
        cmocka_unit_test(test_mean_against_integration),
        cmocka_unit_test(test_quantile_monotone_within_range),
        cmocka_unit_test(test_beta_quantile_pert_shapes),
        cmocka_unit_test(test_beta_quantile_f_shapes),
        cmocka_unit_test(test_beta_quantile_tiny),
        cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
