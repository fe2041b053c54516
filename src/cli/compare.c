/* cli/compare.c: rampsim compare: scenarios side by side on common random
 * numbers, each labelled so that no scenario's files replace another's. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "cli/precision.h"
#include "rampsim/compare.h"
#include "rampsim/output.h"
#include "rampsim/plot.h"

#define MAX_COMPARED 16

static const char compare_help[] =
    "Usage: rampsim compare A.ini B.ini [C.ini]... [OPTION]...\n"
    "Run the scenarios side by side on common random numbers: every one with the\n"
    "first's seed and replications, so that replication r of each sees the same\n"
    "leads, deals and departures wherever they mean the same thing. For every\n"
    "metric, each scenario's median with its 95% interval, and against the first\n"
    "the mean of the paired differences with its 95% interval (honest where few\n"
    "replications differ: docs/outputs.md) and the shares of replications in\n"
    "which it did better and worse. The scenarios must share horizon and start\n"
    "week.\n\n"
    "  -o, --output DIR        write the results into DIR (default: results/compare)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    override run.replications (of every scenario)\n"
    "      --seed S            override run.seed (of every scenario)\n"
    "  -j, --threads N         threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override a key in every scenario; may be repeated\n"
    RS_CLI_PRECISION_HELP
    "  -q, --quiet             do not print the table\n"
    "  -h, --help              show this help\n\n"
    "Writes compare.csv, compare-attainment.csv, compare-quarters.csv,\n"
    "compare-manager.csv and scenario-<name>.ini for each (docs/outputs.md).\n";



typedef struct compare_job {
    rs_scenario *scenarios[MAX_COMPARED];
    rs_results *results[MAX_COMPARED];
    rs_comparison *comparison;
    char labels[MAX_COMPARED][RS_NAME_MAX + 24]; /* name, "-", a position, "-" and a count */
    const char *label_list[MAX_COMPARED];
    int k;
    rs_cli_precision precision;
} compare_job;

static rs_compare_set compare_set(const compare_job *job)
{
    rs_compare_set set = {.k = job->k, .results = (rs_results **)job->results, .comparison = job->comparison,
                          .labels = job->label_list};
    return set;
}

static rs_status compute_compare(void *ctx, const rs_engine_options *engine, char *err)
{
    compare_job *job = ctx;
    rs_engine_options options = rs_cli_precision_engine(&job->precision, engine, RS_PRECISION_DIFFERENCE);
    rs_status st = rs_engine_compare((const rs_scenario *const *)job->scenarios, job->k, &options, job->results,
                                     &job->comparison, err);
    for (int j = 0; st == RS_OK && j < job->k; j++) /* each scenario-<label>.ini says what ran */
        job->scenarios[j]->run.replications = job->results[j]->replications;
    return st;
}

static rs_status write_compare(const void *ctx, const char *tmp, char *err)
{
    const compare_job *job = ctx;
    rs_compare_set set = compare_set(job);
    rs_status st = rs_compare_write(&set, tmp, err);
    for (int j = 0; st == RS_OK && j < job->k; j++) {
        char name[RS_NAME_MAX + 64], heading[RS_NAME_MAX + 96];
        snprintf(name, sizeof name, "scenario-%s.ini", job->labels[j]);
        snprintf(heading, sizeof heading, "scenario %s of a comparison", job->labels[j]);
        /* labels are unique, and the file is new: never another's */
        st = rs_output_write_scenario(tmp, name, job->scenarios[j], heading, NULL, err);
    }
    return st;
}

static rs_status draw_compare(const char *dir, const void *ctx, char *err)
{
    const compare_job *job = ctx;
    int years = job->results[0]->layout.fiscal_years;
    return rs_plot_comparison(dir, job->k, years < 2 ? years : 2, err);
}

static void print_compare(const void *ctx)
{
    rs_compare_set set = compare_set(ctx);
    rs_compare_print(stdout, &set);
}

/* Whether `label` is taken: by a label given already, or by the run.name
 * of any scenario, which that scenario keeps if it is the first to have
 * it. Case is ignored, for the files scenario-<label>.ini must not replace
 * one another on a file system that ignores it. */
static bool label_taken(const compare_job *job, int j, const char *label)
{
    for (int i = 0; i < job->k; i++)
        if ((i < j && strcasecmp(job->labels[i], label) == 0) ||
            (i != j && strcasecmp(job->scenarios[i]->run.name, label) == 0))
            return true;
    return false;
}

/* Labels every scenario: its run.name, or for a later scenario of a name
 * already taken, "<name>-<position>", and "-2", "-3"... after that while
 * it is still taken. Unique by construction, so that no scenario's files
 * replace another's, whatever the names: "a-3", "a", "a" would otherwise
 * give the third the first's label. */
static void assign_labels(compare_job *job)
{
    for (int j = 0; j < job->k; j++) {
        const char *name = job->scenarios[j]->run.name;
        char *label = job->labels[j];
        snprintf(label, sizeof job->labels[j], "%s", name);
        bool first = true;
        for (int i = 0; i < j; i++)
            first &= strcasecmp(job->labels[i], name) != 0 && strcasecmp(job->scenarios[i]->run.name, name) != 0;
        if (!first) {
            snprintf(label, sizeof job->labels[j], "%s-%d", name, j + 1);
            for (int extra = 2; label_taken(job, j, label); extra++)
                snprintf(label, sizeof job->labels[j], "%s-%d-%d", name, j + 1, extra);
        }
        job->label_list[j] = label;
    }
}

/* Every scenario runs with the first one's seed and replications: common
 * random numbers need both. Horizon and start week cannot be aligned. */
static rs_status align_runs(compare_job *job, char *const *paths, char *err)
{
    const rs_scenario *first = job->scenarios[0];
    for (int j = 1; j < job->k; j++) {
        rs_scenario *sc = job->scenarios[j];
        if (sc->run.horizon_weeks != first->run.horizon_weeks || sc->run.start_week != first->run.start_week)
            return rs_fail(err, RS_ERR_INPUT,
                           "%s: run.horizon_weeks and run.start_week must be those of %s (%d and %d) to compare, "
                           "got %d and %d",
                           paths[j], paths[0], first->run.horizon_weeks, first->run.start_week,
                           sc->run.horizon_weeks, sc->run.start_week);
        sc->run.seed = first->run.seed;
        sc->run.replications = first->run.replications;
        sc->run.replications_per_draw = first->run.replications_per_draw; /* draws of the inputs pair too */
    }
    assign_labels(job);
    return RS_OK;
}

/* Loads, aligns and labels the scenarios of the command line. */
static rs_status load_scenarios(compare_job *job, const rs_cli_options *o, char *err)
{
    rs_status st = RS_OK;
    for (int j = 0; j < job->k && st == RS_OK; j++)
        st = rs_cli_load_scenario(o->args[j], o, &job->scenarios[j], err);
    if (st == RS_OK)
        st = align_runs(job, o->args, err);
    if (st == RS_OK)
        st = rs_cli_precision_metric(&job->precision, job->scenarios[0], err);
    for (int j = 0; j < job->k && st == RS_OK; j++)
        rs_cli_note_evidence(job->scenarios[j], job->labels[j], NULL);
    return st;
}

rs_status rs_cmd_compare(int argc, char **argv, char *err)
{
    compare_job *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    const rs_cli_option own[] = {RS_CLI_PRECISION_OPTIONS(&ctx->precision), {.name = NULL}};
    const rs_cli_command compare_command = {.name = "compare", .help = compare_help, .shared = RS_OPT_ALL,
                                            .own = own, .min_args = 2, .max_args = -1,
                                            .missing = "give at least two scenario files"};
    rs_cli_options o;
    rs_status st = rs_cli_parse(&compare_command, argc, argv, &o, err);
    if (st == RS_OK && !o.help && o.n_args > MAX_COMPARED)
        st = rs_fail(err, RS_ERR_INPUT, "compare takes at most %d scenarios, got %d", MAX_COMPARED, o.n_args);
    if (st == RS_OK && !o.help)
        st = rs_cli_precision_check(&ctx->precision, "compare", &o, err);
    if (st != RS_OK || o.help) {
        free(ctx);
        return st;
    }
    ctx->k = o.n_args;
    st = load_scenarios(ctx, &o, err);
    if (st == RS_OK) {
        rs_job job = {.dir = o.output ? o.output : "results/compare", .threads = o.threads, .quiet = o.quiet,
                      .compute = compute_compare, .write = write_compare, .draw = o.plot ? draw_compare : NULL,
                      .print = print_compare, .ctx = ctx};
        st = rs_job_run(&job, err);
    }
    for (int j = 0; j < ctx->k; j++) {
        rs_results_free(ctx->results[j]);
        rs_scenario_free(ctx->scenarios[j]);
    }
    rs_comparison_free(ctx->comparison);
    free(ctx);
    return st;
}
