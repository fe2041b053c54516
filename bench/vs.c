/* vs.c: two builds of rampsim side by side (rampsim-bench --vs OLD NEW).
 *
 * A speed claim compares the old and the new build in the same run of the
 * benchmark, on the same machine at the same moment: each command runs
 * with the old build, then the new, in turn, `runs` times, so that the
 * machine's drift falls on both. Each run is a child process; its wall
 * time is measured around it and its CPU time and peak memory come from
 * its own rusage. Printed: the medians of each build and the median of the
 * runs' paired ratios new / old, with the lowest and highest. */
#include "vs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 32
#define MAX_ARGS 16

/* The commands a trainer or an analyst waits for (docs/performance.md):
 * the typical job, a quick run, a tornado and the calibration. The
 * scenario paths are relative to the source directory. */
typedef struct vs_job {
    const char *name;
    const char *args[MAX_ARGS]; /* after the program; "OUT" is the output directory */
} vs_job;

static const vs_job vs_jobs[] = {
    {"typical", {"run", "scenarios/default.ini", "--set", "team.reps=50", "-n", "10000", "-j", "2", "-q", "-o", "OUT"}},
    {"default1000", {"run", "scenarios/default.ini", "-n", "1000", "-j", "2", "-q", "-o", "OUT"}},
    {"tornado", {"tornado", "scenarios/default.ini", "-j", "2", "-q", "-o", "OUT"}},
    {"calibrate", {"calibrate", "-j", "2", "-q", "-o", "OUT"}},
};

typedef struct vs_time {
    double wall, cpu, peak_mb;
} vs_time;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* One run of `job` with the program `rampsim`, in the source directory
 * `source`, writing into a fresh directory under `scratch`. */
static vs_time run_once(const char *rampsim, const vs_job *job, const char *source, const char *scratch)
{
    char out[4096];
    snprintf(out, sizeof out, "%s/out", scratch);
    const char *argv[MAX_ARGS + 2] = {rampsim};
    for (int a = 0; a < MAX_ARGS && job->args[a]; a++)
        argv[a + 1] = strcmp(job->args[a], "OUT") == 0 ? out : job->args[a];
    fflush(stdout); /* else the child's freopen would print the parent's buffer again */
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(source) != 0 || !freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(rampsim, (char *const *)argv);
        _exit(127);
    }
    int status;
    struct rusage u;
    if (pid < 0 || wait4(pid, &status, 0, &u) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s %s failed\n", rampsim, job->name);
        exit(1);
    }
    vs_time t = {now() - t0, 0, 0};
    t.cpu = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec * 1e-6 + (double)u.ru_stime.tv_sec +
            (double)u.ru_stime.tv_usec * 1e-6;
    t.peak_mb = (double)u.ru_maxrss / 1024.0;
    return t;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, by_value);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

static void run_pairs(const vs_job *job, const char *old, const char *new, int runs, const char *source,
                      const char *scratch)
{
    double wall[2][MAX_RUNS], cpu[2][MAX_RUNS], ratio[MAX_RUNS], cpu_ratio[MAX_RUNS], peak[2] = {0, 0};
    for (int r = 0; r < runs; r++) {
        for (int b = 0; b < 2; b++) {
            vs_time t = run_once(b ? new : old, job, source, scratch);
            wall[b][r] = t.wall;
            cpu[b][r] = t.cpu;
            peak[b] = t.peak_mb > peak[b] ? t.peak_mb : peak[b];
        }
        ratio[r] = wall[1][r] / wall[0][r];
        cpu_ratio[r] = cpu[1][r] / cpu[0][r];
    }
    double m_ratio = median(ratio, runs), m_cpu_ratio = median(cpu_ratio, runs);
    printf("%-12s old %8.3f s wall %8.3f s CPU %6.1f MB | new %8.3f s wall %8.3f s CPU %6.1f MB | "
           "new/old wall %.3f (%.3f to %.3f), CPU %.3f\n",
           job->name, median(wall[0], runs), median(cpu[0], runs), peak[0], median(wall[1], runs),
           median(cpu[1], runs), peak[1], m_ratio, ratio[0], ratio[runs - 1], m_cpu_ratio);
}

int rs_bench_vs(const char *old, const char *new, const char *source, const char *which, int runs)
{
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "bench: --runs must be from 1 to %d\n", MAX_RUNS);
        return 2;
    }
    char scratch[] = "/tmp/rampsim-bench-vs-XXXXXX";
    if (!mkdtemp(scratch)) {
        fprintf(stderr, "bench: cannot make a scratch directory\n");
        return 1;
    }
    printf("side by side, %d runs each in turn (old, new), medians; ratios are the median of the pairs'\n"
           "  old: %s\n  new: %s\n",
           runs, old, new);
    for (size_t j = 0; j < sizeof vs_jobs / sizeof vs_jobs[0]; j++)
        if (strstr(which, vs_jobs[j].name))
            run_pairs(&vs_jobs[j], old, new, runs, source, scratch);
    char cleanup[4200];
    snprintf(cleanup, sizeof cleanup, "rm -rf '%s'", scratch);
    return system(cleanup) == 0 ? 0 : 1;
}
