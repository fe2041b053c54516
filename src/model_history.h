/* model_history.h: what a replication records of itself as a CRM would
 * hold it (rs_model_run_history, model.h): its reps with hire and leave
 * dates, its opportunities with their outcomes. The model's steps call
 * these only while m->history is set. Private to the model. */
#ifndef RS_MODEL_HISTORY_H
#define RS_MODEL_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "dealbook.h"
#include "model_state.h"

/* The rep just hired into seat `index` in `week` (veteran: one of the
 * team's initial veterans): adds them to the history and returns their
 * index there, or -1 when out of memory (the run is then marked
 * incomplete). */
int32_t rs_model_history_hire(rs_model *m, int index, int week, bool veteran);

/* The rep of seat s leaves in `week`: their leave date. */
void rs_model_history_leave(rs_model *m, const seat *s, int week);

/* The opportunity d was just opened in `week`: recorded, open, when the
 * week is one of the run's (d->history_index then says where; -1
 * otherwise). Cold: the weekly loop's registers are then laid out for
 * the plain run, which never calls it. */
void rs_model_history_open(rs_model *m, rs_deal *d, int week) __attribute__((cold));

/* The opportunity d was decided in `week`: won or lost, with its close
 * date, when it was recorded. */
void rs_model_history_decide(rs_model *m, const rs_deal *d, int week, bool won);

#endif
