/* rampsim/engine.h: runs a scenario's replications on several threads and
 * gathers their statistics.
 *
 * Replications are cut into fixed blocks; threads take blocks as they come,
 * but block statistics are merged in block order, and percentile counts are
 * integers. The results are therefore the same, to the last bit, for any
 * number of threads. */
#ifndef RAMPSIM_ENGINE_H
#define RAMPSIM_ENGINE_H

#include <signal.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario.h"
#include "rampsim/stats.h"

typedef struct rs_results {
    const rs_scenario *scenario; /* borrowed */
    rs_layout layout;
    long long replications;
    rs_moments *moments;   /* layout.slots */
    rs_sketches *sketches; /* layout.sketched */
} rs_results;

typedef struct rs_engine_options {
    int threads; /* <= 0: one per online core */
    /* Called from one thread after each batch of replications; may be NULL. */
    void (*progress)(void *ctx, long long done, long long total);
    void *progress_ctx;
    /* Set (by a signal handler) to stop early with RS_ERR_INTERRUPTED. */
    volatile sig_atomic_t *interrupted;
} rs_engine_options;

/* Runs sc->run.replications replications of sc. On RS_OK *out holds the
 * results (free with rs_results_free); on failure *out is NULL and err says
 * why (RS_ERR_NOMEM, RS_ERR_INTERRUPTED, RS_ERR_RUNTIME). */
rs_status rs_engine_run(const rs_scenario *sc, const rs_engine_options *options, rs_results **out, char *err);
void rs_results_free(rs_results *r);

/* Replications per block: part of the merge order, so changing it changes
 * results in their last bits (never their meaning). */
#define RS_ENGINE_BLOCK 16

#endif
