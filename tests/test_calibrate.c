/* test_calibrate.c: the calibration runs every claim and bound, gives each
 * an interval around its figure, and judges it as SEED-CLAIMS.md says: a
 * figure outside fails, an interval across the edge is unresolved. (The
 * CTest test "claims_hold" checks that every check holds at 2,000
 * replications.) */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calibrate.h"

static rs_calibration *calibration;

static int setup(void **state)
{
    (void)state;
    calibration = malloc(sizeof *calibration);
    rs_calibrate_options opt = {.replications = 160, .engine = {.threads = 2}};
    char err[RS_ERRMSG_SIZE];
    return rs_calibrate(&opt, calibration, err) == RS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(calibration);
    return 0;
}

static void test_every_check_is_made(void **state)
{
    (void)state;
    const char *checks[] = {"REF", "C1", "C2", "C3", "C3", "C3", "C4", "C5", "P1", "P2", "P3", "P4"};
    assert_int_equal(calibration->n_checks, 12);
    assert_int_equal(calibration->replications, 160);
    for (int i = 0; i < 12; i++) {
        const rs_claim_check *c = &calibration->checks[i];
        assert_string_equal(c->claim, checks[i]);
        assert_true(c->bound == (checks[i][0] == 'P'));
        assert_true(c->bound ? isnan(c->article) : c->allowed_low < c->article && c->article < c->allowed_high);
        assert_true(c->low <= c->simulated && c->simulated <= c->high);
        assert_true(c->high - c->low > 0);
        long long needed;
        assert_int_equal(c->verdict, rs_check_judge(c->simulated, c->low, c->high, c->allowed_low, c->allowed_high,
                                                    160, &needed));
        assert_true(needed == c->replications_needed);
    }
    /* P3 is one-sided */
    assert_true(isinf(calibration->checks[10].allowed_low) && calibration->checks[10].allowed_high == 0.0);
    /* C2's calls: a paired difference with its interval */
    const rs_c2_calls *calls = &calibration->c2_calls;
    assert_true(calls->low < calls->difference && calls->difference < calls->high);
    /* 8 quarters and 2 fiscal years for C6 */
    assert_int_equal(calibration->n_quarters, 8);
    assert_int_equal(calibration->n_periods, 10);
    assert_string_equal(calibration->periods[0].label, "FY1 Q1");
    assert_string_equal(calibration->periods[9].label, "FY2");
    for (int p = 0; p < 10; p++)
        assert_true(calibration->periods[p].take_over_ahead + calibration->periods[p].coach_ahead <= 100.0 + 1e-9);
    /* the practices chart is made of the checks' own runs: the reference is
     * REF's figure, coaching 3 hours C1's, all of them P2's; the meeting's
     * bar lies P1's figure above the reference */
    const rs_practice_bar *bars = calibration->practices;
    tu_assert_near(bars[0].median, calibration->checks[0].simulated, 0);
    tu_assert_near(bars[1].median, calibration->checks[1].simulated, 0);
    tu_assert_near(bars[5].median, calibration->checks[9].simulated, 0);
    tu_assert_near(bars[3].median - bars[0].median, calibration->checks[8].simulated, 1e-9);
    assert_string_equal(bars[3].bound, "P1");
    assert_string_equal(bars[5].bound, "P2");
    assert_true(calibration->practices_added_up > bars[5].median); /* they do not add up */
}

/* SEED-CLAIMS.md: holds inside with the whole interval, fails outside,
 * unresolved across an edge, with the replications that would settle it. */
static void test_judging(void **state)
{
    (void)state;
    long long needed;
    assert_int_equal(rs_check_judge(90.3, 89.4, 91.2, 87, 93, 2000, &needed), RS_CHECK_HOLDS);
    assert_int_equal(needed, 0);
    assert_int_equal(rs_check_judge(93.4, 92.5, 94.3, 87, 93, 2000, &needed), RS_CHECK_FAILS);
    assert_int_equal(needed, 0);
    /* margin 0.5 and half-width 1 below: 4 x 1000 x 1.1, in thousands */
    assert_int_equal(rs_check_judge(2.5, 1.5, 3.5, 2, 10, 1000, &needed), RS_CHECK_UNRESOLVED);
    assert_int_equal(needed, 5000);
    /* the upper edge, one-sided ranges */
    assert_int_equal(rs_check_judge(-0.4137, -1.2, 0.3, -INFINITY, 0, 2385, &needed), RS_CHECK_UNRESOLVED);
    assert_int_equal(needed, (long long)(ceil(2385 * pow(0.7137 / 0.4137, 2) * 1.1 / 1000) * 1000));
    assert_int_equal(rs_check_judge(-3.8, -5.6, -2.5, -INFINITY, 0, 2000, &needed), RS_CHECK_HOLDS);
    assert_int_equal(rs_check_judge(NAN, NAN, NAN, 30, 50, 2000, &needed), RS_CHECK_FAILS);
}

static void test_failures_and_unresolved_are_counted(void **state)
{
    (void)state;
    rs_calibration c = *calibration;
    for (int i = 0; i < c.n_checks; i++)
        c.checks[i].verdict = RS_CHECK_HOLDS;
    assert_int_equal(rs_calibration_failures(&c), 0);
    assert_int_equal(rs_calibration_unresolved(&c), 0);
    c.checks[2].verdict = RS_CHECK_FAILS;
    c.checks[6].verdict = RS_CHECK_UNRESOLVED;
    c.checks[9].verdict = RS_CHECK_FAILS;
    assert_int_equal(rs_calibration_failures(&c), 2);
    assert_int_equal(rs_calibration_unresolved(&c), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_check_is_made),
        cmocka_unit_test(test_judging),
        cmocka_unit_test(test_failures_and_unresolved_are_counted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
