/* test_compare.c: a scenario compared with itself differs by exactly 0,
 * with a zero-width interval; a small change (1.01 coaching hours a month
 * instead of 1) gives intervals of nonzero width wherever a pair differs,
 * and the table prints them so. */
#define _GNU_SOURCE /* open_memstream */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/compare.h"
#include "rampsim/output.h"

/* Where the mean-difference cell of a table row starts: after the label
 * (2 + 36) and the median cell (1 + 24 + 1). */
#define DIFF_COLUMN 64

typedef struct compared {
    rs_scenario *set[2];
    rs_results *results[2];
    rs_comparison *comparison;
    char *table;
} compared;

static compared compare_two(const char *coaching_hours)
{
    compared c;
    c.set[0] = tu_scenario("[run]\nname = base\nreplications = 400\n");
    c.set[1] = rs_scenario_clone(c.set[0]);
    char hours[64], name[64];
    snprintf(hours, sizeof hours, "coaching.hours_per_month=%s", coaching_hours);
    snprintf(name, sizeof name, "run.name=other");
    tu_set(c.set[1], hours, name, NULL);
    char err[RS_ERRMSG_SIZE];
    rs_engine_options opt = {.threads = 2};
    if (rs_engine_compare((const rs_scenario *const *)c.set, 2, &opt, c.results, &c.comparison, err) != RS_OK)
        fail_msg("compare failed: %s", err);
    static const char *const labels[] = {"base", "other"};
    rs_compare_set set = {.k = 2, .results = c.results, .comparison = c.comparison, .labels = labels};
    size_t size;
    FILE *f = open_memstream(&c.table, &size);
    assert_non_null(f);
    rs_compare_print(f, &set);
    fclose(f);
    return c;
}

static void compared_free(compared *c)
{
    for (int j = 0; j < 2; j++) {
        rs_results_free(c->results[j]);
        rs_scenario_free(c->set[j]);
    }
    rs_comparison_free(c->comparison);
    free(c->table);
}

/* The mean-difference cells of the table's rows for "other": calls
 * check(cell) on each, and returns how many there were. */
static int each_difference(const char *table, void (*check)(const char *cell))
{
    int cells = 0;
    const char *line = table;
    while ((line = strstr(line, "\n  other ")) != NULL) {
        line++;
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > DIFF_COLUMN && line[DIFF_COLUMN] != ' ') {
            char cell[128];
            size_t n = len - DIFF_COLUMN < sizeof cell - 1 ? len - DIFF_COLUMN : sizeof cell - 1;
            memcpy(cell, line + DIFF_COLUMN, n);
            cell[n] = '\0';
            check(cell);
            cells++;
        }
    }
    return cells;
}

static void exactly_zero(const char *cell)
{
    if (strncmp(cell, "0 (all replications equal)", 26) != 0)
        fail_msg("a scenario against itself printed \"%s\"", cell);
}

static void test_same_scenario_differs_by_exactly_zero(void **state)
{
    (void)state;
    compared c = compare_two("1");
    for (size_t i = 0; i < c.comparison->slots; i++) {
        const rs_pair_moments *p = rs_comparison_pair(c.comparison, 1, i);
        if (p->n < 2)
            continue;
        double low, high, d = rs_pair_difference_interval(p, &low, &high);
        if (!(d == 0.0 && !signbit(d) && low == 0.0 && high == 0.0))
            fail_msg("slot %zu: %g (%g to %g)", i, d, low, high);
    }
    assert_true(each_difference(c.table, exactly_zero) >= 8);
    assert_false(tu_signed_zero(c.table));
    compared_free(&c);
}

/* A cell "d (low to high)" has two different ends, or says why not. */
static void nonzero_width(const char *cell)
{
    char d[48], low[48], high[48];
    if (strstr(cell, "(all replications equal)") || strstr(cell, "(in every replication)"))
        return;
    if (sscanf(cell, "%47s (%47s to %47[^)])", d, low, high) != 3)
        fail_msg("\"%s\" is not \"difference (low to high)\"", cell);
    if (strcmp(low, high) == 0)
        fail_msg("\"%s\" prints a nonzero interval as one value", cell);
}

static void test_small_change_gives_nonzero_intervals(void **state)
{
    (void)state;
    compared c = compare_two("1.01");
    int differing_slots = 0;
    for (size_t i = 0; i < c.comparison->slots; i++) {
        const rs_pair_moments *p = rs_comparison_pair(c.comparison, 1, i);
        if (p->n < 2)
            continue;
        double low, high;
        rs_pair_difference_interval(p, &low, &high);
        bool differ = p->b_above + p->b_below > 0, constant = p->d_min == p->d_max;
        /* zero width exactly when every pair differs by the same amount */
        if ((high > low) != !constant)
            fail_msg("slot %zu: %.0f of %.0f pairs differ, interval [%g, %g]", i, p->b_above + p->b_below, p->n,
                     low, high);
        differing_slots += differ;
    }
    size_t fy1 = rs_layout_fy_slot(&c.results[0]->layout, 0, RS_FY_TEAM_ATTAINMENT);
    const rs_pair_moments *p = rs_comparison_pair(c.comparison, 1, fy1);
    double low, high;
    rs_pair_difference_interval(p, &low, &high);
    print_message("first-year attainment: %.0f of 400 pairs differ, interval %.4g to %.4g\n",
                  p->b_above + p->b_below, low, high);
    assert_true(p->b_above + p->b_below > 0 && high > low);
    /* the table shows that interval */
    double d = rs_pair_difference_interval(p, &low, &high);
    char expected[128], *row = strstr(c.table, "Team attainment, fiscal year 1");
    rs_format_difference(expected, sizeof expected, d, low, high, 1);
    assert_non_null(row);
    row = strstr(row, "\n  other ");
    assert_non_null(row);
    assert_memory_equal(row + 1 + DIFF_COLUMN, expected, strlen(expected));
    /* where few pairs differ (reps at quota, say) the interval is the
     * count-based one, wider than the normal interval */
    int few = 0;
    for (size_t i = 0; i < c.comparison->slots; i++) {
        const rs_pair_moments *q = rs_comparison_pair(c.comparison, 1, i);
        double differ = q->b_above + q->b_below;
        if (q->n < 2 || differ < 2 || differ >= 50 || differ > q->n / 20 || q->d_min == q->d_max)
            continue;
        rs_pair_difference_interval(q, &low, &high);
        assert_true(high - low > 1.01 * 2 * RS_Z95 * rs_pair_difference_stderr(q));
        few++;
    }
    assert_true(few > 0);
    assert_true(differing_slots > 10);
    assert_true(each_difference(c.table, nonzero_width) >= 8);
    assert_false(tu_signed_zero(c.table));
    assert_non_null(strstr(c.table, "mean difference (95% interval)"));
    compared_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_scenario_differs_by_exactly_zero),
        cmocka_unit_test(test_small_change_gives_nonzero_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
