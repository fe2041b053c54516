/* test_model.c: the weekly model against closed forms, and the claims of
 * SEED-CLAIMS.md that hold by construction (C3, C5). Statistical checks
 * allow 4 standard errors. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>

#include "rampsim/output.h"

static const rs_moments *metric(const rs_results *r, size_t slot)
{
    return &r->moments[slot];
}

static void assert_mean_within(const rs_moments *m, double expected, const char *what)
{
    double se = rs_moments_stderr(m);
    if (!(fabs(m->mean - expected) <= 4 * se))
        fail_msg("%s: mean %.8g, expected %.8g +- %.3g (4 SE)", what, m->mean, expected, 4 * se);
}

/* A team with no ramp, no skill spread, no attrition, no practices and no
 * limit on the attention a deal gets: weekly bookings per rep are leads x
 * conversion x win rate x deal size. */
#define PLAIN_TEAM                                                                                               \
    "[run]\nwarmup_weeks = 104\nhorizon_weeks = 52\nreplications = 3000\nseed = 2385\n"                        \
    "[team]\nreps = 5\nnew_hires = 0\n[rep]\nskill_cv = 0\nhours_per_open_deal = 0\n[attrition]\nannual = 0\n"  \
    "[coaching]\nhours_per_month = 0\n[ride_along]\ncalls_per_month = 0\n[one_on_one]\ncadence = none\n"       \
    "[pipeline]\nleads_per_week = 2.385\nlead_to_opportunity = 0.4137\nwin_rate = 0.2719\n"                    \
    "deal_size = 31234\ncycle_weeks = 7.3\n[quota]\nannual = 517000\n"

static void test_bookings_match_closed_form(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    rs_results *r = tu_run(sc, 2);
    const rs_layout *l = &r->layout;
    double weekly = 5 * 2.385 * 0.4137 * 0.2719 * 31234;
    assert_mean_within(metric(r, rs_layout_fy_slot(l, 0, RS_FY_BOOKINGS)), 52 * weekly, "fy1 bookings");
    assert_mean_within(metric(r, rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT)), 100 * 52 * weekly / (5 * 517000.0),
                       "fy1 attainment");
    assert_float_equal(metric(r, rs_layout_fy_slot(l, 0, RS_FY_QUOTA))->mean, 5 * 517000.0, 1e-6);
    assert_mean_within(metric(r, RS_M_WIN_RATE), 27.19, "win rate");
    assert_mean_within(metric(r, RS_M_WON_DEAL_SIZE), 31234, "won deal size");
    assert_mean_within(metric(r, RS_M_LEAD_TO_CLOSE), 100 * 0.4137 * 0.2719, "lead to close");
    /* a deal closes ceil(cycle) weeks after creation, at least one: the mean
     * is 1 + sum_k P(cycle > k) over k >= 1 */
    double shape = 4.0, scale = 7.3 / shape, cycle = 1.0;
    for (int k = 1; k < 200; k++)
        cycle += gsl_cdf_gamma_Q(k, shape, scale);
    assert_mean_within(metric(r, RS_M_WON_CYCLE_WEEKS), cycle, "won cycle");
    /* the return on the manager's hours adds up: per replication, net value
     * is margin x bookings - hourly cost x hours, so the means agree */
    const rs_moments *bookings = metric(r, RS_M_BOOKINGS_TOTAL), *hours = metric(r, RS_M_MANAGER_HOURS_TOTAL);
    tu_assert_near(metric(r, RS_M_NET_VALUE)->mean, 0.75 * bookings->mean - 100.0 * hours->mean,
                   1e-9 * bookings->mean);
    tu_assert_near(hours->mean, metric(r, RS_M_MANAGER_HOURS)->mean * 52, 1e-9 * hours->mean);
    tu_assert_near(bookings->mean, metric(r, rs_layout_fy_slot(l, 0, RS_FY_BOOKINGS))->mean, 1e-6 * bookings->mean);
    /* nothing takes the reps' time: they sell their whole selling share */
    assert_float_equal(metric(r, RS_M_SELLING_TIME_SHARE)->mean, 35.0, 1e-9);
    /* open pipeline at a quarter start: creation rate x mean weeks open */
    double open = 5 * 2.385 * 0.4137 * 31234 * cycle;
    assert_mean_within(metric(r, RS_M_PIPELINE_TO_QUOTA), open / (5 * 517000.0 / 4), "pipeline to quota");
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* With no randomness in it, the coaching stock follows its difference
 * equation exactly: S_k = T (1 - (1 - rate)^k) from S_0 = 0. */
static void test_coaching_stock_converges_to_plan(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "coaching.hours_per_month=2.385", "coaching.prior_hours_per_month=0", "coaching.memory_weeks=9.7",
           "run.warmup_weeks=0", "run.replications=16", NULL);
    rs_results *r = tu_run(sc, 1);
    double rate = 1 - exp(-1 / 9.7), decay = 0;
    for (int t = 0; t < 52; t++)
        decay += pow(1 - rate, t + 1) / 52;
    assert_float_equal(metric(r, RS_M_COACHING_STOCK)->mean, 2.385 * (1 - decay), 1e-9);
    rs_results_free(r);
    rs_scenario_free(sc);

    /* The warm-up holds the stock at the prior: after week 0's update it is
     * one step from 1.7 towards the plan. */
    sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "coaching.hours_per_month=2.385", "coaching.prior_hours_per_month=1.7", "coaching.memory_weeks=9.7", "run.warmup_weeks=52",
           "run.horizon_weeks=1", "run.replications=16", NULL);
    r = tu_run(sc, 1);
    assert_float_equal(metric(r, RS_M_COACHING_STOCK)->mean, 1.7 + rate * (2.385 - 1.7), 1e-12);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The manager's budget: coaching is cut to what the fixed activities leave,
 * and the cut is reported as shortfall. */
static void test_budget_scales_coaching(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "team.reps=8", "coaching.hours_per_month=10", "one_on_one.cadence=weekly", "team_meeting.weekly=yes",
           "manager.team_share=0.3", "run.replications=32", NULL);
    rs_results *r = tu_run(sc, 1);
    const rs_layout *l = &r->layout;
    double planned = 8 * 10 * 12 / 52.0, fixed = 8 * 0.5 + 1.0, budget = 50 * 0.3;
    for (int w = 0; w < l->horizon; w += 13) {
        assert_float_equal(metric(r, rs_layout_manager_slot(l, w, RS_ACT_COACHING))->mean, budget - fixed, 1e-9);
        assert_float_equal(metric(r, rs_layout_manager_slot(l, w, RS_ACT_SHORTFALL))->mean,
                           planned - (budget - fixed), 1e-9);
        assert_float_equal(metric(r, rs_layout_manager_slot(l, w, RS_ACT_TOTAL))->mean, budget, 1e-9);
    }
    assert_float_equal(metric(r, RS_M_MANAGER_OVERTIME)->mean, 0.0, 0);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* Deal help costs its hours and displaces planned coaching. */
static void test_deal_help_costs_hours(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nreplications = 400\n[deal_help]\nwhen = quarter_end\nstyle = take_over\n"
                                  "below_attainment = 1.2\n[coaching]\nhours_per_month = 12\n");
    rs_results *r = tu_run(sc, 2);
    const rs_layout *l = &r->layout;
    double help_hours = 0;
    for (int w = 0; w < l->horizon; w++)
        help_hours += metric(r, rs_layout_manager_slot(l, w, RS_ACT_DEAL_HELP))->mean;
    double deals = metric(r, RS_M_DEAL_HELP_DEALS)->mean;
    assert_true(deals > 10);
    assert_float_equal(help_hours, 6.0 * deals, 1e-6 * help_hours);
    /* only in the last 3 weeks of each quarter */
    for (int w = 0; w < l->horizon; w++)
        if (w % 13 < 10)
            assert_float_equal(metric(r, rs_layout_manager_slot(l, w, RS_ACT_DEAL_HELP))->mean, 0.0, 0);
    assert_true(metric(r, RS_M_COACHING_SHORTFALL)->mean > 0);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* C3: bi-weekly one-on-ones against none: win rate x1.37, cycle x0.86,
 * deal size x1.12, each within 3 %. */
static void test_claim_c3_one_on_ones(void **state)
{
    (void)state;
    const char *reference = "[run]\nreplications = 2000\n[team]\nnew_hires = 0\n";
    char with[256], without[256];
    snprintf(with, sizeof with, "%s[one_on_one]\ncadence = biweekly\n", reference);
    snprintf(without, sizeof without, "%s[one_on_one]\ncadence = none\n", reference);
    rs_scenario *a = tu_scenario(with), *b = tu_scenario(without);
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    double win = metric(ra, RS_M_WIN_RATE)->mean / metric(rb, RS_M_WIN_RATE)->mean;
    double cycle = metric(ra, RS_M_WON_CYCLE_WEEKS)->mean / metric(rb, RS_M_WON_CYCLE_WEEKS)->mean;
    double size = metric(ra, RS_M_WON_DEAL_SIZE)->mean / metric(rb, RS_M_WON_DEAL_SIZE)->mean;
    print_message("C3 ratios: win %.4f cycle %.4f size %.4f\n", win, cycle, size);
    tu_assert_near(win, 1.37, 0.03 * 1.37);
    tu_assert_near(cycle, 0.86, 0.03 * 0.86);
    tu_assert_near(size, 1.12, 0.03 * 1.12);
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* C5: one extra onboarding hour a week for 8 weeks shortens the mean ramp
 * by a month (4.33 weeks, within half a week). With every hire ramping
 * alike (ramp.time_cv = 0) it does so exactly: 22 weeks, less 8 x 0.541667. */
static void test_claim_c5_onboarding(void **state)
{
    (void)state;
    const char *spreads[] = {"0.35", "0"};
    for (int k = 0; k < 2; k++) {
        char with[384], without[256];
        snprintf(without, sizeof without, "[run]\nreplications = 500\n[team]\nnew_hires = 8\n[ramp]\ntime_cv = %s\n",
                 spreads[k]);
        snprintf(with, sizeof with, "%s[onboarding]\nextra_hours_per_week = 1\n", without);
        rs_scenario *a = tu_scenario(with), *b = tu_scenario(without);
        rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
        double mean_a = metric(ra, RS_M_RAMP_WEEKS)->mean, mean_b = metric(rb, RS_M_RAMP_WEEKS)->mean;
        print_message("C5 mean ramp, time_cv %s: %.3f with, %.3f without, difference %.3f\n", spreads[k], mean_a,
                      mean_b, mean_b - mean_a);
        tu_assert_near(mean_b - mean_a, 52.0 / 12.0, 0.5);
        if (k == 1) {
            tu_assert_near(mean_b, 22.0, 1e-9);
            tu_assert_near(mean_a, 22.0 - 8 * 0.541667, 1e-9);
            assert_true(rs_moments_variance(metric(rb, RS_M_RAMP_WEEKS)) < 1e-18);
        }
        rs_results_free(ra);
        rs_results_free(rb);
        rs_scenario_free(a);
        rs_scenario_free(b);
    }
}

/* effects.scale = 0: practices cost time but do nothing. With meetings
 * costing no selling time, bi-weekly one-on-ones then change nothing at
 * all, to the last bit (the draws are shared). */
static void test_effects_scale_zero(void **state)
{
    (void)state;
    const char *base = "[run]\nreplications = 300\n[effects]\nscale = 0\n[rep]\nmeeting_cost = 0\n";
    char with[256];
    snprintf(with, sizeof with, "%s[one_on_one]\ncadence = biweekly\n[team_meeting]\nweekly = yes\n", base);
    rs_scenario *a = tu_scenario(with), *b = tu_scenario(base);
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    for (size_t i = 0; i < RS_M_COUNT; i++) {
        if (i == RS_M_MANAGER_HOURS || i == RS_M_MANAGER_HOURS_TOTAL || i == RS_M_NET_VALUE)
            continue; /* the meetings do cost the manager */
        assert_true(ra->moments[i].mean == rb->moments[i].mean || ra->moments[i].n == 0);
    }
    assert_true(metric(ra, RS_M_MANAGER_HOURS)->mean > metric(rb, RS_M_MANAGER_HOURS)->mean);
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* Starting at fiscal week 26 with the first half at 80 %: the first year
 * blends the given year-to-date with the simulated second half. */
static void test_start_week_and_ytd(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "run.start_week=26", "run.ytd_attainment=80%", "run.horizon_weeks=78", NULL);
    rs_results *r = tu_run(sc, 2);
    const rs_layout *l = &r->layout;
    assert_int_equal(l->fiscal_years, 2);
    assert_int_equal(l->fy1_weeks, 26);
    assert_int_equal(l->quarters, 6);
    assert_int_equal(l->quarter_spans[0].quarter, 3);
    assert_int_equal(l->quarter_spans[2].fiscal_year, 2);
    /* veterans only: weekly quota is constant, so FY1 attainment is the mean
     * of 80 % and the second half's attainment */
    double weekly = 5 * 2.385 * 0.4137 * 0.2719 * 31234, q = 5 * 517000.0 / 52;
    double half = 100 * weekly / q;
    assert_mean_within(metric(r, rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT)), (80 + half) / 2, "fy1 blended");
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The other ramp curves and coaching focus run and report sensibly. */
static void test_every_curve_and_focus(void **state)
{
    (void)state;
    const char *variants[] = {
        "[ramp]\ncurve = exponential\n", "[ramp]\ncurve = linear\n",
        "[ramp]\ncurve = table\ntable = 0,25,50,75,100\n", "[coaching]\nfocus = behind\nhours_per_month = 3\n",
        "[quota]\nramped = no\nvacant_seats_count = yes\n", "[deal_help]\nwhen = always\nstyle = coach\n",
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        char ini[256];
        snprintf(ini, sizeof ini, "[run]\nreplications = 64\n%s", variants[i]);
        rs_scenario *sc = tu_scenario(ini);
        rs_results *r = tu_run(sc, 2);
        double fy1 = metric(r, rs_layout_fy_slot(&r->layout, 0, RS_FY_TEAM_ATTAINMENT))->mean;
        if (!(fy1 > 30 && fy1 < 200))
            fail_msg("variant %zu: fy1 attainment %g", i, fy1);
        assert_true(metric(r, RS_M_RAMP_WEEKS)->n > 0);
        rs_results_free(r);
        rs_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bookings_match_closed_form),
        cmocka_unit_test(test_coaching_stock_converges_to_plan),
        cmocka_unit_test(test_budget_scales_coaching),
        cmocka_unit_test(test_deal_help_costs_hours),
        cmocka_unit_test(test_claim_c3_one_on_ones),
        cmocka_unit_test(test_claim_c5_onboarding),
        cmocka_unit_test(test_effects_scale_zero),
        cmocka_unit_test(test_start_week_and_ytd),
        cmocka_unit_test(test_every_curve_and_focus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
