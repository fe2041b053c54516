/* model_staffing.h: who is on the team: the seats placed for a
 * replication (roster, veterans, planned starts, growth seats), and each
 * week's departures and hires (step 1 of docs/model.md's week). Private to
 * the model's files. */
#ifndef RS_MODEL_STAFFING_H
#define RS_MODEL_STAFFING_H

#include <stdint.h>

#include "model_state.h"

/* Places every seat as it stands at the start of the warm-up. */
void rs_model_place_seats(rs_model *m);

/* Step 1 for seat i: a departure (attrition, decided by the seat-week
 * block's departure word, then an early review), then a hire into the seat
 * when its lag has run out or its planned start has come; in the warm-up
 * only the roster's reps whose tenure puts their hire in it. */
void rs_model_staff_seat(rs_model *m, int i, int week, uint32_t departure_word);

/* Whether seat s exists in `week` (a growth seat does from its start). */
static inline bool rs_model_seat_exists(const seat *s, int week)
{
    return week >= s->life.exists_from;
}

#endif
