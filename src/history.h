/* history.h: a team's sales history as a CRM holds it: its opportunities
 * (owner, created and close dates, amount, outcome) and its reps (hire and
 * leave dates). `rampsim fit` reads one from an export (crm_read.h), a
 * simulated replication writes one (`run --export-crm`, and the fit's own
 * simulations), and the fit's statistics are computed from one the same
 * way whichever made it (docs/fit.md). Private to the library. */
#ifndef RS_HISTORY_H
#define RS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/status.h"

#include "dates.h"

/* A date not known or not yet reached: a close date of an opportunity still
 * open, a leave date of a rep who stays, a hire date not given. */
#define RS_DAY_NONE INT32_MIN

typedef enum { RS_OPP_OPEN, RS_OPP_WON, RS_OPP_LOST } rs_opp_outcome;

#define RS_HISTORY_NAME_MAX 64 /* bytes of a rep's name, with its NUL */

typedef struct rs_history_rep {
    char name[RS_HISTORY_NAME_MAX];
    rs_day hired; /* RS_DAY_NONE: not known (no roster, or a blank) */
    rs_day left;  /* RS_DAY_NONE: still on the team at the export */
    bool in_roster; /* named by the roster (not only as an owner) */
} rs_history_rep;

typedef struct rs_history_opportunity {
    int owner;          /* index into reps */
    rs_day created;
    rs_day closed;      /* RS_DAY_NONE while open */
    double amount;      /* > 0, or NAN when the file gives none (blank or 0) */
    rs_opp_outcome outcome;
    int line;           /* the line of the file it was read from; 0 when simulated */
} rs_history_opportunity;

typedef struct rs_history {
    rs_history_rep *reps;
    size_t rep_count, rep_capacity;
    rs_history_opportunity *opportunities;
    size_t opportunity_count, opportunity_capacity;
    bool has_roster;  /* hire (and leave) dates came with the history */
    /* The day the history was taken: an opportunity open then is censored
     * at it (or at its owner's leave date, when earlier). */
    rs_day export_day;
} rs_history;

/* An empty history (no memory held yet). */
void rs_history_init(rs_history *h);
/* Frees what the history holds and leaves it empty; NULL is fine. */
void rs_history_free(rs_history *h);
/* Forgets every rep and opportunity, keeping the memory. */
void rs_history_clear(rs_history *h);

/* Adds a rep and returns its index, or -1 when out of memory. The name is
 * cut to RS_HISTORY_NAME_MAX - 1 bytes. */
int rs_history_add_rep(rs_history *h, const char *name, rs_day hired, rs_day left);
/* The index of the rep named `name` (compared without regard to ASCII
 * case and surrounding blanks), or -1. */
int rs_history_find_rep(const rs_history *h, const char *name);
/* Adds an opportunity and returns its index, or -1 when out of memory. */
long rs_history_add_opportunity(rs_history *h, const rs_history_opportunity *o);

/* Appends src's reps and opportunities to dst (owners renumbered), so
 * that many simulated histories are read as one. False when out of memory
 * (dst then holds part of src). */
bool rs_history_append(rs_history *dst, const rs_history *src);

/* The first day of the history: the earliest created date (RS_DAY_NONE
 * when there is no opportunity). */
rs_day rs_history_first_day(const rs_history *h);
/* The latest day any opportunity shows (created or closed), which is the
 * export day when the file does not say otherwise. */
rs_day rs_history_last_day(const rs_history *h);

/* An opportunity's latest date: its close, or its creation while open. */
static inline rs_day rs_history_latest_day(const rs_history_opportunity *o)
{
    return o->closed != RS_DAY_NONE && o->closed > o->created ? o->closed : o->created;
}

/* The opportunities created outside their owner's time on the team, as
 * the roster gives it (before their hire date, or after their leave
 * date): their number, and in *first the index of the first (unchanged
 * when there is none). Owners without a hire date do not count. */
size_t rs_history_outside_tenure(const rs_history *h, size_t *first);

#endif
