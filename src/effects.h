/* effects.h: what the manager's practices do to a rep (docs/model.md,
 * "Practices overlap, and coaching quality").
 *
 * Three practices act through multipliers: coaching (on the win rate, from
 * the rep's coaching stock through a Hill dose-response), one-on-ones (win
 * rate, cycle and deal size) and the weekly meeting (leads). Each is first
 * scaled on a log scale by effects.scale (coaching also by
 * coaching.quality); then, because the survey figures overlap, every log
 * multiplier is scaled by s = T / sum_p t_p, where t_p is the sum of the
 * magnitudes of practice p's log multipliers and T their q-norm with
 * q = 1 / (1 - effects.overlap). One practice alone is unchanged (s = 1).
 *
 * Only the coaching strength varies (with the rep's stock), and it enters
 * through the Hill fraction x = S^n / (S^n + K^n) in [0, 1). When s can vary
 * with x (coaching and another practice both in play, overlap above 0) the
 * multipliers are tabulated on a grid of sqrt(x), finer where x is small
 * and the norm bends most, and interpolated linearly: within 3e-7 of the
 * formula at any overlap (tests/test_effects.c checks 1e-6). Otherwise they
 * are computed directly. Private to the model. */
#ifndef RS_EFFECTS_H
#define RS_EFFECTS_H

#include <math.h>

#include "rampsim/scenario.h"

/* The multipliers of one rep at one moment: every practice's effect on
 * each outcome, combined. */
typedef struct rs_practice_effects {
    double win;   /* on the win rate: coaching's and the one-on-ones' */
    double lead;  /* on the leads: the weekly meeting's */
    double cycle; /* on the sales cycle: the one-on-ones' */
    double size;  /* on the deal size: the one-on-ones' */
} rs_practice_effects;

#define RS_EFFECTS_POINTS 1024 /* intervals of the table over x */

/* How the multipliers are found: all constant (coaching has no effect);
 * s = 1 (coaching is the only practice in play, or overlap is 0), so
 * coaching's multiplier is computed and the others are constant; or s
 * varies with the stock, so the table is used. */
typedef enum { RS_EFFECTS_CONSTANT, RS_EFFECTS_INDEPENDENT, RS_EFFECTS_TABLE } rs_effects_mode;

typedef struct rs_effects {
    rs_effects_mode mode;
    /* coaching's multiplier on the win rate, from the stock S in hours a
     * month: (1 + A S^n / (S^n + K^n))^quality */
    double coaching_win_ceiling;  /* A, effects-scaled: (1 + A)^e - 1 */
    double half_effect_stock_pow; /* K^n, K in hours a month */
    double coaching_steepness;    /* n */
    double coaching_quality;
    /* effects-scaled log multipliers of the practices other than coaching:
     * the one-on-ones' on the win rate, the cycle and the deal size, and
     * the weekly meeting's on the leads */
    double log_one_on_one_win, log_one_on_one_cycle, log_one_on_one_deal_size, log_meeting_leads;
    double overlap;
    rs_practice_effects constant; /* CONSTANT: all; INDEPENDENT: all but coaching's */
    rs_practice_effects table[RS_EFFECTS_POINTS + 1]; /* RS_EFFECTS_TABLE: at x = (i / POINTS)^2 */
} rs_effects;

/* Prepares the effects of sc's practices. */
void rs_effects_init(rs_effects *e, const rs_scenario *sc);

/* The most each multiplier can be under sc's practices, and at least 1:
 * for estimates of what a run holds (the open deals, for its memory). */
rs_practice_effects rs_effects_most(const rs_scenario *sc);

/* The overlap scale s for practices of strengths t[0..n-1] (each >= 0):
 * 1 when overlap is 0, when at most one strength is positive, or when all
 * are 0. */
double rs_effects_overlap_scale(const double *t, int n, double overlap);

/* The Hill fraction x of a coaching stock (hours a month), in [0, 1). */
double rs_effects_hill(const rs_effects *e, double stock_hours_a_month);

/* The multipliers at a coaching stock (hours a month) by the formula,
 * without the table: the reference the table is built from and tested
 * against. */
rs_practice_effects rs_effects_exact(const rs_effects *e, double stock_hours_a_month);

/* The multipliers at a coaching stock (hours a month), as the model
 * applies them. */
static inline rs_practice_effects rs_effects_at(const rs_effects *e, double stock_hours_a_month)
{
    if (e->mode == RS_EFFECTS_CONSTANT)
        return e->constant;
    if (e->mode == RS_EFFECTS_INDEPENDENT)
        return rs_effects_exact(e, stock_hours_a_month);
    /* on a grid of sqrt(x), fine where the overlap scale bends most */
    double at = sqrt(rs_effects_hill(e, stock_hours_a_month)) * RS_EFFECTS_POINTS;
    int i = (int)at;
    if (i >= RS_EFFECTS_POINTS) /* x < 1 always; guards rounding */
        i = RS_EFFECTS_POINTS - 1;
    double f = at - i;
    const rs_practice_effects *a = &e->table[i], *b = &e->table[i + 1];
    rs_practice_effects r = {a->win + f * (b->win - a->win), a->lead + f * (b->lead - a->lead),
                             a->cycle + f * (b->cycle - a->cycle), a->size + f * (b->size - a->size)};
    return r;
}

#endif
