/* params.h: the table of every scenario key, its type, limits,
 * default, unit and meaning (params_table.c), and one value's parsing and
 * formatting (params.c). The loader, --set, `rampsim defaults` and the
 * resolved scenario.ini all read this one table. */
#ifndef RAMPSIM_PARAMS_H
#define RAMPSIM_PARAMS_H

#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

typedef enum {
    RS_P_INT,      /* int, whole number within [min, max] */
    RS_P_COUNT,    /* long long, whole number within [min, max] */
    RS_P_SEED,     /* uint64_t, any 64-bit unsigned number */
    RS_P_REAL,     /* double within [min, max] */
    RS_P_HOURS,    /* double, hours; "1.5" or "1.5h" */
    RS_P_FRACTION, /* double; "0.3" or "30%" */
    RS_P_MONEY,    /* double; "28000", "28,000", "$28K", "1.2M" */
    RS_P_AUTO,     /* double or "auto" (stored as NAN) */
    RS_P_BOOL,     /* bool; yes/no, true/false, on/off, 1/0 */
    RS_P_ENUM,     /* int index into choices */
    RS_P_TABLE,    /* ramp table: monthly percentages "0,25,50,75,100" */
    RS_P_WEEK_LIST, /* early-review weeks: "26,39,52" or "none" */
    RS_P_NAME,     /* char[RS_NAME_MAX] of letters, digits, '.', '_', '-' */
    RS_P_DATE,     /* run.start_date: "2026-07-06" or "none" */
    RS_P_PATH,     /* team.roster: a file's path or "none" */
    RS_P_HIRES,    /* team.hires: "13:2, 2027-03-01:1" or "none" */
    RS_P_SEASONS,  /* four quarterly percentages summing to 100: "18,22,26,34" */
    RS_P_PLAN,     /* plan.bookings: "none" or amounts, one a fiscal year */
    RS_P_REP_HOURS /* coaching.per_rep: "none" or "Ben:3, Ana:2" */
} rs_param_type;

typedef struct rs_param {
    const char *section;
    const char *key;
    rs_param_type type;
    size_t offset;              /* of the value inside rs_scenario */
    double min, max;            /* inclusive limits of numeric types */
    const char *const *choices; /* RS_P_ENUM: NULL-terminated names */
    const char *def;            /* default, written as a user would */
    const char *unit;
    const char *help;
    const char *source;         /* where the default comes from, or NULL */
} rs_param;

extern const rs_param rs_params[];
extern const size_t rs_param_count;

/* Index of section.key in rs_params, or -1. */
int rs_param_find(const char *section, const char *key);
/* Whether any parameter lives in this section. */
int rs_param_section_exists(const char *section);
/* The known "section.key" or "[section]" nearest to a misspelling, for
 * "did you mean" hints; NULL when nothing is close. */
const char *rs_param_suggest_key(const char *section, const char *key);
const char *rs_param_suggest_section(const char *section);

/* Parses `text` as parameter p into sc. On failure returns RS_ERR_INPUT and
 * writes "section.key must be <expectation>, got <text>" to err (no place
 * prefix: the caller adds it). */
rs_status rs_param_parse(const rs_param *p, rs_scenario *sc, const char *text, char *err);
/* Writes parameter p's value in sc as text that rs_param_parse reads back
 * exactly. */
void rs_param_format(const rs_param *p, const rs_scenario *sc, char *buf, size_t size);
/* What a valid value looks like, for messages and for `rampsim defaults`. */
void rs_param_expectation(const rs_param *p, char *buf, size_t size);

#endif
