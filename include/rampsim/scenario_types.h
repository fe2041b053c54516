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
    rs_origin *origins;       /* one per parameter (src/params.h) */
    int settings;             /* values set so far, for rs_origin.sequence */
} rs_scenario;

#endif
