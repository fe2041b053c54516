/* cli/job.h: the job runner the simulating commands share. A command fills
 * a job with what to compute, write, draw and print; the runner checks the
 * result directory, catches signals, shows progress, writes into a
 * temporary directory and publishes it complete, or leaves nothing. */
#ifndef RS_CLI_JOB_H
#define RS_CLI_JOB_H

#include <signal.h>
#include <stdbool.h>

#include "rampsim/engine.h"
#include "rampsim/status.h"

typedef struct rs_job {
    const char *dir; /* the result directory */
    int threads;     /* 0: one per core */
    bool quiet;      /* -q: no table */
    /* Computes the results into ctx, with the engine options the runner
     * sets (threads, progress, the interrupt flag). */
    rs_status (*compute)(void *ctx, const rs_engine_options *engine, char *err);
    /* Writes the result files into the temporary directory tmp. */
    rs_status (*write)(const void *ctx, const char *tmp, char *err);
    /* Draws the charts into dir (the temporary directory); NULL: no charts
     * (no --plot). A chart that fails still leaves the data published. */
    rs_status (*draw)(const char *dir, const void *ctx, char *err);
    /* Prints the table of the computed results, unless quiet; the runner
     * adds "Results in DIR/". */
    void (*print)(const void *ctx);
    /* Results of a base scenario (a sweep's, a tornado's): its scenario.ini,
     * headed "the base scenario of a <base_of>", written beside them. */
    const rs_scenario *base;
    const char *base_of;
    bool says_charts; /* "Results in DIR/ (with charts)" when charts were drawn */
    /* A second directory the job writes (run --export-crm), NULL for none:
     * checked with dir before the work, filled by write_second in a
     * temporary directory of its own once the results are written, and
     * published right after them, so that a job that fails or is
     * interrupted before leaves neither. "<second_name> in DIR/" follows
     * "Results in"; a refusal of the directory advises another
     * <second_option> where one of dir's advises another -o. */
    const char *second_dir, *second_name, *second_option;
    rs_status (*write_second)(const void *ctx, const char *tmp, char *err);
    void *ctx;
} rs_job;

/* Runs the job: rs_fs_check_target, compute (with a progress bar on a
 * terminal), rs_fs_prepare, write, draw, rs_fs_publish, stopping cleanly on
 * SIGINT, SIGTERM or SIGHUP (RS_ERR_INTERRUPTED: nothing written, the
 * earlier results unchanged). Once the results are computed, the table is
 * printed (unless quiet) when the job succeeds or fails at run time, as a
 * chart that failed does: the data is written all the same. */
rs_status rs_job_run(const rs_job *job, char *err);

/* The flag the signals set while a job or rs_job_redraw runs, for the
 * functions that stop on it (rs_plot_dir). */
volatile sig_atomic_t *rs_job_interrupt_flag(void);

/* A function that draws the charts of a result directory and stops on
 * *stop: rs_plot_dir (a run's), rs_plot_fit_dir (a fit's). */
typedef rs_status (*rs_job_draw_dir)(const char *dir, const volatile sig_atomic_t *stop, char *err);

/* Draws the charts of the existing result directory dir with draw,
 * catching the signals meanwhile: a Ctrl-C reaches gnuplot too, and the
 * half-drawn parts are removed before rampsim ends. */
rs_status rs_job_redraw(const char *dir, rs_job_draw_dir draw, char *err);

/* The signal (SIGINT, SIGTERM or SIGHUP) that stopped a command returning
 * RS_ERR_INTERRUPTED, so that main can end the way the signal would have;
 * 0 when none came. */
int rs_job_interrupting_signal(void);

#endif
