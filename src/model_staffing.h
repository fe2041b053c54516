/* model_staffing.h: who is on the team: the seats placed for a
 * replication (roster, veterans, planned starts, growth seats), and each
 * week's departures and hires (step 1 of docs/model.md's week). Private to
 * the model's files. */
#ifndef RS_MODEL_STAFFING_H
#define RS_MODEL_STAFFING_H

#include "model_state.h"

/* Places every seat as it stands at the start of the warm-up. */
void rs_model_place_seats(rs_model *m);

/* Step 1: departures (attrition, then early reviews), then hires into
 * seats whose lag has run out or whose planned start has come; in the
 * warm-up only the roster's reps whose tenure puts their hire in it. */
void rs_model_step_staffing(rs_model *m, int week);

/* Whether seat s exists in `week` (a growth seat does from its start). */
static inline bool rs_model_seat_exists(const seat *s, int week)
{
    return week >= s->life.exists_from;
}

#endif
