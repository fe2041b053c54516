/* rampsim/scenario_types.h: the values of a scenario, as the model reads
 * them: the levers' enums, the hard limits and the scenario itself. The
 * parameter table describes these fields, and the loader (scenario.h)
 * fills them; a module that only reads a scenario needs this header. */
#ifndef RAMPSIM_SCENARIO_TYPES_H
#define RAMPSIM_SCENARIO_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "rampsim/status.h"

typedef enum { RS_RAMP_SCURVE, RS_RAMP_EXPONENTIAL, RS_RAMP_LINEAR, RS_RAMP_TABLE } rs_ramp_curve;
typedef enum { RS_CADENCE_NONE, RS_CADENCE_MONTHLY, RS_CADENCE_BIWEEKLY, RS_CADENCE_WEEKLY } rs_cadence;
typedef enum { RS_FOCUS_EVEN, RS_FOCUS_BEHIND } rs_focus;
typedef enum { RS_DEAL_HELP_OFF, RS_DEAL_HELP_QUARTER_END, RS_DEAL_HELP_ALWAYS } rs_deal_help_when;
typedef enum { RS_STYLE_COACH, RS_STYLE_TAKE_OVER } rs_deal_help_style;
typedef enum { RS_OVERBOOKED_SCALE, RS_OVERBOOKED_ERROR } rs_overbooked;
typedef enum { RS_UNCERTAINTY_NONE, RS_UNCERTAINTY_RESEARCH } rs_uncertainty_mode;

/* Hard limits that keep any input within memory and within the counter
 * layout of the random streams (src/rng.h). */
#define RS_MAX_REPS 500
#define RS_MAX_HORIZON 1040
#define RS_MAX_WARMUP 520
#define RS_MAX_REPLICATIONS 10000000LL
#define RS_RAMP_TABLE_MAX 61 /* monthly points: five years */
#define RS_REVIEW_MAX 12      /* early-review weeks */
#define RS_NAME_MAX 64
#define RS_LINE_MAX 199 /* characters in a scenario file's line or a --set value */
#define RS_HIRE_PLAN_MAX 64 /* entries of team.hires */
#define RS_PLAN_YEARS_MAX 20 /* values of plan.bookings, one a fiscal year */
#define RS_QUARTERS 4
#define RS_PER_REP_MAX 32   /* entries of coaching.per_rep */
#define RS_UNCERTAIN_MAX 64 /* keys given as distributions */

/* What a seat holds at week 0 (docs/model.md, "The team"). */
typedef enum {
    RS_SEAT_VETERAN, /* a fully ramped veteran (team.reps without a roster) */
    RS_SEAT_TENURE,  /* a rep hired tenure_weeks before week 0 (0: starts at week 0) */
    RS_SEAT_OPEN,    /* empty at week 0; its hire starts after the hiring lag */
    RS_SEAT_STARTS,  /* empty until start_week, when its first rep starts */
    RS_SEAT_GROWTH   /* a seat of the hiring plan: none until start_week */
} rs_seat_kind;

/* One seat of the team, as the roster, team.reps / team.new_hires and
 * team.hires resolve to it. NAN in a number means "as the scenario says". */
typedef struct rs_seat_spec {
    char name[RS_NAME_MAX]; /* the roster's name; "" for seat-<k> */
    int kind;               /* rs_seat_kind */
    int tenure_weeks;       /* RS_SEAT_TENURE */
    int start_week;         /* RS_SEAT_STARTS, RS_SEAT_GROWTH: a week of the run */
    double skill;           /* the first rep's skill multiplier; NAN: drawn */
    double quota_annual;    /* the first rep's annual quota; NAN: quota.annual */
    double coaching_hours_per_month; /* this seat's planned coaching; NAN: the plan's */
    int line;               /* its line in the roster, 0 when not from one */
} rs_seat_spec;

/* One entry of coaching.per_rep: a seat's planned coaching, by name. */
typedef struct rs_rep_hours {
    char name[RS_NAME_MAX];
    double hours_per_month;
} rs_rep_hours;

/* One entry of team.hires: `reps` seats whose first reps start at `week`,
 * or at the week of date `day` when is_date (resolved with run.start_date). */
typedef struct rs_hire_entry {
    int week, reps;
    bool is_date;
    int32_t day; /* days since 1970-01-01 */
} rs_hire_entry;

/* A key's value given as a distribution (docs/uncertainty.md). */
typedef enum {
    RS_DIST_UNIFORM = 1, /* uniform(low, high) */
    RS_DIST_TRIANGULAR,  /* triangular(low, mode, high) */
    RS_DIST_PERT,        /* pert(low, mode, high): beta with shape 4 */
    RS_DIST_LOGNORMAL,   /* lognormal(median, cv), truncated to the key's range */
    RS_DIST_NORMAL       /* normal(mean, sd), truncated to the key's range */
} rs_dist_kind;

typedef struct rs_uncertain {
    int param;       /* the key's index in the parameter table */
    int kind;        /* rs_dist_kind */
    double args[3];  /* as written, in the key's units (a lognormal's cv, a plain number) */
    double low, high; /* the key's range: what a drawn value is held within */
    bool research;   /* from effects.uncertainty = research, not written as a distribution */
} rs_uncertain;

/* Where a parameter's value came from, for error messages. */
typedef enum { RS_FROM_DEFAULT, RS_FROM_FILE, RS_FROM_SET } rs_origin_kind;
typedef struct rs_origin {
    rs_origin_kind kind;
    int sequence;       /* order of setting: later overrides come later */
    int line;           /* RS_FROM_FILE: line in the scenario file */
    char text[128];     /* RS_FROM_SET: the --set argument as typed */
} rs_origin;

typedef struct rs_scenario {
    struct {
        char name[RS_NAME_MAX];
        bool has_start_date;
        int32_t start_date; /* the date of week 0, days since 1970-01-01 */
        int horizon_weeks, warmup_weeks, start_week;
        double ytd_attainment;
        long long replications;
        int replications_per_draw; /* replications sharing one draw of the uncertain inputs */
        uint64_t seed;
    } run;
    struct {
        int reps, new_hires;
        char roster[RS_PATH_MAX]; /* team.roster as written; "" for none */
        int hire_count;
        rs_hire_entry hires[RS_HIRE_PLAN_MAX]; /* team.hires */
        /* Resolved by rs_scenario_validate from the above: every seat of
         * the team, the roster's (or team.reps') first, then the hiring
         * plan's in its order. */
        int seat_count;
        rs_seat_spec seats[RS_MAX_REPS];
        char roster_file[RS_PATH_MAX]; /* the roster's path as opened */
    } team;
    struct { double skill_cv, hours_per_week, selling_share, meeting_cost, hours_per_open_deal; } rep;
    struct {
        int curve; /* rs_ramp_curve */
        double weeks_to_ramped, ramped_at, onboarding_hour_weeks, time_cv;
        int table_len;
        double table[RS_RAMP_TABLE_MAX]; /* fractions 0..1, one per month */
    } ramp;
    struct {
        double leads_per_week, lead_to_opportunity, deal_size, deal_size_cv;
        double cycle_weeks, cycle_cv, win_rate, max_win_rate, gross_margin;
        double seasonality[RS_QUARTERS]; /* shares of the year's leads by fiscal quarter, sum 1 */
    } pipeline;
    struct { double hours_per_week, team_share; int overbooked; double hourly_cost; } manager;
    struct {
        double hours_per_month;
        int focus; /* rs_focus */
        double memory_weeks;
        double prior_hours_per_month; /* NAN means "auto": the plan's steady state */
        double max_uplift, half_effect_hours, steepness;
        double quality; /* scales the coaching multiplier on a log scale */
        int per_rep_count;
        rs_rep_hours per_rep[RS_PER_REP_MAX]; /* coaching.per_rep, over the roster's column */
    } coaching;
    struct { double extra_hours_per_week; int weeks; } onboarding;
    struct {
        int cadence; /* rs_cadence */
        double hours, win_multiplier, cycle_multiplier, deal_size_multiplier;
    } one_on_one;
    struct { bool weekly; double hours, lead_multiplier; } team_meeting;
    struct { double calls_per_month, hours, coaching_equiv_hours; } ride_along;
    struct {
        int when, style; /* rs_deal_help_when, rs_deal_help_style */
        double hours_per_deal;
        int weeks;
        double below_attainment;
        int max_deals_per_week;
        double take_over_win_multiplier, coach_win_multiplier;
    } deal_help;
    struct {
        double annual;
        int hiring_lag_weeks;
        int review_count;                /* early reviews: 0 = none */
        int review_weeks[RS_REVIEW_MAX]; /* tenure weeks, increasing */
        double review_below, review_exit;
    } attrition;
    struct {
        double annual;
        bool ramped, vacant_seats_count;
        double seasonality[RS_QUARTERS]; /* shares of the annual quota by fiscal quarter, sum 1 */
    } quota;
    struct {
        int years;                            /* values of plan.bookings; 0: no plan */
        double bookings[RS_PLAN_YEARS_MAX];   /* per fiscal year; the last repeats */
    } plan;
    struct {
        double scale, overlap;
        int uncertainty; /* rs_uncertainty_mode */
    } effects;
    /* The keys given as distributions, in the parameter table's order. A
     * key's own field holds its distribution's mean (rounded for a whole
     * number) wherever a single value is read outside a replication. */
    struct {
        int count;
        rs_uncertain keys[RS_UNCERTAIN_MAX];
    } uncertain;

    /* Provenance, for messages and for the resolved scenario file. */
    char source[RS_PATH_MAX]; /* the scenario file, or "" for defaults only */
    rs_origin *origins;       /* one per parameter (src/params.h) */
    int settings;             /* values set so far, for rs_origin.sequence */
} rs_scenario;

#endif
