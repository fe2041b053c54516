/* params_table.c: the table of every scenario key, with its type, limits,
 * default, unit, meaning and the source of the default, and the look-ups
 * on it (a key by name, and the nearest key to a misspelling). Defaults
 * are text, parsed by params.c like user input, so a default can never be
 * a value a user could not write. */
#include "params.h"

#include <stdio.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "valueparse.h"

#define OFF(field) offsetof(rs_scenario, field)
#define NONE 0, 0, NULL

static const char *const curve_names[] = {"scurve", "exponential", "linear", "table", NULL};
static const char *const cadence_names[] = {"none", "monthly", "biweekly", "weekly", NULL};
static const char *const focus_names[] = {"even", "behind", NULL};
static const char *const when_names[] = {"off", "quarter_end", "always", NULL};
static const char *const style_names[] = {"coach", "take_over", NULL};
static const char *const overbooked_names[] = {"scale", "error", NULL};
static const char *const uncertainty_names[] = {"none", "research", NULL};

const rs_param rs_params[] = {
    /* [run] */
    {"run", "name", RS_P_NAME, OFF(run.name), NONE, "", "",
     "name of the run; results go to results/<name>/ unless -o is given (default: the file name)", NULL},
    {"run", "horizon_weeks", RS_P_INT, OFF(run.horizon_weeks), 1, RS_MAX_HORIZON, NULL, "104", "weeks",
     "weeks simulated and reported", NULL},
    {"run", "warmup_weeks", RS_P_INT, OFF(run.warmup_weeks), 0, RS_MAX_WARMUP, NULL, "26", "weeks",
     "unreported weeks run first with veterans only and no attrition, to fill the pipeline", NULL},
    {"run", "start_week", RS_P_INT, OFF(run.start_week), 0, RS_WEEKS_PER_YEAR - 1, NULL, "0", "fiscal week",
     "week of the fiscal year at which the simulation starts (26 = mid-year)", NULL},
    {"run", "start_date", RS_P_DATE, OFF(run.start_date), NONE, "none", "date",
     "the date of week 0: with it a roster may give hire and start dates, team.hires may list dates, and "
     "weekly.csv, quarters.csv and the charts carry dates (none: weeks only)", NULL},
    {"run", "ytd_attainment", RS_P_FRACTION, OFF(run.ytd_attainment), 0, 10, NULL, "1", "share of plan",
     "team attainment of its quota for the fiscal weeks already gone before start_week (80% = behind plan)", NULL},
    {"run", "replications", RS_P_COUNT, OFF(run.replications), 1, (double)RS_MAX_REPLICATIONS, NULL, "2000",
     "replications", "Monte Carlo replications of the whole horizon", NULL},
    {"run", "replications_per_draw", RS_P_INT, OFF(run.replications_per_draw), 2, 10000, NULL, "16", "replications",
     "with keys given as distributions: replications run on each draw of them (a nested design: the spread "
     "between draws is what the inputs' uncertainty does, the spread within one is the year's luck)", NULL},
    {"run", "seed", RS_P_SEED, OFF(run.seed), NONE, "20261126", "",
     "master seed; the same seed gives the same results on any number of threads", NULL},
    /* [team] */
    {"team", "reps", RS_P_INT, OFF(team.reps), 1, RS_MAX_REPS, NULL, "8", "seats",
     "seats on the team", "average span of control is 6-8 reps per manager"},
    {"team", "new_hires", RS_P_INT, OFF(team.new_hires), 0, RS_MAX_REPS, NULL, "2", "seats",
     "seats that start at week 0 with a brand-new hire; the others hold ramped veterans", NULL},
    {"team", "roster", RS_P_PATH, OFF(team.roster), NONE, "none", "CSV file",
     "the team as it is, one row a seat: name, tenure or hired, and optionally starts, skill, quota and "
     "coaching_hours_per_month (docs/inputs.md); replaces team.reps and team.new_hires; a path relative to "
     "the scenario file's folder", NULL},
    {"team", "hires", RS_P_HIRES, OFF(team.hires), NONE, "none", "week:seats",
     "the hiring plan: growth seats whose first reps start at that week of the run (or date, with "
     "run.start_date), on top of the roster or team.reps", NULL},
    /* [rep] */
    {"rep", "skill_cv", RS_P_REAL, OFF(rep.skill_cv), 0, 3, NULL, "0.25", "coefficient of variation",
     "spread of the lognormal skill multiplier (mean 1) each rep draws at hire", NULL},
    {"rep", "hours_per_week", RS_P_HOURS, OFF(rep.hours_per_week), 1, 168, NULL, "45", "hours/week",
     "hours a rep works in a week", NULL},
    {"rep", "selling_share", RS_P_FRACTION, OFF(rep.selling_share), 0.001, 1, NULL, "0.35", "share of hours",
     "share of a rep's hours spent selling", "reps spend about a third of their time selling"},
    {"rep", "meeting_cost", RS_P_FRACTION, OFF(rep.meeting_cost), 0, 1, NULL, "0.5", "selling hours per meeting hour",
     "selling hours lost per hour a rep spends in one-on-ones, team meetings and coaching", NULL},
    {"rep", "hours_per_open_deal", RS_P_HOURS, OFF(rep.hours_per_open_deal), 0, 40, NULL, "1.5",
     "selling hours/week per open opportunity",
     "selling hours an open opportunity needs each week to be worked properly; a rep with more pipeline than "
     "hours wins a smaller share of it (0: no limit)",
     "reference model: a ramped rep's steady pipeline of about 10 open deals about fills their 15.75 selling hours"},
    /* [ramp] */
    {"ramp", "curve", RS_P_ENUM, OFF(ramp.curve), 0, 0, curve_names, "scurve", "",
     "shape of productivity against experience: scurve, exponential, linear or table", NULL},
    {"ramp", "weeks_to_ramped", RS_P_REAL, OFF(ramp.weeks_to_ramped), 1, 520, NULL, "22", "weeks",
     "experience at which productivity reaches ramped_at (curves other than table)", "about five months to full productivity"},
    {"ramp", "ramped_at", RS_P_FRACTION, OFF(ramp.ramped_at), 0.01, 0.99, NULL, "0.9", "share of full productivity",
     "productivity at which a rep counts as ramped", NULL},
    {"ramp", "onboarding_hour_weeks", RS_P_REAL, OFF(ramp.onboarding_hour_weeks), 0, 10, NULL, "0.541667",
     "weeks of experience per onboarding hour",
     "extra experience a week gains per extra onboarding coaching hour",
     "seed: one extra hour a week for 8 weeks shortens the ramp by a month (52/12/8)"},
    {"ramp", "time_cv", RS_P_REAL, OFF(ramp.time_cv), 0, 2, NULL, "0.35", "coefficient of variation",
     "spread of the lognormal ramp-time factor (mean 1) each hire draws: a rep ramps in about weeks_to_ramped "
     "x the factor (0: every hire ramps alike)",
     "ramp time varies by rep (Xactly; SBI: from under 3 to over 12 months across companies); 0.35 gives a "
     "middle 80% of about 13 to 33 weeks around 22"},
    {"ramp", "table", RS_P_TABLE, OFF(ramp.table), 0, 100, NULL, "0,25,50,75,100", "percent per month",
     "curve = table: productivity at months 0, 1, 2, ... as spreadsheet capacity models write it", NULL},
    /* [pipeline] */
    {"pipeline", "leads_per_week", RS_P_REAL, OFF(pipeline.leads_per_week), 0, 1000, NULL, "3", "leads/week",
     "leads a ramped, average rep works in an undisturbed week", NULL},
    {"pipeline", "lead_to_opportunity", RS_P_FRACTION, OFF(pipeline.lead_to_opportunity), 0, 1, NULL, "0.33",
     "share", "chance that a lead becomes an opportunity", NULL},
    {"pipeline", "deal_size", RS_P_MONEY, OFF(pipeline.deal_size), 0, 1e12, NULL, "28000", "currency",
     "mean value of an opportunity", "Bridge Group SaaS AE median ACV $25-38K"},
    {"pipeline", "deal_size_cv", RS_P_REAL, OFF(pipeline.deal_size_cv), 0, 5, NULL, "0.8", "coefficient of variation",
     "spread of the lognormal deal value", NULL},
    {"pipeline", "cycle_weeks", RS_P_REAL, OFF(pipeline.cycle_weeks), 0.1, 260, NULL, "10", "weeks",
     "mean sales cycle, creation to close", "60-72 day sales cycles"},
    {"pipeline", "cycle_cv", RS_P_REAL, OFF(pipeline.cycle_cv), 0, 2, NULL, "0.5", "coefficient of variation",
     "spread of the gamma-distributed cycle length", NULL},
    {"pipeline", "win_rate", RS_P_FRACTION, OFF(pipeline.win_rate), 0, 1, NULL, "0.22", "share",
     "chance that an opportunity is won at close, before any practice's effect", "typical B2B win rates of 20-25%"},
    {"pipeline", "max_win_rate", RS_P_FRACTION, OFF(pipeline.max_win_rate), 0, 1, NULL, "0.95", "share",
     "cap on the win chance after every multiplier", NULL},
    {"pipeline", "gross_margin", RS_P_FRACTION, OFF(pipeline.gross_margin), 0, 1, NULL, "0.75", "share of bookings",
     "share of bookings kept as gross profit: the value of extra bookings in the net return of a plan",
     "typical SaaS gross margins of 70-80%"},
    {"pipeline", "seasonality", RS_P_SEASONS, OFF(pipeline.seasonality), NONE, "25,25,25,25",
     "percent a fiscal quarter", "shares of a year's leads by fiscal quarter: each quarter's leads are "
     "multiplied by 4 x its share",
     "B2B bookings are often back-loaded: Kellblog's example linearity is 18, 22, 26 and 34%"},
    /* [manager] */
    {"manager", "hours_per_week", RS_P_HOURS, OFF(manager.hours_per_week), 0, 168, NULL, "50", "hours/week",
     "hours the manager works in a week", NULL},
    {"manager", "team_share", RS_P_FRACTION, OFF(manager.team_share), 0, 1, NULL, "0.6", "share of hours",
     "share of the manager's hours available for the team (the budget)", NULL},
    {"manager", "overbooked", RS_P_ENUM, OFF(manager.overbooked), 0, 0, overbooked_names, "scale", "",
     "when the plan needs more than the budget: scale coaching down and report the shortfall, or error", NULL},
    {"manager", "hourly_cost", RS_P_MONEY, OFF(manager.hourly_cost), 0, 1e6, NULL, "100", "currency/hour",
     "loaded cost of one hour of the manager's time: the price of the hours a plan takes",
     "about 200,000 a year of salary, bonus and overhead over 2,000 working hours"},
    /* [coaching] */
    {"coaching", "hours_per_month", RS_P_HOURS, OFF(coaching.hours_per_month), 0, 100, NULL, "1", "hours/rep/month",
     "planned coaching per rep", "the typical manager of SEED-CLAIMS.md"},
    {"coaching", "focus", RS_P_ENUM, OFF(coaching.focus), 0, 0, focus_names, "even", "",
     "even: every rep gets the plan; behind: same total, reps below quarter-to-date quota get twice the share", NULL},
    {"coaching", "memory_weeks", RS_P_REAL, OFF(coaching.memory_weeks), 0.1, 520, NULL, "13", "weeks",
     "time constant with which the coaching stock follows what a rep receives (fades over about a quarter)", NULL},
    {"coaching", "prior_hours_per_month", RS_P_AUTO, OFF(coaching.prior_hours_per_month), 0, 1000, NULL, "auto",
     "hours/month", "coaching stock veterans start with; auto = the plan's steady state", NULL},
    {"coaching", "max_uplift", RS_P_REAL, OFF(coaching.max_uplift), 0, 10, NULL, "0.9", "share",
     "ceiling of the coaching multiplier on the win rate, less one",
     "calibrated: reference team 90%, coaching 3h/month 107% (SEED-CLAIMS.md C1)"},
    {"coaching", "half_effect_hours", RS_P_REAL, OFF(coaching.half_effect_hours), 0.01, 1000, NULL, "3", "hours/month",
     "coaching stock at which half the uplift is reached", "seed: a threshold near 3 hours a month"},
    {"coaching", "steepness", RS_P_REAL, OFF(coaching.steepness), 0.1, 20, NULL, "4", "Hill exponent",
     "how sharply the uplift rises around half_effect_hours", "seed: a threshold, so S-shaped"},
    {"coaching", "quality", RS_P_REAL, OFF(coaching.quality), 0, 1.5, NULL, "1", "factor",
     "how good the manager is at coaching: the power of the coaching multiplier (ride-along and deal coaching "
     "included); the hours cost the same (0: coaching costs time and does nothing, 1: the research's coach)",
     "Dahling et al. 2016 (1,246 reps, 136 teams): more coaching lowers attainment under managers low in "
     "coaching skill"},
    {"coaching", "per_rep", RS_P_REP_HOURS, OFF(coaching.per_rep), NONE, "none", "name:hours/month",
     "planned coaching of named reps (roster names, or seat-1, seat-2... without a roster), over the "
     "roster's coaching_hours_per_month and coaching.hours_per_month", NULL},
    /* [onboarding] */
    {"onboarding", "extra_hours_per_week", RS_P_HOURS, OFF(onboarding.extra_hours_per_week), 0, 40, NULL, "0",
     "hours/week", "extra coaching each new hire gets in each onboarding week", NULL},
    {"onboarding", "weeks", RS_P_INT, OFF(onboarding.weeks), 0, 104, NULL, "8", "weeks",
     "the first weeks of tenure that count as onboarding", "seed: the first 8 weeks"},
    /* [one_on_one] */
    {"one_on_one", "cadence", RS_P_ENUM, OFF(one_on_one.cadence), 0, 0, cadence_names, "monthly", "",
     "one-on-one meetings with each rep: none, monthly, biweekly or weekly", "the typical manager of SEED-CLAIMS.md"},
    {"one_on_one", "hours", RS_P_HOURS, OFF(one_on_one.hours), 0, 8, NULL, "0.5", "hours/meeting",
     "length of one one-on-one", NULL},
    {"one_on_one", "win_multiplier", RS_P_REAL, OFF(one_on_one.win_multiplier), 0.1, 10, NULL, "1.31", "factor",
     "win rate at biweekly or weekly cadence (monthly: half on a log scale)",
     "calibrated: with attention and overlap, bi-weekly one-on-ones show win rates +37% (SEED-CLAIMS.md C3)"},
    {"one_on_one", "cycle_multiplier", RS_P_REAL, OFF(one_on_one.cycle_multiplier), 0.1, 10, NULL, "0.845", "factor",
     "sales cycle at biweekly or weekly cadence", "calibrated: the won-deal cycle shows -14% (C3)"},
    {"one_on_one", "deal_size_multiplier", RS_P_REAL, OFF(one_on_one.deal_size_multiplier), 0.1, 10, NULL, "1.127",
     "factor", "deal size at biweekly or weekly cadence", "calibrated: the won-deal size shows +12% (C3)"},
    /* [team_meeting] */
    {"team_meeting", "weekly", RS_P_BOOL, OFF(team_meeting.weekly), NONE, "no", "",
     "whether the team holds a weekly sales meeting", "the typical manager of SEED-CLAIMS.md"},
    {"team_meeting", "hours", RS_P_HOURS, OFF(team_meeting.hours), 0, 40, NULL, "1", "hours/meeting",
     "length of the meeting, for the manager and every rep", NULL},
    {"team_meeting", "lead_multiplier", RS_P_REAL, OFF(team_meeting.lead_multiplier), 0.1, 10, NULL, "2.3", "factor",
     "leads per rep with the weekly meeting",
     "calibrated: pipeline-to-quota shows 1.8x once the meeting's selling time is paid (C4)"},
    /* [ride_along] */
    {"ride_along", "calls_per_month", RS_P_REAL, OFF(ride_along.calls_per_month), 0, 40, NULL, "0.5", "calls/rep/month",
     "customer calls the manager joins per rep", "the typical manager of SEED-CLAIMS.md"},
    {"ride_along", "hours", RS_P_HOURS, OFF(ride_along.hours), 0, 40, NULL, "2", "hours/call",
     "manager hours per ride-along call", NULL},
    {"ride_along", "coaching_equiv_hours", RS_P_HOURS, OFF(ride_along.coaching_equiv_hours), 0, 40, NULL, "0.54",
     "hours/call", "coaching-stock hours each call is worth to the rep",
     "calibrated: 2 calls/rep/month give 72%, about a point more than without them (SEED-CLAIMS.md C2)"},
    /* [deal_help] */
    {"deal_help", "when", RS_P_ENUM, OFF(deal_help.when), 0, 0, when_names, "off", "",
     "when the manager steps into closing deals: off, quarter_end (last weeks of each quarter) or always", NULL},
    {"deal_help", "style", RS_P_ENUM, OFF(deal_help.style), 0, 0, style_names, "coach", "",
     "coach: a deal-strategy session that counts as coaching; take_over: the manager sells it", NULL},
    {"deal_help", "hours_per_deal", RS_P_HOURS, OFF(deal_help.hours_per_deal), 0, 80, NULL, "6", "hours/deal",
     "manager hours per deal helped, in either style", NULL},
    {"deal_help", "weeks", RS_P_INT, OFF(deal_help.weeks), 1, RS_WEEKS_PER_QUARTER, NULL, "3", "weeks",
     "quarter_end: the last weeks of each quarter in which the manager helps", NULL},
    {"deal_help", "below_attainment", RS_P_FRACTION, OFF(deal_help.below_attainment), 0, 10, NULL, "0.8",
     "share of quota", "help only reps whose quarter-to-date attainment is below this", NULL},
    {"deal_help", "max_deals_per_week", RS_P_INT, OFF(deal_help.max_deals_per_week), 0, 100, NULL, "2", "deals/rep/week",
     "deals helped per rep in a week, largest first", NULL},
    {"deal_help", "take_over_win_multiplier", RS_P_REAL, OFF(deal_help.take_over_win_multiplier), 0, 20, NULL, "1.5",
     "factor", "win chance of a deal the manager takes over", NULL},
    {"deal_help", "coach_win_multiplier", RS_P_REAL, OFF(deal_help.coach_win_multiplier), 0, 20, NULL, "1.15",
     "factor", "win chance of a deal the manager coaches", NULL},
    /* [attrition] */
    {"attrition", "annual", RS_P_FRACTION, OFF(attrition.annual), 0, 1, NULL, "0.30", "share/year",
     "chance that a rep leaves within a year", "published sales turnover of 26-35%"},
    {"attrition", "hiring_lag_weeks", RS_P_INT, OFF(attrition.hiring_lag_weeks), 0, 520, NULL, "10", "weeks",
     "weeks a seat stays empty before its new hire starts", NULL},
    {"attrition", "review_weeks", RS_P_WEEK_LIST, OFF(attrition.review_weeks), 1, RS_MAX_HORIZON, NULL, "26,39,52",
     "weeks of tenure", "tenure weeks of the early reviews at which a new rep far behind their ramped quota may "
     "leave (none: no reviews)",
     "with cycles of ten weeks, nothing a new rep opened has closed much before half a year"},
    {"attrition", "review_below", RS_P_FRACTION, OFF(attrition.review_below), 0, 10, NULL, "0.5", "share of quota",
     "at a review, a rep whose bookings since hire are below this share of their quota since hire is at risk",
     NULL},
    {"attrition", "review_exit", RS_P_FRACTION, OFF(attrition.review_exit), 0, 1, NULL, "0.1", "share",
     "chance that a rep at risk at a review leaves (managed out, or gone of their own accord)",
     "25-30% of field sales hires fail (Skok); 55% of new hires succeed (Sales Management Association)"},
    /* [quota] */
    {"quota", "annual", RS_P_MONEY, OFF(quota.annual), 0, 1e13, NULL, "360000", "currency/year",
     "annual quota of a ramped rep", "calibrated: the reference team's median first-year attainment is 90%"},
    {"quota", "ramped", RS_P_BOOL, OFF(quota.ramped), NONE, "yes", "",
     "new hires' quota follows the ramp curve at their tenure (no: full quota from day one)", NULL},
    {"quota", "vacant_seats_count", RS_P_BOOL, OFF(quota.vacant_seats_count), NONE, "no", "",
     "empty seats carry a full quota", NULL},
    {"quota", "seasonality", RS_P_SEASONS, OFF(quota.seasonality), NONE, "25,25,25,25", "percent a fiscal quarter",
     "shares of the annual quota by fiscal quarter", NULL},
    /* [plan] */
    {"plan", "bookings", RS_P_PLAN, OFF(plan.bookings), NONE, "none", "currency/fiscal year",
     "the bookings the team must make, per fiscal year (one value for every year, or one a year, the last "
     "repeating): the results give the chance of making it and the shortfall", NULL},
    /* [effects] */
    {"effects", "scale", RS_P_REAL, OFF(effects.scale), 0, 2, NULL, "1", "factor",
     "scales every practice's effect on a log scale: 0.5 half, 0 none (practices only cost time); deal help's "
     "take-over and coach multipliers are the manager's own selling, not survey figures, and are not scaled",
     "for users who treat survey correlations with caution"},
    {"effects", "overlap", RS_P_FRACTION, OFF(effects.overlap), 0, 0.95, NULL, "0.7", "share",
     "how much the practices' effects overlap: they combine as a norm of their strengths instead of multiplying "
     "(0: they multiply freely); one practice alone is unchanged",
     "each survey figure compares managers who do one practice with those who don't, and good managers do "
     "several"},
    {"effects", "uncertainty", RS_P_ENUM, OFF(effects.uncertainty), 0, 0, uncertainty_names, "none", "",
     "research: every survey effect of the practices the plan uses (the one-on-one, meeting and onboarding "
     "figures) and the coaching ceiling becomes a PERT range from no effect to a little beyond the figure, its "
     "mode at the figure as effects.scale scales it (docs/uncertainty.md); none: the figures as single values",
     "the survey figures are correlations from one study"},
};

const size_t rs_param_count = sizeof rs_params / sizeof rs_params[0];

int rs_param_find(const char *section, const char *key)
{
    for (size_t i = 0; i < rs_param_count; i++)
        if (strcmp(rs_params[i].section, section) == 0 && strcmp(rs_params[i].key, key) == 0)
            return (int)i;
    return -1;
}

int rs_param_find_dotted(const char *name)
{
    const char *dot = strchr(name, '.');
    char section[64];
    if (!dot || (size_t)(dot - name) >= sizeof section)
        return -1;
    snprintf(section, sizeof section, "%.*s", (int)(dot - name), name);
    return rs_param_find(section, dot + 1);
}

int rs_param_section_exists(const char *section)
{
    for (size_t i = 0; i < rs_param_count; i++)
        if (strcmp(rs_params[i].section, section) == 0)
            return 1;
    return 0;
}

/* Close enough to be a typo: a third of the word, at least one letter. */
static size_t typo_budget(const char *word)
{
    size_t n = strlen(word) / 3;
    return n < 1 ? 1 : n;
}

const char *rs_param_suggest_section(const char *section)
{
    const char *best = NULL;
    size_t best_d = typo_budget(section) + 1;
    for (size_t i = 0; i < rs_param_count; i++) {
        size_t d = rs_edit_distance(section, rs_params[i].section);
        if (d < best_d) {
            best_d = d;
            best = rs_params[i].section;
        }
    }
    return best;
}

const char *rs_param_suggest_key(const char *section, const char *key)
{
    static char full[128];
    const rs_param *best = NULL;
    size_t best_d = typo_budget(key) + 1;
    /* A key of this section first, then the same key in another section. */
    for (size_t i = 0; i < rs_param_count; i++) {
        const rs_param *p = &rs_params[i];
        size_t d = rs_edit_distance(key, p->key);
        if (strcmp(p->section, section) != 0)
            d = d == 0 ? 1 : d + 2;
        if (d < best_d) {
            best_d = d;
            best = p;
        }
    }
    if (!best)
        return NULL;
    snprintf(full, sizeof full, "%s.%s", best->section, best->key);
    return full;
}
