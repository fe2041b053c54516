/* ramp.h: the ramp curves (scurve, exponential, linear, table),
 * productivity as a function of experience in weeks (ramp.c). */
#ifndef RAMPSIM_RAMP_H
#define RAMPSIM_RAMP_H

#include "rampsim/scenario.h"

/* Precomputed shape of one scenario's curve. */
typedef struct rs_ramp {
    int curve;
    double weeks_to_ramped, ramped_at;
    double x50;          /* scurve: experience at half productivity */
    double log_shortfall; /* exponential: ln(1 - ramped_at) / weeks_to_ramped */
    int table_len;
    const double *table; /* monthly fractions, borrowed from the scenario */
    double ramped_experience; /* experience at which rho first reaches ramped_at */
} rs_ramp;

/* Fills r from sc; sc must outlive r (the table is borrowed). */
void rs_ramp_init(rs_ramp *r, const rs_scenario *sc);
/* Fills r for a curve given by its shape (RS_RAMP_SCURVE, _EXPONENTIAL or
 * _LINEAR), weeks to ramped W > 0 and ramped_at a in (0, 1): the curves a
 * fit chooses among. */
void rs_ramp_init_curve(rs_ramp *r, int curve, double W, double a);
/* Productivity rho(x) in [0, 1] at experience x >= 0 weeks. */
double rs_ramp_rho(const rs_ramp *r, double x);

#endif
