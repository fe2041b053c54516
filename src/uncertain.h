/* uncertain.h: a scenario's uncertain inputs as the run uses them: the
 * ranges effects.uncertainty = research gives the survey effects, the
 * draw of every uncertain key for one draw of the inputs, and the corner
 * scenarios the cross-field checks are made at (docs/uncertainty.md).
 * Private to the library. */
#ifndef RS_UNCERTAIN_H
#define RS_UNCERTAIN_H

#include <stdint.h>

#include "rampsim/scenario_types.h"

/* Replaces sc's research ranges by those effects.uncertainty and the
 * figures now in the fields give: none when it is `none`, else a PERT
 * range for each survey effect not given a distribution of its own. */
void rs_uncertain_refresh_research(rs_scenario *sc);

/* The draw of the inputs that replication r of sc uses. */
static inline uint32_t rs_uncertain_draw_of(const rs_scenario *sc, uint32_t replication)
{
    return replication / (uint32_t)sc->run.replications_per_draw;
}

/* Writes into the fields of `into` (a copy of `base`) the value every
 * uncertain key of base takes in draw `draw`, and each into values[i]
 * (the i-th uncertain key) when values is not NULL. The value depends only
 * on run.seed, the draw, the key and its distribution. */
void rs_uncertain_draw(const rs_scenario *base, rs_scenario *into, uint32_t draw, double *values);

/* The uniform that draw `draw` of key `param` inverts. */
double rs_uncertain_uniform(uint64_t seed, uint32_t draw, int param);

/* Where the cross-field checks look: every uncertain key at its lowest
 * (RS_CORNER_LOW) or highest (RS_CORNER_HIGH), or at its highest but the
 * manager's own keys at their lowest (RS_CORNER_BUSY: the most the plan
 * asks of the least budget). */
typedef enum { RS_CORNER_LOW, RS_CORNER_HIGH, RS_CORNER_BUSY, RS_CORNERS } rs_corner;
void rs_uncertain_corner(rs_scenario *sc, rs_corner corner);
const char *rs_uncertain_corner_name(rs_corner corner);

/* effects.scale as the model applies it: 1 under research, whose ranges
 * already carry it in their modes. */
double rs_uncertain_effects_scale(const rs_scenario *sc);

#endif
