/* cli.h: the rampsim commands. Each parses its own options, does its work
 * and returns a status; main.c maps the status to an exit code. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stdio.h>

#include "rampsim/status.h"

typedef rs_status (*rs_command_fn)(int argc, char **argv, char *err);

typedef struct rs_command {
    const char *name;
    rs_command_fn run;
    const char *summary;
} rs_command;

/* Terminated by an entry whose name is NULL. */
extern const rs_command rs_commands[];

void rs_cli_print_help(FILE *out);

/* The signal (SIGINT or SIGTERM) that stopped a command returning
 * RS_ERR_INTERRUPTED, so that main can end the way the signal would have;
 * 0 when none came. */
int rs_cli_interrupting_signal(void);

#endif
