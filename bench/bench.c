/* bench.c: wall time, CPU time, peak memory and throughput of the jobs of
 * docs/performance.md, and the model's inner loop against the floor its
 * random draws set. Built by CMake, not run by CTest (timings need a quiet
 * machine):  build/bench/rampsim-bench [--runs N] [--jobs typical,large,sweep]
 * and, two builds side by side (vs.c):
 *   build/bench/rampsim-bench --vs OLD/rampsim NEW/rampsim [--runs N]
 *                             [--jobs typical,default1000,tornado,calibrate]
 *
 * Each measured run is a child process, so that its peak memory is its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rampsim/engine.h"
#include "model.h"
#include "rng.h"
#include "sampler_tables.h"
#include "samplers.h"
#include "week_draws.h"
#include "rampsim/scenario.h"
#include "vs.h"

typedef struct job {
    const char *name;
    long long replications;
    int reps;
    int points; /* scenarios run together (a sweep), 1 otherwise */
    int runs;   /* default number of runs */
    int roster; /* the team as a roster of `reps` rows instead of team.reps */
    int research; /* effects.uncertainty = research: the survey effects drawn as ranges */
} job;

/* team500 and roster500 are the same team of 500 (2 new hires, the others
 * long past their ramp), told as team.reps and as a roster: their costs a
 * rep-week should match. (Reps of a year or three are still on the ramp
 * curve's last percent: their lead rates change every week, and so cost
 * about a fifth more a rep-week, as any ramping rep does.) */
static const job jobs[] = {
    {"typical", 10000, 50, 1, 5, 0, 0},
    {"large", 1000000, 8, 1, 3, 0, 0},
    {"sweep", 2000, 8, 21, 5, 0, 0},
    {"team500", 1000, 500, 1, 5, 0, 0},
    {"roster500", 1000, 500, 1, 5, 1, 0},
    {"research", 10000, 50, 1, 5, 0, 1},
};

/* The roster of the roster jobs, written once to a temporary file. */
static char roster_path[64];

static void write_roster(int reps)
{
    snprintf(roster_path, sizeof roster_path, "/tmp/rampsim-bench-roster-XXXXXX");
    int fd = mkstemp(roster_path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "bench: cannot write a roster\n");
        exit(1);
    }
    fprintf(f, "name,tenure\n");
    for (int i = 0; i < reps; i++)
        fprintf(f, "rep %d,%s\n", i + 1, i < 2 ? "0" : (i % 3 == 0 ? "8 years" : i % 3 == 1 ? "450 weeks" : "100 months"));
    fclose(f);
}

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The scenarios of a job: the default scenario with the job's size; a
 * sweep varies coaching.hours_per_month from 0 to 10 in steps of 0.5. */
static rs_scenario **job_scenarios(const job *j)
{
    rs_scenario **set = calloc((size_t)j->points, sizeof *set);
    for (int p = 0; p < j->points; p++) {
        char reps[128], replications[64], hours[64], err[RS_ERRMSG_SIZE];
        if (j->roster)
            snprintf(reps, sizeof reps, "team.roster=%s", roster_path);
        else
            snprintf(reps, sizeof reps, "team.reps=%d", j->reps);
        snprintf(replications, sizeof replications, "run.replications=%lld", j->replications);
        snprintf(hours, sizeof hours, "coaching.hours_per_month=%g", j->points > 1 ? 0.5 * p : 1.0);
        set[p] = rs_scenario_new();
        if (rs_scenario_set(set[p], reps, err) || rs_scenario_set(set[p], replications, err) ||
            rs_scenario_set(set[p], hours, err) ||
            rs_scenario_set(set[p], j->research ? "effects.uncertainty=research" : "effects.uncertainty=none", err) ||
            rs_scenario_validate(set[p], err)) {
            fprintf(stderr, "bench: %s\n", err);
            exit(1);
        }
    }
    return set;
}

static double seat_weeks(const job *j)
{
    rs_scenario *sc = rs_scenario_new();
    double w = (double)(sc->run.horizon_weeks + sc->run.warmup_weeks);
    rs_scenario_free(sc);
    return (double)j->replications * j->reps * w * j->points;
}

typedef struct measurement {
    double wall, cpu, peak_mb;
} measurement;

/* One run of the job in a child process. */
static measurement measure(const job *j, int threads)
{
    int fd[2];
    measurement m = {0};
    if (pipe(fd) != 0)
        exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        rs_scenario **set = job_scenarios(j);
        rs_results **results = calloc((size_t)j->points, sizeof *results);
        rs_comparison *comparison = NULL;
        rs_engine_options opt = {.threads = threads};
        char err[RS_ERRMSG_SIZE];
        double t0 = seconds(CLOCK_MONOTONIC);
        if (rs_engine_compare((const rs_scenario *const *)set, j->points, &opt, results,
                              j->points > 1 ? &comparison : NULL, err) != RS_OK) {
            fprintf(stderr, "bench: %s\n", err);
            _exit(1);
        }
        measurement r;
        r.wall = seconds(CLOCK_MONOTONIC) - t0;
        struct rusage u;
        getrusage(RUSAGE_SELF, &u);
        r.cpu = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec * 1e-6 + (double)u.ru_stime.tv_sec +
                (double)u.ru_stime.tv_usec * 1e-6;
        r.peak_mb = (double)u.ru_maxrss / 1024.0;
        if (write(fd[1], &r, sizeof r) != (ssize_t)sizeof r)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (read(fd[0], &m, sizeof m) != (ssize_t)sizeof m) {
        fprintf(stderr, "bench: a run of %s failed\n", j->name);
        exit(1);
    }
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    return m;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- the RNG floor ----------------------------------------------------- */

/* CPU seconds of one thread running `replications` replications of sc, and
 * what they drew. */
static double model_cpu(const rs_scenario *sc, long long replications, rs_model_draws *draws)
{
    rs_layout layout;
    rs_layout_init(&layout, sc);
    rs_model *m = rs_model_new(sc, &layout, NULL);
    rs_outcome *out = rs_outcome_new(&layout);
    double t0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (long long r = 0; r < replications; r++)
        rs_model_run(m, (uint32_t)r, out);
    double cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - t0;
    *draws = *rs_model_draw_counts(m);
    rs_model_free(m);
    rs_outcome_free(out);
    rs_layout_free(&layout);
    return cpu;
}

/* CPU seconds to draw what the model drew, the same way, without the model:
 * week by week, the seats' blocks a few weeks at a time (week_draws.h), its
 * departure uniform and Poisson count of opportunities from the table
 * (sampler_tables.h), and of lost leads in as many weeks as the model drew
 * them (the recorded ones), then the week's opportunity blocks in one batch
 * and each opportunity's value and cycle weeks; each hire's block and skill
 * lookup. The seats take the model's mean rates, so the counts are those
 * it drew on average.
 * Returns the Philox blocks. */
static double floor_cpu(const rs_scenario *sc, const rs_model_draws *d, uint64_t *blocks)
{
    rs_quantile_table *value = malloc(sizeof *value), *cycle = malloc(sizeof *cycle);
    rs_quantile_table_lognormal(value, 0.7);
    rs_quantile_table_gamma(cycle, 4.0);
    philox4x32_key_t key = rs_rng_key(sc->run.seed);
    double mu_won = (double)d->opportunities / (double)d->seat_weeks;
    double mu_lost = d->lost_lead_draws ? (double)d->lost_leads / (double)d->lost_lead_draws : 0.0;
    /* the model draws lost leads in the recorded weeks alone: as many weeks here */
    double lost_week_share = (double)d->lost_lead_draws / (double)d->seat_weeks, lost_weeks = 0.0;
    int seats = sc->team.seat_count;
    rs_week_draws w;
    rs_poisson_table_init();
    if (!value || !cycle || rs_week_draws_init(&w, seats, 4 * (size_t)seats + 64) != RS_OK) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    double sink = 0.0;
    *blocks = 0;
    double t0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    uint64_t weeks = d->seat_weeks / (uint64_t)seats;
    for (uint64_t week = 0; week < weeks; week++) {
        uint32_t replication = (uint32_t)(week >> 15);
        int wk = (int)(week & 0x7fff);
        rs_week_draws_seats(&w, key, replication, wk, 0x8000);
        rs_week_draws_deals_clear(&w);
        lost_weeks += lost_week_share;
        bool draw_lost = lost_weeks >= 1.0;
        lost_weeks -= draw_lost;
        for (int i = 0; i < seats; i++) {
            sink += rs_uniform(w.seat[RS_WORD_DEPARTURE][i]);
            unsigned opportunities = rs_poisson_draw(mu_won, w.seat[RS_WORD_OPPORTUNITIES][i]);
            if (draw_lost)
                sink += rs_poisson_draw(mu_lost, w.seat[RS_WORD_LOST_LEADS][i]);
            if (rs_week_draws_seat_deals(&w, replication, (unsigned)i, wk, opportunities) != RS_OK)
                exit(1);
        }
        rs_week_draws_deals(&w, key);
        for (size_t b = 0; b < w.deals; b++) {
            sink += rs_uniform(w.deal[RS_WORD_WIN][b]);
            sink += rs_quantile(value, rs_uniform(w.deal[RS_WORD_VALUE][b]));
            sink += rs_cycle_weeks_exact(cycle, true, 10.0, w.deal[RS_WORD_CYCLE][b]);
        }
        *blocks += (uint64_t)seats + w.deals;
    }
    for (uint64_t h = 0; h < d->hires; h++) {
        rs_stream s;
        rs_stream_start(&s, key, (uint32_t)h, RS_RNG_TEST, 2, 0, 0);
        sink += rs_quantile(value, rs_stream_uniform(&s));
    }
    double cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - t0;
    *blocks += d->hires;
    if (sink == 42.0) /* keep the draws from being optimised away */
        printf(" ");
    rs_week_draws_free(&w);
    free(value);
    free(cycle);
    return cpu * (double)d->seat_weeks / (double)(weeks * (uint64_t)seats);
}

/* ---- report ------------------------------------------------------------ */

static void run_job(const job *j, int runs)
{
    int thread_counts[2] = {1, 2};
    double median[2] = {0, 0};
    printf("\n%s: %lld replications x %d reps x %d weeks%s\n", j->name, j->replications, j->reps, 130,
           j->points > 1 ? " x 21 sweep points (coaching.hours_per_month 0 to 10)" : "");
    printf("  %-8s %12s %12s %10s %16s\n", "threads", "median wall", "CPU", "peak MB", "rep-weeks/s");
    for (int t = 0; t < 2; t++) {
        /* the large job on 1 thread is not a target; it would take minutes */
        if (strcmp(j->name, "large") == 0 && thread_counts[t] == 1)
            continue;
        double walls[32], cpu = 0, peak = 0;
        for (int r = 0; r < runs; r++) {
            measurement m = measure(j, thread_counts[t]);
            walls[r] = m.wall;
            cpu += m.cpu / runs;
            peak = m.peak_mb > peak ? m.peak_mb : peak;
        }
        qsort(walls, (size_t)runs, sizeof walls[0], by_value);
        median[t] = walls[runs / 2];
        printf("  %-8d %10.3f s %10.3f s %10.1f %16.3g\n", thread_counts[t], median[t], cpu, peak,
               seat_weeks(j) / median[t]);
    }
    if (median[0] > 0 && median[1] > 0)
        printf("  speed-up from 1 to 2 threads: %.2fx\n", median[0] / median[1]);

    /* inner loop against its RNG floor, on one thread */
    rs_scenario **set = job_scenarios(j);
    long long sample = 200000 / j->reps;
    rs_model_draws draws;
    double model = model_cpu(set[0], sample, &draws);
    uint64_t blocks;
    double floor = floor_cpu(set[0], &draws, &blocks);
    printf("  inner loop: %.1f ns per rep-week, RNG floor %.1f ns (%.2f Philox blocks per rep-week, "
           "model %.2f): ratio %.2fx\n",
           model / (double)draws.seat_weeks * 1e9, floor / (double)draws.seat_weeks * 1e9,
           (double)blocks / (double)draws.seat_weeks,
           (double)(draws.seat_weeks + draws.opportunities + draws.hires) / (double)draws.seat_weeks,
           model / floor);
    for (int p = 0; p < j->points; p++)
        rs_scenario_free(set[p]);
    free(set);
}

/* The typical job with and without effects.uncertainty = research, run in
 * alternation on 2 threads so that the machine's drift falls on both: the
 * median of the pairs' ratios is the cost of drawing the research's ranges
 * (a target of docs/performance.md: at most 1.05). */
static void run_research_pairs(int runs)
{
    const job *plain = &jobs[0], *research = &jobs[5];
    double ratios[32], walls[2][32];
    for (int r = 0; r < runs; r++) {
        walls[0][r] = measure(plain, 2).wall;
        walls[1][r] = measure(research, 2).wall;
        ratios[r] = walls[1][r] / walls[0][r];
    }
    qsort(ratios, (size_t)runs, sizeof ratios[0], by_value);
    qsort(walls[0], (size_t)runs, sizeof walls[0][0], by_value);
    qsort(walls[1], (size_t)runs, sizeof walls[1][0], by_value);
    printf("\nresearch: the typical job with effects.uncertainty = research, %d pairs on 2 threads\n", runs);
    printf("  median wall: plain %.3f s, research %.3f s; median ratio research / plain %.3f "
           "(lowest %.3f, highest %.3f)\n",
           walls[0][runs / 2], walls[1][runs / 2], ratios[runs / 2], ratios[0], ratios[runs - 1]);
}

int main(int argc, char **argv)
{
    int runs = 0;
    const char *which = NULL, *old = NULL, *new = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
            which = argv[++i];
        else if (strcmp(argv[i], "--vs") == 0 && i + 2 < argc) {
            old = argv[++i];
            new = argv[++i];
        } else {
            fprintf(stderr, "usage: rampsim-bench [--runs N] [--jobs typical,large,sweep,team500,roster500,research]\n"
                            "       rampsim-bench --vs OLD/rampsim NEW/rampsim [--runs N]\n"
                            "                     [--jobs typical,default1000,tornado,calibrate]\n");
            return 2;
        }
    }
    if (old)
        return rs_bench_vs(old, new, RS_SOURCE_DIR, which ? which : "typical,default1000,tornado,calibrate",
                           runs ? runs : 5);
    if (!which)
        which = "typical,large,sweep";
    if (runs < 0 || runs > 32) {
        fprintf(stderr, "bench: --runs must be from 1 to 32\n");
        return 2;
    }
    printf("rampsim benchmark: %ld cores online\n", sysconf(_SC_NPROCESSORS_ONLN));
    if (strstr(which, "roster500"))
        write_roster(500);
    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++)
        if (strstr(which, jobs[i].name) && !jobs[i].research)
            run_job(&jobs[i], runs ? runs : jobs[i].runs);
    if (strstr(which, "research"))
        run_research_pairs(runs ? runs : 5);
    if (roster_path[0])
        unlink(roster_path);
    return 0;
}
