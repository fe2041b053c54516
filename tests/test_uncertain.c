/* test_uncertain.c: keys given as distributions, as a run uses them: a
 * range of one value is the value, draws pair across scenarios and do
 * not depend on threads, research's ranges, the share of the variance the
 * inputs explain, precision control, and the checks at the ranges' ends. */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "model.h"
#include "params.h"
#include "params_uncertain.h"
#include "rampsim/output.h"
#include "uncertain.h"

static const char *const small_team = "[run]\nreplications = 320\nhorizon_weeks = 52\nwarmup_weeks = 13\n"
                                      "[team]\nreps = 4\nnew_hires = 1\n";

/* Every slot's moments and every sketched percentile of a and b are the
 * same to the last bit. */
static void assert_same_results(const rs_results *a, const rs_results *b)
{
    assert_int_equal(a->layout.slots, b->layout.slots);
    for (size_t i = 0; i < a->layout.slots; i++) {
        assert_true(a->moments[i].n == b->moments[i].n);
        assert_true(a->moments[i].mean == b->moments[i].mean || (isnan(a->moments[i].mean) && isnan(b->moments[i].mean)));
        assert_true(a->moments[i].m2 == b->moments[i].m2 || (isnan(a->moments[i].m2) && isnan(b->moments[i].m2)));
    }
    for (size_t i = 0; i < a->layout.sketched; i += 7) {
        double x = rs_sketches_quantile(a->sketches, i, 0.1), y = rs_sketches_quantile(b->sketches, i, 0.1);
        assert_true(x == y || (isnan(x) && isnan(y)));
    }
}

/* uniform(x, x) draws x in every draw: the run is the plain value's, to the
 * last bit, though the key is uncertain and every draw rewrites it. */
static void test_range_of_one_value_is_the_value(void **state)
{
    (void)state;
    rs_scenario *plain = tu_scenario(small_team);
    rs_scenario *ranged = tu_scenario(small_team);
    tu_set(ranged, "one_on_one.win_multiplier=uniform(1.31, 1.31)", "pipeline.deal_size=pert($28K, 28000, 28.0K)",
           "onboarding.weeks=uniform(8, 8)", NULL);
    assert_int_equal(ranged->uncertain.count, 3);
    rs_results *a = tu_run(plain, 2), *b = tu_run(ranged, 1);
    assert_same_results(a, b);
    /* and the inputs explain none of the spread */
    rs_nested_summary s;
    size_t fy1 = rs_layout_fy_slot(&b->layout, 0, RS_FY_TEAM_ATTAINMENT);
    assert_true(rs_output_inputs_share(b, fy1, &s));
    assert_true(s.share < 0.05);
    assert_true(s.share_low == 0.0);
    assert_false(rs_output_inputs_share(a, fy1, &s)); /* nothing uncertain: no share to tell */
    rs_results_free(a);
    rs_results_free(b);
    rs_scenario_free(plain);
    rs_scenario_free(ranged);
}

/* Replication r of two scenarios with the same distribution for a key draws
 * the same value of it, whatever else differs (another key's range, the
 * practices); its value depends on the draw (replications_per_draw
 * replications share one), not on the replication. */
static void test_draws_pair_across_scenarios(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario(small_team), *b = tu_scenario(small_team);
    tu_set(a, "coaching.max_uplift=pert(0, 0.9, 1.2)", NULL);
    tu_set(b, "coaching.max_uplift=pert(0, 0.9, 1.2)", "quota.annual=uniform(300000, 400000)",
           "coaching.hours_per_month=3", NULL);
    tu_pair p;
    tu_pair_init(&p, a, b);
    int changes = 0;
    double last = NAN;
    for (uint32_t r = 0; r < 64; r++) {
        tu_pair_run(&p, r);
        assert_true(p.a->inputs[0] == p.b->inputs[0]); /* max_uplift: first in the table's order */
        if (r % 16 != 0)
            assert_true(p.a->inputs[0] == last);
        changes += p.a->inputs[0] != last;
        last = p.a->inputs[0];
        assert_true(p.b->inputs[1] >= 300000 && p.b->inputs[1] <= 400000);
    }
    assert_int_equal(changes, 4); /* four draws of 16 replications */
    tu_pair_free(&p);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* Results with uncertain keys are the same on 1 and 2 threads. */
static void test_threads_change_nothing(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(small_team);
    tu_set(sc, "effects.uncertainty=research", "pipeline.cycle_cv=triangular(0.3, 0.5, 0.9)",
           "run.replications_per_draw=5", NULL);
    rs_results *a = tu_run(sc, 1), *b = tu_run(sc, 2);
    assert_same_results(a, b);
    size_t fy1 = rs_layout_fy_slot(&a->layout, 0, RS_FY_TEAM_ATTAINMENT);
    rs_nested_summary x = rs_nested_summarise(&a->nested[fy1]), y = rs_nested_summarise(&b->nested[fy1]);
    assert_true(x.share == y.share && x.stderr == y.stderr && x.groups == y.groups);
    assert_true(x.groups == 64.0); /* 320 replications in draws of 5 */
    rs_results_free(a);
    rs_results_free(b);
    rs_scenario_free(sc);
}

/* A key that sets the result almost alone (a widely uncertain quota for a
 * large team with little luck) explains nearly all of its spread. */
static void test_dominant_key_explains_the_spread(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nreplications = 640\nhorizon_weeks = 52\nwarmup_weeks = 26\n"
                                  "[team]\nreps = 40\nnew_hires = 0\n[rep]\nskill_cv = 0\n"
                                  "[attrition]\nannual = 0\n[quota]\nannual = lognormal(360000, 0.6)\n");
    rs_results *r = tu_run(sc, 2);
    rs_nested_summary s;
    assert_true(rs_output_inputs_share(r, rs_layout_fy_slot(&r->layout, 0, RS_FY_TEAM_ATTAINMENT), &s));
    /* attainment's CV from the quota is about 0.6, the luck's a few percent */
    assert_true(s.share > 0.95);
    assert_true(s.share_low > 0.9 && s.share_high <= 1.0);
    /* Replications sharing a draw are nearly copies: the mean's standard
     * error is that of the 40 draws' means, about sqrt(1 + 15 x 0.95) = 3.9
     * times what 640 independent replications would give. */
    size_t fy1 = rs_layout_fy_slot(&r->layout, 0, RS_FY_TEAM_ATTAINMENT);
    double naive = rs_moments_stderr(&r->moments[fy1]);
    assert_true(s.stderr > 3.0 * naive && s.stderr < 5.0 * naive);
    rs_results_free(r);
    rs_scenario_free(sc);
}

/* Research gives each survey effect of a practice in the plan a PERT range
 * from no effect to a quarter more strength than the figure, its mode at
 * the figure as effects.scale scales it; a key given a range of its own
 * keeps it. */
static void test_research_ranges(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[effects]\nuncertainty = research\nscale = 0.5\n"
                                  "[team_meeting]\nlead_multiplier = pert(1, 2, 3)\n"
                                  "[onboarding]\nextra_hours_per_week = 1\n");
    assert_int_equal(sc->uncertain.count, 6);
    const rs_uncertain *win = rs_uncertain_find(sc, rs_param_find("one_on_one", "win_multiplier"));
    assert_non_null(win);
    assert_true(win->research);
    assert_int_equal(win->kind, RS_DIST_PERT);
    tu_assert_near(win->args[0], 1.0, 1e-15);
    tu_assert_near(win->args[1], pow(1.31, 0.5), 1e-15);
    tu_assert_near(win->args[2], pow(1.31, 1.25), 1e-15);
    const rs_uncertain *cycle = rs_uncertain_find(sc, rs_param_find("one_on_one", "cycle_multiplier"));
    tu_assert_near(cycle->args[0], pow(0.845, 1.25), 1e-15); /* a shortening: no effect is its high end */
    tu_assert_near(cycle->args[2], 1.0, 1e-15);
    const rs_uncertain *uplift = rs_uncertain_find(sc, rs_param_find("coaching", "max_uplift"));
    tu_assert_near(uplift->args[1], pow(1.9, 0.5) - 1.0, 1e-15);
    const rs_uncertain *meeting = rs_uncertain_find(sc, rs_param_find("team_meeting", "lead_multiplier"));
    assert_false(meeting->research);
    tu_assert_near(meeting->args[1], 2.0, 0.0);
    /* the model takes the drawn values as they are: the scale is in the modes */
    tu_assert_near(rs_uncertain_effects_scale(sc), 1.0, 0.0);
    /* practices out of the plan get no range: no one-on-ones, no onboarding hours */
    tu_set(sc, "one_on_one.cadence=none", "onboarding.extra_hours_per_week=0", NULL);
    assert_int_equal(sc->uncertain.count, 2); /* the coaching ceiling, and the meeting's own range */
    assert_null(rs_uncertain_find(sc, rs_param_find("one_on_one", "win_multiplier")));
    tu_set(sc, "effects.uncertainty=none", NULL);
    assert_int_equal(sc->uncertain.count, 1);
    tu_assert_near(rs_uncertain_effects_scale(sc), 0.5, 0.0);
    rs_scenario_free(sc);
}

/* Precision control stops at the first checkpoint where the half-width is
 * within the target, the same on 1 and 2 threads, with the results of a
 * plain run of that many replications. (The target stops it at 768, not a
 * multiple of the merge window's 1,024: a check at the windows' ends
 * instead of the checkpoints would stop later.) */
static void test_precision_control(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(small_team);
    tu_set(sc, "run.replications=20000", "coaching.max_uplift=pert(0.3, 0.9, 1.2)", NULL);
    rs_results *runs[2];
    for (int t = 0; t < 2; t++) {
        rs_engine_options o = {.threads = t + 1, .precision = 1.2};
        char err[RS_ERRMSG_SIZE];
        assert_int_equal(rs_engine_run(sc, &o, &runs[t], err), RS_OK);
    }
    long long n = runs[0]->replications;
    assert_true(n == runs[1]->replications);
    assert_true(runs[0]->precision_met && runs[0]->half_width <= 1.2);
    assert_true(n % RS_ENGINE_CHECKPOINT == 0 && n > RS_ENGINE_CHECKPOINT && n < 20000);
    assert_same_results(runs[0], runs[1]);
    size_t fy1 = rs_layout_fy_slot(&runs[0]->layout, 0, RS_FY_TEAM_ATTAINMENT);
    /* a plain run of n replications is the same run */
    char count[64];
    snprintf(count, sizeof count, "run.replications=%lld", n);
    tu_set(sc, count, NULL);
    rs_results *plain = tu_run(sc, 2);
    assert_same_results(runs[0], plain);
    /* and a checkpoint earlier the target was not met */
    snprintf(count, sizeof count, "run.replications=%lld", n - RS_ENGINE_CHECKPOINT);
    tu_set(sc, count, NULL);
    rs_results *earlier = tu_run(sc, 2);
    assert_true(rs_results_half_width(earlier, fy1) > 1.2);
    rs_results_free(earlier);
    rs_results_free(plain);
    rs_results_free(runs[0]);
    rs_results_free(runs[1]);
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_of_one_value_is_the_value),
        cmocka_unit_test(test_draws_pair_across_scenarios),
        cmocka_unit_test(test_threads_change_nothing),
        cmocka_unit_test(test_dominant_key_explains_the_spread),
        cmocka_unit_test(test_research_ranges),
        cmocka_unit_test(test_precision_control),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
