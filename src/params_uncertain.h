/* params_uncertain.h: a scenario key's value written as a distribution,
 * "pert(1, 1.31, 1.4)", parsed against the key's type and range, kept in
 * the scenario's list of uncertain keys and formatted back; params.c hands
 * such text here. Private to the library. */
#ifndef RS_PARAMS_UNCERTAIN_H
#define RS_PARAMS_UNCERTAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

#include "param_types.h"

/* Whether text is written as a distribution: a name and '('. */
bool rs_param_is_distribution(const char *text);

/* A number written as key p reads one, in a range or alone ("30%",
 * "$28K", "1.5h"), into *x: false when the text is not one (the limits
 * are the caller's to check). */
bool rs_param_number(const rs_param *p, const char *text, double *x);

/* Parses "kind(args)" for p, the parameter table's entry `index`, into
 * sc: the key becomes uncertain (replacing any distribution it had) and
 * its field holds the distribution's mean. RS_ERR_INPUT with
 * "section.key ..." in err, saying what a value must be with `expect`
 * (rs_param_expectation's text). */
rs_status rs_param_parse_distribution(const rs_param *p, int index, const char *expect, rs_scenario *sc,
                                      const char *text, char *err);
/* u as text the parser reads back to the same distribution. */
void rs_param_format_distribution(const rs_param *p, const rs_uncertain *u, char *buf, size_t size);

/* u as "kind(a, b, c)", each value written by `write` (plain: a value that
 * is a plain number whatever the key's kind, a lognormal's cv). */
typedef void (*rs_number_writer)(const rs_param *p, double x, bool plain, char *buf, size_t size);
void rs_param_write_distribution(const rs_param *p, const rs_uncertain *u, rs_number_writer write, char *buf,
                                 size_t size);

/* The uncertain entry of parameter `param` in sc, or NULL. */
const rs_uncertain *rs_uncertain_find(const rs_scenario *sc, int param);
/* Makes parameter `param` certain again (a plain value was set). */
void rs_uncertain_remove(rs_scenario *sc, int param);
/* Adds u, in the parameter table's order, replacing the key's entry if it
 * has one; false when the list is full. */
bool rs_uncertain_put(rs_scenario *sc, const rs_uncertain *u);

/* Writes x into p's field: rounded to the nearest whole number for a
 * whole-number key. */
void rs_param_store_number(const rs_param *p, rs_scenario *sc, double x);

#endif
