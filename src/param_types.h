/* param_types.h: what a scenario key is (its type, limits, default and
 * meaning), the row type of the parameter table (params.h) that the value
 * forms of params.c and params_lists.c both read. Private to the library. */
#ifndef RS_PARAM_TYPES_H
#define RS_PARAM_TYPES_H

#include <stddef.h>

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

#endif
