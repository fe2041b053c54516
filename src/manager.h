/* manager.h: the manager's week: the hours each activity is planned to
 * take, their fit to the budget, and what deal help displaces (docs/model.md,
 * "Choices where the reference is silent": the budget and deal help). The
 * model runs it every week; the scenario's checks ask it for the heaviest
 * week a plan can have. Private to the library. */
#ifndef RS_MANAGER_H
#define RS_MANAGER_H

#include "rampsim/outcome.h"
#include "rampsim/scenario_types.h"

/* One-on-ones per rep per week at sc's cadence: 1 weekly, 0.5 biweekly,
 * 12/52 monthly (a month's meeting spread over its 52/12 weeks), 0 none. */
double rs_manager_one_on_ones_per_week(const rs_scenario *sc);

/* The coaching stock, in hours a month, a veteran starts with:
 * coaching.prior_hours_per_month, or when that is auto the plan's steady
 * state (planned coaching plus ride-along equivalents a month). */
double rs_manager_prior_stock(const rs_scenario *sc);
/* The same for a rep whose planned coaching is coaching_hours_a_month. */
double rs_manager_prior_stock_of(const rs_scenario *sc, double coaching_hours_a_month);

/* The hours a week the manager has for the team (the budget):
 * manager.hours_per_week x manager.team_share. */
double rs_manager_budget(const rs_scenario *sc);

/* The manager's planned team hours a week, by activity, before any fit to
 * the budget. Monthly activities are spread evenly over the 52/12 weeks of
 * a month. */
typedef struct rs_planned_hours {
    double coaching, onboarding, one_on_one, team_meeting, ride_along;
} rs_planned_hours;

/* The plan of a week with `active` reps on the team, `onboarding` of them
 * in their onboarding weeks. */
rs_planned_hours rs_manager_plan(const rs_scenario *sc, int active, int onboarding);

/* One week of the manager's hours. */
typedef struct rs_manager_week {
    int active, onboarding; /* reps on the team; of them, in onboarding */
    double coaching_planned, onboarding_planned; /* hours a week, before the fit */
    double hours[RS_ACT_COUNT]; /* hours a week by activity, as reported */
} rs_manager_week;

/* Fills w with the plan of a week of `active` reps, `onboarding` of them in
 * onboarding, fitted to `budget` hours; own_coaching_a_week is the week's
 * planned coaching when seats plan their own (the sum over the reps on the
 * team), NAN for coaching.hours_per_month a rep: one-on-ones, the meeting and
 * ride-alongs are fixed appointments and are never cut; regular coaching is
 * cut first, then onboarding coaching; what the fixed appointments need
 * beyond the budget is overtime. */
void rs_manager_plan_week(rs_manager_week *w, const rs_scenario *sc, int active, int onboarding,
                          double own_coaching_a_week, double budget);

/* Books `help_hours` of deal help into the week w: it uses the budget's
 * slack first, then displaces the week's coaching, then onboarding
 * coaching, then becomes overtime. Fills in the shortfall (planned coaching
 * and onboarding not delivered) and the total. Called once a week, after
 * rs_manager_plan_week, also when no deal was helped. */
void rs_manager_add_deal_help(rs_manager_week *w, double budget, double help_hours);

#endif
