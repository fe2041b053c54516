/* samplers.c: single-uniform inversion samplers (see samplers.h). */
#include "samplers.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdbool.h>

/* 1/k, correctly rounded: the recurrence p(k) = p(k-1) mu / k multiplies
 * by it, as a multiplication is several times faster than a division. */
static const double reciprocals[] = {
    0.0,       1.0,       1.0 / 2,   1.0 / 3,   1.0 / 4,   1.0 / 5,   1.0 / 6,   1.0 / 7,
    1.0 / 8,   1.0 / 9,   1.0 / 10,  1.0 / 11,  1.0 / 12,  1.0 / 13,  1.0 / 14,  1.0 / 15,
    1.0 / 16,  1.0 / 17,  1.0 / 18,  1.0 / 19,  1.0 / 20,  1.0 / 21,  1.0 / 22,  1.0 / 23,
    1.0 / 24,  1.0 / 25,  1.0 / 26,  1.0 / 27,  1.0 / 28,  1.0 / 29,  1.0 / 30,  1.0 / 31,
};

static inline double reciprocal(unsigned k)
{
    return k < sizeof reciprocals / sizeof reciprocals[0] ? reciprocals[k] : 1.0 / k;
}

/* Sequential search from 0 with p0 = exp(-mu): about mu + 1 steps. */
static unsigned search_from_zero(double mu, double p0, double u)
{
    double p = p0, cdf = p;
    unsigned k = 0;
    while (u > cdf && p > 0.0) {
        k++;
        p *= mu * reciprocal(k);
        cdf += p;
    }
    return k;
}

unsigned rs_poisson_quantile(double mu, double u)
{
    if (mu <= 0.0)
        return 0;
    if (mu < 30.0)
        return search_from_zero(mu, exp(-mu), u);
    /* Large means: start at the mode with GSL's exact CDF and walk, so
     * that exp(-mu) never underflows. */
    unsigned k = (unsigned)floor(mu);
    double cdf = gsl_cdf_poisson_P(k, mu), p = gsl_ran_poisson_pdf(k, mu);
    if (u <= cdf) {
        while (k > 0 && u <= cdf - p) {
            cdf -= p;
            p *= k / mu;
            k--;
        }
    } else {
        while (u > cdf && p > 0.0) {
            k++;
            p *= mu / k;
            cdf += p;
        }
    }
    return k;
}

/* GSL's gamma inverse stops converging for shapes in the thousands
 * (pipeline.cycle_cv below about 0.02): from this shape on, the quantile is
 * found by Newton's method on GSL's distribution function, from the
 * Wilson-Hilferty approximation, kept within a bracket that bisection
 * narrows whenever a step leaves it. */
#define GAMMA_LARGE_SHAPE 1000.0

#define GAMMA_HUGE_SHAPE 1e5

/* The Wilson-Hilferty approximation of the quantile of a gamma with mean 1:
 * the cube root of a gamma is nearly normal. Its relative error falls as
 * the shape grows: under 1e-7 from GAMMA_HUGE_SHAPE on (tests/test_samplers.c),
 * where GSL's distribution function itself gives up. */
static double gamma_wilson_hilferty(double u, double shape)
{
    double c = 1.0 / (9.0 * shape);
    double w = 1.0 - c + gsl_cdf_ugaussian_Pinv(u) * sqrt(c);
    return w > 0.0 ? w * w * w : 1e-300;
}

double rs_invert_cdf(double u, double x, double lo, double hi, const rs_cdf *d)
{
    for (int i = 0; i < 100; i++) {
        double f = d->cdf(x, d->a, d->b) - u;
        if (f == 0.0)
            return x;
        if (f < 0.0)
            lo = x;
        else
            hi = x;
        double density = d->pdf(x, d->a, d->b);
        double next = density > 0.0 ? x - f / density : NAN;
        if (!(next > lo && next < hi)) /* outside the bracket: bisect */
            next = isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * x;
        if (fabs(next - x) <= 4e-16 * x)
            return next;
        x = next;
    }
    return x;
}

static double gamma_large_quantile(double u, double shape)
{
    double x = gamma_wilson_hilferty(u, shape);
    if (shape >= GAMMA_HUGE_SHAPE)
        return x;
    const rs_cdf gamma = {gsl_cdf_gamma_P, gsl_ran_gamma_pdf, shape, 1.0 / shape};
    return rs_invert_cdf(u, x, 0.0, INFINITY, &gamma);
}

static double gamma_exact(double u, const double *params)
{
    if (params[0] >= GAMMA_LARGE_SHAPE)
        return gamma_large_quantile(u, params[0]);
    return gsl_cdf_gamma_Pinv(u, params[0], 1.0 / params[0]);
}

static double lognormal_exact(double u, const double *params)
{
    double sigma = params[0];
    return exp(sigma * gsl_cdf_ugaussian_Pinv(u) - 0.5 * sigma * sigma);
}

/* The tails' grid: log u from log(1e-10) to log(1/32). */
#define TAIL_LOW (-23.025850929940457) /* log(1e-10) */
#define TAIL_HIGH (-3.4657359027997265) /* log(1/32) */
#define TAIL_STEP ((TAIL_HIGH - TAIL_LOW) / RS_QUANTILE_TAIL_POINTS)

static void fill(rs_quantile_table *t)
{
    for (int i = 0; i <= RS_QUANTILE_POINTS; i++)
        t->centre[i] = t->exact(RS_QUANTILE_CENTRE_LOW + i * RS_QUANTILE_CENTRE_STEP, t->params);
    for (int i = 0; i <= RS_QUANTILE_TAIL_POINTS; i++) {
        double v = exp(TAIL_LOW + i * TAIL_STEP);
        t->lower[i] = log(t->exact(v, t->params));
        t->upper[i] = log(t->exact(1.0 - v, t->params));
    }
}

double rs_quantile_tail(const rs_quantile_table *t, double u)
{
    bool low = u < 0.5;
    double x = ((low ? log(u) : log1p(-u)) - TAIL_LOW) * (1.0 / TAIL_STEP);
    if (!(x >= 0.0 && x < RS_QUANTILE_TAIL_POINTS))
        return t->exact(u, t->params);
    const double *table = low ? t->lower : t->upper;
    int i = (int)x;
    double f = x - i;
    return exp(table[i] + f * (table[i + 1] - table[i]));
}

void rs_quantile_table_build(rs_quantile_table *t, rs_quantile_family family, double param)
{
    t->family = family;
    t->exact = family == RS_QUANTILE_GAMMA ? gamma_exact : lognormal_exact;
    t->params[0] = param;
    t->params[1] = 0.0;
    fill(t);
}

void rs_quantile_table_gamma(rs_quantile_table *t, double shape)
{
    rs_quantile_table_build(t, RS_QUANTILE_GAMMA, shape);
}

void rs_quantile_table_lognormal(rs_quantile_table *t, double sigma)
{
    rs_quantile_table_build(t, RS_QUANTILE_LOGNORMAL, sigma);
}
