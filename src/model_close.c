/* model_close.c: step 3 of the week, closing deals: each deal closing this
 * week is won or lost with its rep's odds at the start of the week, and the
 * manager steps into deals here (docs/model.md, "One replication, week by
 * week", step 3; "Choices where the reference is silent", deal help). */
#include "model_close.h"

#include <stdlib.h>

#include "rampsim/calendar.h"

#include "minmax.h"
#include "model_history.h"

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
    return sc->deal_help.when == RS_DEAL_HELP_QUARTER_END &&
           week_in_quarter >= RS_WEEKS_PER_QUARTER - sc->deal_help.weeks;
}

/* A won deal books its value to the rep in its close week. */
static void book_win(rs_model *m, const rs_deal *d, int week, rs_outcome *out)
{
    seat *s = &m->seats[d->seat];
    s->qtd_bookings += d->value;
    s->fy_bookings += d->value;
    s->hire_bookings += d->value;
    s->life.fy_bookings += d->value;
    if (!rs_model_recording(week))
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

void rs_model_closing_odds(rs_model *m, seat *s, int week)
{
    const rs_scenario *sc = m->sc;
    s->close_win_probability =
        rs_min2(sc->pipeline.win_rate * rs_model_seat_effects(m, s)->win, sc->pipeline.max_win_rate);
    /* The hours the rep has over the hours their deals need, at most 1:
     * the same as "needed > selling ? selling / needed : 1" (with both at
     * least 0, the quotient rounds to at least 1 exactly when needed <=
     * selling, and is +inf or NaN, which rs_min2 takes as above 1, when
     * nothing is needed), without the branch, which mispredicts for reps
     * near their limit. + 0.0 makes a needed -0 (hours_per_open_deal = -0
     * passes the range check) +0: selling / -0 would be -inf. */
    double needed_hours_a_week = s->open_deals * sc->rep.hours_per_open_deal + 0.0;
    s->attention = rs_min2(s->selling_hours_a_week / needed_hours_a_week, 1.0);
    if (rs_model_recording(week))
        m->attention_sum += s->attention;
}

/* Lists in m->closing the deals of `list` (this week's) whose reps are
 * still there, and takes them out of their seats' pipelines; *n is their
 * number. RS_ERR_NOMEM when the list could not grow. */
static rs_status gather_closing(rs_model *m, int32_t list, size_t *n)
{
    for (int32_t i = list; i >= 0; i = m->book.deals[i].next) {
        const rs_deal *d = &m->book.deals[i];
        seat *s = &m->seats[d->seat];
        if (d->generation != s->generation)
            continue; /* its rep has left */
        s->open_deals--;
        s->open_value -= d->value;
        if (*n == m->closing_capacity) {
            closing *grown = realloc(m->closing, 2 * m->closing_capacity * sizeof *grown);
            if (!grown)
                return RS_ERR_NOMEM;
            m->closing = grown;
            m->closing_capacity *= 2;
        }
        m->closing[*n].seat = d->seat;
        m->closing[*n].value = d->value;
        m->closing[*n].index = (size_t)i;
        (*n)++;
    }
    return RS_OK;
}

/* Wins or loses the n deals of m->closing, the manager helping (when
 * `help`) up to deal_help.max_deals_per_week of each rep behind, in the
 * order of the list; returns how many deals were helped. */
static int decide(rs_model *m, size_t n, bool help, int week, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
    double deal_help_win = sc->deal_help.style == RS_STYLE_TAKE_OVER ? sc->deal_help.take_over_win_multiplier
                                                                     : sc->deal_help.coach_win_multiplier;
    int helped = 0, run_seat = -1, run_count = 0;
    for (size_t c = 0; c < n; c++) {
        const rs_deal *d = &m->book.deals[m->closing[c].index];
        seat *s = &m->seats[d->seat];
        if (d->seat != run_seat) {
            run_seat = d->seat;
            run_count = 0;
        }
        double p_win = s->close_win_probability;
        if (help && run_count < sc->deal_help.max_deals_per_week &&
            rs_model_behind(s, sc->deal_help.below_attainment)) {
            run_count++;
            helped++;
            p_win = rs_min2(p_win * deal_help_win, sc->pipeline.max_win_rate);
            if (sc->deal_help.style == RS_STYLE_COACH)
                s->deal_coaching_hours_a_week += sc->deal_help.hours_per_deal;
        }
        bool won = rs_uniform(d->win_word) < p_win * s->attention;
        m->closing[c].won = won;
        if (rs_model_recording(week)) {
            m->closed++;
            m->win_luck_sum += 1.0 - rs_uniform(d->win_word);
        }
        if (won)
            book_win(m, d, week, out);
    }
    return helped;
}

/* The week without deal help and without a history to record: each deal
 * of the list is decided as it comes and given back to the book in the
 * same walk, as gather_closing, decide and rs_deal_book_release would in
 * three (none of them reads what another writes for a different deal). */
static void decide_in_list_order(rs_model *m, int32_t list, int week, rs_outcome *out)
{
    rs_deal_book *b = &m->book;
    while (list >= 0) {
        rs_deal *d = &b->deals[list];
        int32_t next = d->next;
        seat *s = &m->seats[d->seat];
        if (d->generation == s->generation) {
            s->open_deals--;
            s->open_value -= d->value;
            if (rs_model_recording(week)) {
                m->closed++;
                m->win_luck_sum += 1.0 - rs_uniform(d->win_word);
            }
            if (rs_uniform(d->win_word) < s->close_win_probability * s->attention)
                book_win(m, d, week, out);
        }
        d->next = b->free_list;
        b->free_list = list;
        list = next;
    }
}

rs_status rs_model_close_deals(rs_model *m, int week, int week_in_quarter, rs_manager_week *hours, rs_outcome *out)
{
    const rs_scenario *sc = m->sc;
    int32_t list = rs_deal_book_take(&m->book, week);
    /* Deal help is the intervention a scenario studies: it starts at week 0,
     * not in the warm-up (docs/model.md, "Choices where the reference is
     * silent", the warm-up). */
    bool help = rs_model_recording(week) && deal_help_this_week(sc, week_in_quarter) &&
                sc->deal_help.max_deals_per_week > 0;
    if (!help && !m->history) {
        decide_in_list_order(m, list, week, out);
        rs_manager_add_deal_help(hours, m->budget_hours_a_week, 0.0);
        return RS_OK;
    }
    size_t n = 0;
    rs_status st = gather_closing(m, list, &n);
    if (st != RS_OK)
        return st;
    if (help)
        qsort(m->closing, n, sizeof *m->closing, by_seat_then_largest);
    int helped = decide(m, n, help, week, out);
    if (m->history)
        for (size_t c = 0; c < n; c++)
            rs_model_history_decide(m, &m->book.deals[m->closing[c].index], week, m->closing[c].won);
    rs_deal_book_release(&m->book, list);

    if (rs_model_recording(week))
        m->helped_deals += helped;
    rs_manager_add_deal_help(hours, m->budget_hours_a_week, helped * sc->deal_help.hours_per_deal);
    return RS_OK;
}
