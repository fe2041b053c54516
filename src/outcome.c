/* outcome.c: names of the reported metrics and the layout of one
 * replication's results (docs/outputs.md documents the same names). */
#include "rampsim/outcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "valueparse.h"

const rs_metric_info rs_metric_infos[RS_M_COUNT] = {
    [RS_M_RAMP_WEEKS] = {"ramp_weeks", "weeks", "calendar weeks from hire until productivity first reaches ramp.ramped_at (new hires who got there)", -1},
    [RS_M_FIRST_WIN_WEEKS] = {"first_win_weeks", "weeks", "weeks from hire to a new hire's first won deal (new hires who won one)", -1},
    [RS_M_WIN_RATE] = {"win_rate", "%", "won / (won + lost) of the deals that closed", 1},
    [RS_M_WON_CYCLE_WEEKS] = {"won_cycle_weeks", "weeks", "mean close week minus creation week of won deals", -1},
    [RS_M_WON_DEAL_SIZE] = {"won_deal_size", "currency", "mean value of won deals", 1},
    [RS_M_PIPELINE_TO_QUOTA] = {"pipeline_to_quota", "ratio", "open pipeline value / the quarter's team quota, at quarter starts", 1},
    [RS_M_SELLING_TIME_SHARE] = {"selling_time_share", "%", "share of reps' hours spent selling", 1},
    [RS_M_LEAD_TO_CLOSE] = {"lead_to_close", "%", "won deals / leads", 1},
    [RS_M_ATTENTION] = {"attention", "%", "selling hours over the hours the open opportunities need, at most 100%, averaged over active rep-weeks", 1},
    [RS_M_DEALS_WON] = {"deals_won", "deals", "deals the team won over the horizon", 1},
    [RS_M_COACHING_STOCK] = {"coaching_stock", "hours/month", "mean coaching stock of active reps", 1},
    [RS_M_MANAGER_HOURS] = {"manager_hours_per_week", "hours/week", "the manager's hours with the team, all activities", 0},
    [RS_M_MANAGER_OVERTIME] = {"manager_overtime_per_week", "hours/week", "hours beyond manager.hours_per_week x manager.team_share", -1},
    [RS_M_COACHING_SHORTFALL] = {"coaching_shortfall_per_week", "hours/week", "planned coaching and onboarding hours not delivered", -1},
    [RS_M_DEAL_HELP_DEALS] = {"deal_help_deals", "deals", "deals the manager stepped into over the horizon", 0},
    [RS_M_DEPARTURES] = {"departures", "reps", "reps who left over the horizon, by attrition or at an early review", -1},
    [RS_M_REVIEW_EXITS] = {"review_exits", "reps", "new reps who left at an early review over the horizon", -1},
    [RS_M_FIRST_YEAR_EXITS] = {"first_year_exits", "%", "share of new hires gone within 52 weeks of hire (hires whose first year lies in the horizon)", -1},
    [RS_M_FIRST_YEAR_EXITS_ATTRITION] = {"first_year_exits_attrition", "%", "share of new hires gone within 52 weeks by attrition (with the review share, first_year_exits)", -1},
    [RS_M_FIRST_YEAR_EXITS_REVIEW] = {"first_year_exits_review", "%", "share of new hires gone within 52 weeks at an early review", -1},
    [RS_M_HIRES] = {"hires", "reps", "new hires over the horizon, including those at week 0", 0},
    [RS_M_BOOKINGS_TOTAL] = {"team_bookings_total", "currency", "team bookings over the horizon", 1},
    [RS_M_MANAGER_HOURS_TOTAL] = {"manager_hours_total", "hours", "the manager's hours with the team over the horizon", 0},
    [RS_M_NET_VALUE] = {"net_value", "currency", "pipeline.gross_margin x team bookings - manager.hourly_cost x the manager's hours, over the horizon", 1},
};

const rs_metric_info rs_fy_metric_infos[RS_FY_COUNT] = {
    [RS_FY_TEAM_ATTAINMENT] = {"team_attainment", "%", "team bookings / team quota for the fiscal year (weeks before start_week at run.ytd_attainment)", 1},
    [RS_FY_REPS_AT_QUOTA] = {"reps_at_quota_share", "%", "share of reps present the whole fiscal year who reached 100% of their quota", 1},
    [RS_FY_BOOKINGS] = {"team_bookings", "currency", "team bookings in the simulated weeks of the fiscal year", 1},
    [RS_FY_QUOTA] = {"team_quota", "currency", "team quota for the simulated weeks of the fiscal year", 0},
};

const rs_metric_info rs_plan_metric_infos[RS_PLAN_COUNT] = {
    [RS_PLAN_MADE] = {"plan_made", "%", "chance that the fiscal year's bookings (weeks before start_week at run.ytd_attainment) reach plan.bookings", 1, 1},
    [RS_PLAN_SHORTFALL] = {"plan_shortfall", "currency", "plan.bookings less the fiscal year's bookings, 0 when the plan is made", -1},
};

const char *const rs_activity_names[RS_ACT_COUNT] = {
    "coaching", "onboarding", "one_on_one", "team_meeting", "ride_along",
    "deal_help", "total", "overtime", "shortfall",
};

/* The slots' offsets, in the order outcome.h lists them. */
static void place_slots(rs_layout *l, const rs_scenario *sc)
{
    int H = l->horizon;
    size_t at = RS_M_COUNT;
    l->fy = at;
    at += (size_t)l->fiscal_years * RS_FY_COUNT;
    /* the plan's slots are there with or without a plan (NAN without), so
     * that scenarios that plan differently still pair slot by slot */
    l->plan_years = sc->plan.years > 0 ? l->fiscal_years : 0;
    l->plan = at;
    at += (size_t)l->fiscal_years * RS_PLAN_COUNT;
    l->quarter = at;
    at += (size_t)l->quarters;
    l->cum_bookings = at;
    at += (size_t)H;
    l->cum_quota = at;
    at += (size_t)H;
    l->seats = sc->team.seat_count;
    size_t seats = (size_t)l->seats, years = (size_t)l->fiscal_years;
    l->seat_attainment = at;
    at += seats * years;
    l->seat_ramp_weeks = at;
    at += seats;
    l->sketched = at;
    l->manager = at;
    at += (size_t)H * RS_ACT_COUNT;
    l->productivity = at;
    at += (size_t)H;
    l->ramped_share = at;
    at += (size_t)H;
    l->team_active = at;
    at += (size_t)H;
    l->team_vacant = at;
    at += (size_t)H;
    l->seat_at_quota = at;
    at += seats * years;
    l->seat_left = at;
    at += seats;
    l->slots = at;
    /* A seat hires at most once a week (departures come before hires), plus
     * the hires at week 0. */
    l->max_hires = seats * ((size_t)H + 1);
}

rs_status rs_layout_init(rs_layout *l, const rs_scenario *sc)
{
    int H = sc->run.horizon_weeks, s = sc->run.start_week;
    l->horizon = H;
    l->fy1_weeks = RS_WEEKS_PER_YEAR - s;
    l->fiscal_years = H < l->fy1_weeks ? 0 : 1 + (H - l->fy1_weeks) / RS_WEEKS_PER_YEAR;

    /* Quarters: the first may have started before week 0. */
    int gone = s % RS_WEEKS_PER_QUARTER;
    int max_q = (H + gone) / RS_WEEKS_PER_QUARTER + 1;
    l->quarter_spans = calloc((size_t)max_q, sizeof *l->quarter_spans);
    if (!l->quarter_spans)
        return RS_ERR_NOMEM;
    l->quarters = 0;
    for (int q = 0;; q++) {
        int first = q == 0 ? 0 : RS_WEEKS_PER_QUARTER * q - gone;
        int weeks = q == 0 ? RS_WEEKS_PER_QUARTER - gone : RS_WEEKS_PER_QUARTER;
        if (first + weeks > H)
            break;
        int fiscal_week = s - gone + RS_WEEKS_PER_QUARTER * q; /* weeks since the first fiscal year began */
        rs_quarter_span *span = &l->quarter_spans[l->quarters++];
        span->fiscal_year = 1 + fiscal_week / RS_WEEKS_PER_YEAR;
        span->quarter = 1 + (fiscal_week % RS_WEEKS_PER_YEAR) / RS_WEEKS_PER_QUARTER;
        span->first_week = first;
        span->gone_weeks = q == 0 ? gone : 0;
        span->weeks = weeks;
    }

    place_slots(l, sc);
    return RS_OK;
}

void rs_layout_free(rs_layout *l)
{
    free(l->quarter_spans);
    l->quarter_spans = NULL;
}

size_t rs_outcome_memory(const rs_layout *l)
{
    return sizeof(rs_outcome) + l->slots * sizeof(double) + 2 * l->max_hires * sizeof(double);
}

rs_outcome *rs_outcome_new(const rs_layout *l)
{
    rs_outcome *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->values = malloc(l->slots * sizeof *o->values);
    o->ramp_weeks = malloc(l->max_hires * sizeof *o->ramp_weeks);
    o->first_win_weeks = malloc(l->max_hires * sizeof *o->first_win_weeks);
    if (!o->values || !o->ramp_weeks || !o->first_win_weeks) {
        rs_outcome_free(o);
        return NULL;
    }
    return o;
}

void rs_outcome_free(rs_outcome *o)
{
    if (!o)
        return;
    free(o->values);
    free(o->ramp_weeks);
    free(o->first_win_weeks);
    free(o);
}

size_t rs_layout_reported_count(const rs_layout *l)
{
    return (size_t)l->fiscal_years * RS_FY_COUNT + (size_t)l->plan_years * RS_PLAN_COUNT + RS_M_COUNT;
}

size_t rs_layout_reported_metrics(const rs_layout *l, rs_reported_metric *rows, size_t max)
{
    size_t n = 0;
    for (int k = 0; k < l->fiscal_years; k++)
        for (int m = 0; m < RS_FY_COUNT && n < max; m++, n++) {
            rows[n].slot = rs_layout_fy_slot(l, k, (rs_fy_metric)m);
            rows[n].info = &rs_fy_metric_infos[m];
            rows[n].paired = 1;
            snprintf(rows[n].name, sizeof rows[n].name, "%s_fy%d", rs_fy_metric_infos[m].name, k + 1);
        }
    for (int k = 0; k < l->plan_years; k++)
        for (int m = 0; m < RS_PLAN_COUNT && n < max; m++, n++) {
            rows[n].slot = rs_layout_plan_slot(l, k, (rs_plan_metric)m);
            rows[n].info = &rs_plan_metric_infos[m];
            rows[n].paired = 1;
            snprintf(rows[n].name, sizeof rows[n].name, "%s_fy%d", rs_plan_metric_infos[m].name, k + 1);
        }
    for (int m = 0; m < RS_M_COUNT && n < max; m++, n++) {
        rows[n].slot = (size_t)m;
        rows[n].info = &rs_metric_infos[m];
        rows[n].paired = m != RS_M_RAMP_WEEKS && m != RS_M_FIRST_WIN_WEEKS; /* pooled over hires */
        snprintf(rows[n].name, sizeof rows[n].name, "%s", rs_metric_infos[m].name);
    }
    return n;
}

rs_status rs_reported_metric_find(const rs_scenario *sc, const char *name, rs_reported_metric *found, char *err)
{
    rs_layout layout;
    if (rs_layout_init(&layout, sc) != RS_OK)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    /* 20 fiscal years with a plan report more than a fixed array would hold */
    size_t max = rs_layout_reported_count(&layout);
    rs_reported_metric *rows = malloc(max * sizeof *rows);
    size_t n = rows ? rs_layout_reported_metrics(&layout, rows, max) : 0;
    rs_layout_free(&layout);
    if (!rows)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    char best[sizeof rows->name] = "";
    size_t best_distance = 4; /* close enough to be a typo */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].name, name) == 0) {
            *found = rows[i];
            free(rows);
            return RS_OK;
        }
        size_t d = rs_edit_distance(rows[i].name, name);
        if (d < best_distance) {
            best_distance = d;
            snprintf(best, sizeof best, "%s", rows[i].name);
        }
    }
    free(rows);
    return rs_fail(err, RS_ERR_INPUT, "%s: not a metric of this scenario%s%s%s (see docs/outputs.md)", name,
                   best[0] ? "; did you mean " : "", best, best[0] ? "?" : "");
}
