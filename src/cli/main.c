/* cli/main.c: takes rampsim's own options, picks the command, runs it and
 * maps its status to an exit code (0 success, 1 runtime failure, 2 bad
 * usage or input; a run stopped by SIGINT, SIGTERM or SIGHUP ends by that
 * signal, 130, 143 or 129 in a shell). */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/job.h"
#include "valueparse.h"
#include "rampsim/version.h"

/* GSL's default handler aborts; say what happened instead. */
static void on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    fprintf(stderr, "rampsim: internal error in GSL: %s (%s:%d, code %d)\n", reason, file, line, gsl_errno);
    exit(1);
}

static int exit_code(rs_status status)
{
    switch (status) {
    case RS_OK:
        return 0;
    case RS_ERR_INPUT:
        return 2;
    case RS_ERR_INTERRUPTED:
        return 130;
    default:
        return 1;
    }
}

/* Prints "rampsim: message", with the bytes a terminal would mangle or
 * hide (control characters, invalid UTF-8 as found in a binary or Latin-1
 * file, a byte order mark) written as \xNN, so that a message quoting bad
 * input stays one readable line (rs_escape). */
static void print_message(FILE *out, const char *message)
{
    char shown[4 * RS_ERRMSG_SIZE];
    fprintf(out, "rampsim: %s\n", rs_escape(message, false, shown, sizeof shown));
}

/* The exit code once standard output is closed: a table, a scenario or a
 * help text that did not reach its file (a full disk, /dev/full, a closed
 * pipe with SIGPIPE ignored) is a failure, exit 1, even when the command
 * itself succeeded, for a script would otherwise take the truncated file
 * for the whole. Buffered output fails only when flushed, so the flush
 * here is where most such errors show. */
static int close_stdout(int code)
{
    bool failed = ferror(stdout) != 0;
    int reason = 0;
    if (fflush(stdout) != 0) {
        failed = true;
        reason = errno;
    }
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        reason = errno;
    }
    if (!failed)
        return code;
    if (reason)
        fprintf(stderr, "rampsim: cannot write to standard output: %s\n", strerror(reason));
    else
        fprintf(stderr, "rampsim: cannot write to standard output\n");
    return code == 0 ? 1 : code;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler(on_gsl_error);
    /* A file-size limit (ulimit -f) then fails a write with EFBIG, which the
     * writers report and clean up after, instead of killing the process
     * with half-written files; gnuplot inherits it and writes a short chart,
     * which the chart check finds. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        rs_cli_print_help(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        rs_cli_print_help(stdout);
        return close_stdout(0);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("rampsim %s\n", RAMPSIM_VERSION);
        return close_stdout(0);
    }
    const rs_command *c = rs_command_find(argv[1]);
    if (!c) {
        fprintf(stderr, "rampsim: unknown command '%s'; see 'rampsim --help'\n", argv[1]);
        return 2;
    }
    char err[RS_ERRMSG_SIZE] = "";
    rs_status status = c->run(argc - 1, argv + 1, err);
    if (status != RS_OK && err[0])
        print_message(stderr, err);
    if (status == RS_ERR_INTERRUPTED && rs_job_interrupting_signal()) {
        /* end as the signal would have, so that a calling shell or script
         * sees it (exit status 130 for SIGINT, 143 for SIGTERM) */
        fflush(NULL);
        signal(rs_job_interrupting_signal(), SIG_DFL);
        raise(rs_job_interrupting_signal());
    }
    return close_stdout(exit_code(status));
}
