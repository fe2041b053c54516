/* dist.c: a key's distribution by inversion (docs/uncertainty.md). One
 * uniform gives one value, monotone in it, so that two scenarios with the
 * same distribution for a key draw the same value from the same uniform,
 * and a narrower range draws a value nearer the centre. */
#include "dist.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

#include "samplers.h"

static const char *const names[] = {NULL, "uniform", "triangular", "pert", "lognormal", "normal"};

int rs_dist_arity(rs_dist_kind kind)
{
    return kind == RS_DIST_TRIANGULAR || kind == RS_DIST_PERT ? 3 : 2;
}

const char *rs_dist_name(rs_dist_kind kind)
{
    return kind >= RS_DIST_UNIFORM && kind <= RS_DIST_NORMAL ? names[kind] : "?";
}

rs_dist_kind rs_dist_find(const char *name)
{
    for (int k = RS_DIST_UNIFORM; k <= RS_DIST_NORMAL; k++)
        if (strcmp(name, names[k]) == 0)
            return (rs_dist_kind)k;
    return 0;
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static double triangular(double a, double m, double b, double p)
{
    if (b <= a)
        return a;
    double left = (m - a) / (b - a);
    return p < left ? a + sqrt(p * (b - a) * (m - a)) : b - sqrt((1.0 - p) * (b - a) * (b - m));
}

double rs_beta_quantile(double p, double alpha, double beta)
{
    const rs_cdf d = {gsl_cdf_beta_P, gsl_ran_beta_pdf, alpha, beta};
    /* Newton starts from the mean, or in a tail from the tail's leading
     * term, F(x) ~ x^alpha / (alpha B(alpha, beta)) near 0 (and the mirror
     * near 1), so that a quantile of 1e-300 is reached in a few steps
     * rather than by a thousand bisections. */
    double mean = alpha / (alpha + beta), lnb = gsl_sf_lnbeta(alpha, beta), x = mean;
    if (p < 0.5)
        x = fmin(mean, exp((log(p * alpha) + lnb) / alpha));
    else
        x = fmax(mean, -expm1((log((1.0 - p) * beta) + lnb) / beta));
    return rs_invert_cdf(p, x, 0.0, 1.0, &d);
}

/* PERT: a beta on [a, b] with mean (a + 4m + b) / 6 (Vose's form). */
static double pert(double a, double m, double b, double p)
{
    if (b <= a)
        return a;
    double alpha = 1.0 + 4.0 * (m - a) / (b - a), beta = 1.0 + 4.0 * (b - m) / (b - a);
    return a + (b - a) * rs_beta_quantile(p, alpha, beta);
}

/* The lognormal of median `median` and coefficient of variation cv,
 * truncated to [lo, hi]: the quantile of the same p within the mass the
 * range keeps. */
static double lognormal(double median, double cv, double lo, double hi, double p)
{
    double mu = log(median), sigma = sqrt(log1p(cv * cv));
    if (!(sigma > 0.0)) /* a cv of 0, or one too small to spread a double */
        return median;
    double f_lo = lo > 0.0 ? gsl_cdf_lognormal_P(lo, mu, sigma) : 0.0;
    double f_hi = gsl_cdf_lognormal_P(hi, mu, sigma);
    return gsl_cdf_lognormal_Pinv(f_lo + p * (f_hi - f_lo), mu, sigma);
}

static double normal(double mean, double sd, double lo, double hi, double p)
{
    if (sd <= 0.0)
        return mean;
    double f_lo = gsl_cdf_gaussian_P(lo - mean, sd), f_hi = gsl_cdf_gaussian_P(hi - mean, sd);
    return mean + gsl_cdf_gaussian_Pinv(f_lo + p * (f_hi - f_lo), sd);
}

double rs_dist_quantile(const rs_uncertain *u, double p)
{
    const double *a = u->args;
    double x;
    switch (u->kind) {
    case RS_DIST_UNIFORM:
        x = a[0] + p * (a[1] - a[0]);
        break;
    case RS_DIST_TRIANGULAR:
        x = triangular(a[0], a[1], a[2], p);
        break;
    case RS_DIST_PERT:
        x = pert(a[0], a[1], a[2], p);
        break;
    case RS_DIST_LOGNORMAL:
        x = lognormal(a[0], a[1], u->low, u->high, p);
        break;
    default:
        x = normal(a[0], a[1], u->low, u->high, p);
        break;
    }
    /* rounding in the inverses must not step outside the key's range */
    return clamp(x, u->low, u->high);
}

double rs_dist_min(const rs_uncertain *u)
{
    switch (u->kind) {
    case RS_DIST_LOGNORMAL:
    case RS_DIST_NORMAL:
        return u->args[1] > 0.0 ? u->low : u->args[0];
    default:
        return u->args[0];
    }
}

double rs_dist_max(const rs_uncertain *u)
{
    switch (u->kind) {
    case RS_DIST_LOGNORMAL:
    case RS_DIST_NORMAL:
        return u->args[1] > 0.0 ? u->high : u->args[0];
    default:
        return u->args[rs_dist_arity((rs_dist_kind)u->kind) - 1];
    }
}

/* E[X | lo < X < hi] for a lognormal (mu, sigma): the partial moment over
 * the mass the range keeps. */
static double lognormal_mean(double median, double cv, double lo, double hi)
{
    double mu = log(median), sigma = sqrt(log1p(cv * cv));
    if (!(sigma > 0.0))
        return median;
    double z_hi = (log(hi) - mu) / sigma;
    double z_lo = lo > 0.0 ? (log(lo) - mu) / sigma : -INFINITY;
    double mass = gsl_cdf_ugaussian_P(z_hi) - gsl_cdf_ugaussian_P(z_lo);
    double partial = gsl_cdf_ugaussian_P(z_hi - sigma) - gsl_cdf_ugaussian_P(z_lo - sigma);
    return exp(mu + 0.5 * sigma * sigma) * partial / mass;
}

static double normal_mean(double mean, double sd, double lo, double hi)
{
    if (sd <= 0.0)
        return mean;
    double a = (lo - mean) / sd, b = (hi - mean) / sd;
    double mass = gsl_cdf_ugaussian_P(b) - gsl_cdf_ugaussian_P(a);
    double density = exp(-0.5 * a * a) - exp(-0.5 * b * b);
    return mean + sd * density / (sqrt(2.0 * M_PI) * mass);
}

double rs_dist_mean(const rs_uncertain *u)
{
    const double *a = u->args;
    switch (u->kind) {
    case RS_DIST_UNIFORM:
        return 0.5 * (a[0] + a[1]);
    case RS_DIST_TRIANGULAR:
        return (a[0] + a[1] + a[2]) / 3.0;
    case RS_DIST_PERT:
        return (a[0] + 4.0 * a[1] + a[2]) / 6.0;
    case RS_DIST_LOGNORMAL:
        return lognormal_mean(a[0], a[1], u->low, u->high);
    default:
        return normal_mean(a[0], a[1], u->low, u->high);
    }
}
