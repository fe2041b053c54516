/* test_fit.c: the fit accounts for the practices (a history made with
 * biweekly one-on-ones, fitted with them, gives the base win rate of one
 * made without); too little data keeps a key and says why; fitted.ini
 * reads back. How well the fit recovers a known team over many seeds is
 * test_fit_recovery.c's. */
#include "fit_testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One-on-ones raise the win rate a CRM shows; fitted with --current
 * saying so, the base win rate is that of the same team without them. */
static void test_practices_accounted_for(void **state)
{
    (void)state;
    rs_scenario *without = tu_scenario(tu_fit_example);
    rs_scenario *with = tu_scenario(tu_fit_example);
    tu_set(without, "one_on_one.cadence=none", NULL);
    tu_set(with, "one_on_one.cadence=biweekly", NULL);
    rs_history h_without, h_with;
    tu_fit_export(without, 2385, &h_without);
    tu_fit_export(with, 2385, &h_with);
    rs_fit_result *a = tu_fit(&h_without, without, TU_FIT_HISTORIES, 17);
    rs_fit_result *b = tu_fit(&h_with, with, TU_FIT_HISTORIES, 17);
    rs_fit_result *wrong = tu_fit(&h_with, without, TU_FIT_HISTORIES, 17); /* the practices left out */
    const rs_fit_value *va = &a->values[RS_FIT_WIN_RATE], *vb = &b->values[RS_FIT_WIN_RATE];
    const rs_fit_value *vw = &wrong->values[RS_FIT_WIN_RATE];
    print_message("win rate seen %.4f vs %.4f; base fitted %.4f (se %.4f) vs %.4f (se %.4f); without the "
                  "practices %.4f\n",
                  va->observed, vb->observed, va->value, va->se, vb->value, vb->se, vw->value);
    /* the histories differ: the one-on-ones show in the CRM's win rate */
    assert_true(vb->observed > va->observed + 2.0 * hypot(va->se, vb->se));
    /* the base rates agree within their errors (the same seed: the same team) */
    assert_true(fabs(va->value - vb->value) <= 2.0 * hypot(va->se, vb->se));
    tu_assert_near(vb->value, 0.22, 3.0 * vb->se);
    /* left out, the practices' effect is taken into the base rate */
    assert_true(vw->value > vb->value + 2.0 * vb->se);
    rs_fit_result_free(a);
    rs_fit_result_free(b);
    rs_fit_result_free(wrong);
    rs_history_free(&h_without);
    rs_history_free(&h_with);
    rs_scenario_free(without);
    rs_scenario_free(with);
}

/* A small history (a quarter of 3 reps) fits what it can and keeps the
 * rest, saying why; without a roster neither ramp nor attrition. */
static void test_too_little_data(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nstart_date = 2025-01-06\nhorizon_weeks = 13\n[team]\nreps = 3\nnew_hires = 0\n");
    rs_history h;
    tu_fit_export(sc, 99, &h);
    h.has_roster = false;
    rs_fit_result *r = tu_fit(&h, sc, TU_FIT_HISTORIES, 3);
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        if (!v->fitted) {
            assert_true(v->note[0] != '\0');
            tu_assert_near(v->value, v->start, 0.0);
        }
    }
    assert_false(r->values[RS_FIT_DEAL_SIZE].fitted); /* 3 reps, 13 weeks: a few closed deals */
    assert_non_null(strstr(r->values[RS_FIT_DEAL_SIZE].note, "closed opportunities"));
    assert_false(r->values[RS_FIT_RAMP_WEEKS].fitted);
    assert_non_null(strstr(r->values[RS_FIT_RAMP_WEEKS].note, "roster"));
    assert_false(r->values[RS_FIT_ATTRITION].fitted);
    rs_fit_result_free(r);
    rs_history_free(&h);
    rs_scenario_free(sc);
}

/* fitted.ini and fitted-roster.csv, written, read back as a scenario with
 * the fitted values and the team at the export. */
static void test_fitted_ini_reads_back(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(tu_fit_example);
    rs_history h;
    tu_fit_export(sc, 4711, &h);
    rs_fit_result *r = tu_fit(&h, sc, TU_FIT_HISTORIES, 5);
    char dir[RS_PATH_MAX], err[RS_ERRMSG_SIZE], path[RS_PATH_MAX + 16];
    tu_result_dir(dir);
    assert_int_equal(rs_fit_write(r, dir, err), RS_OK);
    snprintf(path, sizeof path, "%s/fitted.ini", dir);
    rs_scenario *back = rs_scenario_new();
    if (rs_scenario_load(back, path, err) != RS_OK || rs_scenario_validate(back, err) != RS_OK)
        fail_msg("%s", err);
    tu_assert_near(back->pipeline.deal_size, r->values[RS_FIT_DEAL_SIZE].value,
                   1e-6 * r->values[RS_FIT_DEAL_SIZE].value);
    tu_assert_near(back->pipeline.win_rate, r->values[RS_FIT_WIN_RATE].value, 1e-6);
    tu_assert_near(back->ramp.weeks_to_ramped, r->values[RS_FIT_RAMP_WEEKS].value, 1e-6 * 100);
    /* the reps on the team at the export, from the fitted roster */
    int present = 0;
    for (size_t i = 0; i < h.rep_count; i++)
        present += h.reps[i].left == RS_DAY_NONE || h.reps[i].left > r->window.export_day;
    assert_int_equal(back->team.seat_count, present);
    assert_int_equal(back->run.start_date, r->window.export_day + 1);
    rs_scenario_free(back);
    rs_fit_result_free(r);
    rs_history_free(&h);
    rs_scenario_free(sc);
}

/* A team of strong and weak reps (skills 1.3 and 0.7, veterans, no one
 * leaving): each rep's fitted skill sits on their side of 1, the strong
 * ones' above every weak one's, within a few standard errors of their
 * truth shrunk towards 1 as the prior shrinks it. */
static void test_rep_skills(void **state)
{
    (void)state;
    char csv[512] = "name,tenure,skill\n", ini[1024];
    for (int i = 0; i < 10; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "rep-%d,200,%s\n", i, i < 5 ? "1.3" : "0.7");
    snprintf(ini, sizeof ini,
             "[run]\nstart_date = 2025-01-06\nhorizon_weeks = 104\n[team]\nroster = %s\n[attrition]\nannual = 0\n",
             tu_write_csv(csv));
    rs_scenario *sc = tu_scenario(ini);
    rs_history h;
    tu_fit_export(sc, 31, &h);
    rs_fit_result *r = tu_fit(&h, sc, 40, 7);
    double weakest_strong = INFINITY, strongest_weak = 0.0;
    for (size_t i = 0; i < h.rep_count; i++) {
        bool strong = h.reps[i].name[4] < '5';
        const rs_fit_rep *rep = &r->reps[i];
        print_message("%s: skill %.3f (se %.3f), %g opportunities\n", h.reps[i].name, rep->skill, rep->skill_se,
                      rep->opportunities);
        assert_true(strong ? rep->skill > 1.0 : rep->skill < 1.0);
        assert_true(fabs(rep->skill - (strong ? 1.3 : 0.7)) <= 3.0 * rep->skill_se + 0.05);
        if (strong)
            weakest_strong = fmin(weakest_strong, rep->skill);
        else
            strongest_weak = fmax(strongest_weak, rep->skill);
    }
    assert_true(weakest_strong > strongest_weak);
    rs_fit_result_free(r);
    rs_history_free(&h);
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_practices_accounted_for),
        cmocka_unit_test(test_too_little_data),
        cmocka_unit_test(test_fitted_ini_reads_back),
        cmocka_unit_test(test_rep_skills),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
