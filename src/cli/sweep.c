/* cli/sweep.c: rampsim sweep: a scenario across the values of one or two
 * keys (--vary), on common random numbers. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "cli/precision.h"
#include "rampsim/evidence.h"
#include "rampsim/outcome.h"
#include "rampsim/plot.h"
#include "rampsim/sweep.h"

static const char sweep_help[] =
    "Usage: rampsim sweep BASE.ini --vary SECTION.KEY=FROM:TO:STEP [--vary ...] [OPTION]...\n"
    "       rampsim sweep BASE.ini --vary SECTION.KEY=V1,V2,... [--vary ...] [OPTION]...\n"
    "Run the scenario at every value of one key (a response curve) or every pair\n"
    "of values of two (a grid), all on common random numbers, so that neighbouring\n"
    "points differ by the key, not by luck. Enumerations vary like numbers:\n"
    "--vary one_on_one.cadence=none,monthly,biweekly,weekly\n\n"
    "  --vary SECTION.KEY=...      a key and its values; once or twice\n"
    "  --metric NAME               the metric of the table and chart (default\n"
    "                              team_attainment_fy1; any of summary.csv)\n"
    "  -o, --output DIR            write the results into DIR (default: results/sweep)\n"
    "      --plot                  also draw the chart (PNG and SVG) with gnuplot\n"
    "  -n, --replications N        override run.replications\n"
    "      --seed S                override run.seed\n"
    "  -j, --threads N             threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE override a key of the base; may be repeated\n"
    "      --precision H           run until every point's mean of the metric is\n"
    "                              known to +-H (95%); prints how many it took\n"
    "      --max-replications N    the most --precision may run (default " RS_CLI_PRECISION_MAX_DEFAULT ")\n"
    "  -q, --quiet                 do not print the table\n"
    "  -h, --help                  show this help\n\n"
    "Writes sweep.csv (every metric at every point), sweep-chart.csv and\n"
    "scenario.ini (the base, resolved); see docs/outputs.md.\n";

typedef struct sweep_job {
    rs_scenario *base;
    rs_sweep_axis *axes;
    int n_axes;
    const char *metric;
    const rs_cli_precision *precision;
    rs_sweep *sweep;
    bool beyond[RS_SWEEP_MAX_AXES][RS_SWEEP_MAX_VALUES]; /* values beyond the evidence, shaded on the chart */
} sweep_job;

static rs_status compute_sweep(void *ctx, const rs_engine_options *engine, char *err)
{
    sweep_job *job = ctx;
    rs_engine_options options = rs_cli_precision_engine(job->precision, engine, RS_PRECISION_MEAN);
    rs_status st = rs_sweep_run(job->base, job->axes, job->n_axes, &options, &job->sweep, err);
    if (st == RS_OK) /* the resolved scenario.ini says what ran */
        job->base->run.replications = job->sweep->replications;
    return st;
}

static rs_status write_sweep(const void *ctx, const char *tmp, char *err)
{
    const sweep_job *job = ctx;
    return rs_sweep_write(job->sweep, rs_sweep_metric(job->sweep, job->metric), tmp, err);
}

static rs_status draw_sweep(const char *dir, const void *ctx, char *err)
{
    const sweep_job *job = ctx;
    int m = rs_sweep_metric(job->sweep, job->metric);
    rs_plot_beyond beyond = {.x = job->beyond[0], .nx = job->axes[0].n};
    if (job->n_axes > 1) {
        beyond.y = job->beyond[1];
        beyond.ny = job->axes[1].n;
    }
    return rs_plot_sweep(dir, job->metric, job->sweep->metric_units[m], job->axes[0].key,
                         job->n_axes > 1 ? job->axes[1].key : NULL, &beyond, err);
}

static void print_sweep(const void *ctx)
{
    const sweep_job *job = ctx;
    rs_sweep_print(stdout, job->sweep, rs_sweep_metric(job->sweep, job->metric));
}

/* The notes of a sweep beyond the evidence: the base's, without the varied
 * keys, then a line for each axis with values beyond, which the chart
 * shades (job->beyond). */
static rs_status note_sweep_evidence(sweep_job *job, bool charted, char *err)
{
    const char *varied[RS_SWEEP_MAX_AXES + 1] = {NULL};
    for (int a = 0; a < job->n_axes; a++)
        varied[a] = job->axes[a].key;
    rs_cli_note_evidence(job->base, job->base->run.name, varied);
    for (int a = 0; a < job->n_axes; a++) {
        const rs_sweep_axis *axis = &job->axes[a];
        const char *values[RS_SWEEP_MAX_VALUES];
        for (int i = 0; i < axis->n; i++)
            values[i] = axis->values[i];
        char note[RS_EVIDENCE_NOTE_MAX];
        rs_status st = rs_evidence_axis(job->base, axis->key, values, axis->n, charted, job->beyond[a], note,
                                        sizeof note, err);
        if (st != RS_OK)
            return st;
        if (note[0])
            fprintf(stderr, "rampsim: %s\n", note);
    }
    return RS_OK;
}

/* The axes of the --vary arguments and the --metric, checked against the
 * base, and the notes beyond the evidence. */
static rs_status prepare_sweep(sweep_job *job, const char *const *varies, bool charted, char *err)
{
    job->axes = calloc(RS_SWEEP_MAX_AXES, sizeof *job->axes);
    if (!job->axes)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_sweep_axes_parse(job->axes, varies, job->n_axes, job->base, err);
    st = rs_cli_name_option(st, "--vary", err);
    rs_reported_metric found;
    if (st == RS_OK) /* the metric must be one summary.csv reports for this scenario */
        st = rs_cli_name_option(rs_reported_metric_find(job->base, job->metric, &found, err), "--metric", err);
    if (st == RS_OK && job->precision->target > 0) /* and one value a replication, to be made precise */
        st = rs_cli_precision_metric((rs_cli_precision *)job->precision, job->base, err);
    return st == RS_OK ? note_sweep_evidence(job, charted, err) : st;
}

rs_status rs_cmd_sweep(int argc, char **argv, char *err)
{
    const char *varies[RS_SWEEP_MAX_AXES];
    int n_varies = 0;
    rs_cli_precision precision = {.metric = "team_attainment_fy1"};
    const rs_cli_option own[] = {
        {.name = "vary", .value = varies, .count = &n_varies, .max = RS_SWEEP_MAX_AXES,
         .too_many = "at most two --vary"},
        RS_CLI_PRECISION_OPTIONS(&precision),
        {.name = NULL},
    };
    const rs_cli_command command = {.name = "sweep", .help = sweep_help, .shared = RS_OPT_ALL, .own = own,
                                    .min_args = 1, .max_args = 1, .missing = "missing the base scenario file"};
    rs_cli_options o;
    rs_status st = rs_cli_parse(&command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    if (n_varies == 0)
        return rs_cli_usage_error(err, "sweep", "give a key to vary with --vary SECTION.KEY=FROM:TO:STEP");
    st = rs_cli_precision_check(&precision, "sweep", &o, err);
    rs_scenario *base = NULL;
    if (st == RS_OK)
        st = rs_cli_load_scenario(o.args[0], &o, &base, err);
    if (st != RS_OK)
        return st;
    sweep_job ctx = {.base = base, .n_axes = n_varies, .metric = precision.metric, .precision = &precision};
    st = prepare_sweep(&ctx, varies, o.plot && rs_plot_available(), err);
    if (st == RS_OK) {
        rs_job job = {.dir = o.output ? o.output : "results/sweep", .threads = o.threads, .quiet = o.quiet,
                      .compute = compute_sweep, .write = write_sweep, .draw = o.plot ? draw_sweep : NULL,
                      .print = print_sweep, .base = base, .base_of = "sweep", .ctx = &ctx};
        st = rs_job_run(&job, err);
    }
    rs_sweep_free(ctx.sweep);
    free(ctx.axes);
    rs_scenario_free(base);
    return st;
}
