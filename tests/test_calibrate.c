/* test_calibrate.c: the calibration runs every claim, gives each an interval
 * around its figure, and counts what does not hold. (The CTest test
 * "calibrate" checks that the claims hold at 2,000 replications.) */
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

static void test_every_claim_is_checked(void **state)
{
    (void)state;
    const char *claims[] = {"REF", "C1", "C2", "C3", "C3", "C3", "C4", "C5"};
    assert_int_equal(calibration->n_checks, 8);
    assert_int_equal(calibration->replications, 160);
    for (int i = 0; i < 8; i++) {
        const rs_claim_check *c = &calibration->checks[i];
        assert_string_equal(c->claim, claims[i]);
        assert_true(c->low <= c->simulated && c->simulated <= c->high);
        assert_true(c->high - c->low > 0 || strcmp(c->claim, "C5") == 0); /* C5's ramp is deterministic */
        assert_true(c->holds == (fabs(c->simulated - c->article) <= c->tolerance));
    }
    /* 8 quarters and 2 fiscal years for C6 */
    assert_int_equal(calibration->n_quarters, 8);
    assert_int_equal(calibration->n_periods, 10);
    assert_string_equal(calibration->periods[0].label, "FY1 Q1");
    assert_string_equal(calibration->periods[9].label, "FY2");
    for (int p = 0; p < 10; p++)
        assert_true(calibration->periods[p].take_over_ahead + calibration->periods[p].coach_ahead <= 100.0 + 1e-9);
}

static void test_failures_are_counted(void **state)
{
    (void)state;
    rs_calibration c = *calibration;
    for (int i = 0; i < c.n_checks; i++)
        c.checks[i].holds = true;
    assert_int_equal(rs_calibration_failures(&c), 0);
    c.checks[2].holds = false;
    c.checks[6].holds = false;
    assert_int_equal(rs_calibration_failures(&c), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_claim_is_checked),
        cmocka_unit_test(test_failures_are_counted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
