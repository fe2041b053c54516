/* model_workspace.c: a model's workspace, allocated once per thread and
 * reused for every replication it runs, and the memory it takes. */
#include "model.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "manager.h"
#include "minmax.h"
#include "model_state.h"
#include "params.h"
#include "philox_batch.h"
#include "sampler_tables.h"
#include "shapes.h"
#include "team.h"
#include "uncertain.h"

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
    double busiest = 0.0; /* the busiest season's leads */
    for (int q = 0; q < RS_QUARTERS; q++)
        busiest = fmax(busiest, RS_QUARTERS * sc->pipeline.seasonality[q]);
    return per_seat * fmax(1.0, busiest) * fmax(1.0, skill * 0.25 + 0.75) * sc->team.seat_count;
}

/* The seats, zeroed, on cache-line boundaries: a seat is five lines
 * (model_state.h), the usual rep-week touches the first four, and a seat
 * that straddled a sixth would cost the loop a line more. */
#define SEAT_ALIGNMENT 64
_Static_assert(sizeof(seat) == 5 * SEAT_ALIGNMENT, "a seat is five cache lines");
_Static_assert(offsetof(seat, qtd_bookings) == 4 * SEAT_ALIGNMENT, "what every week touches fills four lines");

static seat *seats_new(size_t reps)
{
    size_t bytes = (reps > 0 ? reps : 1) * sizeof(seat);
    seat *seats = aligned_alloc(SEAT_ALIGNMENT, bytes);
    if (seats)
        memset(seats, 0, bytes);
    return seats;
}

size_t rs_model_memory(const rs_scenario *sc, const rs_layout *layout)
{
    size_t H = (size_t)layout->horizon;
    /* with uncertain keys, the workspace's own copy of the scenario */
    size_t drawn = sc->uncertain.count > 0 ? sizeof(rs_scenario) + rs_param_count * sizeof(rs_origin) : 0;
    /* the seats' weekly blocks, a batch of weeks of about 256 blocks (a
     * week at least, and whole vectors), and four opportunities' to begin
     * with: each a block, its seat, its value and cycle factors */
    size_t seats = (size_t)sc->team.seat_count;
    size_t seat_batch = (seats < RS_WEEK_DRAWS_SEAT_BATCH ? RS_WEEK_DRAWS_SEAT_BATCH : seats) + RS_PHILOX_PAD;
    size_t week_draws = seat_batch * 4 * sizeof(uint32_t) +
                        (4 * seats + 64) * (4 * sizeof(uint32_t) + sizeof(uint32_t) + 2 * sizeof(double));
    /* its four shapes, counted as if none were shared */
    size_t shapes = 4 * sizeof(rs_shape);
    return drawn + week_draws + shapes + sizeof(rs_model) + seats * sizeof(seat) +
           H * (3 * sizeof(double) + 2 * sizeof(int)) +
           (size_t)fmin(open_deals(sc), 1e15) * sizeof(rs_deal); /* within size_t, and far past any memory */
}

/* One of the mean-1 shapes: kept when its parameter did not change (a
 * draw of the inputs seldom changes a CV), else shared with `like` when it
 * has that shape, else built. False when out of memory (the shape held is
 * kept). */
static bool shape(rs_shape **held, rs_quantile_family family, double param, rs_shape *like)
{
    rs_shape *taken = rs_shape_take(*held, family, param, like);
    if (!taken)
        return false;
    *held = taken;
    return true;
}

rs_status rs_model_derive(rs_model *m, const rs_model *like)
{
    const rs_scenario *sc = m->sc;
    rs_ramp_init(&m->ramp, sc);
    rs_effects_init(&m->effects, sc);

    m->leave_probability_a_week = 1.0 - pow(1.0 - sc->attrition.annual, 1.0 / RS_WEEKS_PER_YEAR);
    m->undisturbed_selling_hours_a_week = sc->rep.hours_per_week * sc->rep.selling_share;
    m->stock_rate_a_week = 1.0 - exp(-1.0 / sc->coaching.memory_weeks);
    m->experience_weeks_per_onboarding_hour = sc->ramp.onboarding_hour_weeks * rs_uncertain_effects_scale(sc);
    m->one_on_one_hours_a_week = rs_manager_one_on_ones_per_week(sc) * sc->one_on_one.hours;
    m->meeting_hours_a_week = sc->team_meeting.weekly ? sc->team_meeting.hours : 0.0;
    m->ride_along_coaching_hours_a_week =
        sc->ride_along.calls_per_month / RS_WEEKS_PER_MONTH * sc->ride_along.coaching_equiv_hours;
    m->quota_a_week = sc->quota.annual / RS_WEEKS_PER_YEAR;
    for (int q = 0; q < RS_QUARTERS; q++) {
        m->lead_season[q] = RS_QUARTERS * sc->pipeline.seasonality[q];
        m->quota_season[q] = RS_QUARTERS * sc->quota.seasonality[q];
    }
    m->seat_count = sc->team.seat_count;
    m->own_coaching = rs_team_has_own_coaching(sc);
    m->key = rs_rng_key(sc->run.seed);
    m->budget_hours_a_week = rs_manager_budget(sc);
    m->cycle_shape = sc->pipeline.cycle_cv > 0 ? 1.0 / (sc->pipeline.cycle_cv * sc->pipeline.cycle_cv) : 0.0;
    bool shaped =
        shape(&m->deal_value, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->pipeline.deal_size_cv),
              like ? like->deal_value : NULL) &&
        shape(&m->skill, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->rep.skill_cv), like ? like->skill : NULL) &&
        shape(&m->ramp_factor, RS_QUANTILE_LOGNORMAL, lognormal_sigma(sc->ramp.time_cv),
              like ? like->ramp_factor : NULL) &&
        (m->cycle_shape <= 0 || shape(&m->cycle, RS_QUANTILE_GAMMA, m->cycle_shape, like ? like->cycle : NULL));
    return shaped ? RS_OK : RS_ERR_NOMEM;
}

rs_model *rs_model_new(const rs_scenario *sc, const rs_layout *layout, const rs_model *like)
{
    rs_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    rs_poisson_table_init(); /* once a process, before this workspace's first draw */
    m->sc = m->base = sc;
    m->layout = layout;
    if (sc->uncertain.count > 0) {
        /* a copy of its own whose uncertain fields each draw rewrites;
         * until the first replication it holds the base's values */
        m->drawn = rs_scenario_clone(sc);
        if (!m->drawn) {
            free(m);
            return NULL;
        }
        m->sc = m->drawn;
    }
    if (rs_model_derive(m, like) != RS_OK) {
        rs_model_free(m);
        return NULL;
    }

    size_t reps = (size_t)sc->team.seat_count, H = (size_t)layout->horizon;
    /* Start with room for twice the steady state's open deals and grow
     * when a replication needs more. */
    int32_t capacity = (int32_t)rs_min2(open_deals(sc), 1e6);
    m->closing_capacity = 64;
    m->seats = seats_new(reps);
    m->closing = malloc(m->closing_capacity * sizeof *m->closing);
    bool book = rs_deal_book_init(&m->book, capacity) == RS_OK;
    /* a week's opportunities: about one a seat, room for four to begin with */
    bool week = rs_week_draws_init(&m->week, sc->team.seat_count, 4 * reps + 64) == RS_OK;
    m->week_bookings = calloc(H, sizeof(double));
    m->week_quota = calloc(H, sizeof(double));
    m->productivity_sum = calloc(H, sizeof(double));
    m->observed = calloc(H, sizeof(int));
    m->ramped_count = calloc(H, sizeof(int));
    if (!book || !week || !m->seats || !m->closing || !m->week_bookings || !m->week_quota ||
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
    rs_scenario_free(m->drawn);
    rs_shape_release(m->deal_value);
    rs_shape_release(m->cycle);
    rs_shape_release(m->skill);
    rs_shape_release(m->ramp_factor);
    rs_deal_book_free(&m->book);
    rs_week_draws_free(&m->week);
    free(m->seats);
    free(m->closing);
    free(m->week_bookings);
    free(m->week_quota);
    free(m->productivity_sum);
    free(m->observed);
    free(m->ramped_count);
    free(m);
}

const rs_model_draws *rs_model_draw_counts(const rs_model *m)
{
    return &m->draws;
}
