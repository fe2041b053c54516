/* sweep.c: a scenario across the values of one or two keys, on common
 * random numbers, each point paired with its neighbour along the first. */
#include "rampsim/sweep.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"
#include "params.h"
#include "rampsim/output.h"
#include "valueparse.h"

/* Points run in one engine pass; a batch also re-runs the point before it
 * (identical, by common random numbers) to pair across the boundary. */
#define BATCH 12
#define MAX_METRICS 128

/* Applies "key=value" to sc as --set would, the message naming the axis'
 * argument instead. */
static rs_status apply(rs_scenario *sc, const char *key, const char *value, const char *argument, char *err)
{
    char assignment[160], msg[RS_ERRMSG_SIZE];
    snprintf(assignment, sizeof assignment, "%s=%s", key, value);
    if (rs_scenario_set_bare(sc, assignment, msg) == RS_OK)
        return RS_OK;
    return rs_fail(err, RS_ERR_INPUT, "%s: %s", argument, msg);
}

/* The argument as messages quote it: a list of 200 values is cut, so that
 * the reason after it still shows. */
static void quoted(const char *argument, char *buf, size_t size)
{
    if (strlen(argument) <= 64)
        snprintf(buf, size, "%s", argument);
    else
        snprintf(buf, size, "%.60s...", argument);
}

/* Copies the n characters at s without the blanks around them into buf
 * (size bytes); false if they do not fit. */
static bool trimmed(const char *s, size_t n, char *buf, size_t size)
{
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n >= size)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return true;
}

/* FROM:TO:STEP, exactly three numbers, each of which may have blanks
 * around it and nothing else: "0:3:1 junk" or "0:3:1:2" is not a range. */
static bool parse_range(const char *spec, double *from, double *to, double *step)
{
    double *out[3] = {from, to, step};
    const char *c = spec;
    for (int i = 0; i < 3; i++) {
        size_t len = strcspn(c, ":");
        char field[32];
        if ((i < 2) != (c[len] == ':') || !trimmed(c, len, field, sizeof field) || !rs_parse_real(field, out[i]))
            return false;
        c += len + (c[len] == ':');
    }
    return true;
}

/* Whether a key's values are written with colons (team.hires' "13:2",
 * coaching.per_rep's "Ben:3"), so that FROM:TO:STEP cannot be meant. */
static bool values_have_colons(const char *key)
{
    int i = rs_param_find_dotted(key);
    return i >= 0 && (rs_params[i].type == RS_P_HIRES || rs_params[i].type == RS_P_REP_HOURS);
}

rs_status rs_sweep_axis_parse(rs_sweep_axis *axis, const char *argument, const rs_scenario *base, char *err)
{
    char shown[80];
    quoted(argument, shown, sizeof shown);
    const char *eq = strchr(argument, '=');
    /* the key without blanks around it, as --set reads it: two spellings
     * of one key (" team.reps") are one key, named alike in the files */
    if (!eq || eq == argument || !eq[1] || !trimmed(argument, (size_t)(eq - argument), axis->key, sizeof axis->key))
        return rs_fail(err, RS_ERR_INPUT,
                       "%s: expected section.key=FROM:TO:STEP or section.key=v1,v2,..., such as "
                       "coaching.hours_per_month=0:10:0.5",
                       shown);
    const char *spec = eq + 1;
    axis->n = 0;
    if (strchr(spec, ':') && !values_have_colons(axis->key)) {
        double from, to, step;
        if (!parse_range(spec, &from, &to, &step) || step <= 0 || to < from)
            return rs_fail(err, RS_ERR_INPUT,
                           "%s: a range must be FROM:TO:STEP with FROM <= TO and STEP > 0, got %.40s", shown,
                           spec);
        double count = floor((to - from) / step + 1e-9) + 1;
        if (!(count <= RS_SWEEP_MAX_VALUES)) {
            char got[32] = "far more";
            if (count < 1e15)
                snprintf(got, sizeof got, "%.0f", count);
            return rs_fail(err, RS_ERR_INPUT, "%s: at most %d values, got %s", shown, RS_SWEEP_MAX_VALUES,
                           got);
        }
        for (int i = 0; i < (int)count; i++)
            snprintf(axis->values[axis->n++], sizeof axis->values[0], "%.10g", from + i * step);
    } else {
        const char *c = spec;
        while (*c) {
            size_t len = strcspn(c, ",");
            if (axis->n == RS_SWEEP_MAX_VALUES)
                return rs_fail(err, RS_ERR_INPUT, "%s: at most %d values, got more", shown,
                               RS_SWEEP_MAX_VALUES);
            /* an empty value, between two commas or after the last, is a typo */
            if (len == 0 || len >= sizeof axis->values[0] || (c[len] == ',' && !c[len + 1]))
                return rs_fail(err, RS_ERR_INPUT, "%s: expected values separated by commas, each at most %d "
                               "characters", shown, (int)sizeof axis->values[0] - 1);
            snprintf(axis->values[axis->n++], sizeof axis->values[0], "%.*s", (int)len, c);
            c += len + (c[len] == ',');
        }
    }
    rs_scenario *probe = rs_scenario_clone(base);
    if (!probe)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = RS_OK;
    for (int i = 0; i < axis->n && st == RS_OK; i++)
        st = apply(probe, axis->key, axis->values[i], shown, err);
    rs_scenario_free(probe);
    return st;
}

rs_status rs_sweep_axes_parse(rs_sweep_axis *axes, const char *const *arguments, int n, const rs_scenario *base,
                              char *err)
{
    if (n < 1 || n > RS_SWEEP_MAX_AXES)
        return rs_fail(err, RS_ERR_INPUT, "give one or two keys to vary, got %d", n);
    for (int a = 0; a < n; a++) {
        rs_status st = rs_sweep_axis_parse(&axes[a], arguments[a], base, err);
        if (st != RS_OK)
            return st;
        for (int b = 0; b < a; b++) {
            if (strcmp(axes[a].key, axes[b].key) != 0)
                continue;
            char shown[80], first[80];
            quoted(arguments[a], shown, sizeof shown);
            quoted(arguments[b], first, sizeof first);
            return rs_fail(err, RS_ERR_INPUT, "%s: %s is varied already by %s; vary two different keys",
                           shown, axes[a].key, first);
        }
    }
    return RS_OK;
}

void rs_sweep_free(rs_sweep *s)
{
    if (!s)
        return;
    free(s->metric_names);
    free(s->metric_units);
    free(s->metric_chances);
    free(s->values);
    free(s);
}

int rs_sweep_metric(const rs_sweep *s, const char *name)
{
    for (int m = 0; m < s->metrics; m++)
        if (strcmp(s->metric_names[m], name) == 0)
            return m;
    return -1;
}

/* The position of point p on axis a. */
static int coordinate(const rs_sweep *s, int p, int a)
{
    return a == 0 ? p % s->axes[0].n : p / s->axes[0].n;
}

/* The scenario of point p: base with every axis' value. */
static rs_status point_scenario(const rs_scenario *base, const rs_sweep *s, int p, rs_scenario **out, char *err)
{
    rs_scenario *sc = rs_scenario_clone(base);
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = RS_OK;
    char where[256] = "";
    for (int a = 0; a < s->n_axes && st == RS_OK; a++) {
        const rs_sweep_axis *axis = &s->axes[a];
        const char *value = axis->values[coordinate(s, p, a)];
        size_t len = strlen(where);
        snprintf(where + len, sizeof where - len, "%s%s=%s", a ? ", " : "", axis->key, value);
        st = apply(sc, axis->key, value, axis->key, err);
    }
    char msg[RS_ERRMSG_SIZE];
    if (st == RS_OK && (st = rs_scenario_validate_bare(sc, msg)) != RS_OK)
        st = st == RS_ERR_INPUT ? rs_fail(err, st, "sweep point %s: %s", where, msg) : rs_fail(err, st, "%s", msg);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

/* Keeps what the sweep reports of point p, from a batch's results. */
static void keep(rs_sweep *s, int p, const rs_results *r, const rs_comparison *cmp, int local, bool paired,
                 const rs_reported_metric *rows)
{
    for (int m = 0; m < s->metrics; m++) {
        rs_sweep_value *v = &s->values[(size_t)p * (size_t)s->metrics + (size_t)m];
        const rs_moments *mo = &r->moments[rows[m].slot];
        v->mean = mo->n > 0 ? mo->mean : NAN;
        double *band[RS_BAND_COUNT] = {&v->p10, &v->p50, &v->p90};
        for (int k = 0; k < RS_BAND_COUNT; k++)
            *band[k] = rs_sketches_quantile(r->sketches, rows[m].slot, rs_band_percentiles[k]);
        v->difference = v->low = v->high = NAN;
        if (paired && rows[m].paired)
            v->difference = rs_comparison_difference(cmp, local, rows[m].slot, &v->low, &v->high);
    }
    double h = rs_results_half_width(r, r->tracked_slot);
    s->half_width = isnan(h) ? INFINITY : fmax(s->half_width, h); /* a point that cannot be told is not precise */
}

/* A sweep of base over the axes, with room for the values of every point,
 * and the metrics it reports in rows (MAX_METRICS of them). */
static rs_status sweep_new(const rs_scenario *base, const rs_sweep_axis *axes, int n_axes, rs_reported_metric *rows,
                           rs_sweep **out, char *err)
{
    *out = NULL;
    rs_sweep *s = calloc(1, sizeof *s);
    if (!s)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    s->n_axes = n_axes;
    s->points = 1;
    for (int a = 0; a < n_axes; a++) {
        s->axes[a] = axes[a];
        s->points *= axes[a].n;
    }
    s->replications = base->run.replications;
    s->seed = (unsigned long long)base->run.seed;
    if (s->points > RS_SWEEP_MAX_POINTS) {
        int points = s->points;
        rs_sweep_free(s);
        return rs_fail(err, RS_ERR_INPUT, "a sweep has at most %d points, these axes give %d",
                       RS_SWEEP_MAX_POINTS, points);
    }
    rs_layout layout;
    if (!rows || rs_layout_init(&layout, base) != RS_OK) {
        rs_sweep_free(s);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    }
    s->metrics = (int)rs_layout_reported_metrics(&layout, rows, MAX_METRICS);
    rs_layout_free(&layout);
    s->metric_names = calloc((size_t)s->metrics, sizeof *s->metric_names);
    s->metric_units = calloc((size_t)s->metrics, sizeof *s->metric_units);
    s->metric_chances = calloc((size_t)s->metrics, sizeof *s->metric_chances);
    s->values = calloc((size_t)s->points * (size_t)s->metrics, sizeof *s->values);
    if (!s->metric_names || !s->metric_units || !s->metric_chances || !s->values) {
        rs_sweep_free(s);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    }
    for (int m = 0; m < s->metrics; m++) {
        snprintf(s->metric_names[m], sizeof s->metric_names[m], "%s", rows[m].name);
        s->metric_units[m] = rows[m].info->unit;
        s->metric_chances[m] = rows[m].info->chance != 0;
    }
    *out = s;
    return RS_OK;
}

/* Runs the points, BATCH to an engine pass, and keeps what the sweep
 * reports of each; *most is the most replications a pass ran and *fewest
 * the fewest (they differ when precision control stopped passes apart). */
static rs_status run_points(rs_sweep *s, rs_scenario *const *scenarios, const rs_reported_metric *rows,
                            const rs_engine_options *options, long long *fewest, long long *most, char *err)
{
    rs_status st = RS_OK;
    *fewest = LLONG_MAX;
    *most = 0;
    s->half_width = 0.0;
    rs_progress_span progress = {.outer = options, .total = (long long)s->points * s->replications};
    for (int first = 0; st == RS_OK && first < s->points; first += BATCH) {
        int last = first + BATCH < s->points ? first + BATCH : s->points;
        int from = first > 0 && coordinate(s, first, 0) > 0 ? first - 1 : first; /* re-run the neighbour */
        int k = last - from;
        const rs_scenario *set[BATCH + 1];
        int pair_with[BATCH + 1];
        rs_results *results[BATCH + 1];
        for (int j = 0; j < k; j++) {
            set[j] = scenarios[from + j];
            pair_with[j] = j > 0 && coordinate(s, from + j, 0) > 0 ? j - 1 : 0;
        }
        rs_engine_options engine = rs_progress_span_options(&progress);
        engine.pair_with = pair_with;
        engine.paired_only = true; /* a sweep reports metrics, whose slots are paired */
        rs_comparison *cmp = NULL;
        st = rs_engine_compare(set, k, &engine, results, k > 1 ? &cmp : NULL, err);
        if (st == RS_OK) {
            *fewest = results[0]->replications < *fewest ? results[0]->replications : *fewest;
            *most = results[0]->replications > *most ? results[0]->replications : *most;
        }
        for (int j = (from < first); st == RS_OK && j < k; j++) {
            int p = from + j;
            keep(s, p, results[j], cmp, j, j > 0 && coordinate(s, p, 0) > 0, rows);
        }
        for (int j = 0; st == RS_OK && j < k; j++)
            rs_results_free(results[j]);
        rs_comparison_free(cmp);
        progress.before += (long long)(last - first) * s->replications;
    }
    return st;
}

rs_status rs_sweep_run(const rs_scenario *base, const rs_sweep_axis *axes, int n_axes,
                       const rs_engine_options *options, rs_sweep **out, char *err)
{
    *out = NULL;
    rs_reported_metric *rows = malloc(MAX_METRICS * sizeof *rows);
    rs_sweep *s = NULL;
    rs_status st = sweep_new(base, axes, n_axes, rows, &s, err);
    rs_scenario **scenarios = NULL;
    if (st == RS_OK && !(scenarios = calloc((size_t)s->points, sizeof *scenarios)))
        st = rs_fail(err, RS_ERR_NOMEM, "out of memory");
    /* every point is checked before anything runs */
    for (int p = 0; st == RS_OK && p < s->points; p++)
        st = point_scenario(base, s, p, &scenarios[p], err);
    long long fewest = 0, most = 0;
    if (st == RS_OK)
        st = run_points(s, scenarios, rows, options, &fewest, &most, err);
    if (st == RS_OK && fewest != most) {
        /* Precision control stopped the passes apart: every point runs
         * again with the most any needed, so that the curve's points share
         * their replications, and their luck, as a sweep's must. */
        rs_engine_options again = *options;
        again.precision = 0.0;
        for (int p = 0; p < s->points; p++)
            scenarios[p]->run.replications = most;
        st = run_points(s, scenarios, rows, &again, &fewest, &most, err);
    }
    if (st == RS_OK) {
        s->replications = most;
        s->precision = options->precision;
    }
    for (int p = 0; scenarios && p < s->points; p++)
        rs_scenario_free(scenarios[p]);
    free(scenarios);
    free(rows);
    if (st != RS_OK) {
        rs_sweep_free(s);
        return st;
    }
    *out = s;
    return RS_OK;
}

/* ---- report ------------------------------------------------------------ */

/* Bookings per extra manager hour from the previous point, or NAN. */
static double per_extra_hour(const rs_sweep *s, int p)
{
    int hours = rs_sweep_metric(s, "manager_hours_total"), bookings = rs_sweep_metric(s, "team_bookings_total");
    double extra = rs_sweep_at(s, p, hours)->difference;
    return isnan(extra) || fabs(extra) < 1e-9 ? NAN : rs_sweep_at(s, p, bookings)->difference / extra;
}

/* The return on the manager's hours, each point against the one before. */
static void print_return(FILE *out, const rs_sweep *s, int w)
{
    int hours = rs_sweep_metric(s, "manager_hours_total"), net = rs_sweep_metric(s, "net_value");
    fprintf(out, "\nReturn on the manager's hours over the horizon, each row against the row above\n");
    fprintf(out, "  %-*s  %12s %12s %16s  %s\n", w, s->axes[0].key, "hours", "extra hours", "per extra hour",
            "net return (95% interval)");
    for (int p = 0; p < s->points; p++) {
        const rs_sweep_value *h = rs_sweep_at(s, p, hours), *v = rs_sweep_at(s, p, net);
        fprintf(out, "  %-*s  %12.0f", w, s->axes[0].values[p], h->mean);
        if (!isnan(h->difference)) {
            char per[32] = "n/a", extra_hours[48], net_return[112];
            if (!isnan(per_extra_hour(s, p)))
                snprintf(per, sizeof per, "%.0f", per_extra_hour(s, p));
            rs_format_signed(extra_hours, sizeof extra_hours, h->difference, 0);
            rs_format_difference(net_return, sizeof net_return, v->difference, v->low, v->high, 0);
            fprintf(out, " %12s %16s  %s", extra_hours, per, net_return);
        }
        fputc('\n', out);
    }
}

void rs_sweep_print(FILE *out, const rs_sweep *s, int metric)
{
    fprintf(out, "sweep: %s (%s), %lld replications per point, seed %llu, common random numbers\n\n",
            s->metric_names[metric], s->metric_units[metric], s->replications, s->seed);
    if (s->precision > 0 && isinf(s->half_width))
        fprintf(out, "  precision not reached: a point's mean has fewer than two values to tell it by\n\n");
    else if (s->precision > 0)
        fprintf(out, "  precision %s: every point's mean is known to +-%.2g (95%%)%s\n\n",
                s->half_width <= s->precision ? "reached" : "not reached", s->half_width,
                s->half_width <= s->precision ? "" : " at the most allowed (--max-replications)");
    /* a metric that is 0 or 100 in each replication is told by its mean */
    bool chance = s->metric_chances[metric];
    if (s->n_axes == 1) {
        int w = (int)strlen(s->axes[0].key);
        fprintf(out, "  %-*s  %-26s %s\n", w, s->axes[0].key, chance ? "chance" : "median (P10 to P90)",
                "mean difference from the row above (95% interval)");
        for (int p = 0; p < s->points; p++) {
            const rs_sweep_value *v = rs_sweep_at(s, p, metric);
            char cell[96], diff[112];
            if (chance)
                snprintf(cell, sizeof cell, isnan(v->mean) ? "n/a" : "%.1f%%", v->mean);
            else
                snprintf(cell, sizeof cell, "%.2f (%.2f to %.2f)", v->p50, v->p10, v->p90);
            rs_format_difference(diff, sizeof diff, v->difference, v->low, v->high, 2);
            fprintf(out, "  %-*s  %-26s %s\n", w, s->axes[0].values[p], cell, diff);
        }
        print_return(out, s, w);
        return;
    }
    /* a grid of medians (or chances): rows the second key, columns the first */
    fprintf(out, "  %s; rows %s, columns %s\n  %-14s", chance ? "chance (%)" : "median", s->axes[1].key,
            s->axes[0].key, "");
    for (int x = 0; x < s->axes[0].n; x++)
        fprintf(out, " %10s", s->axes[0].values[x]);
    fputc('\n', out);
    for (int y = 0; y < s->axes[1].n; y++) {
        fprintf(out, "  %-14s", s->axes[1].values[y]);
        for (int x = 0; x < s->axes[0].n; x++) {
            const rs_sweep_value *v = rs_sweep_at(s, y * s->axes[0].n + x, metric);
            fprintf(out, " %10.2f", chance ? v->mean : v->p50);
        }
        fputc('\n', out);
    }
}

/* What the sweep's writers need: the sweep and the chosen metric. */
typedef struct sweep_output {
    const rs_sweep *sweep;
    int metric;
} sweep_output;

static rs_status write_all(FILE *f, const void *ctx)
{
    const rs_sweep *s = ((const sweep_output *)ctx)->sweep;
    fprintf(f, "point");
    for (int a = 0; a < s->n_axes; a++)
        fprintf(f, ",%s", s->axes[a].key);
    for (int m = 0; m < s->metrics; m++) {
        const char *n = s->metric_names[m];
        fprintf(f, ",%s_mean,%s_p10,%s_p50,%s_p90,%s_diff,%s_diff_low,%s_diff_high", n, n, n, n, n, n, n);
    }
    fprintf(f, ",bookings_per_extra_hour\n");
    for (int p = 0; p < s->points; p++) {
        fprintf(f, "%d", p + 1);
        for (int a = 0; a < s->n_axes; a++)
            fprintf(f, ",%s", s->axes[a].values[coordinate(s, p, a)]);
        for (int m = 0; m < s->metrics; m++) {
            const rs_sweep_value *v = rs_sweep_at(s, p, m);
            double cells[] = {v->mean, v->p10, v->p50, v->p90, v->difference, v->low, v->high};
            for (int c = 0; c < 7; c++)
                rs_csv_cell(f, cells[c]);
        }
        rs_csv_cell(f, per_extra_hour(s, p));
        fputc('\n', f);
    }
    return RS_OK;
}

static rs_status write_chart(FILE *f, const void *ctx)
{
    const rs_sweep *s = ((const sweep_output *)ctx)->sweep;
    int metric = ((const sweep_output *)ctx)->metric;
    fprintf(f, "x_index,x,y_index,y,p10,p50,p90\n");
    for (int p = 0; p < s->points; p++) {
        int x = coordinate(s, p, 0), y = s->n_axes > 1 ? coordinate(s, p, 1) : 0;
        const rs_sweep_value *v = rs_sweep_at(s, p, metric);
        fprintf(f, "%d,%s,%d,%s", x, s->axes[0].values[x], y, s->n_axes > 1 ? s->axes[1].values[y] : "");
        rs_csv_cell(f, v->p10);
        rs_csv_cell(f, v->p50);
        rs_csv_cell(f, v->p90);
        fputc('\n', f);
    }
    return RS_OK;
}

rs_status rs_sweep_write(const rs_sweep *s, int metric, const char *dir, char *err)
{
    sweep_output output = {s, metric};
    static const rs_fs_file files[] = {{"sweep.csv", write_all}, {"sweep-chart.csv", write_chart}};
    return rs_fs_write_files(dir, files, sizeof files / sizeof files[0], &output, err);
}
