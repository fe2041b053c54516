/* plotdata.h: what the charts read from the CSV files of a result
 * directory: regular files only, every column found by its name in the
 * header row, as the gnuplot scripts find theirs. */
#ifndef RS_PLOTDATA_H
#define RS_PLOTDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rampsim/status.h"

/* Whether each of the NULL-terminated files in dir is a regular file,
 * looked at without opening it: a FIFO would make a read wait for a writer,
 * forever, and a device such as /dev/zero never end it. RS_ERR_INPUT naming
 * the file otherwise: "DIR is not a rampsim result directory (it has no
 * FILE)" when it is missing. */
rs_status rs_plotdata_check(const char *dir, const char *const *files, char *err);

/* A CSV file of a result directory, open for reading with its header row
 * read. A cell runs to the next comma, or, when it starts with a double
 * quote, to its closing quote ("" inside is one quote; a line break inside
 * is part of it), as rs_csv_text writes a name. */
typedef struct rs_plotdata_csv {
    FILE *f;
    const char *dir, *file;
    char *header, *row; /* the header row; the data row last read */
    size_t header_size, row_size;
} rs_plotdata_csv;

/* Opens dir/file if it is a regular file (not through a link, and without
 * waiting for a FIFO's writer, whatever was put there since it was checked)
 * and reads its header row. False when it cannot be read or is empty; the
 * caller says what that means. Close it with rs_plotdata_close either way. */
bool rs_plotdata_open(rs_plotdata_csv *c, const char *dir, const char *file);

/* The position (0 for the first) of the column `name` in the header, or -1. */
int rs_plotdata_column(const rs_plotdata_csv *c, const char *name);

/* The position of a column the file must have in *at; RS_ERR_INPUT naming
 * the file and the column otherwise: "DIR is not a complete rampsim result
 * directory (summary.csv has no column p50)". */
rs_status rs_plotdata_require(const rs_plotdata_csv *c, const char *name, int *at, char *err);

/* Reads the next data row; false at the end of the file. */
bool rs_plotdata_next(rs_plotdata_csv *c);

/* Whether the row last read has a value in column `at`. */
bool rs_plotdata_defined(const rs_plotdata_csv *c, int at);

/* The number in column `at` of the row last read; NAN when it is empty. */
double rs_plotdata_number(const rs_plotdata_csv *c, int at);

/* The number in column `at` of the row last read into *x: true when the
 * cell holds one finite number and nothing else, false (*x untouched) when
 * it is empty or holds anything else ("abc", "12kg", "inf"). */
bool rs_plotdata_real(const rs_plotdata_csv *c, int at, double *x);

/* Whether column `at` of the row last read is the text `value`. */
bool rs_plotdata_is(const rs_plotdata_csv *c, int at, const char *value);

/* The text in column `at` of the row last read, unquoted, into buf (cut
 * to size - 1 bytes); "" when the row has no such cell. */
void rs_plotdata_text(const rs_plotdata_csv *c, int at, char *buf, size_t size);

void rs_plotdata_close(rs_plotdata_csv *c);

/* The data rows of dir/file, or -1 when it cannot be read or is empty. */
int rs_plotdata_rows(const char *dir, const char *file);

/* The data rows of dir/file with a value in `column` (the points where a
 * metric is defined, say) in *rows. RS_ERR_INPUT when the file cannot be
 * read or has no such column, naming the file (and the column). */
rs_status rs_plotdata_defined_rows(const char *dir, const char *file, const char *column, int *rows, char *err);

#endif
