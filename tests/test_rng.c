/* test_rng.c: the counter-based streams are reproducible, addressable by
 * position, and independent across their coordinates. */
#include "testutil.h"

#include <math.h>

#include "rng.h"

#define N 200000

static void test_same_coordinates_same_words(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(2385);
    rs_stream a, b, other;
    rs_stream_start(&a, key, 42, RS_RNG_DEAL, 3, 17, 5);
    uint32_t first[9];
    for (int i = 0; i < 9; i++)
        first[i] = rs_stream_word(&a);
    /* other streams in between change nothing */
    rs_stream_start(&other, key, 7, RS_RNG_SEAT_WEEK, 1, -20, 0);
    (void)rs_stream_word(&other);
    rs_stream_start(&b, key, 42, RS_RNG_DEAL, 3, 17, 5);
    for (int i = 0; i < 9; i++)
        assert_int_equal(rs_stream_word(&b), first[i]);
}

static void test_seek_reads_the_same_positions(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(99);
    rs_stream s;
    rs_stream_start(&s, key, 1, RS_RNG_SEAT_WEEK, 2, 3, 0);
    uint32_t words[12];
    for (int i = 0; i < 12; i++)
        words[i] = rs_stream_word(&s);
    uint32_t positions[] = {0, 1, 5, 6, 9, 11};
    for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++) {
        rs_stream t;
        rs_stream_start(&t, key, 1, RS_RNG_SEAT_WEEK, 2, 3, 0);
        rs_stream_seek(&t, positions[i]);
        assert_int_equal(rs_stream_word(&t), words[positions[i]]);
        assert_int_equal(rs_stream_word(&t), positions[i] + 1 < 12 ? words[positions[i] + 1] : rs_stream_word(&s));
    }
    /* seeking within the block already read keeps it */
    rs_stream t;
    rs_stream_start(&t, key, 1, RS_RNG_SEAT_WEEK, 2, 3, 0);
    assert_int_equal(rs_stream_word(&t), words[0]);
    rs_stream_seek(&t, 1);
    assert_int_equal(rs_stream_word(&t), words[1]);
}

/* Indices beyond 16 bits: every index has a stream of its own, seeks
 * within it keep its index, and the indices below 65,536 read exactly the
 * Philox blocks of the counter layout they always had (computed here from
 * Random123 directly). */
static void test_large_indices(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(2385);
    uint32_t indices[] = {0, 5, 65535, 65536, 65541, 131077, 4000000000u};
    uint32_t firsts[7];
    for (int i = 0; i < 7; i++) {
        rs_stream s;
        rs_stream_start(&s, key, 42, RS_RNG_DEAL, 3, 17, indices[i]);
        firsts[i] = rs_stream_word(&s);
        for (int j = 0; j < i; j++)
            assert_true(firsts[i] != firsts[j]);
        /* a seek to the second block and back within the stream */
        uint32_t words[8];
        rs_stream_start(&s, key, 42, RS_RNG_DEAL, 3, 17, indices[i]);
        for (int w = 0; w < 8; w++)
            words[w] = rs_stream_word(&s);
        rs_stream t;
        rs_stream_start(&t, key, 42, RS_RNG_DEAL, 3, 17, indices[i]);
        rs_stream_seek(&t, 6);
        assert_int_equal(rs_stream_word(&t), words[6]);
        if (indices[i] < 65536) {
            philox4x32_ctr_t ctr = {{42, ((uint32_t)RS_RNG_DEAL << 28) | 3,
                                     ((uint32_t)(17 - RS_RNG_INITIAL_WEEK) & 0xffffu) | (indices[i] << 16), 1}};
            assert_int_equal(words[5], philox4x32(ctr, key).v[1]);
        }
    }
}

static void test_coordinates_and_seeds_differ(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(2385);
    rs_stream s;
    rs_stream_start(&s, key, 42, RS_RNG_DEAL, 3, 17, 5);
    uint32_t base = rs_stream_word(&s);
    struct {
        uint32_t replication;
        rs_purpose purpose;
        unsigned seat;
        int week;
        unsigned index;
    } others[] = {{43, RS_RNG_DEAL, 3, 17, 5}, {42, RS_RNG_SEAT_WEEK, 3, 17, 5}, {42, RS_RNG_DEAL, 4, 17, 5},
                  {42, RS_RNG_DEAL, 3, 18, 5}, {42, RS_RNG_DEAL, 3, 17, 6},      {42, RS_RNG_DEAL, 3, -17, 5},
                  {42, RS_RNG_DEAL, 3, RS_RNG_INITIAL_WEEK, 5}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        rs_stream t;
        rs_stream_start(&t, key, others[i].replication, others[i].purpose, others[i].seat, others[i].week,
                        others[i].index);
        assert_true(rs_stream_word(&t) != base);
    }
    rs_stream t;
    rs_stream_start(&t, rs_rng_key(2386), 42, RS_RNG_DEAL, 3, 17, 5);
    assert_true(rs_stream_word(&t) != base);
    /* the upper half of the seed matters too */
    rs_stream_start(&t, rs_rng_key(2385 + (1ull << 32)), 42, RS_RNG_DEAL, 3, 17, 5);
    assert_true(rs_stream_word(&t) != base);
}

/* Uniforms are in (0, 1), with the moments of U(0, 1), and neighbouring
 * streams are uncorrelated. */
static void test_uniform_moments_and_independence(void **state)
{
    (void)state;
    philox4x32_key_t key = rs_rng_key(7);
    double sum = 0, sum2 = 0, cross = 0;
    for (int i = 0; i < N; i++) {
        rs_stream a, b;
        rs_stream_start(&a, key, (uint32_t)i, RS_RNG_SEAT_WEEK, 0, 0, 0);
        rs_stream_start(&b, key, (uint32_t)i, RS_RNG_SEAT_WEEK, 1, 0, 0);
        double u = rs_stream_uniform(&a), v = rs_stream_uniform(&b);
        assert_true(u > 0 && u < 1);
        sum += u;
        sum2 += (u - 0.5) * (u - 0.5);
        cross += (u - 0.5) * (v - 0.5);
    }
    double se_mean = sqrt(1.0 / 12 / N);
    tu_assert_near(sum / N, 0.5, 4 * se_mean);
    /* Var((U - 1/2)^2) = 1/80 - 1/144 */
    tu_assert_near(sum2 / N, 1.0 / 12, 4 * sqrt((1.0 / 80 - 1.0 / 144) / N));
    /* E[(U-1/2)(V-1/2)] = 0 with sd 1/12 per term */
    tu_assert_near(cross / N, 0.0, 4 * (1.0 / 12) / sqrt(N));
    assert_true(rs_uniform(0) > 0.0 && rs_uniform(UINT32_MAX) < 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_coordinates_same_words),
        cmocka_unit_test(test_seek_reads_the_same_positions),
        cmocka_unit_test(test_large_indices),
        cmocka_unit_test(test_coordinates_and_seeds_differ),
        cmocka_unit_test(test_uniform_moments_and_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
