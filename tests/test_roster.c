/* test_roster.c: the roster reader: the forms of each column as exports
 * write them, the seats they become, and every error with its message. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roster.h"

static rs_seat_spec seats[RS_MAX_REPS];

/* Run of 104 weeks from Monday 2026-07-06, and the same without a date. */
static rs_roster_frame dated(void)
{
    rs_roster_frame f = {.horizon_weeks = 104, .has_start_date = true};
    assert_true(rs_date_parse("2026-07-06", &f.start_date));
    return f;
}
static const rs_roster_frame undated = {.horizon_weeks = 104};

/* Parses text, which must be accepted; returns the number of seats. */
static int parse_in(const char *text, const rs_roster_frame *frame)
{
    char err[RS_ERRMSG_SIZE] = "";
    int count = -1;
    rs_status st = rs_roster_parse(text, strlen(text), "team.csv", frame, seats, RS_MAX_REPS, &count, err);
    if (st != RS_OK)
        fail_msg("roster refused: %s", err);
    return count;
}

static int parse(const char *text)
{
    rs_roster_frame f = dated();
    return parse_in(text, &f);
}

/* Parses text, which must be refused; returns the message (static). */
static const char *error_max(const char *text, const rs_roster_frame *frame, int max)
{
    static char err[RS_ERRMSG_SIZE];
    int count = -1;
    rs_status st = rs_roster_parse(text, strlen(text), "team.csv", frame, seats, max, &count, err);
    assert_int_equal(st, RS_ERR_INPUT);
    assert_int_equal(count, 0);
    return err;
}

static const char *error_in(const char *text, const rs_roster_frame *frame)
{
    return error_max(text, frame, RS_MAX_REPS);
}

static const char *error(const char *text)
{
    rs_roster_frame f = dated();
    return error_in(text, &f);
}

static void test_columns_and_seats(void **state)
{
    (void)state;
    /* any order, any case, blanks around headers and cells; columns it
     * does not know are ignored; unset numbers are NAN */
    assert_int_equal(parse("Region, Skill ,NAME,tenure , Quota,coaching_hours_per_month\n"
                           "west,1.25, Ann Lee ,14 months,$1.2M,3.5h\n"
                           "east,,Bob,60,,\n"),
                     2);
    assert_string_equal(seats[0].name, "Ann Lee");
    assert_int_equal(seats[0].kind, RS_SEAT_TENURE);
    assert_int_equal(seats[0].tenure_weeks, 61);
    assert_int_equal(seats[0].line, 2);
    tu_assert_near(seats[0].skill, 1.25, 0);
    tu_assert_near(seats[0].quota_annual, 1.2e6, 0);
    tu_assert_near(seats[0].coaching_hours_per_month, 3.5, 0);
    assert_string_equal(seats[1].name, "Bob");
    assert_int_equal(seats[1].tenure_weeks, 60);
    assert_int_equal(seats[1].line, 3);
    assert_true(isnan(seats[1].skill) && isnan(seats[1].quota_annual) && isnan(seats[1].coaching_hours_per_month));
    /* fewer fields than the header: the missing ones are blank */
    assert_int_equal(parse("name,tenure,skill,quota\nCy,12\n"), 1);
    assert_int_equal(seats[0].tenure_weeks, 12);
    assert_true(isnan(seats[0].skill) && isnan(seats[0].quota_annual));
}

/* What Excel writes where the decimal mark is a comma: a byte order mark,
 * CRLF, semicolons, and quotes where a value holds one. */
static void test_spreadsheet_exports(void **state)
{
    (void)state;
    assert_int_equal(parse("\xef\xbb\xbfname;tenure;quota\r\n\"Lee, Ann\";14 months;\"850,000\"\r\n"
                           "\"Bob \"\"B\"\" Ray\";60 weeks;\r\n;;\r\n\r\n"),
                     2);
    assert_string_equal(seats[0].name, "Lee, Ann");
    tu_assert_near(seats[0].quota_annual, 850000, 0);
    assert_string_equal(seats[1].name, "Bob \"B\" Ray");
    assert_int_equal(seats[1].line, 3);
    /* a note spanning lines moves the next rows' lines down; blank rows and
     * ",," rows are skipped but counted */
    assert_int_equal(parse("name,notes,tenure\nAnn,\"two\nlines\",10\n\n,,\nBob,,20\r\n"), 2);
    assert_int_equal(seats[0].line, 2);
    assert_int_equal(seats[1].line, 6);
    assert_int_equal(seats[1].tenure_weeks, 20);
    /* leading blank lines before the header */
    assert_int_equal(parse("\n\nname,tenure\nAnn,0\n"), 1);
    assert_int_equal(seats[0].line, 4);
}

static void test_tenure_forms(void **state)
{
    (void)state;
    /* months at 52/12 weeks each, rounded to the nearest week: 14 months is
     * 60.67 weeks, 61; 14.5 is 62.83, 63; 1 is 4.33, 4 */
    struct { const char *text; int weeks; } forms[] = {
        {"14 months", 61}, {"14 month", 61}, {"14.5 months", 63}, {"1 MONTH", 4}, {"14months", 61},
        {"60 weeks", 60},  {"60 week", 60},  {"60", 60},          {"60.4", 60},   {"0", 0},
        {"0 months", 0},   {"2600", 2600},   {"600 months", 2600}, {"1e3", 1000}, {"2.5", 3},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "name,tenure\nAnn,%s\n", forms[i].text);
        assert_int_equal(parse(text), 1);
        assert_int_equal(seats[0].kind, RS_SEAT_TENURE);
        if (seats[0].tenure_weeks != forms[i].weeks)
            fail_msg("tenure %s: %d weeks, expected %d", forms[i].text, seats[0].tenure_weeks, forms[i].weeks);
    }
    assert_int_equal(parse("name,tenure\nAnn,3 years\nBob,1.5 Year\n"), 2);
    assert_int_equal(seats[0].tenure_weeks, 156);
    assert_int_equal(seats[1].tenure_weeks, 78);
    assert_int_equal(parse("name,tenure\nAnn,open\nBob,OPEN\n"), 2);
    assert_int_equal(seats[0].kind, RS_SEAT_OPEN);
    assert_int_equal(seats[1].kind, RS_SEAT_OPEN);

    const char *bad[] = {"-1", "2601", "2600.6", "601 months", "51 years", "abc", "14 months ago", "weeks", "nan"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128], expected[256];
        snprintf(text, sizeof text, "name,tenure\nAnn,%s\n", bad[i]);
        snprintf(expected, sizeof expected,
                 "team.csv:2:2: tenure: expected weeks (60 or 60 weeks), months (14 months), years (3 years), open, "
                 "or 0, got \"%s\"",
                 bad[i]);
        assert_string_equal(error(text), expected);
    }
    assert_string_equal(error("name,x,tenure\nAnn,,\n"),
                        "team.csv:2:3: tenure: expected the rep's tenure (60 weeks, 14 months, open or 0), or a "
                        "planned start under starts, got an empty cell");
    assert_string_equal(error("name,tenure\nAnn,\"1\t2\"\n"),
                        "team.csv:2:2: tenure: expected weeks (60 or 60 weeks), months (14 months), years (3 years), "
                        "open, or 0, got \"1\\x092\"");
}

static void test_hire_dates(void **state)
{
    (void)state;
    /* the weeks from the hire date to run.start_date (2026-07-06), to the
     * nearest: 3 days is 0 weeks, 4 days 1, 364 days 52 */
    assert_int_equal(parse("name,hired\nA,2026-07-06\nB,2026-07-03\nC,2026-07-02\nD,2025-07-07\nE,open\n"), 5);
    assert_int_equal(seats[0].tenure_weeks, 0);
    assert_int_equal(seats[1].tenure_weeks, 0);
    assert_int_equal(seats[2].tenure_weeks, 1);
    assert_int_equal(seats[3].tenure_weeks, 52);
    assert_int_equal(seats[3].kind, RS_SEAT_TENURE);
    assert_int_equal(seats[4].kind, RS_SEAT_OPEN);

    assert_string_equal(error("name,hired\nAnn,2026-08-01\n"),
                        "team.csv:2:2: hired: 2026-08-01 is after run.start_date (2026-07-06); a rep who starts "
                        "later is a planned start: give the date under starts");
    assert_string_equal(error("name,hired\nAnn,2026-02-30\n"),
                        "team.csv:2:2: hired: expected a date YYYY-MM-DD (2025-03-17), or open, got \"2026-02-30\"");
    assert_string_equal(error("name,hired\nAnn,1926-07-05\n"),
                        "team.csv:2:2: hired: 1926-07-05 is 5218 weeks before run.start_date (2026-07-06); "
                        "expected at most 2600");
    assert_string_equal(error("name,hired\nAnn,\n"),
                        "team.csv:2:2: hired: expected the rep's hire date (2025-03-17) or open, or a planned start "
                        "under starts, got an empty cell");
    assert_string_equal(error_in("name,hired\nAnn,2025-01-01\n", &undated),
                        "team.csv:2:2: hired: a hire date needs run.start_date, the date of week 0, in the scenario; "
                        "or give tenure in weeks or months");
    /* open needs no date */
    assert_int_equal(parse_in("name,hired\nAnn,Open\n", &undated), 1);
    assert_int_equal(seats[0].kind, RS_SEAT_OPEN);
}

static void test_planned_starts(void **state)
{
    (void)state;
    /* a week, or a date in the week it falls in: 2026-09-01 is 57 days
     * after 2026-07-06, in week 8 */
    assert_int_equal(parse("name,tenure,starts\nA,,12\nB,,2026-09-01\nC,,0\nD,,103\nE,3,\n"), 5);
    assert_int_equal(seats[0].kind, RS_SEAT_STARTS);
    assert_int_equal(seats[0].start_week, 12);
    assert_int_equal(seats[1].kind, RS_SEAT_STARTS);
    assert_int_equal(seats[1].start_week, 8);
    assert_int_equal(seats[2].start_week, 0);
    assert_int_equal(seats[3].start_week, 103);
    assert_int_equal(seats[4].kind, RS_SEAT_TENURE);
    /* 2028-07-02 is the last day of week 103, the run's last */
    assert_int_equal(parse("name,hired,starts\nA,,2026-07-13\nB,,2028-07-02\n"), 2);
    assert_int_equal(seats[0].kind, RS_SEAT_STARTS);
    assert_int_equal(seats[0].start_week, 1);
    assert_int_equal(seats[1].start_week, 103);
    assert_int_equal(parse_in("name,tenure,starts\nA,,7\n", &undated), 1);
    assert_int_equal(seats[0].start_week, 7);

    assert_string_equal(error("name,tenure,starts\nA,,200\n"),
                        "team.csv:2:3: starts: week 200 is outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,104\n"),
                        "team.csv:2:3: starts: week 104 is outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,-1\n"),
                        "team.csv:2:3: starts: week -1 is outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,2028-09-01\n"),
                        "team.csv:2:3: starts: 2028-09-01 is in week 112, outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,2028-07-03\n"),
                        "team.csv:2:3: starts: 2028-07-03 is in week 104, outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,2026-07-05\n"),
                        "team.csv:2:3: starts: 2026-07-05 is in week -1, outside the run (weeks 0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,,soon\n"),
                        "team.csv:2:3: starts: expected a week of the run (0 to 103) or a date YYYY-MM-DD, got "
                        "\"soon\"");
    assert_string_equal(error_in("name,tenure,starts\nA,,12.5\n", &undated),
                        "team.csv:2:3: starts: expected a week of the run (0 to 103), got \"12.5\"");
    assert_string_equal(error_in("name,tenure,starts\nA,,2026-09-01\n", &undated),
                        "team.csv:2:3: starts: a start date needs run.start_date, the date of week 0, in the "
                        "scenario; or give the week of the run (0 to 103)");
    assert_string_equal(error("name,tenure,starts\nA,14 months,12\n"),
                        "team.csv:2:3: starts: a planned start has no tenure yet: leave tenure empty (or starts, "
                        "for a rep on the team already), got tenure \"14 months\" and starts \"12\"");
    assert_string_equal(error("name,hired,starts\nA,open,12\n"),
                        "team.csv:2:3: starts: a planned start has no tenure yet: leave hired empty (or starts, for "
                        "a rep on the team already), got hired \"open\" and starts \"12\"");
}

static void test_optional_numbers(void **state)
{
    (void)state;
    assert_int_equal(parse("name,tenure,skill,quota,coaching_hours_per_month\n"
                           "A,1,0.385,\"$1,250,000\",0\nB,1,10,900k,100\nC,1,1e-3,2bn,4 h\n"),
                     3);
    tu_assert_near(seats[0].skill, 0.385, 0);
    tu_assert_near(seats[0].quota_annual, 1250000, 0);
    tu_assert_near(seats[0].coaching_hours_per_month, 0, 0);
    tu_assert_near(seats[1].skill, 10, 0);
    tu_assert_near(seats[1].quota_annual, 900000, 0);
    tu_assert_near(seats[1].coaching_hours_per_month, 100, 0);
    tu_assert_near(seats[2].skill, 1e-3, 0);
    tu_assert_near(seats[2].quota_annual, 2e9, 0);
    tu_assert_near(seats[2].coaching_hours_per_month, 4, 0);

    const char *skill = "team.csv:2:3: skill: expected a multiplier above 0 and at most 10 (1 is a typical rep), "
                        "or nothing, got \"%s\"";
    const char *quota = "team.csv:2:3: quota: expected an annual amount above 0 and at most 1e13 (850000, $1.2M, "
                        "900k), or nothing, got \"%s\"";
    const char *hours = "team.csv:2:3: coaching_hours_per_month: expected hours a month from 0 to 100 (4 or 4h), "
                        "or nothing, got \"%s\"";
    struct { const char *column, *value, *message; } bad[] = {
        {"skill", "0", skill},   {"skill", "10.5", skill},  {"skill", "-1", skill},   {"skill", "high", skill},
        {"quota", "0", quota},   {"quota", "-5k", quota},   {"quota", "2e13", quota}, {"quota", "418.000", quota},
        {"coaching_hours_per_month", "101", hours},         {"coaching_hours_per_month", "-0.5", hours},
        {"coaching_hours_per_month", "lots", hours},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256], expected[512];
        snprintf(text, sizeof text, "name,tenure,%s\nAnn,4,%s\n", bad[i].column, bad[i].value);
        snprintf(expected, sizeof expected, bad[i].message, bad[i].value);
        assert_string_equal(error(text), expected);
    }
}

static void test_header_errors(void **state)
{
    (void)state;
    assert_string_equal(error("nmae,tenure\nAnn,1\n"), "team.csv:1:1: unknown column \"nmae\"; did you mean name?");
    assert_string_equal(error("name,tenure, Quta \nAnn,1,5\n"),
                        "team.csv:1:3: unknown column \"Quta\"; did you mean quota?");
    assert_string_equal(error("name,tenure,start\nAnn,1,5\n"),
                        "team.csv:1:3: unknown column \"start\"; did you mean starts?");
    assert_string_equal(error("name,tenure,coaching_hour_per_month\nAnn,1,5\n"),
                        "team.csv:1:3: unknown column \"coaching_hour_per_month\"; did you mean "
                        "coaching_hours_per_month?");
    /* columns far from every known one, or short ones two edits from
     * "name", are an export's own: ignored */
    assert_int_equal(parse("date,id,email,name,tenure,team,,rate\n2026,7,a@b,Ann,1,x,y,z\n"), 1);
    assert_string_equal(error("name,tenure,NAME\nAnn,1,Bob\n"),
                        "team.csv:1:3: a second name column (the first is column 1): keep one");
    assert_string_equal(error("tenure\n1\n"),
                        "team.csv:1: the header row has no name column: a roster needs name, and tenure or hired");
    assert_string_equal(error("\n\nname,skill\nAnn,1\n"), "team.csv:3: the header row has neither a tenure nor a "
                                                          "hired column: a roster needs name, and tenure or hired");
    assert_string_equal(error("name,tenure,hired\nAnn,1,2026-01-01\n"),
                        "team.csv:1:3: both tenure (column 2) and hired (column 3): give each rep's tenure or hire "
                        "date, in one of them");
    assert_string_equal(error("hired;name;tenure\nAnn;1;2026-01-01\n"),
                        "team.csv:1:3: both tenure (column 3) and hired (column 1): give each rep's tenure or hire "
                        "date, in one of them");
}

static void test_row_errors(void **state)
{
    (void)state;
    const char *none = "team.csv: the roster has no reps (a header row, then one row a seat)";
    assert_string_equal(error(""), none);
    assert_string_equal(error("\xef\xbb\xbf"), none);
    assert_string_equal(error("name,tenure\n"), none);
    assert_string_equal(error("name,tenure\r\n\r\n,\r\n"), none);
    assert_string_equal(error("name,tenure\nAnn,1,extra\n"),
                        "team.csv:2: 3 fields under a header of 2: a value with a ',' in it needs quotes around it");
    assert_string_equal(error("name;tenure\nAnn;1\nLee; Bo;2\n"),
                        "team.csv:3: 3 fields under a header of 2: a value with a ';' in it needs quotes around it");
    rs_roster_frame f = dated();
    assert_string_equal(error_max("name,tenure\nA,1\nB,2\nC,3\n", &f, 2),
                        "team.csv:4: more than 2 reps, the most a roster may hold");
    /* the CSV reader's errors come through as they are */
    assert_string_equal(error("name,tenure\nAnn,\"1\n"), "team.csv:2: a quoted field opened here is never closed");
}

static void test_name_errors(void **state)
{
    (void)state;
    assert_string_equal(error("tenure,name\n1, \n"),
                        "team.csv:2:2: name: expected the rep's name, got an empty cell");
    char text[256], expected[512];
    snprintf(text, sizeof text, "name,tenure\n%063d,1\n", 7);
    assert_int_equal(parse(text), 1);
    assert_int_equal(strlen(seats[0].name), 63);
    snprintf(text, sizeof text, "name,tenure\n%064d,1\n", 7);
    snprintf(expected, sizeof expected,
             "team.csv:2:1: name: expected a name of at most 63 bytes, got \"%060d...\"", 0);
    assert_string_equal(error(text), expected);
    assert_string_equal(error("name,tenure\n\"Ann\tLee\",1\n"),
                        "team.csv:2:1: name: expected a name without control or invisible characters, got "
                        "\"Ann\\x09Lee\"");
    assert_string_equal(error("name,tenure\nAnn\xe2\x80\x8bLee,1\n"),
                        "team.csv:2:1: name: expected a name without control or invisible characters, got "
                        "\"Ann\\xe2\\x80\\x8bLee\"");
    /* names are compared without regard to case or the blanks around them */
    assert_string_equal(error("name,tenure\nAnn Lee,1\nBob,2\n ann lee ,3\n"),
                        "team.csv:4:1: name: \"ann lee\" is on line 2 already; give each rep a name of their own");
    assert_int_equal(parse("name,tenure\nJos\xc3\xa9,1\nJose,2\n"), 2);
}

/* The file: read whole, and refused, without waiting, unless it is a
 * regular file of at most 4 MiB. */
static void test_files(void **state)
{
    (void)state;
    rs_roster_frame f = dated();
    char err[RS_ERRMSG_SIZE] = "", dir[RS_PATH_MAX], path[RS_PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s/rampsim-roster-XXXXXX", P_tmpdir);
    int count = -1;
    const char *file = tu_write_ini("name,tenure\nAnn,14 months\n");
    assert_int_equal(rs_roster_read(file, "team.csv", &f, seats, RS_MAX_REPS, &count, err), RS_OK);
    assert_int_equal(count, 1);
    assert_int_equal(seats[0].tenure_weeks, 61);
    unlink(file);

    assert_int_equal(rs_roster_read(file, "team.csv", &f, seats, RS_MAX_REPS, &count, err), RS_ERR_INPUT);
    assert_string_equal(err, "team.csv: cannot read: No such file or directory");
    assert_int_equal(count, 0);

    assert_non_null(mkdtemp(dir));
    assert_int_equal(rs_roster_read(dir, "team", &f, seats, RS_MAX_REPS, &count, err), RS_ERR_INPUT);
    assert_string_equal(err, "team: is a directory, not a roster file");

    snprintf(path, sizeof path, "%s/fifo", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(rs_roster_read(path, "fifo", &f, seats, RS_MAX_REPS, &count, err), RS_ERR_INPUT);
    assert_string_equal(err, "fifo: cannot read: not a regular file (a FIFO, a device or a socket)");
    unlink(path);

    snprintf(path, sizeof path, "%s/big.csv", dir);
    FILE *big = fopen(path, "w");
    assert_non_null(big);
    fputs("name,tenure\n", big);
    assert_int_equal(ftruncate(fileno(big), (4L << 20) + 1), 0);
    fclose(big);
    assert_int_equal(rs_roster_read(path, "big.csv", &f, seats, RS_MAX_REPS, &count, err), RS_ERR_INPUT);
    assert_string_equal(err, "big.csv: cannot read: larger than 4 MiB, more than a roster needs");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_and_seats), cmocka_unit_test(test_spreadsheet_exports),
        cmocka_unit_test(test_tenure_forms),      cmocka_unit_test(test_hire_dates),
        cmocka_unit_test(test_planned_starts),    cmocka_unit_test(test_optional_numbers),
        cmocka_unit_test(test_header_errors),     cmocka_unit_test(test_row_errors),
        cmocka_unit_test(test_name_errors),       cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
