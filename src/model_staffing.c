/* model_staffing.c: see model_staffing.h (docs/model.md, "The team"). */
#include "model_staffing.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "manager.h"
#include "model_history.h"
#include "team.h"

/* The week of the rep's next early review, after s->next_review's
 * predecessors: INT_MAX when none is left. */
static int review_week(const rs_scenario *sc, const seat *s)
{
    return s->next_review < sc->attrition.review_count ? s->hire_week + sc->attrition.review_weeks[s->next_review]
                                                       : INT_MAX;
}

/* Hires a rep into seat `index` in `week`. A veteran is fully ramped and
 * draws at the replication's initial week; `prior_stock` starts the rep
 * with the coaching stock of the plan's steady state (veterans, and the
 * roster's reps hired before week 0). The seat's first rep takes the
 * roster's skill and quota where it gives them. */
static void hire(rs_model *m, int index, int week, bool veteran, bool prior_stock)
{
    seat *s = &m->seats[index];
    const rs_seat_spec *spec = &m->sc->team.seats[index];
    int draw_week = veteran ? RS_RNG_INITIAL_WEEK : week;
    rs_stream draws;
    rs_stream_start(&draws, m->key, m->replication, RS_RNG_SKILL, (unsigned)index, draw_week, 0);
    m->draws.hires++;
    uint32_t generation = s->generation;
    seat_life life = s->life;
    memset(s, 0, sizeof *s);
    s->generation = generation;
    s->life = life;
    s->history_rep = m->history ? rs_model_history_hire(m, index, week, veteran) : -1;
    bool first = !s->life.first_rep_hired;
    s->life.first_rep_hired = true;
    s->active = true;
    s->veteran = veteran;
    s->skill = rs_quantile(&m->skill->table, rs_stream_uniform(&draws));
    if (first && !isnan(spec->skill))
        s->skill = spec->skill;
    s->quota_a_week = first && !isnan(spec->quota_annual) ? spec->quota_annual / RS_WEEKS_PER_YEAR : m->quota_a_week;
    s->ramp_factor = 1.0;
    if (!veteran) {
        /* a purpose of its own, so that no other draw moves */
        rs_stream_start(&draws, m->key, m->replication, RS_RNG_RAMP_FACTOR, (unsigned)index, draw_week, 0);
        s->ramp_factor = rs_quantile(&m->ramp_factor->table, rs_stream_uniform(&draws));
    }
    s->hire_week = week;
    s->next_review_week = veteran ? INT_MAX : review_week(m->sc, s);
    s->selling_hours_a_week = m->undisturbed_selling_hours_a_week; /* undisturbed in the first week */
    s->effects_stock_hours_a_month = NAN;                           /* nothing kept yet */
    s->selling_meeting_hours_a_week = NAN;
    s->rho_experience_weeks = NAN;
    s->stock_hours_a_month = prior_stock ? rs_manager_prior_stock_of(m->sc, s->life.coaching_hours_a_month) : 0.0;
    s->tracked = !veteran && rs_model_recording(week);
    s->first_year_seen = s->tracked && week + RS_WEEKS_PER_YEAR < m->layout->horizon;
    /* Late hires would bring only their fast ramps and early wins: the
     * pooled metrics take the hires whose first year lies in the horizon
     * (every hire when the horizon is shorter than a year). */
    s->pooled = m->layout->horizon > RS_WEEKS_PER_YEAR ? s->first_year_seen : s->tracked;
    m->first_year_hires += s->first_year_seen;
    if (s->tracked) {
        m->hires++;
        m->ramp_factor_sum += s->ramp_factor;
        m->observed[0]++; /* at hire: no weeks of tenure, productivity rho(0) */
        m->productivity_sum[0] += rs_ramp_rho(&m->ramp, 0.0);
    }
}

/* A roster rep whose ramp curve is this close to full at the warm-up's
 * start works and carries quota as a veteran does: the curve's last
 * hundredths of a percent change nothing a result shows, and following
 * them would redraw the rep's Poisson tables every week (a third more
 * time a rep-week for a roster of long-serving reps). */
#define FULLY_RAMPED 0.9999

/* A roster rep with `tenure` weeks at week 0: present from warm-up week
 * -tenure at experience 0 when the warm-up reaches back that far, and
 * otherwise from the warm-up's start at the experience their tenure beyond
 * it gave them (docs/model.md, "The team"). */
static void place_tenured(rs_model *m, int index, int tenure)
{
    seat *s = &m->seats[index];
    int warmup = m->sc->run.warmup_weeks;
    if (tenure < warmup) {
        s->life.arrives_at = -tenure;
        return;
    }
    hire(m, index, -tenure, false, true);
    s->experience_weeks = (tenure - warmup) / s->ramp_factor;
    s->ramped = s->experience_weeks >= m->ramp.ramped_experience; /* before the warm-up: no ramp time */
    s->fully_ramped = rs_ramp_rho(&m->ramp, s->experience_weeks) >= FULLY_RAMPED &&
                      rs_ramp_rho(&m->ramp, tenure - warmup) >= FULLY_RAMPED;
}

void rs_model_place_seats(rs_model *m)
{
    const rs_scenario *sc = m->sc;
    for (int i = 0; i < m->seat_count; i++) {
        seat *s = &m->seats[i];
        const rs_seat_spec *spec = &sc->team.seats[i];
        memset(s, 0, sizeof *s);
        s->history_rep = -1;
        s->life.coaching_hours_a_month = rs_team_coaching_hours_per_month(sc, i);
        s->life.exists_from = -sc->run.warmup_weeks;
        switch (spec->kind) {
        case RS_SEAT_VETERAN:
            hire(m, i, -sc->run.warmup_weeks, true, true);
            break;
        case RS_SEAT_TENURE:
            /* tenure 0: the seat waits for its new hire at week 0 */
            if (spec->tenure_weeks > 0)
                place_tenured(m, i, spec->tenure_weeks);
            break;
        case RS_SEAT_OPEN:
            s->vacant_until = sc->attrition.hiring_lag_weeks;
            break;
        case RS_SEAT_STARTS:
            s->vacant_until = spec->start_week;
            break;
        case RS_SEAT_GROWTH:
            s->vacant_until = s->life.exists_from = spec->start_week;
            break;
        }
    }
}

/* A rep leaves: the seat stays empty for the hiring lag, and the leaver's
 * open deals are dropped (they become stale). */
static void depart(rs_model *m, seat *s, int week, exit_cause cause)
{
    if (s->generation == 0)
        s->life.first_rep_left = true;
    if (m->history)
        rs_model_history_leave(m, s, week);
    s->active = false;
    s->fy_present = false;
    s->generation++;
    s->open_deals = 0;
    s->open_value = 0.0;
    s->vacant_until = week + m->sc->attrition.hiring_lag_weeks;
    m->departures++;
    m->review_exits += cause == EXIT_REVIEW;
    if (s->first_year_seen && week - s->hire_week <= RS_WEEKS_PER_YEAR)
        m->first_year_exits[cause]++;
}

/* Whether the rep in seat `index` has an early review this week and is
 * behind at it. Initial veterans have none; a review is decided at the
 * start of the week in which its tenure is reached, on the bookings and
 * quota since hire through last week. */
static bool at_risk_at_review(rs_model *m, seat *s, int week)
{
    const rs_scenario *sc = m->sc;
    /* nearly every week: no review is due, one test (a veteran's next
     * review week is never) */
    if (week < s->next_review_week)
        return false;
    int tenure = week - s->hire_week;
    /* reviews whose week passed when none was held (the warm-up) are gone */
    while (s->next_review < sc->attrition.review_count && sc->attrition.review_weeks[s->next_review] < tenure)
        s->next_review++;
    bool held = s->next_review < sc->attrition.review_count && sc->attrition.review_weeks[s->next_review] == tenure;
    s->next_review += held;
    s->next_review_week = review_week(sc, s);
    return held && s->hire_bookings < sc->attrition.review_below * s->hire_quota;
}

void rs_model_staff_seat(rs_model *m, int i, int week, uint32_t departure_word)
{
    const rs_scenario *sc = m->sc;
    seat *s = &m->seats[i];
    if (!rs_model_recording(week)) {
        if (!s->active && s->life.arrives_at == week && week < 0)
            hire(m, i, week, false, true);
        return;
    }
    if (s->active && rs_uniform(departure_word) < m->leave_probability_a_week) {
        depart(m, s, week, EXIT_ATTRITION);
    } else if (s->active && at_risk_at_review(m, s, week)) {
        rs_stream review;
        rs_stream_start(&review, m->key, m->replication, RS_RNG_REVIEW, (unsigned)i, week, 0);
        if (rs_stream_uniform(&review) < sc->attrition.review_exit)
            depart(m, s, week, EXIT_REVIEW);
    }
    if (!s->active && s->vacant_until <= week)
        hire(m, i, week, false, false);
}
