/* cli/job.c: the job runner: signals, the progress bar, the temporary
 * directory published whole, and the rule of what is printed when. */
#include "cli/job.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "rampsim/output.h"
#include "rampsim/plot.h"

static volatile sig_atomic_t interrupted = 0;

static void on_signal(int signo)
{
    interrupted = signo;
}

volatile sig_atomic_t *rs_job_interrupt_flag(void)
{
    return &interrupted;
}

int rs_job_interrupting_signal(void)
{
    return interrupted;
}

/* The name of the signal that interrupted, for messages. */
static const char *interrupting_signal_name(void)
{
    return interrupted == SIGTERM ? "SIGTERM" : interrupted == SIGHUP ? "SIGHUP" : "SIGINT";
}

/* SIGINT, SIGTERM and SIGHUP (a closed terminal) set `interrupted` while a
 * job is under way, so that it stops at the next batch and removes what it
 * had written. */
static const int interrupting_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_INTERRUPTING (int)(sizeof interrupting_signals / sizeof interrupting_signals[0])

typedef struct saved_signals {
    struct sigaction actions[N_INTERRUPTING];
} saved_signals;

static void catch_interrupts(saved_signals *saved)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    for (int i = 0; i < N_INTERRUPTING; i++)
        sigaction(interrupting_signals[i], &sa, &saved->actions[i]);
}

static void release_interrupts(const saved_signals *saved)
{
    for (int i = 0; i < N_INTERRUPTING; i++)
        sigaction(interrupting_signals[i], &saved->actions[i], NULL);
}

/* ---- progress ------------------------------------------------------------ */

typedef struct progress_bar {
    bool enabled;
    struct timespec start;
    bool shown;
} progress_bar;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* A progress bar on standard error, only for a terminal and only once a
 * job has taken more than a second. */
static void show_progress(void *ctx, long long done, long long total)
{
    progress_bar *bar = ctx;
    double elapsed = seconds_since(&bar->start);
    if (!bar->enabled || elapsed < 1.0)
        return;
    double share = (double)done / (double)total;
    int width = 30, filled = (int)(share * width);
    double left = done > 0 ? elapsed * (1.0 - share) / share : 0.0;
    fprintf(stderr, "\r  [%.*s%*s] %3.0f%%  %lld/%lld replications, %.0fs left ", filled,
            "##############################", width - filled, "", share * 100.0, done, total, left);
    fflush(stderr);
    bar->shown = true;
}

static void start_progress(progress_bar *bar)
{
    bar->enabled = isatty(STDERR_FILENO);
    bar->shown = false;
    clock_gettime(CLOCK_MONOTONIC, &bar->start);
}

static void end_progress(const progress_bar *bar)
{
    if (bar->shown)
        fprintf(stderr, "\r%*s\r", 79, "");
}

/* ---- the job --------------------------------------------------------------- */

/* fsutil's refusals advise "choose another -o"; for the second directory
 * the option that named it. Returns st. */
static rs_status advise_second_option(rs_status st, const rs_job *job, char *err)
{
    static const char advice[] = "choose another -o";
    size_t n = strlen(err), len = strlen(advice);
    if (st != RS_OK && n >= len && strcmp(err + n - len, advice) == 0)
        snprintf(err + n - 2, RS_ERRMSG_SIZE - (n - 2), "%s", job->second_option);
    return st;
}

/* Draws the charts into tmp, then publishes it as dir (and second_tmp as
 * the second directory) unless a signal came meanwhile (gnuplot sees a
 * Ctrl-C too). A chart failure still publishes the data and says so. */
static rs_status finish_results(const rs_job *job, const char *tmp, const char *second_tmp, char *err)
{
    rs_status plot_status = RS_OK;
    char plot_err[RS_ERRMSG_SIZE] = "";
    if (job->draw) {
        if (!rs_plot_available())
            fprintf(stderr, "rampsim: gnuplot not found, so no charts were drawn (install gnuplot-nox); "
                            "the data is written\n");
        else
            plot_status = job->draw(tmp, job->ctx, plot_err);
    }
    if (interrupted)
        return RS_ERR_INTERRUPTED;
    rs_status st = rs_fs_publish(tmp, job->dir, err);
    if (st == RS_OK && job->second_dir &&
        (st = advise_second_option(rs_fs_publish(second_tmp, job->second_dir, err), job, err)) != RS_OK) {
        char msg[RS_ERRMSG_SIZE];
        snprintf(msg, sizeof msg, "%s", err);
        return rs_fail(err, st, "%s; the results are written to %s", msg, job->dir);
    }
    if (st != RS_OK)
        return st;
    if (plot_status != RS_OK)
        return rs_fail(err, plot_status, "%s; the data is written to %s", plot_err, job->dir);
    return RS_OK;
}

/* Messages about the temporary directory name the result directory the
 * user asked for: "cannot write out/weekly.csv: No space left on device". */
static void name_result_dir(char *err, const char *tmp, const char *dir)
{
    char *at = strstr(err, tmp);
    if (!at)
        return;
    char rest[RS_ERRMSG_SIZE];
    snprintf(rest, sizeof rest, "%s", at + strlen(tmp));
    snprintf(at, RS_ERRMSG_SIZE - (size_t)(at - err), "%s%s", dir, rest);
}

/* The message of a job a signal stopped; other statuses pass as they are. */
static rs_status interrupted_message(rs_status st, const char *dir, char *err)
{
    if (st != RS_ERR_INTERRUPTED)
        return st;
    struct stat info;
    char kept[RS_PATH_MAX + 64] = "";
    if (stat(dir, &info) == 0)
        snprintf(kept, sizeof kept, " (%s/ holds the earlier results, unchanged)", dir);
    return rs_fail(err, st, "interrupted by %s; no results written%s", interrupting_signal_name(), kept);
}

/* The output is checked before the work and made only after it, so that a
 * job refused on the way (memory, a bad value) creates nothing. */
static rs_status compute(const rs_job *job, char *err)
{
    rs_status st = rs_fs_check_target(job->dir, err);
    if (st == RS_OK && job->second_dir)
        st = advise_second_option(rs_fs_check_target(job->second_dir, err), job, err);
    if (st != RS_OK)
        return st;
    progress_bar bar;
    start_progress(&bar);
    rs_engine_options engine = {.threads = job->threads, .progress = show_progress, .progress_ctx = &bar,
                                .interrupted = &interrupted};
    st = job->compute(job->ctx, &engine, err);
    end_progress(&bar);
    return st;
}

/* Writes, draws and publishes the computed results. */
static rs_status write_results(const rs_job *job, char *err)
{
    char tmp[RS_PATH_MAX] = "", second_tmp[RS_PATH_MAX] = "";
    rs_status st = interrupted ? RS_ERR_INTERRUPTED : rs_fs_prepare(job->dir, tmp, err);
    if (st != RS_OK)
        return st;
    st = job->write(job->ctx, tmp, err);
    if (st == RS_OK && job->base) {
        char heading[64];
        snprintf(heading, sizeof heading, "the base scenario of a %s", job->base_of);
        st = rs_output_write_scenario(tmp, "scenario.ini", job->base, heading, NULL, err);
    }
    if (st == RS_OK && job->second_dir && !interrupted) {
        st = advise_second_option(rs_fs_prepare(job->second_dir, second_tmp, err), job, err);
        if (st == RS_OK)
            st = job->write_second(job->ctx, second_tmp, err);
    }
    if (st == RS_OK && interrupted)
        st = RS_ERR_INTERRUPTED;
    if (st == RS_OK)
        st = finish_results(job, tmp, second_tmp, err);
    if (st != RS_OK) { /* nothing to remove once published (a chart failure) */
        rs_fs_remove(tmp);
        if (second_tmp[0])
            rs_fs_remove(second_tmp);
    }
    if (st == RS_ERR_IO) {
        name_result_dir(err, tmp, job->dir);
        if (second_tmp[0])
            name_result_dir(err, second_tmp, job->second_dir);
    }
    return st;
}

rs_status rs_job_run(const rs_job *job, char *err)
{
    /* Signals are caught before the temporary directory exists, so that
     * none can leave it behind. */
    saved_signals saved;
    catch_interrupts(&saved);
    rs_status st = compute(job, err);
    bool computed = st == RS_OK;
    if (computed)
        st = write_results(job, err);
    release_interrupts(&saved);
    st = interrupted_message(st, job->dir, err);
    /* the table even when a chart failed: its data is written */
    if (computed && (st == RS_OK || st == RS_ERR_RUNTIME) && !job->quiet) {
        job->print(job->ctx);
        bool charts = job->says_charts && job->draw && st == RS_OK && rs_plot_available();
        printf("\nResults in %s/%s\n", job->dir, charts ? " (with charts)" : "");
        if (job->second_dir && st == RS_OK)
            printf("%s in %s/\n", job->second_name, job->second_dir);
    }
    return st;
}

rs_status rs_job_redraw(const char *dir, rs_job_draw_dir draw, char *err)
{
    if (!rs_plot_available())
        return rs_fail(err, RS_ERR_RUNTIME, "gnuplot not found; install it (apt-get install gnuplot-nox)");
    saved_signals saved;
    catch_interrupts(&saved);
    rs_status st = draw(dir, &interrupted, err);
    release_interrupts(&saved);
    if (interrupted)
        return rs_fail(err, RS_ERR_INTERRUPTED, "interrupted by %s; the charts of %s are as they were",
                       interrupting_signal_name(), dir);
    return st;
}
