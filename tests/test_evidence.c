/* test_evidence.c: the table of what the research covers, the note for a
 * scenario beyond it, and the values of a sweep axis beyond it. */
#include "testutil.h"

#include <string.h>

#include "rampsim/evidence.h"
#include "params.h"

static const rs_evidence *row_of(const char *key)
{
    for (size_t r = 0; r < rs_evidence_count; r++)
        if (strcmp(rs_evidence_table[r].key, key) == 0)
            return &rs_evidence_table[r];
    return NULL;
}

static const rs_param *param_of(const char *key)
{
    char section[64];
    const char *dot = strchr(key, '.');
    assert_non_null(dot);
    snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
    int i = rs_param_find(section, dot + 1);
    assert_true(i >= 0);
    return &rs_params[i];
}

/* The note of a scenario with the given overrides (NULL-terminated). */
static int note_of(const char *set1, const char *set2, char *note)
{
    rs_scenario *sc = rs_scenario_new();
    char err[RS_ERRMSG_SIZE];
    char *sets[2] = {(char *)set1, (char *)set2};
    int n_sets = set1 ? (set2 ? 2 : 1) : 0;
    assert_int_equal(rs_scenario_override(sc, NULL, NULL, sets, n_sets, err), RS_OK);
    int count = rs_evidence_note(sc, "dana", NULL, note, RS_EVIDENCE_NOTE_MAX);
    rs_scenario_free(sc);
    return count;
}

/* Every row names a real key with a range inside that key's limits, says
 * what it covers and where that comes from; the ranges are those the seed
 * article supports (docs/model.md, "Beyond the evidence"). */
static void test_table(void **state)
{
    (void)state;
    assert_true(rs_evidence_count >= 5);
    for (size_t r = 0; r < rs_evidence_count; r++) {
        const rs_evidence *row = &rs_evidence_table[r];
        const rs_param *p = param_of(row->key);
        if (row->when)
            param_of(row->when);
        assert_true(row->low <= row->high);
        if (p->type != RS_P_ENUM && p->type != RS_P_BOOL)
            assert_true(row->low >= p->min && row->high <= p->max);
        assert_non_null(row->unit);
        /* words of a row's own name its range's end, so that they change with it */
        if (row->covers && p->type != RS_P_ENUM && p->type != RS_P_BOOL) {
            char high[32];
            snprintf(high, sizeof high, "%g", row->high);
            assert_non_null(strstr(row->covers, high));
        }
        assert_true(row->source && row->source[0]);
        for (size_t s = 0; s < r; s++)
            assert_string_not_equal(rs_evidence_table[s].key, row->key);
    }
    struct {
        const char *key;
        double low, high;
    } expected[] = {
        {"coaching.hours_per_month", 0, 4}, {"ride_along.calls_per_month", 0, 3},
        {"onboarding.extra_hours_per_week", 0, 1}, {"onboarding.weeks", 0, 8},
        {"effects.scale", 0, 1}, {"one_on_one.cadence", RS_CADENCE_NONE, RS_CADENCE_WEEKLY},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const rs_evidence *row = row_of(expected[i].key);
        assert_non_null(row);
        assert_true(row->low == expected[i].low && row->high == expected[i].high);
    }
    assert_string_equal(row_of("onboarding.weeks")->when, "onboarding.extra_hours_per_week");
}

static void test_within_range_no_note(void **state)
{
    (void)state;
    char note[RS_EVIDENCE_NOTE_MAX] = "stale";
    assert_int_equal(note_of(NULL, NULL, note), 0);
    assert_string_equal(note, "");
    /* every cadence was compared: none is flagged */
    const char *cadences[] = {"one_on_one.cadence=none", "one_on_one.cadence=weekly"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(note_of(cadences[i], NULL, note), 0);
        assert_string_equal(note, "");
    }
    assert_int_equal(note_of("team_meeting.weekly=yes", "effects.scale=0.385", note), 0);
    /* onboarding weeks matter only with extra hours planned */
    assert_int_equal(note_of("onboarding.weeks=23", NULL, note), 0);
}

/* The ends of each range are within it. */
static void test_boundaries_are_within(void **state)
{
    (void)state;
    char note[RS_EVIDENCE_NOTE_MAX];
    const char *ends[][2] = {
        {"coaching.hours_per_month=4", NULL}, {"coaching.hours_per_month=0", NULL},
        {"ride_along.calls_per_month=3", NULL}, {"effects.scale=1", NULL}, {"effects.scale=0", NULL},
        {"onboarding.extra_hours_per_week=1", "onboarding.weeks=8"},
    };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        assert_int_equal(note_of(ends[i][0], ends[i][1], note), 0);
        assert_string_equal(note, "");
    }
}

/* Each lever past its range is named with its value and what the research
 * covers, in one line that says the model extrapolates. */
static void test_each_lever_beyond_is_named(void **state)
{
    (void)state;
    char note[RS_EVIDENCE_NOTE_MAX];
    struct {
        const char *set1, *set2, *expected;
    } cases[] = {
        {"coaching.hours_per_month=6", NULL,
         "note: dana: beyond the evidence: coaching.hours_per_month = 6 (the research covers 0 to 4 hours a month); "
         "the model extrapolates there (docs/model.md)"},
        {"coaching.hours_per_month=4.001", NULL, "coaching.hours_per_month = 4.001 (the research covers 0 to 4"},
        {"ride_along.calls_per_month=3.5", NULL, "ride_along.calls_per_month = 3.5 (the research covers 0 to 3 calls"},
        {"onboarding.extra_hours_per_week=2.385", NULL,
         "onboarding.extra_hours_per_week = 2.385 (the research covers 0 to 1 extra hour a week)"},
        {"onboarding.extra_hours_per_week=0.5", "onboarding.weeks=12",
         "onboarding.weeks = 12 (the research covers extra hours in the first 8 weeks)"},
        {"effects.scale=1.5", NULL, "effects.scale = 1.5 (1 is the research taken at face value)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(note_of(cases[i].set1, cases[i].set2, note), 1);
        assert_non_null(strstr(note, cases[i].expected));
        assert_true(strncmp(note, "note: dana: beyond the evidence: ", 33) == 0);
        assert_null(strchr(note, '\n'));
    }
}

/* Several levers beyond: one line naming them all, the table's order. */
static void test_several_levers_one_line(void **state)
{
    (void)state;
    char note[RS_EVIDENCE_NOTE_MAX];
    assert_int_equal(note_of("effects.scale=1.5", "coaching.hours_per_month=7.25", note), 2);
    assert_string_equal(note, "note: dana: beyond the evidence: coaching.hours_per_month = 7.25 (the research covers "
                              "0 to 4 hours a month), effects.scale = 1.5 (1 is the research taken at face value); "
                              "the model extrapolates there (docs/model.md)");
    assert_null(strchr(note, '\n'));
    /* a small buffer cuts the note rather than overflowing */
    rs_scenario *sc = tu_scenario("[coaching]\nhours_per_month = 7.25\n[effects]\nscale = 1.5\n");
    char small[24];
    assert_int_equal(rs_evidence_note(sc, "dana", NULL, small, sizeof small), 2);
    assert_string_equal(small, "note: dana: beyond the ");
    rs_scenario_free(sc);
}

/* A sweep replaces the varied key's value: the base's note leaves it, and
 * the ranges that depend on it, to the axis. */
static void test_note_leaves_varied_keys(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[coaching]\nhours_per_month = 7.25\n[onboarding]\nextra_hours_per_week = 0.5\n"
                                  "weeks = 12\n[effects]\nscale = 1.5\n");
    char note[RS_EVIDENCE_NOTE_MAX];
    const char *coaching[] = {"coaching.hours_per_month", NULL};
    assert_int_equal(rs_evidence_note(sc, "base", coaching, note, sizeof note), 2);
    assert_null(strstr(note, "coaching"));
    assert_non_null(strstr(note, "onboarding.weeks = 12"));
    const char *onboarding[] = {"onboarding.extra_hours_per_week", "coaching.hours_per_month", NULL};
    assert_int_equal(rs_evidence_note(sc, "base", onboarding, note, sizeof note), 1);
    assert_null(strstr(note, "onboarding"));
    assert_non_null(strstr(note, "effects.scale = 1.5"));
    rs_scenario_free(sc);
}

/* The values of an axis and how many: AXIS("1", "2") is two arguments. */
#define AXIS(...)                                                                                              \
    ((const char *const[]){__VA_ARGS__}), (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

/* Axis values split at the range's end, which is within; the note names the
 * values beyond as a run. */
static void test_axis_split(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("");
    char note[RS_EVIDENCE_NOTE_MAX], err[RS_ERRMSG_SIZE];
    bool beyond[32];
    const char *values[21];
    char text[21][16];
    for (int i = 0; i < 21; i++) {
        snprintf(text[i], sizeof text[i], "%g", i * 0.5);
        values[i] = text[i];
    }
    assert_int_equal(rs_evidence_axis(sc, "coaching.hours_per_month", values, 21, true, beyond, note, sizeof note, err),
                     RS_OK);
    for (int i = 0; i < 21; i++)
        assert_int_equal(beyond[i], i * 0.5 > 4);
    assert_string_equal(note, "note: beyond the evidence: coaching.hours_per_month above 4 hours a month "
                              "(points 4.5 to 10); the chart shades them");
    /* without a chart the note says what the values rest on instead */
    assert_int_equal(rs_evidence_axis(sc, "effects.scale", AXIS("0.5", "1", "1.25"), false, beyond, note, sizeof note,
                                      err),
                     RS_OK);
    assert_true(!beyond[0] && !beyond[1] && beyond[2]);
    assert_string_equal(note, "note: beyond the evidence: effects.scale above 1 (point 1.25); the model extrapolates "
                              "there (docs/model.md)");
    /* values as a user writes them, in any order */
    assert_int_equal(rs_evidence_axis(sc, "coaching.hours_per_month", AXIS("6h", "1", "4", "5", "2", "9", "12"), true,
                                      beyond, note, sizeof note, err),
                     RS_OK);
    bool expected[] = {true, false, false, true, false, true, true};
    for (int i = 0; i < 7; i++)
        assert_int_equal(beyond[i], expected[i]);
    assert_non_null(strstr(note, "above 4 hours a month (points 6h, 5, 9 and 12);"));
    assert_int_equal(rs_evidence_axis(sc, "coaching.hours_per_month", AXIS("6h", "1", "5", "9", "2", "12", "20"), true,
                                      beyond, note, sizeof note, err),
                     RS_OK);
    assert_non_null(strstr(note, "(points 6h, 5, 9, 12 and 1 more);"));
    /* a key within at every value, or no lever at all: nothing */
    assert_int_equal(rs_evidence_axis(sc, "one_on_one.cadence", AXIS("none", "monthly", "biweekly", "weekly"), true,
                                      beyond, note, sizeof note, err),
                     RS_OK);
    assert_true(!beyond[0] && !beyond[1] && !beyond[2] && !beyond[3]);
    assert_string_equal(note, "");
    assert_int_equal(rs_evidence_axis(sc, "team.reps", AXIS("4", "400"), true, beyond, NULL, 0, err), RS_OK);
    assert_true(!beyond[0] && !beyond[1]);
    rs_scenario_free(sc);
}

/* A range that applies because of the axis key: onboarding weeks past 8
 * matter once extra hours are planned. */
static void test_axis_dependent_range(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[onboarding]\nweeks = 12\n");
    char note[RS_EVIDENCE_NOTE_MAX], err[RS_ERRMSG_SIZE];
    bool beyond[4];
    assert_int_equal(rs_evidence_axis(sc, "onboarding.extra_hours_per_week", AXIS("0", "0.5", "1"), true, beyond, note,
                                      sizeof note, err),
                     RS_OK);
    assert_true(!beyond[0] && beyond[1] && beyond[2]);
    assert_string_equal(note, "note: beyond the evidence: onboarding.extra_hours_per_week at points 0.5 to 1 (with "
                              "onboarding.weeks = 12, the research covers extra hours in the first 8 weeks); the "
                              "chart shades them");
    /* the weeks themselves, with no extra hours at the base: nothing */
    assert_int_equal(rs_evidence_axis(sc, "onboarding.weeks", AXIS("4", "8", "16"), true, beyond, note, sizeof note,
                                      err),
                     RS_OK);
    assert_true(!beyond[0] && !beyond[1] && !beyond[2]);
    rs_scenario_free(sc);
    sc = tu_scenario("[onboarding]\nextra_hours_per_week = 1\n");
    assert_int_equal(rs_evidence_axis(sc, "onboarding.weeks", AXIS("4", "8", "16"), true, beyond, note, sizeof note,
                                      err),
                     RS_OK);
    assert_true(!beyond[0] && !beyond[1] && beyond[2]);
    assert_non_null(strstr(note, "onboarding.weeks above 8 weeks (point 16)"));
    rs_scenario_free(sc);
}

static void test_axis_errors(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("");
    char err[RS_ERRMSG_SIZE];
    bool beyond[2];
    assert_int_equal(rs_evidence_axis(sc, "coaching.hour_per_month", AXIS("1"), true, beyond, NULL, 0, err),
                     RS_ERR_INPUT);
    assert_string_equal(err, "unknown key coaching.hour_per_month");
    assert_int_equal(rs_evidence_axis(sc, "coaching.hours_per_month", AXIS("1", "lots"), true, beyond, NULL, 0, err),
                     RS_ERR_INPUT);
    assert_string_equal(err, "coaching.hours_per_month must be hours from 0 to 100, got lots");
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_within_range_no_note),
        cmocka_unit_test(test_boundaries_are_within),
        cmocka_unit_test(test_each_lever_beyond_is_named),
        cmocka_unit_test(test_several_levers_one_line),
        cmocka_unit_test(test_note_leaves_varied_keys),
        cmocka_unit_test(test_axis_split),
        cmocka_unit_test(test_axis_dependent_range),
        cmocka_unit_test(test_axis_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
