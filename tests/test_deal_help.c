/* test_deal_help.c: deal help and coaching focus do what docs/model.md
 * says ("Deal help", "Coaching focus behind"): each style's win multiplier
 * reaches the deals it helps, capped; coach-style hours are coaching the
 * rep receives and take their selling time, take-over hours neither; a rep
 * with no quota yet this quarter is not helped; reps behind get twice the
 * share of the week's coaching. Statistical checks allow 4 standard errors;
 * the rest are closed forms, exact to rounding. */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>


/* Five veterans, no ramp, no skill spread, no attrition, no practices and
 * no limit on attention: every rep-week closes Poisson(LAMBDA) deals
 * (leads x conversion), each won with probability WIN unless helped. */
#define TEAM                                                                                                     \
    "[run]\nwarmup_weeks = 104\nhorizon_weeks = 52\nreplications = 200\nseed = 2385\n"                          \
    "[team]\nreps = 5\nnew_hires = 0\n[rep]\nskill_cv = 0\nhours_per_open_deal = 0\n[attrition]\nannual = 0\n"   \
    "[coaching]\nhours_per_month = 0\nprior_hours_per_month = 0\n[ride_along]\ncalls_per_month = 0\n"          \
    "[one_on_one]\ncadence = none\n"                                                                            \
    "[pipeline]\nleads_per_week = 2.385\nlead_to_opportunity = 0.4137\nwin_rate = 0.2719\n"                    \
    "deal_size = 31234\ncycle_weeks = 7.3\n[quota]\nannual = 517000\n"
#define REPS 5
#define WEEKS 52
#define LAMBDA (2.385 * 0.4137)
#define WIN 0.2719

/* Deal help every week for every rep behind 1000 % of quota (every rep
 * with a quota this quarter: none books ten times its quota), as many
 * deals as close. */
#define HELP_ALL "deal_help.when=always", "deal_help.below_attainment=10", "deal_help.max_deals_per_week=100"

static const rs_moments *metric(const rs_results *r, size_t slot)
{
    return &r->moments[slot];
}

/* Runs `without` and `with` replication by replication on the same draws,
 * and accumulates per replication the extra deals won with help less
 * `extra_per_helped` for each helped deal, and the helped deals. */
static void paired_runs(const rs_scenario *without, const rs_scenario *with, double extra_per_helped,
                        rs_moments *residual, rs_moments *helped)
{
    tu_pair pair;
    tu_pair_init(&pair, without, with);
    for (uint32_t r = 0; r < (uint32_t)without->run.replications; r++) {
        tu_pair_run(&pair, r);
        double extra = pair.b->values[RS_M_DEALS_WON] - pair.a->values[RS_M_DEALS_WON];
        double h = pair.b->values[RS_M_DEAL_HELP_DEALS];
        rs_moments_add(residual, extra - extra_per_helped * h);
        rs_moments_add(helped, h);
    }
    tu_pair_free(&pair);
}

/* The win probability of a helped deal is min(max_win_rate, p x m) for the
 * style's multiplier m, whatever effects.scale says. Nothing else changes
 * between the runs with and without help (take-over costs the reps
 * nothing; coach-style help here takes no selling time and its coaching
 * does nothing), and each deal keeps its win uniform, so a helped deal is
 * won in addition exactly when that uniform lies between p and the helped
 * probability: per replication, extra wins - (helped p' - p) x helped has
 * mean 0, and 4 of its standard errors are the tolerance. Without the
 * multiplier the mean is -(p' - p) x helped, about 39 deals a replication,
 * against a standard error near 0.4. */
static void test_win_multipliers_reach_the_helped_deals(void **state)
{
    (void)state;
    struct {
        const char *what, *style, *multiplier, *extra;
        double helped_win;
    } cases[] = {
        {"take-over", "deal_help.style=take_over", "deal_help.take_over_win_multiplier=1.6137", "effects.scale=0.613",
         WIN * 1.6137},
        {"coach", "deal_help.style=coach", "deal_help.coach_win_multiplier=1.3719", "coaching.max_uplift=0",
         WIN * 1.3719},
        {"take-over, capped", "deal_help.style=take_over", "deal_help.take_over_win_multiplier=4.1",
         "pipeline.max_win_rate=0.8137", 0.8137},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_scenario *without = tu_scenario(TEAM), *with = tu_scenario(TEAM);
        tu_set(without, cases[i].extra, "rep.meeting_cost=0", NULL);
        tu_set(with, cases[i].extra, "rep.meeting_cost=0", cases[i].style, cases[i].multiplier, HELP_ALL, NULL);
        rs_moments residual = {0}, helped = {0};
        paired_runs(without, with, cases[i].helped_win - WIN, &residual, &helped);
        print_message("%s: %.1f deals helped a replication, residual %+.3f (SE %.3f)\n", cases[i].what, helped.mean,
                      residual.mean, rs_moments_stderr(&residual));
        if (!(fabs(residual.mean) <= 4 * rs_moments_stderr(&residual)))
            fail_msg("%s: extra wins less (p' - p) x helped average %.4g, expected 0 +- %.3g (4 SE)", cases[i].what,
                     residual.mean, 4 * rs_moments_stderr(&residual));
        /* Every deal closing in a week after a quarter's first is helped
         * (48 of the 52 weeks); in a quarter's first week no rep has a quota
         * yet, so none is: Poisson(5 x 48 x LAMBDA) deals, not 5 x 52 x LAMBDA
         * (20 more, against a standard error near 1.1). */
        double expected = REPS * 48 * LAMBDA;
        if (!(fabs(helped.mean - expected) <= 4 * rs_moments_stderr(&helped)))
            fail_msg("%s: %.4g deals helped, expected %.4g +- %.3g (4 SE)", cases[i].what, helped.mean, expected,
                     4 * rs_moments_stderr(&helped));
        rs_scenario_free(without);
        rs_scenario_free(with);
    }
}

/* Coach-style help: the session's hours are coaching the rep receives and
 * cost them selling time; take-over hours are neither. Both identities are
 * linear in the week's deal-coaching hours X_k (the team's, which is the
 * manager's deal-help hours), so they hold replication by replication and
 * therefore for the means, to rounding:
 *  - the stock, from 0, follows S_t = (1 - r) S_(t-1) + r (52/12) x_t, so
 *    its mean over the rep-weeks is (52/12) sum_k X_k (1 - (1 - r)^(H - k))
 *    / (reps H), with r = 1 - exp(-1 / memory_weeks);
 *  - the selling share is 35 % x (1 - meeting_cost x X_k / 15.75) per rep
 *    and week, never clipped here (at most 2 x 0.7319 hours a rep-week). */
static void test_coach_hours_are_coaching(void **state)
{
    (void)state;
    const char *styles[] = {"deal_help.style=coach", "deal_help.style=take_over"};
    for (int k = 0; k < 2; k++) {
        rs_scenario *sc = tu_scenario(TEAM);
        tu_set(sc, styles[k], HELP_ALL, "deal_help.max_deals_per_week=2", "deal_help.hours_per_deal=0.7319",
               "coaching.memory_weeks=9.7", "rep.meeting_cost=0.4137", NULL);
        rs_results *r = tu_run(sc, 2);
        const rs_layout *l = &r->layout;
        double rate = 1.0 - exp(-1.0 / 9.7), weighted = 0.0, hours = 0.0;
        for (int w = 0; w < WEEKS; w++) {
            double x = metric(r, rs_layout_manager_slot(l, w, RS_ACT_DEAL_HELP))->mean;
            weighted += x * (1.0 - pow(1.0 - rate, WEEKS - w));
            hours += x;
            /* no planned coaching to displace: the week's total is the help,
             * within the budget's slack (30 hours), so no overtime */
            tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_TOTAL))->mean, x, 1e-12 * (1 + x));
            tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_OVERTIME))->mean, 0.0, 0);
        }
        /* about 2 x 5 reps x 48 weeks x 0.63 deals x 0.73 hours a replication */
        tu_assert_near(hours, 0.7319 * metric(r, RS_M_DEAL_HELP_DEALS)->mean, 1e-9 * hours);
        double stock = k == 0 ? 52.0 / 12.0 * weighted / (REPS * WEEKS) : 0.0;
        double selling = 35.0 * (1.0 - (k == 0 ? 0.4137 * hours / (REPS * WEEKS * 15.75) : 0.0));
        print_message("%s: %.1f hours of deal help, mean stock %.5f, selling share %.5f\n", styles[k], hours,
                      metric(r, RS_M_COACHING_STOCK)->mean, metric(r, RS_M_SELLING_TIME_SHARE)->mean);
        tu_assert_near(metric(r, RS_M_COACHING_STOCK)->mean, stock, 1e-9 * (stock + 1e-3));
        tu_assert_near(metric(r, RS_M_SELLING_TIME_SHARE)->mean, selling, 1e-9 * selling);
        rs_results_free(r);
        rs_scenario_free(sc);
    }
}

/* The selling share of a rep given h coaching hours a week: 35 % of
 * max(0, 1 - h / 15.75) at meeting_cost 1. */
static double share_at(double h)
{
    return 35.0 * fmax(0.0, 1.0 - h / 15.75);
}

/* Coaching focus `behind`: a veteran who books nothing (win rate 0) is
 * behind from a quarter's second week on; a new hire whose ramp table
 * gives them no quota during the horizon never is. The week's coaching,
 * T = 27.3 hours (the budget; 100 planned hours a month are cut to it),
 * goes 2 : 1 to the veteran, evenly in a quarter's first week. At 18.2
 * hours the veteran's selling time is used up (clipped at 0), so the team's
 * mean selling share shows the hire's share of T, which the weight sets:
 * exact, no randomness involved. Weight 3 would give the hire T/4, even
 * focus T/2. */
static void test_behind_focus_doubles_the_weight(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nwarmup_weeks = 13\nhorizon_weeks = 52\nreplications = 16\n"
                                  "[team]\nreps = 2\nnew_hires = 1\n[pipeline]\nwin_rate = 0\n"
                                  "[attrition]\nannual = 0\nreview_exit = 0\n"
                                  "[ramp]\ncurve = table\ntable = 0,0,0,0,0,0,0,0,0,0,0,0,0,0,90\n"
                                  "[coaching]\nhours_per_month = 100\nfocus = behind\n"
                                  "[one_on_one]\ncadence = none\n[ride_along]\ncalls_per_month = 0\n"
                                  "[manager]\nhours_per_week = 45.5\nteam_share = 0.6\n[rep]\nmeeting_cost = 1\n");
    rs_results *r = tu_run(sc, 1);
    double T = 45.5 * 0.6;
    for (int w = 0; w < WEEKS; w += 5)
        tu_assert_near(metric(r, rs_layout_manager_slot(&r->layout, w, RS_ACT_COACHING))->mean, T, 1e-12);
    double weights[] = {2.0, 3.0, 1.0};
    double expected[3];
    for (int k = 0; k < 3; k++) {
        double w = weights[k];
        /* 4 first weeks of a quarter: T/2 each; 48 others: wT/(w+1) and T/(w+1) */
        expected[k] = (4 * 2 * share_at(T / 2) + 48 * (share_at(w * T / (w + 1)) + share_at(T / (w + 1)))) /
                      (2.0 * WEEKS);
    }
    double seen = metric(r, RS_M_SELLING_TIME_SHARE)->mean;
    print_message("selling share %.6f: weight 2 gives %.6f, weight 3 %.6f, even focus %.6f\n", seen, expected[0],
                  expected[1], expected[2]);
    tu_assert_near(seen, expected[0], 1e-12);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* Quarter-end help in the last `weeks` weeks of each quarter, at most
 * max_deals_per_week a rep, uses the budget's slack first, then displaces
 * coaching. Here the planned coaching (8 reps x 10 hours a month, 18.46 a
 * week) exceeds the budget (15), so there is no slack: replication by
 * replication the week's coaching is 15 less the help (at most 8 x 2 x
 * 0.385 hours), the total stays at the budget and nothing is overtime, so
 * the means obey it exactly. The deals helped are, for each of 8 reps and
 * 12 weeks (3 a quarter), min(N, 2) of the N ~ Poisson(LAMBDA) closing
 * (selling time costs nothing here, so help changes no lead): a mean of
 * 96 E[min(N, 2)] a replication, within 4 standard errors. */
static void test_quarter_end_help_displaces_coaching(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(TEAM);
    tu_set(sc, "team.reps=8", "coaching.hours_per_month=10", "manager.team_share=0.3", "rep.meeting_cost=0",
           "deal_help.when=quarter_end", "deal_help.weeks=3", "deal_help.style=take_over",
           "deal_help.below_attainment=10", "deal_help.max_deals_per_week=2", "deal_help.hours_per_deal=0.385",
           "run.replications=400", NULL);
    rs_results *r = tu_run(sc, 2);
    const rs_layout *l = &r->layout;
    double planned = 8 * 10 * 12 / 52.0, budget = 50 * 0.3, help_hours = 0;
    for (int w = 0; w < WEEKS; w++) {
        double help = metric(r, rs_layout_manager_slot(l, w, RS_ACT_DEAL_HELP))->mean;
        help_hours += help;
        if (w % 13 < 10)
            tu_assert_near(help, 0.0, 0);
        else
            assert_true(help > 0);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_COACHING))->mean, budget - help, 1e-12);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_SHORTFALL))->mean, planned - budget + help,
                       1e-12);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_TOTAL))->mean, budget, 1e-12);
        tu_assert_near(metric(r, rs_layout_manager_slot(l, w, RS_ACT_OVERTIME))->mean, 0.0, 0);
    }
    const rs_moments *deals = metric(r, RS_M_DEAL_HELP_DEALS);
    tu_assert_near(help_hours, 0.385 * deals->mean, 1e-9 * help_hours);
    double at_most_two = gsl_cdf_poisson_Q(0, LAMBDA) + gsl_cdf_poisson_Q(1, LAMBDA); /* E[min(N, 2)] */
    double expected = 8 * 12 * at_most_two;
    print_message("deals helped a replication: %.3f, expected %.3f (SE %.3f)\n", deals->mean, expected,
                  rs_moments_stderr(deals));
    if (!(fabs(deals->mean - expected) <= 4 * rs_moments_stderr(deals)))
        fail_msg("%.4g deals helped, expected %.4g +- %.3g (4 SE)", deals->mean, expected,
                 4 * rs_moments_stderr(deals));
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* E[largest of N values | N >= 1] for N ~ Poisson(lambda) lognormal values
 * of mean 1 and CV cv: the integral of P(largest > x), where
 * P(largest <= x | N >= 1) = (exp(-lambda (1 - F(x))) - exp(-lambda)) /
 * (1 - exp(-lambda)); Simpson's rule on [0, 60], far past the tail. */
static double expected_largest(double lambda, double cv)
{
    double sigma = sqrt(log1p(cv * cv)), mu = -0.5 * sigma * sigma, none = exp(-lambda);
    enum { STEPS = 200000 };
    double h = 60.0 / STEPS, sum = 0.0;
    for (int i = 0; i <= STEPS; i++) {
        double x = i * h, F = x > 0 ? gsl_cdf_lognormal_P(x, mu, sigma) : 0.0;
        double above = 1.0 - (exp(-lambda * (1.0 - F)) - none) / (1.0 - none);
        sum += above * (i == 0 || i == STEPS ? 1 : i % 2 ? 4 : 2);
    }
    return sum * h / 3.0;
}

/* Each rep's deals closing this week are taken largest first: with one
 * deal helped a rep-week out of Poisson(4.01) closing (leads 9.7 a week),
 * the helped deal is the largest of them, and the bookings the help adds
 * over the same draws without it are (p' - p) x deals helped x E[largest]
 * on average (a helped deal's win uniform is independent of its value and
 * of whether it is helped), within 4 standard errors of the paired extra
 * bookings. Taking the smallest first would add a third of that. */
static void test_help_takes_the_largest_deal(void **state)
{
    (void)state;
    rs_scenario *without = tu_scenario(TEAM), *with = tu_scenario(TEAM);
    /* a quota ten times as large keeps every rep below 1000 % of it */
    tu_set(without, "pipeline.leads_per_week=9.7", "quota.annual=5170000", NULL);
    tu_set(with, "pipeline.leads_per_week=9.7", "quota.annual=5170000", "deal_help.style=take_over", "deal_help.take_over_win_multiplier=2.385",
           HELP_ALL, "deal_help.max_deals_per_week=1", NULL);
    tu_pair pair;
    tu_pair_init(&pair, without, with);
    rs_moments extra = {0}, helped = {0};
    for (uint32_t r = 0; r < (uint32_t)without->run.replications; r++) {
        tu_pair_run(&pair, r);
        rs_moments_add(&extra, pair.b->values[RS_M_BOOKINGS_TOTAL] - pair.a->values[RS_M_BOOKINGS_TOTAL]);
        rs_moments_add(&helped, pair.b->values[RS_M_DEAL_HELP_DEALS]);
    }
    tu_pair_free(&pair);
    double lambda = 9.7 * 0.4137;
    /* deals helped: a rep-week after a quarter's first with a deal closing */
    double deals = REPS * 48 * (1.0 - exp(-lambda));
    double expected = WIN * (2.385 - 1.0) * deals * 31234 * expected_largest(lambda, 0.8);
    print_message("extra bookings %.0f (SE %.0f), expected %.0f; %.1f deals helped, expected %.1f\n", extra.mean,
                  rs_moments_stderr(&extra), expected, helped.mean, deals);
    if (!(fabs(extra.mean - expected) <= 4 * rs_moments_stderr(&extra)))
        fail_msg("help added %.6g of bookings, expected %.6g +- %.3g (4 SE)", extra.mean, expected,
                 4 * rs_moments_stderr(&extra));
    if (!(fabs(helped.mean - deals) <= 4 * rs_moments_stderr(&helped)))
        fail_msg("%.4g deals helped, expected %.4g +- %.3g (4 SE)", helped.mean, deals, 4 * rs_moments_stderr(&helped));
    rs_scenario_free(without);
    rs_scenario_free(with);
}

/* Deal help starts at week 0, not in the warm-up: coach-style sessions
 * there would have cost the reps selling time and so leads. Week 0 is a
 * quarter's first week, in which nobody is helped, so its bookings come
 * from the warm-up alone and are those of the team without deal help in
 * every replication (to rounding: the help run adds the week's deals up in
 * another order). Sessions in the warm-up would lower them by about a fifth. */
static void test_help_starts_at_week_zero(void **state)
{
    (void)state;
    rs_scenario *without = tu_scenario(TEAM), *with = tu_scenario(TEAM);
    tu_set(with, "deal_help.style=coach", "rep.meeting_cost=0.9", "deal_help.hours_per_deal=4.1", HELP_ALL, NULL);
    rs_results *a = tu_run(without, 2), *b = tu_run(with, 2);
    const rs_moments *wa = metric(a, a->layout.cum_bookings), *wb = metric(b, b->layout.cum_bookings);
    assert_true(wa->mean > 0);
    tu_assert_near(wb->mean, wa->mean, 1e-12 * wa->mean);
    tu_assert_near(sqrt(rs_moments_variance(wb)), sqrt(rs_moments_variance(wa)), 1e-9 * wa->mean);
    /* and from week 1 on it does something */
    assert_true(metric(b, RS_M_DEAL_HELP_DEALS)->mean > 0);
    assert_true(metric(a, b->layout.cum_bookings + 1)->mean != metric(b, b->layout.cum_bookings + 1)->mean);
    rs_results_free(a);
    rs_results_free(b);
    rs_scenario_free(without);
    rs_scenario_free(with);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_win_multipliers_reach_the_helped_deals),
        cmocka_unit_test(test_coach_hours_are_coaching),
        cmocka_unit_test(test_behind_focus_doubles_the_weight),
        cmocka_unit_test(test_quarter_end_help_displaces_coaching),
        cmocka_unit_test(test_help_takes_the_largest_deal),
        cmocka_unit_test(test_help_starts_at_week_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
