/* test_ramp.c: every ramp curve reaches ramped_at at weeks_to_ramped. */
#include "testutil.h"

#include <math.h>

#include "ramp.h"

static rs_ramp ramp_of(const char *ini, rs_scenario **keep)
{
    *keep = tu_scenario(ini);
    rs_ramp r;
    rs_ramp_init(&r, *keep);
    return r;
}

static void test_curves_reach_ramped_at(void **state)
{
    (void)state;
    const char *curves[] = {"scurve", "exponential", "linear"};
    for (int i = 0; i < 3; i++) {
        char ini[256];
        snprintf(ini, sizeof ini, "[ramp]\ncurve = %s\nweeks_to_ramped = 23.85\nramped_at = 0.873\n", curves[i]);
        rs_scenario *sc;
        rs_ramp r = ramp_of(ini, &sc);
        tu_assert_near(rs_ramp_rho(&r, 23.85), 0.873, 1e-12);
        tu_assert_near(r.ramped_experience, 23.85, 0);
        tu_assert_near(rs_ramp_rho(&r, 0), 0.0, 1e-15);
        /* increasing, within [0, 1] */
        double last = -1;
        for (double x = 0; x < 200; x += 0.37) {
            double rho = rs_ramp_rho(&r, x);
            assert_true(rho >= last && rho >= 0 && rho <= 1);
            last = rho;
        }
        rs_scenario_free(sc);
    }
}

static void test_scurve_shape(void **state)
{
    (void)state;
    rs_scenario *sc;
    rs_ramp r = ramp_of("[ramp]\nweeks_to_ramped = 22\nramped_at = 0.9\n", &sc);
    /* x50 = W ((1-a)/a)^(1/3): half productivity there */
    double x50 = 22 * cbrt(0.1 / 0.9);
    tu_assert_near(rs_ramp_rho(&r, x50), 0.5, 1e-12);
    rs_scenario_free(sc);
}

static void test_linear_saturates(void **state)
{
    (void)state;
    rs_scenario *sc;
    rs_ramp r = ramp_of("[ramp]\ncurve = linear\nweeks_to_ramped = 20\nramped_at = 0.8\n", &sc);
    tu_assert_near(rs_ramp_rho(&r, 10), 0.4, 1e-12);
    tu_assert_near(rs_ramp_rho(&r, 1000), 1.0, 0);
    rs_scenario_free(sc);
}

static void test_table_interpolates_by_month(void **state)
{
    (void)state;
    rs_scenario *sc;
    rs_ramp r = ramp_of("[ramp]\ncurve = table\ntable = 0,25,50,75,100\nramped_at = 0.9\n", &sc);
    double month = 52.0 / 12.0;
    tu_assert_near(rs_ramp_rho(&r, 1 * month), 0.25, 1e-12);
    tu_assert_near(rs_ramp_rho(&r, 2.5 * month), 0.625, 1e-12);
    tu_assert_near(rs_ramp_rho(&r, 99 * month), 1.0, 0);
    /* 90% is reached 0.6 of the way through month 4 */
    tu_assert_near(r.ramped_experience, 3.6 * month, 1e-12);
    tu_assert_near(rs_ramp_rho(&r, r.ramped_experience), 0.9, 1e-12);
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curves_reach_ramped_at),
        cmocka_unit_test(test_scurve_shape),
        cmocka_unit_test(test_linear_saturates),
        cmocka_unit_test(test_table_interpolates_by_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
