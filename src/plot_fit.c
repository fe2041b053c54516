/* plot_fit.c: the charts of a fit's result directory (rampsim fit): which of
 * its CSV files are there, each checked cell by cell before gnuplot reads
 * it, and the figures the scripts plots/fit_*.gp scale and title by. */
#include "rampsim/plot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dates.h"
#include "fsutil.h"
#include "gnuplot.h"
#include "manifest.h"
#include "plotdata.h"

/* What a cell of a column must hold. Any other cell holds a number of at
 * least 0 or is empty: a value the fit has not, such as the rate of a
 * tenure month no rep was observed in. */
enum {
    REQUIRED = 1, /* a value on every row: the chart's x */
    POSITIVE = 2, /* above 0: an amount on a logarithmic axis */
    DATE = 4,     /* YYYY-MM-DD rather than a number */
    DRAWN = 8     /* a y the chart draws: with none, it has nothing to show */
};

typedef struct fit_column {
    const char *name;
    int rules;
} fit_column;

#define FIT_MAX_COLUMNS 8

/* A chart of a fit, the file it draws, the prefix of its variables and
 * the notes that say why it is left out when the file is not there or has
 * no number in a DRAWN column (no row, say). */
typedef struct fit_chart {
    const char *chart, *file, *prefix, *absent, *empty;
    fit_column columns[FIT_MAX_COLUMNS + 1]; /* up to the first without a name */
} fit_chart;

/* The files rampsim fit writes for its charts, and their columns. */
static const fit_chart fit_charts[] = {
    {"fit_deal_sizes", "fit-deal-sizes.csv", "deals", "there is no fit-deal-sizes.csv",
     "fit-deal-sizes.csv has no observed or fitted count",
     {{"bin_low", REQUIRED | POSITIVE}, {"bin_high", REQUIRED | POSITIVE}, {"observed", DRAWN}, {"fitted", DRAWN}}},
    {"fit_cycles", "fit-cycles.csv", "cycles", "there is no fit-cycles.csv",
     "fit-cycles.csv has no observed or fitted count", {{"weeks", REQUIRED}, {"observed", DRAWN}, {"fitted", DRAWN}}},
    {"fit_ramp", "fit-ramp.csv", "ramp", "the fit had no roster (there is no fit-ramp.csv)",
     "fit-ramp.csv has no observed or fitted rate",
     {{"tenure_month", REQUIRED},
      {"rep_weeks", 0},
      {"opportunities", 0},
      {"observed_rate", DRAWN},
      {"low", 0},
      {"high", 0},
      {"fitted_rate", DRAWN}}},
    {"fit_win_rate", "fit-win-rate.csv", "win", "there is no fit-win-rate.csv",
     "fit-win-rate.csv has no observed or fitted win rate",
     {{"quarter", REQUIRED},
      {"start_date", REQUIRED | DATE},
      {"closed", 0},
      {"won", 0},
      {"observed", DRAWN},
      {"low", 0},
      {"high", 0},
      {"fitted", DRAWN}}},
};
#define N_FIT_CHARTS ((int)(sizeof fit_charts / sizeof fit_charts[0]))

/* The files whose presence makes a directory a fit's. */
static const char *const fit_markers[] = {"fit-report.csv", "fit-deal-sizes.csv"};

/* Whether dir/file exists, as whatever kind of file (never followed). */
static bool exists(const char *dir, const char *file)
{
    char path[RS_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    struct stat info;
    return lstat(path, &info) == 0 || errno != ENOENT;
}

bool rs_plot_is_fit_dir(const char *dir)
{
    for (size_t i = 0; i < sizeof fit_markers / sizeof fit_markers[0]; i++)
        if (exists(dir, fit_markers[i]))
            return true;
    return false;
}

/* What a column's defined numbers add up to, for the scripts. */
typedef struct column_figures {
    double min, max, sum;
    long n;
} column_figures;

/* A file being checked: where, and the line of its row last read. */
typedef struct fit_file {
    rs_plotdata_csv csv;
    char path[RS_PATH_MAX + 64];
    long line;
} fit_file;

static rs_status bad_cell(const fit_file *f, const char *column, const char *problem, int at, char *err)
{
    char got[64];
    rs_plotdata_text(&f->csv, at, got, sizeof got);
    return rs_fail(err, RS_ERR_INPUT, "%s:%ld: %s %s, got %s", rs_fs_shown(f->path).text, f->line, column, problem,
                   got);
}

/* Checks one cell of the row last read against its column's rules and
 * adds its number to the column's figures. */
static rs_status check_cell(const fit_file *f, const fit_column *col, int at, column_figures *fig, char *err)
{
    if (!rs_plotdata_defined(&f->csv, at)) {
        if (col->rules & REQUIRED)
            return rs_fail(err, RS_ERR_INPUT, "%s:%ld: %s is empty", rs_fs_shown(f->path).text, f->line, col->name);
        return RS_OK;
    }
    if (col->rules & DATE) {
        char text[32];
        rs_day day;
        rs_plotdata_text(&f->csv, at, text, sizeof text);
        return rs_date_parse(text, &day) ? RS_OK : bad_cell(f, col->name, "must be a date (YYYY-MM-DD)", at, err);
    }
    double x;
    if (!rs_plotdata_real(&f->csv, at, &x))
        return bad_cell(f, col->name, "must be a number", at, err);
    if ((col->rules & POSITIVE) && !(x > 0))
        return bad_cell(f, col->name, "must be above 0 (it is drawn on a logarithmic axis)", at, err);
    if (x < 0)
        return bad_cell(f, col->name, "must be 0 or more", at, err);
    fig->min = fig->n == 0 || x < fig->min ? x : fig->min;
    fig->max = fig->n == 0 || x > fig->max ? x : fig->max;
    fig->sum += x;
    fig->n++;
    return RS_OK;
}

/* The variables of a chart: <prefix>_rows, and <prefix>_<column>_min,
 * _max and _sum of each numeric column (NaN when it has no number). */
static void put_figures(FILE *vars, const fit_chart *ch, int rows, const column_figures *fig)
{
    fprintf(vars, "%s_rows = %d\n", ch->prefix, rows);
    for (int k = 0; ch->columns[k].name; k++) {
        if (ch->columns[k].rules & DATE)
            continue;
        static const char *const suffix[] = {"min", "max", "sum"};
        double value[] = {fig[k].n ? fig[k].min : NAN, fig[k].n ? fig[k].max : NAN, fig[k].sum};
        for (int s = 0; s < 3; s++) {
            char name[128];
            snprintf(name, sizeof name, "%s_%s_%s", ch->prefix, ch->columns[k].name, suffix[s]);
            rs_gnuplot_put_number(vars, name, value[s]);
        }
    }
}

/* Reads the chart's file, present and regular: RS_ERR_INPUT naming the
 * column it lacks, or the line and column of a cell that breaks its rules.
 * Writes the chart's variables into vars; *why_not says why it is left out
 * when it has nothing to show. */
static rs_status read_chart(const char *dir, const fit_chart *ch, FILE *vars, const char **why_not, char *err)
{
    fit_file f = {.line = 1};
    snprintf(f.path, sizeof f.path, "%s/%s", dir, ch->file);
    if (!rs_plotdata_open(&f.csv, dir, ch->file)) {
        rs_plotdata_close(&f.csv);
        return rs_fail(err, RS_ERR_INPUT, "%s is empty or cannot be read", rs_fs_shown(f.path).text);
    }
    int at[FIT_MAX_COLUMNS];
    column_figures fig[FIT_MAX_COLUMNS] = {{0}};
    rs_status st = RS_OK;
    for (int k = 0; st == RS_OK && ch->columns[k].name; k++)
        st = rs_plotdata_require(&f.csv, ch->columns[k].name, &at[k], err);
    int rows = 0;
    while (st == RS_OK && rs_plotdata_next(&f.csv)) {
        rows++;
        f.line++;
        for (int k = 0; st == RS_OK && ch->columns[k].name; k++)
            st = check_cell(&f, &ch->columns[k], at[k], &fig[k], err);
        /* a cell in quotes may hold line breaks: the next row starts lower */
        for (const char *nl = strchr(f.csv.row, '\n'); nl && nl[1]; nl = strchr(nl + 1, '\n'))
            f.line++;
    }
    rs_plotdata_close(&f.csv);
    if (st != RS_OK)
        return st;
    put_figures(vars, ch, rows, fig);
    bool drawn = false;
    for (int k = 0; ch->columns[k].name; k++)
        drawn |= (ch->columns[k].rules & DRAWN) && fig[k].n > 0;
    if (!drawn)
        *why_not = ch->empty;
    return RS_OK;
}

/* Which charts' files are there (the others' notes in why_not), each a
 * regular file, before any is read; RS_ERR_INPUT when none is. */
static rs_status find_charts(const char *dir, const char **why_not, char *err)
{
    int present = 0;
    for (int c = 0; c < N_FIT_CHARTS; c++) {
        why_not[c] = exists(dir, fit_charts[c].file) ? NULL : fit_charts[c].absent;
        if (why_not[c])
            continue;
        char path[RS_PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s", dir, fit_charts[c].file);
        rs_status st = rs_fs_check_regular(path, err);
        if (st != RS_OK)
            return st;
        present++;
    }
    if (present == 0)
        return rs_fail(err, RS_ERR_INPUT,
                       "%s is not a rampsim fit directory (it has none of fit-deal-sizes.csv, fit-cycles.csv, "
                       "fit-ramp.csv and fit-win-rate.csv)",
                       rs_fs_shown(dir).text);
    return RS_OK;
}

rs_status rs_plot_fit_dir(const char *dir, const volatile sig_atomic_t *stop, char *err)
{
    const char *why_not[N_FIT_CHARTS + 1] = {NULL};
    const char *charts[N_FIT_CHARTS + 1] = {NULL};
    rs_status st = find_charts(dir, why_not, err);
    rs_gnuplot_vars v;
    if (st == RS_OK)
        st = rs_gnuplot_open(&v, dir, stop, err);
    if (st != RS_OK)
        return st;
    for (int c = 0; st == RS_OK && c < N_FIT_CHARTS; c++) {
        charts[c] = fit_charts[c].chart;
        if (!why_not[c])
            st = read_chart(dir, &fit_charts[c], v.f, &why_not[c], err);
    }
    if (st != RS_OK) {
        rs_gnuplot_discard(&v);
        return st;
    }
    return rs_gnuplot_draw(charts, why_not, &v, err);
}
