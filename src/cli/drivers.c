/* cli/drivers.c: rampsim drivers: which uncertain inputs, and which parts
 * of the year's luck, go with the worst (or best) outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "rampsim/drivers.h"
#include "rampsim/plot.h"

static const char drivers_help[] =
    "Usage: rampsim drivers SCENARIO.ini [--metric NAME] [--below P10 | --above P90] [OPTION]...\n"
    "Run the scenario keeping what each replication drew, and rank what goes with\n"
    "the outcomes in the tail: each uncertain input (a key given as a distribution,\n"
    "or effects.uncertainty = research) and each part of the year's luck (reps who\n"
    "left, hires' ramp times, skill, deal sizes). For each: how far its median moves\n"
    "in the tail, in standard deviations (@RISK's significance), its rank\n"
    "correlation with the metric and its share of the squared correlations; and,\n"
    "for the spider chart, the metric's mean in each tenth of its distribution.\n\n"
    "      --metric NAME           the metric (default team_attainment_fy1, or\n"
    "                              team_bookings_total within a fiscal year; one\n"
    "                              value a replication)\n"
    "      --below PN              the tail: replications at or below the metric's\n"
    "                              N-th percentile, 1 to 50 (default P10)\n"
    "      --above PN              the best years instead: at or above the N-th\n"
    "                              percentile, 50 to 99 (such as P90)\n"
    "  -o, --output DIR            write the results into DIR (default: results/drivers)\n"
    "      --plot                  also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N        override run.replications (at most 1,000,000)\n"
    "      --seed S                override run.seed\n"
    "  -j, --threads N             threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE override a key; may be repeated\n"
    "  -q, --quiet                 do not print the table\n"
    "  -h, --help                  show this help\n\n"
    "Writes drivers.csv, spider.csv and scenario.ini (docs/outputs.md).\n";

typedef struct drivers_job {
    const rs_scenario *scenario;
    const char *metric;
    double tail_share;
    bool upper;
    rs_drivers *drivers;
} drivers_job;

static rs_status compute_drivers(void *ctx, const rs_engine_options *engine, char *err)
{
    drivers_job *job = ctx;
    return rs_drivers_run(job->scenario, job->metric, job->tail_share, job->upper, engine, &job->drivers, err);
}

static rs_status write_drivers(const void *ctx, const char *tmp, char *err)
{
    return rs_drivers_write(((const drivers_job *)ctx)->drivers, tmp, err);
}

static rs_status draw_drivers(const char *dir, const void *ctx, char *err)
{
    const rs_drivers *d = ((const drivers_job *)ctx)->drivers;
    int of[RS_DRIVERS_MAX], lines = rs_drivers_spider_lines(d, of);
    const char *labels[RS_DRIVERS_MAX];
    for (int i = 0; i < lines; i++)
        labels[i] = d->drivers[of[i]].label;
    return rs_plot_drivers(dir, d->metric, d->unit, d->upper, d->tail_share, d->count, labels, lines, err);
}

static void print_drivers(const void *ctx)
{
    rs_drivers_print(stdout, ((const drivers_job *)ctx)->drivers);
}

/* "P10", "p10", "10" or "10%" as a percentile from lo to hi. */
static bool percentile(const char *text, int lo, int hi, int *out)
{
    const char *s = text + (*text == 'P' || *text == 'p');
    size_t digits = strspn(s, "0123456789");
    if (digits == 0 || digits > 2 || (digits == 2 && s[0] == '0') || (s[digits] && strcmp(s + digits, "%") != 0))
        return false;
    int n = atoi(s);
    if (n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

/* The tail of --below or --above: its share and side. */
static rs_status tail_option(const char *below, const char *above, double *share, bool *upper, char *err)
{
    int n;
    *upper = above != NULL;
    if (below && above)
        return rs_cli_usage_error(err, "drivers", "give --below or --above, not both");
    if (above) {
        if (!percentile(above, 50, 99, &n))
            return rs_fail(err, RS_ERR_INPUT, "--above must be a percentile from P50 to P99 (such as P90), got %s",
                           above);
        *share = (100 - n) / 100.0;
        return RS_OK;
    }
    if (!percentile(below ? below : "P10", 1, 50, &n))
        return rs_fail(err, RS_ERR_INPUT, "--below must be a percentile from P1 to P50 (such as P10), got %s", below);
    *share = n / 100.0;
    return RS_OK;
}

rs_status rs_cmd_drivers(int argc, char **argv, char *err)
{
    const char *metric = NULL, *below = NULL, *above = NULL;
    const rs_cli_option own[] = {{.name = "metric", .value = &metric},
                                 {.name = "below", .value = &below},
                                 {.name = "above", .value = &above},
                                 {.name = NULL}};
    const rs_cli_command command = {.name = "drivers", .help = drivers_help, .shared = RS_OPT_ALL, .own = own,
                                    .min_args = 1, .max_args = 1, .missing = "missing the scenario file"};
    rs_cli_options o;
    rs_status st = rs_cli_parse(&command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    drivers_job ctx = {0};
    st = tail_option(below, above, &ctx.tail_share, &ctx.upper, err);
    rs_scenario *sc = NULL;
    if (st == RS_OK)
        st = rs_cli_load_scenario(o.args[0], &o, &sc, err);
    if (st == RS_OK && sc->run.replications > RS_DRIVERS_MAX_REPLICATIONS)
        st = rs_fail(err, RS_ERR_INPUT, "drivers keeps every replication: run.replications must be at most "
                                        "1000000, got %lld (use -n)", sc->run.replications);
    rs_reported_metric found;
    if (st == RS_OK && !metric) /* first-year attainment, or bookings when no fiscal year is whole */
        metric = rs_reported_metric_find(sc, "team_attainment_fy1", &found, err) == RS_OK ? "team_attainment_fy1"
                                                                                       : "team_bookings_total";
    if (st == RS_OK)
        st = rs_cli_name_option(rs_reported_metric_find(sc, metric, &found, err), "--metric", err);
    if (st == RS_OK && !found.paired)
        st = rs_fail(err, RS_ERR_INPUT, "--metric %s: pooled over the hires, not one value a replication; choose "
                                        "a team metric such as team_attainment_fy1", metric);
    if (st == RS_OK) {
        rs_cli_note_evidence(sc, sc->run.name, NULL);
        ctx.scenario = sc;
        ctx.metric = metric;
        rs_job job = {.dir = o.output ? o.output : "results/drivers", .threads = o.threads, .quiet = o.quiet,
                      .compute = compute_drivers, .write = write_drivers, .draw = o.plot ? draw_drivers : NULL,
                      .print = print_drivers, .base = sc, .base_of = "drivers analysis", .says_charts = true,
                      .ctx = &ctx};
        st = rs_job_run(&job, err);
    }
    rs_drivers_free(ctx.drivers);
    rs_scenario_free(sc);
    return st;
}
