/* test_history.c: a replication recorded as a CRM holds it
 * (rs_model_run_history): the same replication as rs_model_run to the last
 * bit, and a history that agrees with what the model reports of it. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "history.h"
#include "model.h"
#include "rampsim/calendar.h"
#include "team.h"

#ifndef RS_SOURCE_DIR
#error "RS_SOURCE_DIR: the project's folder, for its scenarios"
#endif

#define START "2027-01-04"
#define VETERAN_WEEKS 260 /* five years: the recorder's hire date of an initial veteran */

static const uint32_t replications[] = {0, 1, 7, 42, 2385};
#define N_REPLICATIONS (sizeof replications / sizeof replications[0])

/* The scenarios, each with run.start_date set. */
typedef struct fixture {
    rs_scenario *sc[5];
    const char *name[5];
    int n;
} fixture;

static rs_scenario *load_file(const char *relative)
{
    char path[512], err[RS_ERRMSG_SIZE] = "";
    snprintf(path, sizeof path, "%s/%s", RS_SOURCE_DIR, relative);
    rs_scenario *sc = rs_scenario_new();
    assert_non_null(sc);
    if (rs_scenario_load(sc, path, err) != RS_OK || rs_scenario_validate(sc, err) != RS_OK)
        fail_msg("%s: %s", path, err);
    tu_set(sc, "run.start_date=" START, NULL);
    return sc;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->name[f->n] = "default";
    f->sc[f->n++] = load_file("scenarios/default.ini");
    f->name[f->n] = "my-team (a roster, planned hires)";
    f->sc[f->n++] = load_file("scenarios/my-team.ini");
    f->name[f->n] = "deal help at quarter end";
    f->sc[f->n] = load_file("scenarios/default.ini");
    tu_set(f->sc[f->n++], "deal_help.when=quarter_end", NULL);
    f->name[f->n] = "coaching focus behind";
    f->sc[f->n] = load_file("scenarios/default.ini");
    tu_set(f->sc[f->n++], "coaching.focus=behind", "attrition.annual=0.4137", NULL);
    f->name[f->n] = "no warm-up";
    f->sc[f->n] = load_file("scenarios/default.ini");
    tu_set(f->sc[f->n++], "run.warmup_weeks=0", NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < f->n; i++)
        rs_scenario_free(f->sc[i]);
    free(f);
    return 0;
}

/* A model workspace of one scenario, as the engine's threads have one. */
typedef struct workspace {
    rs_layout layout;
    rs_model *model;
    rs_outcome *out;
} workspace;

static void workspace_init(workspace *w, const rs_scenario *sc)
{
    assert_int_equal(rs_layout_init(&w->layout, sc), RS_OK);
    w->model = rs_model_new(sc, &w->layout, NULL);
    w->out = rs_outcome_new(&w->layout);
    assert_true(w->model && w->out);
}

static void workspace_free(workspace *w)
{
    rs_outcome_free(w->out);
    rs_model_free(w->model);
    rs_layout_free(&w->layout);
}

static void record(workspace *w, const rs_scenario *sc, uint32_t r, rs_history *h)
{
    assert_int_equal(rs_model_run_history(w->model, r, w->out, h, sc->run.start_date), RS_OK);
}

/* Bit for bit: a NAN is the same NAN, 0 is not -0. */
static void assert_same_doubles(const double *a, const double *b, size_t n, const char *what, const char *name,
                                uint32_t r)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(&a[i], &b[i], sizeof a[i]) != 0)
            fail_msg("%s, replication %u: %s[%zu] is %.17g recorded, %.17g not", name, r, what, i, b[i], a[i]);
}

static void assert_same_outcome(const rs_outcome *a, const rs_outcome *b, const rs_layout *l, const char *name,
                                uint32_t r)
{
    assert_same_doubles(a->values, b->values, l->slots, "values", name, r);
    assert_int_equal(a->n_ramp_weeks, b->n_ramp_weeks);
    assert_same_doubles(a->ramp_weeks, b->ramp_weeks, a->n_ramp_weeks, "ramp_weeks", name, r);
    assert_int_equal(a->n_first_win_weeks, b->n_first_win_weeks);
    assert_same_doubles(a->first_win_weeks, b->first_win_weeks, a->n_first_win_weeks, "first_win_weeks", name, r);
}

/* Recording changes nothing the replication reports: a plain run, a
 * recorded one on another workspace, and a plain one again on that
 * workspace (recording leaves nothing behind) agree to the last bit. */
static void test_outcome_bit_identical(void **state)
{
    fixture *f = *state;
    for (int s = 0; s < f->n; s++) {
        workspace plain, recorded;
        workspace_init(&plain, f->sc[s]);
        workspace_init(&recorded, f->sc[s]);
        rs_history h;
        rs_history_init(&h);
        for (size_t k = 0; k < N_REPLICATIONS; k++) {
            uint32_t r = replications[k];
            assert_int_equal(rs_model_run(plain.model, r, plain.out), RS_OK);
            record(&recorded, f->sc[s], r, &h);
            assert_true(h.opportunity_count > 0);
            assert_same_outcome(plain.out, recorded.out, &plain.layout, f->name[s], r);
            assert_int_equal(rs_model_run(recorded.model, r, recorded.out), RS_OK);
            assert_same_outcome(plain.out, recorded.out, &plain.layout, f->name[s], r);
        }
        rs_history_free(&h);
        workspace_free(&plain);
        workspace_free(&recorded);
    }
}

/* The week of the run a date of the history stands for; fails on a date
 * that is not the first day of a week. */
static int week_of(const rs_scenario *sc, rs_day day)
{
    int days = day - sc->run.start_date;
    if (((days % 7) + 7) % 7 != 0)
        fail_msg("day %d is not the first day of a week of the run", (int)day);
    return days >= 0 ? days / 7 : -((-days) / 7);
}

/* Every date within its bounds, in order, and the kinds of record as the
 * model has them: decided opportunities with a close date in the run after
 * their creation, open ones with none, owners valid, leavers after their
 * hire. */
static void check_shape(const rs_scenario *sc, const rs_history *h, int horizon)
{
    assert_true(h->has_roster);
    assert_int_equal(h->export_day, sc->run.start_date + 7 * horizon);
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        assert_true(o->owner >= 0 && (size_t)o->owner < h->rep_count);
        int created = week_of(sc, o->created);
        assert_true(created >= 0 && created < horizon);
        assert_true(o->amount > 0 && isfinite(o->amount));
        assert_int_equal(o->line, 0);
        if (o->outcome == RS_OPP_OPEN) {
            assert_int_equal(o->closed, RS_DAY_NONE);
            continue;
        }
        assert_true(o->outcome == RS_OPP_WON || o->outcome == RS_OPP_LOST);
        assert_true(o->closed != RS_DAY_NONE);
        int closed = week_of(sc, o->closed);
        assert_true(closed > created);
        assert_true(closed <= horizon - 1);
        /* its owner was there when it was decided */
        const rs_history_rep *owner = &h->reps[o->owner];
        assert_true(owner->left == RS_DAY_NONE || owner->left > o->closed);
        assert_true(owner->hired <= o->created);
    }
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *rep = &h->reps[i];
        assert_true(rep->name[0] != '\0');
        assert_true(rep->in_roster);
        assert_true(rep->hired != RS_DAY_NONE);
        assert_true(week_of(sc, rep->hired) < horizon);
        for (size_t j = 0; j < i; j++)
            assert_true(strcmp(h->reps[j].name, rep->name) != 0);
        if (rep->left == RS_DAY_NONE)
            continue;
        /* step 1 of a week sees departures before hires: no one leaves in
         * the week they start */
        assert_true(rep->hired < rep->left);
        int left = week_of(sc, rep->left);
        assert_true(left >= 0 && left < horizon);
    }
}

/* Seats with a rep placed before week 0: the veterans and the roster's
 * reps with tenure. */
static int seats_filled_before_week_0(const rs_scenario *sc)
{
    int n = 0;
    for (int i = 0; i < sc->team.seat_count; i++) {
        const rs_seat_spec *s = &sc->team.seats[i];
        n += s->kind == RS_SEAT_VETERAN || (s->kind == RS_SEAT_TENURE && s->tenure_weeks > 0);
    }
    return n;
}

/* The history's reps against the model's own counts: those hired before
 * week 0 hold the seats filled then, the others are the run's hires, the
 * leavers its departures, and in every week the reps between their hire
 * and leave dates are the team's size that week. */
static void check_reps(const rs_scenario *sc, const rs_history *h, const rs_outcome *out, const rs_layout *l)
{
    int before = 0, leavers = 0;
    for (size_t i = 0; i < h->rep_count; i++) {
        before += h->reps[i].hired < sc->run.start_date;
        leavers += h->reps[i].left != RS_DAY_NONE;
    }
    assert_int_equal(before, seats_filled_before_week_0(sc));
    assert_int_equal(h->rep_count - (size_t)before, (size_t)out->values[RS_M_HIRES]);
    assert_int_equal(leavers, (int)out->values[RS_M_DEPARTURES]);
    for (int week = 0; week < l->horizon; week++) {
        rs_day day = sc->run.start_date + 7 * week;
        int active = 0;
        for (size_t i = 0; i < h->rep_count; i++)
            active += h->reps[i].hired <= day && (h->reps[i].left == RS_DAY_NONE || h->reps[i].left > day);
        if (active != (int)out->values[l->team_active + (size_t)week])
            fail_msg("week %d: %d reps in the history, %.0f on the team", week, active,
                     out->values[l->team_active + (size_t)week]);
    }
}

/* The history's opportunities against the outcome: with no warm-up every
 * deal the run decides was created in it, so the counts, the bookings,
 * the win rate and the won cycle are the model's; with one, the run's
 * wins also hold deals the warm-up opened, which the history leaves out. */
static void check_deals(const rs_scenario *sc, const rs_history *h, const rs_outcome *out)
{
    long won = 0, lost = 0;
    double bookings = 0.0, cycle_weeks = 0.0;
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        if (o->outcome == RS_OPP_WON) {
            won++;
            bookings += o->amount;
            cycle_weeks += (o->closed - o->created) / 7;
        }
        lost += o->outcome == RS_OPP_LOST;
    }
    const double *v = out->values;
    if (sc->run.warmup_weeks > 0) {
        assert_true(won <= v[RS_M_DEALS_WON]);
        assert_true(bookings <= v[RS_M_BOOKINGS_TOTAL] * (1 + 1e-12));
        return;
    }
    assert_int_equal(won, (long)v[RS_M_DEALS_WON]);
    tu_assert_near(bookings, v[RS_M_BOOKINGS_TOTAL], 1e-9 * v[RS_M_BOOKINGS_TOTAL]);
    tu_assert_near(100.0 * (double)won / (double)(won + lost), v[RS_M_WIN_RATE], 1e-9);
    tu_assert_near(cycle_weeks / (double)won, v[RS_M_WON_CYCLE_WEEKS], 1e-9);
    tu_assert_near(bookings / (double)won, v[RS_M_WON_DEAL_SIZE], 1e-9 * v[RS_M_WON_DEAL_SIZE]);
}

static void test_history_agrees_with_outcome(void **state)
{
    fixture *f = *state;
    for (int s = 0; s < f->n; s++) {
        workspace w;
        workspace_init(&w, f->sc[s]);
        rs_history h;
        rs_history_init(&h);
        for (size_t k = 0; k < N_REPLICATIONS; k++) {
            record(&w, f->sc[s], replications[k], &h);
            check_shape(f->sc[s], &h, w.layout.horizon);
            check_reps(f->sc[s], &h, w.out, &w.layout);
            check_deals(f->sc[s], &h, w.out);
        }
        rs_history_free(&h);
        workspace_free(&w);
    }
}

/* A rep's first hire date: a veteran's five years before week 0, a roster
 * rep's their tenure before it, a hire's their start; later reps of a seat
 * are "NAME #k". */
static void test_names_and_hire_dates(void **state)
{
    fixture *f = *state;
    for (int s = 0; s < 2; s++) { /* default, my-team */
        const rs_scenario *sc = f->sc[s];
        workspace w;
        workspace_init(&w, sc);
        rs_history h;
        rs_history_init(&h);
        record(&w, sc, 7, &h);
        int later = 0;
        for (int i = 0; i < sc->team.seat_count; i++) {
            const rs_seat_spec *spec = &sc->team.seats[i];
            char name[RS_NAME_MAX], second[RS_NAME_MAX + 8];
            int rep = rs_history_find_rep(&h, rs_team_seat_name(sc, i, name, sizeof name));
            assert_true(rep >= 0);
            rs_day hired = h.reps[rep].hired;
            if (spec->kind == RS_SEAT_VETERAN)
                assert_int_equal(hired, sc->run.start_date - 7 * VETERAN_WEEKS);
            else if (spec->kind == RS_SEAT_TENURE)
                assert_int_equal(hired, sc->run.start_date - 7 * spec->tenure_weeks);
            else if (spec->kind == RS_SEAT_OPEN)
                assert_int_equal(hired, sc->run.start_date + 7 * sc->attrition.hiring_lag_weeks);
            else
                assert_int_equal(hired, sc->run.start_date + 7 * spec->start_week);
            /* the seat's second rep came after the first left, a hiring lag later */
            snprintf(second, sizeof second, "%s #2", name);
            int next = rs_history_find_rep(&h, second);
            if (next >= 0) {
                assert_true(h.reps[rep].left != RS_DAY_NONE);
                assert_int_equal(h.reps[next].hired - h.reps[rep].left, 7 * sc->attrition.hiring_lag_weeks);
                later++;
            }
        }
        assert_true(later > 0); /* the replication has a second rep in some seat */
        rs_history_free(&h);
        workspace_free(&w);
    }
}

/* Every new hire washes out at their review at 10 weeks of tenure, and
 * every cycle takes 30: all they opened is still open when they go, and
 * the history shows it open, with no close date, owned by them. */
static void test_leavers_deals_stay_open(void **state)
{
    (void)state;
    rs_scenario *sc = tu_scenario("[run]\nstart_date = " START "\nwarmup_weeks = 0\nhorizon_weeks = 78\nseed = 2385\n"
                                  "[team]\nreps = 3\nnew_hires = 2\n[attrition]\nannual = 0\nreview_weeks = 10\n"
                                  "review_below = 1\nreview_exit = 1\nhiring_lag_weeks = 4\n"
                                  "[one_on_one]\ncadence = none\n[ramp]\nweeks_to_ramped = 2\n[pipeline]\nleads_per_week = 23.85\ncycle_weeks = 30\ncycle_cv = 0\n");
    workspace w;
    workspace_init(&w, sc);
    rs_history h;
    rs_history_init(&h);
    record(&w, sc, 3, &h);
    check_shape(sc, &h, w.layout.horizon);
    check_reps(sc, &h, w.out, &w.layout);
    int leavers = 0;
    for (size_t i = 0; i < h.rep_count; i++) {
        const rs_history_rep *rep = &h.reps[i];
        if (rep->left == RS_DAY_NONE)
            continue;
        leavers++;
        assert_int_equal(rep->left - rep->hired, 7 * 10);
        long owned = 0;
        for (size_t j = 0; j < h.opportunity_count; j++) {
            const rs_history_opportunity *o = &h.opportunities[j];
            if (o->owner != (int)i)
                continue;
            owned++;
            assert_int_equal(o->outcome, RS_OPP_OPEN);
            assert_int_equal(o->closed, RS_DAY_NONE);
            assert_true(o->created < rep->left);
        }
        if (owned == 0)
            fail_msg("%s left with no opportunity to check", rep->name);
    }
    assert_true(leavers >= 4); /* two seats, washed out every 14 weeks */
    /* the veteran stays, and what they opened 30 weeks before the end is decided */
    int veteran = rs_history_find_rep(&h, "seat-3");
    assert_true(veteran >= 0 && h.reps[veteran].left == RS_DAY_NONE);
    long decided = 0;
    for (size_t j = 0; j < h.opportunity_count; j++) {
        const rs_history_opportunity *o = &h.opportunities[j];
        if (o->owner == veteran && week_of(sc, o->created) + 30 < w.layout.horizon) {
            assert_true(o->outcome != RS_OPP_OPEN);
            assert_int_equal(o->closed - o->created, 7 * 30);
            decided++;
        }
    }
    assert_true(decided > 0);
    rs_history_free(&h);
    workspace_free(&w);
    rs_scenario_free(sc);
}

/* A name as long as a roster allows keeps the number of a later rep
 * whole, and the names stay apart. */
static void test_long_names_keep_their_number(void **state)
{
    (void)state;
    const char *long_name = "Maximiliana Konstantinopoulou-Vanderwesthuizen de la Fontaine X"; /* 63 bytes */
    assert_int_equal(strlen(long_name), 63);
    char csv[256], text[512];
    snprintf(csv, sizeof csv, "name,tenure\n\"%s\",3 years\n", long_name);
    snprintf(text, sizeof text, "[run]\nstart_date = " START "\nhorizon_weeks = 156\n[team]\nroster = %s\n"
             "[attrition]\nannual = 0.9\nhiring_lag_weeks = 1\n", tu_write_csv(csv));
    rs_scenario *sc = tu_scenario(text);
    workspace w;
    workspace_init(&w, sc);
    rs_history h;
    rs_history_init(&h);
    record(&w, sc, 0, &h);
    check_shape(sc, &h, w.layout.horizon); /* names unique */
    assert_true(h.rep_count >= 3);
    assert_string_equal(h.reps[0].name, long_name);
    for (size_t i = 1; i < h.rep_count; i++) {
        char suffix[32];
        snprintf(suffix, sizeof suffix, " #%zu", i + 1);
        size_t n = strlen(h.reps[i].name), k = strlen(suffix);
        assert_true(n <= RS_HISTORY_NAME_MAX - 1);
        assert_true(n > k && strcmp(h.reps[i].name + n - k, suffix) == 0);
        assert_memory_equal(h.reps[i].name, long_name, n - k);
    }
    rs_history_free(&h);
    workspace_free(&w);
    rs_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcome_bit_identical),
        cmocka_unit_test(test_history_agrees_with_outcome),
        cmocka_unit_test(test_names_and_hire_dates),
        cmocka_unit_test(test_leavers_deals_stay_open),
        cmocka_unit_test(test_long_names_keep_their_number),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
