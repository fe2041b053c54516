/* model_draws.h: what a model workspace has drawn, counted for the
 * benchmark's RNG floor; shared by model.h and the workspace's layout. */
#ifndef RS_MODEL_DRAWS_H
#define RS_MODEL_DRAWS_H

#include <stdint.h>

/* Seat-weeks (one Philox block and a Poisson draw each), opportunities
 * (one block and two quantile lookups each), the Poisson draws of lost
 * leads (the recorded seat-weeks'), the lost leads they drew, and hires
 * (one block and one lookup each). */
typedef struct rs_model_draws {
    uint64_t seat_weeks, opportunities, lost_lead_draws, lost_leads, hires;
} rs_model_draws;

#endif
