/* test_engine.c: results depend only on (seed, replication): the same
 * seed gives the same bits for any thread count, another seed differs, and
 * scenarios share their draws where a draw means the same thing. */
#include "testutil.h"

#include <math.h>
#include <string.h>


static rs_scenario *scenario;

static int setup(void **state)
{
    (void)state;
    /* 300 replications: blocks of 16 do not divide it, which tests the
     * last, short block too */
    scenario = tu_scenario("[run]\nreplications = 300\nseed = 2385\n[deal_help]\nwhen = quarter_end\n"
                           "[coaching]\nfocus = behind\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rs_scenario_free(scenario);
    return 0;
}

/* Every moment and every percentile of two results, bit for bit. */
static bool identical(const rs_results *a, const rs_results *b)
{
    if (a->layout.slots != b->layout.slots)
        return false;
    if (memcmp(a->moments, b->moments, a->layout.slots * sizeof *a->moments) != 0)
        return false;
    static const double ps[] = {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95};
    for (size_t i = 0; i < a->layout.sketched; i++)
        for (int k = 0; k < 7; k++) {
            double x = rs_sketches_quantile(a->sketches, i, ps[k]);
            double y = rs_sketches_quantile(b->sketches, i, ps[k]);
            if (!(x == y || (isnan(x) && isnan(y))))
                return false;
        }
    return true;
}

static void test_same_seed_same_results(void **state)
{
    (void)state;
    rs_results *a = tu_run(scenario, 2), *b = tu_run(scenario, 2);
    assert_true(identical(a, b));
    rs_results_free(a);
    rs_results_free(b);
}

static void test_thread_count_does_not_matter(void **state)
{
    (void)state;
    rs_results *one = tu_run(scenario, 1);
    const int threads[] = {2, 3, 7};
    for (int t = 0; t < 3; t++) {
        rs_results *other = tu_run(scenario, threads[t]);
        if (!identical(one, other))
            fail_msg("%d threads give other results than 1", threads[t]);
        rs_results_free(other);
    }
    assert_int_equal(one->moments[RS_M_WIN_RATE].n, 300);
    rs_results_free(one);
}

/* paired_only: the paired slots bit for bit as a full run has them, every
 * other slot left empty (a tornado reads nothing else) */
static void test_paired_only_accumulates_the_paired_slots(void **state)
{
    (void)state;
    rs_results *all = tu_run(scenario, 2), *paired = NULL;
    rs_engine_options options = {.threads = 2, .paired_only = true};
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_engine_run(scenario, &options, &paired, err), RS_OK);
    size_t n = all->layout.cum_bookings;
    assert_true(n > RS_M_COUNT && n < all->layout.slots);
    assert_memory_equal(all->moments, paired->moments, n * sizeof *all->moments);
    for (size_t i = 0; i < n; i++)
        for (int k = 1; k < 10; k++) {
            double x = rs_sketches_quantile(all->sketches, i, k / 10.0);
            double y = rs_sketches_quantile(paired->sketches, i, k / 10.0);
            assert_true(x == y || (isnan(x) && isnan(y)));
        }
    for (size_t i = n; i < all->layout.slots; i++)
        assert_int_equal(paired->moments[i].n, 0);
    assert_true(all->moments[all->layout.team_active].n > 0);
    rs_results_free(all);
    rs_results_free(paired);
}

/* no_percentiles: every moment bit for bit as a full run has it, the
 * ramp and first-win times' too, and no sketch holds a value */
static void test_no_percentiles_keeps_the_moments(void **state)
{
    (void)state;
    rs_results *all = tu_run(scenario, 2), *means = NULL;
    rs_engine_options options = {.threads = 2, .no_percentiles = true};
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_engine_run(scenario, &options, &means, err), RS_OK);
    assert_memory_equal(all->moments, means->moments, all->layout.slots * sizeof *all->moments);
    assert_true(all->moments[RS_M_RAMP_WEEKS].n > 0);
    for (size_t i = 0; i < all->layout.sketched; i++)
        assert_int_equal(rs_sketches_total(means->sketches, i), 0);
    assert_true(rs_sketches_total(all->sketches, RS_M_RAMP_WEEKS) > 0);
    rs_results_free(all);
    rs_results_free(means);
}

static void test_other_seed_other_results(void **state)
{
    (void)state;
    rs_scenario *other = rs_scenario_clone(scenario);
    tu_set(other, "run.seed=2386", NULL);
    rs_results *a = tu_run(scenario, 2), *b = tu_run(other, 2);
    assert_false(identical(a, b));
    assert_true(a->moments[RS_M_WIN_RATE].mean != b->moments[RS_M_WIN_RATE].mean);
    rs_results_free(a);
    rs_results_free(b);
    rs_scenario_free(other);
}

/* A change that alters no decision (the quota, with the early reviews that
 * compare bookings with it off) leaves every draw, and so every booking,
 * exactly as it was: the draws are keyed by what they mean, not by the
 * order in which they happen. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    rs_scenario *base = tu_scenario("[run]\nreplications = 200\n[attrition]\nreview_exit = 0\n");
    rs_scenario *other = rs_scenario_clone(base);
    tu_set(other, "quota.annual=523000", NULL);
    rs_results *a = tu_run(base, 2), *b = tu_run(other, 2);
    size_t bookings = rs_layout_fy_slot(&a->layout, 1, RS_FY_BOOKINGS);
    assert_true(a->moments[bookings].mean == b->moments[bookings].mean);
    assert_true(a->moments[RS_M_DEALS_WON].mean == b->moments[RS_M_DEALS_WON].mean);
    rs_results_free(a);
    rs_results_free(b);

    rs_scenario_free(other);
    rs_scenario_free(base);
}

/* A scenario compared with itself differs by exactly nothing in every
 * replication; a 1% change in coaching hours, on the same draws, moves
 * first-year attainment by an amount whose 95% interval excludes 0 at
 * 2,000 replications. At 3 hours a month, where the research puts the
 * threshold, an hour is worth several points; at 1 hour its gain and the
 * selling time it costs nearly cancel, so there is nothing to resolve. */
static void test_self_comparison_and_a_small_change(void **state)
{
    (void)state;
    rs_scenario *base = tu_scenario("[run]\nreplications = 2000\n[coaching]\nhours_per_month = 3\n");
    rs_scenario *same = rs_scenario_clone(base), *small = rs_scenario_clone(base);
    tu_set(small, "coaching.hours_per_month=3.03", NULL);
    const rs_scenario *set[3] = {base, same, small};
    rs_results *res[3];
    rs_comparison *cmp;
    rs_engine_options opt = {.threads = 2};
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_engine_compare(set, 3, &opt, res, &cmp, err), RS_OK);
    size_t fy1 = rs_layout_fy_slot(&res[0]->layout, 0, RS_FY_TEAM_ATTAINMENT);
    for (size_t i = 0; i < cmp->slots; i++) {
        const rs_pair_moments *p = rs_comparison_pair(cmp, 1, i);
        if (!(p->b_above == 0 && p->b_below == 0 && p->mean_a == p->mean_b))
            fail_msg("slot %zu differs between a scenario and itself", i);
    }
    const rs_pair_moments *p = rs_comparison_pair(cmp, 2, fy1);
    double difference = p->mean_b - p->mean_a, se = rs_pair_difference_stderr(p);
    print_message("coaching 3 -> 3.03 h: first-year attainment %+.4f points (SE %.4f), %g better, %g worse\n",
                  difference, se, p->b_above, p->b_below);
    assert_true(fabs(difference) > RS_Z95 * se);
    for (int j = 0; j < 3; j++)
        rs_results_free(res[j]);
    rs_comparison_free(cmp);
    rs_scenario_free(base);
    rs_scenario_free(same);
    rs_scenario_free(small);
}

/* Paired replications of two policies share their draws, so their
 * difference varies far less than two independent runs would. */
static void test_pairs_are_correlated(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario("[coaching]\nhours_per_month = 2\n");
    rs_scenario *b = tu_scenario("[coaching]\nhours_per_month = 3\n");
    tu_pair pair;
    tu_pair_init(&pair, a, b);
    rs_moments va = {0}, vb = {0}, diff = {0};
    size_t fy1 = rs_layout_fy_slot(&pair.layout_a, 0, RS_FY_TEAM_ATTAINMENT);
    for (uint32_t r = 0; r < 400; r++) {
        tu_pair_run(&pair, r);
        rs_moments_add(&va, pair.a->values[fy1]);
        rs_moments_add(&vb, pair.b->values[fy1]);
        rs_moments_add(&diff, pair.b->values[fy1] - pair.a->values[fy1]);
    }
    tu_pair_free(&pair);
    double independent = sqrt(rs_moments_variance(&va) + rs_moments_variance(&vb));
    double paired = sqrt(rs_moments_variance(&diff));
    print_message("sd of the difference: paired %.3f, independent %.3f\n", paired, independent);
    assert_true(paired * 3 < independent);
    /* more coaching helps, on average: by many standard errors of the pairs */
    assert_true(diff.mean > 4 * sqrt(rs_moments_variance(&diff) / 400));

    /* The engine's paired statistics are those same pairs, whatever the
     * thread count. */
    tu_set(a, "run.replications=400", NULL);
    tu_set(b, "run.replications=400", NULL);
    const rs_scenario *set[2] = {a, b};
    for (int threads = 1; threads <= 3; threads += 2) {
        rs_results *res[2];
        rs_comparison *cmp;
        char err[RS_ERRMSG_SIZE];
        rs_engine_options opt = {.threads = threads};
        assert_int_equal(rs_engine_compare(set, 2, &opt, res, &cmp, err), RS_OK);
        const rs_pair_moments *p = rs_comparison_pair(cmp, 1, fy1);
        tu_assert_near(p->n, 400, 0);
        tu_assert_near(p->mean_a, va.mean, 1e-9 * va.mean);
        tu_assert_near(p->mean_b, vb.mean, 1e-9 * vb.mean);
        tu_assert_near(rs_pair_difference_stderr(p), sqrt(rs_moments_variance(&diff) / 400), 1e-9);
        tu_assert_near(res[1]->moments[fy1].mean, vb.mean, 1e-9 * vb.mean);
        assert_true(p->b_above > p->b_below);
        rs_results_free(res[0]);
        rs_results_free(res[1]);
        rs_comparison_free(cmp);
    }
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* Common random numbers pay: for coaching 2 against 3 hours a month at
 * 2,000 replications, the 95 % interval of the difference in first-year
 * attainment is at least 3 times narrower paired than from independent
 * seeds. */
static void test_common_random_numbers_narrow_the_interval(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario("[run]\nreplications = 2000\n[coaching]\nhours_per_month = 2\n");
    rs_scenario *b = tu_scenario("[run]\nreplications = 2000\n[coaching]\nhours_per_month = 3\n");
    rs_scenario *b_other_seed = rs_scenario_clone(b);
    tu_set(b_other_seed, "run.seed=977", NULL);
    const rs_scenario *set[2] = {a, b};
    rs_results *res[2];
    rs_comparison *cmp;
    char err[RS_ERRMSG_SIZE];
    rs_engine_options opt = {.threads = 2};
    assert_int_equal(rs_engine_compare(set, 2, &opt, res, &cmp, err), RS_OK);
    size_t fy1 = rs_layout_fy_slot(&res[0]->layout, 0, RS_FY_TEAM_ATTAINMENT);
    double paired = 2 * 1.96 * rs_pair_difference_stderr(rs_comparison_pair(cmp, 1, fy1));
    rs_results *other = tu_run(b_other_seed, 2);
    double se_a = rs_moments_stderr(&res[0]->moments[fy1]), se_b = rs_moments_stderr(&other->moments[fy1]);
    double independent = 2 * 1.96 * sqrt(se_a * se_a + se_b * se_b);
    print_message("95%% interval width of the difference: paired %.3f, independent %.3f (%.1fx)\n", paired,
                  independent, independent / paired);
    assert_true(independent >= 3 * paired);
    rs_results_free(res[0]);
    rs_results_free(res[1]);
    rs_results_free(other);
    rs_comparison_free(cmp);
    rs_scenario_free(a);
    rs_scenario_free(b);
    rs_scenario_free(b_other_seed);
}

static void test_compare_needs_same_run_settings(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario("[run]\nname = a\nreplications = 32\n");
    rs_scenario *b = tu_scenario("[run]\nname = b\nreplications = 32\nhorizon_weeks = 52\n");
    const rs_scenario *set[2] = {a, b};
    rs_results *res[2];
    rs_comparison *cmp;
    char err[RS_ERRMSG_SIZE];
    rs_engine_options opt = {.threads = 2};
    assert_int_equal(rs_engine_compare(set, 2, &opt, res, &cmp, err), RS_ERR_INPUT);
    assert_string_equal(err, "a and b must have the same run.horizon_weeks to be compared");
    assert_null(res[0]);
    assert_null(cmp);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* What the progress callback saw, and when it stops the run. */
typedef struct progress_log {
    long long done[64], total[64];
    int calls, stop_after; /* stop_after 0: never stop */
    volatile sig_atomic_t *stop;
} progress_log;

static void record_progress(void *ctx, long long done, long long total)
{
    progress_log *log = ctx;
    if (log->calls < 64) {
        log->done[log->calls] = done;
        log->total[log->calls] = total;
    }
    log->calls++;
    if (log->stop_after > 0 && log->calls == log->stop_after)
        *log->stop = 1;
}

/* Progress: reported after each batch of blocks of replications, rising,
 * in whole blocks (RS_ENGINE_BLOCK) but for the last, up to the total; a
 * stop flag set from the callback ends the run at the next batch with
 * RS_ERR_INTERRUPTED, no result and no further progress; one set before
 * the start runs nothing. 3,000 one-rep, four-week replications make
 * several batches in well under a second. */
static void test_progress_and_interrupt(void **state)
{
    (void)state;
    rs_scenario *quick = tu_scenario("[run]\nreplications = 3000\nhorizon_weeks = 4\nwarmup_weeks = 0\n"
                                     "[team]\nreps = 1\nnew_hires = 0\n");
    volatile sig_atomic_t stop = 0;
    progress_log log = {.stop = &stop};
    rs_engine_options opt = {.threads = 2, .interrupted = &stop, .progress = record_progress, .progress_ctx = &log};
    rs_results *r = NULL;
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_engine_run(quick, &opt, &r, err), RS_OK);
    assert_non_null(r);
    assert_true(log.calls >= 2 && log.calls <= 64);
    for (int i = 0; i < log.calls; i++) {
        assert_int_equal(log.total[i], 3000);
        assert_true(log.done[i] > (i > 0 ? log.done[i - 1] : 0));
        if (i < log.calls - 1)
            assert_int_equal(log.done[i] % RS_ENGINE_BLOCK, 0);
    }
    assert_int_equal(log.done[log.calls - 1], 3000);
    assert_int_equal((long long)r->moments[RS_M_DEALS_WON].n, 3000);
    rs_results_free(r);
    int batches = log.calls;

    /* stopped from the first report on: nothing more is reported */
    log = (progress_log){.stop = &stop, .stop_after = 1};
    r = (rs_results *)1;
    assert_int_equal(rs_engine_run(quick, &opt, &r, err), RS_ERR_INTERRUPTED);
    assert_null(r);
    assert_int_equal(log.calls, 1);
    assert_true(log.done[0] < 3000 && batches > 1);

    /* stopped before it starts: no replication, no report */
    log = (progress_log){.stop = &stop};
    stop = 1;
    r = (rs_results *)1;
    assert_int_equal(rs_engine_run(scenario, &opt, &r, err), RS_ERR_INTERRUPTED);
    assert_null(r);
    assert_int_equal(log.calls, 0);
    rs_scenario_free(quick);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_results),
        cmocka_unit_test(test_thread_count_does_not_matter),
        cmocka_unit_test(test_paired_only_accumulates_the_paired_slots),
        cmocka_unit_test(test_no_percentiles_keeps_the_moments),
        cmocka_unit_test(test_other_seed_other_results),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_self_comparison_and_a_small_change),
        cmocka_unit_test(test_pairs_are_correlated),
        cmocka_unit_test(test_common_random_numbers_narrow_the_interval),
        cmocka_unit_test(test_compare_needs_same_run_settings),
        cmocka_unit_test(test_progress_and_interrupt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
