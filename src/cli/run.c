/* cli/run.c: rampsim run: simulate one scenario and write its results. */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "rampsim/output.h"
#include "rampsim/plot.h"

static const char run_help[] =
    "Usage: rampsim run SCENARIO.ini [OPTION]...\n"
    "Simulate the scenario and write its results into a directory.\n\n"
    "  -o, --output DIR        write results into DIR (default: results/<run.name>)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    override run.replications\n"
    "      --seed S            override run.seed\n"
    "  -j, --threads N         threads to use (default: one per core); results do not\n"
    "                          depend on it\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override one scenario key; may be repeated\n"
    "  -q, --quiet             do not print the summary table\n"
    "  -h, --help              show this help\n\n"
    "Writes summary.csv, quarters.csv, weekly.csv, ramp.csv, manager.csv,\n"
    "attainment.csv, reps.csv (a row a seat) and scenario.ini (see\n"
    "docs/outputs.md). A failed or interrupted run leaves no result directory\n"
    "behind.\n";

static const rs_cli_command run_command = {
    .name = "run", .help = run_help, .shared = RS_OPT_ALL, .min_args = 1, .max_args = 1,
    .missing = "missing the scenario file",
};

typedef struct run_job {
    const rs_scenario *scenario;
    rs_results *results;
} run_job;

static rs_status compute_run(void *ctx, const rs_engine_options *engine, char *err)
{
    run_job *run = ctx;
    return rs_engine_run(run->scenario, engine, &run->results, err);
}

static rs_status write_run(const void *ctx, const char *tmp, char *err)
{
    const run_job *run = ctx;
    return rs_output_write(run->results, tmp, err);
}

static rs_status draw_run(const char *dir, const void *ctx, char *err)
{
    (void)ctx;
    return rs_plot_dir(dir, rs_job_interrupt_flag(), err); /* a signal stops the charts at once */
}

static void print_run(const void *ctx)
{
    const run_job *run = ctx;
    rs_output_print_table(stdout, run->results);
}

rs_status rs_cmd_run(int argc, char **argv, char *err)
{
    rs_cli_options o;
    rs_scenario *sc;
    rs_status st = rs_cli_parse_scenario(&run_command, argc, argv, &o, &sc, err);
    if (st != RS_OK || !sc)
        return st;
    char dir[RS_PATH_MAX];
    snprintf(dir, sizeof dir, o.output ? "%s" : "results/%s", o.output ? o.output : sc->run.name);

    run_job ctx = {.scenario = sc};
    rs_job job = {.dir = dir, .threads = o.threads, .quiet = o.quiet, .compute = compute_run, .write = write_run,
                  .draw = o.plot ? draw_run : NULL, .print = print_run, .says_charts = true, .ctx = &ctx};
    st = rs_job_run(&job, err);
    rs_results_free(ctx.results);
    rs_scenario_free(sc);
    return st;
}
