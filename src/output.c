/* output.c: CSV result files and the resolved scenario (reps.csv is
 * output_reps.c's, the console table output_table.c's).
 * Numbers are written as csv.h writes them, undefined ones as empty cells,
 * so that every file opens in a spreadsheet as it is. */
#include "rampsim/output.h"

#include "csv.h"
#include "dates.h"
#include "fsutil.h"
#include "rampsim/calendar.h"
#include "rampsim/version.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const double rs_percentiles[RS_PERCENTILE_COUNT] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
const double rs_band_percentiles[RS_BAND_COUNT] = {RS_BAND_LOW, RS_MEDIAN, RS_BAND_HIGH};

/* The columns of rs_percentiles, in its order. */
static const char *const percentile_columns[RS_PERCENTILE_COUNT] = {"p5", "p10", "p25", "p50", "p75", "p90", "p95"};

static void put_number(FILE *f, double x)
{
    rs_csv_number(f, x, RS_CSV_FIGURE);
}

/* ",n": the count of values behind a row. */
static void put_count(FILE *f, double n)
{
    fputc(',', f);
    rs_csv_number(f, n, RS_CSV_COUNT);
}

/* The power of ten of x > 0, as an int (0 for anything else). */
static int magnitude(double x)
{
    if (!(x > 0) || !isfinite(x))
        return 0;
    return (int)floor(log10(x));
}

/* x with its sign and `decimals` decimals; a figure that rounds to zero
 * without a sign, since "-0.00" reads as a loss that is not there. */
static void signed_figure(char *buf, size_t size, double x, int decimals)
{
    char text[400]; /* the widest double, and the decimals of the smallest */
    snprintf(text, sizeof text, "%+.*f", decimals, x);
    if (strspn(text + 1, "0.") == strlen(text + 1))
        snprintf(text, sizeof text, "%.*f", decimals, 0.0);
    snprintf(buf, size, "%s", text);
}

static int clamp(int x, int lo, int hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* The decimals that show two significant digits of `scale` (at least
 * `decimals`), within the 15 digits a double holds at `largest`. */
static int decimals_for(double scale, double largest, int decimals)
{
    int precise = largest > 0 ? 14 - magnitude(largest) : 0;
    return clamp(1 - magnitude(scale), decimals, precise > decimals ? precise : decimals);
}

void rs_format_signed(char *buf, size_t size, double x, int decimals)
{
    if (size > 0)
        buf[0] = '\0';
    if (isnan(x))
        return;
    decimals = decimals > 0 ? decimals : 0;
    signed_figure(buf, size, x, decimals_for(fabs(x), fabs(x), decimals));
}

void rs_format_difference(char *buf, size_t size, double difference, double low, double high, int decimals)
{
    if (size > 0)
        buf[0] = '\0';
    if (isnan(difference))
        return;
    decimals = decimals > 0 ? decimals : 0;
    if (!(high > low)) { /* zero width, or no interval */
        char d[400];
        rs_format_signed(d, sizeof d, difference, decimals);
        if (low != high)
            snprintf(buf, size, "%s", d);
        else if (difference == 0.0)
            snprintf(buf, size, "0 (all replications equal)");
        else
            snprintf(buf, size, "%s (in every replication)", d);
        return;
    }
    /* two significant digits of the half-width */
    double largest = fmax(fabs(difference), fmax(fabs(low), fabs(high)));
    int shown = decimals_for((high - low) / 2, largest, decimals);
    char d[400], a[400], b[400];
    signed_figure(d, sizeof d, difference, shown);
    signed_figure(a, sizeof a, low, shown);
    signed_figure(b, sizeof b, high, shown);
    snprintf(buf, size, "%s (%s to %s)", d, a, b);
}

/* The standard error of a slot's mean: with uncertain inputs, of the
 * nested design (replications sharing a draw are not independent), as
 * rs_results_half_width tells it. */
static double stderr_of(const rs_results *r, size_t slot)
{
    return rs_results_stderr(r, slot);
}

/* ",share,low,high": the percent of a slot's variance the inputs explain. */
static void put_inputs_share(FILE *f, const rs_results *r, size_t slot)
{
    rs_nested_summary s;
    bool known = rs_output_inputs_share(r, slot, &s);
    fputc(',', f);
    put_number(f, known ? 100.0 * s.share : NAN);
    fputc(',', f);
    put_number(f, known ? 100.0 * s.share_low : NAN);
    fputc(',', f);
    put_number(f, known ? 100.0 * s.share_high : NAN);
}

/* ",mean,stderr,p5,...,p95" for one slot. */
static void put_distribution(FILE *f, const rs_results *r, size_t slot)
{
    const rs_moments *m = &r->moments[slot];
    fputc(',', f);
    put_number(f, m->n > 0 ? m->mean : NAN);
    fputc(',', f);
    put_number(f, stderr_of(r, slot));
    for (int k = 0; k < RS_PERCENTILE_COUNT; k++) {
        fputc(',', f);
        if (slot < r->layout.sketched)
            put_number(f, rs_sketches_quantile(r->sketches, slot, rs_percentiles[k]));
    }
}

/* The header cells of put_distribution, "mean,stderr,p5,...,p95", each
 * name after prefix. */
static void put_distribution_header(FILE *f, const char *prefix)
{
    fprintf(f, "%smean,%sstderr", prefix, prefix);
    for (int k = 0; k < RS_PERCENTILE_COUNT; k++)
        fprintf(f, ",%s%s", prefix, percentile_columns[k]);
}

/* One row per reported metric, in the order rs_layout_reported_metrics
 * gives (the fiscal years', the plan's, then the scalar metrics), so that
 * summary.csv, compare and --metric name the same metrics. */
static rs_status write_summary(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    size_t max = rs_layout_reported_count(&r->layout);
    rs_reported_metric *rows = malloc(max * sizeof *rows);
    if (!rows)
        return RS_ERR_NOMEM;
    size_t n = rs_layout_reported_metrics(&r->layout, rows, max);
    bool uncertain = r->nested && r->scenario->uncertain.count > 0;
    fprintf(f, "metric,unit,");
    put_distribution_header(f, "");
    fprintf(f, uncertain ? ",n,input_share,input_share_low,input_share_high\n" : ",n\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s,%s", rows[i].name, rows[i].info->unit);
        put_distribution(f, r, rows[i].slot);
        put_count(f, r->moments[rows[i].slot].n);
        if (uncertain)
            put_inputs_share(f, r, rows[i].slot);
        fputc('\n', f);
    }
    free(rows);
    return RS_OK;
}

/* The date `weeks` after week 0's, as YYYY-MM-DD (the scenario has a start date). */
static void put_week_date(FILE *f, const rs_scenario *sc, int weeks)
{
    char date[16];
    rs_date_format((rs_day)(sc->run.start_date + 7 * weeks), date, sizeof date);
    fprintf(f, ",%s", date);
}

static rs_status write_quarters(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    const rs_layout *l = &r->layout;
    bool dated = r->scenario->run.has_start_date;
    fprintf(f, "quarter,fiscal_year,quarter_of_year,first_week,%sweeks,", dated ? "start_date," : "");
    put_distribution_header(f, "");
    fputc('\n', f);
    for (int k = 0; k < l->quarters; k++) {
        const rs_quarter_span *q = &l->quarter_spans[k];
        fprintf(f, "FY%d Q%d,%d,%d,%d", q->fiscal_year, q->quarter, q->fiscal_year, q->quarter, q->first_week);
        if (dated)
            put_week_date(f, r->scenario, q->first_week);
        fprintf(f, ",%d", q->weeks);
        put_distribution(f, r, l->quarter + (size_t)k);
        fputc('\n', f);
    }
    return RS_OK;
}

static rs_status write_weekly(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    const rs_layout *l = &r->layout;
    const rs_scenario *sc = r->scenario;
    static const char *const series[] = {"cum_bookings", "cum_quota"};
    fprintf(f, "week%s,fiscal_year,fiscal_week", sc->run.has_start_date ? ",date" : "");
    for (int s = 0; s < 2; s++) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%s_", series[s]);
        fputc(',', f);
        put_distribution_header(f, prefix);
    }
    fprintf(f, ",active_reps,vacant_seats\n");
    int start = sc->run.start_week;
    for (int w = 0; w < l->horizon; w++) {
        fprintf(f, "%d", w + 1);
        if (sc->run.has_start_date)
            put_week_date(f, sc, w);
        fprintf(f, ",%d,%d", 1 + (start + w) / RS_WEEKS_PER_YEAR, (start + w) % RS_WEEKS_PER_YEAR + 1);
        put_distribution(f, r, l->cum_bookings + (size_t)w);
        put_distribution(f, r, l->cum_quota + (size_t)w);
        rs_csv_cell(f, r->moments[l->team_active + (size_t)w].mean);
        rs_csv_cell(f, r->moments[l->team_vacant + (size_t)w].mean);
        fputc('\n', f);
    }
    return RS_OK;
}

static rs_status write_ramp(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    const rs_layout *l = &r->layout;
    fprintf(f, "tenure_weeks,productivity_mean,productivity_stderr,ramped_share_mean,ramped_share_stderr,"
               "replications\n");
    for (int w = 0; w < l->horizon; w++) {
        const rs_moments *p = &r->moments[l->productivity + (size_t)w];
        const rs_moments *s = &r->moments[l->ramped_share + (size_t)w];
        if (p->n == 0)
            continue;
        fprintf(f, "%d,", w);
        put_number(f, p->mean);
        fputc(',', f);
        put_number(f, rs_moments_stderr(p));
        fputc(',', f);
        put_number(f, s->mean);
        fputc(',', f);
        put_number(f, rs_moments_stderr(s));
        put_count(f, p->n);
        fputc('\n', f);
    }
    return RS_OK;
}

static rs_status write_manager(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    const rs_layout *l = &r->layout;
    const rs_scenario *sc = r->scenario;
    fprintf(f, "week%s", sc->run.has_start_date ? ",date" : "");
    for (int a = 0; a < RS_ACT_COUNT; a++)
        fprintf(f, ",%s", rs_activity_names[a]);
    fprintf(f, ",budget\n");
    double budget = sc->manager.hours_per_week * sc->manager.team_share;
    for (int w = 0; w < l->horizon; w++) {
        fprintf(f, "%d", w + 1);
        if (sc->run.has_start_date)
            put_week_date(f, sc, w);
        for (int a = 0; a < RS_ACT_COUNT; a++) {
            fputc(',', f);
            put_number(f, r->moments[rs_layout_manager_slot(l, w, (rs_activity)a)].mean);
        }
        fputc(',', f);
        put_number(f, budget);
        fputc('\n', f);
    }
    return RS_OK;
}

/* attainment.csv: the distribution of each fiscal year's team attainment in
 * bins of BIN percentage points, as shares of replications. */
#define BIN 2.0
#define MAX_BINS 1000

typedef struct binning {
    double counts[MAX_BINS];
    int top;
} binning;

/* Spreads a sketch bucket's count evenly over the bins its interval
 * overlaps; counting it whole in one bin would make a sawtooth, since the
 * log buckets and the linear bins do not line up. */
static void add_to_bins(void *ctx, double lo, double hi, uint64_t count)
{
    binning *b = ctx;
    /* the last bin takes everything from its lower edge up, so that no
     * count is lost and no bin index overflows an int */
    const double open_from = (MAX_BINS - 1) * BIN;
    double width = hi - lo;
    if (hi > open_from) {
        b->counts[MAX_BINS - 1] += (double)count * (hi - fmax(lo, open_from)) / width;
        b->top = MAX_BINS - 1;
        if (lo >= open_from)
            return;
        hi = open_from;
    }
    int first = (int)floor(fmax(lo, 0.0) / BIN), last = (int)floor(hi / BIN);
    for (int i = first; i <= last && i < MAX_BINS - 1; i++) {
        double overlap = fmin(hi, (i + 1) * BIN) - fmax(lo, i * BIN);
        if (overlap <= 0.0)
            continue;
        b->counts[i] += (double)count * overlap / width;
        if (i > b->top)
            b->top = i;
    }
}

static rs_status write_attainment(FILE *f, const void *ctx)
{
    const rs_results *r = ctx;
    const rs_layout *l = &r->layout;
    static binning bins[2];
    int years = l->fiscal_years < 2 ? l->fiscal_years : 2;
    int top = 0;
    for (int k = 0; k < years; k++) {
        memset(&bins[k], 0, sizeof bins[k]);
        rs_sketches_each(r->sketches, rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT), add_to_bins, &bins[k]);
        if (bins[k].top > top)
            top = bins[k].top;
    }
    fprintf(f, "attainment_from,attainment_to");
    for (int k = 0; k < years; k++)
        fprintf(f, ",fy%d_share", k + 1);
    fputc('\n', f);
    for (int i = 0; years > 0 && i <= top; i++) {
        put_number(f, i * BIN);
        fputc(',', f);
        put_number(f, (i + 1) * BIN);
        for (int k = 0; k < years; k++) {
            uint64_t total = rs_sketches_total(r->sketches, rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT));
            fputc(',', f);
            put_number(f, total ? 100.0 * bins[k].counts[i] / (double)total : 0.0);
        }
        fputc('\n', f);
    }
    return RS_OK;
}

/* What rs_output_write_scenario writes: a heading, then every key resolved. */
typedef struct scenario_file {
    const rs_scenario *scenario;
    const char *heading, *rerun_hint;
} scenario_file;

static rs_status write_scenario_file(FILE *f, const void *ctx)
{
    const scenario_file *file = ctx;
    fprintf(f, "# rampsim %s: %s, every key resolved.\n", RAMPSIM_VERSION, file->heading);
    if (file->rerun_hint)
        fprintf(f, "# Rerun with: %s\n", file->rerun_hint);
    fputc('\n', f);
    rs_scenario_write(f, file->scenario, false);
    return RS_OK;
}

rs_status rs_output_write_scenario(const char *dir, const char *file_name, const rs_scenario *sc, const char *heading,
                                   const char *rerun_hint, char *err)
{
    scenario_file file = {.scenario = sc, .heading = heading, .rerun_hint = rerun_hint};
    return rs_fs_write_file(dir, file_name, write_scenario_file, &file, err);
}

static rs_status write_reps(FILE *f, const void *ctx)
{
    return rs_output_write_reps(f, ctx);
}

rs_status rs_output_write(const rs_results *r, const char *dir, char *err)
{
    static const rs_fs_file files[] = {
        {"summary.csv", write_summary}, {"quarters.csv", write_quarters}, {"weekly.csv", write_weekly},
        {"ramp.csv", write_ramp},       {"manager.csv", write_manager},   {"attainment.csv", write_attainment},
        {"reps.csv", write_reps},
    };
    rs_status st = rs_fs_write_files(dir, files, sizeof files / sizeof files[0], r, err);
    if (st != RS_OK)
        return st;
    return rs_output_write_scenario(dir, "scenario.ini", r->scenario, "the scenario these results come from",
                                    "rampsim run scenario.ini", err);
}
