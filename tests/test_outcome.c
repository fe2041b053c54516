/* test_outcome.c: the layout of one replication's results: the fiscal
 * years and quarters a horizon covers, where each slot lies, and which
 * reported metrics can be paired across scenarios. */
#include "testutil.h"

#include <string.h>

#include "rampsim/outcome.h"

static rs_layout layout_of(const char *ini)
{
    rs_scenario *sc = tu_scenario(ini);
    rs_layout l;
    assert_int_equal(rs_layout_init(&l, sc), RS_OK);
    rs_scenario_free(sc);
    return l;
}

/* A horizon of 104 weeks from fiscal week 0 covers two fiscal years and 8
 * quarters; from week 20 (in Q2, 7 of its weeks gone) and 100 weeks, the
 * first year's 32 simulated weeks and one more year, and the quarters FY1
 * Q2 (6 weeks simulated) to FY3 Q1, which ends in week 96: 8 in all. */
static void test_years_and_quarters(void **state)
{
    (void)state;
    rs_layout l = layout_of("[run]\nhorizon_weeks = 104\n");
    assert_int_equal(l.fiscal_years, 2);
    assert_int_equal(l.fy1_weeks, 52);
    assert_int_equal(l.quarters, 8);
    for (int q = 0; q < 8; q++) {
        assert_int_equal(l.quarter_spans[q].fiscal_year, 1 + q / 4);
        assert_int_equal(l.quarter_spans[q].quarter, 1 + q % 4);
        assert_int_equal(l.quarter_spans[q].first_week, 13 * q);
        assert_int_equal(l.quarter_spans[q].weeks, 13);
        assert_int_equal(l.quarter_spans[q].gone_weeks, 0);
    }
    rs_layout_free(&l);

    l = layout_of("[run]\nhorizon_weeks = 100\nstart_week = 20\n");
    assert_int_equal(l.fy1_weeks, 32);
    assert_int_equal(l.fiscal_years, 2); /* 32 + 52 <= 100 < 32 + 104 */
    assert_int_equal(l.quarters, 8);
    assert_int_equal(l.quarter_spans[0].fiscal_year, 1);
    assert_int_equal(l.quarter_spans[0].quarter, 2);
    assert_int_equal(l.quarter_spans[0].gone_weeks, 7);
    assert_int_equal(l.quarter_spans[0].weeks, 6);
    assert_int_equal(l.quarter_spans[1].first_week, 6);
    assert_int_equal(l.quarter_spans[6].fiscal_year, 2);
    assert_int_equal(l.quarter_spans[6].quarter, 4);
    assert_int_equal(l.quarter_spans[6].first_week, 6 + 13 * 5);
    assert_int_equal(l.quarter_spans[7].fiscal_year, 3);
    assert_int_equal(l.quarter_spans[7].quarter, 1);
    assert_int_equal(l.quarter_spans[7].first_week + l.quarter_spans[7].weeks, 97);
    rs_layout_free(&l);
}

/* The slots follow each other without gaps or overlaps: the scalars, the
 * fiscal-year metrics, the plan's, the quarters, then per week cumulative
 * bookings and quota, the seats' attainment and ramp time (the sketched
 * slots), then the manager's hours by activity, productivity, ramped
 * share, team size and the seats' shares at quota and gone. */
static void test_slots_tile(void **state)
{
    (void)state;
    rs_layout l = layout_of("[run]\nhorizon_weeks = 79\nstart_week = 7\n[team]\nhires = 3:2\n"
                            "[plan]\nbookings = 3M\n");
    size_t H = 79, seats = 10, years = (size_t)l.fiscal_years;
    assert_int_equal(l.seats, 10);
    assert_int_equal(l.plan_years, 1);
    assert_int_equal(l.fy, RS_M_COUNT);
    assert_int_equal(l.plan, l.fy + (size_t)l.fiscal_years * RS_FY_COUNT);
    assert_int_equal(l.quarter, l.plan + (size_t)l.fiscal_years * RS_PLAN_COUNT);
    assert_int_equal(l.cum_bookings, l.quarter + (size_t)l.quarters);
    assert_int_equal(l.cum_quota, l.cum_bookings + H);
    assert_int_equal(l.seat_attainment, l.cum_quota + H);
    assert_int_equal(l.seat_ramp_weeks, l.seat_attainment + seats * years);
    assert_int_equal(l.sketched, l.seat_ramp_weeks + seats);
    assert_int_equal(l.manager, l.sketched);
    assert_int_equal(l.productivity, l.manager + H * RS_ACT_COUNT);
    assert_int_equal(l.ramped_share, l.productivity + H);
    assert_int_equal(l.team_active, l.ramped_share + H);
    assert_int_equal(l.team_vacant, l.team_active + H);
    assert_int_equal(l.seat_at_quota, l.team_vacant + H);
    assert_int_equal(l.seat_left, l.seat_at_quota + seats * years);
    assert_int_equal(l.slots, l.seat_left + seats);
    assert_int_equal(rs_layout_manager_slot(&l, 78, RS_ACT_SHORTFALL), l.productivity - 1);
    assert_int_equal(rs_layout_seat_fy_slot(&l, l.seat_attainment, 9, (int)years - 1), l.seat_ramp_weeks - 1);

    /* no plan: the same slots, none reported */
    rs_layout planless = layout_of("[run]\nhorizon_weeks = 79\nstart_week = 7\n[team]\nhires = 3:2\n");
    assert_int_equal(planless.plan_years, 0);
    assert_int_equal(planless.slots, l.slots);
    rs_layout_free(&planless);
    rs_layout_free(&l);
}

/* Every metric of summary.csv is reported once, fiscal-year ones per year
 * with their suffix; all of them can be paired across scenarios except the
 * two pooled over a replication's hires, which have no value per
 * replication. */
static void test_reported_metrics_and_pairing(void **state)
{
    (void)state;
    rs_layout l = layout_of("[run]\nhorizon_weeks = 104\n");
    rs_reported_metric rows[128];
    size_t n = rs_layout_reported_metrics(&l, rows, 128);
    assert_int_equal(n, 2 * RS_FY_COUNT + RS_M_COUNT);
    assert_string_equal(rows[0].name, "team_attainment_fy1");
    assert_string_equal(rows[RS_FY_COUNT].name, "team_attainment_fy2");
    int unpaired = 0;
    for (size_t i = 0; i < n; i++) {
        bool pooled = strcmp(rows[i].name, "ramp_weeks") == 0 || strcmp(rows[i].name, "first_win_weeks") == 0;
        if (rows[i].paired == pooled)
            fail_msg("%s is %s", rows[i].name, rows[i].paired ? "paired, but pooled over hires" : "not paired");
        unpaired += !rows[i].paired;
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(rows[i].name, rows[j].name);
    }
    assert_int_equal(unpaired, 2);
    rs_layout_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years_and_quarters),
        cmocka_unit_test(test_slots_tile),
        cmocka_unit_test(test_reported_metrics_and_pairing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
