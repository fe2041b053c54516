/* rampsim/stats.h: accumulators whose memory does not grow with the number
 * of replications.
 *
 * rs_moments: count, mean and sum of squared deviations by Welford's method;
 * two accumulators merge exactly as if their values had been added in
 * sequence up to rounding (Chan et al.), so the engine merges them in a fixed
 * order to make results independent of the thread count.
 *
 * rs_sketches (src/sketches.c): a set of percentile sketches. Each holds
 * its values exactly while they take at most RS_SKETCH_EXACT distinct values
 * (a table of values and counts), and log-bucket histograms beyond
 * (DDSketch's bucketing, mirrored for negative values), with a relative
 * error of at most RS_SKETCH_ALPHA on any percentile. Counts are integers
 * and a sketch's state depends only on the values it holds, so merging is
 * exact and percentiles are the same for any order of adds and merges. */
#ifndef RAMPSIM_STATS_H
#define RAMPSIM_STATS_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The normal quantile of a two-sided 95 % interval. */
#define RS_Z95 1.959963984540054

/* The percentiles shown around a distribution's centre wherever a table or
 * a chart gives a band (p for rs_sketches_quantile): the 10th, the median
 * and the 90th. */
#define RS_BAND_LOW 0.10
#define RS_MEDIAN 0.50
#define RS_BAND_HIGH 0.90

typedef struct rs_moments {
    double n, mean, m2;
} rs_moments;

static inline void rs_moments_add(rs_moments *a, double x)
{
    a->n += 1.0;
    double delta = x - a->mean;
    a->mean += delta / a->n;
    a->m2 += delta * (x - a->mean);
}

/* into := into followed by from. */
void rs_moments_merge(rs_moments *into, const rs_moments *from);
/* Sample variance; NAN with fewer than two values. */
double rs_moments_variance(const rs_moments *a);
/* Standard error of the mean; NAN with fewer than two values. */
double rs_moments_stderr(const rs_moments *a);

/* Paired values (a, b) of one replication under two scenarios: means,
 * squared deviations and the co-moment (bivariate Welford), plus how often
 * b exceeds a and falls short of it. Merges like rs_moments.
 *
 * For rs_pair_difference_interval it also keeps the distribution of the
 * differences d = b - a by direction: the smallest and largest d, and the
 * sum of |d| and of d^2 over the pairs with d > 0 (above) and d < 0
 * (below). Counts, minima and maxima merge exactly; the sums, like the
 * means, are the same to the last bit for a given merge order, which the
 * engine fixes (block order). */
typedef struct rs_pair_moments {
    double n, mean_a, mean_b, m2_a, m2_b, c_ab;
    double b_above, b_below;
    double d_min, d_max;
    double above_sum, above_sq, below_sum, below_sq;
} rs_pair_moments;

/* b - a, or 0 when the two agree to 12 significant digits: a metric that
 * two scenarios compute alike but for the order of their sums (a share
 * averaged over different numbers of rep-weeks) differs in its last bits,
 * which is no difference a person would count. */
#define RS_PAIR_SAME 1e-12
static inline double rs_pair_delta(double a, double b)
{
    double d = b - a;
    return fabs(d) <= RS_PAIR_SAME * fmax(fabs(a), fabs(b)) ? 0.0 : d;
}

static inline void rs_pair_add(rs_pair_moments *p, double a, double b)
{
    p->n += 1.0;
    double da = a - p->mean_a;
    p->mean_a += da / p->n;
    double db = b - p->mean_b;
    p->mean_b += db / p->n;
    p->m2_a += da * (a - p->mean_a);
    p->m2_b += db * (b - p->mean_b);
    p->c_ab += da * (b - p->mean_b);
    double d = rs_pair_delta(a, b); /* zero when b and a agree */
    p->b_above += d > 0.0;
    p->b_below += d < 0.0;
    if (p->n == 1.0 || d < p->d_min)
        p->d_min = d;
    if (p->n == 1.0 || d > p->d_max)
        p->d_max = d;
    if (d > 0) {
        p->above_sum += d;
        p->above_sq += d * d;
    } else if (d < 0) {
        p->below_sum -= d;
        p->below_sq += d * d;
    }
}

void rs_pair_merge(rs_pair_moments *into, const rs_pair_moments *from);
/* Standard error of mean(b) - mean(a); NAN with fewer than two pairs. */
double rs_pair_difference_stderr(const rs_pair_moments *p);

/* From this many differing pairs (b != a) on, or when more than 1 pair in
 * 20 differs, rs_pair_difference_interval is the normal interval. */
#define RS_PAIR_NORMAL_MIN_DIFFERING 50

/* The mean of the paired differences, mean(b) - mean(a), returned, with a
 * 95 % interval for it in *low and *high; all three NAN with fewer than
 * two pairs. Cannot fail, and calls no GSL function that could reach its
 * error handler (gamma quantiles of shape 1 to 51 only).
 *
 * - Every pair has the same difference (all b == a, or a constant shift):
 *   that difference, exactly, and a zero-width interval. A scenario
 *   compared with itself gives 0 and [0, 0]; an interval is zero-width in
 *   no other case.
 * - At least RS_PAIR_NORMAL_MIN_DIFFERING pairs differ, or more than 1 in
 *   20: the normal interval, mean +- 1.96 standard errors.
 * - Fewer differ (a handful out of thousands, where the normal interval
 *   is too narrow): the outer ends of the normal interval and of one built
 *   from how many pairs differ in each direction and by how much (stats.c
 *   gives the formula and its sources, docs/outputs.md a summary). */
double rs_pair_difference_interval(const rs_pair_moments *p, double *low, double *high);

/* mean(b) / mean(a) and its standard error by the delta method, using the
 * covariance of the pairs. */
double rs_pair_ratio(const rs_pair_moments *p);
double rs_pair_ratio_stderr(const rs_pair_moments *p);

/* Replications in groups, each sharing one draw of the uncertain inputs
 * (a nested design, docs/uncertainty.md): the groups' moments come in
 * replication order, part by part, and each group, once whole, adds its
 * mean and spread to the one-way analysis of variance kept here. Merging
 * in a fixed order makes it the same for any thread count. */
typedef struct rs_nested {
    rs_moments group;      /* the group being filled */
    long long group_index; /* its draw; -1 before the first */
    double groups, n, sum_n2; /* whole groups (with a value), their replications, sum of squared sizes */
    double mean, between_m2;  /* the grand mean and sum of n_k (mean_k - mean)^2, by weighted Welford */
    double within_m2;         /* sum of the groups' squared deviations */
    double above, below;      /* groups whose mean is above (below) 0: for paired differences */
} rs_nested;

/* An empty accumulator (group_index -1), and `count` of them allocated
 * (NULL when out of memory; free with free). */
rs_nested rs_nested_empty(void);
rs_nested *rs_nested_new(size_t count);
/* Adds part of group `group` (parts and groups in replication order). */
void rs_nested_add(rs_nested *a, long long group, const rs_moments *part);
/* Closes the group being filled; call once all parts are in. */
void rs_nested_finish(rs_nested *a);

typedef struct rs_nested_summary {
    double groups, n, mean;
    double above, below;      /* groups whose mean is above (below) 0 */
    double stderr;            /* of the grand mean, from the spread of the groups' means: sqrt(MSB / n) */
    double between, within;   /* variance components: of the groups' true means, and within a group */
    /* the share of the variance due to the groups (the intraclass
     * correlation), with its 95 % interval from the F distribution
     * (Searle 1971); NAN with fewer than 2 groups or no spread */
    double share, share_low, share_high;
} rs_nested_summary;

/* The summary of every group added so far, the one being filled counted
 * as if closed (a run judged at a checkpoint is still filling it). */
rs_nested_summary rs_nested_summarise(const rs_nested *a);

/* Relative accuracy of a percentile (fine sketches, for reported metrics,
 * and coarse ones, for the weekly bands of the fan chart), and the smallest
 * magnitude kept apart from zero. Buckets are allocated only over the
 * range of values a sketch has seen, so memory follows the spread of a
 * metric, not its scale. */
#define RS_SKETCH_ALPHA 0.0005
#define RS_SKETCH_ALPHA_COARSE 0.005
#define RS_SKETCH_MIN 1e-3
/* Distinct values a fine (coarse) sketch holds exactly before it turns to
 * buckets: 4 KB (1 KB) of table, no more than its buckets typically take.
 * The counts of the scenario library take fewer (a team of 8 wins 100 to
 * 180 deals over two years; shares of a team of 50 reps fit), and whole
 * numbers stay exact in the buckets below 1,000 anyway. */
#define RS_SKETCH_EXACT 256
#define RS_SKETCH_EXACT_COARSE 64

typedef struct rs_sketches rs_sketches;

/* `count` empty sketches, the first `fine` of them at RS_SKETCH_ALPHA, the
 * others at RS_SKETCH_ALPHA_COARSE. NULL when out of memory. */
rs_sketches *rs_sketches_new(size_t count, size_t fine);
/* The memory `count` sketches (`fine` of them fine) typically reach: their
 * windows grow with the spread of the values, which a run cannot know in
 * advance, so this assumes the spread measured over the scenario library
 * and the extremes test, with a margin (docs/reliability.md); a sketch
 * still exact takes at most its table, which is no larger. */
size_t rs_sketches_memory_estimate(size_t count, size_t fine);
void rs_sketches_free(rs_sketches *s);
/* Adds x to sketch `which`; a NAN is left out (not counted). Returns false
 * when out of memory (the sketch then holds the values it held before). */
bool rs_sketches_add(rs_sketches *s, size_t which, double x);
/* Adds every value of `from` to `into`; both have the same count and fine
 * count. Returns false when out of memory. */
bool rs_sketches_merge(rs_sketches *into, const rs_sketches *from);
/* Values added to sketch `which`. */
uint64_t rs_sketches_total(const rs_sketches *s, size_t which);
/* True while sketch `which` holds its values exactly (it has seen at most
 * RS_SKETCH_EXACT distinct values, RS_SKETCH_EXACT_COARSE if coarse). */
bool rs_sketches_exact(const rs_sketches *s, size_t which);
/* The p-quantile (0 <= p <= 1) by nearest rank: the value of rank
 * ceil(p n) (at least 1) of the n values added, in ascending order; NAN
 * when empty. Never below the smallest value added nor above the largest,
 * which p = 0 and p = 1 give exactly.
 * - Exact while the sketch is (rs_sketches_exact).
 * - Beyond, within RS_SKETCH_ALPHA (RS_SKETCH_ALPHA_COARSE) of it relative
 *   to its size, negative or positive, and within RS_SKETCH_MIN of it when
 *   it lies between -RS_SKETCH_MIN and RS_SKETCH_MIN (reported as 0, or the
 *   nearest of those values added); and still exact when every value added
 *   is a whole number below 1,000 in size (100 if coarse). */
double rs_sketches_quantile(const rs_sketches *s, size_t which, double p);
/* Calls visit(lo, hi, count) for each non-empty bucket of sketch `which`,
 * smallest values first, also while the sketch is exact (the buckets its
 * values would be in): [lo, hi) for positive values, (lo, hi] for negative
 * ones (those of |x| mirrored), and for the values near zero
 * (-RS_SKETCH_MIN, 0) and [0, RS_SKETCH_MIN). */
void rs_sketches_each(const rs_sketches *s, size_t which,
                      void (*visit)(void *ctx, double lo, double hi, uint64_t count), void *ctx);

#endif
