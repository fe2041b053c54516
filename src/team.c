/* team.c: see team.h. */
#include "team.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "params.h"
#include "roster.h"
#include "scenario_names.h"
#include "valueparse.h"

const char *rs_team_seat_name(const rs_scenario *sc, int i, char *buf, size_t size)
{
    const rs_seat_spec *s = &sc->team.seats[i];
    if (s->name[0])
        snprintf(buf, size, "%s", s->name);
    else if (s->kind == RS_SEAT_GROWTH) {
        int k = 1;
        for (int j = 0; j < i; j++)
            k += sc->team.seats[j].kind == RS_SEAT_GROWTH;
        snprintf(buf, size, "hire-%d", k);
    } else
        snprintf(buf, size, "seat-%d", i + 1);
    return buf;
}

bool rs_team_has_own_coaching(const rs_scenario *sc)
{
    for (int i = 0; i < sc->team.seat_count; i++)
        if (!isnan(sc->team.seats[i].coaching_hours_per_month))
            return true;
    return false;
}

double rs_team_coaching_hours_per_month(const rs_scenario *sc, int i)
{
    double own = sc->team.seats[i].coaching_hours_per_month;
    return isnan(own) ? sc->coaching.hours_per_month : own;
}

static rs_seat_spec blank_seat(int kind)
{
    rs_seat_spec s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.skill = s.quota_annual = s.coaching_hours_per_month = NAN;
    return s;
}

/* The roster's path: relative to the scenario file's folder when the file
 * names it, as given (relative to the working directory) from --set. */
static bool roster_path(const rs_scenario *sc, char *buf, size_t size)
{
    const rs_origin *o = &sc->origins[rs_param_find("team", "roster")];
    const char *slash = strrchr(sc->source, '/');
    size_t folder = sc->team.roster[0] != '/' && o->kind == RS_FROM_FILE && slash ? (size_t)(slash - sc->source) + 1 : 0;
    size_t name = strlen(sc->team.roster);
    if (folder + name >= size)
        return false;
    memcpy(buf, sc->source, folder);
    memcpy(buf + folder, sc->team.roster, name + 1);
    return true;
}

static rs_status read_roster(rs_scenario *sc, char *err)
{
    char where[RS_PATH_MAX + 160];
    static const char *const generic[] = {"reps", "new_hires"};
    for (int k = 0; k < 2; k++) {
        if (sc->origins[rs_param_find("team", generic[k])].kind == RS_FROM_DEFAULT)
            continue;
        rs_scenario_place(sc, "team", generic[k], where, sizeof where);
        return rs_fail(err, RS_ERR_INPUT,
                       "%steam.%s cannot be set together with team.roster (%s): the roster says who is on the "
                       "team; leave team.reps and team.new_hires out",
                       where, generic[k], sc->team.roster);
    }
    /* the path is found where the key was read (rs_team_refresh), and
     * kept: a copy validated apart from its file opens the same file */
    if (!sc->team.roster_file[0] && !roster_path(sc, sc->team.roster_file, sizeof sc->team.roster_file)) {
        rs_scenario_place(sc, "team", "roster", where, sizeof where);
        return rs_fail(err, RS_ERR_INPUT, "%steam.roster: the path is longer than %d characters", where,
                       RS_PATH_MAX - 1);
    }
    const char *path = sc->team.roster_file;
    rs_roster_frame frame = {sc->run.horizon_weeks, sc->run.has_start_date, sc->run.start_date};
    char msg[RS_ERRMSG_SIZE];
    rs_status st = rs_roster_read(path, path, &frame, sc->team.seats, RS_MAX_REPS, &sc->team.seat_count, msg);
    if (st != RS_OK) {
        /* a message about the whole file ("PATH: cannot read: ...") also
         * names the key that points at it; one about a cell names its line */
        size_t n = strlen(path);
        bool whole_file = strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ';
        rs_scenario_place(sc, "team", "roster", where, sizeof where);
        return whole_file ? rs_fail(err, st, "%steam.roster: %s", where, msg) : rs_fail(err, st, "%s", msg);
    }
    return RS_OK;
}

static rs_status add_hires(rs_scenario *sc, char *err)
{
    char where[RS_PATH_MAX + 160];
    rs_scenario_place(sc, "team", "hires", where, sizeof where);
    int H = sc->run.horizon_weeks;
    for (int e = 0; e < sc->team.hire_count; e++) {
        const rs_hire_entry *h = &sc->team.hires[e];
        char date[16] = "";
        int week = h->week;
        if (h->is_date) {
            rs_date_format(h->day, date, sizeof date);
            if (!sc->run.has_start_date)
                return rs_fail(err, RS_ERR_INPUT,
                               "%steam.hires: %s is a date, and dates need run.start_date (the date of week 0); "
                               "set it, or give the week of the run",
                               where, date);
            week = rs_date_week_of(sc->run.start_date, h->day);
        }
        if (week < 0 || week >= H)
            return rs_fail(err, RS_ERR_INPUT, "%steam.hires: %s%sweek %d is outside the run (weeks 0 to %d)", where,
                           date, date[0] ? " falls in " : "", week, H - 1);
        if (sc->team.seat_count + h->reps > RS_MAX_REPS)
            return rs_fail(err, RS_ERR_INPUT, "%steam.hires: the team would have more than %d seats", where,
                           RS_MAX_REPS);
        for (int k = 0; k < h->reps; k++) {
            rs_seat_spec *s = &sc->team.seats[sc->team.seat_count++];
            *s = blank_seat(RS_SEAT_GROWTH);
            s->start_week = week;
        }
    }
    return RS_OK;
}

static rs_status apply_per_rep(rs_scenario *sc, char *err)
{
    char where[RS_PATH_MAX + 160], name[RS_NAME_MAX + 16];
    for (int e = 0; e < sc->coaching.per_rep_count; e++) {
        const rs_rep_hours *r = &sc->coaching.per_rep[e];
        int found = -1;
        const char *best = NULL;
        size_t best_distance = 3;
        char best_name[RS_NAME_MAX + 16];
        for (int i = 0; i < sc->team.seat_count && found < 0; i++) {
            rs_team_seat_name(sc, i, name, sizeof name);
            if (strcasecmp(name, r->name) == 0)
                found = i;
            size_t d = rs_edit_distance(name, r->name);
            if (d < best_distance) {
                best_distance = d;
                snprintf(best_name, sizeof best_name, "%s", name);
                best = best_name;
            }
        }
        if (found < 0) {
            char shown[4 * RS_NAME_MAX];
            rs_scenario_place(sc, "coaching", "per_rep", where, sizeof where);
            return rs_fail(err, RS_ERR_INPUT, "%scoaching.per_rep: no rep on the team is named %s%s%s%s", where,
                           rs_escape(r->name, false, shown, sizeof shown), best ? "; did you mean " : "",
                           best ? best : "", best ? "?" : "");
        }
        sc->team.seats[found].coaching_hours_per_month = r->hours_per_month;
    }
    return RS_OK;
}

void rs_team_refresh(rs_scenario *sc)
{
    char err[RS_ERRMSG_SIZE];
    sc->team.roster_file[0] = '\0'; /* found again from where team.roster is set now */
    if (rs_team_resolve(sc, err) != RS_OK)
        sc->team.seat_count = 0;
}

rs_status rs_team_resolve(rs_scenario *sc, char *err)
{
    sc->team.seat_count = 0;
    if (!sc->team.roster[0])
        sc->team.roster_file[0] = '\0';
    if (sc->team.roster[0]) {
        rs_status st = read_roster(sc, err);
        if (st != RS_OK)
            return st;
    } else {
        for (int i = 0; i < sc->team.reps; i++) {
            /* the first seats wait for their new hires, as they always have */
            sc->team.seats[i] = blank_seat(i < sc->team.new_hires ? RS_SEAT_TENURE : RS_SEAT_VETERAN);
        }
        sc->team.seat_count = sc->team.reps;
    }
    rs_status st = add_hires(sc, err);
    return st == RS_OK ? apply_per_rep(sc, err) : st;
}
