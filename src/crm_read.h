/* crm_read.h: a CRM's opportunity export and a team's roster read into a
 * history (history.h), for `rampsim fit` (docs/fit-input.md): columns
 * recognised by the names Salesforce, HubSpot and Pipedrive exports give
 * them, or named with --columns; dates in ISO form or in a day/month order
 * the file settles or --date-format names; amounts as people write them.
 * Every error names the file, line and column. Private to the library. */
#ifndef RS_CRM_READ_H
#define RS_CRM_READ_H

#include "rampsim/status.h"

#include "history.h"

typedef enum { RS_DATES_AUTO, RS_DATES_ISO, RS_DATES_US, RS_DATES_EU } rs_date_order;

typedef struct rs_crm_options {
    const char *columns;      /* --columns "owner=Rep,created=Opened On,..." or NULL */
    rs_date_order date_order; /* AUTO: ISO, or the day/month order the file settles */
} rs_crm_options;

/* "iso", "us" or "eu" into *out; RS_ERR_INPUT otherwise, with a message
 * the caller puts the option's name in front of. */
rs_status rs_crm_parse_date_format(const char *text, rs_date_order *out, char *err);

/* Reads a roster: `name`, `hired` (a date, on every row) and `left` (a
 * date, blank while the rep stays); the other columns of team.roster and
 * unknown ones are ignored, a near miss of a known one ("hird") is an
 * error. Adds the reps (in_roster) and sets has_roster. RS_ERR_INPUT with
 * SHOWN:LINE:COLUMN in the message, RS_ERR_NOMEM. */
rs_status rs_crm_read_roster(const char *path, const char *shown, const rs_crm_options *o, rs_history *h,
                             char *err);

/* Reads the opportunities, one a row. Owners are matched to h's reps
 * without regard to case and surrounding blanks; an owner not there is
 * added (in_roster false). An open opportunity's close date (a forecast)
 * is not read. RS_ERR_INPUT with SHOWN:LINE:COLUMN, RS_ERR_NOMEM. */
rs_status rs_crm_read_opportunities(const char *path, const char *shown, const rs_crm_options *o, rs_history *h,
                                    char *err);

/* ---- the cells, for the readers and their tests (crm_values.c) ---- */

/* A date: ISO (a time after it ignored) or NN/NN/YYYY with '/', '.' or '-'
 * read in `order`. RS_DATE_OK, or why not. */
typedef enum { RS_DATE_OK, RS_DATE_BAD, RS_DATE_AMBIGUOUS, RS_DATE_TWO_DIGIT_YEAR } rs_date_read;
rs_date_read rs_crm_date(const char *text, rs_date_order order, rs_day *day);
/* For a date not in ISO form: whether its first part is above 12 (it is
 * a day: eu), its second (us); false for both when it cannot tell. */
void rs_crm_date_order_hint(const char *text, bool *day_first, bool *month_first);

/* An amount: "$28,000.00", "28.000,50 EUR", "1 234,5"; NAN for blank or
 * 0. False when it is not an amount or is negative. */
bool rs_crm_amount(const char *text, double *amount);

#endif
