/* cli.c: the commands run, check, defaults and plot. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "memory.h"
#include "rampsim/calibrate.h"
#include "rampsim/compare.h"
#include "rampsim/sweep.h"
#include "rampsim/tornado.h"
#include "valueparse.h"
#include "rampsim/engine.h"
#include "rampsim/evidence.h"
#include "rampsim/output.h"
#include "params.h"
#include "rampsim/plot.h"
#include "rampsim/scenario.h"
#include "rampsim/version.h"

#define MAX_THREADS 256

static rs_status cmd_run(int argc, char **argv, char *err);
static rs_status cmd_check(int argc, char **argv, char *err);
static rs_status cmd_defaults(int argc, char **argv, char *err);
static rs_status cmd_plot(int argc, char **argv, char *err);
static rs_status cmd_calibrate(int argc, char **argv, char *err);
static rs_status cmd_compare(int argc, char **argv, char *err);
static rs_status cmd_sweep(int argc, char **argv, char *err);
static rs_status cmd_tornado(int argc, char **argv, char *err);

const rs_command rs_commands[] = {
    {"run", cmd_run, "simulate a scenario and write its results (and charts)"},
    {"check", cmd_check, "validate a scenario and print it with every key resolved"},
    {"defaults", cmd_defaults, "print a scenario file with every key, its default and meaning"},
    {"plot", cmd_plot, "draw the charts of an existing result directory"},
    {"compare", cmd_compare, "run scenarios side by side on common random numbers"},
    {"sweep", cmd_sweep, "run a scenario across the values of one or two keys"},
    {"tornado", cmd_tornado, "rank every numeric key by how much it moves a metric"},
    {"calibrate", cmd_calibrate, "check the published figures the defaults are calibrated to"},
    {NULL, NULL, NULL},
};

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

/* ---- shared option handling --------------------------------------------- */

typedef struct scenario_options {
    char **sets;       /* --set arguments, in order */
    int n_sets;
    const char *replications, *seed;
} scenario_options;

static rs_status usage_error(char *err, const char *command, const char *what)
{
    return rs_fail(err, RS_ERR_INPUT, "%s; see 'rampsim %s --help'", what, command);
}

/* The entries of longopts that the long option `typed` ("--s", "--plot=1")
 * names, as getopt_long finds them: the option of that exact name alone,
 * or every option whose name begins with it. Returns how many (found holds
 * the first max), sorted by name. */
static int long_matches(const char *typed, const struct option *longopts, const struct option **found, int max)
{
    size_t len = strcspn(typed + 2, "=");
    int n = 0;
    for (const struct option *o = longopts; o->name; o++) {
        if (strncmp(o->name, typed + 2, len) != 0)
            continue;
        if (strlen(o->name) == len) {
            found[0] = o;
            return 1;
        }
        if (n < max)
            found[n] = o;
        n++;
    }
    for (int i = 1; i < n && i < max; i++)
        for (int j = i; j > 0 && strcmp(found[j - 1]->name, found[j]->name) > 0; j--) {
            const struct option *t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    return n;
}

/* A getopt_long failure (c is ':' or '?'), naming the option as the user
 * typed it: a value missing, a value given to an option that takes none,
 * an abbreviation that could mean several options (which, so that the user
 * can pick), or no such option. */
static rs_status option_error(int c, char **argv, const struct option *longopts, const char *command, char *err)
{
    const char *typed = argv[optind - 1];
    const struct option *found[16];
    bool is_long = strncmp(typed, "--", 2) == 0 && typed[2];
    int n = is_long ? long_matches(typed, longopts, found, 16) : 0;
    /* A short option failing inside a group ("-xq") leaves optind on the
     * argument before; getopt names the option in optopt but for an unknown
     * or ambiguous long one. */
    if (is_long && optopt && !(n == 1 && found[0]->val == optopt))
        is_long = false;
    char option[64], what[512];
    if (is_long)
        snprintf(option, sizeof option, "%.*s", (int)strcspn(typed, "="), typed);
    else
        snprintf(option, sizeof option, "-%c", optopt);
    if (c == ':') {
        snprintf(what, sizeof what, "is missing its value");
    } else if (is_long && n == 1 && found[0]->has_arg == no_argument && strchr(typed, '=')) {
        snprintf(what, sizeof what, "takes no value, got %s", typed);
    } else if (is_long && n > 1) {
        size_t len = (size_t)snprintf(what, sizeof what, "is ambiguous:");
        for (int i = 0; i < n && i < 16 && len < sizeof what; i++)
            len += (size_t)snprintf(what + len, sizeof what - len, "%s --%s", i ? "," : "", found[i]->name);
    } else {
        snprintf(what, sizeof what, "is not an option of this command");
    }
    return rs_fail(err, RS_ERR_INPUT, "%s %s; see 'rampsim %s --help'", option, what, command);
}

/* The option getopt_long has just returned, with its value, as the user
 * typed it: "-n 0", "-n0", "--seed abc", "--seed=abc", "--se abc". */
static void typed_option(char **argv, int short_name, char *buf, size_t size)
{
    const char *last = argv[optind - 1];
    bool separate = optarg == last; /* the value is an argument of its own */
    const char *option = separate ? argv[optind - 2] : last;
    if (strncmp(option, "--", 2) != 0)
        snprintf(buf, size, "-%c%s%s", short_name, separate ? " " : "", optarg);
    else if (separate)
        snprintf(buf, size, "%s %s", option, optarg);
    else
        snprintf(buf, size, "%s", option);
}

/* Checks the value of an option that overrides a scenario key (-n, --seed)
 * as that key takes it, before any file is read, so that the message names
 * the option as typed ("-n 0: run.replications must be a whole number from
 * 1 to 10000000, got 0") and not the --set it becomes. */
static rs_status check_key_option(char **argv, int short_name, const char *section, const char *key, char *err)
{
    char typed[128];
    typed_option(argv, short_name, typed, sizeof typed);
    /* blanks around the value are dropped, as --set drops them */
    const char *value = optarg + strspn(optarg, " ");
    size_t n = strlen(value);
    while (n > 0 && value[n - 1] == ' ')
        n--;
    if (n > RS_LINE_MAX)
        return rs_fail(err, RS_ERR_INPUT, "%.40s...: the value is longer than %d characters; shorten it", typed,
                       RS_LINE_MAX);
    char text[RS_LINE_MAX + 1], msg[RS_ERRMSG_SIZE];
    memcpy(text, value, n);
    text[n] = '\0';
    rs_scenario *probe = rs_scenario_new();
    if (!probe)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_param_parse(&rs_params[rs_param_find(section, key)], probe, text, msg);
    rs_scenario_free(probe);
    return st == RS_OK ? RS_OK : rs_fail(err, st, "%s: %s", typed, msg);
}

/* Loads the scenario file, applies --replications, --seed and every --set,
 * then validates. *out is NULL on failure. */
static rs_status load_scenario(const char *path, const scenario_options *opt, rs_scenario **out, char *err)
{
    *out = NULL;
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_scenario_load(sc, path, err);
    if (st == RS_OK)
        st = rs_scenario_override(sc, opt->replications, opt->seed, opt->sets, opt->n_sets, err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

/* Says on standard error, before any result, when a scenario takes a lever
 * beyond what the research covers (rampsim/evidence.h): one line, kept by
 * -q, as it is a warning about the results rather than a part of them.
 * varied: the keys a sweep replaces, left to its axis notes; or NULL. */
static void note_evidence(const rs_scenario *sc, const char *label, const char *const *varied)
{
    char note[RS_EVIDENCE_NOTE_MAX];
    if (rs_evidence_note(sc, label, varied, note, sizeof note) > 0)
        fprintf(stderr, "rampsim: %s\n", note);
}

/* ---- options the simulating commands share ------------------------------ */

/* -o, --plot, -n, --seed, -j, --set, -q and -h, as every command that runs a
 * scenario takes them; each command adds its own. */
typedef struct common_options {
    scenario_options scenario;
    char *sets[256];
    const char *output;
    bool plot, quiet;
    int threads;
} common_options;

#define COMMON_SHORT_OPTIONS ":o:n:j:qh"
#define COMMON_LONG_OPTIONS                                                                                    \
    {"output", required_argument, NULL, 'o'}, {"plot", no_argument, NULL, 'p'},                                  \
        {"replications", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},                  \
        {"threads", required_argument, NULL, 'j'}, {"set", required_argument, NULL, 'S'},                        \
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}

typedef enum { OPTION_TAKEN, OPTION_HELP, OPTION_FAILED } option_result;

static rs_status parse_threads(const char *text, int *threads, char *err);

/* Takes getopt's answer c for a command: a common option, --help (printed),
 * or a usage error (in err). A command's own options come before this. */
static option_result common_option(int c, common_options *o, const char *command, const char *help, char **argv,
                                   const struct option *longopts, char *err)
{
    switch (c) {
    case 'o': o->output = optarg; return OPTION_TAKEN;
    case 'p': o->plot = true; return OPTION_TAKEN;
    case 'n':
        o->scenario.replications = optarg;
        return check_key_option(argv, 'n', "run", "replications", err) == RS_OK ? OPTION_TAKEN : OPTION_FAILED;
    case 's':
        o->scenario.seed = optarg;
        return check_key_option(argv, 0, "run", "seed", err) == RS_OK ? OPTION_TAKEN : OPTION_FAILED;
    case 'q': o->quiet = true; return OPTION_TAKEN;
    case 'j': return parse_threads(optarg, &o->threads, err) == RS_OK ? OPTION_TAKEN : OPTION_FAILED;
    case 'S':
        if (o->scenario.n_sets == (int)(sizeof o->sets / sizeof o->sets[0])) {
            usage_error(err, command, "too many --set options");
            return OPTION_FAILED;
        }
        o->sets[o->scenario.n_sets++] = optarg;
        return OPTION_TAKEN;
    case 'h': fputs(help, stdout); return OPTION_HELP;
    default: option_error(c, argv, longopts, command, err); return OPTION_FAILED;
    }
}

static void common_init(common_options *o, const char *output)
{
    memset(o, 0, sizeof *o);
    o->scenario.sets = o->sets;
    o->output = output;
    optind = 1;
    opterr = 0;
}

/* ---- run ------------------------------------------------------------- */

static volatile sig_atomic_t interrupted = 0;

static void on_signal(int signo)
{
    interrupted = signo;
}

/* The name of the signal that interrupted, for messages. */
static const char *interrupting_signal_name(void)
{
    return interrupted == SIGTERM ? "SIGTERM" : interrupted == SIGHUP ? "SIGHUP" : "SIGINT";
}

/* SIGINT, SIGTERM and SIGHUP (a closed terminal) set `interrupted` while a
 * run is under way, so that it stops at the next batch and removes what it
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
 * run has taken more than a second. */
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

static const char run_help[] =
    "Usage: rampsim run SCENARIO.ini [OPTION]...\n"
    "Simulate the scenario and write its results into a directory.\n\n"
    "  -o, --output DIR        write results into DIR (default: results/<run.name>)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    override run.replications\n"
    "      --seed S            override run.seed\n"
    "  -j, --threads N         threads to use (default: one per core); results do not\n"
    "                          depend on it\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override one scenario key; may be repeated\n"
    "  -q, --quiet             do not print the summary table\n"
    "  -h, --help              show this help\n\n"
    "Writes summary.csv, quarters.csv, weekly.csv, ramp.csv, manager.csv,\n"
    "attainment.csv and scenario.ini (see docs/outputs.md). A failed or\n"
    "interrupted run leaves no result directory behind.\n";

static rs_status parse_threads(const char *text, int *threads, char *err)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < 1 || n > MAX_THREADS)
        return rs_fail(err, RS_ERR_INPUT, "--threads must be a whole number from 1 to %d, got %s", MAX_THREADS,
                       text);
    *threads = (int)n;
    return RS_OK;
}

/* Draws the charts of a directory being written. */
typedef rs_status (*chart_drawer)(const char *dir, const void *ctx, char *err);

/* Draws the charts into tmp, then publishes it as dir unless a signal came
 * meanwhile (gnuplot sees a Ctrl-C too). A chart failure still publishes
 * the data and says so. */
static rs_status finish_results(const char *tmp, const char *dir, chart_drawer draw, const void *ctx, char *err)
{
    rs_status plot_status = RS_OK;
    char plot_err[RS_ERRMSG_SIZE] = "";
    if (draw) {
        if (!rs_plot_available())
            fprintf(stderr, "rampsim: gnuplot not found, so no charts were drawn (install gnuplot-nox); "
                            "the data is written\n");
        else
            plot_status = draw(tmp, ctx, plot_err);
    }
    if (interrupted)
        return RS_ERR_INTERRUPTED;
    rs_status st = rs_fs_publish(tmp, dir, err);
    if (st != RS_OK)
        return st;
    if (plot_status != RS_OK)
        return rs_fail(err, plot_status, "%s; the data is written to %s", plot_err, dir);
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

static rs_status draw_run(const char *dir, const void *ctx, char *err)
{
    (void)ctx;
    return rs_plot_dir(dir, &interrupted, err); /* a signal stops the charts at once */
}

typedef struct run_job_ctx {
    const rs_scenario *scenario;
    rs_results *results;
} run_job_ctx;

static rs_status compute_run(void *ctx, const rs_engine_options *engine, char *err)
{
    run_job_ctx *run = ctx;
    return rs_engine_run(run->scenario, engine, &run->results, err);
}

static rs_status write_run(const void *ctx, const char *tmp, char *err)
{
    const run_job_ctx *run = ctx;
    return rs_output_write(run->results, tmp, err);
}

/* A command that computes results, then writes them into a directory that
 * appears complete or not at all. */
typedef struct result_job {
    const char *dir;
    int threads;
    rs_status (*compute)(void *ctx, const rs_engine_options *engine, char *err);
    rs_status (*write)(const void *ctx, const char *tmp, char *err);
    chart_drawer draw; /* NULL: no charts */
    void *ctx;
} result_job;

static void start_progress(progress_bar *bar);
static void end_progress(const progress_bar *bar);

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

/* Runs a job with a progress bar, stopping cleanly on SIGINT, SIGTERM or SIGHUP. */
static rs_status run_job(const result_job *job, char *err)
{
    /* Signals are caught before the temporary directory exists, so that
     * none can leave it behind. */
    saved_signals saved;
    catch_interrupts(&saved);
    /* The output is checked before the work and made only after it, so that
     * a job refused on the way (memory, a bad value) creates nothing. */
    char tmp[RS_PATH_MAX] = "";
    rs_status st = rs_fs_check_target(job->dir, err);
    if (st == RS_OK) {
        progress_bar bar;
        start_progress(&bar);
        rs_engine_options engine = {.threads = job->threads, .progress = show_progress, .progress_ctx = &bar,
                                    .interrupted = &interrupted};
        st = job->compute(job->ctx, &engine, err);
        end_progress(&bar);
    }
    if (st == RS_OK && interrupted)
        st = RS_ERR_INTERRUPTED;
    if (st == RS_OK)
        st = rs_fs_prepare(job->dir, tmp, err);
    if (st != RS_OK) {
        release_interrupts(&saved);
        return interrupted_message(st, job->dir, err);
    }
    st = job->write(job->ctx, tmp, err);
    if (st == RS_OK && interrupted)
        st = RS_ERR_INTERRUPTED;
    if (st == RS_OK)
        st = finish_results(tmp, job->dir, job->draw, job->ctx, err);
    if (st != RS_OK) /* nothing to remove once published (a chart failure) */
        rs_fs_remove(tmp);
    release_interrupts(&saved);
    if (st == RS_ERR_IO)
        name_result_dir(err, tmp, job->dir);
    return interrupted_message(st, job->dir, err);
}

int rs_cli_interrupting_signal(void)
{
    return interrupted;
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

static rs_status cmd_run(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {COMMON_LONG_OPTIONS, {NULL, 0, NULL, 0}};
    common_options o;
    common_init(&o, NULL);
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
        option_result r = common_option(c, &o, "run", run_help, argv, longopts, err);
        if (r != OPTION_TAKEN)
            return r == OPTION_HELP ? RS_OK : RS_ERR_INPUT;
    }
    if (optind != argc - 1)
        return usage_error(err, "run", optind >= argc ? "missing the scenario file" : "too many arguments");

    rs_scenario *sc;
    rs_status st = load_scenario(argv[optind], &o.scenario, &sc, err);
    if (st != RS_OK)
        return st;
    note_evidence(sc, sc->run.name, NULL);
    char dir[RS_PATH_MAX];
    snprintf(dir, sizeof dir, o.output ? "%s" : "results/%s", o.output ? o.output : sc->run.name);
    run_job_ctx ctx = {.scenario = sc};
    result_job job = {.dir = dir, .threads = o.threads, .compute = compute_run, .write = write_run,
                      .draw = o.plot ? draw_run : NULL, .ctx = &ctx};
    st = run_job(&job, err);
    rs_results *results = ctx.results;
    if (results && (st == RS_OK || st == RS_ERR_RUNTIME) && !o.quiet) {
        rs_output_print_table(stdout, results);
        printf("\nResults in %s/%s\n", dir, o.plot && st == RS_OK && rs_plot_available() ? " (with charts)" : "");
    }
    rs_results_free(results);
    rs_scenario_free(sc);
    return st;
}

/* ---- check, defaults, plot ---------------------------------------------- */

static const char check_help[] =
    "Usage: rampsim check SCENARIO.ini [--set SECTION.KEY=VALUE]...\n"
    "Validate the scenario and print it with every key resolved; keys that\n"
    "differ from the defaults are marked. The first lines say how much memory\n"
    "a run needs on this machine's cores and how much is available. Exit\n"
    "status 2 if it is not valid.\n";

static rs_status cmd_check(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {
        {"set", required_argument, NULL, 'S'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    scenario_options sopt = {0};
    char *sets[256];
    sopt.sets = sets;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'S':
            if (sopt.n_sets == (int)(sizeof sets / sizeof sets[0]))
                return usage_error(err, "check", "too many --set options");
            sets[sopt.n_sets++] = optarg;
            break;
        case 'h': fputs(check_help, stdout); return RS_OK;
        default: return option_error(c, argv, longopts, "check", err);
        }
    }
    if (optind != argc - 1)
        return usage_error(err, "check", optind >= argc ? "missing the scenario file" : "too many arguments");
    rs_scenario *sc;
    rs_status st = load_scenario(argv[optind], &sopt, &sc, err);
    if (st != RS_OK)
        return st;
    note_evidence(sc, sc->run.name, NULL);
    printf("# %s is valid; every key resolved:\n", argv[optind]);
    int threads = rs_engine_threads(sc, 0);
    char need[32], available[32];
    rs_memory_format(rs_engine_memory_estimate((const rs_scenario *const *)&sc, 1, threads), need, sizeof need);
    const char *limited_by;
    rs_memory_format(rs_memory_available(threads, &limited_by), available, sizeof available);
    printf("# a run needs about %s of memory on %d thread%s; %s available (%s)\n\n", need, threads,
           threads == 1 ? "" : "s", available, limited_by);
    rs_scenario_write(stdout, sc, false);
    rs_scenario_free(sc);
    return RS_OK;
}

static rs_status cmd_defaults(int argc, char **argv, char *err)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs("Usage: rampsim defaults\nPrint a complete scenario file: every key with its default, unit,\n"
              "meaning and, where it has one, its source.\n",
              stdout);
        return RS_OK;
    }
    if (argc != 1)
        return usage_error(err, "defaults", "this command takes no arguments");
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

static rs_status cmd_plot(int argc, char **argv, char *err)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs("Usage: rampsim plot DIR\nDraw the charts (PNG and SVG) of the result directory DIR that\n"
              "'rampsim run' wrote. Needs gnuplot.\n",
              stdout);
        return RS_OK;
    }
    if (argc != 2)
        return usage_error(err, "plot", argc < 2 ? "missing the result directory" : "too many arguments");
    if (!rs_plot_available())
        return rs_fail(err, RS_ERR_RUNTIME, "gnuplot not found; install it (apt-get install gnuplot-nox)");
    /* Ctrl-C reaches gnuplot too; catching it here lets the half-drawn
     * parts be removed before rampsim ends. */
    saved_signals saved;
    catch_interrupts(&saved);
    rs_status st = rs_plot_dir(argv[1], &interrupted, err);
    release_interrupts(&saved);
    if (interrupted)
        return rs_fail(err, RS_ERR_INTERRUPTED, "interrupted by %s; the charts of %s are as they were",
                       interrupting_signal_name(), argv[1]);
    if (st == RS_OK)
        printf("Charts in %s/\n", argv[1]);
    return st;
}

/* ---- calibrate --------------------------------------------------------- */

static const char calibrate_help[] =
    "Usage: rampsim calibrate [OPTION]...\n"
    "Run the claim scenarios (scenarios/seed-*.ini) and check that the model\n"
    "reproduces the published figures the defaults are calibrated to, each\n"
    "with its 95% interval and tolerance, and stays within the plausibility\n"
    "bounds P1-P4; claim C6 (take over or coach) is reported quarter by quarter.\n"
    "A check holds when its figure and whole interval lie within the range; it\n"
    "is unresolved when the interval crosses an edge (the table says how many\n"
    "replications would settle it) and fails when the figure lies outside.\n\n"
    "  -o, --output DIR        write calibrate.csv, calibrate-c6.csv and\n"
    "                          calibrate-practices.csv into DIR\n"
    "                          (default: results/calibrate)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    replications per scenario (default: as the files say)\n"
    "      --seed S            override run.seed\n"
    "  -j, --threads N         threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override a key in every claim scenario (to see how\n"
    "                          a calibrated default moves the claims); may be repeated\n"
    "  -h, --help              show this help\n\n"
    "Exit status: 0 when no check fails (unresolved ones included), 1 when one\n"
    "fails, 2 for bad usage. docs/calibration.md explains each check.\n";

typedef struct calibrate_job_ctx {
    rs_calibrate_options *options;
    rs_calibration *calibration;
} calibrate_job_ctx;

static rs_status compute_calibration(void *ctx, const rs_engine_options *engine, char *err)
{
    calibrate_job_ctx *job = ctx;
    job->options->engine = *engine;
    return rs_calibrate(job->options, job->calibration, err);
}

static rs_status write_calibration(const void *ctx, const char *tmp, char *err)
{
    const calibrate_job_ctx *job = ctx;
    return rs_calibration_write(job->calibration, tmp, err);
}

static rs_status draw_calibration(const char *dir, const void *ctx, char *err)
{
    const rs_calibration *c = ((const calibrate_job_ctx *)ctx)->calibration;
    int bounds = 0;
    for (int i = 0; i < c->n_checks; i++)
        bounds += c->checks[i].bound;
    return rs_plot_calibration(dir, c->replications, c->n_quarters, c->n_checks - bounds, bounds, err);
}

static rs_status cmd_calibrate(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"plot", no_argument, NULL, 'p'},
        {"replications", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 'j'}, {"set", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    rs_calibrate_options opt = {0};
    char *sets[256];
    opt.sets = sets;
    const char *output = "results/calibrate", *replications = NULL;
    bool plot = false;
    int c, threads = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:n:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'p': plot = true; break;
        case 'n':
            if (check_key_option(argv, 'n', "run", "replications", err) != RS_OK)
                return RS_ERR_INPUT;
            replications = optarg;
            break;
        case 's':
            if (check_key_option(argv, 0, "run", "seed", err) != RS_OK)
                return RS_ERR_INPUT;
            opt.seed = optarg;
            break;
        case 'j':
            if (parse_threads(optarg, &threads, err) != RS_OK)
                return RS_ERR_INPUT;
            break;
        case 'S':
            if (opt.n_sets == (int)(sizeof sets / sizeof sets[0]))
                return usage_error(err, "calibrate", "too many --set options");
            sets[opt.n_sets++] = optarg;
            break;
        case 'h': fputs(calibrate_help, stdout); return RS_OK;
        default: return option_error(c, argv, longopts, "calibrate", err);
        }
    }
    if (optind != argc)
        return usage_error(err, "calibrate", "this command takes no arguments");
    if (replications) /* checked as run.replications takes it */
        opt.replications = strtoll(replications, NULL, 10);
    calibrate_job_ctx ctx = {.options = &opt, .calibration = malloc(sizeof(rs_calibration))};
    if (!ctx.calibration)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    result_job job = {.dir = output, .threads = threads, .compute = compute_calibration, .write = write_calibration,
                      .draw = plot ? draw_calibration : NULL, .ctx = &ctx};
    rs_status st = run_job(&job, err);
    rs_calibration *cal = ctx.calibration;
    if (cal && (st == RS_OK || st == RS_ERR_RUNTIME)) {
        rs_calibration_print(stdout, cal);
        printf("\nResults in %s/\n", output);
    }
    if (st == RS_OK) {
        int failures = rs_calibration_failures(cal);
        if (failures)
            st = rs_fail(err, RS_ERR_RUNTIME, "%d of %d checks fail", failures, cal->n_checks);
    }
    free(cal);
    return st;
}

/* ---- compare ----------------------------------------------------------- */

#define MAX_COMPARED 16

static const char compare_help[] =
    "Usage: rampsim compare A.ini B.ini [C.ini]... [OPTION]...\n"
    "Run the scenarios side by side on common random numbers: every one with the\n"
    "first's seed and replications, so that replication r of each sees the same\n"
    "leads, deals and departures wherever they mean the same thing. For every\n"
    "metric, each scenario's median with its 95% interval, and against the first\n"
    "the mean of the paired differences with its 95% interval (honest where few\n"
    "replications differ: docs/outputs.md) and the shares of replications in\n"
    "which it did better and worse. The scenarios must share horizon and start\n"
    "week.\n\n"
    "  -o, --output DIR        write the results into DIR (default: results/compare)\n"
    "      --plot              also draw the charts (PNG and SVG) with gnuplot\n"
    "  -n, --replications N    override run.replications (of every scenario)\n"
    "      --seed S            override run.seed (of every scenario)\n"
    "  -j, --threads N         threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE\n"
    "                          override a key in every scenario; may be repeated\n"
    "  -q, --quiet             do not print the table\n"
    "  -h, --help              show this help\n\n"
    "Writes compare.csv, compare-attainment.csv, compare-quarters.csv,\n"
    "compare-manager.csv and scenario-<name>.ini for each (docs/outputs.md).\n";

typedef struct compare_job_ctx {
    rs_scenario *scenarios[MAX_COMPARED];
    rs_results *results[MAX_COMPARED];
    rs_comparison *comparison;
    char labels[MAX_COMPARED][RS_NAME_MAX + 24]; /* name, "-", a position, "-" and a count */
    const char *label_list[MAX_COMPARED];
    int k;
} compare_job_ctx;

static rs_compare_set compare_set(const compare_job_ctx *job)
{
    rs_compare_set set = {.k = job->k, .results = (rs_results **)job->results, .comparison = job->comparison,
                          .labels = job->label_list};
    return set;
}

static rs_status compute_compare(void *ctx, const rs_engine_options *engine, char *err)
{
    compare_job_ctx *job = ctx;
    return rs_engine_compare((const rs_scenario *const *)job->scenarios, job->k, engine, job->results,
                             &job->comparison, err);
}

/* A scenario file of a result directory: a heading line, then every key
 * resolved. */
typedef struct resolved_scenario {
    const rs_scenario *scenario;
    char heading[RS_NAME_MAX + 96];
} resolved_scenario;

static rs_status write_resolved_scenario(FILE *f, const void *ctx)
{
    const resolved_scenario *r = ctx;
    fprintf(f, "# rampsim %s: %s, every key resolved.\n\n", RAMPSIM_VERSION, r->heading);
    rs_scenario_write(f, r->scenario, false);
    return RS_OK;
}

static rs_status write_compare(const void *ctx, const char *tmp, char *err)
{
    const compare_job_ctx *job = ctx;
    rs_compare_set set = compare_set(job);
    rs_status st = rs_compare_write(&set, tmp, err);
    for (int j = 0; st == RS_OK && j < job->k; j++) {
        char name[RS_NAME_MAX + 64];
        snprintf(name, sizeof name, "scenario-%s.ini", job->labels[j]);
        resolved_scenario r = {.scenario = job->scenarios[j]};
        snprintf(r.heading, sizeof r.heading, "scenario %s of a comparison", job->labels[j]);
        /* labels are unique, and the file is new: never another's */
        st = rs_fs_write_file(tmp, name, write_resolved_scenario, &r, err);
    }
    return st;
}

static rs_status draw_compare(const char *dir, const void *ctx, char *err)
{
    const compare_job_ctx *job = ctx;
    int years = job->results[0]->layout.fiscal_years;
    return rs_plot_comparison(dir, job->k, years < 2 ? years : 2, err);
}

/* Whether `label` is taken: by a label given already, or by the run.name
 * of any scenario, which that scenario keeps if it is the first to have
 * it. Case is ignored, for the files scenario-<label>.ini must not replace
 * one another on a file system that ignores it. */
static bool label_taken(const compare_job_ctx *job, int j, const char *label)
{
    for (int i = 0; i < job->k; i++)
        if ((i < j && strcasecmp(job->labels[i], label) == 0) ||
            (i != j && strcasecmp(job->scenarios[i]->run.name, label) == 0))
            return true;
    return false;
}

/* Labels every scenario: its run.name, or for a later scenario of a name
 * already taken, "<name>-<position>", and "-2", "-3"... after that while
 * it is still taken. Unique by construction, so that no scenario's files
 * replace another's, whatever the names: "a-3", "a", "a" would otherwise
 * give the third the first's label. */
static void assign_labels(compare_job_ctx *job)
{
    for (int j = 0; j < job->k; j++) {
        const char *name = job->scenarios[j]->run.name;
        char *label = job->labels[j];
        snprintf(label, sizeof job->labels[j], "%s", name);
        bool first = true;
        for (int i = 0; i < j; i++)
            first &= strcasecmp(job->labels[i], name) != 0 && strcasecmp(job->scenarios[i]->run.name, name) != 0;
        if (!first) {
            snprintf(label, sizeof job->labels[j], "%s-%d", name, j + 1);
            for (int extra = 2; label_taken(job, j, label); extra++)
                snprintf(label, sizeof job->labels[j], "%s-%d-%d", name, j + 1, extra);
        }
        job->label_list[j] = label;
    }
}

/* Every scenario runs with the first one's seed and replications: common
 * random numbers need both. Horizon and start week cannot be aligned. */
static rs_status align_runs(compare_job_ctx *job, char *const *paths, char *err)
{
    const rs_scenario *first = job->scenarios[0];
    for (int j = 1; j < job->k; j++) {
        rs_scenario *sc = job->scenarios[j];
        if (sc->run.horizon_weeks != first->run.horizon_weeks || sc->run.start_week != first->run.start_week)
            return rs_fail(err, RS_ERR_INPUT,
                           "%s: run.horizon_weeks and run.start_week must be those of %s (%d and %d) to compare, "
                           "got %d and %d",
                           paths[j], paths[0], first->run.horizon_weeks, first->run.start_week,
                           sc->run.horizon_weeks, sc->run.start_week);
        sc->run.seed = first->run.seed;
        sc->run.replications = first->run.replications;
    }
    assign_labels(job);
    return RS_OK;
}

static rs_status cmd_compare(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {COMMON_LONG_OPTIONS, {NULL, 0, NULL, 0}};
    common_options o;
    common_init(&o, "results/compare");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
        option_result r = common_option(c, &o, "compare", compare_help, argv, longopts, err);
        if (r != OPTION_TAKEN)
            return r == OPTION_HELP ? RS_OK : RS_ERR_INPUT;
    }
    int k = argc - optind;
    if (k < 2)
        return usage_error(err, "compare", "give at least two scenario files");
    if (k > MAX_COMPARED)
        return rs_fail(err, RS_ERR_INPUT, "compare takes at most %d scenarios, got %d", MAX_COMPARED, k);

    compare_job_ctx *job = calloc(1, sizeof *job);
    if (!job)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    job->k = k;
    rs_status st = RS_OK;
    for (int j = 0; j < k && st == RS_OK; j++)
        st = load_scenario(argv[optind + j], &o.scenario, &job->scenarios[j], err);
    if (st == RS_OK)
        st = align_runs(job, argv + optind, err);
    for (int j = 0; j < k && st == RS_OK; j++)
        note_evidence(job->scenarios[j], job->labels[j], NULL);
    if (st == RS_OK) {
        result_job run = {.dir = o.output, .threads = o.threads, .compute = compute_compare,
                          .write = write_compare, .draw = o.plot ? draw_compare : NULL, .ctx = job};
        st = run_job(&run, err);
    }
    if ((st == RS_OK || st == RS_ERR_RUNTIME) && job->results[0] && !o.quiet) {
        rs_compare_set set = compare_set(job);
        rs_compare_print(stdout, &set);
        printf("\nResults in %s/\n", o.output);
    }
    for (int j = 0; j < k; j++) {
        rs_results_free(job->results[j]);
        rs_scenario_free(job->scenarios[j]);
    }
    rs_comparison_free(job->comparison);
    free(job);
    return st;
}

/* ---- sweep ------------------------------------------------------------- */

static const char sweep_help[] =
    "Usage: rampsim sweep BASE.ini --vary SECTION.KEY=FROM:TO:STEP [--vary ...] [OPTION]...\n"
    "       rampsim sweep BASE.ini --vary SECTION.KEY=V1,V2,... [--vary ...] [OPTION]...\n"
    "Run the scenario at every value of one key (a response curve) or every pair\n"
    "of values of two (a grid), all on common random numbers, so that neighbouring\n"
    "points differ by the key, not by luck. Enumerations vary like numbers:\n"
    "--vary one_on_one.cadence=none,monthly,biweekly,weekly\n\n"
    "  --vary SECTION.KEY=...      a key and its values; once or twice\n"
    "  --metric NAME               the metric of the table and chart (default\n"
    "                              team_attainment_fy1; any of summary.csv)\n"
    "  -o, --output DIR            write the results into DIR (default: results/sweep)\n"
    "      --plot                  also draw the chart (PNG and SVG) with gnuplot\n"
    "  -n, --replications N        override run.replications\n"
    "      --seed S                override run.seed\n"
    "  -j, --threads N             threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE override a key of the base; may be repeated\n"
    "  -q, --quiet                 do not print the table\n"
    "  -h, --help                  show this help\n\n"
    "Writes sweep.csv (every metric at every point), sweep-chart.csv and\n"
    "scenario.ini (the base, resolved); see docs/outputs.md.\n";

typedef struct sweep_job_ctx {
    const rs_scenario *base;
    rs_sweep_axis *axes;
    int n_axes;
    const char *metric;
    rs_sweep *sweep;
    bool beyond[RS_SWEEP_MAX_AXES][RS_SWEEP_MAX_VALUES]; /* values beyond the evidence, shaded on the chart */
} sweep_job_ctx;

static rs_status compute_sweep(void *ctx, const rs_engine_options *engine, char *err)
{
    sweep_job_ctx *job = ctx;
    return rs_sweep_run(job->base, job->axes, job->n_axes, engine, &job->sweep, err);
}

static rs_status write_base_scenario(const rs_scenario *base, const char *what, const char *tmp, char *err);

static rs_status write_sweep(const void *ctx, const char *tmp, char *err)
{
    const sweep_job_ctx *job = ctx;
    rs_status st = rs_sweep_write(job->sweep, rs_sweep_metric(job->sweep, job->metric), tmp, err);
    return st == RS_OK ? write_base_scenario(job->base, "sweep", tmp, err) : st;
}

static rs_status draw_sweep(const char *dir, const void *ctx, char *err)
{
    const sweep_job_ctx *job = ctx;
    int m = rs_sweep_metric(job->sweep, job->metric);
    rs_plot_beyond beyond = {.x = job->beyond[0], .nx = job->axes[0].n};
    if (job->n_axes > 1) {
        beyond.y = job->beyond[1];
        beyond.ny = job->axes[1].n;
    }
    return rs_plot_sweep(dir, job->metric, job->sweep->metric_units[m], job->axes[0].key,
                         job->n_axes > 1 ? job->axes[1].key : NULL, &beyond, err);
}

/* The notes of a sweep beyond the evidence: the base's, without the varied
 * keys, then a line for each axis with values beyond, which the chart
 * shades (job->beyond). */
static rs_status note_sweep_evidence(sweep_job_ctx *job, bool charted, char *err)
{
    const char *varied[RS_SWEEP_MAX_AXES + 1] = {NULL};
    for (int a = 0; a < job->n_axes; a++)
        varied[a] = job->axes[a].key;
    note_evidence(job->base, job->base->run.name, varied);
    for (int a = 0; a < job->n_axes; a++) {
        const rs_sweep_axis *axis = &job->axes[a];
        const char *values[RS_SWEEP_MAX_VALUES];
        for (int i = 0; i < axis->n; i++)
            values[i] = axis->values[i];
        char note[RS_EVIDENCE_NOTE_MAX];
        rs_status st = rs_evidence_axis(job->base, axis->key, values, axis->n, charted, job->beyond[a], note,
                                        sizeof note, err);
        if (st != RS_OK)
            return st;
        if (note[0])
            fprintf(stderr, "rampsim: %s\n", note);
    }
    return RS_OK;
}

/* The metric must be one summary.csv reports for this scenario. */
static rs_status check_metric(const rs_scenario *base, const char *metric, char *err)
{
    rs_reported_metric found;
    return rs_reported_metric_find(base, metric, &found, err);
}

static rs_status cmd_sweep(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {
        {"vary", required_argument, NULL, 'v'}, {"metric", required_argument, NULL, 'm'}, COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    common_options o;
    common_init(&o, "results/sweep");
    const char *varies[RS_SWEEP_MAX_AXES + 1];
    int n_varies = 0, c;
    const char *metric = "team_attainment_fy1";
    while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
        if (c == 'v') {
            if (n_varies == RS_SWEEP_MAX_AXES)
                return usage_error(err, "sweep", "at most two --vary");
            varies[n_varies++] = optarg;
        } else if (c == 'm') {
            metric = optarg;
        } else {
            option_result r = common_option(c, &o, "sweep", sweep_help, argv, longopts, err);
            if (r != OPTION_TAKEN)
                return r == OPTION_HELP ? RS_OK : RS_ERR_INPUT;
        }
    }
    if (optind != argc - 1)
        return usage_error(err, "sweep", optind >= argc ? "missing the base scenario file" : "too many arguments");
    if (n_varies == 0)
        return usage_error(err, "sweep", "give a key to vary with --vary SECTION.KEY=FROM:TO:STEP");

    rs_scenario *base;
    rs_status st = load_scenario(argv[optind], &o.scenario, &base, err);
    if (st != RS_OK)
        return st;
    sweep_job_ctx job = {.base = base, .n_axes = n_varies, .metric = metric};
    job.axes = calloc(RS_SWEEP_MAX_AXES, sizeof *job.axes);
    if (!job.axes)
        st = rs_fail(err, RS_ERR_NOMEM, "out of memory");
    if (st == RS_OK)
        st = rs_sweep_axes_parse(job.axes, varies, n_varies, base, err);
    if (st == RS_OK)
        st = check_metric(base, metric, err);
    if (st == RS_OK)
        st = note_sweep_evidence(&job, o.plot && rs_plot_available(), err);
    if (st == RS_OK) {
        result_job run = {.dir = o.output, .threads = o.threads, .compute = compute_sweep, .write = write_sweep,
                          .draw = o.plot ? draw_sweep : NULL, .ctx = &job};
        st = run_job(&run, err);
    }
    if ((st == RS_OK || st == RS_ERR_RUNTIME) && job.sweep && !o.quiet) {
        rs_sweep_print(stdout, job.sweep, rs_sweep_metric(job.sweep, metric));
        printf("\nResults in %s/\n", o.output);
    }
    rs_sweep_free(job.sweep);
    free(job.axes);
    rs_scenario_free(base);
    return st;
}

/* ---- tornado ----------------------------------------------------------- */

#define TORNADO_CHART_BARS 15

static const char tornado_help[] =
    "Usage: rampsim tornado BASE.ini [--swing 20%] [--metric NAME] [OPTION]...\n"
    "Move every numeric key of the scenario down and up by the swing (within its\n"
    "limits; whole numbers by at least one), one at a time and on common random\n"
    "numbers, and rank the keys by how far they move the metric: which\n"
    "assumption drives the result?\n\n"
    "      --swing SHARE           the relative move, such as 20% or 0.1 (default 20%)\n"
    "      --metric NAME           the metric (default team_attainment_fy1; any of\n"
    "                              summary.csv but ramp_weeks and first_win_weeks)\n"
    "  -o, --output DIR            write the results into DIR (default: results/tornado)\n"
    "      --plot                  also draw the chart (PNG and SVG) with gnuplot\n"
    "  -n, --replications N        override run.replications\n"
    "      --seed S                override run.seed\n"
    "  -j, --threads N             threads to use (default: one per core)\n"
    "      --set SECTION.KEY=VALUE override a key of the base; may be repeated\n"
    "  -q, --quiet                 do not print the table\n"
    "  -h, --help                  show this help\n\n"
    "Writes tornado.csv and scenario.ini (docs/outputs.md).\n";

typedef struct tornado_job_ctx {
    const rs_scenario *base;
    double swing;
    const char *metric;
    rs_tornado *tornado;
} tornado_job_ctx;

static rs_status compute_tornado(void *ctx, const rs_engine_options *engine, char *err)
{
    tornado_job_ctx *job = ctx;
    return rs_tornado_run(job->base, job->swing, job->metric, engine, &job->tornado, err);
}

/* scenario.ini beside results that come from one base scenario. */
static rs_status write_base_scenario(const rs_scenario *base, const char *what, const char *tmp, char *err)
{
    resolved_scenario r = {.scenario = base};
    snprintf(r.heading, sizeof r.heading, "the base scenario of a %s", what);
    return rs_fs_write_file(tmp, "scenario.ini", write_resolved_scenario, &r, err);
}

static rs_status write_tornado(const void *ctx, const char *tmp, char *err)
{
    const tornado_job_ctx *job = ctx;
    rs_status st = rs_tornado_write(job->tornado, tmp, err);
    return st == RS_OK ? write_base_scenario(job->base, "tornado", tmp, err) : st;
}

static rs_status draw_tornado(const char *dir, const void *ctx, char *err)
{
    const tornado_job_ctx *job = ctx;
    const rs_tornado *t = job->tornado;
    /* keys of undefined swing come last in tornado.csv and are not drawn;
     * with none ranked, there is no chart */
    int bars = t->ranked < TORNADO_CHART_BARS ? t->ranked : TORNADO_CHART_BARS;
    return rs_plot_tornado(dir, t->metric, t->unit, t->base, t->swing, bars, err);
}

static rs_status cmd_tornado(int argc, char **argv, char *err)
{
    static const struct option longopts[] = {
        {"swing", required_argument, NULL, 'w'}, {"metric", required_argument, NULL, 'm'}, COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    common_options o;
    common_init(&o, "results/tornado");
    const char *metric = "team_attainment_fy1", *swing_text = "20%";
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
        if (c == 'w') {
            swing_text = optarg;
        } else if (c == 'm') {
            metric = optarg;
        } else {
            option_result r = common_option(c, &o, "tornado", tornado_help, argv, longopts, err);
            if (r != OPTION_TAKEN)
                return r == OPTION_HELP ? RS_OK : RS_ERR_INPUT;
        }
    }
    if (optind != argc - 1)
        return usage_error(err, "tornado", optind >= argc ? "missing the base scenario file" : "too many arguments");
    double swing;
    if (!rs_parse_fraction(swing_text, &swing) || !(swing > 0 && swing < 1))
        return rs_fail(err, RS_ERR_INPUT, "--swing must be a share between 0 and 1 (such as 20%% or 0.1), got %s",
                       swing_text);
    rs_scenario *base;
    rs_status st = load_scenario(argv[optind], &o.scenario, &base, err);
    if (st != RS_OK)
        return st;
    tornado_job_ctx job = {.base = base, .swing = swing, .metric = metric};
    st = check_metric(base, metric, err);
    if (st == RS_OK) {
        result_job run = {.dir = o.output, .threads = o.threads, .compute = compute_tornado, .write = write_tornado,
                          .draw = o.plot ? draw_tornado : NULL, .ctx = &job};
        st = run_job(&run, err);
    }
    if ((st == RS_OK || st == RS_ERR_RUNTIME) && job.tornado && !o.quiet) {
        rs_tornado_print(stdout, job.tornado);
        printf("\nResults in %s/\n", o.output);
    }
    rs_tornado_free(job.tornado);
    rs_scenario_free(base);
    return st;
}
