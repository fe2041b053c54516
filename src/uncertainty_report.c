/* uncertainty_report.c: what the console says of a scenario's uncertain
 * inputs: the keys and their ranges (rampsim check), and for a run the
 * share of a metric's spread the inputs explain and the precision
 * reached (docs/uncertainty.md). */
#include "rampsim/output.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "params.h"
#include "params_uncertain.h"

/* A key's value as a person reads it: a share as a percentage, an amount
 * with separators, a number to four significant digits. */
static void shown_value(const rs_param *p, double x, char *buf, size_t size)
{
    if (p->type == RS_P_FRACTION)
        snprintf(buf, size, "%.4g%%", 100.0 * x);
    else if (p->type == RS_P_MONEY)
        rs_format_amount(x, buf, size);
    else
        snprintf(buf, size, "%.4g", x);
}

/* "pert(1, 1.31, 1.401)": the distribution to four significant digits
 * (the resolved scenario.ini keeps every digit), marked when research
 * gave it. */
static void shown_number(const rs_param *p, double x, bool plain, char *buf, size_t size)
{
    if (plain)
        snprintf(buf, size, "%.4g", x);
    else
        shown_value(p, x, buf, size);
}

static void shown_distribution(const rs_param *p, const rs_uncertain *u, char *buf, size_t size)
{
    rs_param_write_distribution(p, u, shown_number, buf, size);
    size_t len = strlen(buf);
    if (u->research && len < size)
        snprintf(buf + len, size - len, " research");
}

void rs_output_print_uncertain_inputs(FILE *out, const rs_scenario *sc)
{
    if (sc->uncertain.count == 0)
        return;
    fprintf(out, "# Uncertain inputs: %d key%s, drawn once for every %d replications (run.replications_per_draw)\n",
            sc->uncertain.count, sc->uncertain.count == 1 ? "" : "s", sc->run.replications_per_draw);
    fprintf(out, "# %-34s %-34s %10s %10s %10s\n", "key", "distribution", "mean", "P5", "P95");
    for (int i = 0; i < sc->uncertain.count; i++) {
        const rs_uncertain *u = &sc->uncertain.keys[i];
        const rs_param *p = &rs_params[u->param];
        char key[96], dist[160], mean[32], p5[32], p95[32];
        snprintf(key, sizeof key, "%s.%s", p->section, p->key);
        shown_distribution(p, u, dist, sizeof dist);
        shown_value(p, rs_dist_mean(u), mean, sizeof mean);
        shown_value(p, rs_dist_quantile(u, 0.05), p5, sizeof p5);
        shown_value(p, rs_dist_quantile(u, 0.95), p95, sizeof p95);
        fprintf(out, "# %-34s %-34s %10s %10s %10s\n", key, dist, mean, p5, p95);
    }
}

/* The reported metric whose slot is `slot`, or NULL (rows holds them). */
static const rs_reported_metric *metric_of(const rs_layout *l, size_t slot, rs_reported_metric *rows, size_t max)
{
    size_t n = rs_layout_reported_metrics(l, rows, max);
    for (size_t i = 0; i < n; i++)
        if (rows[i].slot == slot)
            return &rows[i];
    return NULL;
}

bool rs_output_inputs_share(const rs_results *r, size_t slot, rs_nested_summary *s)
{
    if (!r->nested || r->scenario->uncertain.count == 0 || slot >= r->layout.cum_bookings)
        return false;
    *s = rs_nested_summarise(&r->nested[slot]);
    return !isnan(s->share);
}

/* "38% (27% to 50%)": a share of variance with its interval. */
static void share_text(const rs_nested_summary *s, char *buf, size_t size)
{
    snprintf(buf, size, "%.0f%% (%.0f%% to %.0f%%)", 100.0 * s->share, 100.0 * s->share_low, 100.0 * s->share_high);
}

/* The inputs' share of the tracked metric's spread, with a word when the
 * draws are too few to tell it (or to tell it steadily). */
static void print_share(FILE *out, const rs_results *r, const char *name)
{
    const rs_scenario *sc = r->scenario;
    if (!r->nested || sc->uncertain.count == 0 || r->tracked_slot >= r->layout.cum_bookings)
        return;
    rs_nested_summary s = rs_nested_summarise(&r->nested[r->tracked_slot]);
    int keys = sc->uncertain.count, every = sc->run.replications_per_draw;
    if (s.groups < 2) {
        fprintf(out, "\n  Uncertain inputs: %d key%s, but the run holds one draw of them (every %d replications):\n"
                     "  run at least %d replications to tell the inputs' part of the spread from the luck's.\n",
                keys, keys == 1 ? "" : "s", every, 2 * every);
        return;
    }
    if (isnan(s.share))
        return; /* the metric does not vary: nothing to share out */
    char share[64];
    share_text(&s, share, sizeof share);
    fprintf(out, "\n  Uncertain inputs: %d key%s, drawn %.0f times (every %d replications). Of the spread in %s,\n"
                 "  %s comes from not knowing the inputs, the rest from the year's luck.\n",
            keys, keys == 1 ? "" : "s", s.groups, every, name, share);
    if (s.groups < RS_PRECISION_MIN_DRAWS)
        fprintf(out, "  (From only %.0f draws: more replications give a steadier figure.)\n", s.groups);
}

void rs_output_print_uncertainty(FILE *out, const rs_results *r)
{
    size_t max = rs_layout_reported_count(&r->layout);
    rs_reported_metric *rows = malloc(max * sizeof *rows);
    const rs_reported_metric *m = rows ? metric_of(&r->layout, r->tracked_slot, rows, max) : NULL;
    const char *name = m ? m->name : "the metric";
    print_share(out, r, name);
    if (!isnan(r->half_width) && r->precision_met)
        fprintf(out, "\n  Precision: the mean of %s is known to +-%.2g (95%%) after %lld replications.\n", name,
                r->half_width, r->replications);
    else if (r->precision_target > 0 && isinf(r->half_width))
        fprintf(out, "\n  Precision not reached: %s has fewer than two values in the %lld replications run, so\n"
                     "  its mean cannot be made precise; choose another --metric.\n",
                name, r->replications);
    else if (r->precision_target > 0)
        fprintf(out, "\n  Precision not reached: the mean of %s is known to +-%.2g (95%%) after %lld replications,\n"
                     "  the most allowed (--max-replications).\n",
                name, r->half_width, r->replications);
    free(rows);
}
