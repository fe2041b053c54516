/* model.h: one replication of one team, week by week, in the order
 * docs/model.md gives ("One replication, week by week"). A model is a
 * per-thread workspace: it is allocated once and reused for every
 * replication that thread runs. */
#ifndef RAMPSIM_MODEL_H
#define RAMPSIM_MODEL_H

#include <stdint.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario.h"

#include "dates.h"
#include "history.h"
#include "model_draws.h"

typedef struct rs_model rs_model;

/* A workspace for sc with results laid out by layout; both must outlive it.
 * `like`, if not NULL, is a workspace whose sampler tables are shared where
 * their shapes are the same (shapes.h: building one takes thousands of
 * quantile evaluations, and one set read by many workspaces stays in the
 * caches); it may be freed before this one. NULL when out of memory. */
rs_model *rs_model_new(const rs_scenario *sc, const rs_layout *layout, const rs_model *like);
void rs_model_free(rs_model *m);
/* Bytes a model of sc typically takes while it runs: its fixed parts and
 * the open deals of a busy replication (twice the steady state). */
size_t rs_model_memory(const rs_scenario *sc, const rs_layout *layout);

/* Runs replication `replication` (its draws depend only on the seed and
 * this number) and fills out. The weekly loop allocates nothing, except
 * that the pool of open deals doubles when a replication holds more open
 * deals than any before it on this workspace, and the week's batch of
 * opportunity blocks when a week opens more than any before: RS_ERR_NOMEM
 * if that fails. */
rs_status rs_model_run(rs_model *m, uint32_t replication, rs_outcome *out);

/* Runs replication `replication` as rs_model_run does, with the same
 * results to the last bit, and records into h (cleared first) what a CRM
 * would hold of it (docs/fit.md, "The round trip"): every opportunity
 * created in weeks 0 .. horizon - 1, dated start_date + 7 x its week, with
 * its outcome (open at the end of the run, or dropped when its rep left:
 * RS_OPP_OPEN) and its close date; every rep who held a seat at any week
 * of the run, with hire and leave dates (h->has_roster is set). A rep's
 * name is the seat's (rs_team_seat_name) for its first rep, and
 * "NAME #k" for its k-th. export_day is start_date + 7 x horizon.
 * RS_ERR_NOMEM when out of memory (h then holds part of the run). */
rs_status rs_model_run_history(rs_model *m, uint32_t replication, rs_outcome *out, rs_history *h,
                               rs_day start_date);

/* What a workspace has drawn so far, for the benchmark's RNG floor
 * (rs_model_draws: model_draws.h). */
const rs_model_draws *rs_model_draw_counts(const rs_model *m);

#endif
