/* model_state.h: the layout of a model workspace, a rep's seat and the
 * replication's running totals, shared by the files of the model (model.c,
 * model_close.c, model_summary.c, model_workspace.c). Private to them. */
#ifndef RS_MODEL_STATE_H
#define RS_MODEL_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rampsim/outcome.h"
#include "rampsim/scenario_types.h"

#include "dealbook.h"
#include "effects.h"
#include "history.h"
#include "model_draws.h"
#include "ramp.h"
#include "rng.h"
#include "samplers.h"
#include "shapes.h"
#include "week_draws.h"

typedef struct rs_model rs_model; /* as model.h has it */

/* How a rep left, for the first-year exits by cause. */
typedef enum { EXIT_ATTRITION, EXIT_REVIEW, EXIT_CAUSES } exit_cause;

/* What a seat keeps across the reps it holds (a hire starts the rep's
 * state afresh, not the seat's). */
typedef struct seat_life {
    int exists_from;   /* a growth seat: no seat before this week */
    int arrives_at;    /* a roster rep hired during the warm-up: that week (0: none) */
    double coaching_hours_a_month; /* this seat's planned coaching */
    double fy_bookings, fy_quota;  /* the seat's, this fiscal year, whoever held it */
    bool first_rep_hired, first_rep_left; /* the seat's first rep started, and left in the run */
} seat_life;

/* 320 bytes, five cache lines, on line boundaries (model_workspace.c).
 * The first four lines hold what every week reads or writes of every rep
 * (the usual rep-week, a veteran's with no event, touches no other); the
 * fifth what only a win, a ramping rep or a rare event touches. A field
 * added here costs every seat-week a line unless another goes:
 * model_workspace.c checks where the lines split. */
typedef struct seat {
    /* ---- lines 1 to 4: every week ---- */
    seat_life life;
    bool active, veteran;
    bool fully_ramped; /* a roster rep as productive as a veteran (model_staffing.c) */
    int hire_week;
    int next_review_week; /* the week of the next early review (INT_MAX: none, as for initial veterans) */
    int open_deals;      /* the seat's open opportunities */
    uint32_t generation; /* counts the seat's reps: a leaver's deals are stale */
    int vacant_until;
    int next_review;     /* index of the rep's next early review */
    int32_t history_rep; /* the rep's index in m->history's reps, -1 when not recorded */
    double open_value;   /* the open opportunities' value */
    /* what this week's opportunities are counted and opened with */
    double week_leads_mean, week_deal_size_mean, week_cycle_mean_weeks;
    double skill;
    double quota_a_week; /* the rep's annual quota / 52 */
    double stock_hours_a_month; /* the coaching stock */
    double selling_hours_a_week; /* last week's (attention is taken from them) */
    double qtd_quota, fy_quota, hire_quota; /* hire_quota: since hire, for the early reviews */
    /* the coaching the rep receives this week, of each kind */
    double coaching_hours_a_week, onboarding_hours_a_week, deal_coaching_hours_a_week;
    /* this week's odds of the deals closing (step 3): the capped win
     * probability before deal help, and the attention it is worked with */
    double close_win_probability, attention;
    /* the practices' multipliers at coaching stock effects_stock_hours_a_month:
     * the stock of a rep whose coaching is steady stays put, so they are kept */
    double effects_stock_hours_a_month;
    rs_practice_effects practice_effects;
    /* the selling factor at the week's meeting hours selling_meeting_hours_a_week,
     * kept as the practice effects are (NaN: nothing kept) */
    double selling_meeting_hours_a_week, selling_factor;
    /* ---- line 5: a win, a ramping rep, a rare event ---- */
    double qtd_bookings, fy_bookings, hire_bookings; /* hire_bookings: since hire */
    double experience_weeks;
    double ramp_factor;  /* a hire's ramp takes about this many times the curve's */
    /* the ramp curve rho at experience rho_experience_weeks (NaN: nothing kept) */
    double rho_experience_weeks, rho;
    bool tracked;     /* hired within the horizon: ramp and first win recorded */
    bool first_year_seen; /* tracked, and its first 52 weeks lie in the horizon */
    bool pooled;      /* its ramp time and first win go into the pooled metrics */
    bool ramped, won_any;
    bool fy_present;  /* present since the current fiscal year's first week */
} seat;

/* A deal closing this week, for choosing which ones the manager helps. */
typedef struct closing {
    int seat;
    bool won;   /* as decided: a history is recorded from it after the week's decisions */
    double value;
    size_t index;
} closing;

struct rs_model {
    const rs_scenario *sc;   /* the scenario as this replication has it: base, or drawn */
    const rs_scenario *base; /* the scenario the workspace was made for */
    rs_scenario *drawn;      /* with uncertain keys: base with this draw's values */
    uint32_t draw;           /* the draw of the inputs `drawn` holds */
    bool has_draw;
    double inputs[RS_UNCERTAIN_MAX]; /* its values, in the order of base's uncertain keys */
    const rs_layout *layout;
    rs_ramp ramp;
    philox4x32_key_t key;
    uint32_t replication;
    rs_shape *deal_value, *cycle, *skill, *ramp_factor; /* mean-1 shapes, shared (shapes.h); cycle NULL without one */
    rs_effects effects; /* what the practices do, by coaching stock */

    /* constants derived from the scenario once */
    double leave_probability_a_week;
    double undisturbed_selling_hours_a_week; /* of a rep */
    double stock_rate_a_week;                /* 1 - exp(-1 / memory) */
    double experience_weeks_per_onboarding_hour;
    double one_on_one_hours_a_week;          /* per rep */
    double meeting_hours_a_week;             /* per rep */
    double ride_along_coaching_hours_a_week; /* coaching-stock hours per rep */
    double quota_a_week;                     /* of a ramped rep */
    double lead_season[RS_QUARTERS], quota_season[RS_QUARTERS]; /* 4 x the quarter's share */
    bool own_coaching; /* some seat plans coaching of its own */
    int seat_count;
    double cycle_shape; /* 0: every cycle is the mean */
    double budget_hours_a_week;

    seat *seats;
    rs_week_draws week; /* this week's random blocks, drawn in batches */
    rs_deal_book book;
    closing *closing; /* scratch: the deals closing this week */
    size_t closing_capacity;

    /* per simulated week */
    double *week_bookings, *week_quota;
    /* per tenure week of tracked hires */
    double *productivity_sum;
    int *observed, *ramped_count;

    rs_model_draws draws; /* over the workspace's life */

    /* What rs_model_run_history records into (model_history.c); NULL in
     * rs_model_run, so that a plain run pays a test of this pointer where
     * a rep is hired or leaves, where an opportunity is opened, and once a
     * week after the deals closing are decided. */
    rs_history *history;
    rs_day history_start;   /* the date of week 0 */
    bool history_incomplete; /* an append failed: out of memory */

    /* running totals of the replication */
    long leads, closed, won, helped_deals, departures, hires, review_exits;
    long first_year_hires, first_year_exits[EXIT_CAUSES];
    double won_cycle_sum, won_value_sum;
    double selling_share_sum, stock_hours_a_month_sum, attention_sum;
    long rep_weeks;
    double skill_sum;                  /* over rep_weeks */
    double lead_luck_sum, win_luck_sum; /* the uniforms behind opportunities (rep_weeks) and wins (closed) */
    double ramp_factor_sum, deal_factor_sum; /* over the run's hires, the run's opportunities */
    long opportunities;
    double pipeline_ratio_sum;
    int pipeline_ratio_n;
    double manager_total[RS_ACT_COUNT];
    int fiscal_year; /* index of the fiscal year being recorded */
    int quarter;     /* the fiscal quarter of the week, 0..3 */
};

/* Sets everything the workspace derives from m->sc: the ramp, the
 * practices' effects, the constants and the mean-1 shapes (kept, shared
 * with `like` where it holds the same, else built). RS_ERR_NOMEM when a
 * shape could not be built. */
rs_status rs_model_derive(rs_model *m, const rs_model *like);

/* Whether a week is reported: the warm-up's weeks are negative. */
static inline bool rs_model_recording(int week)
{
    return week >= 0;
}

/* The practices' multipliers for a rep at their coaching stock now. */
static inline const rs_practice_effects *rs_model_seat_effects(const rs_model *m, seat *s)
{
    if (s->stock_hours_a_month != s->effects_stock_hours_a_month) {
        s->practice_effects = rs_effects_at(&m->effects, s->stock_hours_a_month);
        s->effects_stock_hours_a_month = s->stock_hours_a_month;
    }
    return &s->practice_effects;
}

/* Quarter-to-date attainment through last week below `level`? A rep with
 * no quota yet this quarter is not behind. */
static inline bool rs_model_behind(const seat *s, double level)
{
    return s->qtd_quota > 0.0 && s->qtd_bookings < level * s->qtd_quota;
}

#endif
