/* engine_state.h: what the engine's files share (engine.c: the threads,
 * the merge windows and the entry points; engine_blocks.c: a block's
 * replications accumulated and merged, the draws of the inputs, precision
 * control): the job's shared state, a block's accumulator and a worker.
 * Private to them. */
#ifndef RS_ENGINE_STATE_H
#define RS_ENGINE_STATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "rampsim/results.h"

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
    /* k: the sketched slots of a block's replications, row by row, kept
     * for the sketches (engine_blocks.c); NULL with options->no_percentiles */
    double **sketch_rows;
    rs_status status;
} worker;

/* The slots of a layout the run accumulates: all of them, or with
 * options->paired_only the paired ones (a tornado reads one). */
static inline size_t rs_engine_accumulated_slots(const shared *sh, const rs_layout *l)
{
    return sh->options->paired_only && sh->paired < l->slots ? sh->paired : l->slots;
}

/* The slots of a layout the run sketches, of those it accumulates: the
 * width of a worker's rows of a block (engine_blocks.c). */
static inline size_t rs_engine_sketched_slots(const shared *sh, const rs_layout *l)
{
    size_t slots = rs_engine_accumulated_slots(sh, l);
    return l->sketched < slots ? l->sketched : slots;
}

/* Runs block `block` of the job into acc (its statistics, cleared first). */
rs_status rs_engine_run_block(worker *w, long long block, block_acc *acc);
/* Thread 0, between the barriers: merges the window's blocks [first, end)
 * in order. */
void rs_engine_merge_window(shared *sh, long long first, long long end);
/* The end of the merge window that starts at block `first`. */
long long rs_engine_window_end(const shared *sh, long long first);
/* Thread 0, after merging up to block `end`: whether precision control
 * stops the run there. */
bool rs_engine_precise_enough(shared *sh, long long end);
/* The results as the run ended (replications, the nested design closed,
 * the precision reached). */
void rs_engine_finish(shared *sh);
/* One block accumulator's bytes, and its buffers allocated. */
size_t rs_engine_block_bytes(int k, size_t slots, size_t paired, bool nested);
bool rs_engine_block_alloc(const shared *sh, block_acc *b);

#endif
