/* sketches.h: how a percentile sketch holds its values, shared by the
 * files that build sketches (sketches.c) and read them (sketches_query.c).
 * The interface is rampsim/stats.h; this is private to those two files. */
#ifndef RS_SKETCHES_H
#define RS_SKETCHES_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rampsim/stats.h"

/* Percentile sketches.
 *
 * A sketch starts exact: a table of the distinct values it has seen,
 * ascending, each with its count, so that a metric taking few values
 * (deals, departures, weeks, shares of a handful of reps) has the exact
 * nearest-rank percentiles of its values. One multiset of values has one
 * table, so tables merged value by value are the same in any order.
 *
 * At one distinct value more than the table takes (RS_SKETCH_EXACT, or
 * RS_SKETCH_EXACT_COARSE), the table is replayed into log buckets and
 * freed, and the sketch stays bucketed. Whether a sketch is bucketed
 * depends only on how many distinct values it holds, and each count only
 * on the values, so what a percentile reads is the same for any order of
 * adds and merges, hence for any thread count. (Keeping every value of
 * every sketch, as would be possible for tens of thousands of
 * replications, would cost 8 bytes a value for each of the hundreds of
 * weekly sketches of every thread: memory that grows with the run.)
 *
 * Buckets are DDSketch's, with a dense store for each sign: bucket i >= 1
 * holds |x| in [MIN g^(i-1), MIN g^i) with g = (1+alpha)/(1-alpha) (1e16
 * is bucket 44,000 or so at the fine accuracy), negative values in a
 * mirror store indexed by |x|. The representative value 2 MIN g^i / (g + 1)
 * is within alpha of every |x| in its bucket. Values with |x| < MIN are the
 * part near zero, reported as 0 (so within MIN of the truth). Each of the
 * three parts (negative, near zero, positive) keeps its count and its
 * smallest and largest value: the first and last rank of a part are those
 * exactly, and any other percentile is clamped to its part's range, so
 * that none leaves [min, max] and a constant is exact.
 *
 * While every value seen is a whole number, a bucket that holds a single
 * whole number (all of them below 1,000 at the fine accuracy, below 100 at
 * the coarse one, since they are narrower than 1) gives that number: it is
 * the value. Bucket counts are 32-bit and saturate; the counts of the table
 * and of the parts are 64-bit. */
typedef struct store {
    int64_t first; /* bucket of counts[0] */
    size_t length;
    uint32_t *counts;
} store;

enum { NEG, NEAR_ZERO, POS, PARTS };

typedef struct sketch {
    uint64_t total;
    /* exact: the distinct values, ascending, and how often each was seen */
    double *values;
    uint64_t *repeats;
    uint32_t distinct, capacity;
    bool bucketed;
    /* bucketed */
    bool whole; /* every value a whole number */
    uint64_t part_n[PARTS], below_zero; /* below_zero: of the part near zero */
    double part_lo[PARTS], part_hi[PARTS];
    store neg, pos;
} sketch;

typedef struct accuracy {
    double gamma, inv_log_gamma;
    double whole_up_to; /* representatives below it: buckets narrower than 1.5 */
    uint32_t exact;     /* distinct values the table takes */
} accuracy;

struct rs_sketches {
    size_t count, fine;
    accuracy classes[2]; /* fine, coarse */
    sketch *sketches;
};

static inline const accuracy *rs_sketch_accuracy_for(const rs_sketches *s, size_t which)
{
    return &s->classes[which < s->fine ? 0 : 1];
}

/* The bucket of m >= MIN. */
static inline int64_t rs_sketch_bucket_of(const accuracy *a, double m)
{
    if (!(m <= 1e300)) /* infinities share the last bucket, so the index stays an integer */
        m = 1e300;
    return (int64_t)floor(log(m / RS_SKETCH_MIN) * a->inv_log_gamma) + 1;
}

#endif
