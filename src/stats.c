/* stats.c: streaming moments and log-bucket percentile sketches. */
#include "rampsim/stats.h"

#include <math.h>
#include <stdlib.h>

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
    into->n = n;
}

double rs_pair_difference_stderr(const rs_pair_moments *p)
{
    if (p->n < 2.0)
        return NAN;
    double var = (p->m2_a + p->m2_b - 2.0 * p->c_ab) / (p->n - 1.0);
    return sqrt(fmax(var, 0.0) / p->n);
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

/* Bucket i >= 1 holds [MIN g^(i-1), MIN g^i) with g = (1+alpha)/(1-alpha);
 * bucket 0 holds everything below MIN. Its representative value
 * 2 MIN g^i / (g + 1) is within alpha of every value in it. */
#define GAMMA ((1.0 + RS_SKETCH_ALPHA) / (1.0 - RS_SKETCH_ALPHA))

struct rs_sketches {
    size_t count, buckets;
    double inv_log_gamma;
    uint32_t *bins;   /* count x buckets */
    uint64_t *totals; /* count */
};

rs_sketches *rs_sketches_new(size_t count)
{
    rs_sketches *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->count = count;
    s->inv_log_gamma = 1.0 / log(GAMMA);
    s->buckets = (size_t)ceil(log(RS_SKETCH_MAX / RS_SKETCH_MIN) * s->inv_log_gamma) + 2;
    s->bins = calloc(count * s->buckets + 1, sizeof *s->bins);
    s->totals = calloc(count + 1, sizeof *s->totals);
    if (!s->bins || !s->totals) {
        rs_sketches_free(s);
        return NULL;
    }
    return s;
}

void rs_sketches_free(rs_sketches *s)
{
    if (!s)
        return;
    free(s->bins);
    free(s->totals);
    free(s);
}

static size_t bucket_of(const rs_sketches *s, double x)
{
    if (!(x >= RS_SKETCH_MIN)) /* also NAN, though callers never pass it */
        return 0;
    double i = floor(log(x / RS_SKETCH_MIN) * s->inv_log_gamma) + 1.0;
    return i >= (double)(s->buckets - 1) ? s->buckets - 1 : (size_t)i;
}

static double bucket_value(size_t i)
{
    return i == 0 ? 0.0 : 2.0 * RS_SKETCH_MIN * pow(GAMMA, (double)i) / (GAMMA + 1.0);
}

void rs_sketches_add(rs_sketches *s, size_t which, double x)
{
    uint32_t *bin = &s->bins[which * s->buckets + bucket_of(s, x)];
    if (*bin < UINT32_MAX) /* saturate rather than wrap: 4e9 equal values */
        (*bin)++;
    s->totals[which]++;
}

void rs_sketches_merge(rs_sketches *into, const rs_sketches *from)
{
    size_t n = into->count * into->buckets;
    for (size_t i = 0; i < n; i++) {
        uint64_t sum = (uint64_t)into->bins[i] + from->bins[i];
        into->bins[i] = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
    }
    for (size_t i = 0; i < into->count; i++)
        into->totals[i] += from->totals[i];
}

uint64_t rs_sketches_total(const rs_sketches *s, size_t which)
{
    return s->totals[which];
}

double rs_sketches_quantile(const rs_sketches *s, size_t which, double p)
{
    uint64_t total = s->totals[which];
    if (total == 0)
        return NAN;
    uint64_t rank = (uint64_t)ceil(p * (double)total);
    if (rank < 1)
        rank = 1;
    const uint32_t *bins = &s->bins[which * s->buckets];
    uint64_t seen = 0;
    for (size_t i = 0; i < s->buckets; i++) {
        seen += bins[i];
        if (seen >= rank)
            return bucket_value(i);
    }
    return bucket_value(s->buckets - 1);
}

void rs_sketches_each(const rs_sketches *s, size_t which,
                      void (*visit)(void *ctx, double lo, double hi, uint64_t count), void *ctx)
{
    const uint32_t *bins = &s->bins[which * s->buckets];
    for (size_t i = 0; i < s->buckets; i++) {
        if (!bins[i])
            continue;
        double lo = i == 0 ? 0.0 : RS_SKETCH_MIN * pow(GAMMA, (double)i - 1.0);
        double hi = RS_SKETCH_MIN * pow(GAMMA, (double)i);
        visit(ctx, lo, hi, bins[i]);
    }
}
