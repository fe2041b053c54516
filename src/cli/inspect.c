/* cli/inspect.c: the commands that run no simulation: rampsim check (a
 * scenario resolved), rampsim defaults (every key) and rampsim plot (the
 * charts of results already written). */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "cli/options.h"
#include "memory.h"
#include "rampsim/engine.h"
#include "rampsim/output.h"
#include "rampsim/plot.h"
#include "rampsim/scenario.h"
#include "rampsim/version.h"

static const char check_help[] =
    "Usage: rampsim check SCENARIO.ini [OPTION]...\n"
    "Validate the scenario and print it with every key resolved; keys that\n"
    "differ from the defaults are marked. The first lines say how much memory\n"
    "a run needs on this machine's cores and how much is available; the last\n"
    "ones, as comments, the team seat by seat and the hiring plan's seats.\n"
    "Exit status 2 if it is not valid.\n\n"
    "  -n, --replications N    override run.replications\n"
    "      --seed S            override run.seed\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override one scenario key; may be repeated\n"
    "  -j, --threads N         the threads of the run whose memory is told\n"
    "                          (default: one per core)\n"
    "  -q, --quiet             print nothing; the exit status tells whether it is valid\n"
    "  -h, --help              show this help\n";

static const rs_cli_command check_command = {
    .name = "check", .help = check_help, .shared = RS_OPT_SCENARIO | RS_OPT_THREADS | RS_OPT_QUIET,
    .min_args = 1, .max_args = 1, .missing = "missing the scenario file",
};

/* The memory line of check: what a run needs and what there is. */
static void print_memory(const rs_scenario *sc, int threads_option)
{
    int threads = rs_engine_threads(sc, threads_option);
    char need[32], available[32];
    rs_memory_format(rs_engine_memory_estimate(&sc, 1, threads), need, sizeof need);
    const char *limited_by;
    rs_memory_format(rs_memory_available(threads, &limited_by), available, sizeof available);
    printf("# a run needs about %s of memory on %d thread%s; %s available (%s)\n\n", need, threads,
           threads == 1 ? "" : "s", available, limited_by);
}

rs_status rs_cmd_check(int argc, char **argv, char *err)
{
    rs_cli_options o;
    rs_scenario *sc;
    rs_status st = rs_cli_parse_scenario(&check_command, argc, argv, &o, &sc, err);
    if (st != RS_OK || !sc)
        return st;
    if (!o.quiet) {
        printf("# %s is valid; every key resolved:\n", o.args[0]);
        print_memory(sc, o.threads);
        rs_scenario_write(stdout, sc, false);
        rs_output_print_team(stdout, sc);
        rs_output_print_uncertain_inputs(stdout, sc);
    }
    rs_scenario_free(sc);
    return RS_OK;
}

static const rs_cli_command defaults_command = {
    .name = "defaults",
    .help = "Usage: rampsim defaults\n"
            "Print a complete scenario file: every key with its default, unit,\n"
            "meaning and, where it has one, its source.\n\n"
            "  -h, --help              show this help\n",
};

rs_status rs_cmd_defaults(int argc, char **argv, char *err)
{
    rs_cli_options o;
    rs_status st = rs_cli_parse(&defaults_command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    printf("# rampsim %s scenario keys and their defaults.\n"
           "# A scenario file need only name what differs from these. Values may be\n"
           "# written as 30%% for shares and as 28,000, $28K or 1.2M for amounts.\n\n",
           RAMPSIM_VERSION);
    rs_scenario_write(stdout, sc, true);
    rs_scenario_free(sc);
    return RS_OK;
}

static const rs_cli_command plot_command = {
    .name = "plot",
    .help = "Usage: rampsim plot DIR [OPTION]...\n"
            "Draw the charts (PNG and SVG) of the result directory DIR that\n"
            "'rampsim run' or 'rampsim fit' wrote. Needs gnuplot.\n\n"
            "  -q, --quiet             do not say where the charts are\n"
            "  -h, --help              show this help\n",
    .shared = RS_OPT_QUIET, .min_args = 1, .max_args = 1, .missing = "missing the result directory",
};

rs_status rs_cmd_plot(int argc, char **argv, char *err)
{
    rs_cli_options o;
    rs_status st = rs_cli_parse(&plot_command, argc, argv, &o, err);
    if (st != RS_OK || o.help)
        return st;
    st = rs_job_redraw(o.args[0], rs_plot_is_fit_dir(o.args[0]) ? rs_plot_fit_dir : rs_plot_dir, err);
    if (st == RS_OK && !o.quiet)
        printf("Charts in %s/\n", o.args[0]);
    return st;
}
