/* rampsim/scenario.h: a validated scenario, the input of every run.
 *
 * A scenario holds every parameter of the model (docs/model.md); its
 * defaults and limits live in one table (rampsim/params.h) that the loader,
 * the --set overrides and the writers share. Once rs_scenario_load (and any
 * rs_scenario_set) has returned RS_OK the scenario is complete and valid. */
#ifndef RAMPSIM_SCENARIO_H
#define RAMPSIM_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rampsim/status.h"

typedef enum { RS_RAMP_SCURVE, RS_RAMP_EXPONENTIAL, RS_RAMP_LINEAR, RS_RAMP_TABLE } rs_ramp_curve;
typedef enum { RS_CADENCE_NONE, RS_CADENCE_MONTHLY, RS_CADENCE_BIWEEKLY, RS_CADENCE_WEEKLY } rs_cadence;
typedef enum { RS_FOCUS_EVEN, RS_FOCUS_BEHIND } rs_focus;
typedef enum { RS_DEAL_HELP_OFF, RS_DEAL_HELP_QUARTER_END, RS_DEAL_HELP_ALWAYS } rs_deal_help_when;
typedef enum { RS_STYLE_COACH, RS_STYLE_TAKE_OVER } rs_deal_help_style;
typedef enum { RS_OVERBOOKED_SCALE, RS_OVERBOOKED_ERROR } rs_overbooked;

/* Hard limits that keep any input within memory and within the counter
 * layout of the random streams (rampsim/rng.h). */
#define RS_MAX_REPS 500
#define RS_MAX_HORIZON 1040
#define RS_MAX_WARMUP 520
#define RS_MAX_REPLICATIONS 10000000LL
#define RS_RAMP_TABLE_MAX 61 /* monthly points: five years */
#define RS_REVIEW_MAX 12      /* early-review weeks */
#define RS_NAME_MAX 64
#define RS_LINE_MAX 199 /* characters in a scenario file's line or a --set value */
#define RS_PATH_MAX 4096

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
        int horizon_weeks, warmup_weeks, start_week;
        double ytd_attainment;
        long long replications;
        uint64_t seed;
    } run;
    struct { int reps, new_hires; } team;
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
    } pipeline;
    struct { double hours_per_week, team_share; int overbooked; double hourly_cost; } manager;
    struct {
        double hours_per_month;
        int focus; /* rs_focus */
        double memory_weeks;
        double prior_hours_per_month; /* NAN means "auto": the plan's steady state */
        double max_uplift, half_effect_hours, steepness;
        double quality; /* scales the coaching multiplier on a log scale */
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
    struct { double annual; bool ramped, vacant_seats_count; } quota;
    struct { double scale, overlap; } effects;

    /* Provenance, for messages and for the resolved scenario file. */
    char source[RS_PATH_MAX]; /* the scenario file, or "" for defaults only */
    rs_origin *origins;       /* one per parameter (rampsim/params.h) */
    int settings;             /* values set so far, for rs_origin.sequence */
} rs_scenario;

/* Allocates a scenario holding every default. Returns NULL when out of
 * memory. Free with rs_scenario_free. */
rs_scenario *rs_scenario_new(void);
void rs_scenario_free(rs_scenario *sc);
/* Deep copy; NULL when out of memory. */
rs_scenario *rs_scenario_clone(const rs_scenario *sc);

/* Reads `path` over the defaults already in sc. On error returns
 * RS_ERR_INPUT (or RS_ERR_IO for an unreadable file), fills err with
 * "path:line: message" and leaves sc partly updated: discard it. Does not
 * run the cross-field checks: call rs_scenario_validate after any --set. */
rs_status rs_scenario_load(rs_scenario *sc, const char *path, char *err);

/* Like rs_scenario_load, from text in memory; `name` stands for the file
 * in messages and in run.name's default. */
rs_status rs_scenario_load_text(rs_scenario *sc, const char *name, const char *text, char *err);

/* Like rs_scenario_load, from an open stream (read to its end, not closed). */
rs_status rs_scenario_load_stream(rs_scenario *sc, FILE *f, const char *name, char *err);

/* Applies one "section.key=value" override, validated like a file line. */
rs_status rs_scenario_set(rs_scenario *sc, const char *assignment, char *err);

/* The overrides of a command line, in order: run.replications and run.seed
 * when given (as typed, NULL when not), then each "section.key=value" of
 * sets; then rs_scenario_validate. The first failure is returned. */
rs_status rs_scenario_override(rs_scenario *sc, const char *replications, const char *seed, char *const *sets,
                               int n_sets, char *err);

/* Cross-field checks (new hires within the team, a ramp table that reaches
 * ramped_at, a plan that fits when overbooked = error) and the derived
 * defaults (run.name from the file name). RS_ERR_INPUT with a message
 * naming the key and its origin. */
rs_status rs_scenario_validate(rs_scenario *sc, char *err);

/* Writes the scenario as an INI file that rs_scenario_load reads back to the
 * same values. With `document`, every key is preceded by comments giving its
 * meaning, unit, range, default and source (the `rampsim defaults` output). */
void rs_scenario_write(FILE *out, const rs_scenario *sc, bool document);

/* Derived quantities the model and the checks share. */
double rs_scenario_one_on_ones_per_week(const rs_scenario *sc);
/* The coaching stock a veteran starts with: the explicit prior, or the
 * plan's steady state (planned coaching plus ride-along equivalents). */
double rs_scenario_prior_stock(const rs_scenario *sc);
/* The manager's planned team hours in a week with `active` reps of whom
 * `onboarding` are in their onboarding weeks, by activity, before any
 * fitting to the budget. Monthly activities are spread evenly over the
 * 52/12 weeks of a month. */
typedef struct rs_plan_hours {
    double coaching, onboarding, one_on_one, team_meeting, ride_along;
} rs_plan_hours;
rs_plan_hours rs_scenario_plan(const rs_scenario *sc, int active, int onboarding);

#endif
