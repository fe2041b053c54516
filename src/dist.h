/* dist.h: the distributions a scenario key may be given as (uniform,
 * triangular, PERT, lognormal and normal, the last two truncated to the
 * key's range), by inversion of one uniform, and the summaries `rampsim
 * check` prints. Private to the library. */
#ifndef RS_DIST_H
#define RS_DIST_H

#include "rampsim/scenario_types.h"

/* How many arguments a kind takes (2 or 3), and its name as written. */
int rs_dist_arity(rs_dist_kind kind);
const char *rs_dist_name(rs_dist_kind kind);
/* The kind named `name` ("pert"), or 0. */
rs_dist_kind rs_dist_find(const char *name);

/* The beta(alpha, beta) quantile at p in (0, 1), for any shape, by
 * rs_invert_cdf: GSL's inverse fails to converge for some of PERT's shapes
 * and for the F quantiles built on it. */
double rs_beta_quantile(double p, double alpha, double beta);

/* The value at quantile p in (0, 1), within [u->low, u->high]. */
double rs_dist_quantile(const rs_uncertain *u, double p);
/* The smallest and largest values it can take. */
double rs_dist_min(const rs_uncertain *u);
double rs_dist_max(const rs_uncertain *u);
/* Its mean, exactly (a truncated one's from the normal distribution
 * function). */
double rs_dist_mean(const rs_uncertain *u);

#endif
