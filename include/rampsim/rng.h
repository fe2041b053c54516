/* rampsim/rng.h: counter-based random streams (MODEL.md section 9).
 *
 * Every draw of the model comes from a Philox4x32-10 stream keyed by the
 * master seed and counted by (replication, seat, week, purpose, index). A
 * stream is selected before a group of draws and restarts from the same
 * numbers whenever the same coordinates are selected again. Hence results
 * depend only on (seed, replication), never on threads, and two scenarios
 * draw the same numbers for the same thing (common random numbers). */
#ifndef RAMPSIM_RNG_H
#define RAMPSIM_RNG_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

/* What a stream is for; part of the counter, so never renumber these:
 * doing so changes every result for a given seed. */
typedef enum rs_purpose {
    RS_RNG_ATTRITION = 1, /* does the rep in this seat leave this week? */
    RS_RNG_SKILL = 2,     /* skill of the rep hired into this seat this week */
    RS_RNG_LEADS = 3,     /* how many leads this seat works this week */
    RS_RNG_LEAD = 4       /* lead number `index`: opportunity, value, cycle, win */
} rs_purpose;

/* The week coordinate of the draws made for the veterans a replication
 * starts with, outside any simulated week. */
#define RS_RNG_INITIAL_WEEK (-32768)

typedef struct rs_rng rs_rng;

/* A generator for one thread. NULL when out of memory. */
rs_rng *rs_rng_new(uint64_t seed);
void rs_rng_free(rs_rng *rng);

/* Positions the generator at the start of one stream. week may be negative
 * (warm-up) down to RS_RNG_INITIAL_WEEK; seat < 65536; index < 65536. */
void rs_rng_select(rs_rng *rng, uint32_t replication, rs_purpose purpose, unsigned seat, int week,
                   unsigned index);

/* A uniform on the open interval (0, 1), from the selected stream. */
double rs_rng_uniform(rs_rng *rng);
/* A standard normal, from the selected stream. */
double rs_rng_normal(rs_rng *rng);
/* Gamma with the given shape and scale 1, from the selected stream. */
double rs_rng_gamma(rs_rng *rng, double shape);
/* Poisson with mean mu: inversion of one uniform for mu < 30, so that a
 * larger mean never gives fewer events from the same stream (the coupling
 * that makes paired comparisons of scenarios precise); GSL's sampler above. */
unsigned rs_rng_poisson(rs_rng *rng, double mu);

#endif
