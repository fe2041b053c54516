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

#include "memory.h"
#include "model.h"

/* Blocks run between two merges: at most WINDOW, fewer for large sets so
 * that their accumulators stay within WINDOW_BYTES (never fewer than two a
 * thread). Results do not depend on it: blocks merge in order anyway. */
#define WINDOW 64
#define WINDOW_BYTES (16u << 20)

/* The draws of the inputs a block's replications can span: with at least
 * two replications a draw, half the block's and one more at each end. */
#define DRAWS_PER_BLOCK (RS_ENGINE_BLOCK / 2 + 2)

/* One block's statistics: every scenario's slots, then every pair's; with
 * uncertain inputs, the paired slots of each draw the block spans. */
typedef struct block_acc {
    rs_moments *moments;   /* k x slots */
    rs_pair_moments *pairs; /* (k - 1) x paired slots */
    rs_moments *draws;     /* k x DRAWS_PER_BLOCK x paired, or NULL */
    rs_moments *draw_differences; /* (k - 1) x DRAWS_PER_BLOCK x paired, or NULL */
    long long first_draw;
    int n_draws;
} block_acc;

typedef struct shared {
    const rs_scenario *const *set;
    int k;
    long long replications;
    rs_results **results;
    rs_comparison *comparison; /* NULL when k == 1 */
    size_t slots, paired;
    bool nested;           /* a scenario has uncertain keys: keep the draws */
    uint32_t per_draw;     /* run.replications_per_draw */
    size_t tracked;        /* the slot precision control watches */
    long long blocks;
    long long done_blocks; /* blocks merged when the run ended */
    long long window_blocks; /* blocks per window, <= WINDOW */
    block_acc window[WINDOW];
    atomic_llong next_block;
    atomic_int stop;    /* any thread: finish the current batch early */
    bool halt;          /* thread 0, between the barriers: leave the loop */
    pthread_barrier_t barrier;
    /* Threads wait at this gate until the barrier is sized for the threads
     * that actually started. */
    pthread_mutex_t gate_lock;
    pthread_cond_t gate;
    int gate_state; /* 0 wait, 1 go, -1 give up */
    const rs_engine_options *options;
} shared;

typedef struct worker {
    shared *sh;
    int id;
    pthread_t thread;
    rs_model **models;      /* k */
    rs_outcome **outcomes;  /* k */
    rs_sketches **sketches; /* k */
    rs_status status;
} worker;

/* Adds one replication's outcome to a block accumulator and to the thread's
 * percentile sketches; false when a sketch could not grow. */
static bool accumulate(const rs_layout *l, const rs_outcome *o, rs_moments *block, rs_sketches *sk)
{
    bool ok = true;
    for (size_t i = 0; i < l->slots; i++) {
        double x = o->values[i];
        if (isnan(x))
            continue;
        rs_moments_add(&block[i], x);
        if (i < l->sketched)
            ok &= rs_sketches_add(sk, i, x);
    }
    for (size_t k = 0; k < o->n_ramp_weeks; k++) {
        rs_moments_add(&block[RS_M_RAMP_WEEKS], o->ramp_weeks[k]);
        ok &= rs_sketches_add(sk, RS_M_RAMP_WEEKS, o->ramp_weeks[k]);
    }
    for (size_t k = 0; k < o->n_first_win_weeks; k++) {
        rs_moments_add(&block[RS_M_FIRST_WIN_WEEKS], o->first_win_weeks[k]);
        ok &= rs_sketches_add(sk, RS_M_FIRST_WIN_WEEKS, o->first_win_weeks[k]);
    }
    return ok;
}

/* Adds the pairs (scenario pair_with[j], scenario j) of one replication. */
static void accumulate_pairs(const shared *sh, rs_outcome *const *o, rs_pair_moments *pairs)
{
    for (int j = 1; j < sh->k; j++) {
        rs_pair_moments *pj = &pairs[(size_t)(j - 1) * sh->paired];
        const rs_outcome *reference = o[sh->options->pair_with ? sh->options->pair_with[j] : 0];
        for (size_t i = 0; i < sh->paired; i++) {
            double a = reference->values[i], b = o[j]->values[i];
            if (!isnan(a) && !isnan(b))
                rs_pair_add(&pj[i], a, b);
        }
    }
}

/* Adds replication r's paired slots to the parts of its draw. */
static void accumulate_draw(const shared *sh, rs_outcome *const *o, long long r, block_acc *acc)
{
    size_t draw = (size_t)(r / sh->per_draw - acc->first_draw);
    for (int j = 0; j < sh->k; j++) {
        rs_moments *part = &acc->draws[((size_t)j * DRAWS_PER_BLOCK + draw) * sh->paired];
        for (size_t i = 0; i < sh->paired; i++)
            if (!isnan(o[j]->values[i]))
                rs_moments_add(&part[i], o[j]->values[i]);
    }
    for (int j = 1; j < sh->k; j++) {
        const rs_outcome *reference = o[sh->options->pair_with ? sh->options->pair_with[j] : 0];
        rs_moments *part = &acc->draw_differences[((size_t)(j - 1) * DRAWS_PER_BLOCK + draw) * sh->paired];
        for (size_t i = 0; i < sh->paired; i++) {
            double a = reference->values[i], b = o[j]->values[i];
            if (!isnan(a) && !isnan(b))
                rs_moments_add(&part[i], b - a);
        }
    }
}

/* Clears a block's draw parts for replications [first, end). */
static void start_draws(const shared *sh, block_acc *acc, long long first, long long end)
{
    acc->first_draw = first / sh->per_draw;
    acc->n_draws = (int)((end - 1) / sh->per_draw - acc->first_draw + 1);
    memset(acc->draws, 0, (size_t)sh->k * DRAWS_PER_BLOCK * sh->paired * sizeof *acc->draws);
    if (acc->draw_differences)
        memset(acc->draw_differences, 0,
               (size_t)(sh->k - 1) * DRAWS_PER_BLOCK * sh->paired * sizeof *acc->draw_differences);
}

static rs_status run_block(worker *w, long long block, block_acc *acc)
{
    shared *sh = w->sh;
    memset(acc->moments, 0, (size_t)sh->k * sh->slots * sizeof *acc->moments);
    if (acc->pairs)
        memset(acc->pairs, 0, (size_t)(sh->k - 1) * sh->paired * sizeof *acc->pairs);
    long long first = block * RS_ENGINE_BLOCK;
    long long end = first + RS_ENGINE_BLOCK < sh->replications ? first + RS_ENGINE_BLOCK : sh->replications;
    if (sh->nested)
        start_draws(sh, acc, first, end);
    for (long long r = first; r < end; r++) {
        for (int j = 0; j < sh->k; j++) {
            rs_status st = rs_model_run(w->models[j], (uint32_t)r, w->outcomes[j]);
            if (st != RS_OK)
                return st;
            if (j == 0 && sh->options->record)
                sh->options->record(sh->options->record_ctx, r, w->outcomes[0]);
            if (!accumulate(&sh->results[j]->layout, w->outcomes[j], &acc->moments[(size_t)j * sh->slots],
                            w->sketches[j]))
                return RS_ERR_NOMEM;
        }
        if (acc->pairs)
            accumulate_pairs(sh, w->outcomes, acc->pairs);
        if (sh->nested)
            accumulate_draw(sh, w->outcomes, r, acc);
    }
    return RS_OK;
}

/* A block's draw parts into the nested accumulators, in draw order. */
static void merge_draws(shared *sh, const block_acc *acc)
{
    for (int d = 0; d < acc->n_draws; d++) {
        long long draw = acc->first_draw + d;
        for (int j = 0; j < sh->k; j++) {
            const rs_moments *part = &acc->draws[((size_t)j * DRAWS_PER_BLOCK + (size_t)d) * sh->paired];
            for (size_t i = 0; i < sh->paired; i++)
                rs_nested_add(&sh->results[j]->nested[i], draw, &part[i]);
        }
        for (int j = 1; j < sh->k; j++) {
            const rs_moments *part =
                &acc->draw_differences[((size_t)(j - 1) * DRAWS_PER_BLOCK + (size_t)d) * sh->paired];
            for (size_t i = 0; i < sh->paired; i++)
                rs_nested_add(&sh->comparison->nested[(size_t)(j - 1) * sh->paired + i], draw, &part[i]);
        }
    }
}

/* Thread 0, between the barriers: merges the window's blocks in order. */
static void merge_window(shared *sh, long long first, long long end)
{
    for (long long b = first; b < end; b++) {
        const block_acc *acc = &sh->window[b - first];
        for (int j = 0; j < sh->k; j++)
            for (size_t i = 0; i < sh->results[j]->layout.slots; i++)
                rs_moments_merge(&sh->results[j]->moments[i], &acc->moments[(size_t)j * sh->slots + i]);
        if (sh->comparison)
            for (size_t i = 0; i < (size_t)(sh->k - 1) * sh->paired; i++)
                rs_pair_merge(&sh->comparison->pairs[i], &acc->pairs[i]);
        if (sh->nested)
            merge_draws(sh, acc);
    }
}

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

/* The end of the window that starts at block `first`: window_blocks on,
 * but never past the next checkpoint when precision control may stop the
 * run there (every thread computes the same). */
static long long window_end(const shared *sh, long long first)
{
    long long end = first + sh->window_blocks;
    if (sh->options->precision > 0) {
        long long checkpoint = (first / RS_ENGINE_CHECKPOINT_BLOCKS + 1) * RS_ENGINE_CHECKPOINT_BLOCKS;
        end = end < checkpoint ? end : checkpoint;
    }
    return end < sh->blocks ? end : sh->blocks;
}

/* The widest 95 % half-width the precision rule watches, over the
 * replications merged so far. */
static double widest_half_width(const shared *sh)
{
    double widest = 0.0;
    bool difference = sh->options->precision_rule == RS_PRECISION_DIFFERENCE && sh->comparison;
    for (int j = difference ? 1 : 0; j < sh->k; j++) {
        double h = difference ? rs_comparison_half_width(sh->comparison, j, sh->tracked)
                              : rs_results_half_width(sh->results[j], sh->tracked);
        widest = isnan(h) ? INFINITY : fmax(widest, h);
    }
    return widest;
}

/* Thread 0 after merging up to block `end`: whether precision control
 * stops the run here. */
static bool precise_enough(shared *sh, long long end)
{
    if (!(sh->options->precision > 0) || end % RS_ENGINE_CHECKPOINT_BLOCKS != 0 || end >= sh->blocks)
        return false;
    long long done = end * RS_ENGINE_BLOCK;
    if (sh->nested && done < (long long)sh->per_draw * RS_PRECISION_MIN_DRAWS)
        return false;
    return widest_half_width(sh) <= sh->options->precision;
}

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    if (!pass_gate(sh))
        return NULL;
    for (long long first = 0, end; first < sh->blocks; first = end) {
        end = window_end(sh, first);
        while (!atomic_load(&sh->stop)) {
            long long b = atomic_fetch_add(&sh->next_block, 1);
            if (b >= end)
                break;
            rs_status st = run_block(w, b, &sh->window[b - first]);
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
                merge_window(sh, first, end);
                sh->done_blocks = end;
                sh->halt = precise_enough(sh, end);
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

/* One block accumulator's bytes: every scenario's slots, every pair's,
 * and with uncertain inputs the paired slots of the draws it spans. */
static size_t block_bytes(int k, size_t slots, size_t paired, bool nested)
{
    size_t draws = nested ? (size_t)(2 * k - 1) * DRAWS_PER_BLOCK * paired * sizeof(rs_moments) : 0;
    return (size_t)k * slots * sizeof(rs_moments) + (size_t)(k - 1) * paired * sizeof(rs_pair_moments) + draws;
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
        total += (size_t)threads * (rs_model_memory(set[j], &l) + rs_outcome_memory(&l) + sketches);
        slots = l.slots > slots ? l.slots : slots; /* teams of different sizes differ */
        paired = l.cum_bookings;
        rs_layout_free(&l);
    }
    bool nested = any_uncertain(set, k);
    size_t block = block_bytes(k, slots, paired, nested);
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
    }
    free(w->models);
    free(w->outcomes);
    free(w->sketches);
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
    if (!w->models || !w->outcomes || !w->sketches)
        return false;
    for (int j = 0; j < sh->k; j++) {
        const rs_layout *l = &sh->results[j]->layout;
        const rs_model *like = id > 0 ? first->models[j] : (j > 0 ? w->models[j - 1] : NULL);
        w->models[j] = rs_model_new(sh->set[j], l, like);
        w->outcomes[j] = rs_outcome_new(l);
        w->sketches[j] = rs_sketches_new(l->sketched, l->cum_bookings);
        if (!w->models[j] || !w->outcomes[j] || !w->sketches[j])
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

static bool block_alloc(const shared *sh, block_acc *b)
{
    size_t k = (size_t)sh->k;
    b->moments = malloc(k * sh->slots * sizeof *b->moments);
    b->pairs = k > 1 ? malloc((k - 1) * sh->paired * sizeof *b->pairs) : NULL;
    if (sh->nested) {
        b->draws = malloc(k * DRAWS_PER_BLOCK * sh->paired * sizeof *b->draws);
        b->draw_differences = k > 1 ? malloc((k - 1) * DRAWS_PER_BLOCK * sh->paired * sizeof *b->draws) : NULL;
    }
    return b->moments && (k == 1 || b->pairs) && (!sh->nested || (b->draws && (k == 1 || b->draw_differences)));
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
    sh->window_blocks = window_blocks(block_bytes(k, sh->slots, sh->paired, sh->nested), threads);
    for (int b = 0; ok && b < sh->window_blocks; b++)
        ok = block_alloc(sh, &sh->window[b]);
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

/* The results as the run ended: the replications merged (fewer than asked
 * when precision control stopped it), the last groups of the nested
 * design closed, and the precision reached. */
static void finish(shared *sh)
{
    long long done = sh->done_blocks * RS_ENGINE_BLOCK;
    done = done < sh->replications ? done : sh->replications;
    for (int j = 0; j < sh->k; j++) {
        sh->results[j]->replications = done;
        for (size_t i = 0; sh->nested && i < sh->paired; i++)
            rs_nested_finish(&sh->results[j]->nested[i]);
    }
    for (size_t i = 0; sh->nested && sh->comparison && i < (size_t)(sh->k - 1) * sh->paired; i++)
        rs_nested_finish(&sh->comparison->nested[i]);
    double widest = sh->options->precision > 0 ? widest_half_width(sh) : NAN;
    for (int j = 0; j < sh->k; j++) {
        sh->results[j]->precision_target = sh->options->precision > 0 ? sh->options->precision : 0.0;
        sh->results[j]->half_width = widest;
        sh->results[j]->precision_met = widest <= sh->options->precision;
        sh->results[j]->tracked_slot = sh->tracked;
    }
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
        finish(&sh);
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
