/* engine.c: replications on a pool of threads with a deterministic merge,
 * for one scenario or a set run in lockstep on common random numbers. */
#include "rampsim/engine.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine_state.h"
#include "memory.h"
#include "uncertain.h"

static bool pass_gate(shared *sh)
{
    pthread_mutex_lock(&sh->gate_lock);
    while (sh->gate_state == 0)
        pthread_cond_wait(&sh->gate, &sh->gate_lock);
    bool go = sh->gate_state > 0;
    pthread_mutex_unlock(&sh->gate_lock);
    return go;
}

static void open_gate(shared *sh, int state)
{
    pthread_mutex_lock(&sh->gate_lock);
    sh->gate_state = state;
    pthread_cond_broadcast(&sh->gate);
    pthread_mutex_unlock(&sh->gate_lock);
}

static bool interrupted(const shared *sh)
{
    return sh->options->interrupted && *sh->options->interrupted;
}

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    if (!pass_gate(sh))
        return NULL;
    for (long long first = 0, end; first < sh->blocks; first = end) {
        end = rs_engine_window_end(sh, first);
        while (!atomic_load(&sh->stop)) {
            long long b = atomic_fetch_add(&sh->next_block, 1);
            if (b >= end)
                break;
            rs_status st = rs_engine_run_block(w, b, &sh->window[b - first]);
            if (st != RS_OK) {
                w->status = st;
                atomic_store(&sh->stop, 1);
            }
            if (interrupted(sh))
                atomic_store(&sh->stop, 1);
        }
        pthread_barrier_wait(&sh->barrier);
        if (w->id == 0) {
            if (interrupted(sh))
                atomic_store(&sh->stop, 1);
            sh->halt = atomic_load(&sh->stop);
            if (!sh->halt) {
                rs_engine_merge_window(sh, first, end);
                sh->done_blocks = end;
                sh->halt = rs_engine_precise_enough(sh, end);
                atomic_store(&sh->next_block, end);
                if (sh->options->progress) {
                    long long done = end * RS_ENGINE_BLOCK < sh->replications ? end * RS_ENGINE_BLOCK
                                                                              : sh->replications;
                    sh->options->progress(sh->options->progress_ctx, done, sh->replications);
                }
            }
        }
        pthread_barrier_wait(&sh->barrier);
        if (sh->halt)
            break;
    }
    return NULL;
}

static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Whether any scenario of a set has uncertain keys. */
static bool any_uncertain(const rs_scenario *const *set, int k)
{
    for (int j = 0; j < k; j++)
        if (set[j]->uncertain.count > 0)
            return true;
    return false;
}

/* Blocks per merge window: within WINDOW_BYTES, but at least two a thread. */
static long long window_blocks(size_t bytes, int threads)
{
    long long blocks = bytes ? (long long)(WINDOW_BYTES / bytes) : WINDOW;
    if (blocks < 2 * threads)
        blocks = 2 * threads;
    return blocks > WINDOW ? WINDOW : blocks;
}

int rs_engine_threads(const rs_scenario *sc, int requested)
{
    long long blocks = (sc->run.replications + RS_ENGINE_BLOCK - 1) / RS_ENGINE_BLOCK;
    int threads = requested > 0 ? requested : online_cores();
    return threads > blocks ? (int)blocks : threads;
}

/* A workspace's memory, with uncertain keys at the highest their ranges
 * reach: the open deals of the busiest draw (more leads, longer cycles)
 * are what it must hold. */
static size_t model_memory(const rs_scenario *sc, const rs_layout *l)
{
    if (sc->uncertain.count == 0)
        return rs_model_memory(sc, l);
    rs_scenario *busiest = rs_scenario_clone(sc);
    if (!busiest)
        return SIZE_MAX;
    rs_uncertain_corner(busiest, RS_CORNER_HIGH);
    size_t bytes = rs_model_memory(busiest, l);
    rs_scenario_free(busiest);
    return bytes;
}

/* A worker's rows of a block's sketched slots, `width` of them, for one
 * scenario. */
static size_t sketch_rows_bytes(size_t width)
{
    return (size_t)RS_ENGINE_BLOCK * (width > 0 ? width : 1) * sizeof(double);
}

size_t rs_engine_memory_estimate(const rs_scenario *const *set, int k, int threads)
{
    size_t total = 0, slots = 0, paired = 0;
    for (int j = 0; j < k; j++) {
        rs_layout l;
        if (rs_layout_init(&l, set[j]) != RS_OK)
            return SIZE_MAX;
        size_t sketches = rs_sketches_memory_estimate(l.sketched, l.cum_bookings);
        /* the results, then each thread's model, outcome and sketches */
        total += sizeof(rs_results) + l.slots * sizeof(rs_moments) + sketches;
        /* the rows counted at their widest, as if every slot were sketched */
        total += (size_t)threads * (model_memory(set[j], &l) + rs_outcome_memory(&l) + sketches +
                                    sketch_rows_bytes(l.sketched));
        slots = l.slots > slots ? l.slots : slots; /* teams of different sizes differ */
        paired = l.cum_bookings;
        rs_layout_free(&l);
    }
    bool nested = any_uncertain(set, k);
    size_t block = rs_engine_block_bytes(k, slots, paired, nested);
    size_t kept = (size_t)(k - 1) * paired * sizeof(rs_pair_moments) +
                  (nested ? (size_t)(2 * k - 1) * paired * sizeof(rs_nested) : 0);
    return total + (size_t)window_blocks(block, threads) * block + kept;
}

/* Refuses, up front, a job whose memory estimate exceeds what is available. */
static rs_status check_memory(const rs_scenario *const *set, int k, int threads, char *err)
{
    const char *limited_by;
    size_t need = rs_engine_memory_estimate(set, k, threads), available = rs_memory_available(threads, &limited_by);
    if (need <= available)
        return RS_OK;
    char need_text[32], available_text[32];
    rs_memory_format(need, need_text, sizeof need_text);
    rs_memory_format(available, available_text, sizeof available_text);
    int reps = 0;
    for (int j = 0; j < k; j++)
        reps = set[j]->team.seat_count > reps ? set[j]->team.seat_count : reps;
    return rs_fail(err, RS_ERR_INPUT,
                   "%s needs about %s of memory (%d scenario%s of up to %d reps and %d weeks, on %d thread%s), "
                   "more than the %s available (%s); use fewer threads, reps or weeks%s",
                   set[0]->run.name, need_text, k, k == 1 ? "" : "s", reps, set[0]->run.horizon_weeks, threads,
                   threads == 1 ? "" : "s", available_text, limited_by,
                   k > 1 ? ", or fewer scenarios at once" : "");
}

static void worker_free(worker *w, int k)
{
    for (int j = 0; j < k; j++) {
        if (w->models)
            rs_model_free(w->models[j]);
        if (w->outcomes)
            rs_outcome_free(w->outcomes[j]);
        if (w->sketches)
            rs_sketches_free(w->sketches[j]);
        if (w->sketch_rows)
            free(w->sketch_rows[j]);
    }
    free(w->models);
    free(w->outcomes);
    free(w->sketches);
    free(w->sketch_rows);
}

/* Workers are set up one after the other, before any runs, so a model can
 * take its sampler tables from one set up earlier: the first worker's
 * previous scenario, or the same scenario of the first worker. */
static bool worker_init(worker *w, shared *sh, int id, const worker *first)
{
    w->sh = sh;
    w->id = id;
    w->models = calloc((size_t)sh->k, sizeof *w->models);
    w->outcomes = calloc((size_t)sh->k, sizeof *w->outcomes);
    w->sketches = calloc((size_t)sh->k, sizeof *w->sketches);
    bool sketching = !sh->options->no_percentiles;
    w->sketch_rows = sketching ? calloc((size_t)sh->k, sizeof *w->sketch_rows) : NULL;
    if (!w->models || !w->outcomes || !w->sketches || (sketching && !w->sketch_rows))
        return false;
    for (int j = 0; j < sh->k; j++) {
        const rs_layout *l = &sh->results[j]->layout;
        const rs_model *like = id > 0 ? first->models[j] : (j > 0 ? w->models[j - 1] : NULL);
        w->models[j] = rs_model_new(sh->set[j], l, like);
        w->outcomes[j] = rs_outcome_new(l);
        w->sketches[j] = rs_sketches_new(l->sketched, l->cum_bookings);
        if (!w->models[j] || !w->outcomes[j] || !w->sketches[j])
            return false;
        if (sketching && !(w->sketch_rows[j] = malloc(sketch_rows_bytes(rs_engine_sketched_slots(sh, l)))))
            return false;
    }
    return true;
}

/* Runs the threads over all blocks; returns the number that started. */
static rs_status run_threads(shared *sh, worker *workers, int threads, int *started, char *err)
{
    rs_status status = RS_OK;
    *started = 1;
    for (int t = 1; t < threads; t++, (*started)++)
        if (pthread_create(&workers[t].thread, NULL, work, &workers[t]) != 0)
            break;
    /* Fewer threads than asked only costs time: results do not depend on
     * the thread count. */
    if (pthread_barrier_init(&sh->barrier, NULL, (unsigned)*started) != 0) {
        open_gate(sh, -1);
        status = rs_fail(err, RS_ERR_RUNTIME, "cannot synchronise %d threads", *started);
    } else {
        open_gate(sh, 1);
        work(&workers[0]);
    }
    for (int t = 1; t < *started; t++)
        pthread_join(workers[t].thread, NULL);
    if (status != RS_OK)
        return status;
    pthread_barrier_destroy(&sh->barrier);
    for (int t = 0; t < *started; t++)
        if (workers[t].status != RS_OK)
            return rs_fail(err, workers[t].status, "out of memory during the run");
    if (interrupted(sh))
        return rs_fail(err, RS_ERR_INTERRUPTED, "interrupted");
    return RS_OK;
}

/* The first run setting on which two scenarios of a set differ, or NULL. */
static const char *incompatible(const rs_scenario *a, const rs_scenario *b)
{
    if (a->run.seed != b->run.seed)
        return "run.seed";
    if (a->run.replications != b->run.replications)
        return "run.replications";
    if (a->run.horizon_weeks != b->run.horizon_weeks)
        return "run.horizon_weeks";
    if (a->run.start_week != b->run.start_week)
        return "run.start_week";
    if (a->run.replications_per_draw != b->run.replications_per_draw)
        return "run.replications_per_draw";
    return NULL;
}

/* Refuses a set whose scenarios cannot share replications (the first run
 * setting on which one differs from the first), or whose pairing does not
 * point back to an earlier scenario. */
static rs_status check_set(const rs_scenario *const *set, int k, const rs_engine_options *options, char *err)
{
    for (int j = 1; j < k; j++) {
        if (options->pair_with && (options->pair_with[j] < 0 || options->pair_with[j] >= j))
            return rs_fail(err, RS_ERR_RUNTIME, "internal error: scenario %d paired with %d", j, options->pair_with[j]);
        const char *key = incompatible(set[0], set[j]);
        if (key)
            return rs_fail(err, RS_ERR_INPUT, "%s and %s must have the same %s to be compared", set[0]->run.name,
                           set[j]->run.name, key);
    }
    return RS_OK;
}

/* The nested accumulators of every result and pair; false when out of
 * memory. */
static bool nested_alloc(shared *sh)
{
    bool ok = true;
    for (int j = 0; ok && j < sh->k; j++)
        ok = (sh->results[j]->nested = rs_nested_new(sh->paired)) != NULL;
    if (ok && sh->comparison)
        ok = (sh->comparison->nested = rs_nested_new((size_t)(sh->k - 1) * sh->paired)) != NULL;
    return ok;
}

/* Allocates sh's results, its comparison (k > 1) and its merge window for
 * `threads` threads; false when out of memory (what was allocated stays in
 * sh, for job_free and the caller to free). */
static bool job_alloc(shared *sh, int threads)
{
    int k = sh->k;
    bool ok = true;
    for (int j = 0; ok && j < k; j++)
        ok = (sh->results[j] = rs_results_new(sh->set[j])) != NULL;
    if (ok) {
        /* room in a block for the largest scenario's slots: teams of
         * different sizes have different per-seat slots */
        sh->slots = 0;
        for (int j = 0; j < k; j++)
            if (sh->results[j]->layout.slots > sh->slots)
                sh->slots = sh->results[j]->layout.slots;
        sh->paired = sh->results[0]->layout.cum_bookings; /* scalars, fiscal years, quarters */
    }
    if (ok && k > 1)
        ok = (sh->comparison = rs_comparison_new(k, sh->paired)) != NULL;
    if (ok && sh->nested)
        ok = nested_alloc(sh);
    sh->window_blocks = window_blocks(rs_engine_block_bytes(k, sh->slots, sh->paired, sh->nested), threads);
    for (int b = 0; ok && b < sh->window_blocks; b++)
        ok = rs_engine_block_alloc(sh, &sh->window[b]);
    return ok;
}

/* Hands the first thread's sketches to the results and merges the other
 * threads' into them, in thread order (the counts are integers, so the
 * order changes nothing but is fixed anyway). */
static rs_status collect_sketches(shared *sh, worker *workers, int started, char *err)
{
    rs_status status = RS_OK;
    for (int j = 0; status == RS_OK && j < sh->k; j++) {
        sh->results[j]->sketches = workers[0].sketches[j];
        workers[0].sketches[j] = NULL;
        for (int t = 1; t < started && status == RS_OK; t++)
            if (!rs_sketches_merge(sh->results[j]->sketches, workers[t].sketches[j]))
                status = rs_fail(err, RS_ERR_NOMEM, "out of memory while merging results");
    }
    return status;
}

/* Frees the workers, the merge window and the gate of sh; the results and
 * the comparison are the caller's. */
static void job_free(shared *sh, worker *workers, int threads)
{
    for (int t = 0; workers && t < threads; t++)
        worker_free(&workers[t], sh->k);
    free(workers);
    for (int b = 0; b < WINDOW; b++) {
        free(sh->window[b].moments);
        free(sh->window[b].pairs);
        free(sh->window[b].draws);
        free(sh->window[b].draw_differences);
    }
    pthread_mutex_destroy(&sh->gate_lock);
    pthread_cond_destroy(&sh->gate);
}

rs_status rs_engine_compare(const rs_scenario *const *set, int k, const rs_engine_options *options,
                            rs_results **results, rs_comparison **comparison, char *err)
{
    for (int j = 0; j < k; j++)
        results[j] = NULL;
    if (comparison)
        *comparison = NULL;
    rs_status valid = check_set(set, k, options, err);
    if (valid != RS_OK)
        return valid;
    shared sh = {.set = set, .k = k, .replications = set[0]->run.replications, .results = results,
                 .options = options, .nested = any_uncertain(set, k),
                 .per_draw = (uint32_t)set[0]->run.replications_per_draw};
    sh.blocks = (sh.replications + RS_ENGINE_BLOCK - 1) / RS_ENGINE_BLOCK;
    int threads = rs_engine_threads(set[0], options->threads);
    rs_status fits = check_memory(set, k, threads, err);
    if (fits != RS_OK)
        return fits;
    atomic_init(&sh.next_block, 0);
    atomic_init(&sh.stop, 0);
    pthread_mutex_init(&sh.gate_lock, NULL);
    pthread_cond_init(&sh.gate, NULL);

    bool ok = job_alloc(&sh, threads);
    worker *workers = ok ? calloc((size_t)threads, sizeof *workers) : NULL;
    ok = ok && workers;
    for (int t = 0; ok && t < threads; t++)
        ok = worker_init(&workers[t], &sh, t, &workers[0]);

    if (ok)
        sh.tracked = rs_engine_tracked_slot(options, &results[0]->layout);
    int started = 0;
    rs_status status = ok ? run_threads(&sh, workers, threads, &started, err)
                          : rs_fail(err, RS_ERR_NOMEM, "out of memory for %d threads", threads);
    if (status == RS_OK)
        status = collect_sketches(&sh, workers, started, err);
    if (status == RS_OK)
        rs_engine_finish(&sh);
    job_free(&sh, workers, threads);
    if (status != RS_OK) {
        for (int j = 0; j < k; j++) {
            rs_results_free(results[j]);
            results[j] = NULL;
        }
        rs_comparison_free(sh.comparison);
        return status;
    }
    if (comparison)
        *comparison = sh.comparison;
    else
        rs_comparison_free(sh.comparison);
    return RS_OK;
}

rs_status rs_engine_run(const rs_scenario *sc, const rs_engine_options *options, rs_results **out, char *err)
{
    return rs_engine_compare(&sc, 1, options, out, NULL, err);
}
