/* cli/fit.c: rampsim fit: a scenario fitted to a team's own CRM history
 * (docs/fit.md). The files are read, and every input error reported,
 * before anything is computed or written. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "params.h"
#include "scenario_names.h"
#include "rampsim/plot.h"

#include "crm_read.h"
#include "dates.h"
#include "fit.h"
#include "fsutil.h"

static const char fit_help[] =
    "Usage: rampsim fit OPPORTUNITIES.csv [OPTION]...\n"
    "Fit a scenario to a team's own history: an export of its CRM's\n"
    "opportunities (owner, created and close dates, amount, stage), and with\n"
    "--roster its reps' hire and leave dates. Writes fitted.ini, a scenario whose\n"
    "deal size, cycle, win rate, leads, ramp and attrition reproduce the history\n"
    "when simulated with the practices of --current, and a report.\n\n"
    "      --roster TEAM.csv   the reps: name, hired (a date), left (a date, blank\n"
    "                          while they stay); fits the ramp, attrition and skills\n"
    "      --current PLAN.ini  the scenario of the practices the history was made\n"
    "                          under (coaching, one-on-ones, meeting, ride-alongs);\n"
    "                          default: the defaults (docs/defaults.ini)\n"
    "      --columns F=NAME,...\n"
    "                          the file's column for a field (owner, created, close,\n"
    "                          amount, stage, won, closed) when it is not recognised\n"
    "      --date-format iso|us|eu\n"
    "                          how dates such as 03/05/2026 read: us is month first,\n"
    "                          eu day first (needed only when the file does not say)\n"
    "      --as-of DATE        the day the export was taken (default: the latest\n"
    "                          date in the file); opportunities open then are censored\n"
    "  -o, --output DIR        write into DIR (default: results/fit)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    simulated histories a step of the fit (default 200)\n"
    "      --seed S            their seed (default: the --current scenario's)\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override a key of the --current scenario; may be repeated\n"
    "  -q, --quiet             do not print the report\n"
    "  -h, --help              show this help\n\n"
    "Writes fitted.ini, fitted-roster.csv (with --roster), fit-values.csv,\n"
    "fit-report.csv and the charts' data (docs/fit.md). Too little data for a\n"
    "key leaves it at the --current value, and the report says so.\n";

#define DEFAULT_HISTORIES 200
#define MIN_HISTORIES 20
#define MAX_HISTORIES 10000

typedef struct fit_args {
    const char *roster, *current, *columns, *date_format, *as_of;
} fit_args;

typedef struct fit_job {
    rs_history history;
    rs_scenario *current;
    rs_fit_options options;
    rs_fit_result *result;
    const char *source; /* the opportunities' file, named by a message about the history */
} fit_job;

static rs_status compute_fit(void *ctx, const rs_engine_options *engine, char *err)
{
    fit_job *job = ctx;
    job->options.interrupted = engine->interrupted;
    rs_status st = rs_fit_run(&job->history, job->current, &job->options, &job->result, err);
    if (st == RS_ERR_INPUT) {
        char message[RS_ERRMSG_SIZE];
        snprintf(message, sizeof message, "%s", err);
        return rs_fail(err, st, "%s: %s", job->source, message);
    }
    return st;
}

static rs_status write_fit(const void *ctx, const char *tmp, char *err)
{
    return rs_fit_write(((const fit_job *)ctx)->result, tmp, err);
}

static rs_status draw_fit(const char *dir, const void *ctx, char *err)
{
    (void)ctx;
    return rs_plot_fit_dir(dir, rs_job_interrupt_flag(), err);
}

static void print_fit(const void *ctx)
{
    rs_fit_print(stdout, ((const fit_job *)ctx)->result);
}

/* The fit simulates the history under single values: a scenario whose
 * keys are ranges has no single history to match. */
static rs_status refuse_uncertain(const rs_scenario *sc, const char *path, char *err)
{
    if (sc->uncertain.count == 0)
        return RS_OK;
    const rs_uncertain *u = &sc->uncertain.keys[0];
    const rs_param *p = &rs_params[u->param];
    char where[RS_PATH_MAX + 160];
    /* the place of the range, or of effects.uncertainty when research gave it */
    rs_scenario_place(sc, u->research ? "effects" : p->section, u->research ? "uncertainty" : p->key, where,
                      sizeof where);
    if (!where[0])
        snprintf(where, sizeof where, "%s: ", path ? path : "--set");
    return rs_fail(err, RS_ERR_INPUT, "%sfit needs single values, but %d key%s uncertain (%s.%s%s); give the "
                   "plan's values as numbers and effects.uncertainty = none",
                   where, sc->uncertain.count, sc->uncertain.count == 1 ? " is" : "s are", p->section, p->key,
                   u->research ? ", from effects.uncertainty = research" : " first");
}

/* The --current scenario (or the defaults) with --set and --seed. */
static rs_status load_current(const fit_args *a, const rs_cli_options *o, rs_scenario **out, char *err)
{
    if (a->current) {
        rs_cli_options scenario_options = *o;
        scenario_options.replications = NULL; /* -n counts the fit's histories */
        return rs_cli_load_scenario(a->current, &scenario_options, out, err);
    }
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_scenario_override(sc, NULL, o->seed, (char *const *)o->sets, o->n_sets, err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

/* A roster whose dates contradict the opportunities: a deal inherited
 * from a rep who left is usual (the report counts them), but a quarter of
 * them outside their owner's time on the team is dates that are wrong. */
static rs_status check_tenures(const rs_history *h, const char *opportunities, const char *roster, char *err)
{
    size_t first = 0, n = rs_history_outside_tenure(h, &first);
    if (n == 0 || 4 * n <= h->opportunity_count)
        return RS_OK;
    const rs_history_opportunity *o = &h->opportunities[first];
    const rs_history_rep *r = &h->reps[o->owner];
    char created[16], hired[16], left[16] = "";
    rs_date_format(o->created, created, sizeof created);
    rs_date_format(r->hired, hired, sizeof hired);
    if (r->left != RS_DAY_NONE)
        rs_date_format(r->left, left, sizeof left);
    return rs_fail(err, RS_ERR_INPUT,
                   "%s: %zu of %zu opportunities were created outside their owner's time on the team in %s (the "
                   "first, line %d: created %s, %s hired %s%s%s): check its hired and left dates",
                   opportunities, n, h->opportunity_count, roster, o->line, created, r->name, hired,
                   left[0] ? ", left " : "", left);
}

/* Reads the roster and the opportunities into job->history. */
static rs_status read_history(const fit_args *a, const char *opportunities, fit_job *job, char *err)
{
    rs_crm_options crm = {.columns = a->columns, .date_order = RS_DATES_AUTO};
    rs_status st = RS_OK;
    if (a->date_format &&
        (st = rs_cli_name_option(rs_crm_parse_date_format(a->date_format, &crm.date_order, err), "--date-format",
                                 err)) != RS_OK)
        return st;
    if (a->roster && (st = rs_crm_read_roster(a->roster, a->roster, &crm, &job->history, err)) != RS_OK)
        return st;
    if ((st = rs_crm_read_opportunities(opportunities, opportunities, &crm, &job->history, err)) != RS_OK)
        return st;
    if (a->roster && (st = check_tenures(&job->history, opportunities, a->roster, err)) != RS_OK)
        return st;
    if (a->as_of) {
        rs_day day;
        if (!rs_date_parse(a->as_of, &day)) {
            char what[160];
            snprintf(what, sizeof what, "--as-of must be a date such as 2026-03-05, got \"%.60s\"", a->as_of);
            return rs_cli_usage_error(err, "fit", what);
        }
        if (day < rs_history_last_day(&job->history)) {
            char last[16];
            rs_date_format(rs_history_last_day(&job->history), last, sizeof last);
            snprintf(err, RS_ERRMSG_SIZE, "--as-of %s is before the file's latest date, %s", a->as_of, last);
            return RS_ERR_INPUT;
        }
        job->history.export_day = day;
    }
    return RS_OK;
}

rs_status rs_cmd_fit(int argc, char **argv, char *err)
{
    fit_args a = {0};
    const rs_cli_option own[] = {
        {.name = "roster", .value = &a.roster},           {.name = "current", .value = &a.current},
        {.name = "columns", .value = &a.columns},         {.name = "date-format", .value = &a.date_format},
        {.name = "as-of", .value = &a.as_of},             {.name = NULL},
    };
    const rs_cli_command command = {
        .name = "fit", .help = fit_help, .own = own, .min_args = 1, .max_args = 1,
        .shared = RS_OPT_QUIET | RS_OPT_OUTPUT | RS_OPT_PLOT | RS_OPT_SCENARIO,
        .missing = "missing the opportunities file",
    };
    rs_cli_options o;
    rs_status st = rs_cli_parse(&command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    long long histories = o.replications ? o.replications_value : DEFAULT_HISTORIES;
    if (histories < MIN_HISTORIES || histories > MAX_HISTORIES) {
        char what[128];
        snprintf(what, sizeof what, "-n must be between %d and %d simulated histories for a fit, got %lld",
                 MIN_HISTORIES, MAX_HISTORIES, histories);
        return rs_cli_usage_error(err, "fit", what);
    }
    const char *dir = o.output ? o.output : "results/fit";
    const char *inputs[] = {o.args[0], a.roster, a.current};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        if (inputs[i] && rs_fs_within(inputs[i], dir))
            return rs_fail(err, RS_ERR_INPUT, "%s is inside %s, the directory the fit writes and replaces: write the "
                           "fit elsewhere with -o", inputs[i], dir);
    fit_job job = {.options = {.replications = (int)histories}, .source = o.args[0]};
    rs_history_init(&job.history);
    st = load_current(&a, &o, &job.current, err);
    if (st == RS_OK)
        st = refuse_uncertain(job.current, a.current, err);
    if (st == RS_OK)
        st = read_history(&a, o.args[0], &job, err);
    if (st == RS_OK) {
        job.options.seed = job.current->run.seed;
        rs_job run = {.dir = dir, .threads = 1, .quiet = o.quiet,
                      .compute = compute_fit, .write = write_fit, .draw = o.plot ? draw_fit : NULL,
                      .print = print_fit, .says_charts = true, .ctx = &job};
        st = rs_job_run(&run, err);
    }
    rs_fit_result_free(job.result);
    rs_scenario_free(job.current);
    rs_history_free(&job.history);
    return st;
}
