/* cli/commands.c: the table of commands and rampsim's own --help. */
#include "cli/commands.h"

#include <string.h>

const rs_command rs_commands[] = {
    {"run", rs_cmd_run, "simulate a scenario and write its results (and charts)"},
    {"check", rs_cmd_check, "validate a scenario and print it with every key resolved"},
    {"defaults", rs_cmd_defaults, "print a scenario file with every key, its default and meaning"},
    {"plot", rs_cmd_plot, "draw the charts of an existing result directory"},
    {"compare", rs_cmd_compare, "run scenarios side by side on common random numbers"},
    {"sweep", rs_cmd_sweep, "run a scenario across the values of one or two keys"},
    {"tornado", rs_cmd_tornado, "rank every numeric key by how much it moves a metric"},
    {"drivers", rs_cmd_drivers, "rank the uncertain inputs and the luck behind the worst (or best) years"},
    {"calibrate", rs_cmd_calibrate, "check the published figures the defaults are calibrated to"},
    {"fit", rs_cmd_fit, "fit a scenario to a team's own CRM history (opportunities, roster)"},
    {NULL, NULL, NULL},
};

const rs_command *rs_command_find(const char *name)
{
    for (const rs_command *c = rs_commands; c->name; c++)
        if (strcmp(name, c->name) == 0)
            return c;
    return NULL;
}

void rs_cli_print_help(FILE *out)
{
    fprintf(out, "Usage: rampsim COMMAND [OPTION]... [ARGUMENT]...\n"
                 "Monte Carlo simulation of new sales reps' ramp and a team's quota attainment\n"
                 "under what its manager does: coaching, one-on-ones, team meetings,\n"
                 "ride-alongs and stepping into deals.\n\nCommands:\n");
    for (const rs_command *c = rs_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out, "\nOptions:\n"
                 "  -h, --help     show this help, or a command's with 'rampsim COMMAND --help'\n"
                 "  -V, --version  show the version\n\n"
                 "Example:\n"
                 "  rampsim run scenarios/default.ini --plot\n\n"
                 "Exit status: 0 success, 1 run-time failure, 2 bad usage or input; stopped by\n"
                 "Ctrl-C (SIGINT), SIGTERM or SIGHUP, it ends as the signal does (130, 143 or\n"
                 "129 in a shell).\n"
                 "Every scenario key: 'rampsim defaults'. Documentation: README.md and docs/.\n");
}
