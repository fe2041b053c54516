/* params.c: one value of a scenario key parsed from text, checked against
 * the key's limits, and formatted back as text the parser reads to the same
 * value; the table of keys is params_table.c. */
#include "params.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params_lists.h"
#include "params_uncertain.h"
#include "valueparse.h"

static void *field(const rs_param *p, rs_scenario *sc)
{
    return (char *)sc + p->offset;
}

static const void *cfield(const rs_param *p, const rs_scenario *sc)
{
    return (const char *)sc + p->offset;
}

static void choices_text(const char *const *choices, char *buf, size_t size)
{
    size_t n = 0;
    while (choices[n])
        n++;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? " or " : ", ");
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", sep, choices[i]);
    }
}

void rs_param_expectation(const rs_param *p, char *buf, size_t size)
{
    char lo[32], hi[32];
    rs_format_real(p->min, lo, sizeof lo);
    rs_format_real(p->max, hi, sizeof hi);
    switch (p->type) {
    case RS_P_INT:
    case RS_P_COUNT:
        snprintf(buf, size, "a whole number from %.0f to %.0f", p->min, p->max);
        break;
    case RS_P_SEED:
        snprintf(buf, size, "a whole number from 0 to 18446744073709551615");
        break;
    case RS_P_REAL:
        snprintf(buf, size, "a number from %s to %s", lo, hi);
        break;
    case RS_P_HOURS:
        snprintf(buf, size, "hours from %s to %s", lo, hi);
        break;
    case RS_P_AUTO:
        snprintf(buf, size, "auto or a number from %s to %s", lo, hi);
        break;
    case RS_P_FRACTION:
        if (p->max <= 1)
            snprintf(buf, size, "a share from %s to %s (such as 0.3 or 30%%)", lo, hi);
        else
            snprintf(buf, size, "a share from %s to %s (such as 0.8 or 80%%)", lo, hi);
        break;
    case RS_P_MONEY:
        snprintf(buf, size, "an amount from %.0f to %.0f (such as 28000, 28,000, $28K or 1.2M)", p->min, p->max);
        break;
    case RS_P_BOOL:
        snprintf(buf, size, "yes or no");
        break;
    case RS_P_ENUM:
        choices_text(p->choices, buf, size);
        break;
    case RS_P_TABLE:
        snprintf(buf, size, "2 to %d comma-separated, non-decreasing percentages from 0 to 100, one per month "
                            "(such as 0,25,50,75,100)", RS_RAMP_TABLE_MAX);
        break;
    case RS_P_WEEK_LIST:
        snprintf(buf, size, "none or 1 to %d comma-separated, increasing whole numbers of weeks from %.0f to %.0f "
                            "(such as 26,39,52)", RS_REVIEW_MAX, p->min, p->max);
        break;
    case RS_P_NAME:
        snprintf(buf, size, "a name of 1 to %d letters, digits, '.', '_' or '-'", RS_NAME_MAX - 1);
        break;
    default:
        rs_param_expectation_list(p, buf, size);
        break;
    }
}

static rs_status reject(const rs_param *p, const char *text, char *err)
{
    char expect[256];
    rs_param_expectation(p, expect, sizeof expect);
    if (*text)
        return rs_fail(err, RS_ERR_INPUT, "%s.%s must be %s, got %s", p->section, p->key, expect, text);
    return rs_fail(err, RS_ERR_INPUT, "%s.%s must be %s, got nothing", p->section, p->key, expect);
}

/* Splits a comma-separated list into at most `max` items, each trimmed of
 * blanks; returns how many, or -1 when an item is empty or too long, or
 * there are more than max. */
#define LIST_ITEM 32
static int split_list(const char *text, char items[][LIST_ITEM], int max)
{
    int n = 0;
    const char *c = text;
    while (*c) {
        size_t len = strcspn(c, ",");
        if (len == 0 || len >= LIST_ITEM || n == max)
            return -1;
        char *item = items[n++];
        memcpy(item, c, len);
        item[len] = '\0';
        char *start = item + strspn(item, " ");
        size_t l = strlen(start);
        while (l > 0 && start[l - 1] == ' ')
            start[--l] = '\0';
        if (l == 0)
            return -1;
        memmove(item, start, l + 1);
        c += len;
        if (*c == ',' && !*++c)
            return -1; /* a trailing comma */
    }
    return n;
}

static rs_status parse_table(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    char items[RS_RAMP_TABLE_MAX][LIST_ITEM];
    double values[RS_RAMP_TABLE_MAX];
    int n = split_list(text, items, RS_RAMP_TABLE_MAX);
    if (n < 2)
        return reject(p, text, err);
    for (int i = 0; i < n; i++) {
        char *s = items[i];
        size_t l = strlen(s);
        if (s[l - 1] == '%')
            s[--l] = '\0';
        double v;
        if (!rs_parse_real(s, &v) || v < 0 || v > 100 || (i > 0 && v / 100.0 < values[i - 1]))
            return reject(p, text, err);
        values[i] = v / 100.0;
    }
    memcpy(sc->ramp.table, values, sizeof(double) * (size_t)n);
    sc->ramp.table_len = n;
    return RS_OK;
}

/* "26,39,52", or "none" for an empty list. */
static rs_status parse_week_list(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    if (strcmp(text, "none") == 0) {
        sc->attrition.review_count = 0;
        return RS_OK;
    }
    char items[RS_REVIEW_MAX][LIST_ITEM];
    int weeks[RS_REVIEW_MAX];
    int n = split_list(text, items, RS_REVIEW_MAX);
    if (n < 1)
        return reject(p, text, err);
    for (int i = 0; i < n; i++) {
        long long w;
        if (!rs_parse_integer(items[i], &w) || (double)w < p->min || (double)w > p->max ||
            (i > 0 && w <= weeks[i - 1]))
            return reject(p, text, err);
        weeks[i] = (int)w;
    }
    memcpy(sc->attrition.review_weeks, weeks, sizeof(int) * (size_t)n);
    sc->attrition.review_count = n;
    return RS_OK;
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= RS_NAME_MAX || s[0] == '.' || s[0] == '-')
        return false;
    for (const char *c = s; *c; c++)
        if (!(strchr("._-", *c) || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9')))
            return false;
    return true;
}

static rs_status parse_value(const rs_param *p, rs_scenario *sc, const char *text, char *err);

rs_status rs_param_parse(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    if (rs_param_is_distribution(text)) {
        char expect[256];
        rs_param_expectation(p, expect, sizeof expect);
        return rs_param_parse_distribution(p, (int)(p - rs_params), expect, sc, text, err);
    }
    rs_status st = parse_value(p, sc, text, err);
    if (st == RS_OK) /* a single value makes the key certain again */
        rs_uncertain_remove(sc, (int)(p - rs_params));
    return st;
}

static rs_status parse_value(const rs_param *p, rs_scenario *sc, const char *text, char *err)
{
    double x = 0;
    long long n = 0;
    switch (p->type) {
    case RS_P_INT:
    case RS_P_COUNT:
        if (!rs_parse_integer(text, &n) || (double)n < p->min || (double)n > p->max)
            return reject(p, text, err);
        if (p->type == RS_P_INT)
            *(int *)field(p, sc) = (int)n;
        else
            *(long long *)field(p, sc) = n;
        return RS_OK;
    case RS_P_SEED:
        if (!rs_parse_uint64(text, (uint64_t *)field(p, sc)))
            return reject(p, text, err);
        return RS_OK;
    case RS_P_BOOL:
        if (!rs_parse_bool(text, (bool *)field(p, sc)))
            return reject(p, text, err);
        return RS_OK;
    case RS_P_ENUM:
        for (int i = 0; p->choices[i]; i++) {
            if (strcmp(text, p->choices[i]) == 0) {
                *(int *)field(p, sc) = i;
                return RS_OK;
            }
        }
        return reject(p, text, err);
    case RS_P_TABLE:
        return parse_table(p, sc, text, err);
    case RS_P_WEEK_LIST:
        return parse_week_list(p, sc, text, err);
    case RS_P_NAME:
        if (!valid_name(text))
            return reject(p, text, err);
        snprintf((char *)field(p, sc), RS_NAME_MAX, "%s", text);
        return RS_OK;
    case RS_P_AUTO:
        if (strcmp(text, "auto") == 0) {
            *(double *)field(p, sc) = NAN;
            return RS_OK;
        }
        break;
    default:
        if (rs_param_is_list(p))
            return rs_param_parse_list(p, sc, text, err);
        break;
    }
    if (!rs_param_number(p, text, &x) || x < p->min || x > p->max)
        return reject(p, text, err);
    *(double *)field(p, sc) = x;
    return RS_OK;
}

void rs_param_format(const rs_param *p, const rs_scenario *sc, char *buf, size_t size)
{
    const void *v = cfield(p, sc);
    const rs_uncertain *u = rs_uncertain_find(sc, (int)(p - rs_params));
    if (u && !u->research) { /* research's ranges follow from the figure, which the field holds */
        rs_param_format_distribution(p, u, buf, size);
        return;
    }
    switch (p->type) {
    case RS_P_INT:
        snprintf(buf, size, "%d", *(const int *)v);
        break;
    case RS_P_COUNT:
        snprintf(buf, size, "%lld", *(const long long *)v);
        break;
    case RS_P_SEED:
        snprintf(buf, size, "%llu", (unsigned long long)*(const uint64_t *)v);
        break;
    case RS_P_AUTO:
        if (isnan(*(const double *)v)) {
            snprintf(buf, size, "auto");
            break;
        }
        /* fall through */
    case RS_P_REAL:
    case RS_P_HOURS:
    case RS_P_FRACTION:
        rs_format_real(*(const double *)v, buf, size);
        break;
    case RS_P_MONEY:
        rs_format_money(*(const double *)v, buf, size);
        break;
    case RS_P_BOOL:
        snprintf(buf, size, "%s", *(const bool *)v ? "yes" : "no");
        break;
    case RS_P_ENUM:
        snprintf(buf, size, "%s", p->choices[*(const int *)v]);
        break;
    case RS_P_TABLE: {
        size_t len = 0;
        buf[0] = '\0';
        for (int i = 0; i < sc->ramp.table_len && len < size; i++) {
            char num[64]; /* as large as format_percent's own forms */
            rs_format_percent(sc->ramp.table[i], num, sizeof num);
            len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "", num);
        }
        break;
    }
    case RS_P_WEEK_LIST: {
        size_t len = 0;
        snprintf(buf, size, "none");
        for (int i = 0; i < sc->attrition.review_count && len < size; i++)
            len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? "," : "", sc->attrition.review_weeks[i]);
        break;
    }
    case RS_P_NAME:
        snprintf(buf, size, "%s", (const char *)v);
        break;
    default:
        rs_param_format_list(p, sc, buf, size);
        break;
    }
}
