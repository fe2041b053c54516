/* sketches.c: percentile sketches built and merged: an exact table of
 * values while they are few, log buckets beyond (sketches.h describes the
 * representation); reading percentiles out is in sketches_query.c. */
#include "sketches.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
        int64_t i = rs_sketch_bucket_of(a, fabs(x));
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
        ok = cover(&k->neg, rs_sketch_bucket_of(a, -k->values[last_neg]), rs_sketch_bucket_of(a, -k->values[0]));
    }
    if (ok && first_pos < k->distinct)
        ok = cover(&k->pos, rs_sketch_bucket_of(a, k->values[first_pos]), rs_sketch_bucket_of(a, k->values[k->distinct - 1]));
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
    if (!add_value(rs_sketch_accuracy_for(s, which), k, x == 0.0 ? 0.0 : x, 1))
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
        const accuracy *acc = rs_sketch_accuracy_for(into, w);
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
