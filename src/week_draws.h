/* week_draws.h: a week's random blocks, drawn in batches (docs/performance.md,
 * "Count, draw in batches, apply").
 *
 * A Philox block drawn alone costs its latency, 11 to 17 ns on this
 * project's machines; computed 8 or 16 at once (philox_batch.h) it costs
 * 2 to 3 ns. So the weekly loop counts first what it will need, draws those
 * blocks in one batch, then applies them: the seats' weekly blocks a few
 * weeks at a time (a batch call costs its latency too, 30 to 50 ns, which
 * a team of 8 paid every week), and every opportunity's block once the
 * week's opportunities are counted. The counters are exactly those
 * rs_stream_start gives the same draws (rng.h), so the numbers are the
 * same as drawing each block when it is needed. Private to the model. */
#ifndef RS_WEEK_DRAWS_H
#define RS_WEEK_DRAWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rampsim/status.h"

#include "rng.h"

/* The seat-week blocks of one call: whole weeks, about this many blocks
 * (a week of any team at least). */
#define RS_WEEK_DRAWS_SEAT_BATCH 256

typedef struct rs_week_draws {
    /* this week's seat blocks (RS_RNG_SEAT_WEEK): word w of seat i in
     * seat[w][i], a row of the batch below */
    const uint32_t *seat[4];
    int seats;
    /* the seat blocks of weeks [batch_first, batch_end) of replication
     * batch_replication, week by week: word w of seat i in week t at
     * seat_batch[w][(t - batch_first) * seats + i] (batch_end ==
     * batch_first: none) */
    uint32_t *seat_batch[4];
    int batch_weeks; /* weeks a batch holds at most */
    int batch_first, batch_end;
    uint32_t batch_replication;
    philox4x32_key_t batch_key;
    /* the week's opportunity blocks (RS_RNG_DEAL), in the order they were
     * asked for, and the seat of each; the arrays have room for
     * deal_capacity, a multiple of RS_PHILOX_PAD (philox_batch.h) */
    uint32_t *deal[4];
    uint32_t *deal_seat;
    /* room for two numbers an opportunity, which the model turns its block
     * into in a pass of their own: lookups in tables, independent of one
     * another, overlap their cache misses there */
    double *deal_value, *deal_cycle;
    size_t deals, deal_capacity;
} rs_week_draws;

/* Room for `seats` seats and, to begin with, `deals` opportunities a week.
 * RS_ERR_NOMEM on failure (d is then freed). */
rs_status rs_week_draws_init(rs_week_draws *d, int seats, size_t deals);
void rs_week_draws_free(rs_week_draws *d);

/* Points d->seat at every seat's block of `week`, drawing the weeks from
 * `week` on, up to the batch's size and at most to `end_week` (the first
 * week the caller will not ask for), when the batch drawn last does not
 * hold it. */
void rs_week_draws_seats(rs_week_draws *d, philox4x32_key_t key, uint32_t replication, int week, int end_week);

/* Starts the week's list of opportunity blocks. */
static inline void rs_week_draws_deals_clear(rs_week_draws *d)
{
    d->deals = 0;
}

/* Doubles the room for the week's opportunities. RS_ERR_NOMEM on failure. */
rs_status rs_week_draws_deals_grow(rs_week_draws *d);

/* Opportunities a seat's listing writes whatever its count: a fixed
 * number of slots, stored without a loop whose length is the count. The
 * counts are Poisson, so a loop over them mispredicts its exit about once a
 * seat-week; the slots past the count are overwritten by the next seat's
 * or left unread. */
#define RS_WEEK_DRAWS_SEAT_SPAN 4 /* the four lanes of an rs_u32x4 */

/* Makes room for `count` more opportunities and the fixed span. */
static inline rs_status rs_week_draws_deals_reserve(rs_week_draws *d, unsigned count)
{
    size_t need = d->deals + (count > RS_WEEK_DRAWS_SEAT_SPAN ? count : RS_WEEK_DRAWS_SEAT_SPAN);
    while (need > d->deal_capacity)
        if (rs_week_draws_deals_grow(d) != RS_OK)
            return RS_ERR_NOMEM;
    return RS_OK;
}

/* Asks for the blocks of opportunities 0 to count - 1 of seat `seat` in
 * `week`, in that order, each marked with its seat; they are drawn by
 * rs_week_draws_deals. RS_ERR_NOMEM when the list could not grow. */
static inline rs_status rs_week_draws_seat_deals(rs_week_draws *d, uint32_t replication, unsigned seat, int week,
                                                 unsigned count)
{
    if (rs_week_draws_deals_reserve(d, count) != RS_OK)
        return RS_ERR_NOMEM;
    size_t b = d->deals;
    philox4x32_ctr_t first = rs_stream_counter(replication, RS_RNG_DEAL, seat, week, 0);
    /* rs_stream_counter(..., k) for k = 0 to 3: the index in the third
     * word's high half, none in the fourth's; one vector store a word */
    const rs_u32x4 index_high = {0, 1u << 16, 2u << 16, 3u << 16};
    rs_u32x4 words[4] = {{first.v[0], first.v[0], first.v[0], first.v[0]},
                         {first.v[1], first.v[1], first.v[1], first.v[1]},
                         (rs_u32x4){first.v[2], first.v[2], first.v[2], first.v[2]} | index_high,
                         {first.v[3], first.v[3], first.v[3], first.v[3]}};
    rs_u32x4 seats = {seat, seat, seat, seat};
    for (int w = 0; w < 4; w++)
        memcpy(d->deal[w] + b, &words[w], sizeof words[w]);
    memcpy(d->deal_seat + b, &seats, sizeof seats);
    for (uint32_t k = RS_WEEK_DRAWS_SEAT_SPAN; k < count; k++) {
        philox4x32_ctr_t c = rs_stream_counter(replication, RS_RNG_DEAL, seat, week, k);
        for (int w = 0; w < 4; w++)
            d->deal[w][b + k] = c.v[w];
        d->deal_seat[b + k] = seat;
    }
    d->deals += count;
    return RS_OK;
}

/* Draws the blocks asked for since rs_week_draws_deals_clear. */
void rs_week_draws_deals(rs_week_draws *d, philox4x32_key_t key);

#endif
