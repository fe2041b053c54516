/* fit_write.c: what `rampsim fit` writes and prints (docs/fit.md, "What
 * the fit writes"): the fitted scenario, its roster, the fitted values,
 * the report and the charts' data. */
#include "fit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "rampsim/calendar.h"

#include "csv.h"
#include "dates.h"
#include "fsutil.h"

/* How a value of each key reads: a fraction as a percentage. */
static bool is_share(int k)
{
    return k == RS_FIT_WIN_RATE || k == RS_FIT_ATTRITION;
}

static const char *curve_name(int curve)
{
    static const char *const names[] = {"scurve", "exponential", "linear", "table"};
    return curve >= 0 && curve < 4 ? names[curve] : "?";
}

/* A value as the report shows it, in buf. */
static const char *show(int k, double x, char *buf, size_t size)
{
    if (!isfinite(x))
        snprintf(buf, size, "-");
    else if (is_share(k))
        snprintf(buf, size, "%.1f%%", 100.0 * x);
    else if (k == RS_FIT_DEAL_SIZE)
        snprintf(buf, size, "%.0f", x);
    else if (k == RS_FIT_CYCLE || k == RS_FIT_RAMP_WEEKS)
        snprintf(buf, size, "%.2f", x);
    else
        snprintf(buf, size, "%.3f", x);
    return buf;
}

/* A figure as the report shows it (a leave rate a week as a year's). */
static const char *show_figure(int k, double x, char *buf, size_t size)
{
    if (k == RS_FIT_ATTRITION && isfinite(x))
        return show(k, 1.0 - pow(1.0 - x, RS_WEEKS_PER_YEAR), buf, size);
    if (k == RS_FIT_LEADS && isfinite(x)) {
        snprintf(buf, size, "%.4f", x);
        return buf;
    }
    return show(k, x, buf, size);
}

static bool reproduced(double observed, double low, double high)
{
    return isfinite(observed) && observed >= low && observed <= high;
}

/* ---- fitted.ini and its roster ------------------------------------------ */

static rs_status write_fitted_ini(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    char first[16], last[16];
    rs_date_format(r->window.first_day, first, sizeof first);
    rs_date_format(r->window.export_day, last, sizeof last);
    fprintf(f, "# A scenario fitted by `rampsim fit` to a team's history: %ld opportunities\n",
            r->observed.opportunities);
    fprintf(f, "# created %s to %s, simulated with the practices of the scenario it started from\n", first, last);
    fprintf(f, "# (docs/fit.md). Every key below that the fit does not name is that scenario's.\n#\n");
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        char a[32], b[32];
        if (v->fitted)
            fprintf(f, "# %s = %s fitted: standard error %s, from %ld observations%s%s\n", v->key,
                    show(k, v->value, a, sizeof a), show(k, v->se, b, sizeof b), v->observations,
                    v->note[0] ? "; " : "", v->note);
        else
            fprintf(f, "# %s = %s not fitted (%s): kept\n", v->key, show(k, v->value, a, sizeof a), v->note);
    }
    if (r->ramp_fitted)
        fprintf(f, "# ramp.curve = %s: the likeliest of scurve, exponential and linear\n",
                curve_name(r->observed.ramp_curve));
    if (r->team_roster)
        fprintf(f, "# team.roster: the reps on the team at %s, with skills fitted (fitted-roster.csv)\n", last);
    else if (r->history->has_roster)
        fprintf(f, "# team.reps: no rep of the roster is on the team at %s; the owners of its last quarter\n", last);
    fprintf(f, "\n");
    rs_scenario_write(f, r->fitted, false);
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status write_fitted_roster(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    const rs_history *h = r->history;
    fprintf(f, "name,hired,skill\n");
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *rep = &h->reps[i];
        if (!rs_fit_on_team_at_export(rep, r->window.export_day))
            continue;
        char hired[16];
        rs_date_format(rep->hired, hired, sizeof hired);
        rs_csv_text(f, rep->name);
        fprintf(f, ",%s,", hired);
        if (isfinite(r->reps[i].skill))
            fprintf(f, "%.3f", r->reps[i].skill);
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* ---- the values and the report ------------------------------------------ */

static rs_status write_values(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    fprintf(f, "key,fitted,value,standard_error,low,high,start,observations,note\n");
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        fprintf(f, "%s,%s", v->key, v->fitted ? "yes" : "no");
        rs_csv_cell(f, v->value);
        rs_csv_cell(f, v->fitted ? v->se : NAN);
        rs_csv_cell(f, v->low);
        rs_csv_cell(f, v->high);
        rs_csv_cell(f, v->start);
        fprintf(f, ",%ld,", v->observations);
        rs_csv_text(f, v->note);
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static void report_row(FILE *f, const char *figure, double observed, double simulated, double low, double high,
                       bool aimed)
{
    rs_csv_text(f, figure);
    rs_csv_cell(f, observed);
    rs_csv_cell(f, simulated);
    rs_csv_cell(f, low);
    rs_csv_cell(f, high);
    fprintf(f, ",%s,%s\n", reproduced(observed, low, high) ? "yes" : "no", aimed ? "yes" : "no");
}

static rs_status write_report(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    fprintf(f, "figure,observed,simulated,low,high,reproduced,fitted_to\n");
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        if (isfinite(v->observed))
            report_row(f, v->figure, v->observed, v->simulated, v->sim_low, v->sim_high, v->fitted);
    }
    for (int c = 0; c < RS_FIT_CHECKS; c++) {
        const rs_fit_check *ch = &r->checks[c];
        if (isfinite(ch->observed))
            report_row(f, ch->figure, ch->observed, ch->simulated, ch->sim_low, ch->sim_high, false);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* ---- the charts' data --------------------------------------------------- */

static double per_history(const rs_fit_result *r, double pooled)
{
    return pooled / r->replications;
}

static rs_status write_deal_sizes(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    fprintf(f, "bin_low,bin_high,observed,fitted\n");
    for (int b = 0; b < RS_FIT_SIZE_BINS; b++) {
        rs_csv_number(f, r->window.size_edges[b], RS_CSV_FIGURE);
        rs_csv_cell(f, r->window.size_edges[b + 1]);
        rs_csv_cell(f, r->observed.size_counts[b]);
        rs_csv_cell(f, per_history(r, r->simulated.size_counts[b]));
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status write_cycles(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    int last = 0; /* the longest cycle either shows */
    for (int b = 0; b < RS_FIT_CYCLE_BINS; b++)
        if (r->observed.cycle_counts[b] > 0.0 || per_history(r, r->simulated.cycle_counts[b]) >= 0.5)
            last = b;
    fprintf(f, "weeks,observed,fitted\n");
    for (int b = 0; b <= last; b++) {
        fprintf(f, "%d", b + 1);
        rs_csv_cell(f, r->observed.cycle_counts[b]);
        rs_csv_cell(f, per_history(r, r->simulated.cycle_counts[b]));
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* Opportunities and rep-weeks of tenure month m (1-based) of s. */
static void tenure_month(const rs_history_stats *s, int m, double *opportunities, double *rep_weeks)
{
    *opportunities = *rep_weeks = 0.0;
    for (int t = 0; t < RS_FIT_TENURE_WEEKS; t++) {
        int month = (int)(t / RS_WEEKS_PER_MONTH) + 1;
        if (month == m) {
            *opportunities += s->tenure_opportunities[t];
            *rep_weeks += s->tenure_rep_weeks[t];
        }
    }
}

/* The months the ramp chart shows: through the last in which a rep of the
 * history had fewer than three years, at most 36. */
#define RAMP_CHART_MONTHS 36

static rs_status write_ramp(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    int months = 0;
    for (int m = 1; m <= RAMP_CHART_MONTHS; m++) {
        double n, e;
        tenure_month(&r->observed, m, &n, &e);
        if (e > 0.0)
            months = m;
    }
    fprintf(f, "tenure_month,rep_weeks,opportunities,observed_rate,low,high,fitted_rate\n");
    for (int m = 1; m <= months; m++) {
        double n, e, sn, se;
        tenure_month(&r->observed, m, &n, &e);
        tenure_month(&r->simulated, m, &sn, &se);
        fprintf(f, "%d", m);
        rs_csv_cell(f, e);
        rs_csv_cell(f, n);
        if (e > 0.0) {
            /* the exact Poisson interval of the count, over the rep-weeks */
            double low = n > 0 ? gsl_cdf_chisq_Pinv(0.025, 2.0 * n) / 2.0 : 0.0;
            double high = gsl_cdf_chisq_Pinv(0.975, 2.0 * n + 2.0) / 2.0;
            rs_csv_cell(f, n / e);
            rs_csv_cell(f, low / e);
            rs_csv_cell(f, high / e);
        } else {
            fprintf(f, ",,,");
        }
        rs_csv_cell(f, se > 0.0 ? sn / se : NAN);
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status write_win_rate(FILE *f, const void *ctx)
{
    const rs_fit_result *r = ctx;
    fprintf(f, "quarter,start_date,closed,won,observed,low,high,fitted\n");
    const double z = 1.959964;
    for (int q = 0; q < RS_FIT_QUARTERS; q++) {
        double n = r->observed.quarter_closed[q], won = r->observed.quarter_won[q];
        if (n <= 0.0)
            continue;
        /* Wilson's interval: sound for small counts and rates near 0 */
        double p = won / n, d = 1.0 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / d;
        double half = z * sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / d;
        char start[16];
        rs_date_format(r->window.first_day + q * RS_WEEKS_PER_QUARTER * RS_DAYS_PER_WEEK, start, sizeof start);
        double sim_n = r->simulated.quarter_closed[q];
        fprintf(f, "%d,%s,%.0f,%.0f", q + 1, start, n, won);
        rs_csv_cell(f, 100.0 * p);
        rs_csv_cell(f, 100.0 * fmax(0.0, centre - half)); /* 0 won: the ends meet 0 within rounding */
        rs_csv_cell(f, 100.0 * fmin(1.0, centre + half));
        rs_csv_cell(f, sim_n > 0.0 ? 100.0 * r->simulated.quarter_won[q] / sim_n : NAN);
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_fit_write(const rs_fit_result *r, const char *dir, char *err)
{
    const rs_fs_file files[] = {
        {"fitted.ini", write_fitted_ini},   {"fit-values.csv", write_values},
        {"fit-report.csv", write_report},   {"fit-deal-sizes.csv", write_deal_sizes},
        {"fit-cycles.csv", write_cycles},   {"fit-win-rate.csv", write_win_rate},
    };
    rs_status st = rs_fs_write_files(dir, files, sizeof files / sizeof files[0], r, err);
    if (st == RS_OK && r->history->has_roster) {
        const rs_fs_file with_roster[] = {{"fit-ramp.csv", write_ramp}, {"fitted-roster.csv", write_fitted_roster}};
        st = rs_fs_write_files(dir, with_roster, r->team_roster ? 2 : 1, r, err);
    }
    return st;
}

/* ---- the console -------------------------------------------------------- */

/* What the history holds. */
static void print_history(FILE *out, const rs_fit_result *r)
{
    const rs_history_stats *o = &r->observed;
    char first[16], last[16];
    rs_date_format(r->window.first_day, first, sizeof first);
    rs_date_format(r->window.export_day, last, sizeof last);
    fprintf(out, "History: %ld opportunities created %s to %s (%d weeks): %ld closed, %ld won, %ld open\n",
            o->opportunities, first, last, r->window.weeks, o->closed, o->won, o->open);
    if (r->history->has_roster)
        fprintf(out, "Roster: %d reps on the team at its start, %ld hired and %ld gone within it\n", r->team_seats,
                o->ramp_reps, o->exits);
    size_t first_outside = 0, outside = r->history->has_roster ? rs_history_outside_tenure(r->history, &first_outside) : 0;
    if (outside > 0)
        fprintf(out, "%zu opportunities were created outside their owner's time on the team (inherited deals?); "
                "they count in the deal, cycle and win figures\n", outside);
    if (o->placeholders > 0)
        fprintf(out, "%ld closed amounts below %.2f, a thousandth of the amounts' geometric mean, are read as placeholders "
                "(a deal entered at 1) and left out of the deal sizes\n",
                o->placeholders, r->window.placeholder_below);
    if (r->owners_not_in_roster > 0) {
        fprintf(out, "Owners not in the roster (their deals count, their rep-weeks do not):");
        int shown = 0;
        for (size_t i = 0; i < r->history->rep_count && shown < 5; i++)
            if (!r->history->reps[i].in_roster) {
                fprintf(out, "%s %s", shown ? "," : "", r->history->reps[i].name);
                shown++;
            }
        fprintf(out, "%s\n", r->owners_not_in_roster > shown ? ", ..." : "");
    }
}

/* A check's figure as the report shows it, in its unit. */
static const char *show_check(const rs_fit_check *ch, double x, char *buf, size_t size)
{
    bool share = strcmp(ch->unit, "%") == 0;
    int digits = strcmp(ch->unit, "weeks") == 0 ? 2 : share ? 1 : 0;
    snprintf(buf, size, "%.*f%s", digits, x, share ? "%" : "");
    return buf;
}

/* A row of the figures' table: the figure, its observed and simulated
 * values and the simulated 95 % range (shown[0..3]), and whether the
 * observed one lies in it. */
static void figure_row(FILE *out, const char *figure, const char *const shown[4], bool in_range, const char *note)
{
    char interval[80];
    snprintf(interval, sizeof interval, "%s to %s", shown[2], shown[3]);
    fprintf(out, "%-36s %12s %12s %25s  %s%s\n", figure, shown[0], shown[1], interval,
            in_range ? "reproduced" : "NOT reproduced", note);
}

void rs_fit_print(FILE *out, const rs_fit_result *r)
{
    const rs_history_stats *o = &r->observed;
    print_history(out, r);
    fprintf(out, "\n%-24s %12s %10s %25s  %s\n", "Fitted value", "value", "std error", "95% interval",
            "observations");
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        char a[32], b[32], c[32], d[32];
        if (!v->fitted) {
            fprintf(out, "%-24s %12s  not fitted: %s\n", v->key, show(k, v->value, a, sizeof a), v->note);
            continue;
        }
        char interval[80];
        snprintf(interval, sizeof interval, "%s to %s", show(k, v->low, c, sizeof c),
                 show(k, v->high, d, sizeof d));
        fprintf(out, "%-24s %12s %10s %25s  %ld%s%s\n", v->key, show(k, v->value, a, sizeof a),
                show(k, v->se, b, sizeof b), interval, v->observations, v->note[0] ? ": " : "", v->note);
    }
    if (r->ramp_fitted)
        fprintf(out, "%-24s %12s  the likeliest curve (log-likelihoods: scurve %.1f, exponential %.1f, linear %.1f)\n",
                "ramp.curve", curve_name(o->ramp_curve), o->ramp_loglik[0], o->ramp_loglik[1], o->ramp_loglik[2]);
    fprintf(out, "\n%-36s %12s %12s %25s\n", "Figure of the history", "observed", "fitted", "95% of histories");
    for (int k = 0; k < RS_FIT_KEYS; k++) {
        const rs_fit_value *v = &r->values[k];
        if (!isfinite(v->observed))
            continue;
        char a[32], b[32], c[32], d[32];
        figure_row(out, k == RS_FIT_ATTRITION ? "leaves, a year's share" : v->figure,
                   (const char *[4]){show_figure(k, v->observed, a, sizeof a), show_figure(k, v->simulated, b, sizeof b),
                                     show_figure(k, v->sim_low, c, sizeof c), show_figure(k, v->sim_high, d, sizeof d)},
                   reproduced(v->observed, v->sim_low, v->sim_high), "");
    }
    for (int i = 0; i < RS_FIT_CHECKS; i++) {
        const rs_fit_check *ch = &r->checks[i];
        if (!isfinite(ch->observed))
            continue;
        char a[32], b[32], c[32], d[32];
        figure_row(out, ch->figure,
                   (const char *[4]){show_check(ch, ch->observed, a, sizeof a), show_check(ch, ch->simulated, b, sizeof b),
                                     show_check(ch, ch->sim_low, c, sizeof c), show_check(ch, ch->sim_high, d, sizeof d)},
                   reproduced(ch->observed, ch->sim_low, ch->sim_high), " (a check: not fitted to)");
    }
    if (!r->converged)
        fprintf(out, "\nThe search stopped after %d steps with the figures not yet within 0.1%%: see docs/fit.md\n",
                r->iterations);
}
