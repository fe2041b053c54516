/* week_draws.c: a week's random blocks in batches (see week_draws.h). */
#include "week_draws.h"

#include <stdlib.h>

#include "philox_batch.h"

/* Grows the four word arrays of `words` from `old` to `capacity` entries
 * each, the new ones zero: the kernels compute on the padding, which must
 * hold initialised words. */
static rs_status grow(uint32_t *words[4], size_t old, size_t capacity)
{
    for (int w = 0; w < 4; w++) {
        uint32_t *grown = realloc(words[w], capacity * sizeof *grown);
        if (!grown)
            return RS_ERR_NOMEM;
        memset(grown + old, 0, (capacity - old) * sizeof *grown);
        words[w] = grown;
    }
    return RS_OK;
}

static rs_status grow_deals(rs_week_draws *d, size_t capacity)
{
    capacity = rs_philox_padded(capacity);
    if (grow(d->deal, d->deal_capacity, capacity) != RS_OK)
        return RS_ERR_NOMEM;
    uint32_t *seat = realloc(d->deal_seat, capacity * sizeof *seat);
    if (!seat)
        return RS_ERR_NOMEM;
    d->deal_seat = seat;
    double *value = realloc(d->deal_value, capacity * sizeof *value);
    if (value)
        d->deal_value = value;
    double *cycle = value ? realloc(d->deal_cycle, capacity * sizeof *cycle) : NULL;
    if (!cycle)
        return RS_ERR_NOMEM;
    d->deal_cycle = cycle;
    d->deal_capacity = capacity;
    return RS_OK;
}

rs_status rs_week_draws_init(rs_week_draws *d, int seats, size_t deals)
{
    *d = (rs_week_draws){0};
    d->seats = seats;
    d->batch_weeks = seats > 0 && seats < RS_WEEK_DRAWS_SEAT_BATCH ? RS_WEEK_DRAWS_SEAT_BATCH / seats : 1;
    size_t batch = rs_philox_padded((size_t)d->batch_weeks * (size_t)(seats > 0 ? seats : 1));
    if (grow(d->seat_batch, 0, batch) != RS_OK || grow_deals(d, deals > 0 ? deals : 1) != RS_OK) {
        rs_week_draws_free(d);
        return RS_ERR_NOMEM;
    }
    return RS_OK;
}

void rs_week_draws_free(rs_week_draws *d)
{
    for (int w = 0; w < 4; w++) {
        free(d->seat_batch[w]);
        free(d->deal[w]);
        d->seat_batch[w] = d->deal[w] = NULL;
        d->seat[w] = NULL;
    }
    free(d->deal_seat);
    free(d->deal_value);
    free(d->deal_cycle);
    d->deal_seat = NULL;
    d->deal_value = d->deal_cycle = NULL;
}

/* Draws the seat blocks of weeks [first, end) into the batch. */
static void draw_seat_batch(rs_week_draws *d, philox4x32_key_t key, uint32_t replication, int first, int end)
{
    size_t j = 0;
    for (int week = first; week < end; week++)
        for (int i = 0; i < d->seats; i++, j++) {
            philox4x32_ctr_t c = rs_stream_counter(replication, RS_RNG_SEAT_WEEK, (unsigned)i, week, 0);
            for (int w = 0; w < 4; w++)
                d->seat_batch[w][j] = c.v[w];
        }
    rs_philox_blocks_padded(key, j, d->seat_batch[0], d->seat_batch[1], d->seat_batch[2], d->seat_batch[3]);
    d->batch_first = first;
    d->batch_end = end;
    d->batch_replication = replication;
    d->batch_key = key;
}

void rs_week_draws_seats(rs_week_draws *d, philox4x32_key_t key, uint32_t replication, int week, int end_week)
{
    bool held = week >= d->batch_first && week < d->batch_end && replication == d->batch_replication &&
                key.v[0] == d->batch_key.v[0] && key.v[1] == d->batch_key.v[1];
    if (!held) {
        int end = end_week - week < d->batch_weeks ? end_week : week + d->batch_weeks;
        draw_seat_batch(d, key, replication, week, end > week ? end : week + 1);
    }
    size_t row = (size_t)(week - d->batch_first) * (size_t)d->seats;
    for (int w = 0; w < 4; w++)
        d->seat[w] = d->seat_batch[w] + row;
}

rs_status rs_week_draws_deals_grow(rs_week_draws *d)
{
    return grow_deals(d, 2 * d->deal_capacity);
}

void rs_week_draws_deals(rs_week_draws *d, philox4x32_key_t key)
{
    rs_philox_blocks_padded(key, d->deals, d->deal[0], d->deal[1], d->deal[2], d->deal[3]);
}
