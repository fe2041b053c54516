/* calibrate_report.c: judges each check of rampsim calibrate, and reports
 * the calibration as a table and as the files of docs/calibration.md, "Files". */
#include "rampsim/calibrate.h"

#include <math.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"
#include "rampsim/output.h"

/* ---- judging ------------------------------------------------------------ */

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
        rs_csv_row_end(f, cells, sizeof cells / sizeof cells[0]);
    }
    return RS_OK;
}

rs_status rs_calibration_write(const rs_calibration *c, const char *dir, char *err)
{
    static const rs_fs_file files[] = {
        {"calibrate.csv", write_checks}, {"calibrate-c6.csv", write_c6}, {"calibrate-practices.csv", write_practices}};
    return rs_fs_write_files(dir, files, sizeof files / sizeof files[0], c, err);
}
