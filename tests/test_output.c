/* test_output.c: a mean difference and its interval print with enough
 * decimals that a nonzero interval never looks like a single value, and
 * never as "-0"; reps.csv, the console table's plan and seat lines and the
 * team check prints read the slots and the seats they name. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/output.h"
#include "rng.h"

static const char *formatted(double difference, double low, double high, int decimals)
{
    static char buf[128];
    rs_format_difference(buf, sizeof buf, difference, low, high, decimals);
    return buf;
}

/* The cases `rampsim compare` printed as zero-width or "-0" (1 against
 * 1.01 coaching hours a month), at the table's own decimals. */
static void test_narrow_intervals_get_their_digits(void **state)
{
    (void)state;
    /* first-year attainment, once "+0.0 (+0.0 to +0.0)" */
    assert_string_equal(formatted(0.02017545849, 0.01060931512, 0.02974160186, 1), "+0.0202 (+0.0106 to +0.0297)");
    /* reps at quota, once "+0 (-0 to +0)" */
    assert_string_equal(formatted(0.01716001716, -0.02280000000, 0.06544321000, 0), "+0.017 (-0.023 to +0.065)");
    /* pipeline to quota, once "-0.00 (-0.00 to -0.00)" */
    assert_string_equal(formatted(-0.0001584057256, -0.0002061919738, -0.0001106194774, 2),
                        "-0.000158 (-0.000206 to -0.000111)");
    /* won-deal size, once "-0 (-2 to +1)" */
    assert_string_equal(formatted(-0.408652853, -1.752340306, 0.9350345998, 0), "-0.4 (-1.8 to +0.9)");
    /* wide intervals keep the table's decimals */
    assert_string_equal(formatted(805.3594522, 458.1563319, 1152.562573, 0), "+805 (+458 to +1153)");
    assert_string_equal(formatted(8.0385, 7.8271, 8.2419, 1), "+8.04 (+7.83 to +8.24)");
    assert_string_equal(formatted(-12.385, -31.2, 6.9, 1), "-12.4 (-31.2 to +6.9)");
}

static void test_zero_and_constant_differences(void **state)
{
    (void)state;
    assert_string_equal(formatted(0.0, 0.0, 0.0, 1), "0 (all replications equal)");
    assert_string_equal(formatted(-0.0, -0.0, -0.0, 2), "0 (all replications equal)");
    assert_string_equal(formatted(100.0, 100.0, 100.0, 0), "+100 (in every replication)");
    assert_string_equal(formatted(-2.385, -2.385, -2.385, 1), "-2.4 (in every replication)");
    /* a constant too small for the table's decimals still shows */
    assert_string_equal(formatted(0.0017, 0.0017, 0.0017, 1), "+0.0017 (in every replication)");
    /* an end that rounds to zero is 0, unsigned */
    assert_string_equal(formatted(0.3, -0.00004, 0.6, 0), "+0.30 (0.00 to +0.60)");
    assert_string_equal(formatted(-0.3, -0.6, 0.00004, 0), "-0.30 (-0.60 to 0.00)");
    /* no difference to show */
    assert_string_equal(formatted(NAN, NAN, NAN, 1), "");
    /* truncated like snprintf */
    char small[8];
    rs_format_difference(small, sizeof small, 805.3594522, 458.1563319, 1152.562573, 0);
    assert_string_equal(small, "+805 (+");
}

/* A figure without an interval (the extra hours of compare's return
 * table): two significant digits at least, 0 unsigned. */
static void test_signed_figures(void **state)
{
    (void)state;
    char buf[64];
    static const struct {
        double x;
        int decimals;
        const char *text;
    } cases[] = {
        {1.800891923, 0, "+1.8"}, {805.3594522, 0, "+805"}, {-0.4, 0, "-0.40"},
        {0.0, 0, "0"},           {-0.0, 1, "0.0"},         {-2385.2, 1, "-2385.2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_format_signed(buf, sizeof buf, cases[i].x, cases[i].decimals);
        assert_string_equal(buf, cases[i].text);
    }
    rs_format_signed(buf, sizeof buf, NAN, 0);
    assert_string_equal(buf, "");
    /* a difference with no interval prints as its figure alone */
    assert_string_equal(formatted(-0.4, NAN, NAN, 0), "-0.40");
}

/* Intervals of every scale and position, at every table's decimals: the
 * two ends of a nonzero interval always print differently, the figures
 * never as a signed zero, and each printed figure is the value rounded. */
static void test_nonzero_intervals_never_print_as_one_value(void **state)
{
    (void)state;
    rs_stream s;
    rs_stream_start(&s, rs_rng_key(2385), 0, RS_RNG_TEST, 2, 0, 0);
    for (int i = 0; i < 200000; i++) {
        double scale = pow(10.0, 12.0 * rs_stream_uniform(&s) - 8.0); /* 1e-8 to 1e4 */
        double centre = scale * (4.0 * rs_stream_uniform(&s) - 2.0);
        double below = scale * pow(10.0, -3.0 * rs_stream_uniform(&s)), above = scale * rs_stream_uniform(&s);
        int decimals = (int)(4 * rs_stream_uniform(&s));
        double low = centre - below, high = centre + above;
        char buf[128], d[48], a[48], b[48];
        rs_format_difference(buf, sizeof buf, centre, low, high, decimals);
        if (sscanf(buf, "%47s (%47s to %47[^)])", d, a, b) != 3)
            fail_msg("%s: not \"difference (low to high)\"", buf);
        if (strcmp(a, b) == 0)
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
        if (tu_signed_zero(buf))
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
        double shown_low = strtod(a, NULL), shown_high = strtod(b, NULL);
        if (fabs(shown_low - low) > 0.25 * (high - low) || fabs(shown_high - high) > 0.25 * (high - low))
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
    }
}

/* ---- reps.csv, the console's seat and plan lines, check's team --------- */

/* Results filled by hand, so that every figure a writer prints is known:
 * a two-year run with a start date and a plan, four seats (a new hire, a
 * tenured rep named with a comma and quotes, a planned start named Ana,
 * and a seat of the hiring plan), 200 replications. */
#define REPLICATIONS 200
#define SEATS 4

static const char hand_scenario[] = "[run]\nhorizon_weeks = 104\nstart_date = 2026-07-06\n"
                                    "[team]\nreps = 3\nnew_hires = 1\nhires = 13:1\n"
                                    "[plan]\nbookings = 3.2M, 2.385M\n";

/* Seat i's first-year attainment in replication r takes 20 values, each in
 * 10 replications, so that its percentiles are exact: P10 is the 2nd, the
 * median the 10th, P90 the 18th. */
static double seat_attainment(int i, int fy, int r)
{
    return 40.0 + 23.85 * i + 7.0 * fy + 2.385 * (r % 20);
}

/* Replications in which seat i reaches quota in fiscal year fy: 62, 76, 80
 * and 30 of 200 in the first (31 %, 38 %, 40 %, 15 %). */
static int at_quota_count(int i, int fy)
{
    static const int counts[2][SEATS] = {{62, 76, 80, 30}, {11, 13, 17, 19}};
    return counts[fy][i];
}

typedef struct hand_results {
    rs_scenario *sc;
    rs_results *r;
} hand_results;

static void add(rs_results *r, size_t slot, double x)
{
    if (isnan(x))
        return;
    rs_moments_add(&r->moments[slot], x);
    if (slot < r->layout.sketched)
        assert_true(rs_sketches_add(r->sketches, slot, x));
}

/* The seat slots: attainment and quota reached by year, whether the first
 * rep left (undefined for seat 2 in the first 50 replications: its first
 * rep had not started), ramp weeks (seat 0 in 150 of 200 replications,
 * seat 1 in 60, the others never). */
static void fill_seats(rs_results *r, int rep)
{
    const rs_layout *l = &r->layout;
    for (int i = 0; i < SEATS; i++) {
        for (int k = 0; k < l->fiscal_years; k++) {
            add(r, rs_layout_seat_fy_slot(l, l->seat_attainment, i, k), seat_attainment(i, k, rep));
            add(r, rs_layout_seat_fy_slot(l, l->seat_at_quota, i, k), rep < at_quota_count(i, k) ? 100.0 : 0.0);
        }
        double left = i == 2 && rep < 50 ? NAN : rep % (i + 3) == 0 ? 100.0 : 0.0;
        add(r, l->seat_left + (size_t)i, left);
    }
    add(r, l->seat_ramp_weeks + 0, rep < 150 ? 12.5 + (rep % 15) : NAN);
    add(r, l->seat_ramp_weeks + 1, rep < 60 ? 30.0 + (rep % 6) : NAN);
}

/* The plan: made in 40 of 200 replications of the first year, missed by
 * 1,000 to 16,000 (each in 10) in the others; made in every one of the
 * second. */
static void fill_plan(rs_results *r, int rep)
{
    const rs_layout *l = &r->layout;
    bool made = rep < 40;
    add(r, rs_layout_plan_slot(l, 0, RS_PLAN_MADE), made ? 100.0 : 0.0);
    add(r, rs_layout_plan_slot(l, 0, RS_PLAN_SHORTFALL), made ? 0.0 : 1000.0 * (1 + (rep - 40) % 16));
    add(r, rs_layout_plan_slot(l, 1, RS_PLAN_MADE), 100.0);
    add(r, rs_layout_plan_slot(l, 1, RS_PLAN_SHORTFALL), 0.0);
}

static int setup_hand_results(void **state)
{
    hand_results *h = calloc(1, sizeof *h);
    assert_non_null(h);
    h->sc = tu_scenario(hand_scenario);
    rs_seat_spec *seats = h->sc->team.seats;
    assert_int_equal(h->sc->team.seat_count, SEATS);
    /* what a roster would give: names, a tenure, a planned start, a quota,
     * a skill and coaching of a seat's own */
    snprintf(seats[1].name, sizeof seats[1].name, "Smith, \"Al\"");
    seats[1].kind = RS_SEAT_TENURE;
    seats[1].tenure_weeks = 30;
    seats[1].quota_annual = 720000;
    seats[1].skill = 1.15;
    snprintf(seats[2].name, sizeof seats[2].name, "Ana");
    seats[2].kind = RS_SEAT_STARTS;
    seats[2].start_week = 5;
    seats[2].coaching_hours_per_month = 6;
    h->r = rs_results_new(h->sc);
    assert_non_null(h->r);
    h->r->replications = REPLICATIONS;
    h->r->sketches = rs_sketches_new(h->r->layout.sketched, h->r->layout.cum_bookings);
    assert_non_null(h->r->sketches);
    for (int rep = 0; rep < REPLICATIONS; rep++) {
        fill_seats(h->r, rep);
        fill_plan(h->r, rep);
    }
    *state = h;
    return 0;
}

static int teardown_hand_results(void **state)
{
    hand_results *h = *state;
    rs_results_free(h->r);
    rs_scenario_free(h->sc);
    free(h);
    return 0;
}

/* What a writer printed, as a string (free it). */
typedef void (*printer)(FILE *f, const void *what);
static char *printed(printer print, const void *what)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    print(f, what);
    fclose(f);
    return text;
}

static void print_reps(FILE *f, const void *r)
{
    assert_int_equal(rs_output_write_reps(f, r), RS_OK);
}

/* The cells of one CSV line (quotes as RFC 4180 has them), into cells. */
static int split_csv(const char *line, char cells[][64], int max)
{
    int n = 0;
    while (n < max) {
        size_t k = 0;
        if (*line == '"') {
            for (line++; *line && !(*line == '"' && line[1] != '"'); line++) {
                line += *line == '"';
                cells[n][k++] = *line;
            }
            line += *line == '"';
        } else {
            while (*line && *line != ',' && *line != '\n')
                cells[n][k++] = *line++;
        }
        cells[n++][k] = '\0';
        if (*line != ',')
            break;
        line++;
    }
    return n;
}

static const char reps_header[] =
    "seat,name,kind,tenure_weeks,hired,starts_week,starts,annual_quota,skill,coaching_hours_per_month,"
    "attainment_fy1_p10,attainment_fy1_p50,attainment_fy1_p90,reach_quota_fy1,"
    "attainment_fy2_p10,attainment_fy2_p50,attainment_fy2_p90,reach_quota_fy2,"
    "leave_chance,ramp_weeks_p10,ramp_weeks_p50,ramp_weeks_p90,ramp_share";

static double number(const char *cell)
{
    return cell[0] ? strtod(cell, NULL) : NAN;
}

/* Asserts a cell is empty (NAN) or the figure, to the 10 digits written. */
static void assert_cell(const char *cell, double expected)
{
    if (isnan(expected)) {
        if (cell[0])
            fail_msg("expected an empty cell, got %s", cell);
        return;
    }
    tu_assert_near(number(cell), expected, 1e-8 * fmax(1.0, fabs(expected)));
}

/* reps.csv: the header exactly, then per seat its facts and the figures
 * of its own slots: each seat and year has values of its own, so a writer
 * that read another seat's or year's slot would show it. */
static void test_reps_csv(void **state)
{
    hand_results *h = *state;
    char *text = printed(print_reps, h->r);
    char *line = strtok(text, "\n");
    assert_string_equal(line, reps_header);
    static const char *const facts[SEATS][10] = {
        {"1", "seat-1", "new_hire", "0", "2026-07-06", "", "", "360000", "drawn", "1"},
        {"2", "Smith, \"Al\"", "rep", "30", "2025-12-08", "", "", "720000", "1.15", "1"},
        {"3", "Ana", "planned_start", "", "", "5", "2026-08-10", "360000", "drawn", "6"},
        {"4", "hire-1", "growth", "", "", "13", "2026-10-05", "360000", "drawn", "1"},
    };
    static const double leave[SEATS] = {100.0 * 67 / 200, 100.0 * 50 / 200, 100.0 * 30 / 150, 100.0 * 34 / 200};
    for (int i = 0; i < SEATS; i++) {
        char cells[32][64];
        line = strtok(NULL, "\n");
        assert_non_null(line);
        assert_int_equal(split_csv(line, cells, 32), 23);
        for (int c = 0; c < 10; c++)
            assert_string_equal(cells[c], facts[i][c]);
        for (int k = 0; k < 2; k++) {
            assert_cell(cells[10 + 4 * k], seat_attainment(i, k, 1));
            assert_cell(cells[11 + 4 * k], seat_attainment(i, k, 9));
            assert_cell(cells[12 + 4 * k], seat_attainment(i, k, 17));
            assert_cell(cells[13 + 4 * k], 100.0 * at_quota_count(i, k) / REPLICATIONS);
        }
        assert_cell(cells[18], leave[i]);
    }
    free(text);
}

/* The ramp of a seat's first rep: its percentiles when it ramped in at
 * least half the replications, and always its share. */
static void test_reps_csv_ramp(void **state)
{
    hand_results *h = *state;
    char *text = printed(print_reps, h->r);
    char *line = strtok(text, "\n");
    static const double ramp[SEATS][4] = {
        {12.5 + 1, 12.5 + 7, 12.5 + 13, 75}, /* 150 values, 10 of each of 15: ranks 15, 75, 135 */
        {NAN, NAN, NAN, 30},                  /* in 60 of 200: a minority's median is left out */
        {NAN, NAN, NAN, 0},
        {NAN, NAN, NAN, 0},
    };
    for (int i = 0; i < SEATS; i++) {
        char cells[32][64];
        line = strtok(NULL, "\n");
        assert_int_equal(split_csv(line, cells, 32), 23);
        for (int c = 0; c < 4; c++)
            assert_cell(cells[19 + c], ramp[i][c]);
    }
    assert_null(strtok(NULL, "\n"));
    free(text);
}

static void print_table(FILE *f, const void *r)
{
    rs_output_print_table(f, r);
}

/* The console's new lines: the plan's chance by year, with the shortfall
 * among the replications that missed it (the median of 160 values, 10 of
 * each of 1,000 ... 16,000, is 8,000; P90 15,000), and the three seats
 * least likely to reach quota, by name. */
static void test_table_plan_and_seats(void **state)
{
    hand_results *h = *state;
    char *text = printed(print_table, h->r);
    const char *expected =
        "\n"
        "  Chance of making the plan (FY1 $3.2M)                20%\n"
        "  Shortfall when missed, median (P90)                8,000 (15,000)\n"
        "  Chance of making the plan (FY2 $2.38M)              100%\n"
        "  Shortfall when missed                       never missed\n"
        "  Least likely to reach quota (FY1): hire-1 15%, seat-1 31%, Smith, \"Al\" 38%\n";
    const char *at = strstr(text, "\n\n  Chance of making");
    if (!at)
        fail_msg("no plan lines in:\n%s", text);
    assert_string_equal(at + 1, expected);
    free(text);
}

/* Without a plan the seat line follows the table after a blank line; with
 * no whole fiscal year there is no such line. */
static void test_table_without_plan(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nhorizon_weeks = 30\n");
    rs_results *r = rs_results_new(sc);
    assert_non_null(r);
    char *text = printed(print_table, r);
    assert_null(strstr(text, "Least likely"));
    assert_null(strstr(text, "Chance of making"));
    free(text);
    rs_results_free(r);
    rs_scenario_free(sc);
}

static void print_team(FILE *f, const void *sc)
{
    rs_output_print_team(f, sc);
}

/* check's team: a line a seat under a heading, the hiring plan's apart,
 * names escaped, every line a comment so that what check prints reads
 * back as the scenario. */
static void test_team_print(void **state)
{
    hand_results *h = *state;
    rs_scenario *sc = h->sc;
    char saved[RS_NAME_MAX];
    snprintf(saved, sizeof saved, "%s", sc->team.seats[2].name);
    snprintf(sc->team.seats[2].name, sizeof sc->team.seats[2].name, "Ana\n[run]");
    char *text = printed(print_team, sc);
    snprintf(sc->team.seats[2].name, sizeof sc->team.seats[2].name, "%s", saved);
    for (char *line = text; *line; line = strchr(line, '\n') + 1)
        if (line[0] != '\n' && line[0] != '#')
            fail_msg("not a comment: %.*s", (int)strcspn(line, "\n"), line);
    static const char *const lines[] = {
        "# seat  name          kind           tenure  hired       starts  on          annual quota   skill  coaching\n"
        "#    1  seat-1        new_hire            0  2026-07-06                           360,000   drawn         1\n"
        "#    2  Smith, \"Al\"   rep                30  2025-12-08                           720,000    1.15         1\n"
        "#    3  Ana\\x0a[run]  planned_start                           5  2026-08-10       360,000   drawn         6\n",
        "#\n# The hiring plan (team.hires): 1 new seat.\n",
        "#    4  hire-1        growth                                 13  2026-10-05       360,000   drawn         1\n",
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++)
        if (!strstr(text, lines[k]))
            fail_msg("missing:\n%s\nin:\n%s", lines[k], text);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_narrow_intervals_get_their_digits),
        cmocka_unit_test(test_zero_and_constant_differences),
        cmocka_unit_test(test_signed_figures),
        cmocka_unit_test(test_nonzero_intervals_never_print_as_one_value),
        cmocka_unit_test_setup_teardown(test_reps_csv, setup_hand_results, teardown_hand_results),
        cmocka_unit_test_setup_teardown(test_reps_csv_ramp, setup_hand_results, teardown_hand_results),
        cmocka_unit_test_setup_teardown(test_table_plan_and_seats, setup_hand_results, teardown_hand_results),
        cmocka_unit_test(test_table_without_plan),
        cmocka_unit_test_setup_teardown(test_team_print, setup_hand_results, teardown_hand_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
