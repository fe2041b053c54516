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

/* More opportunities than the room it starts with, so that it grows; and
 * indices from 65,536 on, whose high bits sit in the last counter word. */
static void test_opportunities_are_the_streams_blocks(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(0x9e3779b97f4a7c15u);
    rs_week_draws d;
    assert_int_equal(rs_week_draws_init(&d, 3, 2), RS_OK);
    for (int week = -3; week < 3; week++) {
        rs_week_draws_deals_clear(&d);
        uint32_t indices[] = {0, 1, 2, 7, 65535, 65536, 70001, 0xfffffffe};
        size_t n = sizeof indices / sizeof indices[0];
        for (size_t k = 0; k < n; k++)
            assert_int_equal(rs_week_draws_deal_add(&d, 77, (unsigned)(k % 3), week, indices[k]), RS_OK);
        rs_week_draws_deals(&d, key);
        assert_int_equal(d.deals, n);
        for (size_t k = 0; k < n; k++) {
            uint32_t expected[4];
            stream_words(key, 77, RS_RNG_DEAL, (unsigned)(k % 3), week, indices[k], expected);
            for (int w = 0; w < 4; w++)
                assert_int_equal(d.deal[w][k], expected[w]);
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
