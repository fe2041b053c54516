/* effects.c: the practices' multipliers and how they combine (docs/model.md,
 * "Practices overlap, and coaching quality"). */
#include "effects.h"

#include <math.h>
#include <stdbool.h>

#include "uncertain.h"

/* x^n, by multiplication for the whole exponents scenarios use. */
static double power(double x, double n)
{
    if (n == 4.0) {
        double x2 = x * x;
        return x2 * x2;
    }
    if (n == 2.0)
        return x * x;
    if (n == 1.0)
        return x;
    return pow(x, n);
}

double rs_effects_hill(const rs_effects *e, double stock_hours_a_month)
{
    if (stock_hours_a_month <= 0.0)
        return 0.0;
    double sn = power(stock_hours_a_month, e->coaching_steepness);
    return sn / (sn + e->half_effect_stock_pow);
}

double rs_effects_overlap_scale(const double *t, int n, double overlap)
{
    double sum = 0.0, largest = 0.0;
    int positive = 0;
    for (int i = 0; i < n; i++) {
        sum += t[i];
        largest = t[i] > largest ? t[i] : largest;
        positive += t[i] > 0.0;
    }
    if (overlap == 0.0 || positive <= 1)
        return 1.0;
    /* T = (sum t^q)^(1/q), computed on t / largest so that no power
     * underflows or overflows */
    double q = 1.0 / (1.0 - overlap), norm = 0.0;
    for (int i = 0; i < n; i++)
        norm += pow(t[i] / largest, q);
    return largest * pow(norm, 1.0 / q) / sum;
}

/* The log of coaching's multiplier on the win rate, (1 + A x)^quality. */
static double log_coaching_win(const rs_effects *e, double x)
{
    return e->coaching_quality * log1p(e->coaching_win_ceiling * x);
}

/* Every practice's log multipliers scaled by the overlap scale, at Hill
 * fraction x. */
static rs_practice_effects combine(const rs_effects *e, double x)
{
    double log_coaching = log_coaching_win(e, x);
    /* each practice's strength: coaching, the one-on-ones, the meeting */
    double t[3] = {fabs(log_coaching),
                   fabs(e->log_one_on_one_win) + fabs(e->log_one_on_one_cycle) + fabs(e->log_one_on_one_deal_size),
                   fabs(e->log_meeting_leads)};
    double s = rs_effects_overlap_scale(t, 3, e->overlap);
    rs_practice_effects r = {exp(s * (log_coaching + e->log_one_on_one_win)), exp(s * e->log_meeting_leads),
                             exp(s * e->log_one_on_one_cycle), exp(s * e->log_one_on_one_deal_size)};
    return r;
}

rs_practice_effects rs_effects_exact(const rs_effects *e, double stock_hours_a_month)
{
    double x = rs_effects_hill(e, stock_hours_a_month);
    if (e->mode != RS_EFFECTS_INDEPENDENT)
        return combine(e, x);
    /* s = 1: coaching's multiplier times the others' */
    rs_practice_effects r = e->constant;
    double coaching_win = 1.0 + e->coaching_win_ceiling * x;
    r.win *= e->coaching_quality == 1.0 ? coaching_win : pow(coaching_win, e->coaching_quality);
    return r;
}

/* The effects-scaled constants of sc's practices. */
static void effects_constants(rs_effects *e, const rs_scenario *sc)
{
    double scale = rs_uncertain_effects_scale(sc);
    /* share of the full one-on-one effect on a log scale: monthly gets half */
    double one_on_one_share = 0.0;
    if (sc->one_on_one.cadence == RS_CADENCE_BIWEEKLY || sc->one_on_one.cadence == RS_CADENCE_WEEKLY)
        one_on_one_share = 1.0;
    else if (sc->one_on_one.cadence == RS_CADENCE_MONTHLY)
        one_on_one_share = 0.5;
    e->coaching_win_ceiling = pow(1.0 + sc->coaching.max_uplift, scale) - 1.0;
    e->half_effect_stock_pow = power(sc->coaching.half_effect_hours, sc->coaching.steepness);
    e->coaching_steepness = sc->coaching.steepness;
    e->coaching_quality = sc->coaching.quality;
    e->log_one_on_one_win = scale * one_on_one_share * log(sc->one_on_one.win_multiplier);
    e->log_one_on_one_cycle = scale * one_on_one_share * log(sc->one_on_one.cycle_multiplier);
    e->log_one_on_one_deal_size = scale * one_on_one_share * log(sc->one_on_one.deal_size_multiplier);
    e->log_meeting_leads = sc->team_meeting.weekly ? scale * log(sc->team_meeting.lead_multiplier) : 0.0;
    e->overlap = sc->effects.overlap;
}

rs_practice_effects rs_effects_most(const rs_scenario *sc)
{
    rs_effects e;
    effects_constants(&e, sc);
    /* overlap only shrinks a log multiplier; coaching acts on the win rate */
    rs_practice_effects r = {exp(fmax(0.0, e.log_one_on_one_win)) * (1.0 + e.coaching_win_ceiling),
                             exp(fmax(0.0, e.log_meeting_leads)), exp(fmax(0.0, e.log_one_on_one_cycle)),
                             exp(fmax(0.0, e.log_one_on_one_deal_size))};
    return r;
}

void rs_effects_init(rs_effects *e, const rs_scenario *sc)
{
    effects_constants(e, sc);
    bool coaching = e->coaching_win_ceiling > 0.0 && e->coaching_quality > 0.0;
    bool others = e->log_one_on_one_win != 0.0 || e->log_one_on_one_cycle != 0.0 ||
                  e->log_one_on_one_deal_size != 0.0 || e->log_meeting_leads != 0.0;
    if (!coaching) {
        e->mode = RS_EFFECTS_CONSTANT; /* formula with no coaching strength */
        e->constant = rs_effects_exact(e, 0.0);
    } else if (!others || e->overlap == 0.0) {
        e->mode = RS_EFFECTS_INDEPENDENT;
        rs_practice_effects r = {exp(e->log_one_on_one_win), exp(e->log_meeting_leads), exp(e->log_one_on_one_cycle),
                                 exp(e->log_one_on_one_deal_size)};
        e->constant = r;
    } else {
        e->mode = RS_EFFECTS_TABLE;
        for (int i = 0; i <= RS_EFFECTS_POINTS; i++)
            e->table[i] = combine(e, ((double)i / RS_EFFECTS_POINTS) * ((double)i / RS_EFFECTS_POINTS));
    }
}
