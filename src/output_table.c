/* output_table.c: the console table of a run, the figures a person reads
 * at a glance: the bands of the main metrics, then the chance of making the
 * plan and the reps least likely to reach their quota. */
#include "rampsim/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "team.h"
#include "valueparse.h"

static double pct(const rs_results *r, size_t slot, double p)
{
    return slot < r->layout.sketched ? rs_sketches_quantile(r->sketches, slot, p) : NAN;
}

void rs_format_amount(double x, char *buf, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    size_t n = strlen(digits), o = 0;
    if (x < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* fmt NULL means an amount. */
static void row(FILE *out, const rs_results *r, const char *label, size_t slot, const char *fmt)
{
    fprintf(out, "  %-36s", label);
    if (r->moments[slot].n == 0) {
        fprintf(out, "%10s%10s%10s\n", "n/a", "n/a", "n/a");
        return;
    }
    for (int k = 0; k < RS_BAND_COUNT; k++) {
        char cell[64];
        double x = pct(r, slot, rs_band_percentiles[k]);
        if (fmt)
            snprintf(cell, sizeof cell, fmt, x);
        else
            rs_format_amount(x, cell, sizeof cell);
        if (strlen(cell) > 9) /* keep the columns apart: 3.12e+09% */
            snprintf(cell, sizeof cell, fmt && strstr(fmt, "%%") ? "%.3g%%" : "%.3g", x);
        fprintf(out, "%10s", cell);
    }
    fputc('\n', out);
}

/* A chance in percent as a table shows it: whole percents, but "<1%" and
 * ">99%" rather than a 0 or a 100 that is not certain. */
static void chance(double x, char *buf, size_t size)
{
    if (x > 0 && x < 0.5)
        snprintf(buf, size, "<1%%");
    else if (x >= 99.5 && x < 100)
        snprintf(buf, size, ">99%%");
    else
        snprintf(buf, size, "%.0f%%", x);
}

/* A plan's amount in a label: $3.2M, $850K, $1.25B. */
static void short_amount(double x, char *buf, size_t size)
{
    static const struct { double unit; const char *suffix; } units[] = {{1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (fabs(x) >= units[k].unit) {
            snprintf(buf, size, "$%.3g%s", x / units[k].unit, units[k].suffix);
            return;
        }
    snprintf(buf, size, "$%.0f", x);
}

/* The q-quantile of a fiscal year's shortfall among the replications that
 * missed the plan: every one that made it has a shortfall of 0, the
 * smallest values, so it is the quantile of rank made + ceil(q missed). */
static double shortfall_when_missed(const rs_results *r, int fy, double q)
{
    size_t slot = rs_layout_plan_slot(&r->layout, fy, RS_PLAN_SHORTFALL);
    const rs_moments *m = &r->moments[rs_layout_plan_slot(&r->layout, fy, RS_PLAN_MADE)];
    double n = (double)rs_sketches_total(r->sketches, slot);
    double made = round(m->mean / 100.0 * m->n), missed = n - made;
    if (!(missed >= 1))
        return NAN;
    double rank = made + ceil(q * missed);
    return rs_sketches_quantile(r->sketches, slot, (rank - 0.5) / n); /* ceil((rank - 0.5)) = rank */
}

/* Per fiscal year of the plan, the chance of making it and what is missing
 * when it is not, the figures under the table's median column. */
static void print_plan(FILE *out, const rs_results *r)
{
    const rs_scenario *sc = r->scenario;
    for (int k = 0; k < r->layout.plan_years; k++) {
        char amount[32], label[96], cell[16], median[48], high[48];
        short_amount(sc->plan.bookings[k < sc->plan.years ? k : sc->plan.years - 1], amount, sizeof amount);
        snprintf(label, sizeof label, "Chance of making the plan (FY%d %s)", k + 1, amount);
        chance(r->moments[rs_layout_plan_slot(&r->layout, k, RS_PLAN_MADE)].mean, cell, sizeof cell);
        fprintf(out, "%s  %-46s%10s\n", k == 0 ? "\n" : "", label, cell);
        double m = shortfall_when_missed(r, k, RS_MEDIAN), p90 = shortfall_when_missed(r, k, RS_BAND_HIGH);
        if (isnan(m)) {
            fprintf(out, "  %-44s%12s\n", "Shortfall when missed", "never missed"); /* ends under the median */
            continue;
        }
        rs_format_amount(m, median, sizeof median);
        rs_format_amount(p90, high, sizeof high);
        fprintf(out, "  %-46s%10s (%s)\n", "Shortfall when missed, median (P90)", median, high);
    }
}

/* The seats with the lowest chance of reaching their quota in the first
 * fiscal year, first seats first among equals. */
#define LEAST_LIKELY 3

static void print_least_likely(FILE *out, const rs_results *r)
{
    const rs_layout *l = &r->layout;
    int chosen[LEAST_LIKELY], n = 0;
    if (l->fiscal_years == 0)
        return;
    for (int i = 0; i < l->seats; i++) {
        const rs_moments *m = &r->moments[rs_layout_seat_fy_slot(l, l->seat_at_quota, i, 0)];
        if (m->n == 0)
            continue;
        /* insertion into the list of the lowest, kept in order */
        int at = n;
        while (at > 0 && r->moments[rs_layout_seat_fy_slot(l, l->seat_at_quota, chosen[at - 1], 0)].mean > m->mean)
            at--;
        if (at >= LEAST_LIKELY)
            continue;
        n += n < LEAST_LIKELY;
        memmove(&chosen[at + 1], &chosen[at], (size_t)(n - 1 - at) * sizeof chosen[0]);
        chosen[at] = i;
    }
    if (n == 0)
        return;
    fprintf(out, "%s  Least likely to reach quota (FY1):", l->plan_years > 0 ? "" : "\n");
    for (int k = 0; k < n; k++) {
        char name[RS_NAME_MAX + 16], shown[4 * RS_NAME_MAX + 64], cell[16];
        rs_escape(rs_team_seat_name(r->scenario, chosen[k], name, sizeof name), false, shown, sizeof shown);
        chance(r->moments[rs_layout_seat_fy_slot(l, l->seat_at_quota, chosen[k], 0)].mean, cell, sizeof cell);
        fprintf(out, "%s %s %s", k > 0 ? "," : "", shown, cell);
    }
    fputc('\n', out);
}

void rs_output_print_table(FILE *out, const rs_results *r)
{
    const rs_layout *l = &r->layout;
    const rs_scenario *sc = r->scenario;
    fprintf(out, "%s: %lld replications of %d weeks, seed %llu\n\n", sc->run.name, r->replications, l->horizon,
            (unsigned long long)sc->run.seed);
    fprintf(out, "  %-36s%10s%10s%10s\n", "", "P10", "median", "P90");
    for (int k = 0; k < l->fiscal_years && k < 2; k++) {
        char label[64];
        snprintf(label, sizeof label, "Team attainment, fiscal year %d", k + 1);
        row(out, r, label, rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT), "%.1f%%");
    }
    for (int k = 0; k < l->fiscal_years && k < 2; k++) {
        char label[64];
        snprintf(label, sizeof label, "Reps at quota, fiscal year %d", k + 1);
        row(out, r, label, rs_layout_fy_slot(l, k, RS_FY_REPS_AT_QUOTA), "%.0f%%");
    }
    if (l->fiscal_years == 0)
        fprintf(out, "  (the horizon ends before the first fiscal year does: see quarters.csv)\n");
    row(out, r, "Ramp time of new hires (weeks)", RS_M_RAMP_WEEKS, "%.1f");
    row(out, r, "New hires gone within a year", RS_M_FIRST_YEAR_EXITS, "%.0f%%");
    row(out, r, "Win rate", RS_M_WIN_RATE, "%.1f%%");
    row(out, r, "Won-deal cycle (weeks)", RS_M_WON_CYCLE_WEEKS, "%.1f");
    row(out, r, "Won-deal size", RS_M_WON_DEAL_SIZE, NULL);
    row(out, r, "Pipeline-to-quota at quarter start", RS_M_PIPELINE_TO_QUOTA, "%.2f");
    char label[64];
    snprintf(label, sizeof label, "Manager hours a week (budget %.0f)",
             sc->manager.hours_per_week * sc->manager.team_share);
    row(out, r, label, RS_M_MANAGER_HOURS, "%.1f");
    print_plan(out, r);
    print_least_likely(out, r);
    rs_output_print_uncertainty(out, r);
    if (sc->quota.annual == 0)
        fprintf(out, "\n  quota.annual is 0: attainment and pipeline-to-quota are undefined (n/a here,\n"
                     "  empty in the CSV files); bookings are in summary.csv and quarters.csv.\n");
}
