/* cli/run.c: rampsim run: simulate one scenario and write its results,
 * and with --export-crm its first replications as a CRM would hold them. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "cli/precision.h"
#include "crm_write.h"
#include "fsutil.h"
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
    "      --export-crm DIR    also write the first replication as a CRM export into\n"
    "                          DIR: opportunities.csv and roster.csv, the files\n"
    "                          'rampsim fit' reads (needs run.start_date)\n"
    "      --export-crm-replications N\n"
    "                          export replications 1 to N (1 to 1000, default 1),\n"
    "                          each into DIR/replication-K/\n"
    RS_CLI_PRECISION_HELP
    "  -q, --quiet             do not print the summary table\n"
    "  -h, --help              show this help\n\n"
    "Writes summary.csv, quarters.csv, weekly.csv, ramp.csv, manager.csv,\n"
    "attainment.csv, reps.csv (a row a seat) and scenario.ini (see\n"
    "docs/outputs.md). A failed or interrupted run leaves no result directory\n"
    "behind, and no export. An existing DIR is replaced as -o's is: only when\n"
    "rampsim wrote it.\n";

typedef struct run_job {
    rs_scenario *scenario;
    rs_results *results;
    int export_replications;
    const rs_cli_precision *precision;
} run_job;

static rs_status compute_run(void *ctx, const rs_engine_options *engine, char *err)
{
    run_job *run = ctx;
    rs_engine_options options = rs_cli_precision_engine(run->precision, engine, RS_PRECISION_MEAN);
    rs_status st = rs_engine_run(run->scenario, &options, &run->results, err);
    /* the resolved scenario.ini says what ran, and runs it again */
    if (st == RS_OK)
        run->scenario->run.replications = run->results->replications;
    return st;
}

static rs_status write_run(const void *ctx, const char *tmp, char *err)
{
    const run_job *run = ctx;
    return rs_output_write(run->results, tmp, err);
}

static rs_status write_export(const void *ctx, const char *tmp, char *err)
{
    const run_job *run = ctx;
    return rs_crm_export(run->scenario, run->export_replications, tmp, rs_job_interrupt_flag(), err);
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

/* The export's options, checked before the scenario is read: a count
 * without a directory, or one out of range, is bad usage. */
static rs_status check_export_options(const char *dir, const char *count, int *n, char *err)
{
    *n = 1;
    if (!count)
        return RS_OK;
    if (!dir)
        return rs_cli_usage_error(err, "run", "--export-crm-replications needs --export-crm DIR");
    char *end;
    long value = strtol(count, &end, 10);
    if (!*count || *end || value < 1 || value > RS_CRM_MAX_REPLICATIONS)
        return rs_fail(err, RS_ERR_INPUT, "--export-crm-replications must be a whole number from 1 to %d, got %s",
                       RS_CRM_MAX_REPLICATIONS, count);
    *n = (int)value;
    return RS_OK;
}

/* The export's checks once the scenario is read: its dates, and a
 * directory apart from the results'. */
static rs_status check_export(const rs_scenario *sc, const char *export_dir, const char *dir, char *err)
{
    if (!sc->run.has_start_date)
        return rs_fail(err, RS_ERR_INPUT, "--export-crm needs run.start_date, the date of week 0: add --set "
                       "run.start_date=2027-01-04 (or a [run] start_date line)");
    if (rs_fs_nested(export_dir, dir))
        return rs_fail(err, RS_ERR_INPUT, "--export-crm %s: the export and the results (%s) need directories "
                       "apart, neither inside the other", export_dir, dir);
    return RS_OK;
}

rs_status rs_cmd_run(int argc, char **argv, char *err)
{
    const char *export_dir = NULL, *export_count = NULL;
    rs_cli_precision precision = {0};
    const rs_cli_option own[] = {{.name = "export-crm", .value = &export_dir},
                                 {.name = "export-crm-replications", .value = &export_count},
                                 RS_CLI_PRECISION_OPTIONS(&precision),
                                 {.name = NULL}};
    const rs_cli_command command = {.name = "run", .help = run_help, .shared = RS_OPT_ALL, .own = own,
                                    .min_args = 1, .max_args = 1, .missing = "missing the scenario file"};
    rs_cli_options o;
    int export_replications;
    rs_status st = rs_cli_parse(&command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    st = check_export_options(export_dir, export_count, &export_replications, err);
    if (st == RS_OK)
        st = rs_cli_precision_check(&precision, "run", &o, err);
    rs_scenario *sc = NULL;
    if (st == RS_OK)
        st = rs_cli_load_scenario(o.args[0], &o, &sc, err);
    if (st == RS_OK)
        st = rs_cli_precision_metric(&precision, sc, err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    rs_cli_note_evidence(sc, sc->run.name, NULL);
    char dir[RS_PATH_MAX];
    snprintf(dir, sizeof dir, o.output ? "%s" : "results/%s", o.output ? o.output : sc->run.name);
    if (export_dir)
        st = check_export(sc, export_dir, dir, err);

    run_job ctx = {.scenario = sc, .export_replications = export_replications, .precision = &precision};
    rs_job job = {.dir = dir, .threads = o.threads, .quiet = o.quiet, .compute = compute_run, .write = write_run,
                  .draw = o.plot ? draw_run : NULL, .print = print_run, .says_charts = true,
                  .second_dir = export_dir, .second_name = "CRM export",
                  .second_option = "--export-crm", .write_second = write_export, .ctx = &ctx};
    if (st == RS_OK)
        st = rs_job_run(&job, err);
    rs_results_free(ctx.results);
    rs_scenario_free(sc);
    return st;
}
