/* rampsim/outcome.h: what one replication reports (docs/model.md,
 * "Statistics"; the files docs/outputs.md describes are made from it).
 *
 * A replication's results are a flat vector of values ("slots"), laid out by
 * rs_layout so that the statistics can treat every slot alike: scalar
 * metrics, per-fiscal-year metrics, per-quarter attainment, weekly
 * cumulative bookings and quota, the manager's weekly hours by activity, and
 * new hires' productivity by tenure week. NAN marks a value that is
 * undefined in that replication (no deal won, no new hire...) and is left
 * out of the statistics. Ramp time and weeks to first win are pooled over
 * the hires of a replication, so they come as lists. */
#ifndef RAMPSIM_OUTCOME_H
#define RAMPSIM_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario_types.h"

typedef enum rs_metric {
    RS_M_RAMP_WEEKS,          /* pooled over hires */
    RS_M_FIRST_WIN_WEEKS,     /* pooled over hires */
    RS_M_WIN_RATE,
    RS_M_WON_CYCLE_WEEKS,
    RS_M_WON_DEAL_SIZE,
    RS_M_PIPELINE_TO_QUOTA,
    RS_M_SELLING_TIME_SHARE,
    RS_M_LEAD_TO_CLOSE,
    RS_M_ATTENTION,
    RS_M_DEALS_WON,
    RS_M_COACHING_STOCK,
    RS_M_MANAGER_HOURS,
    RS_M_MANAGER_OVERTIME,
    RS_M_COACHING_SHORTFALL,
    RS_M_DEAL_HELP_DEALS,
    RS_M_DEPARTURES,
    RS_M_REVIEW_EXITS,
    RS_M_FIRST_YEAR_EXITS,
    RS_M_FIRST_YEAR_EXITS_ATTRITION,
    RS_M_FIRST_YEAR_EXITS_REVIEW,
    RS_M_HIRES,
    RS_M_BOOKINGS_TOTAL,
    RS_M_MANAGER_HOURS_TOTAL,
    RS_M_NET_VALUE,
    RS_M_COUNT
} rs_metric;

/* Per fiscal year metrics, named <name>_fy<k>. */
typedef enum rs_fy_metric {
    RS_FY_TEAM_ATTAINMENT,
    RS_FY_REPS_AT_QUOTA,
    RS_FY_BOOKINGS,
    RS_FY_QUOTA,
    RS_FY_COUNT
} rs_fy_metric;

/* The manager's weekly hours, in the order of manager.csv. */
typedef enum rs_activity {
    RS_ACT_COACHING,
    RS_ACT_ONBOARDING,
    RS_ACT_ONE_ON_ONE,
    RS_ACT_TEAM_MEETING,
    RS_ACT_RIDE_ALONG,
    RS_ACT_DEAL_HELP,
    RS_ACT_TOTAL,
    RS_ACT_OVERTIME,
    RS_ACT_SHORTFALL,
    RS_ACT_COUNT
} rs_activity;

typedef struct rs_metric_info {
    const char *name; /* snake case, as in summary.csv */
    const char *unit;
    const char *description;
    int better;       /* +1 higher is better, -1 lower is better, 0 neither */
    int chance;       /* each replication's value is 0 or 100: the mean is a chance, the median says little */
} rs_metric_info;

extern const rs_metric_info rs_metric_infos[RS_M_COUNT];
extern const rs_metric_info rs_fy_metric_infos[RS_FY_COUNT];
extern const char *const rs_activity_names[RS_ACT_COUNT];

/* One reported fiscal quarter: its place in the fiscal calendar and the
 * simulated weeks it covers. Weeks before week 0 (gone_weeks) are counted
 * at run.ytd_attainment. */
typedef struct rs_quarter_span {
    int fiscal_year;   /* 1 = the year the run starts in */
    int quarter;       /* 1..4 */
    int first_week;    /* first simulated week in it (0 for the first) */
    int gone_weeks;    /* weeks of it before the run started */
    int weeks;         /* simulated weeks in it */
} rs_quarter_span;

/* The plan's metrics, per fiscal year (plan.bookings set), named <name>_fy<k>. */
typedef enum rs_plan_metric { RS_PLAN_MADE, RS_PLAN_SHORTFALL, RS_PLAN_COUNT } rs_plan_metric;
extern const rs_metric_info rs_plan_metric_infos[RS_PLAN_COUNT];

typedef struct rs_layout {
    int horizon;
    int fiscal_years;   /* fiscal years fully covered by the horizon */
    int fy1_weeks;      /* simulated weeks in the first fiscal year */
    int quarters;       /* fiscal quarters fully covered */
    rs_quarter_span *quarter_spans;
    int seats;          /* seats of the team (docs/outputs.md, reps.csv) */
    int plan_years;     /* fiscal years the plan reports: fiscal_years with a plan, else 0 */
    /* slot offsets; [0, cum_bookings) are paired in comparisons and have
     * fine percentiles, [cum_bookings, sketched) coarse ones */
    size_t fy;
    size_t plan;            /* fiscal_years x RS_PLAN_COUNT, NAN without a plan */
    size_t quarter, cum_bookings, cum_quota;
    size_t seat_attainment; /* seats x fiscal_years: a seat's attainment of its quota, % */
    size_t seat_ramp_weeks; /* seats: weeks from hire until the seat's first rep ramped */
    size_t sketched;        /* slots [0, sketched) get percentiles */
    size_t manager, productivity, ramped_share;
    size_t team_active, team_vacant; /* horizon each: reps on the team, empty seats, in each week */
    size_t seat_at_quota;   /* seats x fiscal_years: 100 when the seat reached its quota, else 0 */
    size_t seat_left;       /* seats: 100 when the seat's first rep left during the run, else 0 */
    size_t slots;       /* all slots */
    size_t max_hires;   /* bound on the hires of one replication */
} rs_layout;

/* Fills the layout of sc's results. RS_ERR_NOMEM on failure. */
rs_status rs_layout_init(rs_layout *layout, const rs_scenario *sc);
void rs_layout_free(rs_layout *layout);

static inline size_t rs_layout_fy_slot(const rs_layout *l, int fy, rs_fy_metric m)
{
    return l->fy + (size_t)fy * RS_FY_COUNT + (size_t)m;
}
static inline size_t rs_layout_plan_slot(const rs_layout *l, int fy, rs_plan_metric m)
{
    return l->plan + (size_t)fy * RS_PLAN_COUNT + (size_t)m;
}
/* Seat i's slot in fiscal year fy of a per-seat, per-year block at `base`. */
static inline size_t rs_layout_seat_fy_slot(const rs_layout *l, size_t base, int seat, int fy)
{
    return base + (size_t)seat * (size_t)l->fiscal_years + (size_t)fy;
}
static inline size_t rs_layout_manager_slot(const rs_layout *l, int week, rs_activity a)
{
    return l->manager + (size_t)week * RS_ACT_COUNT + (size_t)a;
}

/* A metric reported once per replication set: a scalar or a fiscal-year
 * metric (named <name>_fy<k>), in summary.csv's order. */
typedef struct rs_reported_metric {
    size_t slot;
    char name[64];
    const rs_metric_info *info;
    int paired; /* one value per replication, so pairs exist (not pooled) */
} rs_reported_metric;

/* How many metrics the layout reports: the size rows needs below. */
size_t rs_layout_reported_count(const rs_layout *l);

/* Fills rows with the layout's reported metrics (at most max); returns how
 * many. */
size_t rs_layout_reported_metrics(const rs_layout *l, rs_reported_metric *rows, size_t max);

/* Finds the reported metric `name` of scenario sc. Returns RS_OK and fills
 * found, or RS_ERR_INPUT with "NAME: not a metric of this scenario; did
 * you mean ...?" in err (a caller that took NAME from an option puts the
 * option in front). */
rs_status rs_reported_metric_find(const rs_scenario *sc, const char *name, rs_reported_metric *found, char *err);

/* The random components of a replication that `rampsim drivers` weighs
 * beside the uncertain inputs: what the year's luck dealt the team. */
typedef enum rs_luck {
    RS_LUCK_DEPARTURES,  /* reps who left during the run */
    RS_LUCK_RAMP_FACTOR, /* the mean ramp-time factor of the run's hires (NAN: none) */
    RS_LUCK_SKILL,       /* the reps' mean skill, over their weeks on the team */
    RS_LUCK_DEAL_SIZE,   /* the mean size factor (mean 1) of the opportunities opened */
    RS_LUCK_LEADS,       /* the mean uniform behind the opportunities of each rep-week: above 0.5, more than expected */
    RS_LUCK_WINS,        /* the mean of 1 - the uniform behind each closing deal: above 0.5, more wins than odds */
    RS_LUCK_COUNT
} rs_luck;

/* One replication's results; buffers sized by the layout. */
typedef struct rs_outcome {
    double *values;           /* layout.slots values, NAN = undefined */
    double *ramp_weeks;       /* ramp time of each hire that ramped */
    size_t n_ramp_weeks;
    double *first_win_weeks;  /* weeks from hire to first win, each hire that won */
    size_t n_first_win_weeks;
    double inputs[RS_UNCERTAIN_MAX]; /* the value of each uncertain key of the scenario, in its order */
    double luck[RS_LUCK_COUNT];
} rs_outcome;

rs_outcome *rs_outcome_new(const rs_layout *layout);
/* Bytes an outcome of this layout takes. */
size_t rs_outcome_memory(const rs_layout *layout);
void rs_outcome_free(rs_outcome *outcome);

#endif
