/* tornado.c: one-at-a-time sensitivity of a metric to every numeric key. */
#include "rampsim/tornado.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"
#include "params.h"
#include "params_uncertain.h"
#include "valueparse.h"

#define BATCH_KEYS 10 /* keys per engine pass: base + 2 scenarios each */

void rs_tornado_free(rs_tornado *t)
{
    if (!t)
        return;
    free(t->bar);
    free(t);
}

/* Keys a tornado moves: numeric, and not the run's own settings. */
static bool movable(const rs_param *p)
{
    if (strcmp(p->section, "run") == 0 && strcmp(p->key, "ytd_attainment") != 0)
        return false;
    return p->type == RS_P_INT || p->type == RS_P_REAL || p->type == RS_P_HOURS || p->type == RS_P_FRACTION ||
           p->type == RS_P_MONEY;
}

/* The value of key p moved by factor (1 -+ swing), within its limits;
 * whole numbers move by at least one. False when it does not move that
 * way: a low value is always below the base and a high one above, so a
 * key at a limit (or a whole number that rounding or a limit would hold
 * or send back) moves one way only, and one that can move neither way is
 * not moved. */
static bool moved(const rs_param *p, double value, double factor, char *text, size_t size)
{
    bool down = factor < 1;
    /* 10 significant digits, as a person would write the value */
    char rounded[32];
    snprintf(rounded, sizeof rounded, "%.10g", value * factor);
    double x = strtod(rounded, NULL);
    if (p->type == RS_P_INT) {
        x = round(x);
        if (down ? x > value - 1 : x < value + 1)
            x = down ? value - 1 : value + 1;
    }
    if (x < p->min)
        x = p->min;
    if (x > p->max)
        x = p->max;
    if (down ? !(x < value) : !(x > value))
        return false;
    if (p->type == RS_P_INT)
        snprintf(text, size, "%.0f", x);
    else
        rs_format_real(x, text, size);
    return true;
}

/* Key p's value in base, and as text: a key given as a range moves from
 * its distribution's mean (which its field holds), and each side is then a
 * single value. */
static double base_value(const rs_param *p, int index, const rs_scenario *base, char *text, size_t size)
{
    if (!rs_uncertain_find(base, index)) {
        rs_param_format(p, base, text, size);
        return strtod(text, NULL);
    }
    const void *field = (const char *)base + p->offset;
    double value = p->type == RS_P_INT ? (double)*(const int *)field : *(const double *)field;
    snprintf(text, size, "%.10g", value); /* a mean, as a person would write it */
    return strtod(text, NULL);
}

/* A clone of base with key p at text; NULL if that is not a valid scenario
 * (such as new hires above the team's size). */
static rs_scenario *variant(const rs_scenario *base, const rs_param *p, const char *text)
{
    rs_scenario *sc = rs_scenario_clone(base);
    char assignment[160], err[RS_ERRMSG_SIZE];
    snprintf(assignment, sizeof assignment, "%s.%s=%s", p->section, p->key, text);
    if (!sc || rs_scenario_set(sc, assignment, err) != RS_OK || rs_scenario_validate(sc, err) != RS_OK) {
        rs_scenario_free(sc);
        return NULL;
    }
    return sc;
}

/* Largest swing first; keys whose swing is undefined (the metric is at
 * the low or the high value) after every ranked one, by name. */
static int by_swing(const void *a, const void *b)
{
    const rs_tornado_bar *x = a, *y = b;
    if (isnan(x->swing) != isnan(y->swing))
        return isnan(x->swing) ? 1 : -1;
    if (!isnan(x->swing) && x->swing != y->swing)
        return x->swing > y->swing ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Adds a bar to t for every key base has that a relative move of swing
 * moves, with its low and high scenarios in low[] and high[] (at the bar's
 * index; the base's clone on a side that cannot move, where the bar keeps
 * the base's value), and lists the keys it cannot move in t->skipped_keys. */
static void make_variants(rs_tornado *t, const rs_scenario *base, double swing, rs_scenario **low,
                          rs_scenario **high)
{
    for (size_t i = 0; i < rs_param_count; i++) {
        const rs_param *p = &rs_params[i];
        if (!movable(p))
            continue;
        char text[32], lo[32], hi[32];
        double value = base_value(p, (int)i, base, text, sizeof text);
        bool down = moved(p, value, 1 - swing, lo, sizeof lo), up = moved(p, value, 1 + swing, hi, sizeof hi);
        rs_scenario *l = down ? variant(base, p, lo) : NULL, *h = up ? variant(base, p, hi) : NULL;
        if (!l && !h) {
            size_t len = strlen(t->skipped_keys);
            snprintf(t->skipped_keys + len, sizeof t->skipped_keys - len, "%s%s.%s", len ? ", " : "", p->section,
                     p->key);
            t->skipped++;
            continue;
        }
        /* a side that cannot move stays at the base value */
        rs_tornado_bar *b = &t->bar[t->bars];
        snprintf(b->key, sizeof b->key, "%s.%s", p->section, p->key);
        snprintf(b->base_value, sizeof b->base_value, "%s", text);
        snprintf(b->low_value, sizeof b->low_value, "%s", l ? lo : text);
        snprintf(b->high_value, sizeof b->high_value, "%s", h ? hi : text);
        low[t->bars] = l ? l : rs_scenario_clone(base);
        high[t->bars] = h ? h : rs_scenario_clone(base);
        t->bars++;
    }
}

/* Runs the base with the low and high scenarios of BATCH_KEYS keys at a
 * time, every one paired with the base, and fills in the metric (at slot)
 * of the base and of each bar's sides. */
static rs_status run_variants(rs_tornado *t, const rs_scenario *base, rs_scenario *const *low,
                              rs_scenario *const *high, size_t slot, const rs_engine_options *options, char *err)
{
    rs_status st = RS_OK;
    rs_progress_span progress = {.outer = options, .total = (long long)t->bars * 2 * t->replications};
    for (int first = 0; st == RS_OK && first < t->bars; first += BATCH_KEYS) {
        int keys = first + BATCH_KEYS < t->bars ? BATCH_KEYS : t->bars - first;
        const rs_scenario *set[1 + 2 * BATCH_KEYS];
        rs_results *results[1 + 2 * BATCH_KEYS];
        set[0] = base;
        for (int j = 0; j < keys; j++) {
            set[1 + 2 * j] = low[first + j];
            set[2 + 2 * j] = high[first + j];
        }
        rs_engine_options engine = rs_progress_span_options(&progress);
        engine.pair_with = NULL; /* every variant against the base */
        engine.paired_only = true; /* the metric's slot is all it reads, */
        engine.no_percentiles = true; /* its mean and the pairs' */
        rs_comparison *cmp = NULL;
        st = rs_engine_compare(set, 1 + 2 * keys, &engine, results, &cmp, err);
        if (st == RS_OK) {
            const rs_moments *base_moments = &results[0]->moments[slot];
            t->base = base_moments->n > 0 ? base_moments->mean : NAN;
        }
        for (int j = 0; st == RS_OK && j < keys; j++) {
            rs_tornado_bar *b = &t->bar[first + j];
            const rs_pair_moments *pl = rs_comparison_pair(cmp, 1 + 2 * j, slot);
            const rs_pair_moments *ph = rs_comparison_pair(cmp, 2 + 2 * j, slot);
            /* a side is undefined when no replication has the metric at
             * both the base and that side: a pair's means are 0 then */
            b->low = pl->n > 0 ? pl->mean_b : NAN;
            b->high = ph->n > 0 ? ph->mean_b : NAN;
            rs_pair_difference_interval(pl, &b->low_lo, &b->low_hi);
            rs_pair_difference_interval(ph, &b->high_lo, &b->high_hi);
            b->swing = fabs(b->high - b->low); /* NAN when either is */
        }
        for (int j = 0; st == RS_OK && j < 1 + 2 * keys; j++)
            rs_results_free(results[j]);
        rs_comparison_free(cmp);
        progress.before += (long long)keys * 2 * t->replications;
    }
    return st;
}

rs_status rs_tornado_metric(const rs_scenario *base, const char *metric, rs_reported_metric *row, char *err)
{
    rs_status found = rs_reported_metric_find(base, metric, row, err);
    if (found != RS_OK)
        return found;
    if (!row->paired)
        return rs_fail(err, RS_ERR_INPUT, "%s: pooled over new hires, so a tornado cannot pair it", metric);
    return RS_OK;
}

rs_status rs_tornado_run(const rs_scenario *base, double swing, const char *metric,
                         const rs_engine_options *options, rs_tornado **out, char *err)
{
    *out = NULL;
    rs_reported_metric row;
    rs_status found = rs_tornado_metric(base, metric, &row, err);
    if (found != RS_OK)
        return found;

    rs_tornado *t = calloc(1, sizeof *t);
    if (t)
        t->bar = calloc(rs_param_count, sizeof *t->bar);
    /* the variants, two a key */
    rs_scenario **low = calloc(rs_param_count, sizeof *low), **high = calloc(rs_param_count, sizeof *high);
    if (!t || !t->bar || !low || !high) {
        free(low);
        free(high);
        rs_tornado_free(t);
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    }
    snprintf(t->metric, sizeof t->metric, "%s", metric);
    t->unit = row.info->unit;
    t->swing = swing;
    t->replications = base->run.replications;
    t->seed = (unsigned long long)base->run.seed;
    t->base = NAN;
    make_variants(t, base, swing, low, high);
    rs_status st = run_variants(t, base, low, high, row.slot, options, err);
    for (int i = 0; i < t->bars; i++) {
        rs_scenario_free(low[i]);
        rs_scenario_free(high[i]);
    }
    free(low);
    free(high);
    if (st != RS_OK) {
        rs_tornado_free(t);
        return st;
    }
    qsort(t->bar, (size_t)t->bars, sizeof *t->bar, by_swing);
    while (t->ranked < t->bars && !isnan(t->bar[t->ranked].swing))
        t->ranked++;
    *out = t;
    return RS_OK;
}

/* A mean as the table shows it: two decimals, or n/a when undefined. */
static const char *shown(double x, char *buf, size_t size)
{
    if (isnan(x))
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, "%.2f", x);
    return buf;
}

/* Writes "first" and the keys of bars[from, to) after it, as lines of at
 * most 78 columns indented by four (first ends with the first indent). */
static void put_keys(FILE *out, const char *first, const rs_tornado *t, int from, int to)
{
    fputs(first, out);
    size_t column = strlen(strrchr(first, '\n') ? strrchr(first, '\n') + 1 : first);
    for (int i = from; i < to; i++) {
        size_t len = strlen(t->bar[i].key) + (i + 1 < to ? 1 : 0);
        if (column + 1 + len > 78) {
            fprintf(out, "\n   ");
            column = 3;
        }
        column += (size_t)fprintf(out, " %s%s", t->bar[i].key, i + 1 < to ? "," : "");
    }
    fputc('\n', out);
}

void rs_tornado_print(FILE *out, const rs_tornado *t)
{
    char a[32], b[32];
    fprintf(out, "tornado: %s (%s), each key moved %.0f%% down and up, %lld replications, seed %llu\n",
            t->metric, t->unit, t->swing * 100, t->replications, t->seed);
    if (isnan(t->base))
        fprintf(out, "base: n/a: %s is undefined in every replication of the base, so no key can be ranked\n\n",
                t->metric);
    else
        fprintf(out, "base: %.2f; keys ranked by how far they move it (mean at the low and the high value)\n\n",
                t->base);
    if (t->ranked > 0)
        fprintf(out, "  %-40s %-24s %10s %10s %8s\n", "key", "low -> high", "at low", "at high", "swing");
    int zero = 0;
    for (int i = 0; i < t->ranked; i++) {
        const rs_tornado_bar *bar = &t->bar[i];
        /* a move within the noise of the pairs is not a swing */
        bool noise = bar->low_lo <= 0 && bar->low_hi >= 0 && bar->high_lo <= 0 && bar->high_hi >= 0;
        if (bar->swing == 0 || noise) {
            zero++;
            continue;
        }
        char range[72];
        snprintf(range, sizeof range, "%s -> %s", bar->low_value, bar->high_value);
        fprintf(out, "  %-40s %-24s %10s %10s %8.2f\n", bar->key, range, shown(bar->low, a, sizeof a),
                shown(bar->high, b, sizeof b), bar->swing);
    }
    if (zero)
        fprintf(out, "\n  %d more keys move it by nothing measurable (all are in tornado.csv)\n", zero);
    if (t->ranked < t->bars && !isnan(t->base))
        put_keys(out, "\n  not ranked (undefined at the low or the high value, empty in tornado.csv):\n   ", t,
                 t->ranked, t->bars);
    if (t->skipped)
        fprintf(out, "  not moved (a relative move leaves them where they are): %s\n", t->skipped_keys);
}

static rs_status write_tornado(FILE *f, const void *ctx)
{
    const rs_tornado *t = ctx;
    fprintf(f, "key,base_value,low_value,high_value,metric_base,metric_low,metric_high,low_difference_low,"
               "low_difference_high,high_difference_low,high_difference_high,swing\n");
    for (int i = 0; i < t->bars; i++) {
        const rs_tornado_bar *b = &t->bar[i];
        fprintf(f, "%s,%s,%s,%s", b->key, b->base_value, b->low_value, b->high_value);
        double cells[] = {t->base, b->low, b->high, b->low_lo, b->low_hi, b->high_lo, b->high_hi, b->swing};
        rs_csv_row_end(f, cells, sizeof cells / sizeof cells[0]);
    }
    return RS_OK;
}

rs_status rs_tornado_write(const rs_tornado *t, const char *dir, char *err)
{
    return rs_fs_write_file(dir, "tornado.csv", write_tornado, t, err);
}
