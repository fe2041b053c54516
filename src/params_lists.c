/* params_lists.c: see params_lists.h. Each form is "none" or a list
 * separated by commas; an item is trimmed of blanks. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "params_lists.h"

#include <limits.h>
#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "valueparse.h"

bool rs_param_is_list(const rs_param *p)
{
    return p->type >= RS_P_DATE && p->type <= RS_P_REP_HOURS;
}

void rs_param_expectation_list(const rs_param *p, char *buf, size_t size)
{
    switch (p->type) {
    case RS_P_DATE:
        snprintf(buf, size, "none or a date written YYYY-MM-DD (such as 2026-07-06)");
        break;
    case RS_P_PATH:
        snprintf(buf, size, "none or the path of a CSV file (such as team.csv)");
        break;
    case RS_P_HIRES:
        snprintf(buf, size, "none or up to %d comma-separated WEEK:COUNT or YYYY-MM-DD:COUNT (such as 13:2, 26:1)",
                 RS_HIRE_PLAN_MAX);
        break;
    case RS_P_SEASONS:
        snprintf(buf, size, "four comma-separated percentages above 0 that sum to 100, one a fiscal quarter (such as "
                            "18,22,26,34)");
        break;
    case RS_P_PLAN:
        snprintf(buf, size, "none or 1 to %d comma-separated amounts of at least 1000, one a fiscal year, without "
                            "thousands separators (such as 3.2M or 3200000, 3.6M)",
                 RS_PLAN_YEARS_MAX);
        break;
    case RS_P_REP_HOURS:
        snprintf(buf, size, "none or up to %d comma-separated NAME:HOURS, hours a month from 0 to 100 (such as "
                            "Ben:3, Ana:2)",
                 RS_PER_REP_MAX);
        break;
    default:
        buf[0] = '\0';
    }
}

static rs_status reject(const rs_param *p, const char *text, char *err)
{
    char expect[256];
    rs_param_expectation_list(p, expect, sizeof expect);
    return rs_fail(err, RS_ERR_INPUT, "%s.%s must be %s, got %s", p->section, p->key, expect,
                   *text ? text : "nothing");
}

#define ITEM_MAX 96

/* The next item of a comma-separated list at *c, trimmed, into item;
 * advances *c past it and its comma. False when it is empty, too long, or
 * the list ends in a comma. */
static bool next_item(const char **c, char item[ITEM_MAX])
{
    size_t len = strcspn(*c, ",");
    const char *s = *c;
    *c += len;
    if (**c == ',' && !*++*c)
        return false;
    while (len > 0 && *s == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0 || len >= ITEM_MAX)
        return false;
    memcpy(item, s, len);
    item[len] = '\0';
    return true;
}

/* "LEFT:RIGHT" split at its last colon, both parts trimmed. */
static bool split_pair(char *item, char **left, char **right)
{
    char *colon = strrchr(item, ':');
    if (!colon)
        return false;
    *colon = '\0';
    *left = item;
    *right = colon + 1;
    for (char **part = left; part; part = part == left ? right : NULL) {
        while (**part == ' ')
            ++*part;
        size_t n = strlen(*part);
        while (n > 0 && (*part)[n - 1] == ' ')
            (*part)[--n] = '\0';
    }
    return **left && **right;
}

static rs_status parse_hires(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    if (strcmp(text, "none") == 0) {
        sc->team.hire_count = 0;
        return RS_OK;
    }
    rs_hire_entry entries[RS_HIRE_PLAN_MAX];
    int n = 0;
    for (const char *c = text; *c;) {
        char item[ITEM_MAX], *when, *count;
        long long reps, week = 0;
        if (n == RS_HIRE_PLAN_MAX || !next_item(&c, item) || !split_pair(item, &when, &count) ||
            !rs_parse_integer(count, &reps) || reps < 1 || reps > RS_MAX_REPS)
            return reject(p, text, err);
        rs_hire_entry *e = &entries[n++];
        e->reps = (int)reps;
        e->is_date = rs_date_parse(when, &e->day);
        if (!e->is_date && (!rs_parse_integer(when, &week) || week < 0 || week >= RS_MAX_HORIZON))
            return reject(p, text, err);
        e->week = (int)week;
    }
    if (n == 0)
        return reject(p, text, err);
    memcpy(sc->team.hires, entries, sizeof entries[0] * (size_t)n);
    sc->team.hire_count = n;
    return RS_OK;
}

static rs_status parse_seasons(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    double shares[RS_QUARTERS], sum = 0.0;
    int n = 0;
    for (const char *c = text; *c; n++) {
        char item[ITEM_MAX];
        if (n == RS_QUARTERS || !next_item(&c, item))
            return reject(p, text, err);
        size_t len = strlen(item);
        if (item[len - 1] == '%')
            item[--len] = '\0';
        double v;
        if (!rs_parse_real(item, &v) || v <= 0 || v > 100)
            return reject(p, text, err);
        shares[n] = v / 100.0;
        sum += v;
    }
    if (n != RS_QUARTERS || fabs(sum - 100.0) > 0.01)
        return reject(p, text, err);
    memcpy((char *)sc + p->offset, shares, sizeof shares);
    return RS_OK;
}

static rs_status parse_plan(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    if (strcmp(text, "none") == 0) {
        sc->plan.years = 0;
        return RS_OK;
    }
    double values[RS_PLAN_YEARS_MAX];
    int n = 0;
    for (const char *c = text; *c;) {
        char item[ITEM_MAX];
        if (n == RS_PLAN_YEARS_MAX || !next_item(&c, item) || !rs_parse_money(item, &values[n]) ||
            !(values[n] >= 1000) || values[n] > 1e15)
            return reject(p, text, err);
        n++;
    }
    if (n == 0)
        return reject(p, text, err);
    memcpy(sc->plan.bookings, values, sizeof values[0] * (size_t)n);
    sc->plan.years = n;
    return RS_OK;
}

/* Text of 1 to max - 1 bytes without control characters. */
static bool valid_text(const char *s, size_t max)
{
    if (!*s || strlen(s) >= max)
        return false;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return false;
    return true;
}

static bool valid_rep_name(const char *s)
{
    return valid_text(s, RS_NAME_MAX);
}

static rs_status parse_rep_hours(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    if (strcmp(text, "none") == 0) {
        sc->coaching.per_rep_count = 0;
        return RS_OK;
    }
    rs_rep_hours entries[RS_PER_REP_MAX];
    int n = 0;
    for (const char *c = text; *c;) {
        char item[ITEM_MAX], *name, *hours;
        if (n == RS_PER_REP_MAX || !next_item(&c, item) || !split_pair(item, &name, &hours) ||
            !valid_rep_name(name) || !rs_parse_hours(hours, &entries[n].hours_per_month) ||
            entries[n].hours_per_month < 0 || entries[n].hours_per_month > 100)
            return reject(p, text, err);
        snprintf(entries[n].name, sizeof entries[n].name, "%s", name);
        for (int k = 0; k < n; k++)
            if (strcasecmp(entries[k].name, name) == 0)
                return rs_fail(err, RS_ERR_INPUT, "%s.%s names %s twice", p->section, p->key, name);
        n++;
    }
    if (n == 0)
        return reject(p, text, err);
    memcpy(sc->coaching.per_rep, entries, sizeof entries[0] * (size_t)n);
    sc->coaching.per_rep_count = n;
    return RS_OK;
}

rs_status rs_param_parse_list(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    switch (p->type) {
    case RS_P_DATE:
        if (strcmp(text, "none") == 0) {
            sc->run.has_start_date = false;
            sc->run.start_date = 0;
            return RS_OK;
        }
        if (!rs_date_parse(text, &sc->run.start_date))
            return reject(p, text, err);
        sc->run.has_start_date = true;
        return RS_OK;
    case RS_P_PATH:
        if (!valid_text(text, sizeof sc->team.roster))
            return reject(p, text, err);
        snprintf(sc->team.roster, sizeof sc->team.roster, "%s", strcmp(text, "none") == 0 ? "" : text);
        return RS_OK;
    case RS_P_HIRES:
        return parse_hires(p, sc, text, err);
    case RS_P_SEASONS:
        return parse_seasons(p, sc, text, err);
    case RS_P_PLAN:
        return parse_plan(p, sc, text, err);
    case RS_P_REP_HOURS:
        return parse_rep_hours(p, sc, text, err);
    default:
        return reject(p, text, err);
    }
}

/* Appends to buf (size bytes, len used), cutting at its end. */
#define APPEND(...) (len += (size_t)snprintf(buf + len, len < size ? size - len : 0, __VA_ARGS__))

void rs_param_format_list(const rs_param *p, const rs_scenario *sc, char *buf, size_t size)
{
    size_t len = 0;
    char num[64];
    snprintf(buf, size, "none");
    switch (p->type) {
    case RS_P_DATE:
        if (sc->run.has_start_date)
            rs_date_format(sc->run.start_date, buf, size);
        break;
    case RS_P_PATH: {
        /* by its full path, so that the scenario written into a result
         * runs again from anywhere */
        char absolute[PATH_MAX];
        const char *path = sc->team.roster_file[0] ? sc->team.roster_file : sc->team.roster;
        if (path[0])
            snprintf(buf, size, "%s", realpath(path, absolute) ? absolute : path);
        break;
    }
    case RS_P_HIRES:
        for (int i = 0; i < sc->team.hire_count; i++) {
            const rs_hire_entry *e = &sc->team.hires[i];
            if (e->is_date)
                rs_date_format(e->day, num, sizeof num);
            else
                snprintf(num, sizeof num, "%d", e->week);
            APPEND("%s%s:%d", i ? ", " : "", num, e->reps);
        }
        break;
    case RS_P_SEASONS:
        for (int q = 0; q < RS_QUARTERS; q++) {
            rs_format_percent(((const double *)((const char *)sc + p->offset))[q], num, sizeof num);
            APPEND("%s%s", q ? "," : "", num);
        }
        break;
    case RS_P_PLAN:
        for (int i = 0; i < sc->plan.years; i++) {
            rs_format_money(sc->plan.bookings[i], num, sizeof num);
            APPEND("%s%s", i ? ", " : "", num);
        }
        break;
    case RS_P_REP_HOURS:
        for (int i = 0; i < sc->coaching.per_rep_count; i++) {
            rs_format_real(sc->coaching.per_rep[i].hours_per_month, num, sizeof num);
            APPEND("%s%s:%s", i ? ", " : "", sc->coaching.per_rep[i].name, num);
        }
        break;
    default:
        break;
    }
}
