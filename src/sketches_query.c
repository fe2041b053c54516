/* sketches_query.c: percentiles and buckets read out of a sketch, as
 * sketches.c builds them. */
#include "sketches.h"

#include <math.h>

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
        if (c >= RS_SKETCH_MIN && rs_sketch_bucket_of(a, c) == i) {
            found = c;
            hits++;
        }
    return hits == 1 ? found : r;
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
    const accuracy *a = rs_sketch_accuracy_for(s, which);
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
    const accuracy *a = rs_sketch_accuracy_for(s, which);
    if (!k->bucketed) {
        /* the buckets the table's values would be in: ascending values fill
         * them in order */
        int kind = -1;
        int64_t bucket = 0;
        uint64_t count = 0;
        for (uint32_t j = 0; j < k->distinct; j++) {
            double x = k->values[j];
            int t = kind_of(x);
            int64_t b = t == KIND_NEG || t == KIND_POS ? rs_sketch_bucket_of(a, fabs(x)) : 0;
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
