/* model_close.h: step 3 of the model's week, the deals closing and the
 * manager's deal help (model_close.c). Private to the model. */
#ifndef RS_MODEL_CLOSE_H
#define RS_MODEL_CLOSE_H

#include "rampsim/outcome.h"
#include "rampsim/status.h"

#include "manager.h"
#include "model_state.h"

/* Decides the deals closing in `week` (week_in_quarter its week of the
 * fiscal quarter) with each rep's state at the start of the week, books the
 * won ones, and books the hours of deal help into the manager's week
 * `hours` (it must hold the week's plan). RS_ERR_NOMEM when the list of
 * closing deals could not grow. */
rs_status rs_model_close_deals(rs_model *m, int week, int week_in_quarter, rs_manager_week *hours, rs_outcome *out);

#endif
