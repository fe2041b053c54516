/* cli/calibrate.c: rampsim calibrate: run the claim scenarios and check the
 * published figures the defaults are calibrated to. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "rampsim/calibrate.h"
#include "rampsim/plot.h"

static const char calibrate_help[] =
    "Usage: rampsim calibrate [OPTION]...\n"
    "Run the claim scenarios (scenarios/seed-*.ini) and check that the model\n"
    "reproduces the published figures the defaults are calibrated to, each\n"
    "with its 95% interval and tolerance, and stays within the plausibility\n"
    "bounds P1-P4; claim C6 (take over or coach) is reported quarter by quarter.\n"
    "A check holds when its figure and whole interval lie within the range; it\n"
    "is unresolved when the interval crosses an edge (the table says how many\n"
    "replications would settle it) and fails when the figure lies outside.\n\n"
    "  -o, --output DIR        write calibrate.csv, calibrate-c6.csv and\n"
    "                          calibrate-practices.csv into DIR\n"
    "                          (default: results/calibrate)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    replications per scenario (default: as the files say)\n"
    "      --seed S            override run.seed\n"
    "  -j, --threads N         threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override a key in every claim scenario (to see how\n"
    "                          a calibrated default moves the claims); may be repeated\n"
    "  -q, --quiet             do not print the table (a failing check is still told)\n"
    "  -h, --help              show this help\n\n"
    "Exit status: 0 when no check fails (unresolved ones included), 1 when one\n"
    "fails, 2 for bad usage. docs/calibration.md explains each check.\n";

static const rs_cli_command calibrate_command = {
    .name = "calibrate", .help = calibrate_help, .shared = RS_OPT_ALL, .min_args = 0, .max_args = 0,
};

typedef struct calibrate_job {
    rs_calibrate_options options;
    rs_calibration *calibration;
} calibrate_job;

static rs_status compute_calibration(void *ctx, const rs_engine_options *engine, char *err)
{
    calibrate_job *job = ctx;
    job->options.engine = *engine;
    return rs_calibrate(&job->options, job->calibration, err);
}

static rs_status write_calibration(const void *ctx, const char *tmp, char *err)
{
    const calibrate_job *job = ctx;
    return rs_calibration_write(job->calibration, tmp, err);
}

static rs_status draw_calibration(const char *dir, const void *ctx, char *err)
{
    const rs_calibration *c = ((const calibrate_job *)ctx)->calibration;
    int bounds = 0;
    for (int i = 0; i < c->n_checks; i++)
        bounds += c->checks[i].bound;
    return rs_plot_calibration(dir, c->replications, c->n_quarters, c->n_checks - bounds, bounds, err);
}

static void print_calibration(const void *ctx)
{
    rs_calibration_print(stdout, ((const calibrate_job *)ctx)->calibration);
}

rs_status rs_cmd_calibrate(int argc, char **argv, char *err)
{
    rs_cli_options o;
    rs_status st = rs_cli_parse(&calibrate_command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    calibrate_job ctx = {
        .options = {.replications = o.replications_value, .seed = o.seed, .sets = o.sets, .n_sets = o.n_sets},
        .calibration = malloc(sizeof(rs_calibration)),
    };
    if (!ctx.calibration)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    const char *dir = o.output ? o.output : "results/calibrate";
    rs_job job = {.dir = dir, .threads = o.threads, .quiet = o.quiet, .compute = compute_calibration,
                  .write = write_calibration, .draw = o.plot ? draw_calibration : NULL, .print = print_calibration,
                  .ctx = &ctx};
    st = rs_job_run(&job, err);
    if (st == RS_OK) {
        int failures = rs_calibration_failures(ctx.calibration);
        if (failures)
            st = rs_fail(err, RS_ERR_RUNTIME, "%d of %d checks fail", failures, ctx.calibration->n_checks);
    }
    free(ctx.calibration);
    return st;
}
