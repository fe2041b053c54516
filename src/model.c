/* model.c: one replication of one team (MODEL.md sections 2 to 8).
 *
 * rs_model_run walks the weeks from the start of the warm-up to the end of
 * the horizon; each week runs the seven steps of MODEL.md section 8 in
 * order, as the functions step_*. All memory is the workspace's. */
#include "model.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "dealbook.h"
#include "effects.h"
#include "manager.h"
#include "minmax.h"
#include "ramp.h"
#include "rng.h"
#include "samplers.h"

/* How a rep left, for the first-year exits by cause. */
typedef enum { EXIT_ATTRITION, EXIT_REVIEW, EXIT_CAUSES } exit_cause;

typedef struct seat {
    bool active, veteran;
    bool tracked;     /* hired within the horizon: ramp and first win recorded */
    bool first_year_seen; /* tracked, and its first 52 weeks lie in the horizon */
    bool pooled;      /* its ramp time and first win go into the pooled metrics */
    bool ramped, won_any;
    bool fy_present;  /* present since the current fiscal year's first week */
    uint32_t generation; /* counts the seat's reps: a leaver's deals are stale */
    int hire_week, vacant_until;
    int next_review;     /* index of the rep's next early review */
    int open_deals;      /* the seat's open opportunities */
    double open_value;   /* and their value */
    rs_stream stream;    /* this week's stream of the seat */
    rs_poisson_cache opportunity_cache, lost_cache;
    double skill, experience, stock;
    double ramp_factor;  /* a hire's ramp takes about this many times the curve's */
    double selling_hours; /* last week's (attention is taken from them) */
    double qtd_bookings, qtd_quota, fy_bookings, fy_quota;
    double hire_bookings, hire_quota; /* since hire, for the early reviews */
    /* this week's hours: */
    double coaching, onboarding, deal_coaching;
    /* this week's odds of the deals closing (step 3): the capped win
     * probability before deal help, and the attention it is worked with */
    double close_win, attention;
    /* the practices' multipliers at coaching stock effects_stock: the stock
     * of a rep whose coaching is steady stays put, so they are kept */
    double effects_stock;
    rs_practice_effects effects;
} seat;

/* A deal closing this week, for choosing which ones the manager helps. */
typedef struct closing {
    int seat;
    double value;
    size_t index;
} closing;

struct rs_model {
    const rs_scenario *sc;
    const rs_layout *layout;
    rs_ramp ramp;
    philox4x32_key_t key;
    uint32_t replication;
    rs_quantile_table deal_value, cycle, skill, ramp_factor; /* mean-1 shapes */
    rs_effects effects; /* what the practices do, by coaching stock */

    /* constants derived from the scenario once */
    double leave_prob;            /* weekly */
    double selling_hours;         /* undisturbed selling hours of a rep */
    double stock_rate;            /* 1 - exp(-1 / memory) */
    double onboarding_gain;       /* weeks of experience per onboarding hour */
    double one_on_one_hours;      /* per rep per week */
    double meeting_hours;         /* per rep per week */
    double ride_along_equiv;      /* coaching-stock hours per rep per week */
    double weekly_quota;          /* of a ramped rep */
    double cycle_shape; /* 0: every cycle is the mean */
    double budget;

    seat *seats;
    rs_deal_book book;
    closing *closing; /* scratch: the deals closing this week */
    size_t closing_capacity;

    /* per simulated week */
    double *week_bookings, *week_quota;
    /* per tenure week of tracked hires */
    double *productivity_sum;
    int *observed, *ramped_count;

    rs_model_draws draws; /* over the workspace's life */

    /* running totals of the replication */
    long leads, closed, won, helped_deals, departures, hires, review_exits;
    long first_year_hires, first_year_exits[EXIT_CAUSES];
    double won_cycle_sum, won_value_sum;
    double selling_share_sum, stock_sum, attention_sum;
    long rep_weeks;
    double pipeline_ratio_sum;
    int pipeline_ratio_n;
    double manager_total[RS_ACT_COUNT];
    int fiscal_year; /* index of the fiscal year being recorded */
    double fy_reps_total[2]; /* reps present the whole year, reps at quota */
};

static double lognormal_sigma(double cv)
{
    return sqrt(log1p(cv * cv));
}

/* Twice the open deals of a team in steady state: a seat holds about
 * leads x conversion x weeks open of them, with the most the practices
 * can multiply leads and cycles by (a one-on-one cycle multiplier of 10 at
 * effects.scale 2 holds deals 100 times as long), long cycles' tail (two
 * CVs), a week more for the rounding up of cycles, and a quarter of the
 * team at the skill of its 99th percentile. */
static double open_deals(const rs_scenario *sc)
{
    rs_practice_effects most = rs_effects_most(sc);
    double sigma = lognormal_sigma(sc->rep.skill_cv);
    double skill = exp(2.326 * sigma - 0.5 * sigma * sigma);
    double weeks_open = sc->pipeline.cycle_weeks * most.cycle * (1.0 + 2.0 * sc->pipeline.cycle_cv) + 1.0;
    /* no deal stays open longer than the whole run */
    weeks_open = fmin(weeks_open, (double)(sc->run.warmup_weeks + sc->run.horizon_weeks));
    double per_seat =
        sc->pipeline.leads_per_week * most.lead * sc->pipeline.lead_to_opportunity * weeks_open * 2.0 + 16.0;
    return per_seat * fmax(1.0, skill * 0.25 + 0.75) * sc->team.reps;
}

size_t rs_model_memory(const rs_scenario *sc, const rs_layout *layout)
{
    size_t H = (size_t)layout->horizon;
    return sizeof(rs_model) + (size_t)sc->team.reps * sizeof(seat) + H * (3 * sizeof(double) + 2 * sizeof(int)) +
           (size_t)fmin(open_deals(sc), 1e15) * sizeof(rs_deal); /* within size_t, and far past any memory */
}

rs_model *rs_model_new(const rs_scenario *sc, const rs_layout *layout, const rs_model *like)
{
    rs_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->sc = sc;
    m->layout = layout;
    rs_ramp_init(&m->ramp, sc);
    rs_effects_init(&m->effects, sc);

    m->leave_prob = 1.0 - pow(1.0 - sc->attrition.annual, 1.0 / RS_WEEKS_PER_YEAR);
    m->selling_hours = sc->rep.hours_per_week * sc->rep.selling_share;
    m->stock_rate = 1.0 - exp(-1.0 / sc->coaching.memory_weeks);
    m->onboarding_gain = sc->ramp.onboarding_hour_weeks * sc->effects.scale;
    m->one_on_one_hours = rs_manager_one_on_ones_per_week(sc) * sc->one_on_one.hours;
    m->meeting_hours = sc->team_meeting.weekly ? sc->team_meeting.hours : 0.0;
    m->ride_along_equiv = sc->ride_along.calls_per_month / RS_WEEKS_PER_MONTH * sc->ride_along.coaching_equiv_hours;
    m->weekly_quota = sc->quota.annual / RS_WEEKS_PER_YEAR;
    m->key = rs_rng_key(sc->run.seed);
    rs_quantile_table_like(&m->deal_value, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->pipeline.deal_size_cv),
                           like ? &like->deal_value : NULL);
    rs_quantile_table_like(&m->skill, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->rep.skill_cv),
                           like ? &like->skill : NULL);
    rs_quantile_table_like(&m->ramp_factor, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->ramp.time_cv),
                           like ? &like->ramp_factor : NULL);
    m->cycle_shape = sc->pipeline.cycle_cv > 0 ? 1.0 / (sc->pipeline.cycle_cv * sc->pipeline.cycle_cv) : 0.0;
    if (m->cycle_shape > 0)
        rs_quantile_table_like(&m->cycle, RS_QUANTILE_GAMMA, m->cycle_shape,
                               like && like->cycle_shape > 0 ? &like->cycle : NULL);
    m->budget = rs_manager_budget(sc);

    size_t reps = (size_t)sc->team.reps, H = (size_t)layout->horizon;
    /* Start with room for twice the steady state's open deals and grow
     * when a replication needs more. */
    int32_t capacity = (int32_t)rs_min2(open_deals(sc), 1e6);
    m->closing_capacity = 64;
    m->seats = calloc(reps, sizeof *m->seats);
    m->closing = malloc(m->closing_capacity * sizeof *m->closing);
    bool book = rs_deal_book_init(&m->book, capacity) == RS_OK;
    m->week_bookings = calloc(H, sizeof(double));
    m->week_quota = calloc(H, sizeof(double));
    m->productivity_sum = calloc(H, sizeof(double));
    m->observed = calloc(H, sizeof(int));
    m->ramped_count = calloc(H, sizeof(int));
    if (!book || !m->seats || !m->closing || !m->week_bookings || !m->week_quota ||
        !m->productivity_sum || !m->observed || !m->ramped_count) {
        rs_model_free(m);
        return NULL;
    }
    return m;
}

void rs_model_free(rs_model *m)
{
    if (!m)
        return;
    rs_deal_book_free(&m->book);
    free(m->seats);
    free(m->closing);
    free(m->week_bookings);
    free(m->week_quota);
    free(m->productivity_sum);
    free(m->observed);
    free(m->ramped_count);
    free(m);
}

/* ---- helpers ------------------------------------------------------------ */

/* The practices' multipliers for a rep at their coaching stock now. */
static const rs_practice_effects *seat_effects(const rs_model *m, seat *s)
{
    if (s->stock != s->effects_stock) {
        s->effects = rs_effects_at(&m->effects, s->stock);
        s->effects_stock = s->stock;
    }
    return &s->effects;
}

static double productivity(const rs_model *m, const seat *s)
{
    return s->veteran ? 1.0 : rs_ramp_rho(&m->ramp, s->experience);
}

/* The quota a seat carries in a week when its rep has `tenure` weeks. */
static double seat_quota(const rs_model *m, const seat *s, int tenure)
{
    if (!s->active)
        return m->sc->quota.vacant_seats_count ? m->weekly_quota : 0.0;
    if (s->veteran || !m->sc->quota.ramped)
        return m->weekly_quota;
    return m->weekly_quota * rs_ramp_rho(&m->ramp, tenure);
}

static bool recording(int week)
{
    return week >= 0;
}

static void hire(rs_model *m, int index, int week, bool veteran)
{
    seat *s = &m->seats[index];
    int draw_week = veteran ? RS_RNG_INITIAL_WEEK : week;
    rs_stream draws;
    rs_stream_start(&draws, m->key, m->replication, RS_RNG_SKILL, (unsigned)index, draw_week, 0);
    m->draws.hires++;
    uint32_t generation = s->generation;
    rs_stream stream = s->stream;
    memset(s, 0, sizeof *s);
    s->generation = generation;
    s->stream = stream;
    s->active = true;
    s->veteran = veteran;
    s->skill = rs_quantile(&m->skill, rs_stream_uniform(&draws));
    s->ramp_factor = 1.0;
    if (!veteran) {
        /* a purpose of its own, so that no other draw moves */
        rs_stream_start(&draws, m->key, m->replication, RS_RNG_RAMP_FACTOR, (unsigned)index, draw_week, 0);
        s->ramp_factor = rs_quantile(&m->ramp_factor, rs_stream_uniform(&draws));
    }
    s->hire_week = week;
    s->selling_hours = m->selling_hours; /* undisturbed in the first week */
    s->effects_stock = NAN;              /* nothing kept yet */
    s->stock = veteran ? rs_manager_prior_stock(m->sc) : 0.0;
    s->tracked = !veteran && recording(week);
    s->first_year_seen = s->tracked && week + RS_WEEKS_PER_YEAR < m->layout->horizon;
    /* Late hires would bring only their fast ramps and early wins: the
     * pooled metrics take the hires whose first year lies in the horizon
     * (every hire when the horizon is shorter than a year). */
    s->pooled = m->layout->horizon > RS_WEEKS_PER_YEAR ? s->first_year_seen : s->tracked;
    m->first_year_hires += s->first_year_seen;
    if (s->tracked) {
        m->hires++;
        m->observed[0]++; /* at hire: no weeks of tenure, productivity rho(0) */
        m->productivity_sum[0] += rs_ramp_rho(&m->ramp, 0.0);
    }
}

/* ---- the weekly steps ---------------------------------------------------- */

/* A rep leaves: the seat stays empty for the hiring lag, and the leaver's
 * open deals are dropped (they become stale). */
static void depart(rs_model *m, seat *s, int week, exit_cause cause)
{
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
    if (s->veteran)
        return false;
    int tenure = week - s->hire_week;
    /* reviews whose week passed when none was held (the warm-up) are gone */
    while (s->next_review < sc->attrition.review_count && sc->attrition.review_weeks[s->next_review] < tenure)
        s->next_review++;
    if (s->next_review >= sc->attrition.review_count || sc->attrition.review_weeks[s->next_review] != tenure)
        return false;
    s->next_review++;
    return s->hire_bookings < sc->attrition.review_below * s->hire_quota;
}

/* Step 1: departures (attrition, then early reviews), then hires into
 * seats whose lag has run out. The warm-up has none of them. */
static void step_staffing(rs_model *m, int week)
{
    const rs_scenario *sc = m->sc;
    for (int i = 0; i < sc->team.reps; i++) {
        seat *s = &m->seats[i];
        rs_stream_start(&s->stream, m->key, m->replication, RS_RNG_SEAT_WEEK, (unsigned)i, week, 0);
        if (!recording(week))
            continue;
        if (s->active && rs_stream_uniform(&s->stream) < m->leave_prob) {
            depart(m, s, week, EXIT_ATTRITION);
        } else if (s->active && at_risk_at_review(m, s, week)) {
            rs_stream review;
            rs_stream_start(&review, m->key, m->replication, RS_RNG_REVIEW, (unsigned)i, week, 0);
            if (rs_stream_uniform(&review) < sc->attrition.review_exit)
                depart(m, s, week, EXIT_REVIEW);
        }
        if (!s->active && s->vacant_until <= week)
            hire(m, i, week, false);
    }
}

static bool in_onboarding(const rs_model *m, const seat *s, int week)
{
    return s->active && !s->veteran && week - s->hire_week < m->sc->onboarding.weeks;
}

/* Step 2: the manager's planned hours, fitted to the budget (manager.c). */
static void step_plan(rs_model *m, int week, rs_manager_week *p)
{
    int active = 0, onboarding = 0;
    for (int i = 0; i < m->sc->team.reps; i++) {
        active += m->seats[i].active;
        onboarding += in_onboarding(m, &m->seats[i], week);
    }
    rs_manager_plan_week(p, m->sc, active, onboarding, m->budget);
}

static int by_seat_then_largest(const void *a, const void *b)
{
    const closing *x = a, *y = b;
    if (x->seat != y->seat)
        return x->seat < y->seat ? -1 : 1;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

static bool deal_help_this_week(const rs_scenario *sc, int week_in_quarter)
{
    if (sc->deal_help.when == RS_DEAL_HELP_ALWAYS)
        return true;
    return sc->deal_help.when == RS_DEAL_HELP_QUARTER_END && week_in_quarter >= RS_WEEKS_PER_QUARTER - sc->deal_help.weeks;
}

/* Quarter-to-date attainment through last week below `level`? A rep with
 * no quota yet this quarter is not behind. */
static bool behind(const seat *s, double level)
{
    return s->qtd_quota > 0.0 && s->qtd_bookings < level * s->qtd_quota;
}

/* A won deal books its value to the rep in its close week. */
static void book_win(rs_model *m, const rs_deal *d, int week, rs_outcome *out)
{
    seat *s = &m->seats[d->seat];
    s->qtd_bookings += d->value;
    s->fy_bookings += d->value;
    s->hire_bookings += d->value;
    if (!recording(week))
        return;
    m->week_bookings[week] += d->value;
    m->won++;
    m->won_cycle_sum += week - d->created;
    m->won_value_sum += d->value;
    if (s->pooled && !s->won_any) {
        s->won_any = true;
        out->first_win_weeks[out->n_first_win_weeks++] = week - s->hire_week;
    }
}

/* The odds each rep's deals closing this week are decided with, from the
 * state at the start of the week: the win probability the practices give
 * (capped), and the attention the rep's pipeline gets: last week's selling
 * hours against what the open opportunities, this week's closing ones
 * included, need. */
static void closing_odds(rs_model *m, int week)
{
    const rs_scenario *sc = m->sc;
    double need_per_deal = sc->rep.hours_per_open_deal;
    for (int i = 0; i < sc->team.reps; i++) {
        seat *s = &m->seats[i];
        if (!s->active)
            continue;
        s->close_win = rs_min2(sc->pipeline.win_rate * seat_effects(m, s)->win, sc->pipeline.max_win_rate);
        double need = s->open_deals * need_per_deal;
        s->attention = need > s->selling_hours ? s->selling_hours / need : 1.0;
        if (recording(week))
            m->attention_sum += s->attention;
    }
}

/* Step 3: deals closing this week are decided with the state at the start
 * of the week; deal help happens here and displaces planned coaching. */
static rs_status step_close(rs_model *m, int week, int week_in_quarter, rs_manager_week *p, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
    closing_odds(m, week);
    int32_t list = rs_deal_book_take(&m->book, week);
    size_t n = 0;
    for (int32_t i = list; i >= 0; i = m->book.deals[i].next) {
        const rs_deal *d = &m->book.deals[i];
        seat *s = &m->seats[d->seat];
        if (d->generation != s->generation)
            continue; /* its rep has left */
        s->open_deals--;
        s->open_value -= d->value;
        if (n == m->closing_capacity) {
            closing *grown = realloc(m->closing, 2 * m->closing_capacity * sizeof *grown);
            if (!grown)
                return RS_ERR_NOMEM;
            m->closing = grown;
            m->closing_capacity *= 2;
        }
        m->closing[n].seat = d->seat;
        m->closing[n].value = d->value;
        m->closing[n].index = (size_t)i;
        n++;
    }
    /* Deal help is the intervention a scenario studies: it starts at week 0,
     * not in the warm-up (docs/model.md). */
    bool help = recording(week) && deal_help_this_week(sc, week_in_quarter) && sc->deal_help.max_deals_per_week > 0;
    if (help)
        qsort(m->closing, n, sizeof *m->closing, by_seat_then_largest);

    double style_multiplier = sc->deal_help.style == RS_STYLE_TAKE_OVER ? sc->deal_help.take_over_win_multiplier
                                                                        : sc->deal_help.coach_win_multiplier;
    int helped_now = 0, run_seat = -1, run_count = 0;
    for (size_t c = 0; c < n; c++) {
        const rs_deal *d = &m->book.deals[m->closing[c].index];
        seat *s = &m->seats[d->seat];
        if (d->seat != run_seat) {
            run_seat = d->seat;
            run_count = 0;
        }
        double p_win = s->close_win;
        if (help && run_count < sc->deal_help.max_deals_per_week && behind(s, sc->deal_help.below_attainment)) {
            run_count++;
            helped_now++;
            p_win = rs_min2(p_win * style_multiplier, sc->pipeline.max_win_rate);
            if (sc->deal_help.style == RS_STYLE_COACH)
                s->deal_coaching += sc->deal_help.hours_per_deal;
        }
        bool won = d->win_u < p_win * s->attention;
        if (recording(week))
            m->closed++;
        if (won)
            book_win(m, d, week, out);
    }
    rs_deal_book_release(&m->book, list);

    if (recording(week))
        m->helped_deals += helped_now;
    rs_manager_add_deal_help(p, m->budget, helped_now * sc->deal_help.hours_per_deal);
    return RS_OK;
}

/* Step 4: coaching each rep receives, and the coaching stock update. */
static void step_coaching(rs_model *m, int week, const rs_manager_week *p)
{
    const rs_scenario *sc = m->sc;
    double weight_sum = 0.0;
    for (int i = 0; i < sc->team.reps; i++) {
        const seat *s = &m->seats[i];
        if (s->active)
            weight_sum += sc->coaching.focus == RS_FOCUS_BEHIND && behind(s, 1.0) ? 2.0 : 1.0;
    }
    for (int i = 0; i < sc->team.reps; i++) {
        seat *s = &m->seats[i];
        if (!s->active)
            continue;
        double weight = sc->coaching.focus == RS_FOCUS_BEHIND && behind(s, 1.0) ? 2.0 : 1.0;
        s->coaching = p->hours[RS_ACT_COACHING] * weight / weight_sum;
        s->onboarding = in_onboarding(m, s, week) ? p->hours[RS_ACT_ONBOARDING] / p->onboarding : 0.0;
        /* In the warm-up the stock stays at the prior the veterans start
         * with at week 0 (docs/model.md). */
        double received = s->coaching + m->ride_along_equiv + s->deal_coaching;
        if (recording(week))
            s->stock += m->stock_rate * (received * RS_WEEKS_PER_MONTH - s->stock);
    }
}

/* Step 5: leads, opportunities, their values and close weeks. */
static rs_status step_pipeline(rs_model *m, int week)
{
    const rs_scenario *sc = m->sc;
    for (int i = 0; i < sc->team.reps; i++) {
        seat *s = &m->seats[i];
        if (!s->active)
            continue;
        double rep_hours = m->one_on_one_hours + m->meeting_hours + s->coaching + s->onboarding + s->deal_coaching;
        double selling = rs_max2(0.0, 1.0 - sc->rep.meeting_cost * rep_hours / m->selling_hours);
        s->selling_hours = m->selling_hours * selling;
        /* the practices' effects with the stock this week's coaching left */
        const rs_practice_effects *fx = seat_effects(m, s);
        double size_mean = sc->pipeline.deal_size * fx->size;
        double cycle_mean = sc->pipeline.cycle_weeks * fx->cycle;
        double mu = sc->pipeline.leads_per_week * productivity(m, s) * s->skill * selling * fx->lead;
        /* Leads ~ Poisson(mu), each an opportunity with probability p, is
         * the same as independent Poisson(mu p) opportunities and
         * Poisson(mu (1 - p)) lost leads (thinning, docs/model.md). */
        double p = sc->pipeline.lead_to_opportunity;
        rs_stream_seek(&s->stream, RS_WORD_OPPORTUNITIES);
        unsigned opportunities =
            rs_poisson_quantile_cached(&s->opportunity_cache, mu * p, rs_stream_uniform(&s->stream));
        unsigned lost = rs_poisson_quantile_cached(&s->lost_cache, mu * (1.0 - p), rs_stream_uniform(&s->stream));
        m->draws.seat_weeks++;
        m->draws.opportunities += opportunities;
        m->draws.lost_leads += lost;
        if (recording(week)) {
            m->leads += opportunities + lost;
            m->selling_share_sum += sc->rep.selling_share * selling;
            m->stock_sum += s->stock;
            m->rep_weeks++;
        }
        for (unsigned k = 0; k < opportunities; k++) {
            /* opportunity k of the seat's week has its own block */
            rs_stream draws;
            rs_stream_start(&draws, m->key, m->replication, RS_RNG_DEAL, (unsigned)i, week, k);
            double u_win = rs_stream_uniform(&draws);
            double u_value = rs_stream_uniform(&draws);
            double u_cycle = rs_stream_uniform(&draws);
            double cycle = m->cycle_shape > 0 ? cycle_mean * rs_quantile(&m->cycle, u_cycle) : cycle_mean;
            /* closes ceil(cycle) weeks later, at least the next week */
            int weeks = (int)cycle;
            weeks += (double)weeks < cycle;
            int close = week + (weeks > 1 ? weeks : 1);
            int32_t index = rs_deal_book_add(&m->book, week, close);
            if (index < 0)
                return RS_ERR_NOMEM;
            rs_deal *d = &m->book.deals[index];
            d->win_u = u_win;
            d->value = size_mean * rs_quantile(&m->deal_value, u_value);
            d->seat = i;
            d->generation = s->generation;
            s->open_deals++;
            s->open_value += d->value;
        }
    }
    return RS_OK;
}

/* Step 6: experience and tenure grow; ramp times are recorded. */
static void step_experience(rs_model *m, int week, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
    int H = m->layout->horizon;
    for (int i = 0; i < sc->team.reps; i++) {
        seat *s = &m->seats[i];
        if (!s->active || s->veteran)
            continue;
        double before = s->experience;
        s->experience += (1.0 + m->onboarding_gain * s->onboarding) / s->ramp_factor;
        if (!s->tracked)
            continue;
        int tenure = week + 1 - s->hire_week; /* completed weeks */
        double target = m->ramp.ramped_experience;
        if (!s->ramped && s->experience >= target) {
            s->ramped = true;
            /* experience grows evenly within the week: interpolate */
            if (s->pooled)
                out->ramp_weeks[out->n_ramp_weeks++] = tenure - 1 + (target - before) / (s->experience - before);
        }
        if (tenure < H) {
            m->observed[tenure]++;
            m->ramped_count[tenure] += s->ramped;
            m->productivity_sum[tenure] += rs_ramp_rho(&m->ramp, s->experience);
        }
    }
}

/* The team quota of the quarter starting this week, projected with the
 * reps on the team now (CRM-style: who leaves later is not known yet). */
static double projected_quarter_quota(const rs_model *m, int week)
{
    double total = 0.0;
    for (int i = 0; i < m->sc->team.reps; i++) {
        const seat *s = &m->seats[i];
        for (int k = 0; k < RS_WEEKS_PER_QUARTER; k++)
            total += seat_quota(m, s, week + k - s->hire_week);
    }
    return total;
}

static double open_pipeline(const rs_model *m)
{
    double total = 0.0;
    for (int i = 0; i < m->sc->team.reps; i++)
        total += m->seats[i].open_value;
    return total;
}

/* Step 7: the week's quota accrues; at a quarter's first week the
 * pipeline-to-quota ratio is taken. */
static void step_quota(rs_model *m, int week, int week_in_quarter)
{
    double team = 0.0;
    for (int i = 0; i < m->sc->team.reps; i++) {
        seat *s = &m->seats[i];
        double q = seat_quota(m, s, week - s->hire_week);
        team += q;
        if (s->active) {
            s->qtd_quota += q;
            s->fy_quota += q;
            s->hire_quota += q;
        }
    }
    if (!recording(week))
        return;
    m->week_quota[week] = team;
    if (week_in_quarter == 0) {
        double quarter_quota = projected_quarter_quota(m, week);
        if (quarter_quota > 0.0) {
            m->pipeline_ratio_sum += open_pipeline(m) / quarter_quota;
            m->pipeline_ratio_n++;
        }
    }
}

/* ---- fiscal calendar ---------------------------------------------------- */

static void start_quarter(rs_model *m)
{
    for (int i = 0; i < m->sc->team.reps; i++)
        m->seats[i].qtd_bookings = m->seats[i].qtd_quota = 0.0;
}

static void start_fiscal_year(rs_model *m)
{
    for (int i = 0; i < m->sc->team.reps; i++) {
        seat *s = &m->seats[i];
        s->fy_bookings = s->fy_quota = 0.0;
        s->fy_present = s->active;
    }
}

/* At a fiscal year's last week: reps present all year, and those at quota. */
static void end_fiscal_year(rs_model *m, rs_outcome *out)
{
    int present = 0, at_quota = 0;
    for (int i = 0; i < m->sc->team.reps; i++) {
        const seat *s = &m->seats[i];
        if (s->active && s->fy_present && s->fy_quota > 0.0) {
            present++;
            at_quota += s->fy_bookings >= s->fy_quota;
        }
    }
    if (m->fiscal_year < m->layout->fiscal_years)
        out->values[rs_layout_fy_slot(m->layout, m->fiscal_year, RS_FY_REPS_AT_QUOTA)] =
            present > 0 ? 100.0 * at_quota / present : NAN;
    m->fiscal_year++;
}

/* ---- one replication ---------------------------------------------------- */

static void reset(rs_model *m, uint32_t replication, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
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
    m->won_cycle_sum = m->won_value_sum = m->selling_share_sum = m->stock_sum = m->attention_sum = 0.0;
    m->rep_weeks = 0;
    m->pipeline_ratio_sum = 0.0;
    m->pipeline_ratio_n = 0;
    memset(m->manager_total, 0, sizeof m->manager_total);
    m->fiscal_year = 0;
    for (size_t i = 0; i < m->layout->slots; i++)
        out->values[i] = NAN;
    out->n_ramp_weeks = out->n_first_win_weeks = 0;

    /* Seats 0 .. new_hires-1 wait for their new hire at week 0; the others
     * hold veterans through the warm-up. */
    for (int i = 0; i < sc->team.reps; i++) {
        memset(&m->seats[i], 0, sizeof m->seats[i]);
        if (i >= sc->team.new_hires) {
            hire(m, i, -sc->run.warmup_weeks, true);
        }
    }
}

/* Attainment in percent of a span of weeks, with `gone` weeks before week
 * 0 counted at the year-to-date attainment. */
static double attainment(const rs_model *m, int first, int weeks, int gone, double *bookings, double *quota)
{
    double b = 0.0, q = 0.0;
    for (int w = first; w < first + weeks; w++) {
        b += m->week_bookings[w];
        q += m->week_quota[w];
    }
    *bookings = b;
    *quota = q;
    double q_gone = gone * m->week_quota[0];
    double denominator = q_gone + q;
    return denominator > 0.0 ? 100.0 * (m->sc->run.ytd_attainment * q_gone + b) / denominator : NAN;
}

static void summarise(rs_model *m, rs_outcome *out)
{
    const rs_layout *l = m->layout;
    double *v = out->values;
    int H = l->horizon;
    double b, q;
    for (int k = 0; k < l->fiscal_years; k++) {
        int first = k == 0 ? 0 : l->fy1_weeks + RS_WEEKS_PER_YEAR * (k - 1);
        int weeks = k == 0 ? l->fy1_weeks : RS_WEEKS_PER_YEAR;
        int gone = k == 0 ? m->sc->run.start_week : 0;
        v[rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT)] = attainment(m, first, weeks, gone, &b, &q);
        v[rs_layout_fy_slot(l, k, RS_FY_BOOKINGS)] = b;
        v[rs_layout_fy_slot(l, k, RS_FY_QUOTA)] = q;
    }
    for (int k = 0; k < l->quarters; k++) {
        const rs_quarter_span *span = &l->quarter_spans[k];
        v[l->quarter + (size_t)k] = attainment(m, span->first_week, span->weeks, span->gone_weeks, &b, &q);
    }
    double cum_b = 0.0, cum_q = 0.0;
    for (int w = 0; w < H; w++) {
        cum_b += m->week_bookings[w];
        cum_q += m->week_quota[w];
        v[l->cum_bookings + (size_t)w] = cum_b;
        v[l->cum_quota + (size_t)w] = cum_q;
        if (m->observed[w] > 0) {
            v[l->productivity + (size_t)w] = m->productivity_sum[w] / m->observed[w];
            v[l->ramped_share + (size_t)w] = 100.0 * m->ramped_count[w] / m->observed[w];
        }
    }
    v[RS_M_WIN_RATE] = m->closed > 0 ? 100.0 * (double)m->won / (double)m->closed : NAN;
    v[RS_M_WON_CYCLE_WEEKS] = m->won > 0 ? m->won_cycle_sum / (double)m->won : NAN;
    v[RS_M_WON_DEAL_SIZE] = m->won > 0 ? m->won_value_sum / (double)m->won : NAN;
    v[RS_M_PIPELINE_TO_QUOTA] = m->pipeline_ratio_n > 0 ? m->pipeline_ratio_sum / m->pipeline_ratio_n : NAN;
    v[RS_M_SELLING_TIME_SHARE] = m->rep_weeks > 0 ? 100.0 * m->selling_share_sum / (double)m->rep_weeks : NAN;
    v[RS_M_LEAD_TO_CLOSE] = m->leads > 0 ? 100.0 * (double)m->won / (double)m->leads : NAN;
    v[RS_M_DEALS_WON] = (double)m->won;
    v[RS_M_COACHING_STOCK] = m->rep_weeks > 0 ? m->stock_sum / (double)m->rep_weeks : NAN;
    v[RS_M_MANAGER_HOURS] = m->manager_total[RS_ACT_TOTAL] / H;
    v[RS_M_MANAGER_OVERTIME] = m->manager_total[RS_ACT_OVERTIME] / H;
    v[RS_M_COACHING_SHORTFALL] = m->manager_total[RS_ACT_SHORTFALL] / H;
    v[RS_M_DEAL_HELP_DEALS] = (double)m->helped_deals;
    v[RS_M_ATTENTION] = m->rep_weeks > 0 ? 100.0 * m->attention_sum / (double)m->rep_weeks : NAN;
    v[RS_M_DEPARTURES] = (double)m->departures;
    v[RS_M_REVIEW_EXITS] = (double)m->review_exits;
    if (m->first_year_hires > 0) {
        double share = 100.0 / (double)m->first_year_hires;
        long attrition = m->first_year_exits[EXIT_ATTRITION], review = m->first_year_exits[EXIT_REVIEW];
        v[RS_M_FIRST_YEAR_EXITS] = share * (double)(attrition + review);
        v[RS_M_FIRST_YEAR_EXITS_ATTRITION] = share * (double)attrition;
        v[RS_M_FIRST_YEAR_EXITS_REVIEW] = share * (double)review;
    }
    v[RS_M_HIRES] = (double)m->hires;
    double bookings = 0.0;
    for (int w = 0; w < H; w++)
        bookings += m->week_bookings[w];
    v[RS_M_BOOKINGS_TOTAL] = bookings;
    v[RS_M_MANAGER_HOURS_TOTAL] = m->manager_total[RS_ACT_TOTAL];
    /* the value of a plan: gross profit on its bookings less the price of
     * the manager's hours it takes (docs/model.md) */
    v[RS_M_NET_VALUE] = m->sc->pipeline.gross_margin * bookings -
                        m->sc->manager.hourly_cost * m->manager_total[RS_ACT_TOTAL];
}

const rs_model_draws *rs_model_draw_counts(const rs_model *m)
{
    return &m->draws;
}

rs_status rs_model_run(rs_model *m, uint32_t replication, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
    const rs_layout *l = m->layout;
    reset(m, replication, out);
    int fy_end = l->fy1_weeks - 1; /* last week of the fiscal year being recorded */
    for (int week = -sc->run.warmup_weeks; week < l->horizon; week++) {
        int fiscal_week = ((sc->run.start_week + week) % RS_WEEKS_PER_YEAR + RS_WEEKS_PER_YEAR) % RS_WEEKS_PER_YEAR;
        int week_in_quarter = fiscal_week % RS_WEEKS_PER_QUARTER;
        if (week_in_quarter == 0)
            start_quarter(m);
        for (int i = 0; i < sc->team.reps; i++) {
            m->seats[i].deal_coaching = 0.0;
            m->seats[i].coaching = m->seats[i].onboarding = 0.0;
        }

        step_staffing(m, week);
        if (week == 0 || (recording(week) && fiscal_week == 0))
            start_fiscal_year(m);
        rs_manager_week p;
        step_plan(m, week, &p);
        rs_status st = step_close(m, week, week_in_quarter, &p, out);
        if (st != RS_OK)
            return st;
        step_coaching(m, week, &p);
        st = step_pipeline(m, week);
        if (st != RS_OK)
            return st;
        step_experience(m, week, out);
        step_quota(m, week, week_in_quarter);

        if (recording(week)) {
            for (int a = 0; a < RS_ACT_COUNT; a++) {
                m->manager_total[a] += p.hours[a];
                out->values[rs_layout_manager_slot(l, week, (rs_activity)a)] = p.hours[a];
            }
            if (week == fy_end) {
                end_fiscal_year(m, out);
                fy_end += RS_WEEKS_PER_YEAR;
            }
        }
    }
    summarise(m, out);
    return RS_OK;
}
