/* test_effects.c: the practices' multipliers and how they overlap (MODEL.md
 * section 5), against the formula written out here independently, and the
 * table the model uses against the formula. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "effects.h"

/* The scenario of the tests: coaching, bi-weekly one-on-ones and a weekly
 * meeting, with high-entropy values. */
#define PRACTICES                                                                                                  \
    "[coaching]\nmax_uplift = 0.8137\nhalf_effect_hours = 2.385\nsteepness = 3.7\nquality = 1.13\n"              \
    "[one_on_one]\ncadence = biweekly\nwin_multiplier = 1.2719\ncycle_multiplier = 0.8431\n"                       \
    "deal_size_multiplier = 1.0917\n[team_meeting]\nweekly = yes\nlead_multiplier = 2.187\n"

/* The model's formula, written out from MODEL.md section 5. */
static rs_practice_effects by_formula(double stock, double overlap, double scale)
{
    double A = pow(1.8137, scale) - 1.0, x = pow(stock, 3.7) / (pow(stock, 3.7) + pow(2.385, 3.7));
    double lk = 1.13 * log(1.0 + A * x);
    double lw = scale * log(1.2719), lc = scale * log(0.8431), ls = scale * log(1.0917), lm = scale * log(2.187);
    double t[3] = {fabs(lk), fabs(lw) + fabs(lc) + fabs(ls), fabs(lm)};
    double s = 1.0;
    if (overlap > 0) {
        double q = 1.0 / (1.0 - overlap), norm = 0.0;
        for (int i = 0; i < 3; i++)
            norm += pow(t[i], q);
        s = pow(norm, 1.0 / q) / (t[0] + t[1] + t[2]);
    }
    rs_practice_effects r = {exp(s * (lk + lw)), exp(s * lm), exp(s * lc), exp(s * ls)};
    return r;
}

static void assert_effects_near(rs_practice_effects a, rs_practice_effects b, double relative)
{
    tu_assert_near(a.win, b.win, relative * b.win);
    tu_assert_near(a.lead, b.lead, relative * b.lead);
    tu_assert_near(a.cycle, b.cycle, relative * b.cycle);
    tu_assert_near(a.size, b.size, relative * b.size);
}

static rs_effects *effects_of(const char *ini)
{
    rs_scenario *sc = tu_scenario(ini);
    rs_effects *e = malloc(sizeof *e);
    rs_effects_init(e, sc);
    rs_scenario_free(sc);
    return e;
}

/* Two equal strengths: at overlap 0.5 they are sqrt(2) times one, at 0.7
 * 2^0.3 (about 1.2) times, at 0 twice; one strength alone is unchanged. */
static void test_overlap_scale(void **state)
{
    (void)state;
    double two[2] = {0.4137, 0.4137};
    tu_assert_near(rs_effects_overlap_scale(two, 2, 0.0), 1.0, 0);
    tu_assert_near(2 * rs_effects_overlap_scale(two, 2, 0.5), sqrt(2.0), 1e-12);
    tu_assert_near(2 * rs_effects_overlap_scale(two, 2, 0.7), pow(2.0, 0.3), 1e-12);
    tu_assert_near(2 * rs_effects_overlap_scale(two, 2, 0.9), pow(2.0, 0.1), 1e-12);
    double one[3] = {0.0, 0.5519, 0.0};
    tu_assert_near(rs_effects_overlap_scale(one, 3, 0.9), 1.0, 0);
    double none[2] = {0.0, 0.0};
    tu_assert_near(rs_effects_overlap_scale(none, 2, 0.7), 1.0, 0);
    /* unequal strengths: the q-norm over the sum */
    double t[3] = {0.1, 0.35, 0.8};
    double q = 1.0 / 0.3;
    tu_assert_near(rs_effects_overlap_scale(t, 3, 0.7),
                   pow(pow(0.1, q) + pow(0.35, q) + pow(0.8, q), 1.0 / q) / 1.25, 1e-12);
}

/* The practices combine by the formula at overlap 0, 0.5 and 0.9, with the
 * table the model uses within 1e-6 of it at every stock. */
static void test_practices_combine_by_the_formula(void **state)
{
    (void)state;
    const double overlaps[] = {0.0, 0.5, 0.9, 0.05, 0.95};
    for (size_t k = 0; k < sizeof overlaps / sizeof overlaps[0]; k++) {
        char ini[512];
        snprintf(ini, sizeof ini, "%s[effects]\noverlap = %g\nscale = 0.913\n", PRACTICES, overlaps[k]);
        rs_effects *e = effects_of(ini);
        assert_int_equal(e->mode, overlaps[k] == 0.0 ? RS_EFFECTS_INDEPENDENT : RS_EFFECTS_TABLE);
        for (double stock = 0.0; stock < 30.0; stock += 0.0737) {
            rs_practice_effects expected = by_formula(stock, overlaps[k], 0.913);
            assert_effects_near(rs_effects_exact(e, stock), expected, 1e-12);
            assert_effects_near(rs_effects_at(e, stock), expected, 1e-6);
        }
        free(e);
    }
}

/* Overlap shrinks what practices do together, never what one does alone. */
static void test_overlap_shrinks_the_combination(void **state)
{
    (void)state;
    char ini[512];
    snprintf(ini, sizeof ini, "%s[effects]\noverlap = 0.7\n", PRACTICES);
    rs_effects *together = effects_of(ini);
    snprintf(ini, sizeof ini, "%s[effects]\noverlap = 0\n", PRACTICES);
    rs_effects *free_ = effects_of(ini);
    rs_practice_effects a = rs_effects_at(together, 3.0), b = rs_effects_at(free_, 3.0);
    assert_true(a.win < b.win && a.lead < b.lead && a.size < b.size && a.cycle > b.cycle);
    free(together);
    free(free_);

    /* coaching alone: the Hill multiplier itself, to the bit, at any overlap */
    rs_effects *alone =
        effects_of("[coaching]\nmax_uplift = 0.8137\nhalf_effect_hours = 2.385\nsteepness = 4\n[one_on_one]\n"
                   "cadence = none\n[effects]\noverlap = 0.9\n");
    assert_int_equal(alone->mode, RS_EFFECTS_INDEPENDENT);
    for (double stock = 0.0; stock < 12.0; stock += 0.61) {
        double s2 = stock * stock, k2 = 2.385 * 2.385, s4 = s2 * s2, k4 = k2 * k2;
        rs_practice_effects r = rs_effects_at(alone, stock);
        double ceiling = (1.0 + 0.8137) - 1.0; /* (1 + A)^scale - 1 at scale 1 */
        assert_true(r.win == 1.0 + ceiling * (stock > 0 ? s4 / (s4 + k4) : 0.0));
        assert_true(r.lead == 1.0 && r.cycle == 1.0 && r.size == 1.0);
    }
    free(alone);

    /* the meeting alone: its multiplier whatever the overlap */
    rs_effects *meeting = effects_of("[coaching]\nquality = 0\n[one_on_one]\ncadence = none\n[team_meeting]\n"
                                     "weekly = yes\nlead_multiplier = 2.187\n[effects]\noverlap = 0.9\n");
    assert_int_equal(meeting->mode, RS_EFFECTS_CONSTANT);
    tu_assert_near(rs_effects_at(meeting, 5.0).lead, 2.187, 1e-12);
    free(meeting);
}

/* Coaching quality scales coaching's log multiplier: 0 leaves coaching
 * without effect, 1.5 raises its multiplier to the power 1.5. */
static void test_coaching_quality(void **state)
{
    (void)state;
    rs_effects *none = effects_of("[coaching]\nquality = 0\n[one_on_one]\ncadence = none\n");
    assert_int_equal(none->mode, RS_EFFECTS_CONSTANT);
    for (double stock = 0.0; stock < 12.0; stock += 1.3)
        tu_assert_near(rs_effects_at(none, stock).win, 1.0, 0);
    free(none);
    rs_effects *good = effects_of("[coaching]\nquality = 1.5\nmax_uplift = 0.8137\n[one_on_one]\ncadence = none\n");
    rs_effects *typical = effects_of("[coaching]\nquality = 1\nmax_uplift = 0.8137\n[one_on_one]\ncadence = none\n");
    tu_assert_near(rs_effects_at(good, 4.2).win, pow(rs_effects_at(typical, 4.2).win, 1.5), 1e-12);
    free(good);
    free(typical);
}

/* effects.scale = 0: every multiplier is 1. */
static void test_scale_zero(void **state)
{
    (void)state;
    char ini[512];
    snprintf(ini, sizeof ini, "%s[effects]\nscale = 0\n", PRACTICES);
    rs_effects *e = effects_of(ini);
    for (double stock = 0.0; stock < 12.0; stock += 1.3)
        assert_effects_near(rs_effects_at(e, stock), (rs_practice_effects){1.0, 1.0, 1.0, 1.0}, 0);
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlap_scale),
        cmocka_unit_test(test_practices_combine_by_the_formula),
        cmocka_unit_test(test_overlap_shrinks_the_combination),
        cmocka_unit_test(test_coaching_quality),
        cmocka_unit_test(test_scale_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
