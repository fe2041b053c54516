/* roster.c: see roster.h. The header row says which column holds what;
 * each row then becomes one seat, every cell checked where it stands, so a
 * message names the line, the column and the value. */
#include "roster.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "valueparse.h"

/* The columns a roster may have, in the order of column_names. */
enum { COL_NAME, COL_TENURE, COL_HIRED, COL_STARTS, COL_SKILL, COL_QUOTA, COL_COACHING, COLUMNS };
static const char *const column_names[COLUMNS] = {"name",  "tenure", "hired", "starts",
                                                  "skill", "quota",  "coaching_hours_per_month"};

/* Limits of the values, and their reasons. */
#define TENURE_WEEKS_MAX 2600    /* 50 years: a longer tenure is a typo */
#define SKILL_MAX 10.0           /* ten times the mean rep (rep.skill_cv's multiplier has mean 1) */
#define QUOTA_MAX 1e13           /* quota.annual's limit (params_table.c) */
#define COACHING_HOURS_MAX 100.0 /* coaching.hours_per_month's limit (params_table.c) */

/* Where each known column is in the header row: a field index, or -1. */
typedef struct header {
    int index[COLUMNS];
    int fields; /* fields of the header row */
} header;

/* One row's cells of the known columns, trimmed, with their places. */
typedef struct row {
    const char *shown;
    const rs_roster_frame *frame;
    int line;                                /* where the row starts */
    bool present[COLUMNS];                   /* the header has the column */
    int cell_line[COLUMNS], column[COLUMNS]; /* where each cell is */
    char text[COLUMNS][RS_CSV_FIELD_MAX + 1];
} row;

/* ---- the header row ---- */

static int known_column(const char *name)
{
    for (int k = 0; k < COLUMNS; k++)
        if (strcasecmp(name, column_names[k]) == 0)
            return k;
    return -1;
}

/* The known column that name is a near miss of, or -1: within two edits,
 * and fewer than half the known name's letters ("date" is not "name"). */
static int near_miss(const char *name)
{
    int best = -1;
    size_t best_distance = 3;
    for (int k = 0; k < COLUMNS; k++) {
        size_t d = rs_edit_distance(name, column_names[k]);
        if (d < best_distance && 2 * d < strlen(column_names[k])) {
            best = k;
            best_distance = d;
        }
    }
    return best;
}

static rs_status required_columns(const header *h, const char *shown, int line, char *err)
{
    const char *need = "a roster needs name, and tenure or hired";
    if (h->index[COL_NAME] < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s:%d: the header row has no name column: %s", shown, line, need);
    if (h->index[COL_TENURE] < 0 && h->index[COL_HIRED] < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s:%d: the header row has neither a tenure nor a hired column: %s",
                       shown, line, need);
    if (h->index[COL_TENURE] >= 0 && h->index[COL_HIRED] >= 0) {
        int t = h->index[COL_TENURE] + 1, d = h->index[COL_HIRED] + 1;
        return rs_fail(err, RS_ERR_INPUT,
                       "%s:%d:%d: both tenure (column %d) and hired (column %d): give each rep's tenure or hire "
                       "date, in one of them",
                       shown, line, t > d ? t : d, t, d);
    }
    return RS_OK;
}

static rs_status read_header(const rs_csv_record *rec, const char *shown, header *h, char *err)
{
    char name[RS_CSV_FIELD_MAX + 1], quoted[96];
    for (int k = 0; k < COLUMNS; k++)
        h->index[k] = -1;
    h->fields = rec->count;
    for (int i = 0; i < rec->count; i++) {
        rs_csv_trim_into(rec->fields[i].text, name);
        int k = known_column(name), line = rec->fields[i].line;
        if (k >= 0 && h->index[k] >= 0)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: a second %s column (the first is column %d): keep one",
                           shown, line, i + 1, column_names[k], h->index[k] + 1);
        if (k >= 0) {
            h->index[k] = i;
            continue;
        }
        int near = near_miss(name);
        if (near >= 0)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: unknown column \"%s\"; did you mean %s?", shown, line,
                           i + 1, rs_csv_quote(name, quoted, sizeof quoted), column_names[near]);
    }
    return required_columns(h, shown, rec->line, err);
}

/* ---- messages about one cell ---- */

static rs_status cell_fail(const row *w, int col, char *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static rs_status cell_fail(const row *w, int col, char *err, const char *fmt, ...)
{
    char what[RS_ERRMSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: %s: %s", w->shown, w->cell_line[col], w->column[col],
                   column_names[col], what);
}

/* "COLUMN: expected WHAT, got "TEXT"" (or "got an empty cell"). */
static rs_status expected(const row *w, int col, char *err, const char *what)
{
    char quoted[96];
    if (!w->text[col][0])
        return cell_fail(w, col, err, "expected %s, got an empty cell", what);
    return cell_fail(w, col, err, "expected %s, got \"%s\"", what,
                     rs_csv_quote(w->text[col], quoted, sizeof quoted));
}

/* ---- the cells ---- */

static rs_status read_name(const row *w, rs_seat_spec *seat, char *err)
{
    const char *s = w->text[COL_NAME];
    char shown[4 * RS_CSV_FIELD_MAX + 1];
    if (!*s)
        return expected(w, COL_NAME, err, "the rep's name");
    size_t n = strlen(s);
    if (n >= RS_NAME_MAX)
        return expected(w, COL_NAME, err, "a name of at most 63 bytes");
    if (strcmp(rs_escape(s, false, shown, sizeof shown), s) != 0)
        return expected(w, COL_NAME, err, "a name without control or invisible characters");
    memcpy(seat->name, s, n + 1);
    return RS_OK;
}

/* "60", "60 weeks", "14 months", "14.5 month", "3 years": *weeks, unrounded. */
static bool parse_tenure(const char *s, double *weeks)
{
    if (rs_parse_real(s, weeks))
        return true;
    size_t n = strspn(s, "+-.0123456789");
    char number[64];
    if (n == 0 || n >= sizeof number)
        return false;
    memcpy(number, s, n);
    number[n] = '\0';
    const char *unit = s + n + strspn(s + n, " \t");
    double x;
    if (!rs_parse_real(number, &x))
        return false;
    if (strcasecmp(unit, "week") == 0 || strcasecmp(unit, "weeks") == 0)
        *weeks = x;
    else if (strcasecmp(unit, "month") == 0 || strcasecmp(unit, "months") == 0)
        *weeks = x * 52.0 / 12.0; /* the model's 52-week year (calendar.h); 600 months is 2600 weeks exactly */
    else if (strcasecmp(unit, "year") == 0 || strcasecmp(unit, "years") == 0)
        *weeks = x * 52.0;
    else
        return false;
    return true;
}

static rs_status read_tenure(const row *w, rs_seat_spec *seat, char *err)
{
    double weeks;
    if (!parse_tenure(w->text[COL_TENURE], &weeks) || !(weeks >= 0 && weeks <= TENURE_WEEKS_MAX))
        return expected(w, COL_TENURE, err, "weeks (60 or 60 weeks), months (14 months), years (3 years), open, or 0");
    seat->kind = RS_SEAT_TENURE;
    seat->tenure_weeks = (int)lround(weeks);
    return RS_OK;
}

static rs_status read_hired(const row *w, rs_seat_spec *seat, char *err)
{
    const rs_roster_frame *fr = w->frame;
    rs_day day;
    char date[16], start[16];
    if (!fr->has_start_date)
        return cell_fail(w, COL_HIRED, err,
                         "a hire date needs run.start_date, the date of week 0, in the scenario; or give tenure in "
                         "weeks or months");
    if (!rs_date_parse(w->text[COL_HIRED], &day))
        return expected(w, COL_HIRED, err, "a date YYYY-MM-DD (2025-03-17), or open");
    rs_date_format(day, date, sizeof date);
    rs_date_format(fr->start_date, start, sizeof start);
    if (day > fr->start_date)
        return cell_fail(w, COL_HIRED, err,
                         "%s is after run.start_date (%s); a rep who starts later is a planned start: give the "
                         "date under starts",
                         date, start);
    int weeks = (int)((fr->start_date - day + 3) / 7); /* to the nearest week: 7 days has no half */
    if (weeks > TENURE_WEEKS_MAX)
        return cell_fail(w, COL_HIRED, err, "%s is %d weeks before run.start_date (%s); expected at most %d",
                         date, weeks, start, TENURE_WEEKS_MAX);
    seat->kind = RS_SEAT_TENURE;
    seat->tenure_weeks = weeks;
    return RS_OK;
}

static rs_status read_starts(const row *w, rs_seat_spec *seat, char *err)
{
    const rs_roster_frame *fr = w->frame;
    const char *s = w->text[COL_STARTS];
    int last = fr->horizon_weeks - 1;
    rs_day day;
    long long week;
    char range[96];
    snprintf(range, sizeof range, "a week of the run (0 to %d)%s", last,
             fr->has_start_date ? " or a date YYYY-MM-DD" : "");
    if (rs_date_parse(s, &day)) {
        if (!fr->has_start_date)
            return cell_fail(w, COL_STARTS, err,
                             "a start date needs run.start_date, the date of week 0, in the scenario; or give the "
                             "week of the run (0 to %d)",
                             last);
        week = rs_date_week_of(fr->start_date, day);
        if (week < 0 || week > last)
            return cell_fail(w, COL_STARTS, err, "%s is in week %lld, outside the run (weeks 0 to %d)", s, week,
                             last);
    } else if (!rs_parse_integer(s, &week)) {
        return expected(w, COL_STARTS, err, range);
    } else if (week < 0 || week > last) {
        return cell_fail(w, COL_STARTS, err, "week %lld is outside the run (weeks 0 to %d)", week, last);
    }
    seat->kind = RS_SEAT_STARTS;
    seat->start_week = (int)week;
    return RS_OK;
}

/* The seat's kind from tenure or hired, and starts. */
static rs_status read_kind(const row *w, rs_seat_spec *seat, char *err)
{
    int col = w->present[COL_TENURE] ? COL_TENURE : COL_HIRED;
    const char *when = w->text[col], *starts = w->text[COL_STARTS];
    if (*when && *starts) {
        char a[96], b[96];
        return cell_fail(w, COL_STARTS, err,
                         "a planned start has no tenure yet: leave %s empty (or starts, for a rep on the team "
                         "already), got %s \"%s\" and starts \"%s\"",
                         column_names[col], column_names[col], rs_csv_quote(when, a, sizeof a),
                         rs_csv_quote(starts, b, sizeof b));
    }
    if (*starts)
        return read_starts(w, seat, err);
    if (!*when && col == COL_TENURE)
        return expected(w, col, err, "the rep's tenure (60 weeks, 14 months, open or 0), or a planned start under "
                                     "starts");
    if (!*when)
        return expected(w, col, err, "the rep's hire date (2025-03-17) or open, or a planned start under starts");
    if (strcasecmp(when, "open") == 0) {
        seat->kind = RS_SEAT_OPEN;
        return RS_OK;
    }
    return col == COL_TENURE ? read_tenure(w, seat, err) : read_hired(w, seat, err);
}

/* A number a cell may leave empty (NAN then), within (low, high] or
 * [low, high]. */
static rs_status read_number(const row *w, int col, bool (*parse)(const char *, double *), double low,
                             bool low_open, double high, const char *what, double *out, char *err)
{
    const char *s = w->text[col];
    *out = NAN;
    if (!*s)
        return RS_OK;
    double x;
    if (!parse(s, &x) || !(low_open ? x > low : x >= low) || !(x <= high))
        return expected(w, col, err, what);
    *out = x;
    return RS_OK;
}

static rs_status read_numbers(const row *w, rs_seat_spec *seat, char *err)
{
    rs_status st = read_number(w, COL_SKILL, rs_parse_real, 0, true, SKILL_MAX,
                               "a multiplier above 0 and at most 10 (1 is a typical rep), or nothing", &seat->skill,
                               err);
    if (st == RS_OK)
        st = read_number(w, COL_QUOTA, rs_parse_money, 0, true, QUOTA_MAX,
                         "an annual amount above 0 and at most 1e13 (850000, $1.2M, 900k), or nothing",
                         &seat->quota_annual, err);
    if (st == RS_OK)
        st = read_number(w, COL_COACHING, rs_parse_hours, 0, false, COACHING_HOURS_MAX,
                         "hours a month from 0 to 100 (4 or 4h), or nothing", &seat->coaching_hours_per_month,
                         err);
    return st;
}

/* ---- rows ---- */

static void fill_row(row *w, const rs_csv_record *rec, const header *h)
{
    w->line = rec->line;
    for (int k = 0; k < COLUMNS; k++) {
        int i = h->index[k];
        w->present[k] = i >= 0;
        w->column[k] = i + 1;
        w->cell_line[k] = i >= 0 && i < rec->count ? rec->fields[i].line : rec->line;
        if (i >= 0 && i < rec->count)
            rs_csv_trim_into(rec->fields[i].text, w->text[k]);
        else
            w->text[k][0] = '\0';
    }
}

static rs_status read_seat(const row *w, rs_seat_spec *seat, char *err)
{
    *seat = (rs_seat_spec){.kind = RS_SEAT_TENURE, .line = w->line};
    rs_status st = read_name(w, seat, err);
    if (st == RS_OK)
        st = read_kind(w, seat, err);
    if (st == RS_OK)
        st = read_numbers(w, seat, err);
    return st;
}

static rs_status check_unique(const row *w, const rs_seat_spec *seats, int n, char *err)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(seats[i].name, seats[n].name) == 0) {
            char quoted[96];
            return cell_fail(w, COL_NAME, err, "\"%s\" is on line %d already; give each rep a name of their own",
                             rs_csv_quote(seats[n].name, quoted, sizeof quoted), seats[i].line);
        }
    return RS_OK;
}

/* The rows after the header, into seats. */
static rs_status read_rows(rs_csv_reader *r, const header *h, row *w, rs_seat_spec *seats, int max, int *count,
                           char *err)
{
    rs_csv_record rec;
    rs_status st;
    int n = 0;
    while ((st = rs_csv_next_row(r, &rec, err)) == RS_OK && rec.count > 0) {
        if (n >= max)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d: more than %d reps, the most a roster may hold", w->shown,
                           rec.line, max);
        if (rec.count > h->fields)
            return rs_fail(err, RS_ERR_INPUT,
                           "%s:%d: %d fields under a header of %d: a value with a '%c' in it needs quotes around it",
                           w->shown, rec.line, rec.count, h->fields, rs_csv_separator(r));
        fill_row(w, &rec, h);
        if ((st = read_seat(w, &seats[n], err)) != RS_OK || (st = check_unique(w, seats, n, err)) != RS_OK)
            return st;
        n++;
    }
    *count = n;
    return st;
}

rs_status rs_roster_parse(const char *text, size_t len, const char *shown, const rs_roster_frame *frame,
                          rs_seat_spec *seats, int max, int *count, char *err)
{
    *count = 0;
    rs_csv_reader *r = rs_csv_reader_new(text, len, shown);
    row *w = malloc(sizeof *w);
    rs_status st = RS_OK;
    if (!r || !w)
        st = rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    rs_csv_record rec;
    header h;
    int n = 0;
    if (st == RS_OK && (st = rs_csv_next_row(r, &rec, err)) == RS_OK && rec.count > 0 &&
        (st = read_header(&rec, shown, &h, err)) == RS_OK) {
        *w = (row){.shown = shown, .frame = frame};
        st = read_rows(r, &h, w, seats, max, &n, err);
    }
    if (st == RS_OK && n == 0)
        st = rs_fail(err, RS_ERR_INPUT, "%s: the roster has no reps (a header row, then one row a seat)", shown);
    free(w);
    rs_csv_reader_free(r);
    if (st == RS_OK)
        *count = n;
    return st;
}

