/* test_scenario.c: loading, overriding, validating and writing scenarios,
 * and every kind of bad input with its message. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "params.h"
#include "rng.h"

static void test_defaults_follow_the_model(void **state)
{
    (void)state;
    rs_scenario *sc = rs_scenario_new();
    assert_int_equal(sc->team.reps, 8);
    assert_int_equal(sc->team.new_hires, 2);
    assert_int_equal(sc->run.horizon_weeks, 104);
    assert_int_equal(sc->run.warmup_weeks, 26);
    tu_assert_near(sc->quota.annual, 360000, 0);
    tu_assert_near(sc->pipeline.deal_size, 28000, 0);
    tu_assert_near(sc->attrition.annual, 0.30, 0);
    tu_assert_near(sc->coaching.max_uplift, 0.9, 0);
    tu_assert_near(sc->ride_along.coaching_equiv_hours, 0.54, 0);
    /* the default is the text 0.541667, 52/12/8 to six places (3.3e-7 off) */
    tu_assert_near(sc->ramp.onboarding_hour_weeks, 0.541667, 0);
    tu_assert_near(sc->ramp.onboarding_hour_weeks, 52.0 / 12.0 / 8.0, 3.4e-7);
    /* the rest of docs/model.md's table of defaults, each as written there */
    const struct {
        const char *key;
        double value, expected;
    } table[] = {
        {"rep.skill_cv", sc->rep.skill_cv, 0.25},
        {"rep.hours_per_week", sc->rep.hours_per_week, 45},
        {"rep.selling_share", sc->rep.selling_share, 0.35},
        {"rep.hours_per_open_deal", sc->rep.hours_per_open_deal, 1.5},
        {"ramp.weeks_to_ramped", sc->ramp.weeks_to_ramped, 22},
        {"ramp.ramped_at", sc->ramp.ramped_at, 0.9},
        {"ramp.time_cv", sc->ramp.time_cv, 0.35},
        {"pipeline.leads_per_week", sc->pipeline.leads_per_week, 3.0},
        {"pipeline.lead_to_opportunity", sc->pipeline.lead_to_opportunity, 0.33},
        {"pipeline.cycle_weeks", sc->pipeline.cycle_weeks, 10},
        {"pipeline.win_rate", sc->pipeline.win_rate, 0.22},
        {"one_on_one.win_multiplier", sc->one_on_one.win_multiplier, 1.31},
        {"one_on_one.cycle_multiplier", sc->one_on_one.cycle_multiplier, 0.845},
        {"one_on_one.deal_size_multiplier", sc->one_on_one.deal_size_multiplier, 1.127},
        {"team_meeting.lead_multiplier", sc->team_meeting.lead_multiplier, 2.3},
        {"coaching.quality", sc->coaching.quality, 1},
        {"coaching.memory_weeks", sc->coaching.memory_weeks, 13},
        {"coaching.half_effect_hours", sc->coaching.half_effect_hours, 3},
        {"coaching.steepness", sc->coaching.steepness, 4},
        {"effects.overlap", sc->effects.overlap, 0.7},
        {"attrition.review_below", sc->attrition.review_below, 0.5},
        {"attrition.review_exit", sc->attrition.review_exit, 0.1},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].value != table[i].expected)
            fail_msg("%s defaults to %.17g, docs/model.md says %g", table[i].key, table[i].value, table[i].expected);
    assert_int_equal(sc->one_on_one.cadence, RS_CADENCE_MONTHLY);
    assert_true(isnan(sc->coaching.prior_hours_per_month));
    /* auto prior = planned coaching + ride-along equivalents */
    tu_assert_near(rs_scenario_prior_stock(sc), 1.0 + 0.5 * 0.54, 1e-12);
    rs_scenario_free(sc);
}

static void test_file_values_and_forms(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("; a comment\n# another\n[team]\nreps = 13\nnew_hires = 3 ; inline\n"
                                  "[quota]\nannual = $512.5K\n[attrition]\nannual = 23.85%\n"
                                  "[one_on_one]\ncadence = biweekly\n[team_meeting]\nweekly = yes # inline\n"
                                  "[ramp]\ncurve = table\ntable = 0, 20%, 45, 70, 95\n"
                                  "[coaching]\nprior_hours_per_month = 2.385\n");
    assert_int_equal(sc->team.reps, 13);
    assert_int_equal(sc->team.new_hires, 3);
    tu_assert_near(sc->quota.annual, 512500, 0);           /* 512.5 x 1e3, exact */
    tu_assert_near(sc->attrition.annual, 23.85 / 100.0, 0); /* the percentage over 100, correctly rounded */
    assert_int_equal(sc->one_on_one.cadence, RS_CADENCE_BIWEEKLY);
    assert_true(sc->team_meeting.weekly);
    assert_int_equal(sc->ramp.table_len, 5);
    tu_assert_near(sc->ramp.table[4], 0.95, 0); /* 95 / 100.0 rounds to the double nearest 0.95 */
    tu_assert_near(rs_scenario_prior_stock(sc), 2.385, 0);
    /* run.name comes from the file name when not given */
    assert_true(strncmp(sc->run.name, "rampsim-test-", 13) == 0);
    rs_scenario_free(sc);
}

/* Every kind of bad input, with the message a user sees (after "FILE"). */
static void test_bad_input_messages(void **state)
{
    (void)state;
    struct {
        const char *ini, *message;
    } cases[] = {
        {"[deal_help]\nstyle = takeover\n", ":2: deal_help.style must be coach or take_over, got takeover"},
        {"[coachng]\nhours_per_month = 3\n", ":2: unknown section [coachng]; did you mean [coaching]?"},
        {"[coaching]\nhour_per_month = 3\n",
         ":2: unknown key coaching.hour_per_month; did you mean coaching.hours_per_month?"},
        {"[team]\nweeks_to_ramped = 3\n", ":2: unknown key team.weeks_to_ramped; did you mean ramp.weeks_to_ramped?"},
        {"[team]\nxyzzy = 3\n", ":2: unknown key team.xyzzy"},
        {"[coaching]\nhours_per_month = -2\n", ":2: coaching.hours_per_month must be hours from 0 to 100, got -2"},
        {"[team]\nreps = 3\nreps = 4\n", ":3: team.reps is set twice (first on line 2)"},
        {"reps = 3\n", ":1: reps is outside any section; put it under its [section] heading"},
        {"[team]\nreps 3\n", ":2: expected [section] or key = value, got reps 3"},
        {"[team\nreps = 3\n", ":1: expected [section] or key = value, got [team"},
        {"[team]\nreps = 3\nnew_hires = 5\n", ":3: team.new_hires (5) must not exceed team.reps (3)"},
        {"[team]\nreps = 2.5\n", ":2: team.reps must be a whole number from 1 to 500, got 2.5"},
        {"[team]\nreps = 501\n", ":2: team.reps must be a whole number from 1 to 500, got 501"},
        {"[team]\nreps =\n", ":2: team.reps must be a whole number from 1 to 500, got nothing"},
        {"[attrition]\nannual = 30\n", ":2: attrition.annual must be a share from 0 to 1 (such as 0.3 or 30%), got 30"},
        {"[quota]\nannual = 418.000\n",
         ":2: quota.annual must be an amount from 0 to 10000000000000 (such as 28000, 28,000, $28K or 1.2M), got 418.000"},
        {"[team_meeting]\nweekly = sometimes\n", ":2: team_meeting.weekly must be yes or no, got sometimes"},
        {"[run]\nname = my team\n",
         ":2: run.name must be a name of 1 to 63 letters, digits, '.', '_' or '-', got my team"},
        /* a name starting with '-' would read as an option, with '.' as hidden */
        {"[run]\nname = -x\n", ":2: run.name must be a name of 1 to 63 letters, digits, '.', '_' or '-', got -x"},
        {"[run]\nname = .x\n", ":2: run.name must be a name of 1 to 63 letters, digits, '.', '_' or '-', got .x"},
        {"[run]\nseed = -1\n", ":2: run.seed must be a whole number from 0 to 18446744073709551615, got -1"},
        {"[run]\nreplications = 0\n", ":2: run.replications must be a whole number from 1 to 10000000, got 0"},
        {"[pipeline]\nwin_rate = nan\n", ":2: pipeline.win_rate must be a share from 0 to 1 (such as 0.3 or 30%), got nan"},
        {"[ramp]\ntable = 0,50,40\n",
         ":2: ramp.table must be 2 to 61 comma-separated, non-decreasing percentages from 0 to 100, one per month "
         "(such as 0,25,50,75,100), got 0,50,40"},
        {"[ramp]\ntable = 0,50,100.5\n",
         ":2: ramp.table must be 2 to 61 comma-separated, non-decreasing percentages from 0 to 100, one per month "
         "(such as 0,25,50,75,100), got 0,50,100.5"},
        {"[attrition]\nreview_weeks = 26,26,52\n",
         ":2: attrition.review_weeks must be none or 1 to 12 comma-separated, increasing whole numbers of weeks from 1 "
         "to 1040 (such as 26,39,52), got 26,26,52"},
        {"[ramp]\ncurve = table\ntable = 0,20,40,60,80\n",
         ":3: ramp.table must reach ramp.ramped_at (90%), but its highest value is 80%"},
        {"[manager]\noverbooked = error\n[coaching]\nhours_per_month = 40\n",
         ":2: the manager's plan needs up to 76.6 hours a week but the budget (manager.hours_per_week x "
         "manager.team_share) is 30.0; plan less or set manager.overbooked = scale"},
        {"[team]\n\001\000binary\n", ":2: not a text file (found a NUL byte)"},
        /* inih drops what follows a header's ']': a key there would be lost */
        {"[team] reps = 3\n", ":1: expected [team] alone on its line, got [team] reps = 3"},
        {"[coaching]hours_per_month = 6\n", ":1: expected [coaching] alone on its line, got [coaching]hours_per_month = 6"},
        {"[team]\nreps = 3\n[team]]\n", ":3: expected [team] alone on its line, got [team]]"},
        {"  [team] \t x\r\n", ":1: expected [team] alone on its line, got   [team] \\x09 x"},
        {"[te]am]\n", ":1: expected [te] alone on its line, got [te]am]"},
        {"[team ; note]\n", ":1: expected [section] or key = value, got [team ; note]"},
        /* names are ASCII: anything else in one shows, a byte order mark too */
        {"[team]\n\xef\xbb\xbfreps = 3\n", ":2: unknown key team.\\xef\\xbb\\xbfreps; did you mean team.reps?"},
        {"[team]\nre\x01ps = 3\n", ":2: unknown key team.re\\x01ps; did you mean team.reps?"},
        {"[te\x7f" "am]\nreps = 3\n", ":2: unknown section [te\\x7fam]; did you mean [team]?"},
        {"[caf\xc3\xa9]\nreps = 3\n", ":2: unknown section [caf\\xc3\\xa9]"},
        {"\xef\xbb\xbfr\xef\xbb\xbf" "eps = 3\n", ":1: r\\xef\\xbb\\xbfeps is outside any section; put it under its [section] heading"},
        {"[team]\nreps = 3\n\xef\xbb\xbf[coaching]\n", ":3: expected [section] or key = value, got \\xef\\xbb\\xbf[coaching]"},
        {"\xef\xbb[team]\n", ":1: expected [section] or key = value, got \\xef\\xbb[team]"},
        {"[team]\nreps 3\x1b[2J\n", ":2: expected [section] or key = value, got reps 3\\x1b[2J"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* the NUL case is written byte for byte below */
        if (strchr(cases[i].ini, '\001'))
            continue;
        const char *msg = tu_load_error(cases[i].ini, RS_ERR_INPUT);
        if (strcmp(msg, cases[i].message) != 0)
            fail_msg("case %zu:\n got      %s\n expected %s", i, msg, cases[i].message);
    }
}

static void test_nul_byte_and_long_line(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE];
    char path[] = "/tmp/rampsim-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(write(fd, "[team]\n\001\000x\n", 11) == 11);
    close(fd);
    rs_scenario *sc = rs_scenario_new();
    assert_int_equal(rs_scenario_load(sc, path, err), RS_ERR_INPUT);
    assert_non_null(strstr(err, ":2: not a text file (found a NUL byte)"));
    rs_scenario_free(sc);
    unlink(path);

    char text[400] = "[team]\nreps = ";
    memset(text + strlen(text), '1', 250);
    const char *msg = tu_load_error(text, RS_ERR_INPUT);
    assert_string_equal(msg, ":2: line is longer than 199 characters; shorten it");
}

/* A comment may follow a header; a byte order mark may open the file, as
 * spreadsheets and Windows editors write one. */
static void test_headers_comments_and_bom(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("\xef\xbb\xbf[team] ; a note\nreps = 7\n[coaching] # another\nhours_per_month = 2.385\n"
                                  "[rep];close\nskill_cv = 0.3\n");
    assert_int_equal(sc->team.reps, 7);
    tu_assert_near(sc->coaching.hours_per_month, 2.385, 0);
    tu_assert_near(sc->rep.skill_cv, 0.3, 0);
    rs_scenario_free(sc);
    sc = tu_scenario("\xef\xbb\xbf# a comment first\n[team]\nreps = 5\n");
    assert_int_equal(sc->team.reps, 5);
    rs_scenario_free(sc);
}

/* A file read from a pipe cannot be read again: a syntax error quotes the
 * line the reader kept, not a rewound stream. */
static void test_syntax_error_from_a_pipe(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"[team]\nreps = 3\nnew_hires 1\n", "pipe.ini:3: expected [section] or key = value, got new_hires 1"},
        {"# one\n[team\n", "pipe.ini:2: expected [section] or key = value, got [team"},
        {"[team] reps = 3\n", "pipe.ini:1: expected [team] alone on its line, got [team] reps = 3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        size_t n = strlen(cases[i][0]);
        assert_int_equal(write(fds[1], cases[i][0], n), (ssize_t)n);
        close(fds[1]);
        FILE *f = fdopen(fds[0], "r");
        assert_non_null(f);
        char err[RS_ERRMSG_SIZE] = "";
        rs_scenario *sc = rs_scenario_new();
        assert_int_equal(rs_scenario_load_stream(sc, f, "pipe.ini", err), RS_ERR_INPUT);
        assert_string_equal(err, cases[i][1]);
        rs_scenario_free(sc);
        fclose(f);
    }
}

static void test_missing_and_directory(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE];
    rs_scenario *sc = rs_scenario_new();
    assert_int_equal(rs_scenario_load(sc, "/nonexistent/x.ini", err), RS_ERR_INPUT);
    assert_string_equal(err, "/nonexistent/x.ini: cannot read scenario file: No such file or directory");
    assert_int_equal(rs_scenario_load(sc, "/tmp", err), RS_ERR_INPUT);
    assert_string_equal(err, "/tmp: is a directory, expected a scenario file (.ini)");
    rs_scenario_free(sc);
}

static void test_set_overrides(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE];
    rs_scenario *sc = tu_scenario("[team]\nreps = 6\n");
    assert_int_equal(rs_scenario_set(sc, "team.reps=11", err), RS_OK);
    assert_int_equal(sc->team.reps, 11);
    assert_int_equal(rs_scenario_set(sc, " coaching.hours_per_month = 2.385 ", err), RS_OK);
    tu_assert_near(sc->coaching.hours_per_month, 2.385, 0);
    assert_int_equal(rs_scenario_set(sc, "team.rep=4", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set team.rep=4: unknown key team.rep; did you mean team.reps?");
    assert_int_equal(rs_scenario_set(sc, "tema.reps=4", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set tema.reps=4: unknown section tema; did you mean team?");
    assert_int_equal(rs_scenario_set(sc, "\xef\xbb\xbfteam.reps=4", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set \\xef\\xbb\\xbfteam.reps=4: unknown section \\xef\\xbb\\xbfteam; did you mean team?");
    assert_int_equal(rs_scenario_set(sc, "team.re\tps=4", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set team.re\\x09ps=4: unknown key team.re\\x09ps; did you mean team.reps?");
    assert_int_equal(rs_scenario_set(sc, "deal_help.style", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set deal_help.style: expected section.key=value, such as coaching.hours_per_month=3");
    assert_int_equal(rs_scenario_set(sc, "deal_help.style=takeover", err), RS_ERR_INPUT);
    assert_string_equal(err, "--set deal_help.style=takeover: deal_help.style must be coach or take_over, got takeover");
    assert_int_equal(rs_scenario_set(sc, "team.new_hires=12", err), RS_OK);
    assert_int_equal(rs_scenario_validate(sc, err), RS_ERR_INPUT);
    assert_string_equal(err, "--set team.new_hires=12: team.new_hires (12) must not exceed team.reps (11)");
    rs_scenario_free(sc);
}

/* Writing a scenario and reading it back gives the same values, bit for bit. */
static void test_write_round_trip(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[team]\nreps = 7\n[pipeline]\nwin_rate = 0.2385\ndeal_size = 31234.56\n"
                                  "[ramp]\ncurve = exponential\n[coaching]\nfocus = behind\n"
                                  "[run]\nseed = 18446744073709551615\nname = rt\n");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_scenario_write(f, sc, false);
    fclose(f);
    rs_scenario *back = tu_scenario(text);
    for (size_t i = 0; i < rs_param_count; i++) {
        char a[512], b[512];
        rs_param_format(&rs_params[i], sc, a, sizeof a);
        rs_param_format(&rs_params[i], back, b, sizeof b);
        assert_string_equal(a, b);
    }
    assert_true(back->run.seed == UINT64_MAX);
    assert_true(back->pipeline.deal_size == sc->pipeline.deal_size);
    free(text);
    rs_scenario_free(sc);
    rs_scenario_free(back);
}

/* Random scenarios, ramp tables included, written out and read back: the
 * same values to the bit, every written line within the loader's limit and
 * every ramp table no longer than the shortest way of typing it. Values
 * are random doubles within each key's range, typed with 17 digits, and
 * random tables typed in whatever form fits the line (".5", "7", "1e-5"). */
static void test_random_round_trips(void **state)
{
    (void)state;
    rs_stream random;
    rs_stream_start(&random, rs_rng_key(2385), 0, RS_RNG_TEST, 1, 0, 0);
    static const char *const forms[] = {"%.17g", "%.3g", "%.1f", "%g", "%.0f"};
    int tables = 0;
    for (int round = 0; round < 300; round++) {
        rs_scenario *sc = rs_scenario_new();
        char err[RS_ERRMSG_SIZE];
        /* a table of 2 to 61 non-decreasing percentages typed within 199 characters */
        char table[256] = "ramp.table=";
        size_t at = strlen(table), start = at;
        double v = 0.0, previous = 0.0;
        char previous_item[64] = "0";
        int points = 2 + (int)(rs_stream_uniform(&random) * 60);
        for (int i = 0; i < points; i++) {
            v += (100.0 - v) * rs_stream_uniform(&random) * rs_stream_uniform(&random);
            char item[64];
            snprintf(item, sizeof item, forms[(int)(rs_stream_uniform(&random) * 5)], v);
            if (strtod(item, NULL) < previous) /* rounded below the one before */
                snprintf(item, sizeof item, "%s", previous_item);
            previous = strtod(item, NULL);
            snprintf(previous_item, sizeof previous_item, "%s", item);
            if (at - start + strlen(item) + 1 > RS_LINE_MAX - strlen("table="))
                break;
            at += (size_t)snprintf(table + at, sizeof table - at, "%s%s", at > start ? "," : "", item);
        }
        if (rs_scenario_set(sc, table, err) == RS_OK) { /* rounded items may go down: then skipped */
            tables++;
            /* other keys: a random double within each numeric key's range */
            for (size_t i = 0; i < rs_param_count; i++) {
                const rs_param *p = &rs_params[i];
                if (p->type != RS_P_REAL && p->type != RS_P_HOURS && p->type != RS_P_FRACTION)
                    continue;
                char set[160];
                double x = p->min + (p->max - p->min) * rs_stream_uniform(&random);
                snprintf(set, sizeof set, "%s.%s=%.17g", p->section, p->key, x);
                assert_int_equal(rs_scenario_set(sc, set, err), RS_OK);
            }
            char *text = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&text, &len);
            rs_scenario_write(f, sc, false);
            fclose(f);
            for (const char *line = text; *line; line += strcspn(line, "\n") + 1) {
                size_t n = strcspn(line, "\n");
                if (n > RS_LINE_MAX)
                    fail_msg("a written line of %zu characters: %.60s...", n, line);
                if (strncmp(line, "table = ", 8) == 0 && n - 8 > at - start)
                    fail_msg("the table is written longer (%zu) than typed (%zu): %.*s", n - 8, at - start, (int)n,
                             line);
                if (!line[n])
                    break;
            }
            rs_scenario *back = rs_scenario_new();
            assert_int_equal(rs_scenario_load_text(back, "written.ini", text, err), RS_OK);
            for (size_t i = 0; i < rs_param_count; i++) {
                char a[512], b[512];
                rs_param_format(&rs_params[i], sc, a, sizeof a);
                rs_param_format(&rs_params[i], back, b, sizeof b);
                assert_string_equal(a, b);
            }
            assert_int_equal(back->ramp.table_len, sc->ramp.table_len);
            for (int i = 0; i < sc->ramp.table_len; i++)
                assert_true(back->ramp.table[i] == sc->ramp.table[i]);
            rs_scenario_free(back);
            free(text);
        }
        rs_scenario_free(sc);
    }
    assert_true(tables > 100);
}

/* The documented defaults file (rampsim defaults) is itself a valid
 * scenario equal to the defaults. */
static void test_documented_defaults_load(void **state)
{
    (void)state;
    rs_scenario *def = rs_scenario_new();
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_scenario_write(f, def, true);
    fclose(f);
    assert_non_null(strstr(text, "#   source: Bridge Group SaaS AE median ACV $25-38K"));
    /* comments are wrapped to be read in a terminal */
    for (const char *line = text; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != '\0'))
        if (strcspn(line, "\n") > 78)
            fail_msg("a line of %zu characters: %.80s", strcspn(line, "\n"), line);
    rs_scenario *back = tu_scenario(text);
    for (size_t i = 0; i < rs_param_count; i++) {
        if (rs_params[i].type == RS_P_NAME)
            continue;
        char a[512], b[512];
        rs_param_format(&rs_params[i], def, a, sizeof a);
        rs_param_format(&rs_params[i], back, b, sizeof b);
        assert_string_equal(a, b);
    }
    free(text);
    rs_scenario_free(def);
    rs_scenario_free(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_follow_the_model),
        cmocka_unit_test(test_file_values_and_forms),
        cmocka_unit_test(test_bad_input_messages),
        cmocka_unit_test(test_nul_byte_and_long_line),
        cmocka_unit_test(test_headers_comments_and_bom),
        cmocka_unit_test(test_syntax_error_from_a_pipe),
        cmocka_unit_test(test_missing_and_directory),
        cmocka_unit_test(test_set_overrides),
        cmocka_unit_test(test_write_round_trip),
        cmocka_unit_test(test_random_round_trips),
        cmocka_unit_test(test_documented_defaults_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
