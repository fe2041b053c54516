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

static accuracy accuracy_of(double alpha, uint32_t exact)
{
    accuracy a;
    a.gamma = (1.0 + alpha) / (1.0 - alpha);
    a.inv_log_gamma = 1.0 / log(a.gamma);
    /* a bucket with representative r is r (g^2 - 1) / 2g wide */
    a.whole_up_to = 0.99 * 1.5 * 2.0 * a.gamma / (a.gamma * a.gamma - 1.0);
    a.exact = exact;
    return a;
}

rs_sketches *rs_sketches_new(size_t count, size_t fine)
{
    rs_sketches *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->count = count;
    s->fine = fine;
    s->classes[0] = accuracy_of(RS_SKETCH_ALPHA, RS_SKETCH_EXACT);
    s->classes[1] = accuracy_of(RS_SKETCH_ALPHA_COARSE, RS_SKETCH_EXACT_COARSE);
    s->sketches = calloc(count + 1, sizeof *s->sketches);
    if (!s->sketches) {
        free(s);
        return NULL;
    }
    return s;
}

/* Bucket counts a sketch's window typically holds (see the header): a
 * fine bucket is 0.1 % wide, so 2048 of them cover values spread over a
 * factor of 7.8; a coarse one is 1 % wide, so 512 cover a factor of 170.
 * A sketch holds its table or its buckets, both only while its table is
 * replayed into its buckets, one sketch at a time. */
#define TYPICAL_FINE_BUCKETS 2048
#define TYPICAL_COARSE_BUCKETS 512
#define TABLE_ENTRY (sizeof(double) + sizeof(uint64_t))

static size_t larger(size_t a, size_t b)
{
    return a > b ? a : b;
}

size_t rs_sketches_memory_estimate(size_t count, size_t fine)
{
    size_t fine_bytes = larger(TYPICAL_FINE_BUCKETS * sizeof(uint32_t), RS_SKETCH_EXACT * TABLE_ENTRY);
    size_t coarse_bytes = larger(TYPICAL_COARSE_BUCKETS * sizeof(uint32_t), RS_SKETCH_EXACT_COARSE * TABLE_ENTRY);
    return sizeof(rs_sketches) + (count + 1) * sizeof(sketch) + fine * fine_bytes + (count - fine) * coarse_bytes +
           RS_SKETCH_EXACT * TABLE_ENTRY;
}

static void free_buckets(sketch *k)
{
    free(k->neg.counts);
    free(k->pos.counts);
    k->neg = (store){0};
    k->pos = (store){0};
}

void rs_sketches_free(rs_sketches *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        free(s->sketches[i].values);
        free(s->sketches[i].repeats);
        free_buckets(&s->sketches[i]);
    }
    free(s->sketches);
    free(s);
}

static const accuracy *accuracy_for(const rs_sketches *s, size_t which)
{
    return &s->classes[which < s->fine ? 0 : 1];
}

/* The bucket of m >= MIN. */
static int64_t bucket_of(const accuracy *a, double m)
{
    if (!(m <= 1e300)) /* infinities share the last bucket, so the index stays an integer */
        m = 1e300;
    return (int64_t)floor(log(m / RS_SKETCH_MIN) * a->inv_log_gamma) + 1;
}

/* The representative of bucket i; while every value is whole, the whole
 * number of a bucket that holds only one. */
static double bucket_value(const accuracy *a, int64_t i, bool whole)
{
    double r = 2.0 * RS_SKETCH_MIN * pow(a->gamma, (double)i) / (a->gamma + 1.0);
    if (!whole || !(r < a->whole_up_to))
        return r;
    /* the bucket lies within 1.5 of r: its whole numbers are among these,
     * and it holds a value, so a single one is that value */
    double found = r;
    int hits = 0;
    for (double c = floor(r) - 1.0; c <= floor(r) + 2.0; c++)
        if (c >= RS_SKETCH_MIN && bucket_of(a, c) == i) {
            found = c;
            hits++;
        }
    return hits == 1 ? found : r;
}

static bool whole_number(double x)
{
    return !(fabs(x) < 0x1p52) || (double)(int64_t)x == x;
}

static int part_of(double x)
{
    return x <= -RS_SKETCH_MIN ? NEG : x < RS_SKETCH_MIN ? NEAR_ZERO : POS;
}

/* Makes the window of st cover buckets lo..hi; false when out of memory. */
static bool cover(store *st, int64_t lo, int64_t hi)
{
    if (st->counts && lo >= st->first && hi < st->first + (int64_t)st->length)
        return true;
    int64_t first = st->counts && st->first < lo ? st->first : lo;
    int64_t last = st->counts && st->first + (int64_t)st->length - 1 > hi ? st->first + (int64_t)st->length - 1 : hi;
    /* grow by a quarter again, so that a drifting metric reallocates rarely */
    int64_t slack = (last - first + 1) / 4 + 16;
    if (st->counts) {
        if (lo < st->first)
            first -= slack;
        if (hi >= st->first + (int64_t)st->length)
            last += slack;
    } else {
        first -= 16;
        last += 16;
    }
    size_t length = (size_t)(last - first + 1);
    uint32_t *counts = calloc(length, sizeof *counts);
    if (!counts)
        return false;
    if (st->counts)
        memcpy(counts + (st->first - first), st->counts, st->length * sizeof *counts);
    free(st->counts);
    st->counts = counts;
    st->first = first;
    st->length = length;
    return true;
}

static void add_count(uint32_t *c, uint64_t n)
{
    *c = n >= (uint64_t)(UINT32_MAX - *c) ? UINT32_MAX : *c + (uint32_t)n;
}

/* Adds n values x to the buckets of k; false when out of memory (k is then
 * unchanged). */
static bool bucket_add(const accuracy *a, sketch *k, double x, uint64_t n)
{
    int part = part_of(x);
    if (part != NEAR_ZERO) {
        store *st = part == POS ? &k->pos : &k->neg;
        int64_t i = bucket_of(a, fabs(x));
        if (!cover(st, i, i))
            return false;
        add_count(&st->counts[i - st->first], n);
    } else if (x < 0) {
        k->below_zero += n;
    }
    if (k->part_n[part] == 0) {
        k->part_lo[part] = x;
        k->part_hi[part] = x;
    } else {
        k->part_lo[part] = x < k->part_lo[part] ? x : k->part_lo[part];
        k->part_hi[part] = x > k->part_hi[part] ? x : k->part_hi[part];
    }
    k->part_n[part] += n;
    k->whole = k->whole && whole_number(x);
    return true;
}

/* Replays k's table into its buckets and frees the table; false when out
 * of memory (k is then unchanged). */
static bool to_buckets(const accuracy *a, sketch *k)
{
    k->whole = true;
    /* one window for each sign, sized from the ends of the ascending table */
    uint32_t first_pos = 0;
    while (first_pos < k->distinct && k->values[first_pos] < RS_SKETCH_MIN)
        first_pos++;
    bool ok = true;
    if (k->distinct > 0 && k->values[0] <= -RS_SKETCH_MIN) {
        uint32_t last_neg = 0;
        while (last_neg + 1 < k->distinct && k->values[last_neg + 1] <= -RS_SKETCH_MIN)
            last_neg++;
        ok = cover(&k->neg, bucket_of(a, -k->values[last_neg]), bucket_of(a, -k->values[0]));
    }
    if (ok && first_pos < k->distinct)
        ok = cover(&k->pos, bucket_of(a, k->values[first_pos]), bucket_of(a, k->values[k->distinct - 1]));
    for (uint32_t j = 0; ok && j < k->distinct; j++)
        ok = bucket_add(a, k, k->values[j], k->repeats[j]);
    if (!ok) {
        free_buckets(k);
        memset(k->part_n, 0, sizeof k->part_n);
        k->below_zero = 0;
        return false;
    }
    free(k->values);
    free(k->repeats);
    k->values = NULL;
    k->repeats = NULL;
    k->distinct = k->capacity = 0;
    k->bucketed = true;
    return true;
}

/* Adds n values x to k's table: 0 when done, 1 when x would be one distinct
 * value too many, -1 when out of memory (the table is unchanged in both). */
static int table_add(sketch *k, double x, uint64_t n, uint32_t limit)
{
    uint32_t lo = 0, hi = k->distinct;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (k->values[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < k->distinct && k->values[lo] == x) {
        k->repeats[lo] += n;
        return 0;
    }
    if (k->distinct == limit)
        return 1;
    if (k->distinct == k->capacity) {
        uint32_t capacity = k->capacity ? 4 * k->capacity : 4;
        capacity = capacity < limit ? capacity : limit;
        double *values = realloc(k->values, capacity * sizeof *values);
        if (!values)
            return -1;
        k->values = values;
        uint64_t *repeats = realloc(k->repeats, capacity * sizeof *repeats);
        if (!repeats)
            return -1;
        k->repeats = repeats;
        k->capacity = capacity;
    }
    memmove(&k->values[lo + 1], &k->values[lo], (k->distinct - lo) * sizeof *k->values);
    memmove(&k->repeats[lo + 1], &k->repeats[lo], (k->distinct - lo) * sizeof *k->repeats);
    k->values[lo] = x;
    k->repeats[lo] = n;
    k->distinct++;
    return 0;
}

/* Adds n values x to k, whichever way it holds them; false when out of
 * memory (k then holds the same values as before). */
static bool add_value(const accuracy *a, sketch *k, double x, uint64_t n)
{
    if (!k->bucketed) {
        int added = table_add(k, x, n, a->exact);
        if (added <= 0)
            return added == 0;
        if (!to_buckets(a, k))
            return false;
    }
    return bucket_add(a, k, x, n);
}

bool rs_sketches_add(rs_sketches *s, size_t which, double x)
{
    if (isnan(x))
        return true;
    sketch *k = &s->sketches[which];
    /* one zero: -0 and 0 would be one value or two by the order they came in */
    if (!add_value(accuracy_for(s, which), k, x == 0.0 ? 0.0 : x, 1))
        return false;
    k->total++;
    return true;
}

static bool merge_store(store *into, const store *from)
{
    if (!from->counts)
        return true;
    if (!cover(into, from->first, from->first + (int64_t)from->length - 1))
        return false;
    for (size_t i = 0; i < from->length; i++)
        add_count(&into->counts[from->first - into->first + (int64_t)i], from->counts[i]);
    return true;
}

bool rs_sketches_merge(rs_sketches *into, const rs_sketches *from)
{
    for (size_t w = 0; w < into->count; w++) {
        sketch *a = &into->sketches[w];
        const sketch *b = &from->sketches[w];
        const accuracy *acc = accuracy_for(into, w);
        if (!b->bucketed) {
            for (uint32_t j = 0; j < b->distinct; j++)
                if (!add_value(acc, a, b->values[j], b->repeats[j]))
                    return false;
        } else {
            if (!a->bucketed && !to_buckets(acc, a))
                return false;
            if (!merge_store(&a->neg, &b->neg) || !merge_store(&a->pos, &b->pos))
                return false;
            for (int p = 0; p < PARTS; p++) {
                if (!b->part_n[p])
                    continue;
                bool empty = a->part_n[p] == 0;
                a->part_lo[p] = empty || b->part_lo[p] < a->part_lo[p] ? b->part_lo[p] : a->part_lo[p];
                a->part_hi[p] = empty || b->part_hi[p] > a->part_hi[p] ? b->part_hi[p] : a->part_hi[p];
                a->part_n[p] += b->part_n[p];
            }
            a->below_zero += b->below_zero;
            a->whole = a->whole && b->whole;
        }
        a->total += b->total;
    }
    return true;
}

uint64_t rs_sketches_total(const rs_sketches *s, size_t which)
{
    return s->sketches[which].total;
}

bool rs_sketches_exact(const rs_sketches *s, size_t which)
{
    return !s->sketches[which].bucketed;
}

/* The representative of the bucket of st holding the r-th value (from the
 * smallest |x| up, or from the largest down). */
static double store_value(const accuracy *a, const store *st, uint64_t r, bool from_largest, bool whole)
{
    uint64_t seen = 0;
    size_t i;
    if (!from_largest) {
        i = 0;
        while (i + 1 < st->length && (seen += st->counts[i]) < r)
            i++;
    } else {
        i = st->length - 1;
        while (i > 0 && (seen += st->counts[i]) < r)
            i--;
    }
    return bucket_value(a, st->first + (int64_t)i, whole);
}

double rs_sketches_quantile(const rs_sketches *s, size_t which, double p)
{
    const sketch *k = &s->sketches[which];
    if (k->total == 0)
        return NAN;
    uint64_t rank = 1;
    if (p >= 1.0)
        rank = k->total;
    else if (p > 0.0)
        rank = (uint64_t)ceil(p * (double)k->total);
    rank = rank < 1 ? 1 : rank > k->total ? k->total : rank;
    if (!k->bucketed) {
        uint64_t seen = 0;
        uint32_t j = 0;
        while ((seen += k->repeats[j]) < rank)
            j++;
        return k->values[j];
    }
    const accuracy *a = accuracy_for(s, which);
    uint64_t seen = 0;
    int part = NEG;
    while (part < POS && rank > seen + k->part_n[part])
        seen += k->part_n[part++];
    uint64_t r = rank - seen, n = k->part_n[part];
    double lo = k->part_lo[part], hi = k->part_hi[part];
    if (r == 1) /* the extremes of each part are known exactly */
        return lo;
    if (r >= n)
        return hi;
    double x = part == NEAR_ZERO ? 0.0
               : part == POS     ? store_value(a, &k->pos, r, false, k->whole)
                                 : -store_value(a, &k->neg, r, true, k->whole);
    return x < lo ? lo : x > hi ? hi : x;
}

/* Kinds of bucket, smallest values first. */
enum { KIND_NEG, KIND_ZERO_BELOW, KIND_ZERO, KIND_POS };

static void visit_bucket(const accuracy *a, int kind, int64_t b, uint64_t count,
                         void (*visit)(void *ctx, double lo, double hi, uint64_t count), void *ctx)
{
    switch (kind) {
    case KIND_NEG:
        visit(ctx, -RS_SKETCH_MIN * pow(a->gamma, (double)b), -RS_SKETCH_MIN * pow(a->gamma, (double)b - 1.0), count);
        break;
    case KIND_ZERO_BELOW:
        visit(ctx, -RS_SKETCH_MIN, 0.0, count);
        break;
    case KIND_ZERO:
        visit(ctx, 0.0, RS_SKETCH_MIN, count);
        break;
    default:
        visit(ctx, RS_SKETCH_MIN * pow(a->gamma, (double)b - 1.0), RS_SKETCH_MIN * pow(a->gamma, (double)b), count);
    }
}

static int kind_of(double x)
{
    return x <= -RS_SKETCH_MIN ? KIND_NEG : x < 0 ? KIND_ZERO_BELOW : x < RS_SKETCH_MIN ? KIND_ZERO : KIND_POS;
}

void rs_sketches_each(const rs_sketches *s, size_t which,
                      void (*visit)(void *ctx, double lo, double hi, uint64_t count), void *ctx)
{
    const sketch *k = &s->sketches[which];
    const accuracy *a = accuracy_for(s, which);
    if (!k->bucketed) {
        /* the buckets the table's values would be in: ascending values fill
         * them in order */
        int kind = -1;
        int64_t bucket = 0;
        uint64_t count = 0;
        for (uint32_t j = 0; j < k->distinct; j++) {
            double x = k->values[j];
            int t = kind_of(x);
            int64_t b = t == KIND_NEG || t == KIND_POS ? bucket_of(a, fabs(x)) : 0;
            if (count && (t != kind || b != bucket)) {
                visit_bucket(a, kind, bucket, count, visit, ctx);
                count = 0;
            }
            kind = t;
            bucket = b;
            count += k->repeats[j];
        }
        if (count)
            visit_bucket(a, kind, bucket, count, visit, ctx);
        return;
    }
    for (size_t i = k->neg.length; i-- > 0;)
        if (k->neg.counts[i])
            visit_bucket(a, KIND_NEG, k->neg.first + (int64_t)i, k->neg.counts[i], visit, ctx);
    if (k->below_zero)
        visit_bucket(a, KIND_ZERO_BELOW, 0, k->below_zero, visit, ctx);
    if (k->part_n[NEAR_ZERO] > k->below_zero)
        visit_bucket(a, KIND_ZERO, 0, k->part_n[NEAR_ZERO] - k->below_zero, visit, ctx);
    for (size_t i = 0; i < k->pos.length; i++)
        if (k->pos.counts[i])
            visit_bucket(a, KIND_POS, k->pos.first + (int64_t)i, k->pos.counts[i], visit, ctx);
}
