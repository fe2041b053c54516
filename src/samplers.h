/* samplers.h: the model's random variates, each by inversion of a
 * single uniform.
 *
 * Inversion keeps every draw at a fixed position of its stream and makes it
 * monotone in its parameters: a longer mean cycle never shortens a deal's
 * cycle drawn from the same uniform, a larger lead rate never gives fewer
 * leads. That is what makes paired comparisons of scenarios precise. GSL's
 * samplers use a varying number of uniforms, and are slower for these
 * shapes (small-mean Poisson, gamma, lognormal); tests/test_samplers.c
 * checks these against GSL's distributions. */
#ifndef RAMPSIM_SAMPLERS_H
#define RAMPSIM_SAMPLERS_H

#include <stdbool.h>

/* A continuous distribution of two parameters, as GSL gives its
 * distribution function and density: gsl_cdf_gamma_P and
 * gsl_ran_gamma_pdf, gsl_cdf_beta_P and gsl_ran_beta_pdf. */
typedef struct rs_cdf {
    double (*cdf)(double x, double a, double b);
    double (*pdf)(double x, double a, double b);
    double a, b;
} rs_cdf;

/* The x at which d's distribution function is u, by Newton's method from
 * x, kept within a bracket [lo, hi] (hi may be infinite) that narrows at
 * each step and is bisected (or, while unbounded, doubled into) whenever a
 * step would leave it: it converges where GSL's own inverses do not (the
 * gamma's of shapes in the thousands, some of PERT's betas). */
double rs_invert_cdf(double u, double x, double lo, double hi, const rs_cdf *d);

/* Poisson with mean mu >= 0 at quantile u in (0, 1): exact inversion. The
 * model draws it through a table that gives the same count for every
 * word, most of the time without the search (sampler_tables.h). */
unsigned rs_poisson_quantile(double mu, double u);

/* A quantile function Q(u) of a positive distribution, tabulated: on a
 * uniform grid of u in the centre, [1/32, 31/32], linear between points;
 * in each tail on a grid of log u (or log(1 - u)) down to 1e-10, where
 * log Q is interpolated (tails are close to power laws there); beyond that
 * the exact quantile function. Relative error at most 1e-5 for a gamma of
 * shape >= 1 or a lognormal, 1e-4 for a gamma of shape >= 0.25 (GSL's
 * inverse does not converge for much smaller shapes: pipeline.cycle_cv is
 * capped at 2). Gamma shapes from 1,000 on, where GSL's inverse fails to
 * converge, are inverted by Newton's method on GSL's distribution function
 * (Wilson-Hilferty alone from 1e5). tests/test_samplers.c checks these. */
#define RS_QUANTILE_POINTS 4096
#define RS_QUANTILE_TAIL_POINTS 1024
typedef enum { RS_QUANTILE_GAMMA = 1, RS_QUANTILE_LOGNORMAL } rs_quantile_family;

typedef struct rs_quantile_table {
    rs_quantile_family family;
    double (*exact)(double u, const double *params);
    double params[2];
    double centre[RS_QUANTILE_POINTS + 1];      /* Q at u = 1/64 + i h */
    double lower[RS_QUANTILE_TAIL_POINTS + 1];  /* log Q at log u on a grid */
    double upper[RS_QUANTILE_TAIL_POINTS + 1];  /* log Q at log(1 - u) on a grid */
} rs_quantile_table;

/* Gamma with the given shape and mean 1 (scale 1 / shape). */
void rs_quantile_table_gamma(rs_quantile_table *t, double shape);
/* Lognormal with mean 1 and log-scale sigma (sigma = 0: always 1). */
void rs_quantile_table_lognormal(rs_quantile_table *t, double sigma);

/* Fills t with the family's quantiles for parameter `param` (a gamma's
 * shape, a lognormal's sigma): thousands of quantile evaluations, so built
 * tables are shared where they can be (shapes.h). */
void rs_quantile_table_build(rs_quantile_table *t, rs_quantile_family family, double param);

/* The tails, out of line: 1 draw in 16. */
double rs_quantile_tail(const rs_quantile_table *t, double u);

#define RS_QUANTILE_CENTRE_LOW (1.0 / 32.0)
#define RS_QUANTILE_CENTRE_STEP ((30.0 / 32.0) / RS_QUANTILE_POINTS)

static inline double rs_quantile(const rs_quantile_table *t, double u)
{
    double x = (u - RS_QUANTILE_CENTRE_LOW) * (1.0 / RS_QUANTILE_CENTRE_STEP);
    if (!(x >= 0.0 && x < RS_QUANTILE_POINTS))
        return rs_quantile_tail(t, u);
    int i = (int)x;
    double f = x - i;
    return t->centre[i] + f * (t->centre[i + 1] - t->centre[i]);
}

#endif
