/* compare.c: tables and files of a paired comparison of scenarios. */
#include "rampsim/compare.h"

#include <math.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"
#include "rampsim/output.h"

/* Scenario j against the first: the mean of the paired differences with
 * its interval (rs_pair_difference_interval), and the share of
 * replications in which j did better (NAN for a metric that has no better
 * direction, or no pairs). */
typedef struct versus {
    double difference, low, high, better_share, worse_share;
    /* with uncertain inputs: the shares of the draws of the inputs in
     * which j's mean did better (worse) than the first's, and the draws */
    double inputs_better, inputs_worse, draws;
} versus;

/* With uncertain inputs: the shares of the draws of the inputs whose mean
 * difference is better (worse). */
static void over_inputs(const rs_nested *nested, int better, versus *v)
{
    rs_nested_summary s = rs_nested_summarise(nested);
    v->draws = s.groups;
    if (better != 0 && s.groups > 0) {
        double above = 100.0 * s.above / s.groups, below = 100.0 * s.below / s.groups;
        v->inputs_better = better > 0 ? above : below;
        v->inputs_worse = better > 0 ? below : above;
    }
}

static versus against_first(const rs_compare_set *set, int j, const rs_reported_metric *row)
{
    versus v = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0};
    if (j == 0 || !row->paired)
        return v;
    const rs_pair_moments *p = rs_comparison_pair(set->comparison, j, row->slot);
    if (p->n < 2)
        return v;
    v.difference = rs_comparison_difference(set->comparison, j, row->slot, &v.low, &v.high);
    if (row->info->better != 0) {
        double above = 100.0 * p->b_above / p->n, below = 100.0 * p->b_below / p->n;
        v.better_share = row->info->better > 0 ? above : below;
        v.worse_share = row->info->better > 0 ? below : above;
    }
    const rs_nested *nested = rs_comparison_nested(set->comparison, j, row->slot);
    if (nested)
        over_inputs(nested, row->info->better, &v);
    return v;
}

/* The return on the manager's hours of scenario j against the first: its
 * extra hours and bookings over the horizon, the bookings each extra hour
 * brings, and the net return (gross profit on the extra bookings less the
 * price of the extra hours), from the paired replications. */
typedef struct manager_return {
    double hours, extra_hours, extra_bookings, bookings_low, bookings_high, per_hour, net, net_low, net_high;
} manager_return;

static manager_return return_against_first(const rs_compare_set *set, int j)
{
    manager_return r;
    const rs_results *res = set->results[j];
    r.hours = res->moments[RS_M_MANAGER_HOURS_TOTAL].mean;
    r.extra_hours = r.extra_bookings = r.bookings_low = r.bookings_high = r.per_hour = NAN;
    r.net = r.net_low = r.net_high = NAN;
    if (j == 0)
        return r;
    const rs_pair_moments *h = rs_comparison_pair(set->comparison, j, RS_M_MANAGER_HOURS_TOTAL);
    const rs_pair_moments *b = rs_comparison_pair(set->comparison, j, RS_M_BOOKINGS_TOTAL);
    const rs_pair_moments *v = rs_comparison_pair(set->comparison, j, RS_M_NET_VALUE);
    if (h->n < 2)
        return r;
    double low, high;
    r.extra_hours = rs_pair_difference_interval(h, &low, &high);
    r.extra_bookings = rs_pair_difference_interval(b, &r.bookings_low, &r.bookings_high);
    r.per_hour = fabs(r.extra_hours) > 1e-9 ? r.extra_bookings / r.extra_hours : NAN;
    r.net = rs_pair_difference_interval(v, &r.net_low, &r.net_high);
    return r;
}

/* ---- the table ---------------------------------------------------------- */

/* The metrics of the table, with the decimals of their medians (a mean
 * difference takes more when its interval needs them). */
static const struct {
    const char *name, *label;
    int decimals;
} table_rows[] = {
    {"team_attainment_fy1", "Team attainment, fiscal year 1 (%)", 1},
    {"team_attainment_fy2", "Team attainment, fiscal year 2 (%)", 1},
    {"plan_made_fy1", "Plan made, fiscal year 1 (% chance)", 0},
    {"plan_made_fy2", "Plan made, fiscal year 2 (% chance)", 0},
    {"reps_at_quota_share_fy1", "Reps at quota, fiscal year 1 (%)", 0},
    {"win_rate", "Win rate (%)", 1},
    {"won_cycle_weeks", "Won-deal cycle (weeks)", 2},
    {"won_deal_size", "Won-deal size", 0},
    {"pipeline_to_quota", "Pipeline-to-quota at quarter start", 2},
    {"ramp_weeks", "Ramp time of new hires (weeks)", 1},
    {"manager_hours_per_week", "Manager hours a week", 1},
    {"coaching_shortfall_per_week", "Coaching not delivered (hours a week)", 2},
};

/* A chance in percent (the mean of a slot that is 0 or 100) with its 95 %
 * interval, normal, kept within 0 to 100. */
static void chance_of(const rs_results *r, size_t slot, double *mean, double *low, double *high)
{
    const rs_moments *m = &r->moments[slot];
    *mean = *low = *high = NAN;
    if (m->n == 0)
        return;
    double se = rs_moments_stderr(m);
    *mean = m->mean;
    *low = fmax(0.0, m->mean - RS_Z95 * se);
    *high = fmin(100.0, m->mean + RS_Z95 * se);
}

/* With uncertain inputs: for the tracked metric, how often each scenario
 * beats the first over the draws of the inputs; and precision control's
 * outcome. */
static void print_over_inputs(FILE *out, const rs_compare_set *set, const rs_reported_metric *rows, size_t n)
{
    const rs_results *first = set->results[0];
    const rs_reported_metric *row = NULL;
    for (size_t i = 0; i < n && !row; i++)
        if (rows[i].slot == first->tracked_slot)
            row = &rows[i];
    if (!row)
        return;
    if (set->comparison->nested) {
        fprintf(out, "\nOver the uncertain inputs (%s, mean of each draw of the inputs against %s's):\n", row->name,
                set->labels[0]);
        for (int j = 1; j < set->k; j++) {
            versus v = against_first(set, j, row);
            if (v.draws < 2)
                fprintf(out, "  one draw of the inputs only: run at least %d replications to tell\n",
                        2 * first->scenario->run.replications_per_draw);
            else if (!isnan(v.inputs_better))
                fprintf(out, "  %s beats %s in %.0f%% of the %.0f worlds the inputs allow (worse in %.0f%%)%s\n",
                        set->labels[j], set->labels[0], v.inputs_better, v.draws, v.inputs_worse,
                        v.draws < RS_PRECISION_MIN_DRAWS ? ": too few worlds for a steady figure" : "");
        }
    }
    if (first->precision_target > 0 && isinf(first->half_width))
        fprintf(out, "\nPrecision not reached: %s has too few paired values in the %lld replications run to make its "
                     "differences precise\n", row->name, first->replications);
    else if (first->precision_target > 0)
        fprintf(out, "\nPrecision %s: the differences in %s are known to +-%.2g (95%%) after %lld replications%s\n",
                first->precision_met ? "reached" : "not reached", row->name, first->half_width, first->replications,
                first->precision_met ? "" : ", the most allowed (--max-replications)");
}

void rs_compare_print(FILE *out, const rs_compare_set *set)
{
    const rs_results *first = set->results[0];
    rs_reported_metric rows[256];
    size_t n = rs_layout_reported_metrics(&first->layout, rows, 256);
    fprintf(out, "compare: %lld replications of %d weeks, seed %llu, common random numbers\n",
            first->replications, first->layout.horizon, (unsigned long long)first->scenario->run.seed);
    fprintf(out, "mean differences are against %s, paired by replication; \"better / worse\" are\n"
                 "the shares of replications in which the scenario did better or worse than %s\n",
            set->labels[0], set->labels[0]);
    for (size_t t = 0; t < sizeof table_rows / sizeof table_rows[0]; t++) {
        const rs_reported_metric *row = NULL;
        for (size_t i = 0; i < n && !row; i++)
            if (strcmp(rows[i].name, table_rows[t].name) == 0)
                row = &rows[i];
        if (!row)
            continue;
        /* a chance (0 or 100 in each replication) is told by its mean */
        bool chance = row->info->chance;
        if (chance && !set->results[0]->layout.plan_years)
            continue;
        fprintf(out, "\n%-38s %-24s %-36s %s\n", table_rows[t].label, chance ? "chance (95% interval)" : "median (95% interval)",
                "mean difference (95% interval)", "better / worse");
        for (int j = 0; j < set->k; j++) {
            const rs_results *r = set->results[j];
            double med, lo, hi;
            if (chance)
                chance_of(r, row->slot, &med, &lo, &hi);
            else
                rs_results_median(r, row->slot, &med, &lo, &hi);
            int dec = table_rows[t].decimals;
            char cell[112] = "n/a", diff[112], share[32] = "";
            if (!isnan(med))
                snprintf(cell, sizeof cell, "%.*f (%.*f to %.*f)", dec, med, dec, lo, dec, hi);
            versus v = against_first(set, j, row);
            rs_format_difference(diff, sizeof diff, v.difference, v.low, v.high, dec);
            if (!isnan(v.better_share))
                snprintf(share, sizeof share, "%.0f%% / %.0f%%", v.better_share, v.worse_share);
            fprintf(out, "  %-36s %-24s %-36s %s\n", set->labels[j], cell, diff, share);
        }
    }
    print_over_inputs(out, set, rows, n);
    const rs_scenario *sc = first->scenario;
    fprintf(out, "\nReturn on the manager's hours over the %d weeks, against %s, means over the replications\n"
                 "(net return = %.0f%% gross margin on the extra bookings - %.0f an hour for the extra hours)\n",
            first->layout.horizon, set->labels[0], sc->pipeline.gross_margin * 100, sc->manager.hourly_cost);
    fprintf(out, "  %-36s %10s %12s %16s %16s  %s\n", "", "hours", "extra hours", "extra bookings", "per extra hour",
            "net return (95% interval)");
    for (int j = 0; j < set->k; j++) {
        manager_return r = return_against_first(set, j);
        if (j == 0) {
            fprintf(out, "  %-36s %10.0f\n", set->labels[j], r.hours);
            continue;
        }
        char per[32] = "n/a", hours[48], bookings[48], net[112];
        if (!isnan(r.per_hour))
            snprintf(per, sizeof per, "%.0f", r.per_hour);
        rs_format_signed(hours, sizeof hours, r.extra_hours, 0);
        rs_format_signed(bookings, sizeof bookings, r.extra_bookings, 0);
        rs_format_difference(net, sizeof net, r.net, r.net_low, r.net_high, 0);
        fprintf(out, "  %-36s %10.0f %12s %16s %16s  %s\n", set->labels[j], r.hours, hours, bookings, per, net);
    }
}

/* ---- files ---------------------------------------------------------------- */

/* The spread of a distribution the comparison files give: P5, P25, the
 * median, P75 and P95 (compare.csv gives the median apart, with its
 * interval). */
#define SPREAD_COUNT 5
#define SPREAD_MEDIAN 2
static const double spread[SPREAD_COUNT] = {0.05, 0.25, 0.50, 0.75, 0.95};
static const char *const spread_columns[SPREAD_COUNT] = {"p5", "p25", "p50", "p75", "p95"};

static rs_status write_metrics(FILE *f, const void *ctx)
{
    const rs_compare_set *set = ctx;
    rs_reported_metric rows[256];
    size_t n = rs_layout_reported_metrics(&set->results[0]->layout, rows, 256);
    bool inputs = set->comparison->nested != NULL;
    fprintf(f, "metric,unit,scenario,mean,median,median_low,median_high,p5,p25,p75,p95,"
               "difference,difference_low,difference_high,better_share,worse_share%s\n",
            inputs ? ",inputs_better_share,inputs_worse_share" : "");
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < set->k; j++) {
            const rs_results *r = set->results[j];
            const rs_moments *m = &r->moments[rows[i].slot];
            double med, lo, hi;
            rs_results_median(r, rows[i].slot, &med, &lo, &hi);
            fprintf(f, "%s,%s,%s", rows[i].name, rows[i].info->unit, set->labels[j]);
            rs_csv_cell(f, m->n > 0 ? m->mean : NAN);
            rs_csv_cell(f, med);
            rs_csv_cell(f, lo);
            rs_csv_cell(f, hi);
            for (int q = 0; q < SPREAD_COUNT; q++)
                if (q != SPREAD_MEDIAN)
                    rs_csv_cell(f, rs_sketches_quantile(r->sketches, rows[i].slot, spread[q]));
            versus v = against_first(set, j, &rows[i]);
            rs_csv_cell(f, v.difference);
            rs_csv_cell(f, v.low);
            rs_csv_cell(f, v.high);
            rs_csv_cell(f, v.better_share);
            rs_csv_cell(f, v.worse_share);
            if (inputs) {
                rs_csv_cell(f, v.inputs_better);
                rs_csv_cell(f, v.inputs_worse);
            }
            fputc('\n', f);
        }
    }
    return RS_OK;
}

/* The first two fiscal years' attainment percentiles, a row per scenario. */
static rs_status write_attainment(FILE *f, const void *ctx)
{
    const rs_compare_set *set = ctx;
    const rs_layout *l = &set->results[0]->layout;
    int years = l->fiscal_years < 2 ? l->fiscal_years : 2;
    fprintf(f, "scenario");
    for (int y = 0; y < years; y++)
        for (int q = 0; q < SPREAD_COUNT; q++)
            fprintf(f, ",fy%d_%s", y + 1, spread_columns[q]);
    fputc('\n', f);
    for (int j = 0; j < set->k; j++) {
        fprintf(f, "%s", set->labels[j]);
        for (int y = 0; y < years; y++)
            for (int q = 0; q < SPREAD_COUNT; q++)
                rs_csv_cell(f, rs_sketches_quantile(set->results[j]->sketches,
                                                    rs_layout_fy_slot(l, y, RS_FY_TEAM_ATTAINMENT), spread[q]));
        fputc('\n', f);
    }
    return RS_OK;
}

/* Median quarterly attainment, a column per scenario. */
static rs_status write_quarters(FILE *f, const void *ctx)
{
    const rs_compare_set *set = ctx;
    const rs_layout *l = &set->results[0]->layout;
    fprintf(f, "quarter");
    for (int j = 0; j < set->k; j++)
        fprintf(f, ",%s", set->labels[j]);
    fputc('\n', f);
    for (int q = 0; q < l->quarters; q++) {
        fprintf(f, "FY%d Q%d", l->quarter_spans[q].fiscal_year, l->quarter_spans[q].quarter);
        for (int j = 0; j < set->k; j++)
            rs_csv_cell(f, rs_sketches_quantile(set->results[j]->sketches, l->quarter + (size_t)q, 0.5));
        fputc('\n', f);
    }
    return RS_OK;
}

/* The manager's mean hours a week over the horizon, by activity. */
static rs_status write_manager(FILE *f, const void *ctx)
{
    const rs_compare_set *set = ctx;
    fprintf(f, "scenario");
    for (int a = 0; a < RS_ACT_COUNT; a++)
        fprintf(f, ",%s", rs_activity_names[a]);
    fprintf(f, ",budget\n");
    for (int j = 0; j < set->k; j++) {
        const rs_results *r = set->results[j];
        const rs_layout *l = &r->layout;
        fprintf(f, "%s", set->labels[j]);
        for (int a = 0; a < RS_ACT_COUNT; a++) {
            double sum = 0.0;
            for (int w = 0; w < l->horizon; w++)
                sum += r->moments[rs_layout_manager_slot(l, w, (rs_activity)a)].mean;
            rs_csv_cell(f, sum / l->horizon);
        }
        rs_csv_cell(f, r->scenario->manager.hours_per_week * r->scenario->manager.team_share);
        fputc('\n', f);
    }
    return RS_OK;
}

/* The return on the manager's hours against the first scenario. */
static rs_status write_return(FILE *f, const void *ctx)
{
    const rs_compare_set *set = ctx;
    fprintf(f, "scenario,manager_hours,extra_hours,extra_bookings,extra_bookings_low,extra_bookings_high,"
               "bookings_per_extra_hour,net_return,net_return_low,net_return_high\n");
    for (int j = 0; j < set->k; j++) {
        manager_return r = return_against_first(set, j);
        fprintf(f, "%s", set->labels[j]);
        double cells[] = {r.hours, r.extra_hours, r.extra_bookings, r.bookings_low, r.bookings_high,
                          r.per_hour, r.net, r.net_low, r.net_high};
        rs_csv_row_end(f, cells, sizeof cells / sizeof cells[0]);
    }
    return RS_OK;
}

rs_status rs_compare_write(const rs_compare_set *set, const char *dir, char *err)
{
    static const rs_fs_file files[] = {
        {"compare.csv", write_metrics},          {"compare-attainment.csv", write_attainment},
        {"compare-quarters.csv", write_quarters}, {"compare-manager.csv", write_manager},
        {"compare-return.csv", write_return},
    };
    return rs_fs_write_files(dir, files, sizeof files / sizeof files[0], set, err);
}
