/* calibrate.c: runs the claim scenarios of SEED-CLAIMS.md (embedded from
 * scenarios/seed-*.ini), checks each claim within its tolerance and each
 * plausibility bound within its range, judging every figure with its 95 %
 * interval; C6 is reported quarter by quarter without a tolerance. */
#include "rampsim/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "fsutil.h"
#include "rampsim/output.h"

static const char *const calibration_files[] = {"calibrate.csv", "calibrate-c6.csv", "calibrate-practices.csv", NULL};

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

/* SEED-CLAIMS.md: the claims, then the plausibility bounds. */
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
     52.0 / 12.0, -0.5, 0.5, false, "weeks", "+-0.5 weeks"},
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
    rs_status st = rs_engine_compare((const rs_scenario *const *)run->scenarios, k, &engine, run->results,
                                     k > 1 ? &run->comparison : NULL, err);
    progress->before += run->scenarios[0]->run.replications;
    return st;
}

/* ---- the checks -------------------------------------------------------- */

rs_check_verdict rs_check_judge(double figure, double low, double high, double allowed_low, double allowed_high,
                                long long n, long long *replications_needed)
{
    *replications_needed = 0;
    if (!(figure >= allowed_low && figure <= allowed_high))
        return RS_CHECK_FAILS;
    if (low >= allowed_low && high <= allowed_high)
        return RS_CHECK_HOLDS;
    /* the interval narrows as 1 / sqrt(n): it clears an edge it crosses
     * once its half-width on that side is below the figure's margin */
    double factor = 1.0;
    if (low < allowed_low)
        factor = fmax(factor, pow((figure - low) / (figure - allowed_low), 2));
    if (high > allowed_high)
        factor = fmax(factor, pow((high - figure) / (allowed_high - figure), 2));
    double needed = ceil((double)n * factor * 1.1 / 1000.0) * 1000.0; /* a tenth more, in thousands */
    *replications_needed = isfinite(needed) && needed < (double)RS_MAX_REPLICATIONS ? (long long)needed
                                                                                     : RS_MAX_REPLICATIONS;
    return RS_CHECK_UNRESOLVED;
}

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
        bar->p10 = rs_sketches_quantile(r->sketches, slot, 0.10);
        bar->median = rs_sketches_quantile(r->sketches, slot, 0.50);
        bar->p90 = rs_sketches_quantile(r->sketches, slot, 0.90);
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

static int count_verdicts(const rs_calibration *c, rs_check_verdict v)
{
    int n = 0;
    for (int i = 0; i < c->n_checks; i++)
        n += c->checks[i].verdict == v;
    return n;
}

int rs_calibration_failures(const rs_calibration *c)
{
    return count_verdicts(c, RS_CHECK_FAILS);
}

int rs_calibration_unresolved(const rs_calibration *c)
{
    return count_verdicts(c, RS_CHECK_UNRESOLVED);
}

/* ---- report ---------------------------------------------------------- */

/* A figure in its unit: "90.0%", "1.370x", "4.33 wk", "+11.6 pts". */
static void figure(char *buf, size_t size, double x, const char *unit)
{
    if (strcmp(unit, "%") == 0)
        snprintf(buf, size, "%.1f%%", x);
    else if (strcmp(unit, "x") == 0)
        snprintf(buf, size, "%.3fx", x);
    else if (strcmp(unit, "points") == 0)
        snprintf(buf, size, "%+.1f pts", x);
    else
        snprintf(buf, size, "%.2f wk", x);
}

static const char *verdict_word(rs_check_verdict v)
{
    return v == RS_CHECK_HOLDS ? "holds" : v == RS_CHECK_UNRESOLVED ? "unresolved" : "FAILS";
}

static void print_check(FILE *out, const rs_claim_check *k)
{
    char a[32] = "", s[32], lo[32], hi[32], interval[72], verdict[64];
    if (!k->bound)
        figure(a, sizeof a, k->article, k->unit);
    figure(s, sizeof s, k->simulated, k->unit);
    figure(lo, sizeof lo, k->low, k->unit);
    figure(hi, sizeof hi, k->high, k->unit);
    snprintf(interval, sizeof interval, "%s to %s", lo, hi);
    snprintf(verdict, sizeof verdict, "%s", verdict_word(k->verdict));
    if (k->verdict == RS_CHECK_UNRESOLVED)
        snprintf(verdict, sizeof verdict, "unresolved (-n %lld)", k->replications_needed);
    fprintf(out, "%-5s %-60s %9s %10s  %-23s %-15s %s\n", k->claim, k->says, a, s, interval, k->range_text, verdict);
}

/* In words, whether C2's calls make a difference. */
static void c2_calls_words(FILE *out, const rs_c2_calls *c)
{
    char words[96];
    if (c->low <= 0.0 && c->high >= 0.0)
        snprintf(words, sizeof words, "no difference these replications can tell from none");
    else if (fabs(c->difference) < 3.0)
        snprintf(words, sizeof words, "a small difference (under 3 points)");
    else
        snprintf(words, sizeof words, "a difference of %.0f points", fabs(c->difference));
    char figure[96];
    rs_format_difference(figure, sizeof figure, c->difference, c->low, c->high, 1);
    fprintf(out, "      the calls themselves, mean difference (95%% interval) against the same manager without them:\n"
                 "      %s points, %s",
            figure, words);
    if (fabs(c->difference) < 3.0) /* then the 72% is about what this manager does not do */
        fprintf(out, "; the gap to the reference\n"
                     "      team is the coaching and one-on-ones this manager skips, not the calls");
    fputc('\n', out);
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
    fprintf(out, "%-5s %-60s %9s %10s  %-23s %-15s %s\n", "claim", "the article says", "article", "simulated",
            "95% interval", "tolerance", "verdict");
    for (int i = 0; i < c->n_checks; i++) {
        const rs_claim_check *k = &c->checks[i];
        if (k->bound && (i == 0 || !c->checks[i - 1].bound))
            fprintf(out, "\n%-5s %-60s %9s %10s  %-23s %-15s %s\n", "bound", "what a sales leader would believe", "",
                    "simulated", "95% interval", "range", "verdict");
        print_check(out, k);
        if (strcmp(k->claim, "C2") == 0)
            c2_calls_words(out, &c->c2_calls);
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
    const rs_practice_bar *all = &c->practices[RS_CALIBRATE_PRACTICES - 1];
    fprintf(out, "\n  Every practice together: %.1f%%; their gains alone would add up to %.1f%%.\n", all->median,
            c->practices_added_up);
    int failures = rs_calibration_failures(c), unresolved = rs_calibration_unresolved(c);
    fprintf(out, "\n%d of %d checks hold", c->n_checks - failures - unresolved, c->n_checks);
    if (unresolved) {
        long long needed = 0;
        for (int i = 0; i < c->n_checks; i++)
            if (c->checks[i].replications_needed > needed)
                needed = c->checks[i].replications_needed;
        fprintf(out, ", %d unresolved (their intervals cross the edge: rerun with -n %lld)", unresolved, needed);
    }
    if (failures)
        fprintf(out, ", %d fail%s", failures, failures == 1 ? "s" : "");
    fprintf(out, "; C6 is reported, not tested.\n");
}

static rs_status write_checks(FILE *f, const void *ctx)
{
    const rs_calibration *c = ctx;
    fprintf(f, "claim,check,kind,says,unit,article,simulated,ci_low,ci_high,allowed_low,allowed_high,verdict,"
               "replications_needed,simulated_pct_of_article,ci_low_pct,ci_high_pct,tolerance_pct\n");
    for (int i = 0; i < c->n_checks; i++) {
        const rs_claim_check *k = &c->checks[i];
        fprintf(f, "%s,%s,%s,\"%s\",%s", k->claim, k->label, k->bound ? "bound" : "claim", k->says, k->unit);
        double values[] = {k->article, k->simulated, k->low, k->high, k->allowed_low, k->allowed_high};
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
            rs_csv_cell(f, values[v]);
        fprintf(f, ",%s,%lld", k->verdict == RS_CHECK_FAILS ? "fails" : verdict_word(k->verdict),
                k->replications_needed);
        /* the chart's claims panel: figures as percentages of the article's */
        double relative[] = {k->simulated, k->low, k->high, k->allowed_high - k->article};
        for (int v = 0; v < 4; v++)
            rs_csv_cell(f, 100.0 * relative[v] / k->article);
        fputc('\n', f);
    }
    const rs_c2_calls *calls = &c->c2_calls;
    fprintf(f, "C2,C2 calls,report,\"what the calls add over the same manager without them\",points,");
    double values[] = {calls->difference, calls->low, calls->high, NAN, NAN};
    for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
        rs_csv_cell(f, values[v]);
    fprintf(f, ",report,0,,,,\n");
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
        for (int k = 0; k < 3; k++)
            rs_csv_cell(f, q->take_over[k]);
        for (int k = 0; k < 3; k++)
            rs_csv_cell(f, q->coach[k]);
        rs_csv_cell(f, q->take_over_ahead);
        rs_csv_cell(f, q->coach_ahead);
        fprintf(f, ",%s\n", winner(q));
    }
    return RS_OK;
}

/* The practices chart's data, with the bounds P1 and P2 on their bars and
 * where all of them would land if the gains added up. */
static rs_status write_practices(FILE *f, const void *ctx)
{
    const rs_calibration *c = ctx;
    double reference = c->practices[0].median;
    fprintf(f, "scenario,p10,median,p90,bound_low,bound_high,added_up\n");
    for (int b = 0; b < RS_CALIBRATE_PRACTICES; b++) {
        const rs_practice_bar *bar = &c->practices[b];
        double low = NAN, high = NAN;
        for (int i = 0; bar->bound && i < c->n_checks; i++) {
            const rs_claim_check *k = &c->checks[i];
            if (strcmp(k->claim, bar->bound) != 0)
                continue;
            /* a bound in points is above the reference team */
            double offset = strcmp(k->unit, "points") == 0 ? reference : 0.0;
            low = offset + k->allowed_low;
            high = offset + k->allowed_high;
        }
        bool all = b == RS_CALIBRATE_PRACTICES - 1;
        fprintf(f, "%s", bar->label);
        double cells[] = {bar->p10, bar->median, bar->p90, low, high, all ? c->practices_added_up : NAN};
        for (size_t v = 0; v < sizeof cells / sizeof cells[0]; v++)
            rs_csv_cell(f, cells[v]);
        fputc('\n', f);
    }
    return RS_OK;
}

rs_status rs_calibration_write(const rs_calibration *c, const char *dir, char *err)
{
    rs_fs_writer writers[] = {write_checks, write_c6, write_practices};
    for (int i = 0; calibration_files[i]; i++) {
        rs_status st = rs_fs_write_file(dir, calibration_files[i], writers[i], c, err);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}
