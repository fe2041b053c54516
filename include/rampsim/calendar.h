/* rampsim/calendar.h: the simulation's calendar (docs/model.md, "One replication, week by week", step 0).
 * A year is 52 weeks, a fiscal quarter 13, a month 52/12 weeks. Integer
 * constants, so that an expression written with them rounds exactly as the
 * same expression written with the numbers would. */
#ifndef RAMPSIM_CALENDAR_H
#define RAMPSIM_CALENDAR_H

#define RS_DAYS_PER_WEEK 7
#define RS_WEEKS_PER_YEAR 52
#define RS_WEEKS_PER_QUARTER 13
#define RS_QUARTERS_PER_YEAR 4
#define RS_MONTHS_PER_YEAR 12

/* Weeks in an average month, 52/12: converts "a month" rates to weeks. */
#define RS_WEEKS_PER_MONTH ((double)RS_WEEKS_PER_YEAR / RS_MONTHS_PER_YEAR)

#endif
