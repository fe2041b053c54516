/* params.h: the table of every scenario key, its type, limits,
 * default, unit and meaning (params_table.c), and one value's parsing and
 * formatting (params.c). The loader, --set, `rampsim defaults` and the
 * resolved scenario.ini all read this one table. */
#ifndef RAMPSIM_PARAMS_H
#define RAMPSIM_PARAMS_H

#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

#include "param_types.h"

extern const rs_param rs_params[];
extern const size_t rs_param_count;

/* Index of section.key in rs_params, or -1. */
int rs_param_find(const char *section, const char *key);
/* Index of "section.key" in rs_params, or -1. */
int rs_param_find_dotted(const char *name);
/* Whether any parameter lives in this section. */
int rs_param_section_exists(const char *section);
/* The known "section.key" or "[section]" nearest to a misspelling, for
 * "did you mean" hints; NULL when nothing is close. */
const char *rs_param_suggest_key(const char *section, const char *key);
const char *rs_param_suggest_section(const char *section);

/* Parses `text` as parameter p into sc: a single value, or for a number a
 * distribution (params_uncertain.h) that makes the key uncertain. On failure returns RS_ERR_INPUT and
 * writes "section.key must be <expectation>, got <text>" to err (no place
 * prefix: the caller adds it). */
rs_status rs_param_parse(const rs_param *p, rs_scenario *sc, const char *text, char *err);
/* Writes parameter p's value in sc as text that rs_param_parse reads back
 * exactly. */
void rs_param_format(const rs_param *p, const rs_scenario *sc, char *buf, size_t size);
/* What a valid value looks like, for messages and for `rampsim defaults`. */
void rs_param_expectation(const rs_param *p, char *buf, size_t size);

#endif
