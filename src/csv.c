/* csv.c: the one formatter of numbers (and names) in rampsim's CSV files. */
#include "csv.h"

#include <math.h>
#include <string.h>

void rs_csv_number(FILE *f, double x, rs_csv_form form)
{
    if (!isfinite(x))
        return; /* empty cell */
    if (x == 0.0)
        x = 0.0; /* no "-0" */
    fprintf(f, form == RS_CSV_COUNT ? "%.0f" : "%.10g", x);
}

void rs_csv_cell(FILE *f, double x)
{
    fputc(',', f);
    rs_csv_number(f, x, RS_CSV_FIGURE);
}

void rs_csv_row_end(FILE *f, const double *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rs_csv_cell(f, cells[i]);
    fputc('\n', f);
}

void rs_csv_text(FILE *f, const char *text)
{
    if (!text[strcspn(text, ",\"\r\n")]) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', f);
        fputc(*c, f);
    }
    fputc('"', f);
}
