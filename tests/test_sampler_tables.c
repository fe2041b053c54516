/* test_sampler_tables.c: the Poisson table gives, word for word, what
 * rs_poisson_quantile gives: on every word near every threshold (the
 * table's and the exact function's own), on millions of random words, on
 * means chosen to sit on the edges (grid points and their neighbouring
 * doubles, 0, denormals, the grid's end and beyond), and, with
 * --exhaustive (label "slow"), on all 2^32 words for two means. The cycle
 * weeks are the model's expression. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "sampler_tables.h"
#include "samplers.h"

#define WORD_COUNT ((int64_t)1 << 32)

/* xorshift64*: the tests' own random words and means, from fixed seeds. */
static uint64_t rng_state = 2385;

static uint32_t next_word(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

static double next_unit(void)
{
    return rs_uniform(next_word());
}

/* ---- Poisson ------------------------------------------------------------- */

static void poisson_check(double mu, int64_t word)
{
    if (word < 0 || word >= WORD_COUNT)
        return;
    uint32_t w = (uint32_t)word;
    unsigned exact = rs_poisson_draw_exact(mu, w), drawn = rs_poisson_draw(mu, w);
    if (drawn != exact)
        fail_msg("mu %a (%.17g), word %u: table %u, exact %u", mu, mu, w, drawn, exact);
}

static void poisson_around(double mu, int64_t word)
{
    for (int d = -4; d <= 4; d++)
        poisson_check(mu, word + d);
}

/* The first word whose exact draw exceeds k (2^32 if none): for a fixed
 * mean the exact draw never decreases in the word. */
static int64_t poisson_exact_step(double mu, unsigned k)
{
    int64_t lo = 0, hi = WORD_COUNT;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (rs_poisson_draw_exact(mu, (uint32_t)mid) > k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Every word within 4 of a threshold of the cell mu draws from, and of
 * the exact draw's own steps. */
static void poisson_thresholds(double mu)
{
    if (mu >= 0.0 && mu < RS_POISSON_TABLE_END) {
        const rs_poisson_cell *c = &rs_poisson_cells[(int)(mu * RS_POISSON_TABLE_SCALE)];
        for (int j = 0; j <= RS_POISSON_TABLE_WINDOW; j++)
            poisson_around(mu, rs_poisson_cell_above(c, j));
        for (int j = 0; j < RS_POISSON_TABLE_WINDOW; j++)
            poisson_around(mu, c->below[j]);
    }
    unsigned top = rs_poisson_draw_exact(mu, UINT32_MAX);
    for (unsigned k = rs_poisson_draw_exact(mu, 0); k < top; k++)
        poisson_around(mu, poisson_exact_step(mu, k));
    poisson_around(mu, 0);
    poisson_around(mu, WORD_COUNT - 1);
}

/* Before the table is built every draw falls back, and is still exact. */
static void test_poisson_before_init(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        double mu = 32.0 * next_unit();
        uint32_t w = next_word();
        unsigned k;
        assert_false(rs_poisson_table_lookup(mu, w, &k));
        poisson_check(mu, w);
    }
    rs_poisson_table_init();
    rs_poisson_table_init(); /* a second call changes nothing */
}

/* P(X <= k) at mean mu, in long double: a check independent of the build. */
static long double poisson_cdf_long(double mu, int k)
{
    long double p = expl(-(long double)mu), sum = p;
    for (int j = 1; j <= k; j++) {
        p *= (long double)mu / j;
        sum += p;
    }
    return sum;
}

/* The premises of the exactness argument (sampler_tables.c), cell by cell:
 * thresholds in order, and each at least half a word beyond the true CDF at
 * the cell's end that bounds it (the build keeps one word). */
static void test_poisson_table_margins(void **state)
{
    (void)state;
    const long double half_word = 1.0L / 8589934592.0L;
    for (int i = 0; i < RS_POISSON_TABLE_CELLS; i++) {
        const rs_poisson_cell *c = &rs_poisson_cells[i];
        double a = i / RS_POISSON_TABLE_SCALE, b = (i + 1) / RS_POISSON_TABLE_SCALE;
        int k0 = (int)c->k0;
        assert_true(k0 + RS_POISSON_TABLE_WINDOW < 64);
        assert_true(k0 > 0 || rs_poisson_cell_above(c, 0) == 0);
        for (int j = 0; j <= RS_POISSON_TABLE_WINDOW; j++) {
            if (j > 0 && rs_poisson_cell_above(c, j) < rs_poisson_cell_above(c, j - 1))
                fail_msg("cell %d: above[%d] < above[%d]", i, j, j - 1);
            int k = k0 + j - 1;
            if (k >= 0 && rs_poisson_cell_above(c, j) < UINT32_MAX &&
                (long double)rs_uniform(rs_poisson_cell_above(c, j)) - poisson_cdf_long(a, k) < half_word)
                fail_msg("cell %d, k %d: above[%d] = %u too close to the CDF", i, k, j, rs_poisson_cell_above(c, j));
        }
        for (int j = 0; j < RS_POISSON_TABLE_WINDOW; j++) {
            int k = k0 + j;
            if (c->below[j] > 0 && poisson_cdf_long(b, k) - (long double)rs_uniform(c->below[j] - 1) < half_word)
                fail_msg("cell %d, k %d: below[%d] = %u too close to the CDF", i, k, j, c->below[j]);
        }
    }
}

/* Means at every grid point and its neighbouring doubles (the ends of two
 * cells), a hair either side of every 8th; random means in cells; the
 * edges of the domain. */
static void test_poisson_edges(void **state)
{
    (void)state;
    for (int i = 0; i <= RS_POISSON_TABLE_CELLS; i++) {
        double g = i / RS_POISSON_TABLE_SCALE;
        double means[] = {g, nextafter(g, 0.0), nextafter(g, 64.0), g * (1.0 - 1e-12), g * (1.0 + 1e-12)};
        for (size_t m = 0; m < (i % 8 ? 3 : 5); m++)
            poisson_thresholds(means[m]);
    }
    double special[] = {0.0, -0.0, -1.0, -INFINITY, 4.9406564584124654e-324, 2.2250738585072014e-308,
                        1e-300, 1e-20, 1e-10, 1e-5, 0.3, 0.5, 2.385, 29.99, nextafter(30.0, 0.0), 30.0,
                        nextafter(30.0, 64.0), 30.5, 31.7, 45.25, 100.0};
    for (size_t m = 0; m < sizeof special / sizeof special[0]; m++)
        poisson_thresholds(special[m]);
    for (int i = 0; i < 200; i++) {
        poisson_thresholds(32.0 * next_unit());
        poisson_thresholds(1e-6 * pow(3e7, next_unit())); /* log-uniform, 1e-6 to 30 */
    }
}

/* Millions of random pairs, most at the model's means, and huge means. */
static void test_poisson_random(void **state)
{
    (void)state;
    for (int i = 0; i < 4000000; i++) {
        double mu = i % 4 == 0 ? 32.0 * next_unit() : 4.0 * next_unit();
        poisson_check(mu, next_word());
    }
    double huge[] = {1e3, 1e4, 1e6};
    for (size_t m = 0; m < sizeof huge / sizeof huge[0]; m++)
        for (int i = 0; i < 2000; i++)
            poisson_check(huge[m], next_word());
}

/* The words a cell sends to the fallback, counted from its thresholds:
 * those with n thresholds of `above` at or below them, 1 <= n <= 15, and
 * not below below[n - 1], and those with n = 0 or 16. */
static double poisson_cell_fallbacks(const rs_poisson_cell *c)
{
    int64_t decided = 0;
    for (int n = 1; n <= RS_POISSON_TABLE_WINDOW; n++) {
        int64_t end = rs_poisson_cell_above(c, n) < c->below[n - 1] ? rs_poisson_cell_above(c, n) : c->below[n - 1];
        decided += end > rs_poisson_cell_above(c, n - 1) ? end - rs_poisson_cell_above(c, n - 1) : 0;
    }
    return 1.0 - (double)decided / (double)WORD_COUNT;
}

/* The fallback rate: at most 1/64 (the band a cell's spread of means
 * leaves, summed over the counts) plus the chance of a count outside the
 * cell's window, and what the lookup does within 4 standard errors of it. */
static void test_poisson_fallback_rate(void **state)
{
    (void)state;
    const double mus[] = {0.5, 1.0, 2.0, 3.0, 8.0};
    const int n = 400000;
    for (size_t m = 0; m < sizeof mus / sizeof mus[0]; m++) {
        int cell = (int)(mus[m] * RS_POISSON_TABLE_SCALE);
        const rs_poisson_cell *c = &rs_poisson_cells[cell];
        double a = cell / RS_POISSON_TABLE_SCALE, b = (cell + 1) / RS_POISSON_TABLE_SCALE;
        int k0 = (int)c->k0;
        double outside = (k0 > 0 ? (double)poisson_cdf_long(a, k0 - 1) : 0.0) + 1.0 -
                         (double)poisson_cdf_long(b, k0 + RS_POISSON_TABLE_WINDOW - 1);
        double rate = poisson_cell_fallbacks(c);
        print_message("mu %g: %.4f%% of words fall back\n", mus[m], 100.0 * rate);
        if (rate > 1.0 / RS_POISSON_TABLE_SCALE + outside + 64.0 / WORD_COUNT)
            fail_msg("mu %g: fallback rate %.6f, more than 1/64 + %.6f", mus[m], rate, outside);
        int fallbacks = 0;
        for (int i = 0; i < n; i++) {
            unsigned k;
            fallbacks += !rs_poisson_table_lookup(mus[m], next_word(), &k);
        }
        if (fabs((double)fallbacks / n - rate) > 4.0 * sqrt(rate * (1.0 - rate) / n))
            fail_msg("mu %g: %d fallbacks in %d lookups, expected a rate of %.6f", mus[m], fallbacks, n, rate);
    }
}

/* ---- Cycle weeks ------------------------------------------------------- */

/* open_opportunity's expression, as the model has it. */
static int model_cycle_weeks(const rs_quantile_table *t, double cycle_shape, double cycle_mean_weeks,
                             double u_cycle)
{
    double cycle_weeks = cycle_shape > 0 ? cycle_mean_weeks * rs_quantile(t, u_cycle) : cycle_mean_weeks;
    int weeks = (int)cycle_weeks;
    weeks += (double)weeks < cycle_weeks;
    return weeks > 1 ? weeks : 1;
}

/* rs_cycle_weeks_exact is the model's expression, with and without a
 * shape, at the brief's cycle CVs and means (0.1 to 260 weeks times a
 * coaching multiplier of about 0.7 to 1.3), on random words and on the
 * tails' edges. */
static void test_cycle_weeks_exact(void **state)
{
    (void)state;
    const double cvs[] = {0.05, 0.3, 0.5, 1.0, 2.0};
    const double means[] = {0.1, 1.0, 3.0, 10.0, 12.3 * 0.7, 12.3, 12.3 * 1.3, 260.0 * 1.3};
    const uint32_t edges[] = {0, (1u << 27) - 1, 1u << 27, UINT32_MAX - (1u << 27), UINT32_MAX - (1u << 27) + 1,
                              UINT32_MAX};
    rs_quantile_table *t = malloc(sizeof *t);
    assert_non_null(t);
    for (size_t c = 0; c < sizeof cvs / sizeof cvs[0]; c++) {
        double shape = 1.0 / (cvs[c] * cvs[c]);
        rs_quantile_table_gamma(t, shape);
        for (size_t m = 0; m < sizeof means / sizeof means[0]; m++) {
            for (int i = 0; i < 20000 + 6; i++) {
                uint32_t w = i < 6 ? edges[i] : next_word();
                assert_int_equal(rs_cycle_weeks_exact(t, true, means[m], w),
                                 model_cycle_weeks(t, shape, means[m], rs_uniform(w)));
                assert_int_equal(rs_cycle_weeks_exact(t, false, means[m], w),
                                 model_cycle_weeks(t, 0.0, means[m], rs_uniform(w)));
            }
        }
    }
    free(t);
    assert_int_equal(rs_cycle_weeks_exact(NULL, false, 3.0, 2385), 3);
    assert_int_equal(rs_cycle_weeks_exact(NULL, false, 3.5, 2385), 4);
    assert_int_equal(rs_cycle_weeks_exact(NULL, false, 0.1, 2385), 1);
}

/* ---- every word (label "slow") ------------------------------------------ */

static void test_poisson_every_word(void **state)
{
    (void)state;
    rs_poisson_table_init();
    const double mus[] = {1.0, 2.385}; /* a grid point, and within a cell */
    for (size_t m = 0; m < sizeof mus / sizeof mus[0]; m++)
        for (int64_t w = 0; w < WORD_COUNT; w++) {
            unsigned k; /* a word the table does not answer is the exact draw itself */
            if (rs_poisson_table_lookup(mus[m], (uint32_t)w, &k) && k != rs_poisson_draw_exact(mus[m], (uint32_t)w))
                fail_msg("mu %g, word %lld: table %u, exact %u", mus[m], (long long)w, k,
                         rs_poisson_draw_exact(mus[m], (uint32_t)w));
        }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poisson_before_init), /* first: it builds the table */
        cmocka_unit_test(test_poisson_table_margins),
        cmocka_unit_test(test_poisson_edges),
        cmocka_unit_test(test_poisson_random),
        cmocka_unit_test(test_poisson_fallback_rate),
        cmocka_unit_test(test_cycle_weeks_exact),
    };
    const struct CMUnitTest every_word[] = {
        cmocka_unit_test(test_poisson_every_word),
    };
    if (argc > 1 && strcmp(argv[1], "--exhaustive") == 0)
        return cmocka_run_group_tests(every_word, NULL, NULL);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
