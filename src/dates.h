/* dates.h: calendar dates for run.start_date, roster hire and start dates
 * and the hiring plan: strict ISO 8601 parsing (YYYY-MM-DD), and dates as
 * day numbers, so that the weeks between two dates are a division.
 * Private to the library. */
#ifndef RS_DATES_H
#define RS_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days in the proleptic Gregorian calendar since 1970-01-01. */
typedef int32_t rs_day;

/* The years a date may name: enough for any sales history or plan, and
 * never near the limits of the arithmetic. */
#define RS_DATE_YEAR_MIN 1900
#define RS_DATE_YEAR_MAX 2200

/* Parses "2026-07-06" (exactly four digits, two, two; a real day of a real
 * month) into *day. False for anything else. */
bool rs_date_parse(const char *s, rs_day *day);

/* The day number of year-month-day (month 1..12, day 1..31; not checked). */
rs_day rs_date_from_civil(int year, int month, int day);

/* The year, month (1..12) and day (1..31) of a day number. */
void rs_date_to_civil(rs_day day, int *year, int *month, int *mday);

/* Writes the date as YYYY-MM-DD (size >= 11). */
void rs_date_format(rs_day day, char *buf, size_t size);

/* Whole weeks from `from` to `to`, rounded down (negative before it): the
 * week of a run that a date falls in, with `from` the date of week 0. */
int rs_date_week_of(rs_day from, rs_day to);

#endif
