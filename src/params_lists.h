/* params_lists.h: the value forms of the team's plan (params.h types
 * RS_P_DATE to RS_P_REP_HOURS): a date, a roster's path, a hiring plan,
 * seasons, a bookings plan and per-rep coaching. params.c hands these
 * types here; nothing else calls them. Private to the library. */
#ifndef RS_PARAMS_LISTS_H
#define RS_PARAMS_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

#include "param_types.h"

/* Whether p is one of the types of this file. */
bool rs_param_is_list(const rs_param *p);

/* As rs_param_parse, rs_param_format and rs_param_expectation for them. */
rs_status rs_param_parse_list(const rs_param *p, rs_scenario *sc, const char *text, char *err);
void rs_param_format_list(const rs_param *p, const rs_scenario *sc, char *buf, size_t size);
void rs_param_expectation_list(const rs_param *p, char *buf, size_t size);


#endif
