/* output_reps.c: the team seat by seat: reps.csv (what each seat holds and
 * how it did over the replications) and the table of the team as resolved
 * that rampsim check prints (docs/outputs.md, "reps.csv"). */
#include "rampsim/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "dates.h"
#include "team.h"
#include "valueparse.h"

/* What a seat is at week 0, as the scenario resolved it. */
typedef struct seat_facts {
    char name[RS_NAME_MAX + 16];
    const char *kind;
    int tenure;      /* weeks of tenure at week 0; -1: none (empty, or a veteran of unknown tenure) */
    int starts;      /* the week its first rep starts (planned starts, growth seats); -1: none */
    double quota;    /* the first rep's annual quota */
    double skill;    /* the first rep's skill; NAN: drawn */
    double coaching; /* planned coaching, hours a month */
} seat_facts;

static seat_facts seat_facts_of(const rs_scenario *sc, int i)
{
    const rs_seat_spec *spec = &sc->team.seats[i];
    seat_facts s = {.tenure = -1, .starts = -1, .skill = spec->skill};
    rs_team_seat_name(sc, i, s.name, sizeof s.name);
    switch (spec->kind) {
    case RS_SEAT_VETERAN:
        s.kind = "veteran";
        break;
    case RS_SEAT_TENURE:
        s.kind = spec->tenure_weeks > 0 ? "rep" : "new_hire";
        s.tenure = spec->tenure_weeks;
        break;
    case RS_SEAT_OPEN:
        s.kind = "open";
        break;
    case RS_SEAT_STARTS:
        s.kind = "planned_start";
        s.starts = spec->start_week;
        break;
    default:
        s.kind = "growth";
        s.starts = spec->start_week;
        break;
    }
    s.quota = isnan(spec->quota_annual) ? sc->quota.annual : spec->quota_annual;
    s.coaching = rs_team_coaching_hours_per_month(sc, i);
    return s;
}

/* The date `weeks` after week 0's (before it when negative), or "" when
 * the scenario has no start date or there is no such week. */
static void week_date(const rs_scenario *sc, int weeks, bool defined, char *buf, size_t size)
{
    buf[0] = '\0';
    if (sc->run.has_start_date && defined)
        rs_date_format((rs_day)(sc->run.start_date + 7 * weeks), buf, size);
}

/* ---- reps.csv ---------------------------------------------------------- */

/* Ramp percentiles are left out for seats whose first rep ramped (in the
 * warm-up or the run) in fewer than this share of the replications: a
 * median of a minority of them misleads. */
#define RAMP_SHARE_SHOWN 50.0

static void put_header(FILE *f, const rs_results *r)
{
    bool dated = r->scenario->run.has_start_date;
    fprintf(f, "seat,name,kind,tenure_weeks%s,starts_week%s,annual_quota,skill,coaching_hours_per_month",
            dated ? ",hired" : "", dated ? ",starts" : "");
    for (int k = 1; k <= r->layout.fiscal_years; k++)
        fprintf(f, ",attainment_fy%d_p10,attainment_fy%d_p50,attainment_fy%d_p90,reach_quota_fy%d", k, k, k, k);
    fprintf(f, ",leave_chance,ramp_weeks_p10,ramp_weeks_p50,ramp_weeks_p90,ramp_share\n");
}

/* ",x" for a whole number, or an empty cell when x < 0 (none). */
static void put_week(FILE *f, int x)
{
    fputc(',', f);
    if (x >= 0)
        fprintf(f, "%d", x);
}

/* ",p10,p50,p90" of a sketched slot. */
static void put_band(FILE *f, const rs_results *r, size_t slot, bool shown)
{
    static const double band[] = {RS_BAND_LOW, RS_MEDIAN, RS_BAND_HIGH};
    for (int k = 0; k < 3; k++)
        rs_csv_cell(f, shown ? rs_sketches_quantile(r->sketches, slot, band[k]) : NAN);
}

/* The mean of a slot, NAN when no replication defined it. */
static double mean_of(const rs_results *r, size_t slot)
{
    return r->moments[slot].n > 0 ? r->moments[slot].mean : NAN;
}

static void put_seat(FILE *f, const rs_results *r, int i)
{
    const rs_layout *l = &r->layout;
    const rs_scenario *sc = r->scenario;
    seat_facts s = seat_facts_of(sc, i);
    char date[16];
    fprintf(f, "%d,", i + 1);
    rs_csv_text(f, s.name);
    fprintf(f, ",%s", s.kind);
    put_week(f, s.tenure);
    if (sc->run.has_start_date) {
        week_date(sc, -s.tenure, s.tenure >= 0, date, sizeof date);
        fprintf(f, ",%s", date);
    }
    put_week(f, s.starts);
    if (sc->run.has_start_date) {
        week_date(sc, s.starts, s.starts >= 0, date, sizeof date);
        fprintf(f, ",%s", date);
    }
    rs_csv_cell(f, s.quota);
    fputc(',', f);
    if (isnan(s.skill))
        fputs("drawn", f);
    else
        rs_csv_number(f, s.skill, RS_CSV_FIGURE);
    rs_csv_cell(f, s.coaching);
    for (int k = 0; k < l->fiscal_years; k++) {
        put_band(f, r, rs_layout_seat_fy_slot(l, l->seat_attainment, i, k), true);
        rs_csv_cell(f, mean_of(r, rs_layout_seat_fy_slot(l, l->seat_at_quota, i, k)));
    }
    rs_csv_cell(f, mean_of(r, l->seat_left + (size_t)i));
    size_t ramp = l->seat_ramp_weeks + (size_t)i;
    double share = r->replications > 0 ? 100.0 * r->moments[ramp].n / (double)r->replications : NAN;
    put_band(f, r, ramp, share >= RAMP_SHARE_SHOWN);
    rs_csv_cell(f, share);
    fputc('\n', f);
}

rs_status rs_output_write_reps(FILE *f, const rs_results *r)
{
    put_header(f, r);
    for (int i = 0; i < r->layout.seats; i++)
        put_seat(f, r, i);
    return RS_OK;
}

/* ---- the team as rampsim check prints it -------------------------------- */

/* The width of a column of names: the widest, escaped. */
static int name_width(const rs_scenario *sc)
{
    int width = 4;
    for (int i = 0; i < sc->team.seat_count; i++) {
        char name[RS_NAME_MAX + 16], shown[4 * RS_NAME_MAX + 64];
        rs_escape(rs_team_seat_name(sc, i, name, sizeof name), false, shown, sizeof shown);
        int n = 0; /* characters, not bytes: UTF-8 continuation bytes take no column */
        for (const unsigned char *c = (const unsigned char *)shown; *c; c++)
            n += (*c & 0xc0) != 0x80;
        width = n > width ? n : width;
    }
    return width;
}

/* A figure as a table shows it: up to 3 significant digits (2.385 as 2.38). */
static void figure(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.3g", x);
}

static void print_seat(FILE *out, const rs_scenario *sc, int i, int width)
{
    seat_facts s = seat_facts_of(sc, i);
    char shown[4 * RS_NAME_MAX + 64], tenure[16] = "", starts[16] = "", hired[16], on[16], quota[48], skill[32],
                                      coaching[32];
    rs_escape(s.name, false, shown, sizeof shown);
    if (s.tenure >= 0)
        snprintf(tenure, sizeof tenure, "%d", s.tenure);
    if (s.starts >= 0)
        snprintf(starts, sizeof starts, "%d", s.starts);
    week_date(sc, -s.tenure, s.tenure >= 0, hired, sizeof hired);
    week_date(sc, s.starts, s.starts >= 0, on, sizeof on);
    rs_format_amount(s.quota, quota, sizeof quota);
    if (isnan(s.skill))
        snprintf(skill, sizeof skill, "drawn");
    else
        figure(s.skill, skill, sizeof skill);
    figure(s.coaching, coaching, sizeof coaching);
    /* pad by characters, as name_width counts them */
    int pad = width;
    for (const unsigned char *c = (const unsigned char *)shown; *c; c++)
        pad -= (*c & 0xc0) != 0x80;
    fprintf(out, "# %4d  %s%*s  %-13s  %6s", i + 1, shown, pad > 0 ? pad : 0, "", s.kind, tenure);
    if (sc->run.has_start_date)
        fprintf(out, "  %-10s", hired);
    fprintf(out, "  %6s", starts);
    if (sc->run.has_start_date)
        fprintf(out, "  %-10s", on);
    fprintf(out, "  %12s  %6s  %8s\n", quota, skill, coaching);
}

static void print_heading(FILE *out, const rs_scenario *sc, int width)
{
    fprintf(out, "# %4s  %-*s  %-13s  %6s", "seat", width, "name", "kind", "tenure");
    if (sc->run.has_start_date)
        fprintf(out, "  %-10s", "hired");
    fprintf(out, "  %6s", "starts");
    if (sc->run.has_start_date)
        fprintf(out, "  %-10s", "on");
    fprintf(out, "  %12s  %6s  %8s\n", "annual quota", "skill", "coaching");
}

void rs_output_print_team(FILE *out, const rs_scenario *sc)
{
    int growth = 0, n = sc->team.seat_count, width = name_width(sc);
    for (int i = 0; i < n; i++)
        growth += sc->team.seats[i].kind == RS_SEAT_GROWTH;
    fprintf(out, "\n# The team as resolved: %d seat%s at week 0; tenure and starts in weeks of the run,\n"
                 "# skill a multiplier (drawn: from rep.skill_cv), coaching in hours a month.\n",
            n - growth, n - growth == 1 ? "" : "s");
    print_heading(out, sc, width);
    for (int i = 0; i < n; i++)
        if (sc->team.seats[i].kind != RS_SEAT_GROWTH)
            print_seat(out, sc, i, width);
    if (growth == 0) {
        fprintf(out, "# The hiring plan (team.hires) adds no seat.\n");
        return;
    }
    fprintf(out, "#\n# The hiring plan (team.hires): %d new seat%s.\n", growth, growth == 1 ? "" : "s");
    print_heading(out, sc, width);
    for (int i = 0; i < n; i++)
        if (sc->team.seats[i].kind == RS_SEAT_GROWTH)
            print_seat(out, sc, i, width);
}
