/* rampsim/results.h: what the engine hands back (rampsim/engine.h runs
 * it): a scenario's results, the pairs of a set compared on common random
 * numbers, the options of a run, and the figures read off them (the
 * median's interval, the half-width of a mean or a difference). */
#ifndef RAMPSIM_RESULTS_H
#define RAMPSIM_RESULTS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario.h"
#include "rampsim/stats.h"

typedef struct rs_results {
    const rs_scenario *scenario; /* borrowed */
    rs_layout layout;
    long long replications;
    rs_moments *moments;   /* layout.slots */
    rs_sketches *sketches; /* layout.sketched */
    /* When a scenario of the run has uncertain keys: every paired slot
     * ([0, layout.cum_bookings)) by draw of the inputs, for the share of
     * its variance the inputs explain and its standard error under the
     * nested design (rs_nested_summarise); NULL otherwise. */
    rs_nested *nested;
    /* Precision control (rs_engine_options.precision): the 95 % half-width
     * the run reached on the tracked slot, and whether it met the target. */
    double precision_target; /* 0: none */
    double half_width;       /* NAN without a target */
    bool precision_met;
    size_t tracked_slot;     /* the slot precision control and the console's share report on */
} rs_results;

/* Paired statistics of a set of scenarios run on the same replications:
 * for every scenario j >= 1 and every paired slot (the scalar, fiscal-year
 * and quarter metrics, [0, slots)), the pairs (scenario pair_with[j],
 * scenario j); by default pair_with[j] is 0, the first scenario. */
typedef struct rs_comparison {
    int scenarios;
    size_t slots;
    rs_pair_moments *pairs; /* (scenarios - 1) x slots */
    rs_nested *nested;      /* (scenarios - 1) x slots by draw of the inputs, as rs_results.nested; or NULL */
} rs_comparison;

static inline const rs_nested *rs_comparison_nested(const rs_comparison *c, int scenario, size_t slot)
{
    return c->nested ? &c->nested[(size_t)(scenario - 1) * c->slots + slot] : NULL;
}

static inline const rs_pair_moments *rs_comparison_pair(const rs_comparison *c, int scenario, size_t slot)
{
    return &c->pairs[(size_t)(scenario - 1) * c->slots + slot];
}

typedef struct rs_engine_options {
    int threads; /* <= 0: one per online core */
    /* Called from one thread after each batch of replications; may be NULL. */
    void (*progress)(void *ctx, long long done, long long total);
    void *progress_ctx;
    /* Set (by a signal handler) to stop early with RS_ERR_INTERRUPTED. */
    volatile sig_atomic_t *interrupted;
    /* rs_engine_compare: the scenario each scenario j >= 1 is paired with
     * (an index below j); NULL pairs every one with the first. */
    const int *pair_with;
    /* Precision control: with precision > 0, the run stops at the first
     * checkpoint (every RS_ENGINE_CHECKPOINT replications) at which the
     * 95 % half-width of the tracked slot's mean (rule MEAN: of every
     * scenario; rule DIFFERENCE: of every paired difference) is at most
     * precision, or at run.replications. The checkpoints do not depend on
     * the threads, so neither does where it stops. */
    double precision;
    enum { RS_PRECISION_MEAN, RS_PRECISION_DIFFERENCE } precision_rule;
    /* a paired slot; 0 (a pooled metric, never tracked): team attainment in
     * fiscal year 1, or team_bookings_total when the horizon covers no
     * whole fiscal year */
    size_t tracked_slot;
    /* Called with every replication's outcome of the first scenario, from
     * the thread that ran it (replications come in no set order, each
     * once): for a caller that keeps what each replication drew. */
    void (*record)(void *ctx, long long replication, const rs_outcome *outcome);
    void *record_ctx;
    /* Only the paired slots ([0, layout.cum_bookings): the metrics, fiscal
     * years and quarters) are accumulated; the others' moments and
     * percentiles stay empty. For a caller that reads nothing else (a
     * tornado, the calibration): the weekly and per-seat slots cost as
     * much to accumulate as a small team's year to simulate. */
    bool paired_only;
    /* The percentile sketches are left empty (the results' sketches hold
     * nothing): for a caller that reads only means and paired differences
     * (a tornado, drivers). A value's sketch costs more than its moments:
     * a logarithm and a bucket, in memory a hundred scenarios do not keep
     * in the caches. */
    bool no_percentiles;
} rs_engine_options;

/* Replications per block: part of the merge order, so changing it changes
 * results in their last bits (never their meaning). */
#define RS_ENGINE_BLOCK 16
/* Blocks between two checks of precision control; the first check waits
 * for RS_PRECISION_MIN_DRAWS draws of the inputs as well. */
#define RS_ENGINE_CHECKPOINT_BLOCKS 16
#define RS_ENGINE_CHECKPOINT (RS_ENGINE_BLOCK * RS_ENGINE_CHECKPOINT_BLOCKS)
#define RS_PRECISION_MIN_DRAWS 20

/* The slot options->tracked_slot names for results laid out as l. */
size_t rs_engine_tracked_slot(const rs_engine_options *options, const rs_layout *l);
/* The 95 % half-width of the mean of slot in r (nested when r has draws),
 * and of the paired difference of scenario j's slot in c. NAN when there
 * are too few replications. */
double rs_results_half_width(const rs_results *r, size_t slot);
/* The standard error behind it: with uncertain inputs the wider of the
 * nested design's and the plain one (sharing draws never makes a mean more
 * precise, but from few draws the nested one can come out below by
 * chance); the plain one alone without them, and where the draws cannot
 * tell it (the metrics pooled over hires, fewer than two draws). */
double rs_results_stderr(const rs_results *r, size_t slot);
/* The mean paired difference of scenario j's slot in c, with its 95 %
 * interval: rs_pair_difference_interval's, and with uncertain inputs
 * (c->nested) as wide as the nested design's standard error makes it too,
 * as replications sharing a draw are not independent. */
double rs_comparison_difference(const rs_comparison *c, int j, size_t slot, double *low, double *high);
double rs_comparison_half_width(const rs_comparison *c, int j, size_t slot);

/* Empty results for sc (no replication added yet, no sketches): the layout
 * and zeroed moments. NULL when out of memory. Free with rs_results_free,
 * which also frees the sketches the engine attaches. */
rs_results *rs_results_new(const rs_scenario *sc);
void rs_results_free(rs_results *r);

/* The median of a sketched slot and its distribution-free 95 % interval
 * (the order statistics of ranks n/2 -+ 1.96 sqrt(n)/2). NAN when no
 * replication defined it. */
void rs_results_median(const rs_results *r, size_t slot, double *median, double *low, double *high);

/* Zeroed pairs for `scenarios` scenarios (at least 2) over `slots` paired
 * slots. NULL when out of memory. Free with rs_comparison_free. */
rs_comparison *rs_comparison_new(int scenarios, size_t slots);
void rs_comparison_free(rs_comparison *c);

#endif
