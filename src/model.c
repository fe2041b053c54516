/* model.c: one replication of one team, week by week (docs/model.md,
 * "One replication, week by week").
 *
 * rs_model_run walks the weeks from the start of the warm-up to the end of
 * the horizon; each week runs the seven steps in the order docs/model.md
 * gives them, seat by seat where a step reads only its own seat, with the
 * week's random blocks drawn in batches (week_draws.h; docs/performance.md,
 * "Count, draw in batches, apply"). Step 3, the deals closing, is in
 * model_close.c, step 7's quota in model_quota.c. Nothing in the weekly
 * loop allocates: all memory is the workspace's (model_workspace.c), which
 * doubles the deal book and the week's batch when a week needs more than
 * any before; the history that rs_model_run_history records into grows as
 * it records. */
#include "model.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "manager.h"
#include "minmax.h"
#include "model_close.h"
#include "model_history.h"
#include "model_quota.h"
#include "model_state.h"
#include "model_staffing.h"
#include "model_summary.h"
#include "sampler_tables.h"
#include "team.h"
#include "uncertain.h"

/* ---- helpers ------------------------------------------------------------ */

/* The ramp curve at the rep's experience, kept while the experience stays
 * the same: step 6 takes it after experience grows, and the next week's
 * leads take it again. */
static double experience_rho(const rs_model *m, seat *s)
{
    if (s->experience_weeks != s->rho_experience_weeks) {
        s->rho = rs_ramp_rho(&m->ramp, s->experience_weeks);
        s->rho_experience_weeks = s->experience_weeks;
    }
    return s->rho;
}

static double productivity(const rs_model *m, seat *s)
{
    return s->veteran || s->fully_ramped ? 1.0 : experience_rho(m, s);
}

/* Bitwise and, not &&: whether a seat is a veteran's follows no pattern a
 * branch predictor learns over a team's seats. */
static bool in_onboarding(const rs_model *m, const seat *s, int week)
{
    return s->active & !s->veteran & (week - s->hire_week < m->sc->onboarding.weeks);
}

/* What step 2's plan needs of the team: who is there, who is onboarding,
 * and the coaching the seats plan for themselves. */
typedef struct team_count {
    int active, onboarding;
    double own_coaching_a_month;
} team_count;

/* The first pass over the seats, in seat order: the week's coaching is
 * cleared, step 1 staffs the seat, the plan's counts take it in, and the
 * odds its deals closing this week are decided with are set from its state
 * at the start of the week (step 3's first part). Each part reads only its
 * own seat, so doing them seat by seat gives what step by step gives. */
static void start_week(rs_model *m, int week, team_count *team)
{
    rs_week_draws_seats(&m->week, m->key, m->replication, week, m->layout->horizon);
    *team = (team_count){0, 0, 0.0};
    for (int i = 0; i < m->seat_count; i++) {
        seat *s = &m->seats[i];
        s->deal_coaching_hours_a_week = 0.0;
        s->coaching_hours_a_week = s->onboarding_hours_a_week = 0.0;
        rs_model_staff_seat(m, i, week, m->week.seat[RS_WORD_DEPARTURE][i]);
        if (!s->active)
            continue;
        team->active++;
        team->onboarding += in_onboarding(m, s, week);
        team->own_coaching_a_month += s->life.coaching_hours_a_month;
        rs_model_closing_odds(m, s, week);
    }
}

/* Step 2: the manager's planned hours, fitted to the budget (manager.c). */
static void step_plan(const rs_model *m, const team_count *team, rs_manager_week *p)
{
    double own = m->own_coaching ? team->own_coaching_a_month * RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR : NAN;
    rs_manager_plan_week(p, m->sc, team->active, team->onboarding, own, m->budget_hours_a_week);
}

/* A rep's share of the week's coaching, relative to the others': twice
 * as much when behind under coaching.focus = behind, and in proportion to
 * the seat's own plan when seats plan their own. */
static double coaching_weight(const rs_model *m, const seat *s)
{
    double weight = m->sc->coaching.focus == RS_FOCUS_BEHIND && rs_model_behind(s, 1.0) ? 2.0 : 1.0;
    return m->own_coaching ? weight * s->life.coaching_hours_a_month : weight;
}

static double coaching_weight_sum(const rs_model *m, int active)
{
    /* every weight 1: the sum of `active` ones, exactly, without a pass */
    if (m->sc->coaching.focus != RS_FOCUS_BEHIND && !m->own_coaching)
        return active;
    double weight_sum = 0.0;
    for (int i = 0; i < m->seat_count; i++) {
        const seat *s = &m->seats[i];
        if (s->active)
            weight_sum += coaching_weight(m, s);
    }
    return weight_sum;
}

/* Step 4 for an active rep: the coaching they receive, and the coaching
 * stock update. */
/* The week's coaching hours of a rep of weight 1, and of an onboarding
 * rep, computed once a week. A rep of weight 2 (behind, under
 * coaching.focus = behind) gets twice the first: hours x 2 / sum is
 * exactly 2 x (hours / sum), as doubling rounds nothing. Seats that plan
 * their own coaching have weights of any size, and their own division. */
typedef struct coaching_shares {
    double weight_sum, one, onboarding;
} coaching_shares;

static coaching_shares week_coaching_shares(const rs_model *m, const rs_manager_week *p)
{
    coaching_shares c = {coaching_weight_sum(m, p->active), 0.0, 0.0};
    if (c.weight_sum > 0.0)
        c.one = p->hours[RS_ACT_COACHING] / c.weight_sum;
    if (p->onboarding > 0)
        c.onboarding = p->hours[RS_ACT_ONBOARDING] / p->onboarding;
    return c;
}

static void step_coaching(rs_model *m, seat *s, int week, const rs_manager_week *p, const coaching_shares *c)
{
    double weight = coaching_weight(m, s);
    if (c->weight_sum <= 0.0)
        s->coaching_hours_a_week = 0.0;
    else if (!m->own_coaching)
        s->coaching_hours_a_week = weight * c->one;
    else
        s->coaching_hours_a_week = p->hours[RS_ACT_COACHING] * weight / c->weight_sum;
    s->onboarding_hours_a_week = in_onboarding(m, s, week) ? c->onboarding : 0.0;
    /* The stock, in hours a month, follows the coaching received this
     * week, in hours a week. In the warm-up it stays at the prior the
     * veterans start with at week 0 (docs/model.md, "Choices where the
     * reference is silent", the warm-up). */
    double received_hours_a_week =
        s->coaching_hours_a_week + m->ride_along_coaching_hours_a_week + s->deal_coaching_hours_a_week;
    if (rs_model_recording(week))
        s->stock_hours_a_month +=
            m->stock_rate_a_week * (received_hours_a_week * RS_WEEKS_PER_MONTH - s->stock_hours_a_month);
}

/* The share of a rep's undisturbed selling hours left this week, after
 * the hours one-on-ones, the meeting and coaching take from them; kept
 * while those hours stay the same (a division saved most rep-weeks). */
static double selling_factor(const rs_model *m, seat *s)
{
    double meeting_hours_a_week = m->one_on_one_hours_a_week + m->meeting_hours_a_week + s->coaching_hours_a_week +
                                  s->onboarding_hours_a_week + s->deal_coaching_hours_a_week;
    if (meeting_hours_a_week != s->selling_meeting_hours_a_week) {
        s->selling_meeting_hours_a_week = meeting_hours_a_week;
        s->selling_factor = rs_max2(0.0, 1.0 - m->sc->rep.meeting_cost * meeting_hours_a_week /
                                                   m->undisturbed_selling_hours_a_week);
    }
    return s->selling_factor;
}

/* Opportunity b of the week's batch, seat i's: its block decided its win
 * at close (word RS_WORD_WIN), its value and its cycle (turned into mean-1
 * factors by open_opportunities); it closes ceil(cycle) weeks later, at
 * least the next week. RS_ERR_NOMEM when the deal book could not grow. */
static rs_status open_opportunity(rs_model *m, int i, int week, size_t b)
{
    seat *s = &m->seats[i];
    const rs_week_draws *w = &m->week;
    double cycle_mean_weeks = s->week_cycle_mean_weeks;
    int close = week + rs_cycle_weeks_round(m->cycle_shape > 0 ? cycle_mean_weeks * w->deal_cycle[b] : cycle_mean_weeks);
    int32_t index = rs_deal_book_add(&m->book, week, close);
    if (index < 0)
        return RS_ERR_NOMEM;
    rs_deal *d = &m->book.deals[index];
    d->win_word = w->deal[RS_WORD_WIN][b];
    double size_factor = w->deal_value[b];
    d->value = s->week_deal_size_mean * size_factor;
    if (rs_model_recording(week)) {
        m->deal_factor_sum += size_factor;
        m->opportunities++;
    }
    d->seat = (uint16_t)i;
    d->generation = (uint16_t)s->generation;
    if (m->history)
        rs_model_history_open(m, d, week);
    s->open_deals++;
    s->open_value += d->value;
    return RS_OK;
}

/* Step 5 for an active rep, its first part: the rep's selling hours, the
 * practices' effects, and the mean rate of leads (counted by
 * count_opportunities once every seat has its rate). */
static void lead_rate(rs_model *m, seat *s, int week)
{
    const rs_scenario *sc = m->sc;
    double selling = selling_factor(m, s);
    s->selling_hours_a_week = m->undisturbed_selling_hours_a_week * selling;
    /* the practices' effects with the stock this week's coaching left */
    const rs_practice_effects *fx = rs_model_seat_effects(m, s);
    s->week_deal_size_mean = sc->pipeline.deal_size * fx->size;
    s->week_cycle_mean_weeks = sc->pipeline.cycle_weeks * fx->cycle;
    s->week_leads_mean = sc->pipeline.leads_per_week * productivity(m, s) * s->skill * selling * fx->lead *
                         m->lead_season[m->quarter];
    if (rs_model_recording(week)) {
        m->selling_share_sum += sc->rep.selling_share * selling;
        m->stock_hours_a_month_sum += s->stock_hours_a_month;
        m->skill_sum += s->skill;
        m->rep_weeks++;
    }
}

/* Step 5's second part, seat by seat once every active seat has its rate:
 * leads and opportunities are counted, and each opportunity's block is
 * asked for. The counts' table lookups, independent of one another here,
 * overlap their cache misses. */
static rs_status count_opportunities(rs_model *m, int week)
{
    /* Leads ~ Poisson(mu), each an opportunity with probability p, is the
     * same as independent Poisson(mu p) opportunities and Poisson(mu (1 -
     * p)) lost leads (docs/model.md, "Randomness", leads by thinning). */
    double p = m->sc->pipeline.lead_to_opportunity;
    bool recording = rs_model_recording(week);
    /* the totals in locals, added once a week: in m, each seat's addition
     * was a load and a store (the sum of luck is taken in the same order) */
    long seat_weeks = 0, leads = 0, lost_leads = 0;
    double lead_luck_sum = m->lead_luck_sum;
    size_t listed = m->week.deals;
    for (int i = 0; i < m->seat_count; i++) {
        seat *s = &m->seats[i];
        if (!s->active)
            continue;
        uint32_t opportunity_word = m->week.seat[RS_WORD_OPPORTUNITIES][i];
        unsigned opportunities = rs_poisson_draw(s->week_leads_mean * p, opportunity_word);
        seat_weeks++;
        /* The lost leads are only counted, and the warm-up counts nothing:
         * its lost leads are not drawn (their words are keyed, so no other
         * draw moves). */
        if (recording) {
            unsigned lost = rs_poisson_draw(s->week_leads_mean * (1.0 - p), m->week.seat[RS_WORD_LOST_LEADS][i]);
            lost_leads += lost;
            leads += opportunities + lost;
            lead_luck_sum += rs_uniform(opportunity_word);
        }
        if (rs_week_draws_seat_deals(&m->week, m->replication, (unsigned)i, week, opportunities) != RS_OK)
            return RS_ERR_NOMEM;
    }
    m->draws.seat_weeks += (uint64_t)seat_weeks;
    m->draws.opportunities += m->week.deals - listed;
    if (recording) {
        m->draws.lost_lead_draws += (uint64_t)seat_weeks;
        m->draws.lost_leads += (uint64_t)lost_leads;
        m->leads += leads;
        m->lead_luck_sum = lead_luck_sum;
    }
    return RS_OK;
}

/* Step 5's end: the week's opportunities, drawn in one batch, are given
 * their value and cycle factors, then opened in the order they were
 * counted, seat by seat: one loop over the batch, not one a seat, whose
 * length would be the seat's Poisson count. */
static rs_status open_opportunities(rs_model *m, int week)
{
    rs_week_draws *w = &m->week;
    rs_week_draws_deals(w, m->key);
    for (size_t b = 0; b < w->deals; b++) {
        w->deal_value[b] = rs_quantile(&m->deal_value->table, rs_uniform(w->deal[RS_WORD_VALUE][b]));
        if (m->cycle_shape > 0)
            w->deal_cycle[b] = rs_quantile(&m->cycle->table, rs_uniform(w->deal[RS_WORD_CYCLE][b]));
    }
    for (size_t b = 0; b < w->deals; b++)
        if (open_opportunity(m, (int)w->deal_seat[b], week, b) != RS_OK)
            return RS_ERR_NOMEM;
    return RS_OK;
}

/* Step 6 for an active rep who is not an initial veteran: experience and
 * tenure grow; ramp times are recorded. */
static void step_experience(rs_model *m, int i, int week, rs_outcome *out)
{
    seat *s = &m->seats[i];
    int H = m->layout->horizon;
    double before = s->experience_weeks;
    s->experience_weeks += (1.0 + m->experience_weeks_per_onboarding_hour * s->onboarding_hours_a_week) / s->ramp_factor;
    int tenure = week + 1 - s->hire_week; /* completed weeks */
    double target = m->ramp.ramped_experience;
    if (!s->ramped && s->experience_weeks >= target) {
        s->ramped = true;
        /* experience grows evenly within the week: interpolate */
        double ramp_weeks = tenure - 1 + (target - before) / (s->experience_weeks - before);
        if (s->pooled)
            out->ramp_weeks[out->n_ramp_weeks++] = ramp_weeks;
        /* the seat's first rep, ramping in the warm-up or in the run */
        if (s->generation == 0)
            out->values[m->layout->seat_ramp_weeks + (size_t)i] = ramp_weeks;
    }
    if (!s->tracked)
        return;
    if (tenure < H) {
        m->observed[tenure]++;
        m->ramped_count[tenure] += s->ramped;
        m->productivity_sum[tenure] += experience_rho(m, s);
    }
}

/* The second pass over the seats, in seat order, after the deals closing
 * are decided: steps 4 to 7 for each seat, but for step 5's counts and the
 * opening of its opportunities, which follow in passes of their own once
 * every seat has its lead rate (the counts' table lookups overlap there;
 * the opportunities wait for the week's batch of blocks). Each step reads
 * only its own seat and what the first pass left, so doing them seat by
 * seat gives what step by step gives; the sums over seats are taken in the
 * same order. */
static rs_status run_seats(rs_model *m, int week, const rs_manager_week *p, rs_outcome *out)
{
    coaching_shares shares = week_coaching_shares(m, p);
    double team_quota = 0.0;
    int active = 0, vacant = 0;
    rs_week_draws_deals_clear(&m->week);
    for (int i = 0; i < m->seat_count; i++) {
        seat *s = &m->seats[i];
        if (s->active) {
            step_coaching(m, s, week, p, &shares);
            lead_rate(m, s, week);
            if (!s->veteran)
                step_experience(m, i, week, out);
        }
        team_quota += rs_model_accrue_quota(m, s, week);
        active += s->active;
        vacant += !s->active && rs_model_seat_exists(s, week);
    }
    if (rs_model_recording(week)) {
        m->week_quota[week] = team_quota;
        out->values[m->layout->team_active + (size_t)week] = active;
        out->values[m->layout->team_vacant + (size_t)week] = vacant;
    }
    if (count_opportunities(m, week) != RS_OK)
        return RS_ERR_NOMEM;
    return open_opportunities(m, week);
}

/* ---- fiscal calendar ---------------------------------------------------- */

static void start_quarter(rs_model *m)
{
    for (int i = 0; i < m->seat_count; i++)
        m->seats[i].qtd_bookings = m->seats[i].qtd_quota = 0.0;
}

/* ---- one replication ---------------------------------------------------- */

static void reset(rs_model *m, uint32_t replication, rs_outcome *out)
{
    size_t H = (size_t)m->layout->horizon;
    m->replication = replication;
    rs_deal_book_clear(&m->book);
    memset(m->week_bookings, 0, H * sizeof(double));
    memset(m->week_quota, 0, H * sizeof(double));
    memset(m->productivity_sum, 0, H * sizeof(double));
    memset(m->observed, 0, H * sizeof(int));
    memset(m->ramped_count, 0, H * sizeof(int));
    m->leads = m->closed = m->won = m->helped_deals = m->departures = m->hires = m->review_exits = 0;
    m->first_year_hires = 0;
    memset(m->first_year_exits, 0, sizeof m->first_year_exits);
    m->won_cycle_sum = m->won_value_sum = m->selling_share_sum = 0.0;
    m->stock_hours_a_month_sum = m->attention_sum = 0.0;
    m->rep_weeks = 0;
    m->skill_sum = m->ramp_factor_sum = m->deal_factor_sum = m->lead_luck_sum = m->win_luck_sum = 0.0;
    m->opportunities = 0;
    m->pipeline_ratio_sum = 0.0;
    m->pipeline_ratio_n = 0;
    memset(m->manager_total, 0, sizeof m->manager_total);
    m->fiscal_year = 0;
    for (size_t i = 0; i < m->layout->slots; i++)
        out->values[i] = NAN;
    out->n_ramp_weeks = out->n_first_win_weeks = 0;

    rs_model_place_seats(m);
}

/* The inputs of replication `replication`: with uncertain keys, the
 * workspace's scenario takes the values of its draw, and everything the
 * workspace derives from the scenario follows (the draws of one draw of
 * the inputs run one after the other in a block, so this is rare). */
static rs_status take_inputs(rs_model *m, uint32_t replication, rs_outcome *out)
{
    int n = m->base->uncertain.count;
    if (n == 0)
        return RS_OK;
    uint32_t draw = rs_uncertain_draw_of(m->base, replication);
    if (!m->has_draw || draw != m->draw) {
        rs_uncertain_draw(m->base, m->drawn, draw, m->inputs);
        m->has_draw = false; /* until the draw's shapes are all there */
        if (rs_model_derive(m, NULL) != RS_OK)
            return RS_ERR_NOMEM;
        m->draw = draw;
        m->has_draw = true;
    }
    memcpy(out->inputs, m->inputs, (size_t)n * sizeof *m->inputs);
    return RS_OK;
}

rs_status rs_model_run(rs_model *m, uint32_t replication, rs_outcome *out)
{
    if (take_inputs(m, replication, out) != RS_OK)
        return RS_ERR_NOMEM;
    const rs_scenario *sc = m->sc;
    const rs_layout *l = m->layout;
    reset(m, replication, out);
    int fy_end = l->fy1_weeks - 1; /* last week of the fiscal year being recorded */
    for (int week = -sc->run.warmup_weeks; week < l->horizon; week++) {
        int fiscal_week =
            ((sc->run.start_week + week) % RS_WEEKS_PER_YEAR + RS_WEEKS_PER_YEAR) % RS_WEEKS_PER_YEAR;
        int week_in_quarter = fiscal_week % RS_WEEKS_PER_QUARTER;
        m->quarter = fiscal_week / RS_WEEKS_PER_QUARTER;
        if (week_in_quarter == 0)
            start_quarter(m);

        team_count team;
        start_week(m, week, &team);
        if (week == 0 || (rs_model_recording(week) && fiscal_week == 0))
            rs_model_start_fiscal_year(m);
        rs_manager_week p;
        step_plan(m, &team, &p);
        rs_status st = rs_model_close_deals(m, week, week_in_quarter, &p, out);
        if (st == RS_OK)
            st = run_seats(m, week, &p, out);
        if (st != RS_OK)
            return st;
        if (rs_model_recording(week) && week_in_quarter == 0)
            rs_model_take_pipeline_ratio(m, week);

        if (rs_model_recording(week)) {
            for (int a = 0; a < RS_ACT_COUNT; a++) {
                m->manager_total[a] += p.hours[a];
                out->values[rs_layout_manager_slot(l, week, (rs_activity)a)] = p.hours[a];
            }
            if (week == fy_end) {
                rs_model_end_fiscal_year(m, out);
                fy_end += RS_WEEKS_PER_YEAR;
            }
        }
    }
    rs_model_summarise(m, out);
    return RS_OK;
}

/* rs_model_run with m->history set: the steps record as they go
 * (model_history.c), and nothing else changes. */
rs_status rs_model_run_history(rs_model *m, uint32_t replication, rs_outcome *out, rs_history *h,
                               rs_day start_date)
{
    m->history = h;
    m->history_start = start_date;
    m->history_incomplete = false;
    rs_history_clear(h);
    h->has_roster = true;
    h->export_day = start_date + 7 * m->layout->horizon; /* the first day after the run */
    rs_status st = rs_model_run(m, replication, out);
    m->history = NULL;
    return st == RS_OK && m->history_incomplete ? RS_ERR_NOMEM : st;
}
