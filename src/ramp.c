/* ramp.c: the four ramp curves, productivity against experience in weeks
 * (the formulas are below; how experience grows is in docs/model.md, "Reps
 * ramp at different speeds"). */
#include "ramp.h"

#include <math.h>

#include "rampsim/calendar.h"

/* Table curve: the first experience at which it reaches `level`. The table
 * is non-decreasing (params.c checks it) and reaches ramped_at (scenario.c
 * checks it). */
static double table_reach(const rs_ramp *r, double level)
{
    for (int m = 1; m < r->table_len; m++) {
        double lo = r->table[m - 1], hi = r->table[m];
        if (hi >= level && hi > lo) {
            double frac = lo >= level ? 0.0 : (level - lo) / (hi - lo);
            return (m - 1 + frac) * RS_WEEKS_PER_MONTH;
        }
        if (lo >= level)
            return (m - 1) * RS_WEEKS_PER_MONTH;
    }
    return INFINITY;
}

void rs_ramp_init_curve(rs_ramp *r, int curve, double W, double a)
{
    r->curve = curve;
    r->weeks_to_ramped = W;
    r->ramped_at = a;
    /* scurve: rho = x^3 / (x^3 + x50^3) with rho(W) = a */
    r->x50 = W * cbrt((1.0 - a) / a);
    /* exponential: rho = 1 - (1 - a)^(x / W) */
    r->log_shortfall = log(1.0 - a) / W;
    r->table_len = 0;
    r->table = NULL;
    r->ramped_experience = W;
}

void rs_ramp_init(rs_ramp *r, const rs_scenario *sc)
{
    double a = sc->ramp.ramped_at;
    rs_ramp_init_curve(r, sc->ramp.curve == RS_RAMP_TABLE ? RS_RAMP_SCURVE : sc->ramp.curve,
                       sc->ramp.weeks_to_ramped, a);
    r->curve = sc->ramp.curve;
    r->table_len = sc->ramp.table_len;
    r->table = sc->ramp.table;
    if (r->curve == RS_RAMP_TABLE)
        r->ramped_experience = table_reach(r, a);
}

double rs_ramp_rho(const rs_ramp *r, double x)
{
    switch (r->curve) {
    case RS_RAMP_SCURVE: {
        double x3 = x * x * x, h3 = r->x50 * r->x50 * r->x50;
        return x3 / (x3 + h3);
    }
    case RS_RAMP_EXPONENTIAL:
        return 1.0 - exp(r->log_shortfall * x);
    case RS_RAMP_LINEAR: {
        double rho = r->ramped_at * x / r->weeks_to_ramped;
        return rho < 1.0 ? rho : 1.0;
    }
    default: {
        double months = x / RS_WEEKS_PER_MONTH;
        int m = (int)months;
        if (m >= r->table_len - 1)
            return r->table[r->table_len - 1];
        double frac = months - m;
        return r->table[m] + frac * (r->table[m + 1] - r->table[m]);
    }
    }
}
