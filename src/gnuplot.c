/* gnuplot.c: runs gnuplot on one chart at a time, so that no byte of a path
 * or a name is read as script and no chart is put in place half-written. */
#include "gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "embedded.h"
#include "fsutil.h"

/* gnuplot runs inside the result directory, reads its files by their fixed
 * names, writes each chart to its standard output, a part file rampsim
 * created, and gets every string as escapes (rs_gnuplot_put_string). */

/* Whether a byte goes into a gnuplot string as it is: one that can neither
 * end the string, nor start an escape, a command substitution (`...`) or
 * a new line of the script. */
static bool plain_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(" -_.,:/+%()", c));
}

/* Every byte that is not plain goes in as an octal escape (\012, \047,
 * \140...). */
void rs_gnuplot_put_string(FILE *f, const char *name, const char *value)
{
    fprintf(f, "%s = \"", name);
    for (const unsigned char *c = (const unsigned char *)value; *c; c++) {
        if (plain_byte(*c))
            fputc(*c, f);
        else
            fprintf(f, "\\%03o", *c);
    }
    fputs("\"\n", f);
}

void rs_gnuplot_put_number(FILE *f, const char *name, double x)
{
    if (!isfinite(x))
        fprintf(f, "%s = NaN\n", name);
    else
        fprintf(f, "%s = %.10g\n", name, x);
}

/* A format every chart is drawn in: its gnuplot terminal, and how a whole
 * file of it ends, for gnuplot exits 0 even when its writes failed. */
typedef struct chart_format {
    const char *name; /* the file name's extension */
    const char *terminal;
    const char *end; /* the last bytes of a whole file... */
    size_t end_len;
    bool space_after; /* ...or the last but white space */
    const char *end_name;
} chart_format;

static const chart_format formats[] = {
    {"png", "set terminal pngcairo size 1280,760 noenhanced font 'Sans,16'",
     "\0\0\0\0IEND\xae\x42\x60\x82", 12, false, "the IEND chunk"},
    {"svg", "set terminal svg size 1280,760 dynamic noenhanced font 'Sans,16' background rgb 'white'", "</svg>", 6,
     true, "</svg>"},
};
#define N_FORMATS ((int)(sizeof formats / sizeof formats[0]))

/* One run of gnuplot: a chart in a format, drawn inside the result
 * directory `dir` into the file `part`, both open descriptors. */
typedef struct gnuplot_job {
    int dir, part;
    const char *variables, *chart, *script;
    const chart_format *format;
    const volatile sig_atomic_t *stop; /* may be NULL */
} gnuplot_job;

/* The terminal, the chart's variables and its script. gnuplot writes the
 * chart to its standard output, the part file, so no output name is set. */
static void write_script(FILE *f, const gnuplot_job *job)
{
    fprintf(f, "%s\n", job->format->terminal);
    fputs(job->variables, f);
    fputs("set datafile separator ','\nset datafile columnheaders\n"
          "set grid lc rgb '#dddddd'\nset border lw 1.5\nset key opaque box lc rgb '#bbbbbb'\n",
          f);
    fputs(job->script, f);
}

/* In the child after fork, with only calls that are safe there: enters
 * the result directory and runs gnuplot reading its script from `in`,
 * writing the chart to the part file and its complaints to `errors`. */
static void exec_gnuplot(const gnuplot_job *job, int in, int errors)
{
    if (fchdir(job->dir) != 0) {
        static const char msg[] = "cannot enter the result directory\n";
        ssize_t said = write(errors, msg, sizeof msg - 1); /* if it fails, the exit status still tells */
        (void)said;
        _exit(126);
    }
    /* standard input, output and error in turn; each moved above them
     * first, so that no dup2 closes one that is still to be placed */
    int from[] = {in, job->part, errors};
    for (int i = 0; i < 3; i++)
        from[i] = fcntl(from[i], F_DUPFD_CLOEXEC, 3);
    for (int i = 0; i < 3; i++)
        if (from[i] < 0 || dup2(from[i], i) < 0)
            _exit(126);
    execlp("gnuplot", "gnuplot", "-", (char *)NULL);
    _exit(127);
}

/* The last non-empty line gnuplot wrote to errors, its complaint: it
 * repeats the failing line of the script before it. */
static void last_message(FILE *errors, char *line, size_t size)
{
    char buf[512];
    line[0] = '\0';
    rewind(errors);
    while (fgets(buf, sizeof buf, errors))
        if (buf[0] != '\n')
            snprintf(line, size, "%s", buf);
    line[strcspn(line, "\n")] = '\0';
}

static bool close_on_exec(int fd)
{
    int flags = fcntl(fd, F_GETFD);
    return flags >= 0 && fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == 0;
}

/* Sends the script to gnuplot (which may exit early on an error: no death
 * by SIGPIPE), then waits for it to end. */
static int feed_and_wait(const gnuplot_job *job, pid_t pid, int in)
{
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *to = fdopen(in, "w");
    if (to) {
        write_script(to, job);
        fclose(to);
    } else {
        close(in);
    }
    /* A signal rampsim catches ends the wait early. When it asks to stop,
     * gnuplot is stopped too, for it may be blocked (on a FIFO put in place
     * of a CSV file since the check, say), and then waited for, so that
     * none is left behind. */
    int status = 0;
    bool asked = false;
    for (;;) {
        if (job->stop && *job->stop && !asked)
            asked = kill(pid, SIGTERM) == 0;
        if (waitpid(pid, &status, 0) == pid || errno != EINTR)
            break;
    }
    signal(SIGPIPE, old);
    return status;
}

/* Runs gnuplot on one chart; RS_ERR_RUNTIME with its complaint when it fails. */
static rs_status run_gnuplot(const gnuplot_job *job, char *err)
{
    FILE *errors = tmpfile();
    int in[2] = {-1, -1};
    pid_t pid = -1;
    if (errors && close_on_exec(fileno(errors)) && pipe(in) == 0 && close_on_exec(in[0]) && close_on_exec(in[1]))
        pid = fork();
    if (pid < 0) {
        int e = errno;
        if (in[0] >= 0) {
            close(in[0]);
            close(in[1]);
        }
        if (errors)
            fclose(errors);
        return rs_fail(err, RS_ERR_RUNTIME, "cannot run gnuplot: %s", strerror(e));
    }
    if (pid == 0)
        exec_gnuplot(job, in[0], fileno(errors));
    close(in[0]);
    int status = feed_and_wait(job, pid, in[1]);
    char line[512];
    last_message(errors, line, sizeof line);
    fclose(errors);
    const char *message = line + strspn(line, " \t");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return rs_fail(err, RS_ERR_RUNTIME, "gnuplot failed on the %s chart: %s", job->chart,
                       message[0] ? message : "no message");
    return RS_OK;
}

static const char *script_text(const char *name)
{
    for (const rs_embedded_file *s = rs_plot_scripts; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s->text;
    return NULL;
}

/* The name of a chart file in its directory, or of its part while gnuplot writes it. */
static void chart_name(char *buf, size_t size, const char *chart, const char *format, bool part)
{
    snprintf(buf, size, part ? ".%s.%s.part" : "%s.%s", chart, format);
}

#define CHART_NAME_SIZE 64

/* Lists the charts and their parts in dir's manifest before any is drawn,
 * so that a directory holding them stays one rampsim may replace. */
static rs_status claim_charts(const char *const *charts, const char *dir, char *err)
{
    enum { MAX_NAMES = RS_GNUPLOT_MAX_CHARTS * N_FORMATS * 2 };
    char names[MAX_NAMES][CHART_NAME_SIZE];
    const char *list[MAX_NAMES + 1];
    int n = 0;
    for (int c = 0; charts[c] && n + 2 * N_FORMATS <= MAX_NAMES; c++)
        for (int k = 0; k < N_FORMATS; k++)
            for (int part = 0; part < 2; part++) {
                chart_name(names[n], sizeof names[n], charts[c], formats[k].name, part);
                list[n] = names[n];
                n++;
            }
    list[n] = NULL;
    return rs_fs_claim(dir, list, err);
}

/* Whether the last `len` bytes of a file, in tail, end as a whole file of
 * the format does. */
static bool ends_whole(const char *tail, size_t len, const chart_format *format)
{
    while (format->space_after && len > 0 && strchr(" \t\r\n", tail[len - 1]))
        len--;
    return len >= format->end_len && memcmp(tail + len - format->end_len, format->end, format->end_len) == 0;
}

/* RS_ERR_IO unless the chart gnuplot wrote into part is whole: a full disk
 * or a file-size limit cuts it short, and gnuplot says nothing. */
static rs_status check_whole(int part, const char *chart, const chart_format *format, char *err)
{
    char tail[256], reason[128];
    struct stat info;
    ssize_t got = -1;
    if (fstat(part, &info) == 0) {
        off_t from = info.st_size > (off_t)sizeof tail ? info.st_size - (off_t)sizeof tail : 0;
        got = pread(part, tail, (size_t)(info.st_size - from), from);
    }
    if (got < 0)
        snprintf(reason, sizeof reason, "it cannot be read back: %s", strerror(errno));
    else if (info.st_size == 0)
        snprintf(reason, sizeof reason, "it is empty");
    else if (!ends_whole(tail, (size_t)got, format))
        snprintf(reason, sizeof reason, "it ends after %lld bytes, before %s", (long long)info.st_size,
                 format->end_name);
    else
        return RS_OK;
    return rs_fail(err, RS_ERR_IO, "the %s chart (%s.%s) was not written completely: %s; is the disk full?", chart,
                   chart, format->name, reason);
}

/* Draws one chart in one format into its part file, a new file: a link or
 * a file left under the part's name is removed first, never written
 * through. */
static rs_status draw_chart(const rs_gnuplot_vars *v, int dir, const char *chart, const chart_format *format, char *err)
{
    gnuplot_job job = {.dir = dir, .variables = v->text, .chart = chart, .script = script_text(chart),
                       .format = format, .stop = v->stop};
    if (!job.script)
        return rs_fail(err, RS_ERR_RUNTIME, "internal error: no chart %s", chart);
    char part[CHART_NAME_SIZE];
    chart_name(part, sizeof part, chart, format->name, true);
    unlinkat(dir, part, 0);
    job.part = openat(dir, part, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (job.part < 0)
        return rs_fail(err, RS_ERR_IO, "cannot write %s/%s: %s", v->dir, part, strerror(errno));
    rs_status st = run_gnuplot(&job, err);
    if (st == RS_OK)
        st = check_whole(job.part, chart, format, err);
    close(job.part);
    return st;
}

/* Puts the first `drawn` parts in place as the charts when st is RS_OK,
 * and removes them otherwise, or once one cannot be put in place. */
static rs_status settle_parts(const char *const *charts, int drawn, int dir, const char *path, rs_status st,
                              char *err)
{
    for (int i = 0; i < drawn; i++) {
        char part[CHART_NAME_SIZE], final[CHART_NAME_SIZE];
        const char *chart = charts[i / N_FORMATS], *format = formats[i % N_FORMATS].name;
        chart_name(part, sizeof part, chart, format, true);
        chart_name(final, sizeof final, chart, format, false);
        if (st != RS_OK) {
            unlinkat(dir, part, 0);
        } else if (renameat(dir, part, dir, final) != 0) {
            st = rs_fail(err, RS_ERR_IO, "cannot write %s/%s: %s", path, final, strerror(errno));
            unlinkat(dir, part, 0);
        }
    }
    return st;
}

static bool stopped(const rs_gnuplot_vars *v)
{
    return v->stop && *v->stop;
}

/* Draws each named chart in every format with the given variables into
 * parts, and puts them in place only when every one is drawn and no stop
 * was asked for: a failure (bad data, a signal) leaves the charts of dir
 * as they were. */
static rs_status draw(const char *const *charts, const rs_gnuplot_vars *v, char *err)
{
    /* no run may swap the directory away between the claim and the last
     * chart put in place */
    int lock = rs_fs_lock_parent(v->dir, err);
    if (lock < 0)
        return RS_ERR_IO;
    rs_status st = claim_charts(charts, v->dir, err);
    int dir = st == RS_OK ? open(v->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (st == RS_OK && dir < 0)
        st = rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", v->dir, strerror(errno));
    if (st != RS_OK) {
        close(lock);
        return st;
    }
    int drawn = 0; /* charts x formats whose parts exist: a failed run may leave one */
    for (int c = 0; st == RS_OK && charts[c]; c++)
        for (int k = 0; st == RS_OK && k < N_FORMATS && !stopped(v); k++, drawn++)
            st = draw_chart(v, dir, charts[c], &formats[k], err);
    if (st == RS_OK && stopped(v))
        st = RS_ERR_INTERRUPTED;
    st = settle_parts(charts, drawn, dir, v->dir, st, err);
    close(dir);
    close(lock);
    return st;
}

rs_status rs_gnuplot_open(rs_gnuplot_vars *v, const char *dir, const volatile sig_atomic_t *stop, char *err)
{
    v->text = NULL;
    v->dir = dir;
    v->stop = stop;
    v->f = open_memstream(&v->text, &v->len);
    if (!v->f)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    /* gnuplot runs inside dir, so that no byte of its path is in the script */
    rs_gnuplot_put_string(v->f, "datadir", ".");
    return RS_OK;
}

void rs_gnuplot_discard(rs_gnuplot_vars *v)
{
    fclose(v->f);
    free(v->text);
}

/* A chart with nothing to show (a line of one week, a metric undefined
 * everywhere) is no failure, and gnuplot would only complain of an empty
 * range: the caller says why, and it is left out. */
rs_status rs_gnuplot_draw(const char *const *charts, const char *const *why_not, rs_gnuplot_vars *v, char *err)
{
    const char *chosen[RS_GNUPLOT_MAX_CHARTS + 1];
    int n = 0;
    for (int c = 0; charts[c] && n < RS_GNUPLOT_MAX_CHARTS; c++) {
        if (why_not && why_not[c])
            fprintf(stderr, "rampsim: note: no %s chart: %s\n", charts[c], why_not[c]);
        else
            chosen[n++] = charts[c];
    }
    chosen[n] = NULL;
    fclose(v->f);
    rs_status st = n > 0 ? draw(chosen, v, err) : RS_OK;
    free(v->text);
    return st;
}
