/* calibrate.c: runs the claim scenarios of SEED-CLAIMS.md (embedded from
 * scenarios/seed-*.ini) and checks each claim within its tolerance; C6 is
 * reported quarter by quarter without a tolerance. */
#include "rampsim/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "fsutil.h"

#define Z95 1.959963984540054

const char *const rs_calibration_files[] = {"calibrate.csv", "calibrate-c6.csv", NULL};

/* What a check measures. */
typedef enum {
    MEDIAN,            /* median of the base scenario */
    RATIO,             /* mean(variant) / mean(base), paired */
    MEDIAN_DIFFERENCE  /* median(base) - median(variant) */
} check_kind;

#define FY1_ATTAINMENT (-1) /* the metric "first-year team attainment" */

typedef struct claim_spec {
    const char *claim, *label, *says;
    const char *base, *variant; /* claim scenario names; variant NULL for MEDIAN */
    int metric;                 /* rs_metric, or FY1_ATTAINMENT */
    check_kind kind;
    double article, tolerance;
    bool relative;              /* tolerance is a share of the article's figure */
    const char *unit;
} claim_spec;

/* SEED-CLAIMS.md, one row per toleranced check. */
static const claim_spec specs[] = {
    {"REF", "REF", "the typical manager's team: 88-90% of quota", "seed-reference", NULL, FY1_ATTAINMENT, MEDIAN, 90, 3,
     false, "%"},
    {"C1", "C1", "coaching 3+ hours a month: 107% of team quota", "seed-c1-coaching", NULL, FY1_ATTAINMENT, MEDIAN, 107, 3,
     false, "%"},
    {"C2", "C2", "2+ customer calls per rep a month: 72% of quota", "seed-c2-ride-alongs", NULL, FY1_ATTAINMENT, MEDIAN,
     72, 3, false, "%"},
    {"C3", "C3 win rate", "bi-weekly one-on-ones: win rate +37%", "seed-c3-no-one-on-ones", "seed-c3-biweekly-one-on-ones",
     RS_M_WIN_RATE, RATIO, 1.37, 0.03, true, "x"},
    {"C3", "C3 cycle", "bi-weekly one-on-ones: sales cycle -14%", "seed-c3-no-one-on-ones", "seed-c3-biweekly-one-on-ones",
     RS_M_WON_CYCLE_WEEKS, RATIO, 0.86, 0.03, true, "x"},
    {"C3", "C3 deal size", "bi-weekly one-on-ones: deal size +12%", "seed-c3-no-one-on-ones", "seed-c3-biweekly-one-on-ones",
     RS_M_WON_DEAL_SIZE, RATIO, 1.12, 0.03, true, "x"},
    {"C4", "C4", "weekly sales meeting: pipeline-to-quota 1.8x", "seed-c4-no-meeting", "seed-c4-weekly-meeting",
     RS_M_PIPELINE_TO_QUOTA, RATIO, 1.8, 0.05, true, "x"},
    {"C5", "C5", "+1 h/week onboarding coaching: ramp a month shorter", "seed-c5-onboarding-0h", "seed-c5-onboarding-1h",
     RS_M_RAMP_WEEKS, MEDIAN_DIFFERENCE, 52.0 / 12.0, 0.5, false, "weeks"},
};

/* ---- running the claim scenarios ---------------------------------------- */

static const char *claim_text(const char *name)
{
    for (const rs_embedded_file *f = rs_claim_scenarios; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f->text;
    return NULL;
}

static rs_status load_claim(const char *name, const rs_calibrate_options *opt, rs_scenario **out, char *err)
{
    *out = NULL;
    const char *text = claim_text(name);
    if (!text)
        return rs_fail(err, RS_ERR_RUNTIME, "internal error: no claim scenario %s", name);
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    char source[128], replications[32];
    snprintf(source, sizeof source, "scenarios/%s.ini", name);
    snprintf(replications, sizeof replications, "%lld", opt->replications);
    rs_status st = rs_scenario_load_text(sc, source, text, err);
    if (st == RS_OK)
        st = rs_scenario_override(sc, opt->replications > 0 ? replications : NULL, opt->seed, NULL, 0, err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

/* One engine run of a base scenario and, optionally, a variant. */
typedef struct claim_run {
    const char *base, *variant;
    rs_scenario *scenarios[2];
    rs_results *results[2];
    rs_comparison *comparison;
} claim_run;

static void claim_run_free(claim_run *run)
{
    for (int j = 0; j < 2; j++) {
        rs_results_free(run->results[j]);
        rs_scenario_free(run->scenarios[j]);
    }
    rs_comparison_free(run->comparison);
}

static rs_status claim_run_load(claim_run *run, const rs_calibrate_options *opt, char *err)
{
    rs_status st = load_claim(run->base, opt, &run->scenarios[0], err);
    if (st == RS_OK && run->variant)
        st = load_claim(run->variant, opt, &run->scenarios[1], err);
    return st;
}

static rs_status claim_run_start(claim_run *run, rs_progress_span *progress, char *err)
{
    int k = run->variant ? 2 : 1;
    rs_engine_options engine = rs_progress_span_options(progress);
    rs_status st = rs_engine_compare((const rs_scenario *const *)run->scenarios, k, &engine, run->results,
                                     k > 1 ? &run->comparison : NULL, err);
    progress->before += run->scenarios[0]->run.replications;
    return st;
}

/* ---- the checks -------------------------------------------------------- */

static size_t slot_of(const rs_layout *l, int metric)
{
    return metric == FY1_ATTAINMENT ? rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT) : (size_t)metric;
}

static void evaluate(const claim_spec *spec, const claim_run *run, rs_claim_check *c)
{
    c->claim = spec->claim;
    c->label = spec->label;
    c->says = spec->says;
    c->unit = spec->unit;
    c->article = spec->article;
    c->tolerance = spec->relative ? spec->tolerance * spec->article : spec->tolerance;
    c->tolerance_text = spec->kind == MEDIAN ? "3 points" : spec->relative ? (spec->tolerance == 0.05 ? "5%" : "3%")
                                                                            : "0.5 weeks";
    size_t slot = slot_of(&run->results[0]->layout, spec->metric);
    switch (spec->kind) {
    case MEDIAN:
        rs_results_median(run->results[0], slot, &c->simulated, &c->low, &c->high);
        break;
    case RATIO: {
        const rs_pair_moments *p = rs_comparison_pair(run->comparison, 1, slot);
        double se = rs_pair_ratio_stderr(p);
        c->simulated = rs_pair_ratio(p);
        c->low = c->simulated - Z95 * se;
        c->high = c->simulated + Z95 * se;
        break;
    }
    case MEDIAN_DIFFERENCE: {
        /* Pooled over new hires, so not paired: the interval combines the
         * two medians' intervals, which is conservative. */
        double m0, lo0, hi0, m1, lo1, hi1;
        rs_results_median(run->results[0], slot, &m0, &lo0, &hi0);
        rs_results_median(run->results[1], slot, &m1, &lo1, &hi1);
        c->simulated = m0 - m1;
        c->low = lo0 - hi1;
        c->high = hi0 - lo1;
        break;
    }
    }
    c->holds = fabs(c->simulated - c->article) <= c->tolerance;
}

static void c6_period(rs_c6_period *p, const char *label, const claim_run *run, size_t slot)
{
    static const double quartiles[3] = {0.25, 0.5, 0.75};
    snprintf(p->label, sizeof p->label, "%s", label);
    for (int q = 0; q < 3; q++) {
        p->take_over[q] = rs_sketches_quantile(run->results[0]->sketches, slot, quartiles[q]);
        p->coach[q] = rs_sketches_quantile(run->results[1]->sketches, slot, quartiles[q]);
    }
    const rs_pair_moments *pair = rs_comparison_pair(run->comparison, 1, slot);
    p->take_over_ahead = pair->n > 0 ? 100.0 * pair->b_below / pair->n : NAN;
    p->coach_ahead = pair->n > 0 ? 100.0 * pair->b_above / pair->n : NAN;
}

static void evaluate_c6(const claim_run *run, rs_calibration *out)
{
    const rs_layout *l = &run->results[0]->layout;
    out->n_periods = 0;
    for (int q = 0; q < l->quarters && out->n_periods < RS_CALIBRATE_MAX_PERIODS; q++) {
        char label[16];
        snprintf(label, sizeof label, "FY%d Q%d", l->quarter_spans[q].fiscal_year, l->quarter_spans[q].quarter);
        c6_period(&out->periods[out->n_periods++], label, run, l->quarter + (size_t)q);
    }
    out->n_quarters = out->n_periods;
    for (int y = 0; y < l->fiscal_years && out->n_periods < RS_CALIBRATE_MAX_PERIODS; y++) {
        char label[16];
        snprintf(label, sizeof label, "FY%d", y + 1);
        c6_period(&out->periods[out->n_periods++], label, run, rs_layout_fy_slot(l, y, RS_FY_TEAM_ATTAINMENT));
    }
}

#define N_SPECS (sizeof specs / sizeof specs[0])

rs_status rs_calibrate(const rs_calibrate_options *opt, rs_calibration *out, char *err)
{
    memset(out, 0, sizeof *out);
    /* Each distinct (base, variant) runs once; C6 last. */
    claim_run runs[N_SPECS + 1];
    int n_runs = 0, run_of[N_SPECS];
    memset(runs, 0, sizeof runs);
    for (size_t i = 0; i < N_SPECS; i++) {
        int found = -1;
        for (int r = 0; r < n_runs && found < 0; r++)
            if (strcmp(runs[r].base, specs[i].base) == 0 &&
                (runs[r].variant == specs[i].variant ||
                 (runs[r].variant && specs[i].variant && strcmp(runs[r].variant, specs[i].variant) == 0)))
                found = r;
        if (found < 0) {
            found = n_runs++;
            runs[found].base = specs[i].base;
            runs[found].variant = specs[i].variant;
        }
        run_of[i] = found;
    }
    claim_run *c6 = &runs[n_runs++];
    c6->base = "seed-c6-take-over";
    c6->variant = "seed-c6-coach";

    rs_status st = RS_OK;
    rs_progress_span progress = {.outer = &opt->engine};
    for (int r = 0; r < n_runs && st == RS_OK; r++) {
        st = claim_run_load(&runs[r], opt, err);
        if (st == RS_OK)
            progress.total += runs[r].scenarios[0]->run.replications;
    }
    if (st == RS_OK) {
        out->replications = runs[0].scenarios[0]->run.replications;
        out->seed = (unsigned long long)runs[0].scenarios[0]->run.seed;
    }
    for (int r = 0; r < n_runs && st == RS_OK; r++)
        st = claim_run_start(&runs[r], &progress, err);
    if (st == RS_OK) {
        for (size_t i = 0; i < N_SPECS; i++)
            evaluate(&specs[i], &runs[run_of[i]], &out->checks[out->n_checks++]);
        evaluate_c6(c6, out);
    }
    for (int r = 0; r < n_runs; r++)
        claim_run_free(&runs[r]);
    return st;
}

int rs_calibration_failures(const rs_calibration *c)
{
    int failures = 0;
    for (int i = 0; i < c->n_checks; i++)
        failures += !c->checks[i].holds;
    return failures;
}

/* ---- report ---------------------------------------------------------- */

/* A figure in its unit: "90.0%", "1.370x", "4.33 weeks". */
static void figure(char *buf, size_t size, double x, const char *unit)
{
    if (strcmp(unit, "%") == 0)
        snprintf(buf, size, "%.1f%%", x);
    else if (strcmp(unit, "x") == 0)
        snprintf(buf, size, "%.3fx", x);
    else
        snprintf(buf, size, "%.2f wk", x);
}

static const char *winner(const rs_c6_period *p)
{
    if (p->take_over[1] > p->coach[1])
        return "take_over";
    return p->coach[1] > p->take_over[1] ? "coach" : "tie";
}

/* Says in words what C6 shows, from the figures. */
static void c6_verdict(FILE *out, const rs_calibration *c)
{
    if (c->n_quarters == 0)
        return;
    int take_over_quarters = 0;
    for (int q = 0; q < c->n_quarters; q++)
        take_over_quarters += strcmp(winner(&c->periods[q]), "take_over") == 0;
    const char *first = winner(&c->periods[0]);
    bool coach_years = c->n_periods > c->n_quarters;
    for (int y = c->n_quarters; y < c->n_periods; y++)
        coach_years = coach_years && strcmp(winner(&c->periods[y]), "coach") == 0;
    fprintf(out, "  Taking over wins %d of %d quarters, the first %s; coaching wins %s.\n", take_over_quarters,
            c->n_quarters, strcmp(first, "take_over") == 0 ? "among them" : "not among them",
            coach_years ? "every fiscal year" : "not every fiscal year");
    bool expected = strcmp(first, "take_over") == 0 && coach_years;
    fprintf(out, "  The article's argument (taking over wins the quarter, coaching wins the year) %s.\n",
            expected ? "emerges from the model" : "does NOT emerge from the model");
}

void rs_calibration_print(FILE *out, const rs_calibration *c)
{
    fprintf(out, "rampsim calibrate: %lld replications per scenario, seed %llu\n\n", c->replications, c->seed);
    fprintf(out, "%-5s %-52s %9s %10s  %-21s %-12s %s\n", "claim", "the article says", "article", "simulated",
            "95% interval", "tolerance", "holds");
    for (int i = 0; i < c->n_checks; i++) {
        const rs_claim_check *k = &c->checks[i];
        char a[32], s[32], lo[32], hi[32], interval[72];
        figure(a, sizeof a, k->article, k->unit);
        figure(s, sizeof s, k->simulated, k->unit);
        figure(lo, sizeof lo, k->low, k->unit);
        figure(hi, sizeof hi, k->high, k->unit);
        snprintf(interval, sizeof interval, "%s to %s", lo, hi);
        fprintf(out, "%-5s %-52s %9s %10s  %-21s +-%-10s %s\n", k->claim, k->says, a, s, interval, k->tolerance_text,
                k->holds ? "yes" : "NO");
    }
    fprintf(out, "\nC6    take over or coach the deal at quarter end? median team attainment\n");
    fprintf(out, "      %-8s %10s %10s   %-30s %s\n", "period", "take_over", "coach",
            "ahead in paired runs (%)", "winner");
    fprintf(out, "      %-8s %10s %10s   %-30s\n", "", "", "", "take_over  coach  tie");
    for (int p = 0; p < c->n_periods; p++) {
        const rs_c6_period *q = &c->periods[p];
        if (p == c->n_quarters)
            fputc('\n', out);
        fprintf(out, "      %-8s %9.1f%% %9.1f%%   %9.0f %6.0f %4.0f       %s\n", q->label, q->take_over[1],
                q->coach[1], q->take_over_ahead, q->coach_ahead, 100.0 - q->take_over_ahead - q->coach_ahead,
                winner(q));
    }
    fputc('\n', out);
    c6_verdict(out, c);
    int failures = rs_calibration_failures(c);
    fprintf(out, "\n%d of %d toleranced checks hold%s\n", c->n_checks - failures, c->n_checks,
            failures ? "" : "; C6 is reported, not tested.");
}

static void put_number(FILE *f, double x)
{
    if (isfinite(x))
        fprintf(f, "%.10g", x);
}

static rs_status write_checks(FILE *f, const void *ctx)
{
    const rs_calibration *c = ctx;
    fprintf(f, "claim,check,says,unit,article,simulated,ci_low,ci_high,tolerance,holds,"
               "simulated_pct_of_article,ci_low_pct,ci_high_pct,tolerance_pct\n");
    for (int i = 0; i < c->n_checks; i++) {
        const rs_claim_check *k = &c->checks[i];
        fprintf(f, "%s,%s,\"%s\",%s,", k->claim, k->label, k->says, k->unit);
        double values[] = {k->article, k->simulated, k->low, k->high, k->tolerance};
        for (int v = 0; v < 5; v++) {
            put_number(f, values[v]);
            fputc(',', f);
        }
        fprintf(f, "%s", k->holds ? "yes" : "no");
        double relative[] = {k->simulated, k->low, k->high, k->tolerance};
        for (int v = 0; v < 4; v++) {
            fputc(',', f);
            put_number(f, 100.0 * relative[v] / k->article);
        }
        fputc('\n', f);
    }
    return RS_OK;
}

static rs_status write_c6(FILE *f, const void *ctx)
{
    const rs_calibration *c = ctx;
    fprintf(f, "period,take_over_p25,take_over_p50,take_over_p75,coach_p25,coach_p50,coach_p75,"
               "take_over_ahead_share,coach_ahead_share,winner\n");
    for (int p = 0; p < c->n_periods; p++) {
        const rs_c6_period *q = &c->periods[p];
        fprintf(f, "%s", q->label);
        for (int k = 0; k < 3; k++) {
            fputc(',', f);
            put_number(f, q->take_over[k]);
        }
        for (int k = 0; k < 3; k++) {
            fputc(',', f);
            put_number(f, q->coach[k]);
        }
        fputc(',', f);
        put_number(f, q->take_over_ahead);
        fputc(',', f);
        put_number(f, q->coach_ahead);
        fprintf(f, ",%s\n", winner(q));
    }
    return RS_OK;
}

rs_status rs_calibration_write(const rs_calibration *c, const char *dir, char *err)
{
    rs_fs_writer writers[] = {write_checks, write_c6};
    for (int i = 0; rs_calibration_files[i]; i++) {
        rs_status st = rs_fs_write_file(dir, rs_calibration_files[i], writers[i], c, err);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}
