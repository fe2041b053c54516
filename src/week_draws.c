/* week_draws.c: a week's random blocks in batches (see week_draws.h). */
#include "week_draws.h"

#include <stdlib.h>

#include "philox_batch.h"

/* Grows the four word arrays of `words` to `capacity` entries each. */
static rs_status grow(uint32_t *words[4], size_t capacity)
{
    for (int w = 0; w < 4; w++) {
        uint32_t *grown = realloc(words[w], capacity * sizeof *grown);
        if (!grown)
            return RS_ERR_NOMEM;
        words[w] = grown;
    }
    return RS_OK;
}

static rs_status grow_deals(rs_week_draws *d, size_t capacity)
{
    if (grow(d->deal, capacity) != RS_OK)
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
    if (grow(d->seat, seats > 0 ? (size_t)seats : 1) != RS_OK || grow_deals(d, deals > 0 ? deals : 1) != RS_OK) {
        rs_week_draws_free(d);
        return RS_ERR_NOMEM;
    }
    return RS_OK;
}

void rs_week_draws_free(rs_week_draws *d)
{
    for (int w = 0; w < 4; w++) {
        free(d->seat[w]);
        free(d->deal[w]);
        d->seat[w] = d->deal[w] = NULL;
    }
    free(d->deal_seat);
    free(d->deal_value);
    free(d->deal_cycle);
    d->deal_seat = NULL;
    d->deal_value = d->deal_cycle = NULL;
}

void rs_week_draws_seats(rs_week_draws *d, philox4x32_key_t key, uint32_t replication, int week)
{
    for (int i = 0; i < d->seats; i++) {
        philox4x32_ctr_t c = rs_stream_counter(replication, RS_RNG_SEAT_WEEK, (unsigned)i, week, 0);
        for (int w = 0; w < 4; w++)
            d->seat[w][i] = c.v[w];
    }
    rs_philox_blocks(key, (size_t)d->seats, d->seat[0], d->seat[1], d->seat[2], d->seat[3]);
}

rs_status rs_week_draws_deals_grow(rs_week_draws *d)
{
    return grow_deals(d, 2 * d->deal_capacity);
}

void rs_week_draws_deals(rs_week_draws *d, philox4x32_key_t key)
{
    rs_philox_blocks(key, d->deals, d->deal[0], d->deal[1], d->deal[2], d->deal[3]);
}
