/* model.h: one replication of one team, week by week, in the order
 * docs/model.md gives ("One replication, week by week"). A model is a
 * per-thread workspace: it is allocated once and reused for every
 * replication that thread runs. */
#ifndef RAMPSIM_MODEL_H
#define RAMPSIM_MODEL_H

#include <stdint.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario.h"

#include "model_draws.h"

typedef struct rs_model rs_model;

/* A workspace for sc with results laid out by layout; both must outlive it.
 * `like`, if not NULL, is a workspace whose sampler tables are copied where
 * their shapes are the same (building one takes thousands of quantile
 * evaluations). NULL when out of memory. */
rs_model *rs_model_new(const rs_scenario *sc, const rs_layout *layout, const rs_model *like);
void rs_model_free(rs_model *m);
/* Bytes a model of sc typically takes while it runs: its fixed parts and
 * the open deals of a busy replication (twice the steady state). */
size_t rs_model_memory(const rs_scenario *sc, const rs_layout *layout);

/* Runs replication `replication` (its draws depend only on the seed and
 * this number) and fills out. The weekly loop allocates nothing, except
 * that the pool of open deals doubles when a replication holds more open
 * deals than any before it on this workspace: RS_ERR_NOMEM if that fails. */
rs_status rs_model_run(rs_model *m, uint32_t replication, rs_outcome *out);

/* What a workspace has drawn so far, for the benchmark's RNG floor
 * (rs_model_draws: model_draws.h). */
const rs_model_draws *rs_model_draw_counts(const rs_model *m);

#endif
