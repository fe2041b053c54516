/* test_team.c: the team as planned (docs/model.md, "The team"): growth
 * seats of a hiring plan, planned coaching per rep, seasons, the plan's
 * chance and shortfall, the team's size per week, and the per-seat
 * results. Statistical checks allow 4 standard errors of the difference. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "manager.h"
#include "model.h"
#include "model_state.h"

/* A steady team: veterans only, no attrition, no reviews. */
#define STEADY_RUN(horizon, replications)                                                                      \
    "[run]\nhorizon_weeks = " #horizon "\nreplications = " #replications "\nseed = 77\n[team]\nreps = 8\n"    \
    "new_hires = 0\n[attrition]\nannual = 0\nreview_weeks = none\n"
#define STEADY STEADY_RUN(104, 600)

/* |mean(a) - mean(b)| within 4 standard errors of the difference of two
 * independent means. */
static void assert_same_mean(const rs_results *a, const rs_results *b, size_t slot, const char *what)
{
    const rs_moments *x = &a->moments[slot], *y = &b->moments[slot];
    double se = sqrt(pow(rs_moments_stderr(x), 2) + pow(rs_moments_stderr(y), 2));
    if (!(fabs(x->mean - y->mean) <= 4 * se))
        fail_msg("%s: %.6g against %.6g, more than 4 SE (%.3g) apart", what, x->mean, y->mean, 4 * se);
}

static void assert_team_alike(const rs_results *a, const rs_results *b)
{
    const rs_layout *l = &a->layout;
    assert_same_mean(a, b, rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT), "team_attainment_fy1");
    assert_same_mean(a, b, rs_layout_fy_slot(l, 1, RS_FY_TEAM_ATTAINMENT), "team_attainment_fy2");
    assert_same_mean(a, b, RS_M_BOOKINGS_TOTAL, "team_bookings_total");
    assert_same_mean(a, b, RS_M_WIN_RATE, "win_rate");
    assert_same_mean(a, b, RS_M_HIRES, "hires");
    assert_same_mean(a, b, RS_M_DEPARTURES, "departures");
    assert_same_mean(a, b, RS_M_PIPELINE_TO_QUOTA, "pipeline_to_quota");
}

/* team.hires = 0:2 on 6 seats is a team of 8 with 2 new hires at week 0. */
static void test_hires_at_week_0_are_new_hires(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario("[run]\nreplications = 1500\nseed = 11\n[team]\nreps = 6\nnew_hires = 0\nhires = 0:2\n");
    rs_scenario *b = tu_scenario("[run]\nreplications = 1500\nseed = 12\n[team]\nreps = 8\nnew_hires = 2\n");
    assert_int_equal(a->team.seat_count, 8);
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    assert_team_alike(ra, rb);
    assert_same_mean(ra, rb, RS_M_FIRST_YEAR_EXITS, "first_year_exits");
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* A growth seat does not exist before its start: the team grows from 8 to
 * 10 reps at week 13, with no vacant seat before; the hire's ramp, counted
 * from its hire, is a hire's at week 0, 13 weeks later. */
static void test_later_hire_ramps_later(void **state)
{
    (void)state;
    rs_scenario *early = tu_scenario(STEADY "[team]\nhires = 0:2\n");
    rs_scenario *late = tu_scenario(STEADY "[team]\nhires = 13:2\n");
    rs_results *re = tu_run(early, 2), *rl = tu_run(late, 2);
    const rs_layout *l = &rl->layout;
    tu_assert_near(rl->moments[l->team_active + 12].mean, 8, 0);
    tu_assert_near(rl->moments[l->team_vacant + 12].mean, 0, 0);
    tu_assert_near(rl->moments[l->team_active + 13].mean, 10, 0);
    tu_assert_near(re->moments[l->team_active + 0].mean, 10, 0);
    for (size_t hire = 8; hire < 10; hire++)
        assert_same_mean(re, rl, l->seat_ramp_weeks + hire, "ramp weeks from hire");
    /* ramped in the run: 13 weeks later in calendar weeks, by construction
     * of the slot (weeks from hire), so the share of hires ramped by a
     * tenure is alike */
    assert_same_mean(re, rl, l->ramped_share + 20, "ramped share at tenure 20");
    rs_results_free(re);
    rs_results_free(rl);
    rs_scenario_free(early);
    rs_scenario_free(late);
}

/* The leads of replication r in the first `weeks` weeks of a steady team. */
static long leads_in(const char *text, uint32_t r)
{
    rs_scenario *sc = tu_scenario(text);
    rs_layout layout;
    assert_int_equal(rs_layout_init(&layout, sc), RS_OK);
    rs_model *m = rs_model_new(sc, &layout, NULL);
    rs_outcome *out = rs_outcome_new(&layout);
    assert_non_null(m);
    assert_int_equal(rs_model_run(m, r, out), RS_OK);
    long leads = m->leads;
    rs_outcome_free(out);
    rs_model_free(m);
    rs_layout_free(&layout);
    rs_scenario_free(sc);
    return leads;
}

/* Seasons 10, 20, 30, 40 put about 10% of a steady team's year of leads
 * in its first quarter: the first 13 weeks of a run of 52 are a run of 13
 * (the same draws), so the share is counted replication by replication. */
static void test_lead_seasons(void **state)
{
    (void)state;
    const char *year = STEADY_RUN(52, 1) "[pipeline]\nseasonality = 10,20,30,40\n";
    const char *quarter = STEADY_RUN(13, 1) "[pipeline]\nseasonality = 10,20,30,40\n";
    rs_moments share = {0};
    for (uint32_t r = 0; r < 60; r++)
        rs_moments_add(&share, (double)leads_in(quarter, r) / (double)leads_in(year, r));
    if (!(fabs(share.mean - 0.10) <= 4 * rs_moments_stderr(&share)))
        fail_msg("first quarter's share of leads %.4f, expected 0.10 +- %.4f", share.mean,
                 4 * rs_moments_stderr(&share));
    assert_true(rs_moments_stderr(&share) < 0.005);
}

/* Quota seasons spread a steady team's year of quota exactly. */
static void test_quota_seasons(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(STEADY_RUN(104, 16) "[quota]\nseasonality = 10,20,30,40%\n");
    rs_results *r = tu_run(sc, 1);
    const rs_layout *l = &r->layout;
    double year = r->moments[l->cum_quota + 51].mean;
    tu_assert_near(year, 8 * sc->quota.annual, 1e-6 * year);
    tu_assert_near(r->moments[l->cum_quota + 12].mean / year, 0.10, 1e-12);
    tu_assert_near(r->moments[l->cum_quota + 25].mean / year, 0.30, 1e-12);
    tu_assert_near(r->moments[l->cum_quota + 38].mean / year, 0.60, 1e-12);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* One replication of sc through the model, its outcome to `out`. */
static rs_outcome *run_once(const rs_scenario *sc, rs_layout *layout, uint32_t r)
{
    assert_int_equal(rs_layout_init(layout, sc), RS_OK);
    rs_model *m = rs_model_new(sc, layout, NULL);
    rs_outcome *out = rs_outcome_new(layout);
    assert_non_null(m);
    assert_int_equal(rs_model_run(m, r, out), RS_OK);
    rs_model_free(m);
    return out;
}

/* The plan is made when the year's bookings, with the weeks before
 * start_week at the year-to-date attainment, reach it; the shortfall is
 * what is missing. Checked replication by replication, the first year
 * starting mid-year and the plan's last value repeating. */
static void test_plan_made_and_shortfall(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nstart_week = 20\nytd_attainment = 0.9\nhorizon_weeks = 140\n"
                                  "[plan]\nbookings = 2.4M, 2.7M\n");
    int made[2] = {0, 0}, missed[2] = {0, 0};
    for (uint32_t r = 0; r < 40; r++) {
        rs_layout l;
        rs_outcome *out = run_once(sc, &l, r);
        assert_int_equal(l.plan_years, 3);
        for (int k = 0; k < 3; k++) {
            double plan = k == 0 ? 2.4e6 : 2.7e6;
            /* the 20 weeks gone at week 0's team quota, at 90% */
            double gone = k == 0 ? 0.9 * 20 * out->values[l.cum_quota] : 0.0;
            double year = gone + out->values[rs_layout_fy_slot(&l, k, RS_FY_BOOKINGS)];
            double m = out->values[rs_layout_plan_slot(&l, k, RS_PLAN_MADE)];
            double shortfall = out->values[rs_layout_plan_slot(&l, k, RS_PLAN_SHORTFALL)];
            tu_assert_near(m, year >= plan ? 100.0 : 0.0, 0);
            tu_assert_near(shortfall, year >= plan ? 0.0 : plan - year, 1e-6 * plan);
            if (k < 2)
                (m > 0 ? made : missed)[k]++;
        }
        rs_outcome_free(out);
        rs_layout_free(&l);
    }
    /* both outcomes occur, so the checks above saw both branches */
    assert_true(made[0] > 0 && missed[0] > 0 && made[1] > 0 && missed[1] > 0);
    rs_scenario_free(sc);
}

/* Planned coaching of one's own: the manager's week plans the sum over
 * the reps on the team, and the rep receives their own. */
static void test_own_coaching(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(STEADY_RUN(104, 4) "[coaching]\nper_rep = seat-2:6\n");
    assert_true(isnan(sc->team.seats[0].coaching_hours_per_month));
    tu_assert_near(sc->team.seats[1].coaching_hours_per_month, 6, 0);
    rs_layout l;
    rs_outcome *out = run_once(sc, &l, 0);
    double planned = (7 * 1.0 + 6.0) * RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR;
    tu_assert_near(out->values[rs_layout_manager_slot(&l, 30, RS_ACT_COACHING)], planned, 1e-12);
    rs_outcome_free(out);
    rs_layout_free(&l);

    /* the rep's stock settles at their own plan, the others' at the team's */
    rs_model *m = rs_model_new(sc, &l, NULL);
    assert_int_equal(rs_layout_init(&l, sc), RS_OK);
    rs_model_free(m);
    m = rs_model_new(sc, &l, NULL);
    out = rs_outcome_new(&l);
    assert_int_equal(rs_model_run(m, 1, out), RS_OK);
    tu_assert_near(m->seats[1].stock_hours_a_month, rs_manager_prior_stock_of(sc, 6.0), 1e-9);
    tu_assert_near(m->seats[0].stock_hours_a_month, rs_manager_prior_stock_of(sc, 1.0), 1e-9);
    rs_outcome_free(out);
    rs_model_free(m);
    rs_layout_free(&l);
    rs_scenario_free(sc);
}

/* Messages for a plan that cannot be: each names the key and what is wrong. */
static void test_plan_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"[team]\nhires = 104:1\n", ":2: team.hires: week 104 is outside the run (weeks 0 to 103)"},
        {"[team]\nhires = 2027-03-01:2\n",
         ":2: team.hires: 2027-03-01 is a date, and dates need run.start_date (the date of week 0); set it, or "
         "give the week of the run"},
        {"[run]\nstart_date = 2026-07-06\n[team]\nhires = 2026-07-01:2\n",
         ":4: team.hires: 2026-07-01 falls in week -1 is outside the run (weeks 0 to 103)"},
        {"[team]\nhires = 13:0\n", ":2: team.hires must be none or up to 64 comma-separated WEEK:COUNT or "
                                   "YYYY-MM-DD:COUNT (such as 13:2, 26:1), got 13:0"},
        {"[team]\nhires = 13:400, 14:100\n", ":2: team.hires: the team would have more than 500 seats"},
        {"[coaching]\nper_rep = seat-9:2\n",
         ":2: coaching.per_rep: no rep on the team is named seat-9; did you mean seat-1?"},
        {"[coaching]\nper_rep = seat-1:2, SEAT-1:3\n", ":2: coaching.per_rep names SEAT-1 twice"},
        {"[pipeline]\nseasonality = 10,20,30\n",
         ":2: pipeline.seasonality must be four comma-separated percentages above 0 that sum to 100, one a "
         "fiscal quarter (such as 18,22,26,34), got 10,20,30"},
        {"[quota]\nseasonality = 10,20,30,41\n", "quota.seasonality must be four"},
        {"[quota]\nseasonality = 0,30,30,40\n", "quota.seasonality must be four"},
        {"[plan]\nbookings = 3.2M, nothing\n", ":2: plan.bookings must be none or 1 to 20 comma-separated amounts"},
        /* a thousands separator would split an amount into a list */
        {"[plan]\nbookings = 3,600,000\n", ":2: plan.bookings must be none or 1 to 20 comma-separated amounts"},
        {"[run]\nstart_date = 2026-02-30\n", ":2: run.start_date must be none or a date written YYYY-MM-DD"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *msg = tu_load_error(cases[i].text, RS_ERR_INPUT);
        if (!strstr(msg, cases[i].message))
            fail_msg("case %zu: got \"%s\", expected it to contain \"%s\"", i, msg, cases[i].message);
    }
}

/* The written scenario reads back to the same team plan. */
static void test_plan_round_trip(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nstart_date = 2026-07-06\n[team]\nhires = 13:2, 2027-03-01:1\n"
                                  "[pipeline]\nseasonality = 18,22,26,34\n[quota]\nseasonality = 20,20,25,35\n"
                                  "[coaching]\nper_rep = seat-2:2.5\n[plan]\nbookings = $3.2M, 3600000.5\n");
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    rs_scenario_write(f, sc, false);
    fclose(f);
    rs_scenario *back = tu_scenario(text);
    assert_int_equal(back->team.seat_count, 11);
    assert_int_equal(back->team.seats[10].start_week, 34); /* 2027-03-01 is 238 days after 2026-07-06 */
    assert_memory_equal(back->pipeline.seasonality, sc->pipeline.seasonality, sizeof sc->pipeline.seasonality);
    assert_memory_equal(back->quota.seasonality, sc->quota.seasonality, sizeof sc->quota.seasonality);
    assert_memory_equal(back->plan.bookings, sc->plan.bookings, sizeof sc->plan.bookings);
    assert_int_equal(back->plan.years, 2);
    assert_memory_equal(back->team.seats, sc->team.seats, sizeof sc->team.seats[0] * 11);
    free(text);
    rs_scenario_free(back);
    rs_scenario_free(sc);
}

/* A scenario of `text` whose team is the roster `csv` (a temporary file). */
static rs_scenario *roster_scenario(const char *text, const char *csv)
{
    char full[4096];
    snprintf(full, sizeof full, "%s[team]\nroster = %s\n", text, tu_write_csv(csv));
    return tu_scenario(full);
}

#define LONG_SERVING                                                                                           \
    "name,tenure\nA,6 years\nB,300 weeks\nC,5 years\nD,280\nE,72 months\nF,400 weeks\n"

/* Reps whose tenure is far past the ramp are the veterans of team.reps. */
static void test_long_tenures_are_veterans(void **state)
{
    (void)state;
    rs_scenario *a = roster_scenario("[run]\nreplications = 1500\nseed = 21\n", LONG_SERVING "G,7 years\nH,350\n");
    rs_scenario *b = tu_scenario("[run]\nreplications = 1500\nseed = 22\n[team]\nreps = 8\nnew_hires = 0\n");
    assert_int_equal(a->team.seat_count, 8);
    assert_int_equal(a->team.seats[0].tenure_weeks, 312);
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    assert_team_alike(ra, rb);
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* Two rows of tenure 0 are team.new_hires = 2. */
static void test_tenure_zero_rows_are_new_hires(void **state)
{
    (void)state;
    rs_scenario *a = roster_scenario("[run]\nreplications = 1500\nseed = 31\n", LONG_SERVING "G,0\nH,0\n");
    rs_scenario *b = tu_scenario("[run]\nreplications = 1500\nseed = 32\n[team]\nreps = 8\nnew_hires = 2\n");
    rs_results *ra = tu_run(a, 2), *rb = tu_run(b, 2);
    assert_team_alike(ra, rb);
    assert_same_mean(ra, rb, RS_M_FIRST_YEAR_EXITS, "first_year_exits");
    assert_same_mean(ra, rb, RS_M_RAMP_WEEKS, "ramp_weeks");
    rs_results_free(ra);
    rs_results_free(rb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* A rep whose roster quota is twice the default, otherwise equal, sells
 * the same deals (common random numbers) at half the attainment, in every
 * replication; the seats of the others do not move. */
static void test_double_quota_halves_attainment(void **state)
{
    (void)state;
    const char *run = "[run]\nreplications = 1\n[deal_help]\nwhen = off\n[attrition]\nreview_weeks = none\n";
    rs_scenario *a = roster_scenario(run, "name,tenure,quota,skill\nAna,3 years,,1\nBen,3 years,,1\n");
    rs_scenario *b = roster_scenario(run, "name,tenure,quota,skill\nAna,3 years,,1\nBen,3 years,720000,1\n");
    tu_assert_near(b->team.seats[1].quota_annual, 2 * b->quota.annual, 0);
    tu_pair p;
    tu_pair_init(&p, a, b);
    int seen = 0;
    for (uint32_t r = 0; r < 200; r++) {
        tu_pair_run(&p, r);
        for (int fy = 0; fy < 2; fy++) {
            double ana_a = p.a->values[rs_layout_seat_fy_slot(&p.layout_a, p.layout_a.seat_attainment, 0, fy)];
            double ana_b = p.b->values[rs_layout_seat_fy_slot(&p.layout_b, p.layout_b.seat_attainment, 0, fy)];
            double ben_a = p.a->values[rs_layout_seat_fy_slot(&p.layout_a, p.layout_a.seat_attainment, 1, fy)];
            double ben_b = p.b->values[rs_layout_seat_fy_slot(&p.layout_b, p.layout_b.seat_attainment, 1, fy)];
            double left = p.b->values[p.layout_b.seat_left + 1];
            if (left > 0 || isnan(ben_a))
                continue; /* a backfill carries quota.annual */
            tu_assert_near(ana_b, ana_a, 1e-9 * ana_a);
            tu_assert_near(ben_b, ben_a / 2, 1e-9 * ben_a);
            seen++;
        }
    }
    assert_true(seen > 100);
    tu_pair_free(&p);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* The seats as the roster resolves them, and the team's size: an open seat
 * is vacant for the hiring lag, a planned start until its week. */
static void test_roster_seats_and_team_size(void **state)
{
    (void)state;
    rs_scenario *sc = roster_scenario("[run]\nstart_date = 2027-01-04\nreplications = 50\n[attrition]\nannual = 0\n"
                                      "hiring_lag_weeks = 6\nreview_weeks = none\n",
                                      "Name ; Hired ; Starts\nAna;2025-01-06;\nBen;open;\nCy;;2027-02-01\n");
    assert_int_equal(sc->team.seat_count, 3);
    assert_int_equal(sc->team.seats[0].kind, RS_SEAT_TENURE);
    assert_int_equal(sc->team.seats[0].tenure_weeks, 104);
    assert_int_equal(sc->team.seats[1].kind, RS_SEAT_OPEN);
    assert_int_equal(sc->team.seats[2].kind, RS_SEAT_STARTS);
    assert_int_equal(sc->team.seats[2].start_week, 4);
    rs_results *r = tu_run(sc, 1);
    const rs_layout *l = &r->layout;
    tu_assert_near(r->moments[l->team_active + 0].mean, 1, 0);
    tu_assert_near(r->moments[l->team_vacant + 0].mean, 2, 0);
    tu_assert_near(r->moments[l->team_active + 4].mean, 2, 0);
    tu_assert_near(r->moments[l->team_vacant + 5].mean, 1, 0);
    tu_assert_near(r->moments[l->team_active + 6].mean, 3, 0);
    tu_assert_near(r->moments[l->team_vacant + 6].mean, 0, 0);
    /* Ana ramped long before; Cy's ramp is counted from his start */
    assert_int_equal(r->moments[l->seat_ramp_weeks + 0].n, 0);
    assert_int_equal(r->moments[l->seat_ramp_weeks + 2].n, 50);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* A roster's path may be as long as a path (not a rep's name). */
static void test_long_roster_path(void **state)
{
    (void)state;
    char csv[64], path[256], text[512];
    snprintf(csv, sizeof csv, "%s", tu_write_csv("name,tenure\nAna,0\n"));
    /* /tmp/./././... names the same file in more than 63 characters */
    snprintf(path, sizeof path, "/tmp/./././././././././././././././././././././././././././%s", csv + strlen("/tmp/"));
    assert_true(strlen(path) >= RS_NAME_MAX);
    snprintf(text, sizeof text, "[team]\nroster = %s\n", path);
    rs_scenario *sc = tu_scenario(text);
    assert_int_equal(sc->team.seat_count, 1);
    rs_scenario_free(sc);
}

/* A roster goes with neither team.reps nor team.new_hires. */
static void test_roster_excludes_team_reps(void **state)
{
    (void)state;
    char text[512];
    snprintf(text, sizeof text, "[team]\nreps = 9\nroster = %s\n", tu_write_csv("name,tenure\nAna,0\n"));
    const char *msg = tu_load_error(text, RS_ERR_INPUT);
    if (!strstr(msg, ":2: team.reps cannot be set together with team.roster ("))
        fail_msg("got \"%s\"", msg);
}

/* Teams of different sizes run side by side: each keeps its own seats'
 * results (the larger team's last seats included). */
static void test_compare_teams_of_different_sizes(void **state)
{
    (void)state;
    rs_scenario *small = tu_scenario("[run]\nreplications = 40\n[team]\nreps = 4\n");
    rs_scenario *large = tu_scenario("[run]\nreplications = 40\n[team]\nreps = 4\nhires = 10:2\n");
    const rs_scenario *set[] = {small, large};
    rs_results *results[2];
    rs_comparison *cmp;
    char err[RS_ERRMSG_SIZE];
    rs_engine_options options = {.threads = 2};
    assert_int_equal(rs_engine_compare(set, 2, &options, results, &cmp, err), RS_OK);
    assert_int_equal(results[1]->layout.seats, 6);
    assert_int_equal(results[1]->moments[results[1]->layout.seat_left + 5].n, 40);
    assert_int_equal(results[0]->moments[results[0]->layout.seat_left + 3].n, 40);
    tu_assert_near(results[1]->moments[results[1]->layout.team_active + 10].mean -
                       results[0]->moments[results[0]->layout.team_active + 10].mean,
                   2, 1.0);
    rs_comparison_free(cmp);
    rs_results_free(results[0]);
    rs_results_free(results[1]);
    rs_scenario_free(small);
    rs_scenario_free(large);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hires_at_week_0_are_new_hires),
        cmocka_unit_test(test_later_hire_ramps_later),
        cmocka_unit_test(test_lead_seasons),
        cmocka_unit_test(test_quota_seasons),
        cmocka_unit_test(test_plan_made_and_shortfall),
        cmocka_unit_test(test_own_coaching),
        cmocka_unit_test(test_plan_errors),
        cmocka_unit_test(test_plan_round_trip),
        cmocka_unit_test(test_long_tenures_are_veterans),
        cmocka_unit_test(test_tenure_zero_rows_are_new_hires),
        cmocka_unit_test(test_double_quota_halves_attainment),
        cmocka_unit_test(test_roster_seats_and_team_size),
        cmocka_unit_test(test_roster_excludes_team_reps),
        cmocka_unit_test(test_long_roster_path),
        cmocka_unit_test(test_compare_teams_of_different_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
