/* evidence.c: the range of each lever that the research behind the defaults
 * covers (the seed article's survey figures, docs/calibration.md), and the
 * notes that say when a scenario leaves it. The model's curves go on past
 * these ranges on no data; the notes make sure nobody mistakes that for a
 * finding. */
#include "rampsim/evidence.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "valueparse.h"

const rs_evidence rs_evidence_table[] = {
    /* The coaching research compared managers coaching under 2 hours a
     * month with those coaching 3 or more ("3+ hours a month: 107% of
     * quota", claim C1). "3+" is an open group, but coaching time is
     * scarce (4 hours for each of 8 reps is already a quarter of a
     * manager's team time) and a typical manager gives 1: its managers sit
     * just above the threshold. One hour past it is as far as the group
     * plausibly reaches; beyond, the Hill curve keeps climbing (and selling
     * time keeps falling) on no data. */
    {"coaching.hours_per_month", 0, 4, NULL, "hours a month", NULL,
     "the coaching research compared under 2 hours a month with 3+ (docs/calibration.md, claim C1)"},
    /* Onboarding: the seed names one dose, "one extra hour of coaching per
     * week during the first 8 weeks" (claim C5), against none. Less is
     * between the two; more is the model's straight line, which would take
     * five months off a five-month ramp at 5 hours a week. */
    {"onboarding.extra_hours_per_week", 0, 1, NULL, "extra hour a week", NULL,
     "one extra hour a week during the first 8 weeks of onboarding (docs/calibration.md, claim C5)"},
    /* The same claim's 8 weeks: fewer weeks are a smaller dose of the same
     * programme, more were not observed. Without extra hours the onboarding
     * weeks change nothing, so there is nothing to flag. */
    {"onboarding.weeks", 0, 8, "onboarding.extra_hours_per_week", "weeks",
     "the research covers extra hours in the first 8 weeks",
     "one extra hour a week during the first 8 weeks of onboarding (docs/calibration.md, claim C5)"},
    /* "At least bi-weekly" one-on-ones against fewer (claim C3): the
     * comparison spans every cadence rampsim offers, none to weekly. */
    {"one_on_one.cadence", RS_CADENCE_NONE, RS_CADENCE_WEEKLY, NULL, "", "the research covers none to weekly",
     "scheduled one-on-ones at least bi-weekly against fewer (docs/calibration.md, claim C3)"},
    /* Teams with a weekly sales meeting against teams without (claim C4):
     * both settings of the switch. */
    {"team_meeting.weekly", 0, 1, NULL, "", "the research covers teams with and without one",
     "teams holding a weekly sales meeting against the others (docs/calibration.md, claim C4)"},
    /* "2+ customer calls per rep a month" (claim C2) is an open group
     * above 2, like coaching's "3+": a call takes the manager 2 hours, so
     * its managers are near the threshold. One call past it, as for
     * coaching. */
    {"ride_along.calls_per_month", 0, 3, NULL, "calls a month", NULL,
     "managers with 2+ customer calls per rep a month (docs/calibration.md, claim C2)"},
    /* The calibration's coach is the research's typical one (quality 1);
     * Dahling et al. (2016) measured how effects fall for managers low in
     * coaching skill, not how far above the survey's average they rise. */
    {"coaching.quality", 0, 1, NULL, "", "1 is the research's typical coach",
     "the coaching research's managers; Dahling et al. 2016 for lower skill"},
    /* 1 takes every survey figure at face value, which already reads a
     * correlation as an effect; 0 to 1 is for doubting it. Above 1 believes
     * more than the research found. */
    {"effects.scale", 0, 1, NULL, "", "1 is the research taken at face value",
     "1 = the survey figures as published"},
};

#define N_ROWS (sizeof rs_evidence_table / sizeof rs_evidence_table[0])
const size_t rs_evidence_count = N_ROWS;

/* The parameter behind a "section.key", or NULL. */
static const rs_param *lever_param(const char *key)
{
    int i = rs_param_find_dotted(key);
    return i < 0 ? NULL : &rs_params[i];
}

/* A lever's value as a number (NAN for a type no lever has). */
static double lever_value(const rs_param *p, const rs_scenario *sc)
{
    const char *at = (const char *)sc + p->offset;
    switch (p->type) {
    case RS_P_INT:
    case RS_P_ENUM:
        return *(const int *)at;
    case RS_P_BOOL:
        return *(const bool *)at;
    case RS_P_COUNT:
        return (double)*(const long long *)at;
    case RS_P_REAL:
    case RS_P_HOURS:
    case RS_P_FRACTION:
    case RS_P_MONEY:
    case RS_P_AUTO:
        return *(const double *)at;
    default:
        return NAN;
    }
}

bool rs_evidence_beyond(const rs_evidence *row, const rs_scenario *sc)
{
    const rs_param *p = lever_param(row->key);
    if (!p)
        return false;
    if (row->when) {
        const rs_param *w = lever_param(row->when);
        if (!w || !(lever_value(w, sc) > 0))
            return false;
    }
    double v = lever_value(p, sc);
    return v < row->low || v > row->high;
}

/* Appends to a note, cutting it at size - 1 characters. */
__attribute__((format(printf, 4, 5))) static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

/* What the research covers, as the notes say it: the row's own words, or
 * "the research covers 0 to 4 hours a month" from its range. */
static void covers_text(const rs_evidence *row, char *buf, size_t size)
{
    char low[32], high[32];
    if (row->covers) {
        snprintf(buf, size, "%s", row->covers);
        return;
    }
    rs_format_real(row->low, low, sizeof low);
    rs_format_real(row->high, high, sizeof high);
    snprintf(buf, size, "the research covers %s to %s%s%s", low, high, row->unit[0] ? " " : "", row->unit);
}

static bool listed(const char *key, const char *const *keys)
{
    for (; keys && *keys; keys++)
        if (key && strcmp(key, *keys) == 0)
            return true;
    return false;
}

/* Where the model's answer comes from once it is beyond. */
static const char extrapolates[] = "the model extrapolates there (docs/model.md)";

int rs_evidence_note(const rs_scenario *sc, const char *label, const char *const *varied, char *buf, size_t size)
{
    size_t len = 0;
    int count = 0;
    if (size > 0)
        buf[0] = '\0';
    for (size_t r = 0; r < rs_evidence_count; r++) {
        const rs_evidence *row = &rs_evidence_table[r];
        if (listed(row->key, varied) || listed(row->when, varied) || !rs_evidence_beyond(row, sc))
            continue;
        char value[64], covers[160];
        rs_param_format(lever_param(row->key), sc, value, sizeof value);
        covers_text(row, covers, sizeof covers);
        if (count++ == 0)
            append(buf, size, &len, "note: %s: beyond the evidence: ", label);
        else
            append(buf, size, &len, ", ");
        append(buf, size, &len, "%s = %s (%s)", row->key, value, covers);
    }
    if (count > 0)
        append(buf, size, &len, "; %s", extrapolates);
    return count;
}

/* "point 6", "points 4.5 to 10" (a run of neighbours) or "points 1, 6 and 9"
 * (at most four named, then how many more). */
static void points_text(const char *const *values, const bool *beyond, int n, char *buf, size_t size)
{
    int count = 0, first = -1, last = -1;
    for (int i = 0; i < n; i++)
        if (beyond[i]) {
            count++;
            if (first < 0)
                first = i;
            last = i;
        }
    size_t len = 0;
    buf[0] = '\0';
    if (count == 1) {
        append(buf, size, &len, "point %s", values[first]);
    } else if (last - first + 1 == count) {
        append(buf, size, &len, "points %s to %s", values[first], values[last]);
    } else {
        append(buf, size, &len, "points");
        int shown = 0;
        for (int i = 0; i < n && shown < 4; i++) {
            if (!beyond[i])
                continue;
            bool final = shown + 1 == count;
            append(buf, size, &len, "%s%s", shown == 0 ? " " : final ? " and " : ", ", values[i]);
            shown++;
        }
        if (shown < count)
            append(buf, size, &len, " and %d more", count - shown);
    }
}

/* What the values of a sweep axis do to the evidence ranges: the ranges
 * its key decides (its own, and those that apply because of it), which of
 * them the values leave, and how. */
typedef struct axis_scan {
    bool relevant[N_ROWS], responsible[N_ROWS];
    int own;        /* the row of the key's own range, or -1 */
    int count;      /* values beyond */
    bool all_above; /* every value beyond is above the key's own range */
} axis_scan;

/* Starts the scan of key's values; the number of ranges the key decides. */
static int scan_rows(axis_scan *scan, const char *key)
{
    int n_relevant = 0;
    scan->own = -1;
    scan->count = 0;
    scan->all_above = true;
    for (size_t r = 0; r < rs_evidence_count; r++) {
        const rs_evidence *row = &rs_evidence_table[r];
        scan->relevant[r] = strcmp(row->key, key) == 0 || (row->when && strcmp(row->when, key) == 0);
        scan->responsible[r] = false;
        n_relevant += scan->relevant[r];
        if (strcmp(row->key, key) == 0)
            scan->own = (int)r;
    }
    return n_relevant;
}

/* Sets each of the n values of key p on probe in turn and marks those
 * beyond a range the key decides; RS_ERR_INPUT for a value p does not take. */
static rs_status scan_values(axis_scan *scan, const rs_param *p, rs_scenario *probe, const char *const *values,
                             int n, bool *beyond, char *err)
{
    for (int i = 0; i < n; i++) {
        char msg[RS_ERRMSG_SIZE];
        if (rs_param_parse(p, probe, values[i], msg) != RS_OK)
            return rs_fail(err, RS_ERR_INPUT, "%s", msg);
        for (size_t r = 0; r < rs_evidence_count; r++)
            if (scan->relevant[r] && rs_evidence_beyond(&rs_evidence_table[r], probe)) {
                beyond[i] = true;
                scan->responsible[r] = true;
            }
        if (beyond[i]) {
            scan->count++;
            if (scan->own < 0 || !(lever_value(p, probe) > rs_evidence_table[scan->own].high))
                scan->all_above = false;
        }
    }
    return RS_OK;
}

/* The note of an axis with values beyond: which points, and what the
 * research covers; the values of other keys as probe has them. */
static void axis_note(const axis_scan *scan, const char *key, const rs_scenario *probe, const char *const *values,
                      int n, const bool *beyond, bool charted, char *note, size_t note_size)
{
    char points[512];
    points_text(values, beyond, n, points, sizeof points);
    size_t len = 0;
    int others = 0;
    for (size_t r = 0; r < rs_evidence_count; r++)
        others += scan->responsible[r] && (int)r != scan->own;
    append(note, note_size, &len, "note: beyond the evidence: %s ", key);
    if (others == 0 && scan->all_above) {
        /* the common case, a range past the evidence: "above 4 hours a month" */
        const rs_evidence *row = &rs_evidence_table[scan->own];
        char high[32];
        rs_format_real(row->high, high, sizeof high);
        append(note, note_size, &len, "above %s%s%s (%s)", high, row->unit[0] ? " " : "", row->unit, points);
    } else {
        /* values beyond on either side, or because of another key's range */
        append(note, note_size, &len, "at %s (", points);
        const char *sep = "";
        for (size_t r = 0; r < rs_evidence_count; r++) {
            const rs_evidence *row = &rs_evidence_table[r];
            if (!scan->responsible[r])
                continue;
            char covers[160];
            covers_text(row, covers, sizeof covers);
            if ((int)r == scan->own) {
                append(note, note_size, &len, "%s%s", sep, covers);
            } else {
                char value[64];
                rs_param_format(lever_param(row->key), probe, value, sizeof value);
                append(note, note_size, &len, "%swith %s = %s, %s", sep, row->key, value, covers);
            }
            sep = "; ";
        }
        append(note, note_size, &len, ")");
    }
    append(note, note_size, &len, "; %s", charted ? "the chart shades them" : extrapolates);
}

rs_status rs_evidence_axis(const rs_scenario *base, const char *key, const char *const *values, int n, bool charted,
                           bool *beyond, char *note, size_t note_size, char *err)
{
    const rs_param *p = lever_param(key);
    if (!p)
        return rs_fail(err, RS_ERR_INPUT, "unknown key %s", key);
    if (note && note_size > 0)
        note[0] = '\0';
    for (int i = 0; i < n; i++)
        beyond[i] = false;
    axis_scan scan;
    if (scan_rows(&scan, key) == 0)
        return RS_OK;
    rs_scenario *probe = rs_scenario_clone(base);
    if (!probe)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = scan_values(&scan, p, probe, values, n, beyond, err);
    if (st == RS_OK && scan.count > 0 && note && note_size > 0)
        axis_note(&scan, key, probe, values, n, beyond, charted, note, note_size);
    rs_scenario_free(probe);
    return st;
}
