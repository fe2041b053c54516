/* plot.c: runs gnuplot on the embedded scripts of plots/ for one result
 * directory. Each script gets a preamble that sets the terminal and the few
 * figures it marks (median ramp time, the budget...).
 *
 * No byte of a path or a name is ever read by gnuplot as script: gnuplot
 * runs inside the result directory, reads its files by their fixed names,
 * writes each chart to its standard output, a file rampsim created, and
 * gets every string as escapes (put_string). */
#include "rampsim/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "embedded.h"
#include "fsutil.h"

/* The charts of each kind of result directory, NULL-terminated; each is
 * written as <name>.png and <name>.svg. */
static const char *const run_charts[] = {"fan", "attainment", "ramp", "quarters", "manager", NULL};
static const char *const calibration_charts[] = {"calibration", "c6", "practices", NULL};
static const char *const compare_charts[] = {"compare_attainment", "compare_quarters", "compare_manager", NULL};
static const char *const sweep_curve_charts[] = {"sweep", NULL};
static const char *const sweep_heatmap_charts[] = {"sweep_heatmap", NULL};
static const char *const tornado_charts[] = {"tornado", NULL};
#define MAX_CHARTS 8 /* in any of them */

bool rs_plot_available(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char dir[RS_PATH_MAX];
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n < sizeof dir - 16) {
            snprintf(dir, sizeof dir, "%.*s/gnuplot", (int)n, path);
            if (access(dir, X_OK) == 0)
                return true;
        }
        path += n + (path[n] == ':');
    }
    return false;
}

/* The facts about a result directory that the charts mark. */
typedef struct chart_facts {
    char name[RS_NAME_MAX];
    double budget, ramped_at, median_ramp, replications;
    int horizon;
    int fiscal_years, quarters, ramp_rows;
} chart_facts;

/* The files of a run's result directory that rampsim or gnuplot reads to
 * draw its charts. */
static const char *const run_inputs[] = {"scenario.ini", "summary.csv", "weekly.csv", "manager.csv", "ramp.csv",
                                         "quarters.csv", "attainment.csv", NULL};

/* Whether each of the files is a regular file, looked at without opening
 * it: a FIFO would make the read wait for a writer, forever, and a device
 * such as /dev/zero never end it. RS_ERR_INPUT naming the file otherwise. */
static rs_status check_inputs(const char *dir, const char *const *files, char *err)
{
    rs_status st = RS_OK;
    for (int i = 0; st == RS_OK && files[i]; i++) {
        char path[RS_PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        struct stat info;
        if (lstat(path, &info) != 0 && errno == ENOENT)
            st = rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim result directory (it has no %s)", dir, files[i]);
        else
            st = rs_fs_check_regular(path, err);
    }
    return st;
}

/* Opens the CSV file dir/file for reading, if it is a regular file: not
 * through a link, and without waiting for a FIFO's writer, whatever was
 * put there since it was checked. */
static FILE *open_csv(const char *dir, const char *file)
{
    char path[RS_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat info;
    FILE *f = fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? fdopen(fd, "r") : NULL;
    if (!f && fd >= 0)
        close(fd);
    return f;
}

/* The cell `column` (0 for the first) of a CSV line; NULL when it has fewer. */
static const char *csv_cell(const char *line, int column)
{
    for (int i = 0; i < column && line; i++) {
        line = strchr(line, ',');
        if (line)
            line++;
    }
    return line;
}

static bool cell_empty(const char *cell)
{
    return !cell || strchr(",\r\n", *cell); /* the end of the line too */
}

/* The position of the column `name` in a CSV header, or -1. */
static int csv_column(const char *header, const char *name)
{
    size_t n = strlen(name);
    int i = 0;
    for (const char *cell = header; cell; cell = csv_cell(cell, 1), i++)
        if (strncmp(cell, name, n) == 0 && cell_empty(cell + n))
            return i;
    return -1;
}

/* The data rows (the lines after the header) of dir/file or, with a
 * column, those with a value in it, such as the points where a metric is
 * defined; -1 when the file cannot be read or has no such column. */
static int count_rows(const char *dir, const char *file, const char *column)
{
    FILE *f = open_csv(dir, file);
    if (!f)
        return -1;
    char *line = NULL;
    size_t size = 0;
    int rows = 0, at = 0;
    if (getline(&line, &size, f) < 0 || (column && (at = csv_column(line, column)) < 0))
        rows = -1;
    while (rows >= 0 && getline(&line, &size, f) >= 0)
        if (!column || !cell_empty(csv_cell(line, at)))
            rows++;
    free(line);
    fclose(f);
    return rows;
}

/* Reads one cell of summary.csv: the row of `metric`, column `column`. */
static double summary_cell(const char *dir, const char *metric, int column)
{
    FILE *f = open_csv(dir, "summary.csv");
    double value = NAN;
    if (!f)
        return value;
    char line[1024];
    size_t n = strlen(metric);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, metric, n) != 0 || line[n] != ',')
            continue;
        const char *cell = csv_cell(line, column);
        if (!cell_empty(cell))
            value = strtod(cell, NULL);
        break;
    }
    fclose(f);
    return value;
}

static rs_status read_facts(const char *dir, chart_facts *facts, char *err)
{
    char path[RS_PATH_MAX + 64], msg[RS_ERRMSG_SIZE];
    snprintf(path, sizeof path, "%s/scenario.ini", dir);
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_scenario_load(sc, path, msg);
    if (st == RS_OK)
        st = rs_scenario_validate(sc, msg);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim result directory (%s)", dir, msg);
    }
    snprintf(facts->name, sizeof facts->name, "%s", sc->run.name);
    facts->budget = sc->manager.hours_per_week * sc->manager.team_share;
    facts->ramped_at = sc->ramp.ramped_at;
    facts->horizon = sc->run.horizon_weeks;
    rs_scenario_free(sc);
    /* column 7 of summary.csv is p50, column 11 is n */
    facts->median_ramp = summary_cell(dir, "ramp_weeks", 7);
    facts->replications = summary_cell(dir, "deals_won", 11);
    int attainment_rows = count_rows(dir, "attainment.csv", NULL);
    if (attainment_rows <= 0)
        facts->fiscal_years = 0;
    else
        facts->fiscal_years = isnan(summary_cell(dir, "team_attainment_fy2", 2)) ? 1 : 2;
    facts->quarters = count_rows(dir, "quarters.csv", NULL);
    facts->ramp_rows = count_rows(dir, "ramp.csv", NULL);
    if (facts->quarters < 0 || facts->ramp_rows < 0 || count_rows(dir, "weekly.csv", NULL) < 0 ||
        count_rows(dir, "manager.csv", NULL) < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s is not a complete rampsim result directory", dir);
    return RS_OK;
}

/* Whether a byte goes into a gnuplot string as it is: one that can neither
 * end the string, nor start an escape, a command substitution (`...`) or
 * a new line of the script. */
static bool plain_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(" -_.,:/+%()", c));
}

/* Writes name = value as a gnuplot double-quoted string in which every
 * other byte is an octal escape (\012, \047, \140...): whatever the value
 * holds, gnuplot reads it as text, never as commands. */
static void put_string(FILE *f, const char *name, const char *value)
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

/* An infinity would print as "inf", which gnuplot takes for a variable. */
static void put_number(FILE *f, const char *name, double x)
{
    if (!isfinite(x))
        fprintf(f, "%s = NaN\n", name);
    else
        fprintf(f, "%s = %.10g\n", name, x);
}

/* The variables of a set of charts, in memory: datadir first. */
typedef struct variables {
    char *text;
    size_t len;
    FILE *f;
    const char *dir; /* where the charts go */
    const volatile sig_atomic_t *stop; /* set: keep the earlier charts; may be NULL */
} variables;

static rs_status open_variables(variables *v, const char *dir, char *err)
{
    v->text = NULL;
    v->dir = dir;
    v->stop = NULL;
    v->f = open_memstream(&v->text, &v->len);
    if (!v->f)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    /* gnuplot runs inside dir, so that no byte of its path is in the script */
    put_string(v->f, "datadir", ".");
    return RS_OK;
}

static rs_status draw(const char *const *charts, const variables *v, char *err);

/* Draws the charts with the variables, then frees them. A chart whose
 * entry in why_not (NULL: none) gives a reason is left out instead, with a
 * note saying so: a chart with nothing to show (a line of one week, a
 * metric undefined everywhere) is no failure, and gnuplot would only
 * complain of an empty range. */
static rs_status draw_with(const char *const *charts, const char *const *why_not, variables *v, char *err)
{
    const char *chosen[MAX_CHARTS + 1];
    int n = 0;
    for (int c = 0; charts[c] && n < MAX_CHARTS; c++) {
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

/* The variables a chart of a run result directory uses. */
static void facts_variables(FILE *f, const chart_facts *facts)
{
    put_string(f, "name", facts->name);
    put_number(f, "budget", facts->budget);
    put_number(f, "ramped_at", facts->ramped_at * 100.0);
    put_number(f, "median_ramp", facts->median_ramp);
    put_number(f, "replications", facts->replications);
    fprintf(f, "years = %d\nhorizon = %d\n", facts->fiscal_years, facts->horizon);
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
    enum { MAX_NAMES = MAX_CHARTS * N_FORMATS * 2 };
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
static rs_status draw_chart(const variables *v, int dir, const char *chart, const chart_format *format, char *err)
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

static bool stopped(const variables *v)
{
    return v->stop && *v->stop;
}

/* Draws each named chart in every format with the given variables into
 * parts, and puts them in place only when every one is drawn and no stop
 * was asked for: a failure (bad data, a signal) leaves the charts of dir
 * as they were. */
static rs_status draw(const char *const *charts, const variables *v, char *err)
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

static const char no_fiscal_year[] = "the horizon covers no whole fiscal year";
static const char no_quarter[] = "the horizon covers no whole fiscal quarter";

/* Why a chart of a run cannot be drawn from its data, or NULL. */
static const char *run_chart_gap(const char *chart, const chart_facts *facts)
{
    bool ramp = strcmp(chart, "ramp") == 0;
    bool weekly = ramp || strcmp(chart, "fan") == 0 || strcmp(chart, "manager") == 0;
    if (weekly && facts->horizon < 2)
        return "a one-week horizon has no line to draw";
    if (ramp && facts->ramp_rows <= 0)
        return "no new hire was observed";
    if (ramp && facts->ramp_rows == 1)
        return "new hires were observed in their first week only, which has no line to draw";
    if (strcmp(chart, "attainment") == 0 && facts->fiscal_years == 0)
        return no_fiscal_year;
    if (strcmp(chart, "quarters") == 0 && facts->quarters <= 0)
        return no_quarter;
    return NULL;
}

rs_status rs_plot_dir(const char *dir, const volatile sig_atomic_t *stop, char *err)
{
    chart_facts facts;
    rs_status st = check_inputs(dir, run_inputs, err);
    if (st == RS_OK)
        st = read_facts(dir, &facts, err);
    if (st != RS_OK)
        return st;
    const char *why_not[MAX_CHARTS];
    for (int c = 0; run_charts[c]; c++)
        why_not[c] = run_chart_gap(run_charts[c], &facts);
    variables v;
    if ((st = open_variables(&v, dir, err)) != RS_OK)
        return st;
    v.stop = stop;
    facts_variables(v.f, &facts);
    return draw_with(run_charts, why_not, &v, err);
}

rs_status rs_plot_calibration(const char *dir, long long replications, int quarters, int claims, int bounds,
                              char *err)
{
    if (count_rows(dir, "calibrate.csv", NULL) <= 0 || count_rows(dir, "calibrate-c6.csv", NULL) <= 0 ||
        count_rows(dir, "calibrate-practices.csv", NULL) <= 0)
        return rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim calibration directory", dir);
    variables v;
    rs_status st = open_variables(&v, dir, err);
    if (st != RS_OK)
        return st;
    fprintf(v.f, "replications = %lld\nquarters = %d\nclaims = %d\nbounds = %d\n", replications, quarters, claims,
            bounds);
    return draw_with(calibration_charts, NULL, &v, err);
}

rs_status rs_plot_comparison(const char *dir, int k, int years, char *err)
{
    variables v;
    rs_status st = open_variables(&v, dir, err);
    if (st != RS_OK)
        return st;
    fprintf(v.f, "scenarios = %d\nyears = %d\n", k, years);
    /* in the order of compare_charts; the manager's week always has a bar */
    const char *why_not[] = {years > 0 ? NULL : no_fiscal_year,
                             count_rows(dir, "compare-quarters.csv", NULL) > 0 ? NULL : no_quarter, NULL};
    return draw_with(compare_charts, why_not, &v, err);
}

/* The positions (x_index or y_index of sweep-chart.csv) of the values
 * marked in flags, as a gnuplot string of words: '4 5 6', '' for none. */
static rs_status put_positions(FILE *f, const char *name, const bool *flags, int n, char *err)
{
    char *list = malloc((size_t)(n > 0 ? n : 0) * 12 + 1);
    if (!list)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; flags && i < n; i++)
        if (flags[i])
            len += (size_t)sprintf(list + len, "%s%d", len ? " " : "", i);
    put_string(f, name, list);
    free(list);
    return RS_OK;
}

rs_status rs_plot_sweep(const char *dir, const char *metric, const char *unit, const char *xkey, const char *ykey,
                        const rs_plot_beyond *beyond, char *err)
{
    variables v;
    rs_status st = open_variables(&v, dir, err);
    if (st != RS_OK)
        return st;
    put_string(v.f, "metric", metric);
    put_string(v.f, "unit", unit);
    put_string(v.f, "xkey", xkey);
    put_string(v.f, "ykey", ykey ? ykey : "");
    /* what the charts mark as beyond the evidence */
    const rs_plot_beyond none = {0};
    if (!beyond)
        beyond = &none;
    st = put_positions(v.f, "beyond_x", beyond->x, beyond->nx, err);
    if (st == RS_OK)
        st = put_positions(v.f, "beyond_y", beyond->y, beyond->ny, err);
    if (st != RS_OK) {
        fclose(v.f);
        free(v.text);
        return st;
    }
    char why[256];
    snprintf(why, sizeof why, "%s is undefined at every point of the sweep", metric);
    const char *why_not[] = {count_rows(dir, "sweep-chart.csv", "p50") == 0 ? why : NULL};
    return draw_with(ykey ? sweep_heatmap_charts : sweep_curve_charts, why_not, &v, err);
}

rs_status rs_plot_tornado(const char *dir, const char *metric, const char *unit, double base, double swing, int bars,
                          char *err)
{
    variables v;
    rs_status st = open_variables(&v, dir, err);
    if (st != RS_OK)
        return st;
    put_string(v.f, "metric", metric);
    put_string(v.f, "unit", unit);
    put_number(v.f, "base", base);
    put_number(v.f, "swing", swing * 100.0);
    fprintf(v.f, "bars = %d\n", bars);
    char why[256];
    snprintf(why, sizeof why, "%s is undefined at the base or at every key's low or high value", metric);
    const char *why_not[] = {bars > 0 ? NULL : why};
    return draw_with(tornado_charts, why_not, &v, err);
}
