/* model_history.c: a replication recorded as a CRM holds it, for
 * `run --export-crm` and the fit's simulations (rs_model_run_history,
 * model.h). Recording reads the model's state and draws nothing, so that
 * the replication is the one rs_model_run gives. */
#include "model_history.h"

#include <stdio.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "team.h"

/* The model does not know when its initial veterans were hired, only that
 * they are long past their ramp: their hire date is put five years before
 * week 0 (docs/outputs.md, "CRM export"). */
#define VETERAN_TENURE_WEEKS (5 * RS_WEEKS_PER_YEAR)

/* Every date is the first day of its week. */
static rs_day day_of(const rs_model *m, int week)
{
    return m->history_start + 7 * week;
}

/* The history's name of the seat's rep of this generation: the seat's name
 * for its first rep, "NAME #k" for its k-th. The seat's name is cut, at
 * the start of a UTF-8 character, where the number would not fit, so that
 * every name stays whole and unique. */
static void rep_name(const rs_model *m, int index, uint32_t generation, char *buf, size_t size)
{
    char seat_name[RS_HISTORY_NAME_MAX];
    rs_team_seat_name(m->sc, index, seat_name, sizeof seat_name);
    if (generation == 0) {
        snprintf(buf, size, "%s", seat_name);
        return;
    }
    char suffix[16];
    size_t suffix_len = (size_t)snprintf(suffix, sizeof suffix, " #%lu", (unsigned long)generation + 1);
    size_t keep = strlen(seat_name);
    if (keep + suffix_len >= size) {
        keep = size - 1 - suffix_len;
        while (keep > 0 && ((unsigned char)seat_name[keep] & 0xC0) == 0x80)
            keep--;
    }
    snprintf(buf, size, "%.*s%s", (int)keep, seat_name, suffix);
}

int32_t rs_model_history_hire(rs_model *m, int index, int week, bool veteran)
{
    char name[RS_HISTORY_NAME_MAX];
    rep_name(m, index, m->seats[index].generation, name, sizeof name);
    int rep = rs_history_add_rep(m->history, name, day_of(m, veteran ? -VETERAN_TENURE_WEEKS : week), RS_DAY_NONE);
    if (rep < 0) {
        m->history_incomplete = true;
        return -1;
    }
    m->history->reps[rep].in_roster = true;
    return rep;
}

void rs_model_history_leave(rs_model *m, const seat *s, int week)
{
    if (s->history_rep >= 0)
        m->history->reps[s->history_rep].left = day_of(m, week);
}

void rs_model_history_open(rs_model *m, rs_deal *d, int week)
{
    const seat *s = &m->seats[d->seat];
    d->history_index = -1;
    if (!rs_model_recording(week) || s->history_rep < 0)
        return; /* the warm-up's, or a rep the history could not take */
    rs_history_opportunity o = {.owner = s->history_rep, .created = day_of(m, week), .closed = RS_DAY_NONE,
                                .amount = d->value, .outcome = RS_OPP_OPEN, .line = 0};
    long i = rs_history_add_opportunity(m->history, &o);
    if (i < 0 || i > INT32_MAX) {
        m->history_incomplete = true;
        return;
    }
    d->history_index = (int32_t)i;
}

void rs_model_history_decide(rs_model *m, const rs_deal *d, int week, bool won)
{
    if (d->history_index < 0)
        return;
    rs_history_opportunity *o = &m->history->opportunities[d->history_index];
    o->outcome = won ? RS_OPP_WON : RS_OPP_LOST;
    o->closed = day_of(m, week);
}
