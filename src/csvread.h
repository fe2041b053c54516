/* csvread.h: the reader of every CSV file rampsim reads (a roster; an
 * export of a CRM), as spreadsheets and HR systems write them: UTF-8 with
 * or without a byte order mark, CRLF, LF or CR line ends, comma or
 * semicolon separated, RFC 4180 quoting. It reports where each record and
 * field starts, so that a message can name the line and column of a bad
 * value (docs/reliability.md, "Why our own CSV reader").
 * Private to the library. */
#ifndef RS_CSVREAD_H
#define RS_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/status.h"

/* Bounds on what the reader takes: a longer field or a wider record is an
 * error, not cut (a quote left open swallows the rest of the file into one
 * field; a binary file has no sensible columns). */
#define RS_CSV_FIELD_MAX 1024 /* bytes of one field, as read (quotes undone) */
#define RS_CSV_COLUMNS_MAX 64 /* fields of one record */

/* One field of a record. */
typedef struct rs_csv_field {
    const char *text; /* NUL-terminated, quotes undone, blanks kept */
    size_t len;       /* strlen(text) */
    int column;       /* 1-based: the field's position in its record */
    int line;         /* 1-based line where it starts (a quoted field may span lines) */
    bool quoted;      /* it was written in quotes */
} rs_csv_field;

/* One record. Its fields' text belongs to the reader and is valid until the
 * next rs_csv_next_record or rs_csv_reader_free. */
typedef struct rs_csv_record {
    int line;  /* 1-based line where the record starts */
    int count; /* fields, 1 .. RS_CSV_COLUMNS_MAX; 0 at the end of the input */
    rs_csv_field fields[RS_CSV_COLUMNS_MAX];
} rs_csv_record;

typedef struct rs_csv_reader rs_csv_reader;

/* A reader over text[0 .. len) (need not be terminated), which must stay
 * unchanged until the reader is freed, as must `shown`, the name messages
 * give the input. A byte order mark at the very start is skipped. The
 * separator is the first ',' or ';' outside quotes in the first line that is
 * not blank (the header); ',' when that line has neither. Returns NULL when
 * out of memory. */
rs_csv_reader *rs_csv_reader_new(const char *text, size_t len, const char *shown);

/* Frees the reader and the text of the fields it gave out; NULL is fine. */
void rs_csv_reader_free(rs_csv_reader *r);

/* The separator the reader found: ',' or ';'. */
char rs_csv_separator(const rs_csv_reader *r);

/* Reads the next record into *rec: RS_OK with rec->count >= 1, or RS_OK
 * with rec->count == 0 once the input is over (a last line end starts no
 * record; a blank line in the middle is a record of one empty field). An
 * unquoted field is the bytes between separators as written; a quoted one
 * may have blanks before its opening and after its closing quote, which are
 * dropped. On bad input returns RS_ERR_INPUT with a message in err (size
 * RS_ERRMSG_SIZE) and rec->count == 0; every later call fails the same way:
 *   SHOWN:LINE: a quoted field opened here is never closed
 *   SHOWN:LINE:COLUMN: a quote in the middle of a field ...
 *   SHOWN:LINE:COLUMN: text after the closing quote of a field ...
 *   SHOWN:LINE:COLUMN: a NUL byte ...
 *   SHOWN:LINE:COLUMN: not UTF-8 text ..., got "caf\xe9"
 *   SHOWN:LINE:COLUMN: a field longer than 1024 bytes ...
 *   SHOWN:LINE: more than 64 fields in a record ...
 *   SHOWN: UTF-16 text ... */
rs_status rs_csv_next_record(rs_csv_reader *r, rs_csv_record *rec, char *err);

/* rs_csv_next_record, skipping records that are blank (a blank line, or
 * ",,," with blanks at most): the next row that holds something. */
rs_status rs_csv_next_row(rs_csv_reader *r, rs_csv_record *rec, char *err);

/* Copies a field's text without its surrounding blanks (any white space)
 * into buf, of RS_CSV_FIELD_MAX + 1 bytes (a field is at most that long). */
void rs_csv_trim_into(const char *text, char *buf);

/* Quotes a field's text for a message: rs_escape'd (so a control byte or
 * invalid UTF-8 shows as \xNN and the message stays one line), and cut
 * after about 60 characters with "...". size >= 80. Returns buf. */
const char *rs_csv_quote(const char *text, char *buf, size_t size);

#endif
