/* csv.h: how every result file writes a number (or a name) into a CSV
 * cell, so that all of them read alike (docs/outputs.md: numbers in full,
 * an empty cell where a value is undefined). */
#ifndef RS_CSV_H
#define RS_CSV_H

#include <stddef.h>
#include <stdio.h>

/* The forms a number takes in a cell. */
typedef enum rs_csv_form {
    RS_CSV_FIGURE, /* 10 significant digits, as %.10g: 0.1234567891, 1.5e+12 */
    RS_CSV_COUNT   /* a count, whole, with every digit however large, as %.0f: 12000000000 */
} rs_csv_form;

/* Writes x in the given form; nothing (an empty cell) when x is NAN or
 * infinite, and 0 for -0, which reads as a loss that is not there. */
void rs_csv_number(FILE *f, double x, rs_csv_form form);

/* Writes ",x", x as a figure: the next cell of a row. */
void rs_csv_cell(FILE *f, double x);

/* Writes text as one cell: as it is, or between double quotes (a quote
 * inside doubled) when it holds a comma, a double quote or a line break,
 * as RFC 4180 and every spreadsheet read it: a rep's name from a roster. */
void rs_csv_text(FILE *f, const char *text);

/* Ends a row with n more figures (",x" each) and its line break. */
void rs_csv_row_end(FILE *f, const double *cells, size_t n);

#endif
