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

static void test_seat_weeks_are_the_streams_blocks(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(2385);
    rs_week_draws d;
    assert_int_equal(rs_week_draws_init(&d, 37, 4), RS_OK);
    int weeks[] = {RS_RNG_INITIAL_WEEK, -26, -1, 0, 1, 103, 520};
    for (size_t k = 0; k < sizeof weeks / sizeof weeks[0]; k++) {
        rs_week_draws_seats(&d, key, 4093, weeks[k]);
        for (int i = 0; i < 37; i++) {
            uint32_t expected[4];
            stream_words(key, 4093, RS_RNG_SEAT_WEEK, (unsigned)i, weeks[k], 0, expected);
            for (int w = 0; w < 4; w++)
                assert_int_equal(d.seat[w][i], expected[w]);
        }
    }
    rs_week_draws_free(&d);
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
