/* manager.c: the manager's planned hours and their fit to the budget, in
 * one place for the model and the scenario's checks (see manager.h). */
#include "manager.h"

#include <math.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "minmax.h"

double rs_manager_one_on_ones_per_week(const rs_scenario *sc)
{
    switch (sc->one_on_one.cadence) {
    case RS_CADENCE_WEEKLY:
        return 1.0;
    case RS_CADENCE_BIWEEKLY:
        return 0.5;
    case RS_CADENCE_MONTHLY:
        return (double)RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR;
    default:
        return 0.0;
    }
}

double rs_manager_prior_stock(const rs_scenario *sc)
{
    return rs_manager_prior_stock_of(sc, sc->coaching.hours_per_month);
}

double rs_manager_prior_stock_of(const rs_scenario *sc, double coaching_hours_a_month)
{
    if (!isnan(sc->coaching.prior_hours_per_month))
        return sc->coaching.prior_hours_per_month;
    return coaching_hours_a_month + sc->ride_along.calls_per_month * sc->ride_along.coaching_equiv_hours;
}

double rs_manager_budget(const rs_scenario *sc)
{
    return sc->manager.hours_per_week * sc->manager.team_share;
}

rs_planned_hours rs_manager_plan(const rs_scenario *sc, int active, int onboarding)
{
    rs_planned_hours h;
    h.coaching = sc->coaching.hours_per_month * RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR * active;
    h.onboarding = sc->onboarding.extra_hours_per_week * onboarding;
    h.one_on_one = rs_manager_one_on_ones_per_week(sc) * sc->one_on_one.hours * active;
    h.team_meeting = sc->team_meeting.weekly && active > 0 ? sc->team_meeting.hours : 0.0;
    h.ride_along =
        sc->ride_along.calls_per_month * RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR * sc->ride_along.hours * active;
    return h;
}

void rs_manager_plan_week(rs_manager_week *w, const rs_scenario *sc, int active, int onboarding,
                          double own_coaching_a_week, double budget)
{
    memset(w, 0, sizeof *w);
    w->active = active;
    w->onboarding = onboarding;
    rs_planned_hours planned = rs_manager_plan(sc, active, onboarding);
    double *h = w->hours;
    w->coaching_planned = isnan(own_coaching_a_week) ? planned.coaching : own_coaching_a_week;
    w->onboarding_planned = planned.onboarding;
    h[RS_ACT_ONE_ON_ONE] = planned.one_on_one;
    h[RS_ACT_TEAM_MEETING] = planned.team_meeting;
    h[RS_ACT_RIDE_ALONG] = planned.ride_along;
    double fixed = h[RS_ACT_ONE_ON_ONE] + h[RS_ACT_TEAM_MEETING] + h[RS_ACT_RIDE_ALONG];
    double flexible = rs_max2(0.0, budget - fixed);
    h[RS_ACT_ONBOARDING] = rs_min2(w->onboarding_planned, flexible);
    h[RS_ACT_COACHING] = rs_min2(w->coaching_planned, flexible - h[RS_ACT_ONBOARDING]);
    h[RS_ACT_OVERTIME] = rs_max2(0.0, fixed - budget);
}

void rs_manager_add_deal_help(rs_manager_week *w, double budget, double help_hours)
{
    double *h = w->hours;
    h[RS_ACT_DEAL_HELP] = help_hours;
    double used = h[RS_ACT_ONE_ON_ONE] + h[RS_ACT_TEAM_MEETING] + h[RS_ACT_RIDE_ALONG] + h[RS_ACT_COACHING] +
                  h[RS_ACT_ONBOARDING];
    double displaced = rs_max2(0.0, help_hours - rs_max2(0.0, budget - used));
    double take = rs_min2(displaced, h[RS_ACT_COACHING]);
    h[RS_ACT_COACHING] -= take;
    displaced -= take;
    take = rs_min2(displaced, h[RS_ACT_ONBOARDING]);
    h[RS_ACT_ONBOARDING] -= take;
    displaced -= take;
    h[RS_ACT_OVERTIME] += displaced;
    h[RS_ACT_SHORTFALL] = (w->coaching_planned - h[RS_ACT_COACHING]) + (w->onboarding_planned - h[RS_ACT_ONBOARDING]);
    h[RS_ACT_TOTAL] = h[RS_ACT_ONE_ON_ONE] + h[RS_ACT_TEAM_MEETING] + h[RS_ACT_RIDE_ALONG] + h[RS_ACT_COACHING] +
                      h[RS_ACT_ONBOARDING] + h[RS_ACT_DEAL_HELP];
}
