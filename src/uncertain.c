/* uncertain.c: the uncertain inputs of a run (docs/uncertainty.md). */
#include "uncertain.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "dist.h"
#include "params.h"
#include "params_uncertain.h"
#include "rng.h"

/* How a survey effect's strength s acts on its figure f: s = 0 is no
 * effect, s = 1 the figure at face value (effects.scale's own forms). */
typedef enum { EFFECT_FACTOR, EFFECT_CEILING, EFFECT_LINEAR } effect_form;

/* Which practice an effect belongs to: a practice the plan does not use
 * gets no range, so that it neither counts among the uncertain inputs nor
 * draws a line of pure luck on the spider chart. */
typedef enum { PRACTICE_ONBOARDING, PRACTICE_COACHING, PRACTICE_ONE_ON_ONE, PRACTICE_MEETING } practice;

static const struct {
    const char *key;
    effect_form form;
    practice practice;
} research_keys[] = {
    {"ramp.onboarding_hour_weeks", EFFECT_LINEAR, PRACTICE_ONBOARDING},
    {"coaching.max_uplift", EFFECT_CEILING, PRACTICE_COACHING},
    {"one_on_one.win_multiplier", EFFECT_FACTOR, PRACTICE_ONE_ON_ONE},
    {"one_on_one.cycle_multiplier", EFFECT_FACTOR, PRACTICE_ONE_ON_ONE},
    {"one_on_one.deal_size_multiplier", EFFECT_FACTOR, PRACTICE_ONE_ON_ONE},
    {"team_meeting.lead_multiplier", EFFECT_FACTOR, PRACTICE_MEETING},
};

/* Whether the plan uses the practice at all (coaching always: the stock
 * of coaching comes from ride-alongs and the veterans' prior too). */
static bool in_use(const rs_scenario *sc, practice p)
{
    switch (p) {
    case PRACTICE_ONBOARDING:
        return sc->onboarding.extra_hours_per_week > 0.0 && sc->onboarding.weeks > 0;
    case PRACTICE_ONE_ON_ONE:
        return sc->one_on_one.cadence != RS_CADENCE_NONE;
    case PRACTICE_MEETING:
        return sc->team_meeting.weekly;
    default:
        return true;
    }
}

/* A little beyond face value: a quarter more strength than the figure. */
#define RESEARCH_BEYOND 1.25

static double at_strength(effect_form form, double figure, double s)
{
    if (s == 1.0)
        return figure; /* exactly: the figure at face value */
    switch (form) {
    case EFFECT_FACTOR:
        return pow(figure, s);
    case EFFECT_CEILING:
        return pow(1.0 + figure, s) - 1.0;
    default:
        return figure * s;
    }
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

void rs_uncertain_refresh_research(rs_scenario *sc)
{
    for (int i = sc->uncertain.count - 1; i >= 0; i--)
        if (sc->uncertain.keys[i].research)
            rs_uncertain_remove(sc, sc->uncertain.keys[i].param);
    if (sc->effects.uncertainty != RS_UNCERTAINTY_RESEARCH)
        return;
    double scale = sc->effects.scale, beyond = RESEARCH_BEYOND * fmax(1.0, scale);
    for (size_t k = 0; k < sizeof research_keys / sizeof research_keys[0]; k++) {
        int param = rs_param_find_dotted(research_keys[k].key);
        const rs_param *p = &rs_params[param];
        if (rs_uncertain_find(sc, param) || !in_use(sc, research_keys[k].practice))
            continue; /* a distribution of the user's own, or a practice not in the plan */
        double figure = *(const double *)((const char *)sc + p->offset);
        double none = at_strength(research_keys[k].form, figure, 0.0);
        double most = clamp(at_strength(research_keys[k].form, figure, beyond), p->min, p->max);
        double mode = clamp(at_strength(research_keys[k].form, figure, scale), p->min, p->max);
        if (none == most)
            continue; /* a figure of no effect has no range */
        rs_uncertain u = {.param = param, .kind = RS_DIST_PERT, .low = p->min, .high = p->max, .research = true};
        u.args[0] = fmin(none, most);
        u.args[1] = mode;
        u.args[2] = fmax(none, most);
        rs_uncertain_put(sc, &u); /* six keys always fit */
    }
}

double rs_uncertain_uniform(uint64_t seed, uint32_t draw, int param)
{
    rs_stream s;
    rs_stream_start(&s, rs_rng_key(seed), draw, RS_RNG_INPUT, (unsigned)param, 0, 0);
    return rs_stream_uniform(&s);
}

void rs_uncertain_draw(const rs_scenario *base, rs_scenario *into, uint32_t draw, double *values)
{
    for (int i = 0; i < base->uncertain.count; i++) {
        const rs_uncertain *u = &base->uncertain.keys[i];
        const rs_param *p = &rs_params[u->param];
        double x = rs_dist_quantile(u, rs_uncertain_uniform(base->run.seed, draw, u->param));
        rs_param_store_number(p, into, x);
        if (values)
            values[i] = p->type == RS_P_INT ? (double)*(const int *)((const char *)into + p->offset) : x;
    }
}

void rs_uncertain_corner(rs_scenario *sc, rs_corner corner)
{
    for (int i = 0; i < sc->uncertain.count; i++) {
        const rs_uncertain *u = &sc->uncertain.keys[i];
        const rs_param *p = &rs_params[u->param];
        bool high = corner != RS_CORNER_LOW;
        if (corner == RS_CORNER_BUSY && strcmp(p->section, "manager") == 0)
            high = false;
        rs_param_store_number(p, sc, high ? rs_dist_max(u) : rs_dist_min(u));
    }
}

const char *rs_uncertain_corner_name(rs_corner corner)
{
    switch (corner) {
    case RS_CORNER_LOW:
        return "every uncertain key at its lowest";
    case RS_CORNER_HIGH:
        return "every uncertain key at its highest";
    default:
        return "every uncertain key at its highest and the manager's at their lowest";
    }
}

double rs_uncertain_effects_scale(const rs_scenario *sc)
{
    return sc->effects.uncertainty == RS_UNCERTAINTY_RESEARCH ? 1.0 : sc->effects.scale;
}
