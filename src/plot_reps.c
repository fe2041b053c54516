/* plot_reps.c: see plot_reps.h. gnuplot cannot sort rows, nor be trusted
 * with a name read from a file, so the rows are chosen and ordered here and
 * every name reaches it through rs_gnuplot_put_string. */
#include "plot_reps.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "plotdata.h"

/* The characters of a name a label shows: a longer one is cut, with
 * "...", so that the names leave the chart its width. */
#define LABEL_CHARS 20

typedef struct rep_row {
    int seat; /* the row's place in reps.csv, for a stable order */
    double lo, mid, hi, reach;
    char name[256];
} rep_row;

/* Least likely to reach quota first; then the lower median, then the seat. */
static int by_reach(const void *a, const void *b)
{
    const rep_row *x = a, *y = b;
    double rx = isnan(x->reach) ? INFINITY : x->reach, ry = isnan(y->reach) ? INFINITY : y->reach;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    if (x->mid != y->mid)
        return x->mid < y->mid ? -1 : 1;
    return (x->seat > y->seat) - (x->seat < y->seat);
}

/* The lower median first, then the seat. */
static int by_median(const void *a, const void *b)
{
    const rep_row *x = a, *y = b;
    if (x->mid != y->mid)
        return x->mid < y->mid ? -1 : 1;
    return (x->seat > y->seat) - (x->seat < y->seat);
}

/* "Ben (31%)": the name, cut to LABEL_CHARS characters (never inside a
 * UTF-8 sequence) and on one line (a control character, such as a line
 * break a quoted cell may hold, shows as a space), and the chance of
 * reaching quota as the console table words it. */
static void label_of(const rep_row *row, char *buf, size_t size)
{
    char name[256];
    size_t n = 0, chars = 0;
    const char *s = row->name;
    while (s[n] && !(chars == LABEL_CHARS && ((unsigned char)s[n] & 0xc0) != 0x80)) {
        chars += ((unsigned char)s[n] & 0xc0) != 0x80;
        n++;
    }
    snprintf(name, sizeof name, "%.*s%s", (int)n, s, s[n] ? "..." : "");
    for (char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = ' ';
    double x = row->reach;
    if (isnan(x))
        snprintf(buf, size, "%s", name);
    else if (x > 0 && x < 0.5)
        snprintf(buf, size, "%s (<1%%)", name);
    else if (x >= 99.5 && x < 100)
        snprintf(buf, size, "%s (>99%%)", name);
    else
        snprintf(buf, size, "%s (%.0f%%)", name, x);
}

/* The columns the chart reads. */
enum { COL_NAME, COL_LO, COL_MID, COL_HI, COL_REACH, COLS };
static const char *const columns[COLS] = {"name", "attainment_fy1_p10", "attainment_fy1_p50", "attainment_fy1_p90",
                                          "reach_quota_fy1"};

/* Every seat of reps.csv with a first-year attainment, into *rows. */
static rs_status read_rows(const char *dir, rep_row **rows, int *n, char *err)
{
    rs_plotdata_csv c;
    int at[COLS], cap = 0;
    *rows = NULL;
    *n = 0;
    rs_status st = rs_plotdata_open(&c, dir, "reps.csv")
                       ? RS_OK
                       : rs_fail(err, RS_ERR_INPUT, "%s is not a complete rampsim result directory (cannot read "
                                 "reps.csv)", dir);
    for (int k = 0; st == RS_OK && k < COLS; k++)
        st = rs_plotdata_require(&c, columns[k], &at[k], err);
    for (int seat = 0; st == RS_OK && rs_plotdata_next(&c); seat++) {
        rep_row row = {.seat = seat, .lo = rs_plotdata_number(&c, at[COL_LO]),
                       .mid = rs_plotdata_number(&c, at[COL_MID]), .hi = rs_plotdata_number(&c, at[COL_HI]),
                       .reach = rs_plotdata_number(&c, at[COL_REACH])};
        if (!isfinite(row.lo) || !isfinite(row.mid) || !isfinite(row.hi))
            continue; /* no first-year quota: nothing to draw */
        rs_plotdata_text(&c, at[COL_NAME], row.name, sizeof row.name);
        if (*n == cap) {
            rep_row *more = realloc(*rows, (size_t)(cap = cap ? 2 * cap : 32) * sizeof *more);
            if (!more) {
                st = rs_fail(err, RS_ERR_NOMEM, "out of memory");
                break;
            }
            *rows = more;
        }
        (*rows)[(*n)++] = row;
    }
    rs_plotdata_close(&c);
    return st;
}

static void put_rows(FILE *f, const rep_row *rows, int shown, int seats)
{
    fprintf(f, "reps = %d\nseats = %d\n", shown, seats);
    fprintf(f, "array rep_lo[%d]\narray rep_mid[%d]\narray rep_hi[%d]\narray rep_label[%d]\n", shown, shown, shown,
            shown);
    double xmax = 100.0;
    for (int i = 0; i < shown; i++) {
        char name[32], label[320];
        snprintf(name, sizeof name, "rep_lo[%d]", i + 1);
        rs_gnuplot_put_number(f, name, rows[i].lo);
        snprintf(name, sizeof name, "rep_mid[%d]", i + 1);
        rs_gnuplot_put_number(f, name, rows[i].mid);
        snprintf(name, sizeof name, "rep_hi[%d]", i + 1);
        rs_gnuplot_put_number(f, name, rows[i].hi);
        snprintf(name, sizeof name, "rep_label[%d]", i + 1);
        label_of(&rows[i], label, sizeof label);
        rs_gnuplot_put_string(f, name, label);
        xmax = fmax(xmax, rows[i].hi);
    }
    /* room right of the widest band for its median's figure */
    rs_gnuplot_put_number(f, "xmax", ceil(xmax * 1.15 / 10.0) * 10.0);
}

rs_status rs_plot_reps_variables(const char *dir, FILE *f, const char **why_not, char *err)
{
    rep_row *rows;
    int n;
    *why_not = NULL;
    rs_status st = read_rows(dir, &rows, &n, err);
    if (st != RS_OK) {
        free(rows);
        return st;
    }
    int shown = n < RS_PLOT_REPS_MAX ? n : RS_PLOT_REPS_MAX;
    if (n > shown)
        qsort(rows, (size_t)n, sizeof *rows, by_reach);
    qsort(rows, (size_t)shown, sizeof *rows, by_median);
    if (shown == 0)
        *why_not = "no seat has a quota in the first fiscal year";
    else
        put_rows(f, rows, shown, n);
    free(rows);
    return RS_OK;
}
