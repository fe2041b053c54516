/* test_week_draws.c: a week's blocks drawn in batches are, word for word,
 * the blocks each stream would have drawn when it was needed: the batches
 * change when numbers are computed, never which. */
#include "testutil.h"

#include "rng.h"
#include "week_draws.h"

/* The first four words of a stream, drawn alone. */
static void stream_words(philox4x32_key_t key, uint32_t replication, rs_purpose purpose, unsigned seat, int week,
                         uint32_t index, uint32_t out[4])
{
    rs_stream s;
    rs_stream_start(&s, key, replication, purpose, seat, week, index);
    for (int w = 0; w < 4; w++)
        out[w] = rs_stream_word(&s);
}

/* Seat i's words of `week` in d are the stream's. */
static void check_seat_week(const rs_week_draws *d, philox4x32_key_t key, uint32_t replication, int seats, int week)
{
    for (int i = 0; i < seats; i++) {
        uint32_t expected[4];
        stream_words(key, replication, RS_RNG_SEAT_WEEK, (unsigned)i, week, 0, expected);
        for (int w = 0; w < 4; w++)
            if (d->seat[w][i] != expected[w])
                fail_msg("replication %u, week %d, seat %d, word %d: %u, the stream's %u", replication, week, i, w,
                         d->seat[w][i], expected[w]);
    }
}

/* Week by week through two replications, the batches' ends falling
 * between weeks and at the caller's end; then weeks out of order, a new
 * key, and a team whose week alone fills a batch. */
static void test_seat_weeks_are_the_streams_blocks(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(2385), other = rs_rng_key(2386);
    int team_sizes[] = {1, 7, 37, RS_WEEK_DRAWS_SEAT_BATCH + 3};
    for (size_t t = 0; t < sizeof team_sizes / sizeof team_sizes[0]; t++) {
        int seats = team_sizes[t];
        rs_week_draws d;
        assert_int_equal(rs_week_draws_init(&d, seats, 4), RS_OK);
        for (uint32_t replication = 4093; replication < 4095; replication++)
            for (int week = -26; week < 130; week++) {
                rs_week_draws_seats(&d, key, replication, week, 130);
                check_seat_week(&d, key, replication, seats, week);
            }
        int weeks[] = {RS_RNG_INITIAL_WEEK, -26, -1, 0, 1, 103, 520, 519, 0};
        for (size_t k = 0; k < sizeof weeks / sizeof weeks[0]; k++) {
            philox4x32_key_t k_key = k % 2 ? other : key;
            rs_week_draws_seats(&d, k_key, 17, weeks[k], weeks[k] + 40);
            check_seat_week(&d, k_key, 17, seats, weeks[k]);
        }
        rs_week_draws_free(&d);
    }
}

/* Each seat's opportunities are its blocks 0 to count - 1, in seat order,
 * each marked with its seat: counts of 0, below and above the fixed span
 * the listing writes, more than the room it starts with (so that it
 * grows), and one seat with more than 65,536, whose indices' high bits sit
 * in the last counter word. */
static void test_opportunities_are_the_streams_blocks(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(0x9e3779b97f4a7c15u);
    rs_week_draws d;
    assert_int_equal(rs_week_draws_init(&d, 5, 2), RS_OK);
    unsigned counts[] = {3, 0, 1, 9, 0, 4, 70003};
    size_t seats = sizeof counts / sizeof counts[0];
    for (int week = -3; week < 3; week++) {
        rs_week_draws_deals_clear(&d);
        size_t n = 0;
        for (size_t i = 0; i < seats; i++) {
            /* the large count once, to keep the test quick */
            unsigned count = counts[i] > 100 && week != 0 ? 2 : counts[i];
            assert_int_equal(rs_week_draws_seat_deals(&d, 77, (unsigned)i, week, count), RS_OK);
            n += count;
        }
        rs_week_draws_deals(&d, key);
        assert_int_equal(d.deals, n);
        size_t b = 0;
        for (size_t i = 0; i < seats; i++) {
            unsigned count = counts[i] > 100 && week != 0 ? 2 : counts[i];
            for (uint32_t k = 0; k < count; k++, b++) {
                uint32_t expected[4];
                stream_words(key, 77, RS_RNG_DEAL, (unsigned)i, week, k, expected);
                for (int w = 0; w < 4; w++)
                    assert_int_equal(d.deal[w][b], expected[w]);
                assert_int_equal(d.deal_seat[b], i);
            }
        }
    }
    rs_week_draws_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seat_weeks_are_the_streams_blocks),
        cmocka_unit_test(test_opportunities_are_the_streams_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
