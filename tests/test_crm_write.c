/* test_crm_write.c: a history written as a CRM export (crm_write.h): the
 * two files to the byte, and `run --export-crm`'s replications, each
 * written as rs_model_run_history recorded it. */
#include "testutil.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crm_write.h"
#include "dates.h"
#include "fsutil.h"
#include "history.h"
#include "model.h"

/* What write(f, h) puts in a file, as a string to free. */
static char *written(rs_status (*write)(FILE *, const rs_history *), const rs_history *h)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    assert_int_equal(write(f, h), RS_OK);
    fclose(f);
    return text;
}

/* A file's content, as a string to free; NULL when it cannot be read. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, out);
    fclose(f);
    fclose(out);
    return text;
}

static rs_day day(const char *iso)
{
    rs_day d;
    assert_true(rs_date_parse(iso, &d));
    return d;
}

static void add_opportunity(rs_history *h, int owner, const char *created, const char *closed, double amount,
                            rs_opp_outcome outcome)
{
    rs_history_opportunity o = {.owner = owner, .created = day(created),
                                .closed = closed ? day(closed) : RS_DAY_NONE, .amount = amount,
                                .outcome = outcome};
    assert_true(rs_history_add_opportunity(h, &o) >= 0);
}

/* Names a roster may give, quoted where a spreadsheet needs it; dates as
 * ISO, blank where there is none; amounts with two decimals, none when
 * unknown; the three stages. */
static void test_files_to_the_byte(void **state)
{
    (void)state;
    rs_history h;
    rs_history_init(&h);
    assert_int_equal(rs_history_add_rep(&h, "Ana Ruiz", day("2022-01-10"), RS_DAY_NONE), 0);
    assert_int_equal(rs_history_add_rep(&h, "Okafor, Ben", day("2027-01-04"), day("2027-08-02")), 1);
    assert_int_equal(rs_history_add_rep(&h, "Dev \"DP\" Patel", RS_DAY_NONE, RS_DAY_NONE), 2);
    assert_int_equal(rs_history_add_rep(&h, "Two\nLines", day("2027-03-01"), RS_DAY_NONE), 3);
    add_opportunity(&h, 0, "2027-01-04", "2027-03-15", 28123.456, RS_OPP_WON);
    add_opportunity(&h, 1, "2027-02-01", "2027-04-12", 2385, RS_OPP_LOST);
    add_opportunity(&h, 1, "2027-07-05", NULL, 1234567.891, RS_OPP_OPEN);
    add_opportunity(&h, 2, "2027-07-12", "2027-09-06", NAN, RS_OPP_WON);
    add_opportunity(&h, 3, "2027-08-02", NULL, 0.125, RS_OPP_OPEN);

    char *opportunities = written(rs_crm_write_opportunities, &h);
    assert_string_equal(opportunities, "Opportunity Owner,Created Date,Close Date,Amount,Stage\n"
                                       "Ana Ruiz,2027-01-04,2027-03-15,28123.46,Closed Won\n"
                                       "\"Okafor, Ben\",2027-02-01,2027-04-12,2385.00,Closed Lost\n"
                                       "\"Okafor, Ben\",2027-07-05,,1234567.89,Open\n"
                                       "\"Dev \"\"DP\"\" Patel\",2027-07-12,2027-09-06,,Closed Won\n"
                                       "\"Two\nLines\",2027-08-02,,0.12,Open\n");
    char *roster = written(rs_crm_write_roster, &h);
    assert_string_equal(roster, "name,hired,left\n"
                                "Ana Ruiz,2022-01-10,\n"
                                "\"Okafor, Ben\",2027-01-04,2027-08-02\n"
                                "\"Dev \"\"DP\"\" Patel\",,\n"
                                "\"Two\nLines\",2027-03-01,\n");
    free(opportunities);
    free(roster);
    rs_history_free(&h);
}

/* A history with no opportunity still writes both headers. */
static void test_empty_history(void **state)
{
    (void)state;
    rs_history h;
    rs_history_init(&h);
    char *opportunities = written(rs_crm_write_opportunities, &h), *roster = written(rs_crm_write_roster, &h);
    assert_string_equal(opportunities, "Opportunity Owner,Created Date,Close Date,Amount,Stage\n");
    assert_string_equal(roster, "name,hired,left\n");
    free(opportunities);
    free(roster);
}

/* Whether dir/name is a file whose content is `expected`. */
static void assert_file_is(const char *dir, const char *name, const char *expected)
{
    char path[RS_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = slurp(path);
    if (!text)
        fail_msg("%s is missing", path);
    assert_string_equal(text, expected);
    free(text);
}

#define DATED "[run]\nstart_date = 2027-01-04\nseed = 2385\nhorizon_weeks = 60\n[attrition]\nannual = 0.4\n"

/* Each replication of an export is the one the model records: n = 1 in
 * the directory itself, n > 1 each in replication-K, K from 1. */
static void test_export_replications(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario(DATED);
    rs_layout layout;
    assert_int_equal(rs_layout_init(&layout, sc), RS_OK);
    rs_model *m = rs_model_new(sc, &layout, NULL);
    rs_outcome *out = rs_outcome_new(&layout);
    rs_history h;
    rs_history_init(&h);
    char err[RS_ERRMSG_SIZE] = "", one[RS_PATH_MAX], three[RS_PATH_MAX];

    tu_result_dir(one);
    assert_int_equal(rs_crm_export(sc, 1, one, NULL, err), RS_OK);
    assert_int_equal(rs_model_run_history(m, 0, out, &h, sc->run.start_date), RS_OK);
    char *opportunities = written(rs_crm_write_opportunities, &h), *roster = written(rs_crm_write_roster, &h);
    assert_file_is(one, RS_CRM_OPPORTUNITIES, opportunities);
    assert_file_is(one, RS_CRM_ROSTER, roster);

    tu_result_dir(three);
    assert_int_equal(rs_crm_export(sc, 3, three, NULL, err), RS_OK);
    char sub[RS_PATH_MAX + 32];
    snprintf(sub, sizeof sub, "%s/replication-1", three);
    assert_file_is(sub, RS_CRM_OPPORTUNITIES, opportunities); /* replication 0, as above */
    free(opportunities);
    free(roster);
    for (uint32_t r = 1; r < 3; r++) {
        assert_int_equal(rs_model_run_history(m, r, out, &h, sc->run.start_date), RS_OK);
        opportunities = written(rs_crm_write_opportunities, &h);
        roster = written(rs_crm_write_roster, &h);
        snprintf(sub, sizeof sub, "%s/replication-%u", three, r + 1);
        assert_file_is(sub, RS_CRM_OPPORTUNITIES, opportunities);
        assert_file_is(sub, RS_CRM_ROSTER, roster);
        free(opportunities);
        free(roster);
    }
    snprintf(sub, sizeof sub, "%s/replication-4", three);
    struct stat info;
    assert_int_not_equal(stat(sub, &info), 0);
    snprintf(sub, sizeof sub, "%s/%s", three, RS_CRM_OPPORTUNITIES);
    assert_int_not_equal(stat(sub, &info), 0);

    /* a result directory with its replications inside is replaced and
     * removed whole */
    assert_int_equal(rs_fs_check_target(three, err), RS_OK);
    assert_true(rs_fs_remove(three));
    assert_int_not_equal(stat(three, &info), 0);
    assert_true(rs_fs_remove(one));

    rs_history_free(&h);
    rs_outcome_free(out);
    rs_model_free(m);
    rs_layout_free(&layout);
    rs_scenario_free(sc);
}

/* The export's own errors: no start date, a count out of range, a signal
 * before it began: nothing is written. */
static void test_export_refusals(void **state)
{
    (void)state;
    char err[RS_ERRMSG_SIZE] = "", dir[RS_PATH_MAX], path[RS_PATH_MAX + 64];
    struct stat info;
    tu_result_dir(dir);
    rs_scenario *undated = tu_scenario("[run]\nhorizon_weeks = 60\n");
    assert_int_equal(rs_crm_export(undated, 1, dir, NULL, err), RS_ERR_INPUT);
    assert_string_equal(err, "a CRM export needs run.start_date, the date of week 0");
    rs_scenario *sc = tu_scenario(DATED);
    assert_int_equal(rs_crm_export(sc, 1001, dir, NULL, err), RS_ERR_INPUT);
    assert_string_equal(err, "a CRM export takes 1 to 1000 replications, got 1001");
    assert_int_equal(rs_crm_export(sc, 0, dir, NULL, err), RS_ERR_INPUT);
    volatile sig_atomic_t stop = SIGINT;
    assert_int_equal(rs_crm_export(sc, 2, dir, &stop, err), RS_ERR_INTERRUPTED);
    snprintf(path, sizeof path, "%s/%s", dir, RS_CRM_OPPORTUNITIES);
    assert_int_not_equal(stat(path, &info), 0);
    snprintf(path, sizeof path, "%s/replication-1", dir);
    assert_int_not_equal(stat(path, &info), 0);
    assert_true(rs_fs_remove(dir));
    rs_scenario_free(undated);
    rs_scenario_free(sc);
}

/* Paths that would publish one result directory into another. */
static void test_nested_paths(void **state)
{
    (void)state;
    assert_true(rs_fs_nested("out", "out"));
    assert_true(rs_fs_nested("out/", "./out"));
    assert_true(rs_fs_nested("out/crm", "out"));
    assert_true(rs_fs_nested("out", "a/../out/crm//x"));
    assert_false(rs_fs_nested("out", "out2"));
    assert_false(rs_fs_nested("out/crm", "out/res"));
    assert_false(rs_fs_nested("/no-such-root/a", "a"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_to_the_byte),
        cmocka_unit_test(test_empty_history),
        cmocka_unit_test(test_export_replications),
        cmocka_unit_test(test_export_refusals),
        cmocka_unit_test(test_nested_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
