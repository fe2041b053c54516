/* plot.c: the charts of each kind of result directory: the scripts of
 * plots/ that draw them, the facts they mark, and which have nothing to show. */
#include "rampsim/plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gnuplot.h"
#include "plot_reps.h"
#include "plotdata.h"

/* The charts of each kind of result directory, NULL-terminated; each is
 * written as <name>.png and <name>.svg. */
static const char *const run_charts[] = {"fan", "attainment", "ramp", "quarters", "manager", "reps", NULL};
static const char *const calibration_charts[] = {"calibration", "c6", "practices", NULL};
static const char *const compare_charts[] = {"compare_attainment", "compare_quarters", "compare_manager", NULL};
static const char *const sweep_curve_charts[] = {"sweep", NULL};
static const char *const sweep_heatmap_charts[] = {"sweep_heatmap", NULL};
static const char *const tornado_charts[] = {"tornado", NULL};
static const char *const drivers_charts[] = {"drivers", "spider", NULL};

bool rs_plot_available(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char dir[RS_PATH_MAX];
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n < sizeof dir - 16) {
            snprintf(dir, sizeof dir, "%.*s/gnuplot", (int)n, path);
            if (access(dir, X_OK) == 0)
                return true;
        }
        path += n + (path[n] == ':');
    }
    return false;
}

/* The files of a run's result directory that rampsim or gnuplot reads to
 * draw its charts. */
static const char *const run_inputs[] = {"scenario.ini", "summary.csv", "weekly.csv", "manager.csv", "ramp.csv",
                                         "quarters.csv", "attainment.csv", "reps.csv", NULL};

/* The facts about a run's result directory that the charts mark. */
typedef struct chart_facts {
    char name[RS_NAME_MAX];
    double budget, ramped_at, median_ramp, replications;
    int horizon;
    int fiscal_years, quarters, ramp_rows;
    bool dated; /* weekly.csv has dates (run.start_date) */
} chart_facts;

static rs_status incomplete(const char *dir, char *err)
{
    return rs_fail(err, RS_ERR_INPUT, "%s is not a complete rampsim result directory", dir);
}

/* The cell in `column` of summary.csv's row of `metric`, into *value: NAN
 * when there is no such row or the cell is empty. */
static rs_status summary_cell(const char *dir, const char *metric, const char *column, double *value, char *err)
{
    rs_plotdata_csv c;
    int key = -1, at = -1;
    *value = NAN;
    rs_status st = rs_plotdata_open(&c, dir, "summary.csv") ? RS_OK : incomplete(dir, err);
    if (st == RS_OK)
        st = rs_plotdata_require(&c, "metric", &key, err);
    if (st == RS_OK)
        st = rs_plotdata_require(&c, column, &at, err);
    while (st == RS_OK && rs_plotdata_next(&c))
        if (rs_plotdata_is(&c, key, metric)) {
            *value = rs_plotdata_number(&c, at);
            break;
        }
    rs_plotdata_close(&c);
    return st;
}

/* The fiscal years attainment.csv has a distribution of, as it says: a
 * column fy1_share, fy2_share... for each, and no row when the horizon
 * covers no whole fiscal year. */
static rs_status attainment_years(const char *dir, int *years, char *err)
{
    rs_plotdata_csv c;
    *years = 0;
    rs_status st = rs_plotdata_open(&c, dir, "attainment.csv") ? RS_OK : incomplete(dir, err);
    if (st == RS_OK && rs_plotdata_next(&c))
        for (char column[32];; ++*years) {
            snprintf(column, sizeof column, "fy%d_share", *years + 1);
            if (rs_plotdata_column(&c, column) < 0)
                break;
        }
    rs_plotdata_close(&c);
    return st;
}

/* What the run's scenario.ini says. */
static rs_status scenario_facts(const char *dir, chart_facts *facts, char *err)
{
    char path[RS_PATH_MAX + 64], msg[RS_ERRMSG_SIZE];
    snprintf(path, sizeof path, "%s/scenario.ini", dir);
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_scenario_load(sc, path, msg);
    if (st == RS_OK)
        st = rs_scenario_validate(sc, msg);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim result directory (%s)", dir, msg);
    }
    snprintf(facts->name, sizeof facts->name, "%s", sc->run.name);
    facts->budget = sc->manager.hours_per_week * sc->manager.team_share;
    facts->ramped_at = sc->ramp.ramped_at;
    facts->horizon = sc->run.horizon_weeks;
    rs_scenario_free(sc);
    return RS_OK;
}

static rs_status read_facts(const char *dir, chart_facts *facts, char *err)
{
    rs_status st = scenario_facts(dir, facts, err);
    if (st == RS_OK)
        st = summary_cell(dir, "ramp_weeks", "p50", &facts->median_ramp, err);
    if (st == RS_OK)
        st = summary_cell(dir, "deals_won", "n", &facts->replications, err);
    if (st == RS_OK)
        st = attainment_years(dir, &facts->fiscal_years, err);
    if (st != RS_OK)
        return st;
    rs_plotdata_csv weekly;
    facts->dated = rs_plotdata_open(&weekly, dir, "weekly.csv") && rs_plotdata_column(&weekly, "date") >= 0;
    rs_plotdata_close(&weekly);
    facts->quarters = rs_plotdata_rows(dir, "quarters.csv");
    facts->ramp_rows = rs_plotdata_rows(dir, "ramp.csv");
    if (facts->quarters < 0 || facts->ramp_rows < 0 || rs_plotdata_rows(dir, "weekly.csv") < 0 ||
        rs_plotdata_rows(dir, "manager.csv") < 0)
        return incomplete(dir, err);
    return RS_OK;
}

/* The variables a chart of a run result directory uses. */
static void facts_variables(FILE *f, const chart_facts *facts)
{
    rs_gnuplot_put_string(f, "name", facts->name);
    rs_gnuplot_put_number(f, "budget", facts->budget);
    rs_gnuplot_put_number(f, "ramped_at", facts->ramped_at * 100.0);
    rs_gnuplot_put_number(f, "median_ramp", facts->median_ramp);
    rs_gnuplot_put_number(f, "replications", facts->replications);
    fprintf(f, "years = %d\nhorizon = %d\ndated = %d\n", facts->fiscal_years, facts->horizon, facts->dated);
}

static const char no_fiscal_year[] = "the horizon covers no whole fiscal year";
static const char no_quarter[] = "the horizon covers no whole fiscal quarter";

/* Why a chart of a run cannot be drawn from its data, or NULL. */
static const char *run_chart_gap(const char *chart, const chart_facts *facts)
{
    bool ramp = strcmp(chart, "ramp") == 0;
    bool weekly = ramp || strcmp(chart, "fan") == 0 || strcmp(chart, "manager") == 0;
    if (weekly && facts->horizon < 2)
        return "a one-week horizon has no line to draw";
    if (ramp && facts->ramp_rows <= 0)
        return "no new hire was observed";
    if (ramp && facts->ramp_rows == 1)
        return "new hires were observed in their first week only, which has no line to draw";
    if ((strcmp(chart, "attainment") == 0 || strcmp(chart, "reps") == 0) && facts->fiscal_years == 0)
        return no_fiscal_year;
    if (strcmp(chart, "quarters") == 0 && facts->quarters <= 0)
        return no_quarter;
    return NULL;
}

rs_status rs_plot_dir(const char *dir, const volatile sig_atomic_t *stop, char *err)
{
    chart_facts facts;
    rs_status st = rs_plotdata_check(dir, run_inputs, err);
    if (st == RS_OK)
        st = read_facts(dir, &facts, err);
    if (st != RS_OK)
        return st;
    const char *why_not[RS_GNUPLOT_MAX_CHARTS];
    int reps = -1;
    for (int c = 0; run_charts[c]; c++) {
        why_not[c] = run_chart_gap(run_charts[c], &facts);
        reps = strcmp(run_charts[c], "reps") == 0 ? c : reps;
    }
    rs_gnuplot_vars v;
    if ((st = rs_gnuplot_open(&v, dir, stop, err)) != RS_OK)
        return st;
    facts_variables(v.f, &facts);
    /* the reps chart's rows, when it has a fiscal year to show */
    if (!why_not[reps] && (st = rs_plot_reps_variables(dir, v.f, &why_not[reps], err)) != RS_OK) {
        rs_gnuplot_discard(&v);
        return st;
    }
    return rs_gnuplot_draw(run_charts, why_not, &v, err);
}

rs_status rs_plot_calibration(const char *dir, long long replications, int quarters, int claims, int bounds,
                              char *err)
{
    if (rs_plotdata_rows(dir, "calibrate.csv") <= 0 || rs_plotdata_rows(dir, "calibrate-c6.csv") <= 0 ||
        rs_plotdata_rows(dir, "calibrate-practices.csv") <= 0)
        return rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim calibration directory", dir);
    rs_gnuplot_vars v;
    rs_status st = rs_gnuplot_open(&v, dir, NULL, err);
    if (st != RS_OK)
        return st;
    fprintf(v.f, "replications = %lld\nquarters = %d\nclaims = %d\nbounds = %d\n", replications, quarters, claims,
            bounds);
    return rs_gnuplot_draw(calibration_charts, NULL, &v, err);
}

rs_status rs_plot_comparison(const char *dir, int k, int years, char *err)
{
    rs_gnuplot_vars v;
    rs_status st = rs_gnuplot_open(&v, dir, NULL, err);
    if (st != RS_OK)
        return st;
    fprintf(v.f, "scenarios = %d\nyears = %d\n", k, years);
    /* in the order of compare_charts; the manager's week always has a bar */
    const char *why_not[] = {years > 0 ? NULL : no_fiscal_year,
                             rs_plotdata_rows(dir, "compare-quarters.csv") > 0 ? NULL : no_quarter, NULL};
    return rs_gnuplot_draw(compare_charts, why_not, &v, err);
}

/* The positions (x_index or y_index of sweep-chart.csv) of the values
 * marked in flags, as a gnuplot string of words: '4 5 6', '' for none. */
static rs_status put_positions(FILE *f, const char *name, const bool *flags, int n, char *err)
{
    char *list = malloc((size_t)(n > 0 ? n : 0) * 12 + 1);
    if (!list)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; flags && i < n; i++)
        if (flags[i])
            len += (size_t)sprintf(list + len, "%s%d", len ? " " : "", i);
    rs_gnuplot_put_string(f, name, list);
    free(list);
    return RS_OK;
}

rs_status rs_plot_sweep(const char *dir, const char *metric, const char *unit, const char *xkey, const char *ykey,
                        const rs_plot_beyond *beyond, char *err)
{
    int defined = 0;
    rs_status st = rs_plotdata_defined_rows(dir, "sweep-chart.csv", "p50", &defined, err);
    rs_gnuplot_vars v;
    if (st == RS_OK)
        st = rs_gnuplot_open(&v, dir, NULL, err);
    if (st != RS_OK)
        return st;
    rs_gnuplot_put_string(v.f, "metric", metric);
    rs_gnuplot_put_string(v.f, "unit", unit);
    rs_gnuplot_put_string(v.f, "xkey", xkey);
    rs_gnuplot_put_string(v.f, "ykey", ykey ? ykey : "");
    /* what the charts mark as beyond the evidence */
    const rs_plot_beyond none = {0};
    if (!beyond)
        beyond = &none;
    st = put_positions(v.f, "beyond_x", beyond->x, beyond->nx, err);
    if (st == RS_OK)
        st = put_positions(v.f, "beyond_y", beyond->y, beyond->ny, err);
    if (st != RS_OK) {
        rs_gnuplot_discard(&v);
        return st;
    }
    char why[256];
    snprintf(why, sizeof why, "%s is undefined at every point of the sweep", metric);
    const char *why_not[] = {defined == 0 ? why : NULL};
    return rs_gnuplot_draw(ykey ? sweep_heatmap_charts : sweep_curve_charts, why_not, &v, err);
}

rs_status rs_plot_tornado(const char *dir, const char *metric, const char *unit, double base, double swing, int bars,
                          char *err)
{
    rs_gnuplot_vars v;
    rs_status st = rs_gnuplot_open(&v, dir, NULL, err);
    if (st != RS_OK)
        return st;
    rs_gnuplot_put_string(v.f, "metric", metric);
    rs_gnuplot_put_string(v.f, "unit", unit);
    rs_gnuplot_put_number(v.f, "base", base);
    rs_gnuplot_put_number(v.f, "swing", swing * 100.0);
    fprintf(v.f, "bars = %d\n", bars);
    char why[256];
    snprintf(why, sizeof why, "%s is undefined at the base or at every key's low or high value", metric);
    const char *why_not[] = {bars > 0 ? NULL : why};
    return rs_gnuplot_draw(tornado_charts, why_not, &v, err);
}

rs_status rs_plot_drivers(const char *dir, const char *metric, const char *unit, bool upper, double tail_share,
                          int bars, const char *const *labels, int lines, char *err)
{
    rs_gnuplot_vars v;
    rs_status st = rs_gnuplot_open(&v, dir, NULL, err);
    if (st != RS_OK)
        return st;
    char tail[64];
    snprintf(tail, sizeof tail, "the %s %.0f%% of replications", upper ? "best" : "worst", 100.0 * tail_share);
    rs_gnuplot_put_string(v.f, "metric", metric);
    rs_gnuplot_put_string(v.f, "unit", unit);
    rs_gnuplot_put_string(v.f, "tail", tail);
    fprintf(v.f, "bars = %d\nlines = %d\n", bars, lines);
    for (int i = 0; i < lines; i++) {
        char name[32];
        snprintf(name, sizeof name, "label_%d", i + 1);
        rs_gnuplot_put_string(v.f, name, labels[i]);
    }
    const char *why_not[] = {bars > 0 ? NULL : "no driver varied", lines > 0 ? NULL : "no driver varied"};
    return rs_gnuplot_draw(drivers_charts, why_not, &v, err);
}
