/* fit_team.c: a fit's team: each rep's skill, and the fitted scenario
 * with the team at the export (fit_sim.h; docs/fit.md). */
#include "fit_sim.h"

#include <math.h>
#include <stdio.h>

#include "rampsim/calendar.h"

#include "ramp.h"

/* ---- each rep's skill --------------------------------------------------- */

/* A rep's opportunities against the team's rate at their ramp, shrunk
 * towards 1 by a gamma prior of mean 1 and CV rep.skill_cv (conjugate to
 * the Poisson counts): (n + a) / (E + a), a = 1 / cv^2. */
void rs_fit_rep_skills(rs_fit_result *r, const rs_history *h, const rs_scenario *current)
{
    const rs_history_stats *s = &r->observed;
    const rs_fit_window *w = &r->window;
    rs_ramp ramp;
    rs_ramp_init_curve(&ramp, s->ramp_curve, isfinite(s->ramp_weeks) ? s->ramp_weeks : current->ramp.weeks_to_ramped,
                       current->ramp.ramped_at);
    double cv = current->rep.skill_cv;
    double a = cv > 0.0 ? 1.0 / (cv * cv) : INFINITY;
    for (size_t i = 0; i < h->rep_count; i++) {
        rs_fit_rep *rep = &r->reps[i];
        const rs_history_rep *hr = &h->reps[i];
        int first = w->weeks, last = -1;
        for (size_t j = 0; j < h->opportunity_count; j++) {
            const rs_history_opportunity *o = &h->opportunities[j];
            if (o->owner != (int)i)
                continue;
            rep->opportunities += 1.0;
            int k = (o->created - w->first_day) / RS_DAYS_PER_WEEK;
            first = k < first ? k : first;
            last = k > last ? k : last;
        }
        double exposure = 0.0;
        if (h->has_roster && hr->in_roster && hr->hired != RS_DAY_NONE) {
            for (int k = 0; k < w->weeks; k++) {
                rs_day day = w->first_day + k * RS_DAYS_PER_WEEK;
                if (rs_fit_active_on(hr, day))
                    exposure += fmax(rs_ramp_rho(&ramp, (day - hr->hired) / RS_DAYS_PER_WEEK), 1e-3);
            }
        } else if (!h->has_roster && last >= first) {
            exposure = last - first + 1;
        }
        rep->expected = exposure * s->opportunity_rate;
        if (!(rep->expected > 0.0)) {
            rep->skill = rep->skill_se = NAN;
            continue;
        }
        if (isinf(a)) {
            rep->skill = 1.0;
            rep->skill_se = 0.0;
        } else {
            rep->skill = (rep->opportunities + a) / (rep->expected + a);
            rep->skill_se = sqrt(rep->opportunities + a) / (rep->expected + a);
        }
    }
}

/* ---- the fitted scenario ------------------------------------------------ */

rs_status rs_fit_fitted_scenario(rs_fit_result *r, const rs_history *h, const rs_scenario *current,
                                 const double *value)
{
    rs_scenario *sc = rs_scenario_clone(current);
    if (!sc)
        return RS_ERR_NOMEM;
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            *rs_fit_key_field(sc, (rs_fit_key)k) = value[k];
    if (r->ramp_fitted)
        sc->ramp.curve = r->observed.ramp_curve;
    snprintf(sc->run.name, sizeof sc->run.name, "fitted");
    /* the plan starts the day after the history */
    sc->run.has_start_date = true;
    sc->run.start_date = r->window.export_day + 1;
    for (size_t i = 0; h->has_roster && i < h->rep_count && !r->team_roster; i++)
        r->team_roster = rs_fit_on_team_at_export(&h->reps[i], r->window.export_day);
    if (r->team_roster) {
        snprintf(sc->team.roster, sizeof sc->team.roster, "fitted-roster.csv");
        sc->team.roster_file[0] = '\0';
    } else {
        /* no roster, or every rep of it gone: the owners of the last
         * quarter's opportunities are the team */
        int owners = 0;
        for (size_t i = 0; i < h->rep_count; i++) {
            bool recent = false;
            for (size_t j = 0; j < h->opportunity_count && !recent; j++)
                recent = h->opportunities[j].owner == (int)i &&
                         h->opportunities[j].created > r->window.export_day - RS_WEEKS_PER_QUARTER * RS_DAYS_PER_WEEK;
            owners += recent;
        }
        if (owners > 0) {
            sc->team.reps = owners < RS_MAX_REPS ? owners : RS_MAX_REPS;
            sc->team.new_hires = 0;
        }
        sc->team.roster[0] = sc->team.roster_file[0] = '\0';
    }
    r->fitted = sc;
    return RS_OK;
}
