/* calibrate.c: the claims and bounds rampsim calibrate checks, the claim
 * scenarios it runs, and the figure with its 95 % interval each measures. */
#include "rampsim/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "rampsim/calendar.h"
#include "rampsim/output.h"

/* The claims and bounds are those of docs/calibration.md, "The claims, the
 * bounds and how each is checked"; the scenarios are scenarios/seed-*.ini,
 * embedded. C6 is measured quarter by quarter without a tolerance.
 * calibrate_report.c judges the figures and reports them. */

/* The engine runs: a base scenario and, where a check pairs two, a
 * variant run with it on common random numbers. */
enum { RUN_REF, RUN_C1, RUN_C2, RUN_C3, RUN_C4, RUN_C5, RUN_P2, RUN_P3, RUN_RIDES, RUN_C6, RUNS };

static const struct {
    const char *base, *variant;
} run_files[RUNS] = {
    [RUN_REF] = {"seed-reference", NULL},
    [RUN_C1] = {"seed-c1-coaching", NULL},
    [RUN_C2] = {"seed-c2-no-ride-alongs", "seed-c2-ride-alongs"},
    [RUN_C3] = {"seed-c3-no-one-on-ones", "seed-c3-biweekly-one-on-ones"},
    [RUN_C4] = {"seed-c4-no-meeting", "seed-c4-weekly-meeting"},
    [RUN_C5] = {"seed-c5-onboarding-0h", "seed-c5-onboarding-1h"},
    [RUN_P2] = {"seed-p2-everything", NULL},
    [RUN_P3] = {"seed-p3-coaching-6h", "seed-p3-coaching-12h"},
    [RUN_RIDES] = {"seed-practice-ride-alongs", NULL},
    [RUN_C6] = {"seed-c6-take-over", "seed-c6-coach"},
};

/* What a check measures. */
typedef enum {
    MEDIAN,            /* median of one scenario of the run */
    MEAN,              /* mean of one scenario of the run */
    RATIO,             /* mean(variant) / mean(base), paired */
    MEAN_DIFFERENCE,   /* mean(base) - mean(variant), of a metric pooled over hires */
    MEDIAN_DIFFERENCE  /* median(variant) - median(base) */
} check_kind;

#define FY1_ATTAINMENT (-1) /* the metric "first-year team attainment" */

typedef struct check_spec {
    const char *claim, *label, *says;
    int run, scenario;          /* which run, and which of its scenarios (0 base, 1 variant) */
    int metric;                 /* rs_metric, or FY1_ATTAINMENT */
    check_kind kind;
    double article;             /* NAN for a bound */
    double low, high;           /* a claim: its tolerance; a bound: the range */
    bool relative;              /* a claim's tolerance is a share of the article's figure */
    const char *unit, *range_text;
} check_spec;

/* The claims, then the plausibility bounds, as docs/calibration.md lists them. */
static const check_spec specs[] = {
    {"REF", "REF", "the typical manager's team: 88-90% of quota", RUN_REF, 0, FY1_ATTAINMENT, MEDIAN, 90, -3, 3,
     false, "%", "+-3 points"},
    {"C1", "C1", "coaching 3+ hours a month: 107% of team quota", RUN_C1, 0, FY1_ATTAINMENT, MEDIAN, 107, -3, 3,
     false, "%", "+-3 points"},
    {"C2", "C2", "2+ customer calls per rep a month: 72% of quota", RUN_C2, 1, FY1_ATTAINMENT, MEDIAN, 72, -3, 3,
     false, "%", "+-3 points"},
    {"C3", "C3 win rate", "bi-weekly one-on-ones: win rate +37%", RUN_C3, 1, RS_M_WIN_RATE, RATIO, 1.37, -0.03,
     0.03, true, "x", "+-3%"},
    {"C3", "C3 cycle", "bi-weekly one-on-ones: sales cycle -14%", RUN_C3, 1, RS_M_WON_CYCLE_WEEKS, RATIO, 0.86,
     -0.03, 0.03, true, "x", "+-3%"},
    {"C3", "C3 deal size", "bi-weekly one-on-ones: deal size +12%", RUN_C3, 1, RS_M_WON_DEAL_SIZE, RATIO, 1.12,
     -0.03, 0.03, true, "x", "+-3%"},
    {"C4", "C4", "weekly sales meeting: pipeline-to-quota 1.8x", RUN_C4, 1, RS_M_PIPELINE_TO_QUOTA, RATIO, 1.8,
     -0.05, 0.05, true, "x", "+-5%"},
    {"C5", "C5", "+1 h/week onboarding coaching: ramp a month shorter", RUN_C5, 0, RS_M_RAMP_WEEKS, MEAN_DIFFERENCE,
     RS_WEEKS_PER_MONTH, -0.5, 0.5, false, "weeks", "+-0.5 weeks"},
    {"P1", "P1 meeting", "weekly meeting fills the pipeline, does not double bookings", RUN_C4, 1, FY1_ATTAINMENT,
     MEDIAN_DIFFERENCE, NAN, 5, 25, false, "points", "5 to 25 points"},
    {"P2", "P2 everything", "everything the article recommends: top, not a miracle", RUN_P2, 0, FY1_ATTAINMENT,
     MEDIAN, NAN, 107, 150, false, "%", "107% to 150%"},
    {"P3", "P3 12h vs 6h", "coaching 12 h a month: below coaching 6 h", RUN_P3, 1, FY1_ATTAINMENT,
     MEDIAN_DIFFERENCE, NAN, -INFINITY, 0, false, "points", "below 0 points"},
    {"P4", "P4 washout", "new hires: 30-50% gone within their first year", RUN_C5, 0, RS_M_FIRST_YEAR_EXITS, MEAN,
     NAN, 30, 50, false, "%", "30% to 50%"},
};

#define N_SPECS (sizeof specs / sizeof specs[0])

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
        st = rs_scenario_override(sc, opt->replications > 0 ? replications : NULL, opt->seed, opt->sets, opt->n_sets,
                                  err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

/* One engine run of a base scenario and, optionally, a variant. */
typedef struct claim_run {
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

static int run_size(int r)
{
    return run_files[r].variant ? 2 : 1;
}

static rs_status claim_run_load(claim_run *run, int r, const rs_calibrate_options *opt, char *err)
{
    rs_status st = load_claim(run_files[r].base, opt, &run->scenarios[0], err);
    if (st == RS_OK && run_files[r].variant)
        st = load_claim(run_files[r].variant, opt, &run->scenarios[1], err);
    return st;
}

static rs_status claim_run_start(claim_run *run, int r, rs_progress_span *progress, char *err)
{
    int k = run_size(r);
    rs_engine_options engine = rs_progress_span_options(progress);
    engine.paired_only = true; /* the checks read metrics, fiscal years and quarters */
    rs_status st = rs_engine_compare((const rs_scenario *const *)run->scenarios, k, &engine, run->results,
                                     k > 1 ? &run->comparison : NULL, err);
    progress->before += run->scenarios[0]->run.replications;
    return st;
}

/* ---- the figure of each check ------------------------------------------- */

static size_t slot_of(const rs_layout *l, int metric)
{
    return metric == FY1_ATTAINMENT ? rs_layout_fy_slot(l, 0, RS_FY_TEAM_ATTAINMENT) : (size_t)metric;
}

/* A figure with its normal 95 % interval. */
static void normal_interval(rs_claim_check *c, double figure, double se)
{
    c->simulated = figure;
    c->low = figure - RS_Z95 * se;
    c->high = figure + RS_Z95 * se;
}

static void evaluate(const check_spec *spec, const claim_run *run, long long n, rs_claim_check *c)
{
    c->claim = spec->claim;
    c->label = spec->label;
    c->says = spec->says;
    c->unit = spec->unit;
    c->range_text = spec->range_text;
    c->bound = isnan(spec->article);
    c->article = spec->article;
    double scale = spec->relative ? spec->article : 1.0;
    c->allowed_low = c->bound ? spec->low : spec->article + scale * spec->low;
    c->allowed_high = c->bound ? spec->high : spec->article + scale * spec->high;
    size_t slot = slot_of(&run->results[0]->layout, spec->metric);
    const rs_results *one = run->results[spec->scenario];
    double m0, lo0, hi0, m1, lo1, hi1;
    switch (spec->kind) {
    case MEDIAN:
        rs_results_median(one, slot, &c->simulated, &c->low, &c->high);
        break;
    case MEAN: {
        const rs_moments *m = &one->moments[slot];
        normal_interval(c, m->n > 0 ? m->mean : NAN, rs_moments_stderr(m));
        break;
    }
    case RATIO: {
        const rs_pair_moments *p = rs_comparison_pair(run->comparison, 1, slot);
        normal_interval(c, rs_pair_ratio(p), rs_pair_ratio_stderr(p));
        break;
    }
    case MEAN_DIFFERENCE: {
        /* Pooled over new hires, so not paired: the two means' errors
         * add, which is conservative. */
        const rs_moments *a = &run->results[0]->moments[slot], *b = &run->results[1]->moments[slot];
        normal_interval(c, a->mean - b->mean, hypot(rs_moments_stderr(a), rs_moments_stderr(b)));
        break;
    }
    case MEDIAN_DIFFERENCE:
        /* the two medians' intervals combined: conservative for paired runs */
        rs_results_median(run->results[0], slot, &m0, &lo0, &hi0);
        rs_results_median(run->results[1], slot, &m1, &lo1, &hi1);
        c->simulated = m1 - m0;
        c->low = lo1 - hi0;
        c->high = hi1 - lo0;
        break;
    }
    c->verdict = rs_check_judge(c->simulated, c->low, c->high, c->allowed_low, c->allowed_high, n,
                                &c->replications_needed);
}

/* C2: what the calls add over the same manager without them, paired. */
static void evaluate_c2_calls(const claim_run *run, rs_c2_calls *out)
{
    const rs_pair_moments *p =
        rs_comparison_pair(run->comparison, 1, rs_layout_fy_slot(&run->results[0]->layout, 0, RS_FY_TEAM_ATTAINMENT));
    out->difference = rs_pair_difference_interval(p, &out->low, &out->high);
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

/* The practices chart: each practice alone beside the reference team, and
 * all of them; "added up" is where all of them would land if every
 * practice's gain alone simply added. */
static void evaluate_practices(const claim_run *runs, rs_calibration *out)
{
    static const struct {
        const char *label;
        int run, scenario;
        const char *bound; /* the plausibility bound drawn on the bar, or NULL */
    } bars[RS_CALIBRATE_PRACTICES] = {
        {"Reference", RUN_REF, 0, NULL},        {"Coaching 3 h", RUN_C1, 0, NULL},
        {"1:1s bi-weekly", RUN_C3, 1, NULL},    {"Weekly meeting", RUN_C4, 1, "P1"},
        {"2 ride-alongs", RUN_RIDES, 0, NULL}, {"All of them", RUN_P2, 0, "P2"},
    };
    for (int b = 0; b < RS_CALIBRATE_PRACTICES; b++) {
        const rs_results *r = runs[bars[b].run].results[bars[b].scenario];
        size_t slot = rs_layout_fy_slot(&r->layout, 0, RS_FY_TEAM_ATTAINMENT);
        rs_practice_bar *bar = &out->practices[b];
        bar->label = bars[b].label;
        bar->bound = bars[b].bound;
        double *band[RS_BAND_COUNT] = {&bar->p10, &bar->median, &bar->p90};
        for (int k = 0; k < RS_BAND_COUNT; k++)
            *band[k] = rs_sketches_quantile(r->sketches, slot, rs_band_percentiles[k]);
    }
    double reference = out->practices[0].median;
    out->practices_added_up = reference;
    for (int b = 1; b < RS_CALIBRATE_PRACTICES - 1; b++)
        out->practices_added_up += out->practices[b].median - reference;
}

rs_status rs_calibrate(const rs_calibrate_options *opt, rs_calibration *out, char *err)
{
    memset(out, 0, sizeof *out);
    claim_run runs[RUNS];
    memset(runs, 0, sizeof runs);
    rs_status st = RS_OK;
    rs_progress_span progress = {.outer = &opt->engine};
    for (int r = 0; r < RUNS && st == RS_OK; r++) {
        st = claim_run_load(&runs[r], r, opt, err);
        if (st == RS_OK)
            progress.total += runs[r].scenarios[0]->run.replications;
    }
    if (st == RS_OK) {
        out->replications = runs[0].scenarios[0]->run.replications;
        out->seed = (unsigned long long)runs[0].scenarios[0]->run.seed;
    }
    for (int r = 0; r < RUNS && st == RS_OK; r++)
        st = claim_run_start(&runs[r], r, &progress, err);
    if (st == RS_OK) {
        for (size_t i = 0; i < N_SPECS; i++)
            evaluate(&specs[i], &runs[specs[i].run], out->replications, &out->checks[out->n_checks++]);
        evaluate_c2_calls(&runs[RUN_C2], &out->c2_calls);
        evaluate_c6(&runs[RUN_C6], out);
        evaluate_practices(runs, out);
    }
    for (int r = 0; r < RUNS; r++)
        claim_run_free(&runs[r]);
    return st;
}
