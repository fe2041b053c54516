/* fit_sim.c: see fit_sim.h (docs/fit.md, "How the fit works"). */
#include "fit_sim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "model.h"

double *rs_fit_key_field(rs_scenario *sc, rs_fit_key k)
{
    switch (k) {
    case RS_FIT_DEAL_SIZE: return &sc->pipeline.deal_size;
    case RS_FIT_DEAL_SIZE_CV: return &sc->pipeline.deal_size_cv;
    case RS_FIT_CYCLE: return &sc->pipeline.cycle_weeks;
    case RS_FIT_CYCLE_CV: return &sc->pipeline.cycle_cv;
    case RS_FIT_WIN_RATE: return &sc->pipeline.win_rate;
    case RS_FIT_LEADS: return &sc->pipeline.leads_per_week;
    case RS_FIT_RAMP_WEEKS: return &sc->ramp.weeks_to_ramped;
    default: return &sc->attrition.annual;
    }
}

double rs_fit_key_stat(const rs_history_stats *s, rs_fit_key k)
{
    switch (k) {
    case RS_FIT_DEAL_SIZE: return s->size_mean;
    case RS_FIT_DEAL_SIZE_CV: return s->size_cv;
    case RS_FIT_CYCLE: return s->cycle_mean;
    case RS_FIT_CYCLE_CV: return s->cycle_cv;
    case RS_FIT_WIN_RATE: return s->win_rate;
    case RS_FIT_LEADS: return s->opportunity_rate;
    case RS_FIT_RAMP_WEEKS: return s->ramp_weeks;
    default: return s->exit_rate;
    }
}

long rs_fit_key_observations(const rs_history_stats *s, rs_fit_key k)
{
    switch (k) {
    case RS_FIT_DEAL_SIZE:
    case RS_FIT_DEAL_SIZE_CV: return s->amounts;
    case RS_FIT_CYCLE:
    case RS_FIT_CYCLE_CV:
    case RS_FIT_WIN_RATE: return s->closed;
    case RS_FIT_LEADS: return s->opportunities;
    case RS_FIT_RAMP_WEEKS: return s->ramp_reps;
    default: return s->exits;
    }
}

/* The most owners active in one week of w: an owner is active from the
 * week of their first opportunity to that of their last date (created or
 * closed). -1 when out of memory. */
static int most_owners_at_once(const rs_history *h, const rs_fit_window *w)
{
    int *first = malloc((h->rep_count + 1) * sizeof *first), *last = malloc((h->rep_count + 1) * sizeof *last);
    int most = first && last ? 0 : -1;
    for (size_t i = 0; most == 0 && i < h->rep_count; i++)
        first[i] = w->weeks, last[i] = -1;
    for (size_t j = 0; most == 0 && j < h->opportunity_count; j++) {
        const rs_history_opportunity *o = &h->opportunities[j];
        rs_day latest = rs_history_latest_day(o);
        int a = (o->created - w->first_day) / RS_DAYS_PER_WEEK, b = (latest - w->first_day) / RS_DAYS_PER_WEEK;
        first[o->owner] = a < first[o->owner] ? a : first[o->owner];
        last[o->owner] = b > last[o->owner] ? b : last[o->owner];
    }
    for (int k = 0; most >= 0 && k < w->weeks; k++) {
        int active = 0;
        for (size_t i = 0; i < h->rep_count; i++)
            active += first[i] <= k && k <= last[i];
        most = active > most ? active : most;
    }
    free(first);
    free(last);
    return most;
}

/* The team of a history without a roster (place_team). */
static rs_status place_owners(rs_scenario *sc, const rs_history *h, const rs_fit_window *w, char *err)
{
    int seats = most_owners_at_once(h, w);
    if (seats < 0)
        return RS_ERR_NOMEM;
    if (seats > RS_MAX_REPS) {
        snprintf(err, RS_ERRMSG_SIZE, "the history has more than %d owners active at once, the most a scenario holds",
                 RS_MAX_REPS);
        return RS_ERR_INPUT;
    }
    rs_seat_spec veteran = {.kind = RS_SEAT_VETERAN, .skill = NAN, .quota_annual = NAN,
                            .coaching_hours_per_month = NAN};
    for (int i = 0; i < seats; i++)
        sc->team.seats[i] = veteran;
    sc->team.seat_count = sc->team.reps = seats;
    sc->team.new_hires = 0;
    sc->team.hire_count = 0;
    sc->team.roster[0] = sc->team.roster_file[0] = '\0';
    return RS_OK;
}

/* The history's team at its first day, as the seats of sc: a roster's reps
 * with their tenures, then a growth seat for each hire that took the team
 * past its size; without a roster, as many veterans as owners were ever
 * active at once, leaving and backfilled as the scenario has it. */
static rs_status place_team(rs_scenario *sc, const rs_history *h, const rs_fit_window *w, char *err)
{
    if (!h->has_roster)
        return place_owners(sc, h, w, err);
    int seats = 0;
    rs_seat_spec blank = {.kind = RS_SEAT_VETERAN, .skill = NAN, .quota_annual = NAN,
                          .coaching_hours_per_month = NAN};
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *r = &h->reps[i];
        if (h->has_roster && !(r->in_roster && rs_fit_active_on(r, w->first_day)))
            continue;
        if (seats == RS_MAX_REPS)
            goto too_many;
        rs_seat_spec *s = &sc->team.seats[seats++];
        *s = blank;
        if (h->has_roster) {
            s->kind = RS_SEAT_TENURE;
            s->tenure_weeks = (w->first_day - r->hired) / RS_DAYS_PER_WEEK;
        }
    }
    int team = seats;
    if (h->has_roster) {
        /* a hire with as many reps on the team as it had seats grows it */
        for (size_t i = 0; i < h->rep_count; i++) {
            const rs_history_rep *r = &h->reps[i];
            if (!r->in_roster || r->hired == RS_DAY_NONE || r->hired <= w->first_day || r->hired > w->export_day)
                continue;
            int present = 0;
            for (size_t j = 0; j < h->rep_count; j++)
                present += j != i && h->reps[j].in_roster && rs_fit_active_on(&h->reps[j], r->hired);
            if (present < team)
                continue;
            if (seats == RS_MAX_REPS)
                goto too_many;
            rs_seat_spec *s = &sc->team.seats[seats++];
            *s = blank;
            s->kind = RS_SEAT_GROWTH;
            s->start_week = (r->hired - w->first_day) / RS_DAYS_PER_WEEK;
            team++;
        }
    }
    if (seats == 0) {
        snprintf(err, RS_ERRMSG_SIZE, "no rep of the roster is on the team during the history");
        return RS_ERR_INPUT;
    }
    sc->team.seat_count = seats;
    sc->team.reps = seats;
    sc->team.new_hires = 0;
    sc->team.hire_count = 0;
    sc->team.roster[0] = sc->team.roster_file[0] = '\0';
    return RS_OK;
too_many:
    snprintf(err, RS_ERRMSG_SIZE, "the history's team has more than %d reps, the most a scenario holds",
             RS_MAX_REPS);
    return RS_ERR_INPUT;
}

rs_status rs_fit_sim_init(rs_fit_sim *f, const rs_history *h, const rs_fit_window *w, const rs_scenario *current,
                          const rs_fit_options *o, char *err)
{
    memset(f, 0, sizeof *f);
    rs_history_init(&f->one);
    rs_history_init(&f->pooled);
    f->replications = o->replications;
    f->roster = h->has_roster;
    f->interrupted = o->interrupted;
    if (w->weeks > RS_MAX_HORIZON) {
        snprintf(err, RS_ERRMSG_SIZE, "the history spans %d weeks; a fit reads at most %d (20 years)", w->weeks,
                 RS_MAX_HORIZON);
        return RS_ERR_INPUT;
    }
    f->sc = rs_scenario_clone(current);
    f->ws = rs_fit_workspace_new(h->opportunity_count);
    if (!f->sc || !f->ws)
        return RS_ERR_NOMEM;
    rs_status st = place_team(f->sc, h, w, err);
    if (st != RS_OK)
        return st;
    f->sc->run.horizon_weeks = w->weeks;
    f->sc->run.has_start_date = true;
    f->sc->run.start_date = w->first_day;
    f->sc->run.seed = o->seed;
    if (f->sc->ramp.curve == RS_RAMP_TABLE)
        f->sc->ramp.curve = RS_RAMP_SCURVE;
    if (rs_layout_init(&f->layout, f->sc) != RS_OK || !(f->out = rs_outcome_new(&f->layout)))
        return RS_ERR_NOMEM;
    /* the simulated histories are read over the same weeks as the team's */
    f->window = *w;
    f->window.export_day = w->first_day + (w->export_day - w->first_day);
    f->stats.ramped_at = current->ramp.ramped_at;
    f->stats.curve = -1;
    return RS_OK;
}

void rs_fit_sim_free(rs_fit_sim *f)
{
    rs_outcome_free(f->out);
    rs_layout_free(&f->layout);
    rs_history_free(&f->one);
    rs_history_free(&f->pooled);
    rs_fit_workspace_free(f->ws);
    rs_scenario_free(f->sc);
}

rs_status rs_fit_simulate(rs_fit_sim *f, rs_history_stats *pooled, rs_history_stats *each)
{
    rs_model *m = rs_model_new(f->sc, &f->layout, NULL);
    if (!m)
        return RS_ERR_NOMEM;
    rs_status st = RS_OK;
    rs_history_clear(&f->pooled);
    for (int r = 0; r < f->replications && st == RS_OK; r++) {
        if (f->interrupted && *f->interrupted) {
            st = RS_ERR_INTERRUPTED;
            break;
        }
        st = rs_model_run_history(m, (uint32_t)r, f->out, &f->one, f->sc->run.start_date);
        if (st != RS_OK)
            break;
        for (size_t i = 0; i < f->one.rep_count; i++)
            f->one.reps[i].in_roster = true;
        /* a history without a roster tells no hire or leave dates: its
         * simulated ones are read without theirs, or a figure would mean
         * one thing in the history and another in the simulation */
        f->one.has_roster = f->roster;
        f->one.export_day = f->window.export_day;
        if (each)
            st = rs_history_stats_compute(&f->one, &f->window, &f->stats, f->ws, &each[r]);
        if (st == RS_OK && !rs_history_append(&f->pooled, &f->one))
            st = RS_ERR_NOMEM;
    }
    rs_model_free(m);
    f->pooled.export_day = f->window.export_day;
    return st == RS_OK ? rs_history_stats_compute(&f->pooled, &f->window, &f->stats, f->ws, pooled) : st;
}

void rs_fit_apply(rs_fit_sim *f, const rs_fit_result *r, const double *value)
{
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            *rs_fit_key_field(f->sc, (rs_fit_key)k) = value[k];
}
