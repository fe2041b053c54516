/* model_quota.h: step 7 of the model's week, the quota (model_quota.c).
 * Private to the model. */
#ifndef RS_MODEL_QUOTA_H
#define RS_MODEL_QUOTA_H

#include "model_state.h"

/* Step 7 for a seat: the week's quota accrues to the seat, its rep and
 * their quarter, fiscal year and tenure; returns it. */
double rs_model_accrue_quota(rs_model *m, seat *s, int week);

/* At a recorded quarter's first week, after the week's opportunities are
 * open: the pipeline-to-quota ratio, with the quarter's quota projected
 * from the reps on the team now (CRM-style: who leaves later is not known
 * yet). */
void rs_model_take_pipeline_ratio(rs_model *m, int week);

#endif
