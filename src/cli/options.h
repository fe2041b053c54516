/* cli/options.h: the one option parser of the commands. Every command
 * takes --help, refuses an unknown option alike, names options as typed,
 * and gives the shared options (-q, -n, --seed, -j, -o, --set, --plot) one
 * meaning wherever they apply. */
#ifndef RS_CLI_OPTIONS_H
#define RS_CLI_OPTIONS_H

#include <stdbool.h>

#include "rampsim/scenario.h"
#include "rampsim/status.h"

#define RS_CLI_MAX_SETS 256

/* The shared options a command takes, as bits. Given to a command that
 * does not take it, a shared option is refused with a message saying so. */
enum {
    RS_OPT_QUIET = 1 << 0,        /* -q, --quiet: no table on standard output */
    RS_OPT_REPLICATIONS = 1 << 1, /* -n, --replications N: run.replications */
    RS_OPT_SEED = 1 << 2,         /* --seed S: run.seed */
    RS_OPT_THREADS = 1 << 3,      /* -j, --threads N: 1 to 256 threads */
    RS_OPT_OUTPUT = 1 << 4,       /* -o, --output DIR: the result directory */
    RS_OPT_SET = 1 << 5,          /* --set SECTION.KEY=VALUE, repeated */
    RS_OPT_PLOT = 1 << 6,         /* --plot: draw the charts too */
    RS_OPT_SCENARIO = RS_OPT_REPLICATIONS | RS_OPT_SEED | RS_OPT_SET,
    RS_OPT_ALL = (1 << 7) - 1,
};

/* An option of one command alone: a long name, always with a value. The
 * value given last goes to *value; with count, each in turn goes to
 * value[*count], at most max of them (too_many is the message past that). */
typedef struct rs_cli_option {
    const char *name;
    const char **value;
    int *count;
    int max;
    const char *too_many;
} rs_cli_option;

/* What the parser needs to know of a command. */
typedef struct rs_cli_command {
    const char *name;          /* "sweep", as the messages name it */
    const char *help;          /* printed by --help */
    unsigned shared;           /* the RS_OPT_ bits it takes */
    const rs_cli_option *own;  /* ended by a NULL name; NULL for none */
    int min_args, max_args;    /* the arguments that are no option; max_args < 0: any number */
    const char *missing;       /* the message when fewer than min_args */
} rs_cli_command;

/* The shared options as given, and the arguments. */
typedef struct rs_cli_options {
    bool help;                 /* --help was given and printed: the command is done */
    bool quiet, plot;
    int threads;               /* 0: one per core */
    const char *output;        /* NULL unless -o was given */
    const char *replications;  /* -n as typed, checked; NULL when not given */
    long long replications_value; /* -n's value as run.replications reads it; 0 when not given */
    const char *seed;          /* --seed as typed, checked; NULL when not given */
    char *sets[RS_CLI_MAX_SETS];
    int n_sets;
    char **args;               /* the arguments that are no option, in order */
    int n_args;
} rs_cli_options;

/* Parses argv (argv[0] is the command's name) for the command c into o.
 * RS_OK with o filled, or with o->help set once --help has been printed;
 * RS_ERR_INPUT with a message naming the option as typed and pointing at
 * 'rampsim COMMAND --help'. A value of -n or --seed is checked as the
 * scenario key takes it, before any file is read. */
rs_status rs_cli_parse(const rs_cli_command *c, int argc, char **argv, rs_cli_options *o, char *err);

/* A usage error of a command: "WHAT; see 'rampsim COMMAND --help'".
 * Returns RS_ERR_INPUT. */
rs_status rs_cli_usage_error(char *err, const char *command, const char *what);

/* Puts the option that carried a value in front of a library's message
 * about it: "fy1x: not a metric..." becomes "--metric fy1x: not a
 * metric...". Returns st. */
rs_status rs_cli_name_option(rs_status st, const char *option, char *err);

/* Loads the scenario file at path, applies -n, --seed and every --set of
 * o, then validates. *out is NULL on failure; free it with
 * rs_scenario_free. */
rs_status rs_cli_load_scenario(const char *path, const rs_cli_options *o, rs_scenario **out, char *err);

/* For a command of one scenario file (run, check): rs_cli_parse, then
 * rs_cli_load_scenario of its argument, then the evidence note. RS_OK with
 * *sc NULL when --help was printed. */
rs_status rs_cli_parse_scenario(const rs_cli_command *c, int argc, char **argv, rs_cli_options *o, rs_scenario **sc,
                                char *err);

/* Says on standard error, before any result, when a scenario takes a lever
 * beyond what the research covers (rampsim/evidence.h): one line, kept by
 * -q, as it is a warning about the results rather than a part of them.
 * varied: the keys a sweep replaces, left to its axis notes; or NULL. */
void rs_cli_note_evidence(const rs_scenario *sc, const char *label, const char *const *varied);

#endif
