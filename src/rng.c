/* rng.c: Philox streams driving GSL's samplers through Random123's
 * gsl_microrng adapter. */
#include "rampsim/rng.h"

#include <Random123/philox.h>
#include <Random123/gsl_microrng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

/* Declares gsl_rng_rs_philox and rs_philox_reset(). The adapter uses the
 * last counter word for its own sequence number, so ours are the first
 * three. */
GSL_MICRORNG(rs_philox, philox4x32);

struct rs_rng {
    gsl_rng *gsl;
    philox4x32_key_t key;
};

rs_rng *rs_rng_new(uint64_t seed)
{
    rs_rng *rng = malloc(sizeof *rng);
    if (!rng)
        return NULL;
    rng->gsl = gsl_rng_alloc(gsl_rng_rs_philox);
    if (!rng->gsl) {
        free(rng);
        return NULL;
    }
    rng->key.v[0] = (uint32_t)seed;
    rng->key.v[1] = (uint32_t)(seed >> 32);
    rs_rng_select(rng, 0, RS_RNG_ATTRITION, 0, 0, 0);
    return rng;
}

void rs_rng_free(rs_rng *rng)
{
    if (!rng)
        return;
    gsl_rng_free(rng->gsl);
    free(rng);
}

void rs_rng_select(rs_rng *rng, uint32_t replication, rs_purpose purpose, unsigned seat, int week,
                   unsigned index)
{
    philox4x32_ctr_t ctr;
    ctr.v[0] = replication;
    ctr.v[1] = (uint32_t)(seat & 0xffffu) | ((uint32_t)purpose << 16);
    ctr.v[2] = ((uint32_t)(week - RS_RNG_INITIAL_WEEK) & 0xffffu) | ((uint32_t)(index & 0xffffu) << 16);
    ctr.v[3] = 0;
    rs_philox_reset(rng->gsl, ctr, rng->key);
}

double rs_rng_uniform(rs_rng *rng)
{
    /* centre of one of 2^32 cells: never 0, never 1 */
    return ((double)gsl_rng_get(rng->gsl) + 0.5) / 4294967296.0;
}

double rs_rng_normal(rs_rng *rng)
{
    return gsl_ran_gaussian_ziggurat(rng->gsl, 1.0);
}

double rs_rng_gamma(rs_rng *rng, double shape)
{
    return gsl_ran_gamma(rng->gsl, shape, 1.0);
}

unsigned rs_rng_poisson(rs_rng *rng, double mu)
{
    if (mu <= 0.0)
        return 0;
    if (mu >= 30.0)
        return gsl_ran_poisson(rng->gsl, mu);
    double u = rs_rng_uniform(rng);
    double p = exp(-mu), cdf = p;
    unsigned k = 0;
    while (u > cdf && p > 0.0) {
        k++;
        p *= mu / k;
        cdf += p;
    }
    return k;
}
