/* csvread.c: see csvread.h. A reader over a buffer held whole in memory:
 * one pass, byte by byte, with the field text copied into one store
 * allocated with the reader (no allocation per record or field). */
#include "csvread.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "valueparse.h"

/* Where a record's fields are kept: each at most RS_CSV_FIELD_MAX bytes and
 * its terminating NUL. */
#define STORE_SIZE ((size_t)RS_CSV_COLUMNS_MAX * (RS_CSV_FIELD_MAX + 1))

struct rs_csv_reader {
    const unsigned char *text;
    size_t len, pos;
    int line;            /* the line at pos */
    char separator;      /* ',' or ';' */
    const char *shown;   /* the input's name in messages */
    bool failed;         /* an error was reported: it stays */
    char message[RS_ERRMSG_SIZE];
    char store[STORE_SIZE];
};

static bool is_line_end(unsigned char c)
{
    return c == '\n' || c == '\r';
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Index just past the line end at i (CRLF, LF or a lone CR). */
static size_t past_line_end(const unsigned char *text, size_t len, size_t i)
{
    if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        return i + 2;
    return i + 1;
}

/* The first ',' or ';' outside quotes in the first line that is not blank;
 * ',' without one. A quote left open ends the search at the end of the
 * input (the reader then reports it). */
static char detect_separator(const unsigned char *text, size_t len, size_t i)
{
    while (i < len && (is_blank(text[i]) || is_line_end(text[i])))
        i++;
    bool quoted = false;
    for (; i < len; i++) {
        unsigned char c = text[i];
        if (c == '"')
            quoted = !quoted; /* a doubled quote toggles twice */
        else if (!quoted && (c == ',' || c == ';'))
            return (char)c;
        else if (!quoted && is_line_end(c))
            break;
    }
    return ',';
}

rs_csv_reader *rs_csv_reader_new(const char *text, size_t len, const char *shown)
{
    rs_csv_reader *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->text = (const unsigned char *)text;
    r->len = len;
    r->pos = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    r->line = 1;
    r->separator = detect_separator(r->text, len, r->pos);
    r->shown = shown;
    r->failed = false;
    r->message[0] = '\0';
    return r;
}

void rs_csv_reader_free(rs_csv_reader *r)
{
    free(r);
}

char rs_csv_separator(const rs_csv_reader *r)
{
    return r->separator;
}

/* Records the error (so that later calls repeat it) and copies it to err. */
static rs_status fail(rs_csv_reader *r, char *err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static rs_status fail(rs_csv_reader *r, char *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    r->failed = true;
    return rs_fail(err, RS_ERR_INPUT, "%s", r->message);
}

/* Length of the valid UTF-8 sequence at s[0 .. n), or 0 (overlong forms,
 * surrogates, stray continuation bytes, a sequence cut short). */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xc2 && s[0] <= 0xdf   ? 2
                 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
                 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
                                                : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) || (s[0] == 0xf0 && s[1] < 0x90) ||
        (s[0] == 0xf4 && s[1] > 0x8f))
        return 0;
    return len;
}

static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_length(u + i, n - i);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

const char *rs_csv_quote(const char *text, char *buf, size_t size)
{
    const size_t keep = 60;
    rs_escape(text, false, buf, size);
    size_t n = strlen(buf);
    if (n > keep && size >= keep + 4) {
        n = keep;
        while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
            n--; /* not inside a character */
        memcpy(buf + n, "...", 4);
    }
    return buf;
}

/* The place of a field in messages: "SHOWN:LINE:COLUMN". */
typedef struct place {
    int line, column;
} place;

/* Appends byte c to the field being read; false when it would be too long. */
static bool append(char *field, size_t *n, unsigned char c)
{
    if (*n >= RS_CSV_FIELD_MAX)
        return false;
    field[(*n)++] = (char)c;
    return true;
}

static rs_status too_long(rs_csv_reader *r, char *err, place at)
{
    return fail(r, err, "%s:%d:%d: a field longer than %d bytes (is a quote left open?)", r->shown, at.line,
                at.column, RS_CSV_FIELD_MAX);
}

static rs_status nul_byte(rs_csv_reader *r, char *err, place at)
{
    return fail(r, err,
                "%s:%d:%d: a NUL byte: a CSV file is text (a spreadsheet's own format or UTF-16 is not: save "
                "as CSV UTF-8)",
                r->shown, r->line, at.column);
}

/* Reads a quoted field from just past its opening quote to just past its
 * closing one; a doubled quote is one quote, and line ends are kept. */
static rs_status read_quoted(rs_csv_reader *r, char *field, size_t *n, place at, char *err)
{
    const unsigned char *t = r->text;
    while (r->pos < r->len) {
        unsigned char c = t[r->pos];
        bool doubled = c == '"' && r->pos + 1 < r->len && t[r->pos + 1] == '"';
        if (c == '"' && !doubled) {
            r->pos++;
            return RS_OK;
        }
        if (c == '\0')
            return nul_byte(r, err, at);
        size_t next = doubled ? r->pos + 2 : is_line_end(c) ? past_line_end(t, r->len, r->pos) : r->pos + 1;
        for (size_t i = doubled ? r->pos + 1 : r->pos; i < next; i++)
            if (!append(field, n, t[i]))
                return too_long(r, err, at);
        if (is_line_end(c))
            r->line++;
        r->pos = next;
    }
    return fail(r, err, "%s:%d: a quoted field opened here is never closed", r->shown, at.line);
}

/* The error for a quote inside an unquoted field, quoting the field as
 * written (what was read of it, then the rest up to its end). */
static rs_status stray_quote(rs_csv_reader *r, char *field, size_t *n, place at, char *err)
{
    const unsigned char *t = r->text;
    for (size_t i = r->pos; i < r->len && t[i] && t[i] != r->separator && !is_line_end(t[i]); i++)
        if (!append(field, n, t[i]))
            break;
    field[*n] = '\0';
    char shown[96];
    return fail(r, err,
                "%s:%d:%d: a quote in the middle of a field: put the whole field in quotes and double each "
                "quote in it, got \"%s\"",
                r->shown, at.line, at.column, rs_csv_quote(field, shown, sizeof shown));
}

/* Reads an unquoted field up to the separator, a line end or the end. */
static rs_status read_plain(rs_csv_reader *r, char *field, size_t *n, place at, char *err)
{
    const unsigned char *t = r->text;
    for (; r->pos < r->len && t[r->pos] != r->separator && !is_line_end(t[r->pos]); r->pos++) {
        unsigned char c = t[r->pos];
        if (c == '"')
            return stray_quote(r, field, n, at, err);
        if (c == '\0')
            return nul_byte(r, err, at);
        if (!append(field, n, c))
            return too_long(r, err, at);
    }
    return RS_OK;
}

/* Reads one field at r->pos into field (RS_CSV_FIELD_MAX + 1 bytes). */
static rs_status read_field(rs_csv_reader *r, rs_csv_field *out, char *field, int column, char *err)
{
    const unsigned char *t = r->text;
    place at = {r->line, column};
    size_t n = 0, open = r->pos;
    while (open < r->len && is_blank(t[open]))
        open++;
    bool quoted = open < r->len && t[open] == '"';
    rs_status st;
    if (quoted) {
        r->pos = open + 1;
        st = read_quoted(r, field, &n, at, err);
        while (st == RS_OK && r->pos < r->len && is_blank(t[r->pos]))
            r->pos++;
        if (st == RS_OK && r->pos < r->len && t[r->pos] != r->separator && !is_line_end(t[r->pos]))
            st = fail(r, err,
                      "%s:%d:%d: text after the closing quote of a field: a quote inside a quoted field is "
                      "written twice (\"\")",
                      r->shown, r->line, column);
    } else {
        st = read_plain(r, field, &n, at, err);
    }
    if (st != RS_OK)
        return st;
    field[n] = '\0';
    if (!valid_utf8(field, n)) {
        char shown[96];
        return fail(r, err, "%s:%d:%d: not UTF-8 text (save the file as CSV UTF-8), got \"%s\"", r->shown,
                    at.line, column, rs_csv_quote(field, shown, sizeof shown));
    }
    *out = (rs_csv_field){.text = field, .len = n, .column = column, .line = at.line, .quoted = quoted};
    return RS_OK;
}

rs_status rs_csv_next_record(rs_csv_reader *r, rs_csv_record *rec, char *err)
{
    rec->count = 0;
    rec->line = r->line;
    if (r->failed)
        return rs_fail(err, RS_ERR_INPUT, "%s", r->message);
    if (r->pos == 0 && r->len >= 2 && ((r->text[0] == 0xff && r->text[1] == 0xfe) ||
                                       (r->text[0] == 0xfe && r->text[1] == 0xff)))
        return fail(r, err, "%s: UTF-16 text: a CSV file is read as UTF-8 (save it as CSV UTF-8)", r->shown);
    if (r->pos >= r->len)
        return RS_OK;
    for (int count = 0;; count++) {
        if (count == RS_CSV_COLUMNS_MAX)
            return fail(r, err, "%s:%d: more than %d fields in a record", r->shown, rec->line,
                        RS_CSV_COLUMNS_MAX);
        char *field = r->store + (size_t)count * (RS_CSV_FIELD_MAX + 1);
        rs_status st = read_field(r, &rec->fields[count], field, count + 1, err);
        if (st != RS_OK)
            return st;
        if (r->pos < r->len && r->text[r->pos] == r->separator) {
            r->pos++;
            continue;
        }
        if (r->pos < r->len) { /* a line end */
            r->pos = past_line_end(r->text, r->len, r->pos);
            r->line++;
        }
        rec->count = count + 1;
        return RS_OK;
    }
}

static bool is_blank_record(const rs_csv_record *rec)
{
    for (int i = 0; i < rec->count; i++)
        for (const char *c = rec->fields[i].text; *c; c++)
            if (!isspace((unsigned char)*c))
                return false;
    return true;
}

rs_status rs_csv_next_row(rs_csv_reader *r, rs_csv_record *rec, char *err)
{
    rs_status st;
    while ((st = rs_csv_next_record(r, rec, err)) == RS_OK && rec->count > 0 && is_blank_record(rec))
        continue;
    return st;
}

void rs_csv_trim_into(const char *text, char *buf)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    memcpy(buf, text, n);
    buf[n] = '\0';
}
