/* params_uncertain.c: a key written as a distribution (docs/uncertainty.md,
 * "Writing a range"). Every bound is read as the key reads a plain value
 * ("30%", "$28K", "1.5h") and checked against the key's range, so that a
 * distribution can never draw what the key could not be set to. */
#include "params_uncertain.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"
#include "valueparse.h"

#define CV_MAX 10.0 /* a lognormal's cv: 10 already puts its mean 10 times its median */

bool rs_param_is_distribution(const char *text)
{
    const char *c = text;
    while (isalpha((unsigned char)*c))
        c++;
    while (*c == ' ')
        c++;
    return c > text && *c == '(';
}

bool rs_param_number(const rs_param *p, const char *text, double *x)
{
    switch (p->type) {
    case RS_P_INT:
    case RS_P_AUTO:
    case RS_P_REAL:
        return rs_parse_real(text, x);
    case RS_P_HOURS:
        return rs_parse_hours(text, x);
    case RS_P_FRACTION:
        return rs_parse_fraction(text, x);
    case RS_P_MONEY:
        return rs_parse_money(text, x);
    default:
        return false;
    }
}

/* The keys a distribution may replace: numbers outside [run] and [team],
 * whose values set the results' layout, the team's seats and the draws. */
static bool may_be_uncertain(const rs_param *p)
{
    bool numeric = p->type == RS_P_INT || p->type == RS_P_REAL || p->type == RS_P_HOURS ||
                   p->type == RS_P_FRACTION || p->type == RS_P_MONEY || p->type == RS_P_AUTO;
    return numeric && strcmp(p->section, "run") != 0 && strcmp(p->section, "team") != 0;
}

/* One argument: trimmed, read as the key reads a number. */
static bool argument(const rs_param *p, const char *text, size_t len, double *x)
{
    char item[RS_LINE_MAX + 1];
    while (len > 0 && *text == ' ')
        text++, len--;
    while (len > 0 && text[len - 1] == ' ')
        len--;
    if (len == 0 || len >= sizeof item)
        return false;
    memcpy(item, text, len);
    item[len] = '\0';
    return rs_param_number(p, item, x);
}

/* The arguments between the parentheses; their count, or -1 when one is
 * not a number of the key's kind. */
static int arguments(const rs_param *p, const char *open, const char *close, double *args, int max)
{
    int n = 0;
    const char *c = open + 1;
    while (c <= close) {
        size_t len = strcspn(c, ",)");
        if (c + len > close)
            len = (size_t)(close - c);
        if (n == max || !argument(p, c, len, &args[n]))
            return n == max ? max + 1 : -1;
        n++;
        c += len + 1;
    }
    return n;
}

static rs_status refuse(const rs_param *p, const char *text, char *err, const char *what)
{
    return rs_fail(err, RS_ERR_INPUT, "%s.%s = %s: %s", p->section, p->key, text, what);
}

static bool within(const rs_param *p, double x)
{
    return x >= p->min && x <= p->max;
}

/* The arguments' own rules, once each is a number: RS_OK or a refusal
 * saying which rule. */
static rs_status check_arguments(const rs_param *p, const char *expect, rs_dist_kind kind, const double *a,
                                 const char *text, char *err)
{
    char what[512];
    int n = rs_dist_arity(kind);
    bool bounded = kind == RS_DIST_UNIFORM || kind == RS_DIST_TRIANGULAR || kind == RS_DIST_PERT;
    static const char *const bound_names[] = {"low", "mode", "high"};
    for (int i = 0; i < (bounded ? n : 1); i++)
        if (!within(p, a[i])) {
            char shown[40];
            rs_format_real(a[i], shown, sizeof shown);
            const char *name = !bounded ? (kind == RS_DIST_NORMAL ? "mean" : "median")
                                        : bound_names[n == 2 && i == 1 ? 2 : i];
            snprintf(what, sizeof what, "its %s (%s) must be %s like the key itself", name, shown, expect);
            return refuse(p, text, err, what);
        }
    if (bounded && (a[0] > a[n - 1] || (n == 3 && (a[1] < a[0] || a[1] > a[2]))))
        return refuse(p, text, err, n == 3 ? "needs low <= mode <= high" : "needs low <= high");
    if (kind == RS_DIST_LOGNORMAL && !(a[0] > 0.0))
        return refuse(p, text, err, "a lognormal's median must be above 0");
    if (kind == RS_DIST_LOGNORMAL && !(a[1] >= 0.0 && a[1] <= CV_MAX))
        return refuse(p, text, err, "a lognormal's cv must be a number from 0 to 10");
    if (kind == RS_DIST_NORMAL && !(a[1] >= 0.0 && a[1] <= p->max - p->min))
        return refuse(p, text, err, "a normal's sd must be from 0 to the width of the key's range");
    return RS_OK;
}

/* The distribution's form, for a message: "pert(low, mode, high)". */
static const char *form(rs_dist_kind kind)
{
    switch (kind) {
    case RS_DIST_UNIFORM:
        return "uniform(low, high)";
    case RS_DIST_TRIANGULAR:
        return "triangular(low, mode, high)";
    case RS_DIST_PERT:
        return "pert(low, mode, high)";
    case RS_DIST_LOGNORMAL:
        return "lognormal(median, cv)";
    default:
        return "normal(mean, sd)";
    }
}

/* kind(...) with nothing after the ')': the kind and the parentheses. */
static rs_status split_call(const rs_param *p, const char *text, rs_dist_kind *kind, const char **open,
                            const char **close, char *err)
{
    char name[16];
    size_t len = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), text);
    *kind = len < sizeof name ? rs_dist_find(name) : 0;
    if (!*kind)
        return refuse(p, text, err, "not a distribution: write uniform(low, high), triangular(low, mode, high), "
                                    "pert(low, mode, high), lognormal(median, cv) or normal(mean, sd)");
    *open = strchr(text, '(');
    *close = strrchr(text, ')');
    if (!*close || *close < *open || (*close)[1 + strspn(*close + 1, " ")] != '\0')
        return refuse(p, text, err, "expected a ')' at the end");
    return RS_OK;
}

rs_status rs_param_parse_distribution(const rs_param *p, int index, const char *expect, rs_scenario *sc,
                                      const char *text, char *err)
{
    if (!may_be_uncertain(p))
        return refuse(p, text, err, strcmp(p->section, "run") == 0 || strcmp(p->section, "team") == 0
                                        ? "the run's and the team's keys cannot be uncertain: they set the "
                                          "replications and the seats; give a single value"
                                        : "only a number can be uncertain; give a single value");
    rs_dist_kind kind;
    const char *open = NULL, *close = NULL;
    rs_status st = split_call(p, text, &kind, &open, &close, err);
    if (st != RS_OK)
        return st;
    rs_uncertain u = {.param = index, .kind = (int)kind, .low = p->min, .high = p->max};
    int n = arguments(p, open, close, u.args, 3);
    if (n != rs_dist_arity(kind)) {
        char what[512];
        snprintf(what, sizeof what, "expected %s, each %s%s", form(kind), expect,
                 p->type == RS_P_MONEY ? " written without thousands separators (28000 or $28K)" : "");
        return refuse(p, text, err, what);
    }
    st = check_arguments(p, expect, kind, u.args, text, err);
    if (st != RS_OK)
        return st;
    if (!rs_uncertain_put(sc, &u))
        return refuse(p, text, err, "too many keys are uncertain (at most 64)");
    rs_param_store_number(p, sc, rs_dist_mean(&u));
    return RS_OK;
}

static void format_number(const rs_param *p, double x, char *buf, size_t size)
{
    if (p->type == RS_P_MONEY)
        rs_format_money(x, buf, size);
    else
        rs_format_real(x, buf, size);
}

void rs_param_write_distribution(const rs_param *p, const rs_uncertain *u, rs_number_writer write, char *buf,
                                 size_t size)
{
    char a[3][40];
    int n = rs_dist_arity((rs_dist_kind)u->kind);
    for (int i = 0; i < n; i++) /* a lognormal's cv is a plain number, whatever the key's kind */
        write(p, u->args[i], u->kind == RS_DIST_LOGNORMAL && i == 1, a[i], sizeof a[i]);
    if (n == 3)
        snprintf(buf, size, "%s(%s, %s, %s)", rs_dist_name((rs_dist_kind)u->kind), a[0], a[1], a[2]);
    else
        snprintf(buf, size, "%s(%s, %s)", rs_dist_name((rs_dist_kind)u->kind), a[0], a[1]);
}

/* Every digit, as the key writes a number: what the parser reads back. */
static void exact_number(const rs_param *p, double x, bool plain, char *buf, size_t size)
{
    if (plain)
        rs_format_real(x, buf, size);
    else
        format_number(p, x, buf, size);
}

void rs_param_format_distribution(const rs_param *p, const rs_uncertain *u, char *buf, size_t size)
{
    rs_param_write_distribution(p, u, exact_number, buf, size);
}

const rs_uncertain *rs_uncertain_find(const rs_scenario *sc, int param)
{
    for (int i = 0; i < sc->uncertain.count; i++)
        if (sc->uncertain.keys[i].param == param)
            return &sc->uncertain.keys[i];
    return NULL;
}

void rs_uncertain_remove(rs_scenario *sc, int param)
{
    int n = sc->uncertain.count;
    for (int i = 0; i < n; i++)
        if (sc->uncertain.keys[i].param == param) {
            memmove(&sc->uncertain.keys[i], &sc->uncertain.keys[i + 1],
                    (size_t)(n - i - 1) * sizeof sc->uncertain.keys[0]);
            sc->uncertain.count--;
            return;
        }
}

bool rs_uncertain_put(rs_scenario *sc, const rs_uncertain *u)
{
    rs_uncertain_remove(sc, u->param);
    int n = sc->uncertain.count;
    if (n == RS_UNCERTAIN_MAX)
        return false;
    int at = n;
    while (at > 0 && sc->uncertain.keys[at - 1].param > u->param)
        at--;
    memmove(&sc->uncertain.keys[at + 1], &sc->uncertain.keys[at], (size_t)(n - at) * sizeof sc->uncertain.keys[0]);
    sc->uncertain.keys[at] = *u;
    sc->uncertain.count++;
    return true;
}

void rs_param_store_number(const rs_param *p, rs_scenario *sc, double x)
{
    void *at = (char *)sc + p->offset;
    if (p->type == RS_P_INT)
        *(int *)at = (int)lround(x);
    else
        *(double *)at = x;
}
