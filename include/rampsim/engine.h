/* rampsim/engine.h: runs replications on several threads and gathers their
 * statistics, for one scenario or for a set compared on common random
 * numbers.
 *
 * Replications are cut into fixed blocks; threads take blocks as they come,
 * but block statistics are merged in block order, and percentile counts are
 * integers. The results are therefore the same, to the last bit, for any
 * number of threads. */
#ifndef RAMPSIM_ENGINE_H
#define RAMPSIM_ENGINE_H

#include <signal.h>

#include "rampsim/outcome.h"
#include "rampsim/results.h"
#include "rampsim/scenario.h"
#include "rampsim/stats.h"

/* Several engine passes shown as one progress: set `outer` and `total`
 * (replications over all passes), run each pass with the options
 * rs_progress_span_options returns, and add its replications to `before`
 * after it. */
typedef struct rs_progress_span {
    const rs_engine_options *outer;
    long long before, total;
} rs_progress_span;

rs_engine_options rs_progress_span_options(rs_progress_span *span);

/* Runs sc->run.replications replications of sc. On RS_OK *out holds the
 * results (free with rs_results_free); on failure *out is NULL and err says
 * why (RS_ERR_NOMEM, RS_ERR_INTERRUPTED, RS_ERR_RUNTIME). */
rs_status rs_engine_run(const rs_scenario *sc, const rs_engine_options *options, rs_results **out, char *err);

/* Runs the k scenarios of `set` on the same replications: replication r of
 * each draws the same numbers wherever a draw means the same thing. They
 * must share run.seed, run.replications, run.horizon_weeks, run.start_week
 * and run.replications_per_draw (RS_ERR_INPUT otherwise, naming the first
 * that differs).
 * On RS_OK, results[0..k-1] hold each scenario's results and *comparison
 * the pairs against set[0] (free with rs_comparison_free). */
rs_status rs_engine_compare(const rs_scenario *const *set, int k, const rs_engine_options *options,
                            rs_results **results, rs_comparison **comparison, char *err);

/* The memory rs_engine_compare would take for these k scenarios on
 * `threads` threads (after capping them at the number of blocks). It counts
 * every buffer exactly except the percentile sketches and the open deals,
 * which grow with the values drawn and are taken at a typical size with a
 * margin (docs/reliability.md). rs_engine_compare refuses up front, with
 * RS_ERR_INPUT, a job whose estimate exceeds the memory available. */
size_t rs_engine_memory_estimate(const rs_scenario *const *set, int k, int threads);

/* The threads a run of sc uses when `requested` (<= 0: one per online core)
 * are asked for: never more than its blocks of replications. */
int rs_engine_threads(const rs_scenario *sc, int requested);

#endif
