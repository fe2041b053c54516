/* stats.c: streaming moments and log-bucket percentile sketches. */
#include "rampsim/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


void rs_moments_merge(rs_moments *into, const rs_moments *from)
{
    if (from->n == 0.0)
        return;
    if (into->n == 0.0) {
        *into = *from;
        return;
    }
    double n = into->n + from->n;
    double delta = from->mean - into->mean;
    into->mean += delta * from->n / n;
    into->m2 += from->m2 + delta * delta * into->n * from->n / n;
    into->n = n;
}

double rs_moments_variance(const rs_moments *a)
{
    return a->n >= 2.0 ? a->m2 / (a->n - 1.0) : NAN;
}

double rs_moments_stderr(const rs_moments *a)
{
    return a->n >= 2.0 ? sqrt(rs_moments_variance(a) / a->n) : NAN;
}

void rs_pair_merge(rs_pair_moments *into, const rs_pair_moments *from)
{
    if (from->n == 0.0)
        return;
    if (into->n == 0.0) {
        *into = *from;
        return;
    }
    double n = into->n + from->n, w = into->n * from->n / n;
    double da = from->mean_a - into->mean_a, db = from->mean_b - into->mean_b;
    into->mean_a += da * from->n / n;
    into->mean_b += db * from->n / n;
    into->m2_a += from->m2_a + da * da * w;
    into->m2_b += from->m2_b + db * db * w;
    into->c_ab += from->c_ab + da * db * w;
    into->b_above += from->b_above;
    into->b_below += from->b_below;
    into->d_min = from->d_min < into->d_min ? from->d_min : into->d_min;
    into->d_max = from->d_max > into->d_max ? from->d_max : into->d_max;
    into->above_sum += from->above_sum;
    into->above_sq += from->above_sq;
    into->below_sum += from->below_sum;
    into->below_sq += from->below_sq;
    into->n = n;
}

double rs_pair_difference_stderr(const rs_pair_moments *p)
{
    if (p->n < 2.0)
        return NAN;
    double var = (p->m2_a + p->m2_b - 2.0 * p->c_ab) / (p->n - 1.0);
    return sqrt(fmax(var, 0.0) / p->n);
}

/* Why the interval of a mean difference is not always the normal one.
 *
 * Common random numbers make most pairs of a small change identical: 1.01
 * coaching hours a month instead of 1 moves reps-at-quota in 2 of 2,000
 * replications. The mean difference is then a sum of a handful of events
 * whose count is close to Poisson, and skewed, and mean +- 1.96 SE is too
 * narrow: it covered the true mean in as few as 86 % of simulated data
 * sets with a handful of differing pairs leaning one way, 75 % when their
 * sizes vary. It can also claim a direction the sign test would not: two pairs,
 * both up, have a two-sided sign-test p of 0.5.
 *
 * With k differing pairs, 0 < k < RS_PAIR_NORMAL_MIN_DIFFERING and at most
 * 1 pair in 20 differing (where the Poisson law approximates the binomial
 * count), the differences above zero and those below are taken as two
 * independent compound Poisson totals S+ and S-, the sums of |d| of k+ and
 * k- pairs. Each gets Fay and Feuer's gamma interval for a weighted sum of
 * Poisson counts (Fay & Feuer 1997, Statistics in Medicine 16:791), from
 * its sum y, its sum of squares v and its largest |d|, w:
 *
 *   low  = gamma quantile 0.025 of shape y^2/v and mean y
 *   high = gamma quantile 0.975 of shape (y+w)^2/(v+w^2) and mean y+w
 *
 * which for k pairs of one size is the exact Poisson interval of k, times
 * that size. A direction no pair took has low = 0 and high = 3.69 w (the
 * Poisson bound when nothing is seen) with w the largest |d| of the other
 * direction: a few pairs that moved one way do not show that the other way
 * is impossible. MOVER (Zou & Donner 2008, Statistics in Medicine 27:1693)
 * combines the two into an interval for the mean, (S+ - S-) / n:
 *
 *   low  = mean - sqrt((S+ - low+)^2 + (high- - S-)^2) / n
 *   high = mean + sqrt((high+ - S+)^2 + (S- - low-)^2) / n
 *
 * The result takes the outer ends of that and of the normal interval: the
 * count-based one is the better when the pairs lean one way, the normal one
 * when they split evenly both ways with sizes that vary. In simulations of
 * 2,000 pairs with 1 to 50 differing pairs expected (tests/test_stats.c
 * checks one case), the union covered the true mean in at least 95 % of
 * data sets when the sizes are of one or two kinds, as for reps at quota,
 * in any mix of directions; with sizes from an exponential or log-normal
 * law, in 88 to 97 % when 1 to 6 pairs lean one way (the largest size seen
 * then understates the sizes) and at least 92 % otherwise. From 50
 * differing pairs on, the normal interval covered 94 to 96 % with sizes of
 * a few kinds (91 to 96 % with the skewed ones) and is used alone. */

/* Fay and Feuer's interval for one direction's total: `count` pairs with
 * |d| summing to `sum`, squares to `sq`, the largest `largest`. */
static void direction_interval(double count, double sum, double sq, double largest, double *low, double *high)
{
    /* The shapes lie in [1, count] and [1, count + 1] (Cauchy-Schwarz, and
     * sum >= largest); clamping keeps rounding, or squares that underflow,
     * from leaving that range. */
    *low = 0.0;
    if (count > 0) {
        double shape = fmin(fmax(sum * sum / sq, 1.0), count);
        *low = gsl_cdf_gamma_Pinv(0.025, shape, sum / shape);
    }
    double y = sum + largest, v = sq + largest * largest;
    double shape = fmin(fmax(y * y / v, 1.0), count + 1.0);
    *high = gsl_cdf_gamma_Pinv(0.975, shape, y / shape);
}

double rs_pair_difference_interval(const rs_pair_moments *p, double *low, double *high)
{
    if (p->n < 2.0) {
        *low = *high = NAN;
        return NAN;
    }
    if (p->d_min == p->d_max) {
        *low = *high = p->d_min;
        return p->d_min;
    }
    double mean = p->mean_b - p->mean_a, se = rs_pair_difference_stderr(p);
    *low = mean - RS_Z95 * se;
    *high = mean + RS_Z95 * se;
    double differing = p->b_above + p->b_below;
    if (differing < RS_PAIR_NORMAL_MIN_DIFFERING && 20.0 * differing <= p->n) {
        double up = p->d_max > 0 ? p->d_max : 0.0, down = p->d_min < 0 ? -p->d_min : 0.0;
        double lo_a, hi_a, lo_b, hi_b;
        direction_interval(p->b_above, p->above_sum, p->above_sq, p->b_above > 0 ? up : down, &lo_a, &hi_a);
        direction_interval(p->b_below, p->below_sum, p->below_sq, p->b_below > 0 ? down : up, &lo_b, &hi_b);
        double below = hypot(p->above_sum - lo_a, hi_b - p->below_sum) / p->n;
        double above = hypot(hi_a - p->above_sum, p->below_sum - lo_b) / p->n;
        *low = fmin(*low, mean - below);
        *high = fmax(*high, mean + above);
    }
    /* differences that vary by a rounding error only: their range */
    if (!(*high > *low)) {
        *low = fmin(*low, p->d_min);
        *high = fmax(*high, p->d_max);
    }
    return mean;
}

double rs_pair_ratio(const rs_pair_moments *p)
{
    return p->n > 0.0 ? p->mean_b / p->mean_a : NAN;
}

double rs_pair_ratio_stderr(const rs_pair_moments *p)
{
    if (p->n < 2.0)
        return NAN;
    double va = p->m2_a / (p->n - 1.0), vb = p->m2_b / (p->n - 1.0), c = p->c_ab / (p->n - 1.0);
    double r = p->mean_b / p->mean_a;
    /* Var(b/a) ~ (Var b - 2 r Cov + r^2 Var a) / a^2, each over n */
    double var = (vb - 2.0 * r * c + r * r * va) / (p->mean_a * p->mean_a);
    return sqrt(fmax(var, 0.0) / p->n);
}

/* Bucket i holds [MIN g^(i-1), MIN g^i) with g = (1+alpha)/(1-alpha), for
 * i >= 1 (i can grow large: 1e16 is bucket 44,000 or so at the fine
 * accuracy); values below MIN count as zero. The representative value
 * 2 MIN g^i / (g + 1) is within alpha of every value in its bucket. Each
 * sketch stores the counts of the buckets from `first` to
 * `first + length - 1` densely and grows that window when a value falls
 * outside it (DDSketch's dense store). Counts are 32-bit and saturate. */
typedef struct sketch {
    uint64_t total, zero;
    double low, high; /* the smallest and largest value in counts: a
                         percentile is clamped to them, so that it is exact
                         when every value is the same */
    int64_t first;   /* index of counts[0] */
    size_t length;
    uint32_t *counts;
} sketch;

typedef struct accuracy {
    double gamma, inv_log_gamma;
} accuracy;

struct rs_sketches {
    size_t count, fine;
    accuracy classes[2]; /* fine, coarse */
    sketch *sketches;
};

static accuracy accuracy_of(double alpha)
{
    accuracy a;
    a.gamma = (1.0 + alpha) / (1.0 - alpha);
    a.inv_log_gamma = 1.0 / log(a.gamma);
    return a;
}

rs_sketches *rs_sketches_new(size_t count, size_t fine)
{
    rs_sketches *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->count = count;
    s->fine = fine;
    s->classes[0] = accuracy_of(RS_SKETCH_ALPHA);
    s->classes[1] = accuracy_of(RS_SKETCH_ALPHA_COARSE);
    s->sketches = calloc(count + 1, sizeof *s->sketches);
    if (!s->sketches) {
        free(s);
        return NULL;
    }
    return s;
}

/* Bucket counts a sketch's window typically holds (see the header): a
 * fine bucket is 0.1 % wide, so 2048 of them cover values spread over a
 * factor of 7.8; a coarse one is 1 % wide, so 512 cover a factor of 170. */
#define TYPICAL_FINE_BUCKETS 2048
#define TYPICAL_COARSE_BUCKETS 512

size_t rs_sketches_memory_estimate(size_t count, size_t fine)
{
    return sizeof(rs_sketches) + (count + 1) * sizeof(sketch) +
           (fine * TYPICAL_FINE_BUCKETS + (count - fine) * TYPICAL_COARSE_BUCKETS) * sizeof(uint32_t);
}

void rs_sketches_free(rs_sketches *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        free(s->sketches[i].counts);
    free(s->sketches);
    free(s);
}

static const accuracy *accuracy_for(const rs_sketches *s, size_t which)
{
    return &s->classes[which < s->fine ? 0 : 1];
}

static int64_t bucket_of(const accuracy *a, double x)
{
    return (int64_t)floor(log(x / RS_SKETCH_MIN) * a->inv_log_gamma) + 1;
}

static double bucket_value(const accuracy *a, int64_t i)
{
    return 2.0 * RS_SKETCH_MIN * pow(a->gamma, (double)i) / (a->gamma + 1.0);
}

/* Makes the window of k cover buckets lo..hi; false when out of memory. */
static bool cover(sketch *k, int64_t lo, int64_t hi)
{
    if (k->counts && lo >= k->first && hi < k->first + (int64_t)k->length)
        return true;
    int64_t first = k->counts && k->first < lo ? k->first : lo;
    int64_t last = k->counts && k->first + (int64_t)k->length - 1 > hi ? k->first + (int64_t)k->length - 1 : hi;
    /* grow by a quarter again, so that a drifting metric reallocates rarely */
    int64_t slack = (last - first + 1) / 4 + 16;
    if (k->counts) {
        if (lo < k->first)
            first -= slack;
        if (hi >= k->first + (int64_t)k->length)
            last += slack;
    } else {
        first -= 16;
        last += 16;
    }
    size_t length = (size_t)(last - first + 1);
    uint32_t *counts = calloc(length, sizeof *counts);
    if (!counts)
        return false;
    if (k->counts)
        memcpy(counts + (k->first - first), k->counts, k->length * sizeof *counts);
    free(k->counts);
    k->counts = counts;
    k->first = first;
    k->length = length;
    return true;
}

bool rs_sketches_add(rs_sketches *s, size_t which, double x)
{
    sketch *k = &s->sketches[which];
    if (!(x >= RS_SKETCH_MIN)) {
        k->zero++;
    } else {
        int64_t i = bucket_of(accuracy_for(s, which), x);
        if (!cover(k, i, i))
            return false;
        if (k->total == k->zero) {
            k->low = x;
            k->high = x;
        } else {
            k->low = x < k->low ? x : k->low;
            k->high = x > k->high ? x : k->high;
        }
        uint32_t *c = &k->counts[i - k->first];
        if (*c < UINT32_MAX)
            (*c)++;
    }
    k->total++;
    return true;
}

bool rs_sketches_merge(rs_sketches *into, const rs_sketches *from)
{
    for (size_t w = 0; w < into->count; w++) {
        sketch *a = &into->sketches[w];
        const sketch *b = &from->sketches[w];
        if (b->total > b->zero) {
            bool a_empty = a->total == a->zero;
            a->low = a_empty || b->low < a->low ? b->low : a->low;
            a->high = a_empty || b->high > a->high ? b->high : a->high;
        }
        if (b->counts) {
            if (!cover(a, b->first, b->first + (int64_t)b->length - 1))
                return false;
            for (size_t i = 0; i < b->length; i++) {
                uint32_t *c = &a->counts[b->first - a->first + (int64_t)i];
                uint64_t sum = (uint64_t)*c + b->counts[i];
                *c = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
            }
        }
        a->zero += b->zero;
        a->total += b->total;
    }
    return true;
}

uint64_t rs_sketches_total(const rs_sketches *s, size_t which)
{
    return s->sketches[which].total;
}

double rs_sketches_quantile(const rs_sketches *s, size_t which, double p)
{
    const sketch *k = &s->sketches[which];
    if (k->total == 0)
        return NAN;
    uint64_t rank = (uint64_t)ceil(p * (double)k->total);
    if (rank < 1)
        rank = 1;
    const accuracy *a = accuracy_for(s, which);
    uint64_t seen = k->zero;
    if (seen >= rank)
        return 0.0;
    if (rank == seen + 1) /* the extremes are known exactly */
        return k->low;
    if (rank >= k->total)
        return k->high;
    size_t i = 0;
    while (i + 1 < k->length && (seen += k->counts[i]) < rank)
        i++;
    double x = bucket_value(a, k->first + (int64_t)i);
    return x < k->low ? k->low : x > k->high ? k->high : x;
}

void rs_sketches_each(const rs_sketches *s, size_t which,
                      void (*visit)(void *ctx, double lo, double hi, uint64_t count), void *ctx)
{
    const sketch *k = &s->sketches[which];
    const accuracy *a = accuracy_for(s, which);
    if (k->zero)
        visit(ctx, 0.0, RS_SKETCH_MIN, k->zero);
    for (size_t i = 0; i < k->length; i++) {
        if (!k->counts[i])
            continue;
        int64_t b = k->first + (int64_t)i;
        visit(ctx, RS_SKETCH_MIN * pow(a->gamma, (double)b - 1.0), RS_SKETCH_MIN * pow(a->gamma, (double)b),
              k->counts[i]);
    }
}
