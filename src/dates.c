/* dates.c: see dates.h. The conversions are H. Hinnant's days-from-civil
 * algorithms ("chrono-Compatible Low-Level Date Algorithms"), exact for
 * every date of the proleptic Gregorian calendar. */
#include "dates.h"

#include <stdio.h>

rs_day rs_date_from_civil(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                                        /* [0, 399] */
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                /* [0, 146096] */
    return (rs_day)(era * 146097 + doe - 719468);
}

void rs_date_to_civil(rs_day day, int *year, int *month, int *mday)
{
    int z = (int)day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;                                  /* [0, 146096] */
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* [0, 365] */
    int mp = (5 * doy + 2) / 153;                                /* [0, 11] */
    *mday = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (*month <= 2);
}

static bool digits(const char *s, int n, int *value)
{
    *value = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *value = *value * 10 + (s[i] - '0');
    }
    return true;
}

bool rs_date_parse(const char *s, rs_day *day)
{
    int year, month, mday;
    if (!digits(s, 4, &year) || s[4] != '-' || !digits(s + 5, 2, &month) || s[7] != '-' ||
        !digits(s + 8, 2, &mday) || s[10] != '\0')
        return false;
    if (year < RS_DATE_YEAR_MIN || year > RS_DATE_YEAR_MAX || month < 1 || month > 12 || mday < 1)
        return false;
    /* the day must exist: it survives the round trip */
    rs_day d = rs_date_from_civil(year, month, mday);
    int y, m, md;
    rs_date_to_civil(d, &y, &m, &md);
    if (y != year || m != month || md != mday)
        return false;
    *day = d;
    return true;
}

void rs_date_format(rs_day day, char *buf, size_t size)
{
    int y, m, d;
    rs_date_to_civil(day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

int rs_date_week_of(rs_day from, rs_day to)
{
    int days = (int)(to - from);
    return days >= 0 ? days / 7 : -((-days + 6) / 7);
}
