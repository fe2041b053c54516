/* roster.h: a team's roster, read from the CSV an analyst exports from
 * the HR or CRM system (team.roster; docs/model.md, "The team", and
 * docs/inputs.md, "A roster"). One row a seat; the columns, in any order,
 * matched without regard to case and surrounding spaces:
 *   name (required), tenure or hired (one of them required), starts,
 *   skill, quota, coaching_hours_per_month (optional).
 * Columns it does not know are ignored (an export carries many), unless a
 * header is a near miss of a known one ("quta": within two edits, and
 * fewer than half its letters, so that "date" is not "name"): that is an
 * error, as is a known column twice.
 * Private to the library. */
#ifndef RS_ROSTER_H
#define RS_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

#include "dates.h"

/* What the scenario says that a roster's values are read against. */
typedef struct rs_roster_frame {
    int horizon_weeks;   /* `starts` must be a week 0 .. horizon - 1 */
    bool has_start_date; /* run.start_date given: dates may stand for weeks */
    rs_day start_date;   /* the date of week 0 */
} rs_roster_frame;

/* Reads the roster text (len bytes; need not be terminated) into
 * seats[0 .. *count), at most max rows. `shown` names the file in
 * messages. The text is CSV as csvread.h reads it (a byte order mark,
 * CRLF, ',' or ';'); blank rows are skipped. Every seat's kind is
 * RS_SEAT_TENURE, RS_SEAT_OPEN or RS_SEAT_STARTS; unset numbers are NAN
 * and `line` is the line where the row starts. A tenure in months is
 * 52/12 weeks a month, and a hire date the weeks to frame->start_date,
 * both rounded to the nearest week.
 * On failure returns RS_ERR_INPUT with
 *   "SHOWN:LINE:COLUMN: HEADER: expected ..., got \"TEXT\""
 * (or "SHOWN:LINE: ..." for a whole row, "SHOWN: ..." for the whole file;
 * TEXT as rs_escape shows it) in err, or RS_ERR_NOMEM, and *count is 0. */
rs_status rs_roster_parse(const char *text, size_t len, const char *shown, const rs_roster_frame *frame,
                          rs_seat_spec *seats, int max, int *count, char *err);

/* rs_roster_parse over the file at `path`, read whole. RS_ERR_INPUT when
 * it cannot be: "SHOWN: cannot read: REASON" (missing, unreadable, a FIFO
 * or a device, larger than 4 MiB) or "SHOWN: is a directory, not a roster
 * file". A FIFO is refused without waiting for a writer. */
rs_status rs_roster_read(const char *path, const char *shown, const rs_roster_frame *frame, rs_seat_spec *seats,
                         int max, int *count, char *err);

#endif
