/* test_model.c: the weekly model against closed forms, and the claims of
 * SEED-CLAIMS.md that hold by construction (C3, C5). Statistical checks
 * allow 4 standard errors. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>

#include "dealbook.h"
#include "effects.h"
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
    tu_assert_near(metric(r, rs_layout_fy_slot(l, 0, RS_FY_QUOTA))->mean, 5 * 517000.0, 1e-6);
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
    tu_assert_near(metric(r, RS_M_SELLING_TIME_SHARE)->mean, 35.0, 1e-9);
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
    tu_assert_near(metric(r, RS_M_COACHING_STOCK)->mean, 2.385 * (1 - decay), 1e-9);
    rs_results_free(r);
    rs_scenario_free(sc);

    /* Ride-alongs feed it too, calls x coaching_equiv_hours a month: the
     * same path towards 2.385 + 1.7 x 0.613 */
    sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "coaching.hours_per_month=2.385", "coaching.prior_hours_per_month=0", "coaching.memory_weeks=9.7",
           "ride_along.calls_per_month=1.7", "ride_along.coaching_equiv_hours=0.613", "run.warmup_weeks=0",
           "run.replications=16", NULL);
    r = tu_run(sc, 1);
    tu_assert_near(metric(r, RS_M_COACHING_STOCK)->mean, (2.385 + 1.7 * 0.613) * (1 - decay), 1e-9);
    rs_results_free(r);
    rs_scenario_free(sc);

    /* The warm-up holds the stock at the prior: after week 0's update it is
     * one step from 1.7 towards the plan. */
    sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "coaching.hours_per_month=2.385", "coaching.prior_hours_per_month=1.7", "coaching.memory_weeks=9.7", "run.warmup_weeks=52",
           "run.horizon_weeks=1", "run.replications=16", NULL);
    r = tu_run(sc, 1);
    tu_assert_near(metric(r, RS_M_COACHING_STOCK)->mean, 1.7 + rate * (2.385 - 1.7), 1e-12);
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
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_COACHING))->mean, budget - fixed, 1e-9);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_SHORTFALL))->mean,
                           planned - (budget - fixed), 1e-9);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_TOTAL))->mean, budget, 1e-9);
    }
    tu_assert_near(metric(r, RS_M_MANAGER_OVERTIME)->mean, 0.0, 0);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The win probability is capped at max_win_rate: below the base rate the
 * cap is the win rate (within 4 standard errors). Attrition: each rep
 * leaves with weekly probability 1 - (1 - annual)^(1/52) (0.01022 at
 * 41.37 %, not annual / 52 = 0.00796); with no hiring lag every seat is
 * filled every week, so departures are Binomial(5 x 52, that) a
 * replication (reviews off: the backfills would have them). */
static void test_win_cap_and_attrition(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "pipeline.max_win_rate=0.1937", "attrition.annual=0.4137", "attrition.hiring_lag_weeks=0",
           "attrition.review_exit=0", "run.replications=1000", NULL);
    rs_results *r = tu_run(sc, 2);
    assert_mean_within(metric(r, RS_M_WIN_RATE), 19.37, "win rate at the cap");
    double weekly = 1 - pow(1 - 0.4137, 1 / 52.0);
    assert_mean_within(metric(r, RS_M_DEPARTURES), 5 * 52 * weekly, "departures");
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* Reps at quota: with every deal worth 31,005 exactly (deal_size_cv = 0)
 * and a quota of 16 of them (496,080: 9,540 a week, so every sum is exact),
 * a veteran is at quota when they win 16 deals or more. The deals closing
 * in a week are Poisson(LAMBDA) and each is won with probability p, so a
 * rep's wins in the year are Poisson(52 LAMBDA p) and the share at quota
 * has mean 100 P(W >= 16), within 4 standard errors. (Counting only those
 * above quota would give P(W >= 17), 9 points lower.) */
static void test_reps_at_quota(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    tu_set(sc, "pipeline.deal_size_cv=0", "pipeline.deal_size=31005", "quota.annual=496080", NULL);
    rs_results *r = tu_run(sc, 2);
    double wins = 52 * 2.385 * 0.4137 * 0.2719;
    assert_mean_within(metric(r, rs_layout_fy_slot(&r->layout, 0, RS_FY_REPS_AT_QUOTA)),
                       100 * gsl_cdf_poisson_Q(15, wins), "reps at quota");
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The order of the cuts (docs/model.md, "The budget"): the fixed
 * appointments are never cut, regular coaching is cut first, then
 * onboarding coaching, and what the fixed ones need beyond the budget is
 * overtime. Eight hires at week 0 are in onboarding for its 8 weeks;
 * coaching of 10 hours a month plans 18.46 hours a week; nothing is random
 * in the hours, so each week's mean is its figure exactly. */
static void test_budget_cuts_coaching_then_onboarding(void **state)
{
    (void)state;
    struct {
        const char *onboarding, *share, *cadence;
        double budget, fixed, onboarding_planned;
    } cases[] = {
        /* onboarding fits: coaching gets the rest */
        {"onboarding.extra_hours_per_week=1.3", "manager.team_share=0.3", "one_on_one.cadence=none", 15, 0, 8 * 1.3},
        /* onboarding alone exceeds the budget: it is cut too, coaching is 0 */
        {"onboarding.extra_hours_per_week=2.385", "manager.team_share=0.3", "one_on_one.cadence=none", 15, 0,
         8 * 2.385},
        /* weekly one-on-ones of an hour each exceed the budget: overtime */
        {"onboarding.extra_hours_per_week=1.3", "manager.team_share=0.1137", "one_on_one.cadence=weekly",
         50 * 0.1137, 8, 8 * 1.3},
    };
    double coaching_planned = 8 * 10 * 12 / 52.0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_scenario *sc = tu_scenario("[run]\nreplications = 16\nhorizon_weeks = 13\n[team]\nnew_hires = 8\n"
                                      "[attrition]\nannual = 0\n[coaching]\nhours_per_month = 10\n"
                                      "[ride_along]\ncalls_per_month = 0\n[one_on_one]\nhours = 1\n");
        tu_set(sc, cases[i].onboarding, cases[i].share, cases[i].cadence, NULL);
        rs_results *r = tu_run(sc, 1);
        const rs_layout *l = &r->layout;
        for (int w = 0; w < 13; w++) {
            double onboarding_planned = w < 8 ? cases[i].onboarding_planned : 0.0;
            double flexible = fmax(0.0, cases[i].budget - cases[i].fixed);
            double onboarding = fmin(onboarding_planned, flexible);
            double coaching = fmin(coaching_planned, flexible - onboarding);
            double shortfall = coaching_planned - coaching + onboarding_planned - onboarding;
            double overtime = fmax(0.0, cases[i].fixed - cases[i].budget);
#define SLOT(a) metric(r, rs_layout_manager_slot(l, w, a))->mean
            tu_assert_near(SLOT(RS_ACT_ONBOARDING), onboarding, 1e-12);
            tu_assert_near(SLOT(RS_ACT_COACHING), coaching, 1e-12);
            tu_assert_near(SLOT(RS_ACT_SHORTFALL), shortfall, 1e-12);
            tu_assert_near(SLOT(RS_ACT_OVERTIME), overtime, 1e-12);
            tu_assert_near(SLOT(RS_ACT_ONE_ON_ONE), cases[i].fixed, 1e-12);
            tu_assert_near(SLOT(RS_ACT_TOTAL), cases[i].fixed + onboarding + coaching, 1e-12);
#undef SLOT
        }
        rs_results_free(r);
        rs_scenario_free(sc);
    }
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

/* Attention: a rep whose open opportunities need twice the selling hours
 * they have wins half as often at the same base probability. With fixed
 * cycles of 8 weeks, the open deals at a week's start (this week's closing
 * ones included) are 8 weeks of Poisson(5) opportunities, N ~ Poisson(40);
 * a closing deal is won with probability p min(1, H / (N h)), so the win
 * rate is p E[min(N, H/h)] / E[N]: with H/h = 20, about p / 2. */
static void test_attention_halves_the_win_rate(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(PLAIN_TEAM);
    /* 45 x 0.35 = 15.75 selling hours; 15.75 / 20 per open deal */
    tu_set(sc, "pipeline.leads_per_week=10", "pipeline.lead_to_opportunity=0.5", "pipeline.cycle_weeks=8",
           "pipeline.cycle_cv=0", "rep.hours_per_open_deal=0.7875", NULL);
    rs_results *r = tu_run(sc, 2);
    double covered = 0.0; /* E[min(N, 20)] */
    for (unsigned n = 0; n < 200; n++)
        covered += gsl_ran_poisson_pdf(n, 40.0) * (n < 20 ? n : 20);
    assert_mean_within(metric(r, RS_M_WIN_RATE), 27.19 * covered / 40.0, "win rate at half the hours needed");
    tu_assert_near(covered / 40.0, 0.5, 0.001); /* "half as often" */
    /* attention is the covered share itself: E[min(1, 20 / N)] over rep-weeks */
    double attention = 0.0;
    for (unsigned n = 0; n < 200; n++)
        attention += gsl_ran_poisson_pdf(n, 40.0) * (n <= 20 ? 1.0 : 20.0 / n);
    assert_mean_within(metric(r, RS_M_ATTENTION), 100.0 * attention, "attention");
    rs_results_free(r);
    /* hours_per_open_deal = 0: no limit, the base win rate */
    tu_set(sc, "rep.hours_per_open_deal=0", NULL);
    r = tu_run(sc, 2);
    assert_mean_within(metric(r, RS_M_WIN_RATE), 27.19, "win rate without the limit");
    tu_assert_near(metric(r, RS_M_ATTENTION)->mean, 100.0, 0);
    /* -0 is 0 (the range check lets it in): the same run, bit for bit */
    tu_set(sc, "rep.hours_per_open_deal=-0", NULL);
    rs_results *minus_zero = tu_run(sc, 2);
    assert_memory_equal(minus_zero->moments, r->moments, r->layout.slots * sizeof *r->moments);
    rs_results_free(minus_zero);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The win and deal-size multipliers of coaching (stock S, Hill fraction
 * x = S^4 / (S^4 + 3^4), log multiplier ln(1 + 0.9 x)) and bi-weekly
 * one-on-ones (1.31, 0.845, 1.127) combined at overlap o, written out from
 * docs/model.md ("Practices overlap") rather than taken from effects.c. */
static void practices_by_formula(double stock, double overlap, double *win, double *size)
{
    double x = pow(stock, 4) / (pow(stock, 4) + pow(3.0, 4));
    double lk = log(1.0 + 0.9 * x), lw = log(1.31), lc = log(0.845), ls = log(1.127);
    double t1 = lk, t2 = fabs(lw) + fabs(lc) + fabs(ls), s = 1.0;
    if (overlap > 0) {
        double q = 1.0 / (1.0 - overlap);
        s = pow(pow(t1, q) + pow(t2, q), 1.0 / q) / (t1 + t2);
    }
    *win = exp(s * (lk + lw));
    *size = exp(s * ls);
}

/* The model applies the combined practices where docs/model.md says: the
 * win multiplier to the win rate, the deal-size multiplier to the value of
 * new deals (the coaching stock stays at the plan's steady state, 2.385,
 * so both are constant here), at overlap 0, 0.5 and 0.9, each against the
 * formula within 4 standard errors; overlap shrinks what the two do
 * together by more than that; and coaching alone is the same at any
 * overlap, to the last bit. */
static void test_practices_reach_the_deals(void **state)
{
    (void)state;
    const char *overlaps[] = {"0", "0.5", "0.9"};
    const double overlap_values[] = {0.0, 0.5, 0.9};
    double win_rates[3];
    for (int k = 0; k < 3; k++) {
        rs_scenario *sc = tu_scenario(PLAIN_TEAM);
        char overlap[64];
        snprintf(overlap, sizeof overlap, "effects.overlap=%s", overlaps[k]);
        tu_set(sc, "coaching.hours_per_month=2.385", "one_on_one.cadence=biweekly", overlap, NULL);
        double win, size;
        practices_by_formula(2.385, overlap_values[k], &win, &size);
        rs_results *r = tu_run(sc, 2);
        assert_mean_within(metric(r, RS_M_WIN_RATE), 100.0 * 0.2719 * win, "win rate with the practices");
        assert_mean_within(metric(r, RS_M_WON_DEAL_SIZE), 31234 * size, "won-deal size with the practices");
        win_rates[k] = metric(r, RS_M_WIN_RATE)->mean;
        if (k > 0) { /* the formula's own shrinkage is many standard errors */
            double free_win, free_size;
            practices_by_formula(2.385, 0.0, &free_win, &free_size);
            assert_true(100.0 * 0.2719 * (free_win - win) > 8 * rs_moments_stderr(metric(r, RS_M_WIN_RATE)));
            assert_true(win_rates[k] < win_rates[k - 1]);
        }
        rs_results_free(r);
        rs_scenario_free(sc);
    }
    rs_scenario *a = tu_scenario(PLAIN_TEAM), *b = tu_scenario(PLAIN_TEAM);
    tu_set(a, "coaching.hours_per_month=2.385", "effects.overlap=0", NULL);
    tu_set(b, "coaching.hours_per_month=2.385", "effects.overlap=0.9", NULL);
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    assert_memory_equal(ra->moments, rb->moments, ra->layout.slots * sizeof *ra->moments);
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* coaching.quality = 0: coaching costs the reps selling time and does
 * nothing for their deals. */
static void test_coaching_quality_zero(void **state)
{
    (void)state;
    rs_scenario *coached = tu_scenario(PLAIN_TEAM), *plain = tu_scenario(PLAIN_TEAM);
    tu_set(coached, "coaching.hours_per_month=5", "coaching.quality=0", NULL);
    rs_results *rc = tu_run(coached, 2), *rp = tu_run(plain, 2);
    assert_mean_within(metric(rc, RS_M_WIN_RATE), 27.19, "win rate under a coach of quality 0");
    /* 5 hours a month is 1.15 hours a week, half of it out of 15.75 */
    double selling = 35.0 * (1.0 - 0.5 * 5 * 12 / 52.0 / 15.75);
    tu_assert_near(metric(rc, RS_M_SELLING_TIME_SHARE)->mean, selling, 1e-9);
    /* bookings follow the leads, cut by the hours; both runs' errors count */
    size_t fy1 = rs_layout_fy_slot(&rc->layout, 0, RS_FY_BOOKINGS);
    const rs_moments *bc = metric(rc, fy1), *bp = metric(rp, fy1);
    double ratio = selling / 35.0;
    double se = sqrt(pow(rs_moments_stderr(bc), 2) + pow(ratio * rs_moments_stderr(bp), 2));
    tu_assert_near(bc->mean, ratio * bp->mean, 4 * se);
    rs_results_free(rc);
    rs_results_free(rp);
    rs_scenario_free(coached);
    rs_scenario_free(plain);
}

/* Each hire's ramp-time factor: lognormal with mean 1 and the CV set, so
 * with no onboarding coaching a hire ramps in exactly weeks_to_ramped x
 * factor; mean 22 weeks, CV as set, median 22 exp(-sigma^2 / 2). Nobody
 * leaves here, so no slow rampers go missing. */
static void test_ramp_time_factor(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nreplications = 2000\n[team]\nnew_hires = 8\n[ramp]\ntime_cv = 0.3137\n"
                                  "[attrition]\nannual = 0\nreview_exit = 0\n");
    rs_results *r = tu_run(sc, 2);
    const rs_moments *ramp = metric(r, RS_M_RAMP_WEEKS);
    assert_int_equal((int)ramp->n, 8 * 2000);
    assert_mean_within(ramp, 22.0, "mean ramp time");
    double sigma2 = log1p(0.3137 * 0.3137);
    /* the standard error of a sample CV, from the lognormal's kurtosis */
    double kurtosis = exp(4 * sigma2) + 2 * exp(3 * sigma2) + 3 * exp(2 * sigma2) - 6;
    double cv = sqrt(rs_moments_variance(ramp)) / ramp->mean;
    tu_assert_near(cv, 0.3137, 4 * 0.5 * sqrt((kurtosis + 2) / ramp->n) * 0.3137);
    double median = rs_sketches_quantile(r->sketches, RS_M_RAMP_WEEKS, 0.5);
    /* the median of n values has SE about 1 / (2 f(m) sqrt(n)) */
    double density = 1.0 / (22.0 * exp(-sigma2 / 2) * sqrt(2 * M_PI * sigma2));
    tu_assert_near(median, 22.0 * exp(-sigma2 / 2), 4 / (2 * density * sqrt(ramp->n)));
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* The factor comes from a stream of its own: with attrition on (and no
 * reviews, which look at bookings), the departures and hires of every
 * replication are those of a team whose hires all ramp alike. */
static void test_ramp_time_factor_draws_alone(void **state)
{
    (void)state;
    rs_scenario *alike = tu_scenario("[run]\nreplications = 300\n[ramp]\ntime_cv = 0\n[attrition]\nreview_exit = 0\n");
    rs_scenario *spread = rs_scenario_clone(alike);
    tu_set(spread, "ramp.time_cv=0.35", NULL);
    const rs_scenario *set[2] = {alike, spread};
    rs_results *res[2];
    rs_comparison *cmp;
    rs_engine_options opt = {.threads = 2};
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_engine_compare(set, 2, &opt, res, &cmp, err), RS_OK);
    const rs_metric which[] = {RS_M_DEPARTURES, RS_M_HIRES};
    for (int k = 0; k < 2; k++) {
        const rs_pair_moments *p = rs_comparison_pair(cmp, 1, which[k]);
        assert_true(p->n == 300 && p->b_above == 0 && p->b_below == 0);
    }
    assert_true(res[1]->moments[RS_M_RAMP_WEEKS].mean != res[0]->moments[RS_M_RAMP_WEEKS].mean);
    for (int j = 0; j < 2; j++)
        rs_results_free(res[j]);
    rs_comparison_free(cmp);
    rs_scenario_free(alike);
    rs_scenario_free(spread);
}

/* The luck the drivers decompose: the mean of the uniforms behind a
 * replication's opportunity counts (a seat-week each, in the recorded
 * weeks) and behind its wins (1 - u, a closed deal each). Each is the mean
 * of U(0, 1) numbers, 1/2; 400 replications of the default team, 4
 * standard errors. */
static void test_luck_is_the_uniforms_mean(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nreplications = 400\n");
    tu_pair p;
    tu_pair_init(&p, sc, sc);
    rs_moments leads = {0}, wins = {0};
    for (uint32_t r = 0; r < 400; r++) {
        tu_pair_run(&p, r);
        rs_moments_add(&leads, p.a->luck[RS_LUCK_LEADS]);
        rs_moments_add(&wins, p.a->luck[RS_LUCK_WINS]);
    }
    assert_mean_within(&leads, 0.5, "luck of the leads");
    assert_mean_within(&wins, 0.5, "luck of the wins");
    tu_pair_free(&p);
    rs_scenario_free(sc);
}

/* The deal book's pool lies on cache lines (two 32-byte deals a line)
 * when made and after it grows, and growing keeps the deals it held and
 * their lists: a deal filed before the growth closes in its week. */
static void test_deal_pool_on_cache_lines(void **state)
{
    (void)state;
    rs_deal_book b;
    assert_int_equal(rs_deal_book_init(&b, 3), RS_OK);
    assert_int_equal((uintptr_t)b.deals % 64, 0);
    int32_t first = rs_deal_book_add(&b, 0, 5);
    b.deals[first].value = 1234.5;
    for (int k = 0; k < 20; k++) /* past two doublings */
        assert_true(rs_deal_book_add(&b, 0, 6) >= 0);
    assert_true(b.capacity >= 21);
    assert_int_equal((uintptr_t)b.deals % 64, 0);
    int32_t closing = rs_deal_book_take(&b, 5);
    assert_int_equal(closing, first);
    assert_int_equal(b.deals[closing].next, -1);
    tu_assert_near(b.deals[closing].value, 1234.5, 0.0);
    rs_deal_book_release(&b, closing);
    rs_deal_book_free(&b);
}

/* Early reviews: a rep with no bookings at a review week leaves with the
 * set probability. Eight hires at week 0 with no bookings at all (win rate
 * 0) and no attrition; a backfill starts after 60 weeks, too late for its
 * first year to be seen, so every replication's share is over the same 8. */
static void test_early_reviews(void **state)
{
    (void)state;
    const char *weeks[] = {"26", "26,39,52"};
    for (int k = 0; k < 2; k++) {
        char ini[512];
        snprintf(ini, sizeof ini,
                 "[run]\nreplications = 2000\n[team]\nnew_hires = 8\n[pipeline]\nwin_rate = 0\n"
                 "[attrition]\nannual = 0\nhiring_lag_weeks = 60\nreview_weeks = %s\nreview_exit = 0.2385\n",
                 weeks[k]);
        rs_scenario *sc = tu_scenario(ini);
        rs_results *r = tu_run(sc, 2);
        double gone = 100.0 * (1.0 - pow(1.0 - 0.2385, k == 0 ? 1 : 3));
        assert_mean_within(metric(r, RS_M_FIRST_YEAR_EXITS), gone, "hires gone within a year");
        assert_true(metric(r, RS_M_FIRST_YEAR_EXITS_REVIEW)->mean == metric(r, RS_M_FIRST_YEAR_EXITS)->mean);
        tu_assert_near(metric(r, RS_M_FIRST_YEAR_EXITS_ATTRITION)->mean, 0.0, 0);
        assert_mean_within(metric(r, RS_M_REVIEW_EXITS), 8 * gone / 100.0, "review exits");
        rs_results_free(r);
        rs_scenario_free(sc);
    }
    /* the reviews come at exactly those tenures: with everybody behind and
     * leaving, and no hiring lag, each seat rehires at weeks 0, 26, 52 and
     * 78 of the 104: 32 hires */
    rs_scenario *every = tu_scenario("[run]\nreplications = 32\n[team]\nnew_hires = 8\n[pipeline]\nwin_rate = 0\n"
                                     "[attrition]\nannual = 0\nhiring_lag_weeks = 0\nreview_weeks = 26\n"
                                     "review_exit = 1\n");
    rs_results *r = tu_run(every, 2);
    tu_assert_near(metric(r, RS_M_HIRES)->mean, 32, 0);
    tu_assert_near(rs_moments_variance(metric(r, RS_M_HIRES)), 0, 0);
    rs_results_free(r);
    rs_scenario_free(every);
    /* nobody is behind below 0% of quota; everybody is below 1000% */
    const char *thresholds[] = {"0", "10"};
    for (int k = 0; k < 2; k++) {
        char ini[512];
        snprintf(ini, sizeof ini,
                 "[run]\nreplications = 200\n[team]\nnew_hires = 8\n[attrition]\nannual = 0\nhiring_lag_weeks = 60\n"
                 "review_below = %s\nreview_exit = 1\n",
                 thresholds[k]);
        rs_scenario *sc = tu_scenario(ini);
        rs_results *threshold_run = tu_run(sc, 2);
        tu_assert_near(metric(threshold_run, RS_M_FIRST_YEAR_EXITS)->mean, k == 0 ? 0.0 : 100.0, 0);
        rs_results_free(threshold_run);
        rs_scenario_free(sc);
    }
}

/* More than 65,535 opportunities in a rep-week all count: four times the
 * leads (25,000 and 100,000 a week) give four times the deals, not the
 * 2.6 times a cap at 65,535 would. */
static void test_very_many_opportunities(void **state)
{
    (void)state;
    const char *multipliers[] = {"5", "10"};
    double won[2];
    for (int k = 0; k < 2; k++) {
        char ini[512];
        snprintf(ini, sizeof ini,
                 "[run]\nreplications = 4\nhorizon_weeks = 4\nwarmup_weeks = 0\n[team]\nreps = 1\nnew_hires = 0\n"
                 "[rep]\nskill_cv = 0\nhours_per_open_deal = 0\nmeeting_cost = 0\n[attrition]\nannual = 0\n"
                 "[pipeline]\nleads_per_week = 1000\nlead_to_opportunity = 1\ncycle_weeks = 0.5\n"
                 "[team_meeting]\nweekly = yes\nlead_multiplier = %s\n[effects]\nscale = 2\n"
                 "[coaching]\nhours_per_month = 0\n[ride_along]\ncalls_per_month = 0\n[one_on_one]\ncadence = none\n",
                 multipliers[k]);
        rs_scenario *sc = tu_scenario(ini);
        rs_results *r = tu_run(sc, 1);
        won[k] = metric(r, RS_M_DEALS_WON)->mean;
        rs_results_free(r);
        rs_scenario_free(sc);
    }
    /* deals won over 3 closing weeks: binomial around 0.22 x opportunities */
    tu_assert_near(won[1] / won[0], 4.0, 0.02);
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

/* Productivity at fractional experience x for each curve, written out from
 * MODEL.md section 3 (W weeks to reach a; the table by month). */
static double rho_by_formula(int curve, double x, double W, double a)
{
    switch (curve) {
    case 0:
        return pow(x, 3) / (pow(x, 3) + pow(W, 3) * (1 - a) / a);
    case 1:
        return 1 - pow(1 - a, x / W);
    case 2:
        return fmin(1.0, a * x / W);
    default: {
        static const double table[] = {0, 0.25, 0.5, 0.75, 1.0};
        double months = x / (52.0 / 12.0);
        int m = (int)months;
        return m >= 4 ? 1.0 : table[m] + (months - m) * (table[m + 1] - table[m]);
    }
    }
}

/* Every ramp curve reaches the hires: eight hires at week 0 who all ramp
 * alike (ramp.time_cv = 0) and stay have, at each tenure t, productivity
 * rho(t) exactly (ramp.csv's column), and ramp in exactly the weeks the
 * curve reaches ramped_at: 23.85, or for the table 3.492 months (0.873 is
 * 49.2 % of the way from 75 % to 100 %). */
static void test_every_curve_reaches_the_hires(void **state)
{
    (void)state;
    const char *curves[] = {"scurve", "exponential", "linear", "table\ntable = 0,25,50,75,100"};
    const double ramp_weeks[] = {23.85, 23.85, 23.85, (3 + (0.873 - 0.75) / 0.25) * 52.0 / 12.0};
    for (int c = 0; c < 4; c++) {
        char ini[512];
        snprintf(ini, sizeof ini,
                 "[run]\nreplications = 16\nhorizon_weeks = 52\n[team]\nnew_hires = 8\n"
                 "[attrition]\nannual = 0\nreview_exit = 0\n"
                 "[ramp]\ntime_cv = 0\nweeks_to_ramped = 23.85\nramped_at = 0.873\ncurve = %s\n",
                 curves[c]);
        rs_scenario *sc = tu_scenario(ini);
        rs_results *r = tu_run(sc, 2);
        const rs_layout *l = &r->layout;
        for (int t = 0; t < l->horizon; t++)
            tu_assert_near(metric(r, l->productivity + (size_t)t)->mean, rho_by_formula(c, t, 23.85, 0.873), 1e-9);
        assert_int_equal((int)metric(r, RS_M_RAMP_WEEKS)->n, 8 * 16);
        tu_assert_near(metric(r, RS_M_RAMP_WEEKS)->mean, ramp_weeks[c], 1e-9);
        rs_results_free(r);
        rs_scenario_free(sc);
    }
}

/* The quota: a new hire's is the ramped rep's times rho(tenure), tenure 0
 * in the week of hire, so eight hires at week 0 carry 8 x 360,000 / 52 x
 * sum of rho(t) for t = 0..51 in their first year (the s-curve of 22 weeks
 * and 90 %), exactly. With quota.ramped = no and vacant seats counting,
 * every seat carries the full quota every week, whoever leaves: 8 x
 * 360,000 exactly, though reps leave and seats stay empty for 7 weeks. */
static void test_quota_ramped_and_vacant(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nreplications = 16\nhorizon_weeks = 52\n[team]\nnew_hires = 8\n"
                                  "[attrition]\nannual = 0\nreview_exit = 0\n");
    rs_results *r = tu_run(sc, 2);
    double ramped = 0;
    for (int t = 0; t < 52; t++)
        ramped += rho_by_formula(0, t, 22, 0.9);
    size_t fy1 = rs_layout_fy_slot(&r->layout, 0, RS_FY_QUOTA);
    tu_assert_near(metric(r, fy1)->mean, 8 * 360000.0 / 52 * ramped, 1e-9 * 8 * 360000.0);
    rs_results_free(r);
    rs_scenario_free(sc);

    sc = tu_scenario("[run]\nreplications = 16\nhorizon_weeks = 52\n[team]\nnew_hires = 2\n"
                     "[attrition]\nannual = 0.6137\nhiring_lag_weeks = 7\n[quota]\nramped = no\n"
                     "vacant_seats_count = yes\n");
    r = tu_run(sc, 2);
    assert_true(metric(r, RS_M_DEPARTURES)->mean > 1); /* seats do stay empty */
    tu_assert_near(metric(r, fy1)->mean, 8 * 360000.0, 1e-9 * 8 * 360000.0);
    rs_results_free(r);
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bookings_match_closed_form),
        cmocka_unit_test(test_coaching_stock_converges_to_plan),
        cmocka_unit_test(test_budget_scales_coaching),
        cmocka_unit_test(test_budget_cuts_coaching_then_onboarding),
        cmocka_unit_test(test_win_cap_and_attrition),
        cmocka_unit_test(test_reps_at_quota),
        cmocka_unit_test(test_claim_c3_one_on_ones),
        cmocka_unit_test(test_claim_c5_onboarding),
        cmocka_unit_test(test_attention_halves_the_win_rate),
        cmocka_unit_test(test_practices_reach_the_deals),
        cmocka_unit_test(test_coaching_quality_zero),
        cmocka_unit_test(test_ramp_time_factor),
        cmocka_unit_test(test_ramp_time_factor_draws_alone),
        cmocka_unit_test(test_luck_is_the_uniforms_mean),
        cmocka_unit_test(test_deal_pool_on_cache_lines),
        cmocka_unit_test(test_early_reviews),
        cmocka_unit_test(test_very_many_opportunities),
        cmocka_unit_test(test_effects_scale_zero),
        cmocka_unit_test(test_start_week_and_ytd),
        cmocka_unit_test(test_every_curve_reaches_the_hires),
        cmocka_unit_test(test_quota_ramped_and_vacant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
