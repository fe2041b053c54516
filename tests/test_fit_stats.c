/* test_fit_stats.c: the fit's estimators on histories drawn from known
 * distributions (GSL's samplers, fixed seeds): each recovers its parameter
 * within four standard errors, and the open opportunities are censored,
 * not dropped. */
#include "testutil.h"

#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rampsim/calendar.h"

#include "fit_stats.h"
#include "ramp.h"

#define DAY0 20454 /* 2026-01-01, a Thursday: dates need not be Mondays */

typedef struct drawn {
    rs_history h;
    rs_fit_window w;
    rs_history_stats s;
    rs_fit_workspace *ws;
    gsl_rng *rng;
} drawn;

static void drawn_init(drawn *d, unsigned long seed)
{
    rs_history_init(&d->h);
    d->ws = rs_fit_workspace_new(16);
    d->rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(d->rng, seed);
}

static void drawn_free(drawn *d)
{
    rs_history_free(&d->h);
    rs_fit_workspace_free(d->ws);
    gsl_rng_free(d->rng);
}

static void compute(drawn *d, int curve)
{
    assert_true(rs_fit_window_of(&d->h, &d->w));
    rs_fit_stats_options o = {.ramped_at = 0.9, .curve = curve};
    assert_int_equal(rs_history_stats_compute(&d->h, &d->w, &o, d->ws, &d->s), RS_OK);
}

static void add(drawn *d, int owner, rs_day created, rs_day closed, double amount, rs_opp_outcome outcome)
{
    rs_history_opportunity o = {.owner = owner, .created = created, .closed = closed, .amount = amount,
                                .outcome = outcome};
    assert_true(rs_history_add_opportunity(&d->h, &o) >= 0);
}

/* A lognormal of mean m and CV c. */
static double lognormal(gsl_rng *rng, double m, double c)
{
    double s2 = log1p(c * c);
    return gsl_ran_lognormal(rng, log(m) - 0.5 * s2, sqrt(s2));
}

/* Deal sizes: the lognormal's ML mean and CV, over won and lost alike. */
static void test_deal_sizes(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 2385);
    rs_history_add_rep(&d.h, "Ana", RS_DAY_NONE, RS_DAY_NONE);
    const int n = 4000;
    const double mean = 31415.0, cv = 0.73;
    for (int i = 0; i < n; i++) {
        rs_day created = DAY0 + (rs_day)gsl_rng_uniform_int(d.rng, 500);
        add(&d, 0, created, created + 40, lognormal(d.rng, mean, cv), i % 4 ? RS_OPP_LOST : RS_OPP_WON);
    }
    compute(&d, -1);
    double s2 = log1p(cv * cv);
    /* delta method: Var(ln mean) = s2/n + s2^2/(2n); Var(s2_hat) = 2 s2^2/n */
    double se_mean = mean * sqrt(s2 / n + s2 * s2 / (2.0 * n));
    double se_cv = (1.0 + cv * cv) / (2.0 * cv) * sqrt(2.0 * s2 * s2 / n);
    assert_int_equal(d.s.amounts, n);
    tu_assert_near(d.s.size_mean, mean, 4.0 * se_mean);
    tu_assert_near(d.s.size_cv, cv, 4.0 * se_cv);
    tu_assert_near(d.s.win_rate, 0.25, 1e-12);
    drawn_free(&d);
}

/* Cycles: a gamma with a fifth of the opportunities still open at the
 * export. The censored fit finds the mean; the closed ones alone would
 * put it far lower. */
static void test_cycles_censored(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 7411);
    rs_history_add_rep(&d.h, "Ana", RS_DAY_NONE, RS_DAY_NONE);
    const double mean = 9.37, cv = 0.55; /* weeks */
    const double k = 1.0 / (cv * cv), theta = mean / k;
    const rs_day export_day = DAY0 + 40 * 7;
    int n = 5000, closed = 0;
    double closed_sum = 0.0;
    for (int i = 0; i < n; i++) {
        rs_day created = DAY0 + (rs_day)gsl_rng_uniform_int(d.rng, 40 * 7);
        rs_day close = created + (rs_day)lround(gsl_ran_gamma(d.rng, k, theta) * 7.0);
        close = close > created ? close : created + 1;
        if (close <= export_day) {
            add(&d, 0, created, close, 1000.0, RS_OPP_LOST);
            closed++;
            closed_sum += (close - created) / 7.0;
        } else {
            add(&d, 0, created, RS_DAY_NONE, 1000.0, RS_OPP_OPEN);
        }
    }
    d.h.export_day = export_day;
    compute(&d, -1);
    assert_true(d.s.open > n / 10);
    /* the uncensored ML's errors, widened by half for the information censoring takes */
    double se_mean = 1.5 * mean * cv / sqrt(n), se_cv = 1.5 * cv / sqrt(2.0 * n) * 1.2;
    tu_assert_near(d.s.cycle_mean, mean, 4.0 * se_mean);
    tu_assert_near(d.s.cycle_cv, cv, 4.0 * se_cv);
    assert_true(closed_sum / closed < mean - 5.0 * se_mean);
    drawn_free(&d);
}

/* An open deal of a rep who left is censored at the leave date: the
 * fitted cycle is shorter than when it is taken as open to the export. */
static void test_leaver_censored_at_leave(void **state)
{
    (void)state;
    drawn d[2];
    for (int v = 0; v < 2; v++) {
        drawn_init(&d[v], 99);
        rs_history_add_rep(&d[v].h, "Ana", DAY0 - 400, v ? DAY0 + 70 : RS_DAY_NONE);
        d[v].h.has_roster = true;
        d[v].h.reps[0].in_roster = true;
        for (int i = 0; i < 60; i++)
            add(&d[v], 0, DAY0 + i, DAY0 + i + 35 + 3 * (i % 7), 1000.0, RS_OPP_WON);
        for (int i = 0; i < 20; i++)
            add(&d[v], 0, DAY0 + 50 + i, RS_DAY_NONE, 1000.0, RS_OPP_OPEN);
        d[v].h.export_day = DAY0 + 700;
        compute(&d[v], -1);
    }
    assert_true(d[1].s.cycle_mean < d[0].s.cycle_mean);
    assert_int_equal(d[1].s.exits, 1);
    assert_int_equal(d[0].s.exits, 0);
    for (int v = 0; v < 2; v++)
        drawn_free(&d[v]);
}

/* Ramp: reps hired through the history open Poisson(lambda rho(tenure))
 * opportunities a week; the fit finds weeks to ramped and the curve. */
static void ramp_history(drawn *d, int curve, double W, double lambda, int reps)
{
    rs_ramp ramp;
    rs_ramp_init_curve(&ramp, curve, W, 0.9);
    d->h.has_roster = true;
    const int weeks = 156;
    for (int r = 0; r < reps; r++) {
        char name[16];
        snprintf(name, sizeof name, "rep-%d", r);
        /* half veterans, half hired within the history */
        rs_day hired = r % 2 ? DAY0 + 7 * (int)gsl_rng_uniform_int(d->rng, 100) : DAY0 - 7 * 300;
        int k = rs_history_add_rep(&d->h, name, hired, RS_DAY_NONE);
        d->h.reps[k].in_roster = true;
        for (int w = 0; w < weeks; w++) {
            rs_day day = DAY0 + 7 * w;
            if (day < hired)
                continue;
            unsigned n = gsl_ran_poisson(d->rng, lambda * rs_ramp_rho(&ramp, (day - hired) / 7));
            for (unsigned j = 0; j < n; j++)
                add(d, k, day, day + 70, 1000.0, RS_OPP_LOST);
        }
    }
    /* the first week holds an opportunity, so that the window starts at DAY0 */
    add(d, 0, DAY0, DAY0 + 70, 1000.0, RS_OPP_LOST);
    d->h.export_day = DAY0 + 7 * weeks - 1;
}

static void test_ramp_scurve(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 4242);
    ramp_history(&d, RS_RAMP_SCURVE, 19.3, 1.37, 60);
    compute(&d, -1);
    assert_int_equal(d.s.ramp_curve, RS_RAMP_SCURVE);
    assert_int_equal(d.s.ramp_reps, 30);
    /* 30 hires' ramps: the profile likelihood's error here is about half a week */
    tu_assert_near(d.s.ramp_weeks, 19.3, 2.0);
    tu_assert_near(d.s.opportunity_rate, 1.37, 4.0 * 1.37 / sqrt((double)d.s.opportunities));
    drawn_free(&d);
}

static void test_ramp_linear_chosen(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 5150);
    ramp_history(&d, RS_RAMP_LINEAR, 31.7, 2.11, 60);
    compute(&d, -1);
    assert_int_equal(d.s.ramp_curve, RS_RAMP_LINEAR);
    tu_assert_near(d.s.ramp_weeks, 31.7, 2.0);
    /* a curve asked for is the one read */
    compute(&d, RS_RAMP_EXPONENTIAL);
    assert_int_equal(d.s.ramp_curve, RS_RAMP_EXPONENTIAL);
    drawn_free(&d);
}

/* Leaves per rep-week: every rep's weeks on the team, and who left. */
static void test_exit_rate(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 1);
    d.h.has_roster = true;
    /* 10 weeks of history: a rep there throughout, one who leaves after 4
     * weeks, one who joins at week 6 */
    int a = rs_history_add_rep(&d.h, "a", DAY0 - 700, RS_DAY_NONE);
    int b = rs_history_add_rep(&d.h, "b", DAY0 - 700, DAY0 + 4 * 7);
    int c = rs_history_add_rep(&d.h, "c", DAY0 + 6 * 7, RS_DAY_NONE);
    d.h.reps[a].in_roster = d.h.reps[b].in_roster = d.h.reps[c].in_roster = true;
    add(&d, a, DAY0, DAY0 + 7, 500.0, RS_OPP_WON);
    add(&d, c, DAY0 + 9 * 7, RS_DAY_NONE, 500.0, RS_OPP_OPEN);
    compute(&d, -1);
    assert_int_equal(d.w.weeks, 10);
    tu_assert_near(d.s.rep_weeks, 10 + 4 + 4, 1e-12);
    assert_int_equal(d.s.exits, 1);
    tu_assert_near(d.s.exit_rate, 1.0 / 18.0, 1e-12);
    assert_int_equal(d.s.ramp_reps, 1);
    drawn_free(&d);
}

/* Without a roster an owner counts from their first opportunity's week
 * to their last one's, as ramped. */
static void test_no_roster_rate(void **state)
{
    (void)state;
    drawn d;
    drawn_init(&d, 1);
    rs_history_add_rep(&d.h, "a", RS_DAY_NONE, RS_DAY_NONE);
    rs_history_add_rep(&d.h, "b", RS_DAY_NONE, RS_DAY_NONE);
    for (int w = 0; w < 20; w++)
        add(&d, 0, DAY0 + 7 * w, RS_DAY_NONE, 800.0, RS_OPP_OPEN);
    add(&d, 1, DAY0 + 7 * 5, RS_DAY_NONE, 800.0, RS_OPP_OPEN);
    add(&d, 1, DAY0 + 7 * 9 + 3, RS_DAY_NONE, 800.0, RS_OPP_OPEN);
    compute(&d, -1);
    tu_assert_near(d.s.rep_weeks, 20 + 5, 1e-12);
    tu_assert_near(d.s.opportunity_rate, 22.0 / 25.0, 1e-12);
    assert_true(isnan(d.s.exit_rate));
    assert_true(isnan(d.s.ramp_weeks));
    drawn_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deal_sizes),        cmocka_unit_test(test_cycles_censored),
        cmocka_unit_test(test_leaver_censored_at_leave), cmocka_unit_test(test_ramp_scurve),
        cmocka_unit_test(test_ramp_linear_chosen), cmocka_unit_test(test_exit_rate),
        cmocka_unit_test(test_no_roster_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
