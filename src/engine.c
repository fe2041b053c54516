/* engine.c: replications on a pool of threads with a deterministic merge. */
#include "rampsim/engine.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rampsim/model.h"

/* Blocks run between two merges; fixed, so memory stays bounded. */
#define WINDOW 64

typedef struct shared {
    const rs_scenario *sc;
    rs_results *results;
    long long blocks;
    rs_moments *window; /* WINDOW x slots block accumulators */
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
    rs_status status;   /* written by thread 0 only, after a barrier */
} shared;

typedef struct worker {
    shared *sh;
    int id;
    pthread_t thread;
    rs_model *model;
    rs_outcome *outcome;
    rs_sketches *sketches;
    rs_status status;
} worker;

/* Adds one replication's outcome to a block accumulator and to the thread's
 * percentile sketches. */
static void accumulate(const rs_layout *l, const rs_outcome *o, rs_moments *block, rs_sketches *sk)
{
    for (size_t i = 0; i < l->slots; i++) {
        double x = o->values[i];
        if (isnan(x))
            continue;
        rs_moments_add(&block[i], x);
        if (i < l->sketched)
            rs_sketches_add(sk, i, x);
    }
    for (size_t k = 0; k < o->n_ramp_weeks; k++) {
        rs_moments_add(&block[RS_M_RAMP_WEEKS], o->ramp_weeks[k]);
        rs_sketches_add(sk, RS_M_RAMP_WEEKS, o->ramp_weeks[k]);
    }
    for (size_t k = 0; k < o->n_first_win_weeks; k++) {
        rs_moments_add(&block[RS_M_FIRST_WIN_WEEKS], o->first_win_weeks[k]);
        rs_sketches_add(sk, RS_M_FIRST_WIN_WEEKS, o->first_win_weeks[k]);
    }
}

static rs_status run_block(worker *w, long long block, rs_moments *acc)
{
    const rs_layout *l = &w->sh->results->layout;
    memset(acc, 0, l->slots * sizeof *acc);
    long long first = block * RS_ENGINE_BLOCK;
    long long end = first + RS_ENGINE_BLOCK;
    if (end > w->sh->sc->run.replications)
        end = w->sh->sc->run.replications;
    for (long long r = first; r < end; r++) {
        rs_status st = rs_model_run(w->model, (uint32_t)r, w->outcome);
        if (st != RS_OK)
            return st;
        accumulate(l, w->outcome, acc, w->sketches);
    }
    return RS_OK;
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

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    const rs_layout *l = &sh->results->layout;
    if (!pass_gate(sh))
        return NULL;
    for (long long first = 0; first < sh->blocks; first += WINDOW) {
        long long end = first + WINDOW < sh->blocks ? first + WINDOW : sh->blocks;
        while (!atomic_load(&sh->stop)) {
            long long b = atomic_fetch_add(&sh->next_block, 1);
            if (b >= end)
                break;
            rs_status st = run_block(w, b, &sh->window[(size_t)(b - first) * l->slots]);
            if (st != RS_OK) {
                w->status = st;
                atomic_store(&sh->stop, 1);
            }
            if (sh->options->interrupted && *sh->options->interrupted)
                atomic_store(&sh->stop, 1);
        }
        pthread_barrier_wait(&sh->barrier);
        if (w->id == 0) {
            if (sh->options->interrupted && *sh->options->interrupted)
                atomic_store(&sh->stop, 1);
            sh->halt = atomic_load(&sh->stop);
        }
        if (w->id == 0 && !sh->halt) {
            for (long long b = first; b < end; b++) {
                const rs_moments *acc = &sh->window[(size_t)(b - first) * l->slots];
                for (size_t i = 0; i < l->slots; i++)
                    rs_moments_merge(&sh->results->moments[i], &acc[i]);
            }
            atomic_store(&sh->next_block, end);
            if (sh->options->progress) {
                long long done = end * RS_ENGINE_BLOCK;
                if (done > sh->sc->run.replications)
                    done = sh->sc->run.replications;
                sh->options->progress(sh->options->progress_ctx, done, sh->sc->run.replications);
            }
        }
        pthread_barrier_wait(&sh->barrier);
        if (sh->halt)
            break;
    }
    return NULL;
}

void rs_results_free(rs_results *r)
{
    if (!r)
        return;
    rs_layout_free(&r->layout);
    free(r->moments);
    rs_sketches_free(r->sketches);
    free(r);
}

static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

rs_status rs_engine_run(const rs_scenario *sc, const rs_engine_options *options, rs_results **out, char *err)
{
    *out = NULL;
    rs_results *res = calloc(1, sizeof *res);
    if (!res)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    res->scenario = sc;
    res->replications = sc->run.replications;
    if (rs_layout_init(&res->layout, sc) != RS_OK) {
        free(res);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    }
    const rs_layout *l = &res->layout;

    shared sh = {.sc = sc, .results = res, .options = options, .status = RS_OK};
    sh.blocks = (sc->run.replications + RS_ENGINE_BLOCK - 1) / RS_ENGINE_BLOCK;
    int threads = options->threads > 0 ? options->threads : online_cores();
    if (threads > sh.blocks)
        threads = (int)sh.blocks;
    atomic_init(&sh.next_block, 0);
    atomic_init(&sh.stop, 0);
    sh.gate_state = 0;

    worker *workers = calloc((size_t)threads, sizeof *workers);
    res->moments = calloc(l->slots, sizeof *res->moments);
    sh.window = malloc((size_t)WINDOW * l->slots * sizeof *sh.window);
    bool ok = workers && res->moments && sh.window;
    for (int t = 0; ok && t < threads; t++) {
        workers[t].sh = &sh;
        workers[t].id = t;
        workers[t].model = rs_model_new(sc, l);
        workers[t].outcome = rs_outcome_new(l);
        workers[t].sketches = rs_sketches_new(l->sketched);
        ok = workers[t].model && workers[t].outcome && workers[t].sketches;
    }
    rs_status status = RS_OK;
    pthread_mutex_init(&sh.gate_lock, NULL);
    pthread_cond_init(&sh.gate, NULL);
    int started = 1;
    if (!ok) {
        status = rs_fail(err, RS_ERR_NOMEM, "out of memory for %d threads", threads);
    } else {
        for (int t = 1; t < threads; t++, started++)
            if (pthread_create(&workers[t].thread, NULL, work, &workers[t]) != 0)
                break;
        /* Fewer threads than asked only costs time: results do not depend
         * on the thread count. */
        if (pthread_barrier_init(&sh.barrier, NULL, (unsigned)started) != 0) {
            open_gate(&sh, -1);
            status = rs_fail(err, RS_ERR_RUNTIME, "cannot synchronise %d threads", started);
        } else {
            open_gate(&sh, 1);
            work(&workers[0]);
        }
        for (int t = 1; t < started; t++)
            pthread_join(workers[t].thread, NULL);
        if (status == RS_OK)
            pthread_barrier_destroy(&sh.barrier);
        for (int t = 0; t < started && status == RS_OK; t++)
            if (workers[t].status != RS_OK)
                status = rs_fail(err, workers[t].status, "out of memory during the run");
        if (status == RS_OK && options->interrupted && *options->interrupted)
            status = rs_fail(err, RS_ERR_INTERRUPTED, "interrupted");
    }
    pthread_mutex_destroy(&sh.gate_lock);
    pthread_cond_destroy(&sh.gate);
    if (status == RS_OK) {
        res->sketches = workers[0].sketches;
        workers[0].sketches = NULL;
        for (int t = 1; t < started; t++)
            rs_sketches_merge(res->sketches, workers[t].sketches);
    }
    for (int t = 0; workers && t < threads; t++) {
        rs_model_free(workers[t].model);
        rs_outcome_free(workers[t].outcome);
        rs_sketches_free(workers[t].sketches);
    }
    free(workers);
    free(sh.window);
    if (status != RS_OK) {
        rs_results_free(res);
        return status;
    }
    *out = res;
    return RS_OK;
}
