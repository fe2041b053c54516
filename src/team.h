/* team.h: the seats of a team, resolved from the roster (or team.reps and
 * team.new_hires) and the hiring plan into rs_scenario.team.seats, and a
 * seat's name as the results show it (docs/model.md, "The team").
 * Private to the library. */
#ifndef RS_TEAM_H
#define RS_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

/* Fills sc->team.seats and seat_count; reads the roster when there is one.
 * On failure RS_ERR_INPUT with the place (scenario file and line, --set, or
 * the roster's file, line and column) in err. */
rs_status rs_team_resolve(rs_scenario *sc, char *err);

/* rs_team_resolve without a message, after a load or a --set: a scenario
 * is runnable as soon as it is read (scenario.h), and rs_scenario_validate
 * says what is wrong with a team that does not resolve (none then). */
void rs_team_refresh(rs_scenario *sc);

/* Seat i's name: the roster's, or "seat-<i+1>" for team.reps' seats and
 * "hire-<k>" for the hiring plan's k-th seat. */
const char *rs_team_seat_name(const rs_scenario *sc, int i, char *buf, size_t size);

/* Whether any seat has planned coaching of its own (the roster's column or
 * coaching.per_rep). */
bool rs_team_has_own_coaching(const rs_scenario *sc);

/* Seat i's planned coaching, hours a month. */
double rs_team_coaching_hours_per_month(const rs_scenario *sc, int i);

#endif
