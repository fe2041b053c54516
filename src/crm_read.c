/* crm_read.c: see crm_read.h: the columns of an export, its rows, and the
 * roster (docs/fit-input.md). */
#include "crm_read.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "textfile.h"
#include "valueparse.h"

enum { F_OWNER, F_CREATED, F_CLOSE, F_AMOUNT, F_STAGE, F_WON, F_CLOSED, FIELDS };

static const char *const field_names[FIELDS] = {"owner", "created", "close", "amount", "stage", "won", "closed"};

/* The names exports give each field, as compared: lower case, '_' and '-'
 * as blanks, blanks single. */
static const char *const aliases[FIELDS][8] = {
    {"opportunity owner", "owner", "deal owner", "owner name", "sales rep", "assigned to", NULL},
    {"created date", "create date", "created", "created at", "date created", "opportunity created date", NULL},
    {"close date", "closed date", "closed at", "expected close date", NULL},
    {"amount", "deal amount", "value", "deal value", "opportunity amount", "acv", NULL},
    {"stage", "deal stage", "stage name", "status", NULL},
    {"won", NULL},
    {"closed", NULL},
};

/* 256 MiB: a million opportunities of 250 bytes; a larger file is the
 * wrong one. */
static const rs_text_limit export_limit = {256L << 20, "an export"};
static const rs_text_limit roster_limit = {4L << 20, "a roster"};

/* s as headers are compared (see aliases), into out (size RS_CSV_FIELD_MAX + 1). */
static void normalise(const char *s, char *out)
{
    size_t n = 0;
    bool blank = true; /* drops leading blanks and runs of them */
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        bool sep = isspace(*c) || *c == '_' || *c == '-';
        if (sep) {
            if (!blank)
                out[n++] = ' ';
            blank = true;
        } else {
            out[n++] = (char)tolower(*c);
            blank = false;
        }
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* The cell at column col of rec, blanks trimmed, into buf. */
static const char *cell(const rs_csv_record *rec, int col, char *buf)
{
    rs_csv_trim_into(col < rec->count ? rec->fields[col].text : "", buf);
    return buf;
}

/* ---- the header ---- */

typedef struct header {
    int col[FIELDS];
    char name[FIELDS][RS_CSV_FIELD_MAX + 1];
} header;

/* The column of the file named `want` (compared as headers are), or -1. */
static int find_column(const rs_csv_record *rec, const char *want)
{
    char a[RS_CSV_FIELD_MAX + 1], b[RS_CSV_FIELD_MAX + 1];
    normalise(want, a);
    for (int c = 0; c < rec->count; c++) {
        normalise(rec->fields[c].text, b);
        if (strcmp(a, b) == 0)
            return c;
    }
    return -1;
}

/* --columns owner=Rep,created=Opened On: each field's column. */
static rs_status named_columns(const char *spec, const rs_csv_record *rec, const char *shown, header *h, char *err)
{
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", spec);
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        char field[RS_CSV_FIELD_MAX + 1] = "", flat[RS_CSV_FIELD_MAX + 1];
        if (eq)
            snprintf(field, sizeof field, "%.*s", (int)(eq - item), item);
        normalise(field, flat);
        int f = -1;
        for (int k = 0; k < FIELDS && eq; k++)
            if (strcmp(flat, field_names[k]) == 0)
                f = k;
        if (f < 0)
            return rs_fail(err, RS_ERR_INPUT,
                           "--columns: \"%s\" must be FIELD=COLUMN with FIELD one of owner, created, close, amount, "
                           "stage, won, closed",
                           item);
        int c = find_column(rec, eq + 1);
        if (c < 0)
            return rs_fail(err, RS_ERR_INPUT, "--columns %s=%s: %s has no column named \"%s\"", field_names[f],
                           eq + 1, shown, eq + 1);
        h->col[f] = c;
    }
    return RS_OK;
}

/* Each field not named by --columns: the column whose header is one of its
 * names; two such columns are an error. */
static rs_status recognised_columns(const rs_csv_record *rec, const char *shown, header *h, bool *named, char *err)
{
    char b[RS_CSV_FIELD_MAX + 1];
    for (int c = 0; c < rec->count; c++) {
        normalise(rec->fields[c].text, b);
        for (int f = 0; f < FIELDS; f++) {
            if (named[f])
                continue;
            for (int a = 0; aliases[f][a]; a++) {
                if (strcmp(b, aliases[f][a]) != 0)
                    continue;
                if (h->col[f] >= 0 && h->col[f] != c)
                    return rs_fail(err, RS_ERR_INPUT,
                                   "%s:%d: columns \"%s\" and \"%s\" both read as the %s; name the one to use with "
                                   "--columns %s=...",
                                   shown, rec->line, rec->fields[h->col[f]].text, rec->fields[c].text, field_names[f],
                                   field_names[f]);
                h->col[f] = c;
            }
        }
    }
    return RS_OK;
}

static rs_status read_header(const rs_csv_record *rec, const char *shown, const rs_crm_options *o, header *h,
                             char *err)
{
    bool named[FIELDS] = {false};
    for (int f = 0; f < FIELDS; f++)
        h->col[f] = -1;
    rs_status st = o->columns ? named_columns(o->columns, rec, shown, h, err) : RS_OK;
    for (int f = 0; f < FIELDS; f++)
        named[f] = h->col[f] >= 0;
    if (st == RS_OK)
        st = recognised_columns(rec, shown, h, named, err);
    if (st != RS_OK)
        return st;
    static const int required[] = {F_OWNER, F_CREATED, F_CLOSE, F_AMOUNT};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int f = required[i];
        if (h->col[f] < 0)
            return rs_fail(err, RS_ERR_INPUT,
                           "%s:%d: no %s column (looked for \"%s\", \"%s\" and others: docs/fit-input.md); name it "
                           "with --columns %s=COLUMN",
                           shown, rec->line, field_names[f], aliases[f][0], aliases[f][1], field_names[f]);
    }
    if (h->col[F_STAGE] < 0 && (h->col[F_WON] < 0 || h->col[F_CLOSED] < 0))
        return rs_fail(err, RS_ERR_INPUT,
                       "%s:%d: no outcome column: a stage (\"Stage\", \"Deal stage\", \"Status\") or the pair \"Won\" "
                       "and \"Closed\"; name it with --columns stage=COLUMN",
                       shown, rec->line);
    for (int f = 0; f < FIELDS; f++)
        if (h->col[f] >= 0)
            snprintf(h->name[f], sizeof h->name[f], "%s", rec->fields[h->col[f]].text);
    return RS_OK;
}

/* ---- the cells ---- */

static rs_status bad_cell(const rs_csv_record *rec, int col, const char *shown, const char *header_name,
                          const char *expected, char *err)
{
    char quoted[96];
    const char *text = col < rec->count ? rec->fields[col].text : "";
    int line = col < rec->count ? rec->fields[col].line : rec->line;
    return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: %s must be %s, got \"%s\"", shown, line, col + 1, header_name,
                   expected, rs_csv_quote(text, quoted, sizeof quoted));
}

/* A date cell in the file's order. */
static rs_status read_date(const rs_csv_record *rec, int col, const char *header_name, rs_date_order order,
                           const char *shown, rs_day *day, char *err)
{
    char buf[RS_CSV_FIELD_MAX + 1];
    switch (rs_crm_date(cell(rec, col, buf), order, day)) {
    case RS_DATE_OK:
        return RS_OK;
    case RS_DATE_TWO_DIGIT_YEAR:
        return bad_cell(rec, col, shown, header_name, "a date with a four-digit year", err);
    default:
        return bad_cell(rec, col, shown, header_name,
                        order == RS_DATES_US   ? "a date such as 2026-03-05 or 03/05/2026 (month first)"
                        : order == RS_DATES_EU ? "a date such as 2026-03-05 or 05/03/2026 (day first)"
                                               : "a date such as 2026-03-05",
                        err);
    }
}

static bool truth(const char *s, bool *value)
{
    static const char *const yes[] = {"true", "1", "yes", "y"}, *const no[] = {"false", "0", "no", "n"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return *value = true;
        if (strcasecmp(s, no[i]) == 0)
            return !(*value = false);
    }
    return false;
}

/* The outcome of a row: from its stage, or from its Won and Closed. */
static rs_status read_outcome(const rs_csv_record *rec, const header *h, const char *shown, rs_opp_outcome *out,
                              char *err)
{
    char buf[RS_CSV_FIELD_MAX + 1], flat[RS_CSV_FIELD_MAX + 1];
    if (h->col[F_STAGE] >= 0) {
        normalise(cell(rec, h->col[F_STAGE], buf), flat);
        if (!flat[0])
            return bad_cell(rec, h->col[F_STAGE], shown, h->name[F_STAGE], "a stage such as Closed Won", err);
        size_t n = 0; /* "Closed - Won", "closedwon", "Closed Won" alike */
        for (char *c = flat; *c; c++)
            if (*c != ' ')
                flat[n++] = *c;
        flat[n] = '\0';
        /* "Closed Won (renewal)" is won; a closed stage that says neither
         * would be read as open, silently: it is refused instead. */
        if (strncmp(flat, "closedwon", 9) == 0 || strcmp(flat, "won") == 0)
            *out = RS_OPP_WON;
        else if (strncmp(flat, "closedlost", 10) == 0 || strcmp(flat, "lost") == 0)
            *out = RS_OPP_LOST;
        else if (strncmp(flat, "closed", 6) == 0)
            return bad_cell(rec, h->col[F_STAGE], shown, h->name[F_STAGE],
                            "won or lost if closed (Closed Won, Closed Lost; docs/fit-input.md)", err);
        else
            *out = RS_OPP_OPEN;
        return RS_OK;
    }
    bool won, closed;
    if (!truth(cell(rec, h->col[F_WON], buf), &won))
        return bad_cell(rec, h->col[F_WON], shown, h->name[F_WON], "true or false", err);
    if (!truth(cell(rec, h->col[F_CLOSED], buf), &closed))
        return bad_cell(rec, h->col[F_CLOSED], shown, h->name[F_CLOSED], "true or false", err);
    *out = !closed ? RS_OPP_OPEN : won ? RS_OPP_WON : RS_OPP_LOST;
    return RS_OK;
}

static rs_status read_row(const rs_csv_record *rec, const header *h, rs_date_order order, const char *shown,
                          rs_history *hist, char *err)
{
    char buf[RS_CSV_FIELD_MAX + 1];
    rs_history_opportunity o = {.line = rec->line, .closed = RS_DAY_NONE};
    const char *owner = cell(rec, h->col[F_OWNER], buf);
    if (!owner[0])
        return bad_cell(rec, h->col[F_OWNER], shown, h->name[F_OWNER], "the owner's name", err);
    o.owner = rs_history_find_rep(hist, owner);
    if (o.owner < 0 && (o.owner = rs_history_add_rep(hist, owner, RS_DAY_NONE, RS_DAY_NONE)) < 0)
        return rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    rs_status st = read_date(rec, h->col[F_CREATED], h->name[F_CREATED], order, shown, &o.created, err);
    if (st == RS_OK)
        st = read_outcome(rec, h, shown, &o.outcome, err);
    if (st == RS_OK && o.outcome != RS_OPP_OPEN) {
        st = read_date(rec, h->col[F_CLOSE], h->name[F_CLOSE], order, shown, &o.closed, err);
        if (st == RS_OK && o.closed < o.created) {
            char a[16], b[16];
            rs_date_format(o.closed, a, sizeof a);
            rs_date_format(o.created, b, sizeof b);
            return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: %s %s is before %s %s", shown, rec->line,
                           h->col[F_CLOSE] + 1, h->name[F_CLOSE], a, h->name[F_CREATED], b);
        }
    }
    if (st == RS_OK && !rs_crm_amount(cell(rec, h->col[F_AMOUNT], buf), &o.amount))
        st = bad_cell(rec, h->col[F_AMOUNT], shown, h->name[F_AMOUNT],
                      "an amount of at least 0 such as 28,000.00 or 28.000,00", err);
    if (st == RS_OK && rs_history_add_opportunity(hist, &o) < 0)
        st = rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    return st;
}

/* ---- the day/month order ---- */

/* With AUTO, the order the file's dates settle: a part above 12 says
 * which is the day. Unsettled with a date not in ISO form: an error. */
static rs_status settle_order(const char *text, size_t len, const char *shown, const int *cols, int n,
                              rs_date_order *order, char *err)
{
    if (*order != RS_DATES_AUTO)
        return RS_OK;
    rs_csv_reader *r = rs_csv_reader_new(text, len, shown);
    if (!r)
        return rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    rs_csv_record rec;
    bool day_first = false, month_first = false, other = false;
    char example[RS_CSV_FIELD_MAX + 1] = "", buf[RS_CSV_FIELD_MAX + 1];
    rs_status st = rs_csv_next_row(r, &rec, err); /* the header */
    while (st == RS_OK && (st = rs_csv_next_row(r, &rec, err)) == RS_OK && rec.count > 0) {
        for (int i = 0; i < n; i++) {
            rs_day d;
            const char *s = cell(&rec, cols[i], buf);
            if (rs_crm_date(s, RS_DATES_AUTO, &d) != RS_DATE_AMBIGUOUS)
                continue;
            bool df, mf;
            rs_crm_date_order_hint(s, &df, &mf);
            day_first = day_first || df;
            month_first = month_first || mf;
            if (!example[0] && !df && !mf)
                snprintf(example, sizeof example, "%s", s);
            other = true;
        }
    }
    rs_csv_reader_free(r);
    if (st != RS_OK || !other)
        return st;
    if (day_first && month_first)
        return rs_fail(err, RS_ERR_INPUT,
                       "%s: its dates are written both day first and month first; make them one order", shown);
    if (day_first || month_first) {
        *order = day_first ? RS_DATES_EU : RS_DATES_US;
        return RS_OK;
    }
    return rs_fail(err, RS_ERR_INPUT,
                   "%s: dates such as %s could be day first or month first; add --date-format us (month first) or "
                   "--date-format eu (day first)",
                   shown, example);
}

/* A CSV file read whole, its reader at the row after the header, the
 * header in rec. */
typedef struct csv_file {
    char *text;
    size_t len;
    rs_csv_reader *reader;
    rs_csv_record *rec;
    int columns; /* the header's */
} csv_file;

static void close_csv(csv_file *f)
{
    rs_csv_reader_free(f->reader);
    free(f->rec);
    free(f->text);
}

/* Opens path and reads its header row; `what` names the rows an empty
 * file lacks ("opportunities", "reps"). On failure f holds nothing. */
static rs_status open_csv(const char *path, const char *shown, const rs_text_limit *limit, const char *what,
                          csv_file *f, char *err)
{
    *f = (csv_file){0};
    rs_status st = rs_text_file_read(path, shown, limit, &f->text, &f->len, err);
    if (st != RS_OK)
        return st;
    f->reader = rs_csv_reader_new(f->text, f->len, shown);
    f->rec = malloc(sizeof *f->rec);
    st = f->reader && f->rec ? rs_csv_next_row(f->reader, f->rec, err)
                             : rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    if (st == RS_OK && f->rec->count == 0)
        st = rs_fail(err, RS_ERR_INPUT, "%s: empty: no header row, no %s", shown, what);
    if (st != RS_OK)
        close_csv(f);
    else
        f->columns = (int)f->rec->count;
    return st;
}

/* The next row of f into f->rec (count 0 at the end), refused when it has
 * more fields than the header: its cells would be read under the wrong
 * columns (an amount such as 1,000 unquoted in a comma-separated file
 * splits in two). A row with fewer has its last cells blank. */
static rs_status next_row(csv_file *f, const char *shown, char *err)
{
    rs_status st = rs_csv_next_row(f->reader, f->rec, err);
    if (st == RS_OK && (int)f->rec->count > f->columns)
        return rs_fail(err, RS_ERR_INPUT,
                       "%s:%d: %d fields, but the header has %d (a number such as 1,000 not in quotes?)", shown,
                       f->rec->line, f->rec->count, f->columns);
    return st;
}

rs_status rs_crm_read_opportunities(const char *path, const char *shown, const rs_crm_options *o, rs_history *h,
                                    char *err)
{
    csv_file f;
    rs_status st = open_csv(path, shown, &export_limit, "opportunities", &f, err);
    if (st != RS_OK)
        return st;
    header *hd = malloc(sizeof *hd);
    rs_date_order order = o->date_order;
    st = hd ? read_header(f.rec, shown, o, hd, err) : rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    if (st == RS_OK) {
        int cols[2] = {hd->col[F_CREATED], hd->col[F_CLOSE]};
        st = settle_order(f.text, f.len, shown, cols, 2, &order, err);
    }
    size_t before = h->opportunity_count;
    while (st == RS_OK && (st = next_row(&f, shown, err)) == RS_OK && f.rec->count > 0)
        st = read_row(f.rec, hd, order, shown, h, err);
    if (st == RS_OK && h->opportunity_count == before)
        st = rs_fail(err, RS_ERR_INPUT, "%s: no opportunities: a header row and nothing under it", shown);
    free(hd);
    close_csv(&f);
    return st;
}

/* ---- the roster ---- */

enum { R_NAME, R_HIRED, R_LEFT, R_COLUMNS };
static const char *const roster_columns[R_COLUMNS] = {"name", "hired", "left"};
/* team.roster's other columns, read there and ignored here */
static const char *const roster_others[] = {"tenure", "starts", "skill", "quota", "coaching_hours_per_month", NULL};

static rs_status roster_header(const rs_csv_record *rec, const char *shown, int *col, char *err)
{
    char b[RS_CSV_FIELD_MAX + 1];
    for (int k = 0; k < R_COLUMNS; k++)
        col[k] = -1;
    for (int c = 0; c < rec->count; c++) {
        normalise(rec->fields[c].text, b);
        int known = -1;
        for (int k = 0; k < R_COLUMNS; k++)
            known = strcmp(b, roster_columns[k]) == 0 ? k : known;
        bool other = false;
        for (int k = 0; roster_others[k]; k++) {
            char o[64];
            normalise(roster_others[k], o);
            other = other || strcmp(b, o) == 0;
        }
        if (known >= 0 && col[known] >= 0)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: column %s appears twice", shown, rec->line, c + 1,
                           roster_columns[known]);
        if (known >= 0) {
            col[known] = c;
            continue;
        }
        for (int k = 0; k < R_COLUMNS && !other; k++) {
            size_t d = rs_edit_distance(b, roster_columns[k]);
            if (d > 0 && d <= 2 && 2 * d < strlen(roster_columns[k]))
                return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: unknown column \"%s\"; did you mean %s?", shown,
                               rec->line, c + 1, rec->fields[c].text, roster_columns[k]);
        }
    }
    for (int k = 0; k < R_LEFT; k++)
        if (col[k] < 0)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d: no %s column: a fit's roster needs name and hired (a date)",
                           shown, rec->line, roster_columns[k]);
    return RS_OK;
}

static rs_status roster_row(const rs_csv_record *rec, const int *col, rs_date_order order, const char *shown,
                            rs_history *h, char *err)
{
    char buf[RS_CSV_FIELD_MAX + 1];
    const char *name = cell(rec, col[R_NAME], buf);
    if (!name[0])
        return bad_cell(rec, col[R_NAME], shown, "name", "the rep's name", err);
    if (rs_history_find_rep(h, name) >= 0)
        return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: %s is named twice", shown, rec->line, col[R_NAME] + 1, name);
    char kept[RS_CSV_FIELD_MAX + 1];
    snprintf(kept, sizeof kept, "%s", name);
    rs_day hired, left = RS_DAY_NONE;
    rs_status st = read_date(rec, col[R_HIRED], "hired", order, shown, &hired, err);
    if (st == RS_OK && col[R_LEFT] >= 0 && cell(rec, col[R_LEFT], buf)[0]) {
        st = read_date(rec, col[R_LEFT], "left", order, shown, &left, err);
        if (st == RS_OK && left < hired)
            return rs_fail(err, RS_ERR_INPUT, "%s:%d:%d: left is before hired", shown, rec->line, col[R_LEFT] + 1);
    }
    if (st != RS_OK)
        return st;
    int k = rs_history_add_rep(h, kept, hired, left);
    if (k < 0)
        return rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
    h->reps[k].in_roster = true;
    return RS_OK;
}

rs_status rs_crm_read_roster(const char *path, const char *shown, const rs_crm_options *o, rs_history *h, char *err)
{
    csv_file f;
    rs_status st = open_csv(path, shown, &roster_limit, "reps", &f, err);
    if (st != RS_OK)
        return st;
    int col[R_COLUMNS];
    rs_date_order order = o->date_order;
    st = roster_header(f.rec, shown, col, err);
    if (st == RS_OK) {
        int dates[2] = {col[R_HIRED], col[R_LEFT] >= 0 ? col[R_LEFT] : col[R_HIRED]};
        st = settle_order(f.text, f.len, shown, dates, 2, &order, err);
    }
    while (st == RS_OK && (st = next_row(&f, shown, err)) == RS_OK && f.rec->count > 0)
        st = roster_row(f.rec, col, order, shown, h, err);
    if (st == RS_OK)
        h->has_roster = true;
    close_csv(&f);
    return st;
}
