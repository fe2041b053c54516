/* cli/tornado.c: rampsim tornado: every numeric key moved down and up by a
 * swing, ranked by how far it moves a metric. */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "rampsim/outcome.h"
#include "rampsim/plot.h"
#include "rampsim/tornado.h"
#include "valueparse.h"

#define TORNADO_CHART_BARS 15

static const char tornado_help[] =
    "Usage: rampsim tornado BASE.ini [--swing 20%] [--metric NAME] [OPTION]...\n"
    "Move every numeric key of the scenario down and up by the swing (within its\n"
    "limits; whole numbers by at least one), one at a time and on common random\n"
    "numbers, and rank the keys by how far they move the metric: which\n"
    "assumption drives the result? A key given as a range moves from its mean;\n"
    "to move each across its own range, see the spider chart of rampsim drivers.\n\n"
    "      --swing SHARE           the relative move, such as 20% or 0.1 (default 20%)\n"
    "      --metric NAME           the metric (default team_attainment_fy1; any of\n"
    "                              summary.csv but ramp_weeks and first_win_weeks)\n"
    "  -o, --output DIR            write the results into DIR (default: results/tornado)\n"
    "      --plot                  also draw the chart (PNG and SVG) with gnuplot\n"
    "  -n, --replications N        override run.replications\n"
    "      --seed S                override run.seed\n"
    "  -j, --threads N             threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE override a key of the base; may be repeated\n"
    "  -q, --quiet                 do not print the table\n"
    "  -h, --help                  show this help\n\n"
    "Writes tornado.csv and scenario.ini (docs/outputs.md).\n";

typedef struct tornado_job {
    const rs_scenario *base;
    double swing;
    const char *metric;
    rs_tornado *tornado;
} tornado_job;

static rs_status compute_tornado(void *ctx, const rs_engine_options *engine, char *err)
{
    tornado_job *job = ctx;
    return rs_tornado_run(job->base, job->swing, job->metric, engine, &job->tornado, err);
}

static rs_status write_tornado(const void *ctx, const char *tmp, char *err)
{
    const tornado_job *job = ctx;
    return rs_tornado_write(job->tornado, tmp, err);
}

static rs_status draw_tornado(const char *dir, const void *ctx, char *err)
{
    const rs_tornado *t = ((const tornado_job *)ctx)->tornado;
    /* keys of undefined swing come last in tornado.csv and are not drawn;
     * with none ranked, there is no chart */
    int bars = t->ranked < TORNADO_CHART_BARS ? t->ranked : TORNADO_CHART_BARS;
    return rs_plot_tornado(dir, t->metric, t->unit, t->base, t->swing, bars, err);
}

static void print_tornado(const void *ctx)
{
    rs_tornado_print(stdout, ((const tornado_job *)ctx)->tornado);
}

rs_status rs_cmd_tornado(int argc, char **argv, char *err)
{
    const char *metric = "team_attainment_fy1", *swing_text = "20%";
    const rs_cli_option own[] = {
        {.name = "swing", .value = &swing_text}, {.name = "metric", .value = &metric}, {.name = NULL}};
    const rs_cli_command command = {.name = "tornado", .help = tornado_help, .shared = RS_OPT_ALL, .own = own,
                                    .min_args = 1, .max_args = 1, .missing = "missing the base scenario file"};
    rs_cli_options o;
    rs_status st = rs_cli_parse(&command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    double swing;
    if (!rs_parse_fraction(swing_text, &swing) || !(swing > 0 && swing < 1))
        return rs_fail(err, RS_ERR_INPUT, "--swing must be a share between 0 and 1 (such as 20%% or 0.1), got %s",
                       swing_text);
    rs_scenario *base;
    st = rs_cli_load_scenario(o.args[0], &o, &base, err);
    if (st != RS_OK)
        return st;
    tornado_job ctx = {.base = base, .swing = swing, .metric = metric};
    rs_reported_metric found; /* one summary.csv reports, with a value each replication */
    st = rs_cli_name_option(rs_tornado_metric(base, metric, &found, err), "--metric", err);
    if (st == RS_OK) {
        rs_job job = {.dir = o.output ? o.output : "results/tornado", .threads = o.threads, .quiet = o.quiet,
                      .compute = compute_tornado, .write = write_tornado, .draw = o.plot ? draw_tornado : NULL,
                      .print = print_tornado, .base = base, .base_of = "tornado", .ctx = &ctx};
        st = rs_job_run(&job, err);
    }
    rs_tornado_free(ctx.tornado);
    rs_scenario_free(base);
    return st;
}
