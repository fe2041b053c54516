/* model_summary.h: a replication's reported values from its workspace's
 * totals (model_summary.c). Private to the model. */
#ifndef RS_MODEL_SUMMARY_H
#define RS_MODEL_SUMMARY_H

#include "rampsim/outcome.h"

#include "model_state.h"

/* Fills out's slots from the replication m has just run: the fiscal years,
 * quarters and weekly series, and every scalar metric. Slots left NAN are
 * undefined in this replication. */
void rs_model_summarise(const rs_model *m, rs_outcome *out);

/* A fiscal year's first week (or week 0): the reps' and seats' year
 * totals start afresh. */
void rs_model_start_fiscal_year(rs_model *m);

/* A fiscal year's last week: reps present all year and those at quota,
 * and each seat's attainment of its quota. */
void rs_model_end_fiscal_year(rs_model *m, rs_outcome *out);

#endif
