/* crm_values.c: the cells of a CRM export: dates and amounts as exports
 * and spreadsheets write them (crm_read.h; docs/fit-input.md). */
#include "crm_read.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Leading digits of s: their value and count (at most 9). */
static int digits(const char *s, int *value)
{
    int n = 0;
    *value = 0;
    while (isdigit((unsigned char)s[n]) && n < 9)
        *value = 10 * *value + (s[n++] - '0');
    return n;
}

/* What may follow a date: nothing, or a time after 'T' or blanks
 * ("2026-03-05 10:22"); not other text ("2026-03-05 soon"). */
static bool date_end(const char *s)
{
    if (*s == '\0')
        return true;
    if (*s != 'T' && *s != ' ')
        return false;
    while (*s == 'T' || *s == ' ')
        s++;
    return isdigit((unsigned char)*s);
}

static bool real_day(int y, int m, int d, rs_day *day)
{
    if (y < RS_DATE_YEAR_MIN || y > RS_DATE_YEAR_MAX || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    rs_day t = rs_date_from_civil(y, m, d);
    int yy, mm, dd;
    rs_date_to_civil(t, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return false; /* 30 February */
    *day = t;
    return true;
}

/* NN<sep>NN<sep>YYYY: the two parts and the year; false for another form. */
static bool split_date(const char *s, int *a, int *b, int *year, int *year_digits)
{
    int na = digits(s, a);
    char sep = s[na];
    if (na < 1 || na > 2 || (sep != '/' && sep != '.' && sep != '-'))
        return false;
    s += na + 1;
    int nb = digits(s, b);
    if (nb < 1 || nb > 2 || s[nb] != sep)
        return false;
    s += nb + 1;
    *year_digits = digits(s, year);
    return (*year_digits == 4 || *year_digits == 2) && date_end(s + *year_digits);
}

rs_date_read rs_crm_date(const char *text, rs_date_order order, rs_day *day)
{
    int y, m, d;
    if (digits(text, &y) == 4 && text[4] == '-') {
        int nm = digits(text + 5, &m);
        if (nm < 1 || nm > 2 || text[5 + nm] != '-')
            return RS_DATE_BAD;
        int nd = digits(text + 6 + nm, &d);
        if (nd < 1 || nd > 2 || !date_end(text + 6 + nm + nd))
            return RS_DATE_BAD;
        return real_day(y, m, d, day) ? RS_DATE_OK : RS_DATE_BAD;
    }
    int a, b, year_digits;
    if (!split_date(text, &a, &b, &y, &year_digits))
        return RS_DATE_BAD;
    if (year_digits == 2)
        return RS_DATE_TWO_DIGIT_YEAR;
    if (order == RS_DATES_AUTO || order == RS_DATES_ISO)
        return RS_DATE_AMBIGUOUS;
    bool us = order == RS_DATES_US;
    return real_day(y, us ? a : b, us ? b : a, day) ? RS_DATE_OK : RS_DATE_BAD;
}

rs_status rs_crm_parse_date_format(const char *text, rs_date_order *out, char *err)
{
    static const char *const names[] = {"iso", "us", "eu"};
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (rs_date_order)(i + 1);
            return RS_OK;
        }
    return rs_fail(err, RS_ERR_INPUT, "must be iso, us or eu, got \"%s\"", text);
}

void rs_crm_date_order_hint(const char *text, bool *day_first, bool *month_first)
{
    int a, b, y, year_digits;
    *day_first = *month_first = false;
    if (!split_date(text, &a, &b, &y, &year_digits))
        return;
    *day_first = a > 12;
    *month_first = b > 12;
}

/* Drops what is not a digit or a mark: currency signs and codes before
 * the number or after it ($28,000, 28.000 EUR), and blanks and the
 * no-break spaces some exports group digits with. False on a minus sign
 * or parentheses (a negative amount), on a letter or sign among the
 * digits (1E5, 28K, 1X5) and on other text. */
static bool strip(const char *s, char *out, size_t size)
{
    const unsigned char *first = NULL, *last = NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (isdigit(*c) || *c == ',' || *c == '.') {
            first = first ? first : c;
            last = c;
        }
    size_t n = 0;
    bool digit_seen = false;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        bool among = first && c > first && c < last;
        if (isdigit(*c) || *c == ',' || *c == '.') {
            if (n + 1 >= size)
                return false;
            digit_seen = digit_seen || isdigit(*c);
            out[n++] = (char)*c;
        } else if (*c == '-' || *c == '(' || *c == ')') {
            return false;
        } else if (among ? !(*c == ' ' || *c >= 0x80) : !(isspace(*c) || isupper(*c) || *c == '$' || *c >= 0x80)) {
            return false; /* a letter among the digits, or punctuation */
        }
    }
    out[n] = '\0';
    return digit_seen || n == 0;
}

/* Whether every run of capital letters in s is three long, as a currency
 * code is: 28K or 1.5M is a multiplier the fit does not guess at. */
static bool codes_only(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c;) {
        size_t run = 0;
        while (isupper(c[run]))
            run++;
        if (run != 0 && run != 3)
            return false;
        c += run ? run : 1;
    }
    return true;
}

/* Whether every group after each `mark` in s has exactly three digits. */
static bool groups_of_three(const char *s, char mark)
{
    const char *p = strchr(s, mark);
    while (p) {
        size_t run = strspn(p + 1, "0123456789");
        if (run != 3)
            return false;
        p = strchr(p + 1, mark);
    }
    return true;
}

bool rs_crm_amount(const char *text, double *amount)
{
    char s[128];
    if (!codes_only(text) || !strip(text, s, sizeof s))
        return false;
    if (!s[0]) {
        *amount = NAN;
        return true;
    }
    const char *comma = strrchr(s, ','), *dot = strrchr(s, '.');
    char decimal = 0;
    if (comma && dot)
        decimal = comma > dot ? ',' : '.'; /* the last mark is the decimal one */
    else if (comma || dot) {
        char mark = comma ? ',' : '.';
        bool once = strchr(s, mark) == strrchr(s, mark);
        decimal = once && !groups_of_three(s, mark) ? mark : 0; /* 28,5 but 28,000 */
        if (!once && !groups_of_three(s, mark))
            return false; /* 1,23,4 */
    }
    char plain[128];
    size_t n = 0;
    for (const char *c = s; *c; c++) {
        if (isdigit((unsigned char)*c))
            plain[n++] = *c;
        else if (*c == decimal)
            plain[n++] = '.';
        else if (decimal && c > (decimal == ',' ? comma : dot))
            return false; /* a group mark after the decimal one */
    }
    plain[n] = '\0';
    char *end;
    double x = strtod(plain, &end);
    if (end == plain || *end || !isfinite(x))
        return false;
    *amount = x > 0.0 ? x : NAN;
    return true;
}
