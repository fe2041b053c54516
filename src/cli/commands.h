/* cli/commands.h: the table of rampsim's commands, one file each under
 * src/cli/. A command parses its options (cli/options.h), builds its job
 * (cli/job.h) and runs it, and returns a status that main maps to an exit
 * code. */
#ifndef RS_CLI_COMMANDS_H
#define RS_CLI_COMMANDS_H

#include <stdio.h>

#include "rampsim/status.h"

/* argv[0] is the command's name; err receives the message of a failure. */
typedef rs_status (*rs_command_fn)(int argc, char **argv, char *err);

typedef struct rs_command {
    const char *name;
    rs_command_fn run;
    const char *summary;
} rs_command;

/* Terminated by an entry whose name is NULL. */
extern const rs_command rs_commands[];

/* The command named name, or NULL. */
const rs_command *rs_command_find(const char *name);

/* rampsim --help. */
void rs_cli_print_help(FILE *out);

rs_status rs_cmd_run(int argc, char **argv, char *err);       /* run.c */
rs_status rs_cmd_check(int argc, char **argv, char *err);     /* inspect.c */
rs_status rs_cmd_defaults(int argc, char **argv, char *err);  /* inspect.c */
rs_status rs_cmd_plot(int argc, char **argv, char *err);      /* inspect.c */
rs_status rs_cmd_compare(int argc, char **argv, char *err);   /* compare.c */
rs_status rs_cmd_sweep(int argc, char **argv, char *err);     /* sweep.c */
rs_status rs_cmd_tornado(int argc, char **argv, char *err);   /* tornado.c */
rs_status rs_cmd_drivers(int argc, char **argv, char *err);   /* drivers.c */
rs_status rs_cmd_calibrate(int argc, char **argv, char *err); /* calibrate.c */
rs_status rs_cmd_fit(int argc, char **argv, char *err);       /* fit.c */

#endif
