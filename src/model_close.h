/* model_close.h: step 3 of the model's week, the deals closing and the
 * manager's deal help (model_close.c). Private to the model. */
#ifndef RS_MODEL_CLOSE_H
#define RS_MODEL_CLOSE_H

#include "rampsim/outcome.h"
#include "rampsim/status.h"

#include "manager.h"
#include "model_state.h"

/* The odds an active rep's deals closing in `week` are decided with, from
 * the state at the start of the week (after the week's staffing): the win
 * probability the practices give (capped), and the attention the rep's
 * pipeline gets: last week's selling hours against what the open
 * opportunities, this week's closing ones included, need. */
void rs_model_closing_odds(rs_model *m, seat *s, int week);

/* Decides the deals closing in `week` (week_in_quarter its week of the
 * fiscal quarter) with the odds rs_model_closing_odds set this week, books the
 * won ones, and books the hours of deal help into the manager's week
 * `hours` (it must hold the week's plan). RS_ERR_NOMEM when the list of
 * closing deals could not grow. */
rs_status rs_model_close_deals(rs_model *m, int week, int week_in_quarter, rs_manager_week *hours, rs_outcome *out);

#endif
