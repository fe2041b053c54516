/* plotdata.c: reads the CSV files of a result directory for its charts, by
 * column name, from regular files only. */
#include "plotdata.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

rs_status rs_plotdata_check(const char *dir, const char *const *files, char *err)
{
    rs_status st = RS_OK;
    for (int i = 0; st == RS_OK && files[i]; i++) {
        char path[RS_PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        struct stat info;
        if (lstat(path, &info) != 0 && errno == ENOENT)
            st = rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim result directory (it has no %s)", dir, files[i]);
        else
            st = rs_fs_check_regular(path, err);
    }
    return st;
}

bool rs_plotdata_open(rs_plotdata_csv *c, const char *dir, const char *file)
{
    *c = (rs_plotdata_csv){.dir = dir, .file = file};
    char path[RS_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat info;
    c->f = fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? fdopen(fd, "r") : NULL;
    if (!c->f && fd >= 0)
        close(fd);
    return c->f && getline(&c->header, &c->header_size, c->f) >= 0;
}

void rs_plotdata_close(rs_plotdata_csv *c)
{
    if (c->f)
        fclose(c->f);
    free(c->header);
    free(c->row);
    *c = (rs_plotdata_csv){0};
}

/* The end of the cell that starts at `cell`: the comma after it, or the
 * end of the line. A cell in double quotes (a name from a roster, as
 * rs_csv_text writes it) runs to its closing quote, "" being a quote. */
static const char *cell_stop(const char *cell)
{
    if (*cell == '"')
        for (cell++; *cell; cell++)
            if (*cell == '"' && *++cell != '"')
                break;
    return cell + strcspn(cell, ",");
}

/* The cell `column` (0 for the first) of a CSV line; NULL when it has fewer. */
static const char *cell_at(const char *line, int column)
{
    for (int i = 0; i < column && line; i++) {
        line = cell_stop(line);
        line = *line == ',' ? line + 1 : NULL;
    }
    return line;
}

/* Whether a cell's text ends at `end`: a comma, the end of the line, or
 * of the text. */
static bool cell_end(const char *end)
{
    return strchr(",\r\n", *end) != NULL; /* the terminating '\0' too */
}

int rs_plotdata_column(const rs_plotdata_csv *c, const char *name)
{
    size_t n = strlen(name);
    int i = 0;
    for (const char *cell = c->header; cell; cell = cell_at(cell, 1), i++)
        if (strncmp(cell, name, n) == 0 && cell_end(cell + n))
            return i;
    return -1;
}

rs_status rs_plotdata_require(const rs_plotdata_csv *c, const char *name, int *at, char *err)
{
    *at = rs_plotdata_column(c, name);
    if (*at < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s is not a complete rampsim result directory (%s has no column %s)",
                       c->dir, c->file, name);
    return RS_OK;
}

/* Whether text holds an odd number of double quotes: a quoted cell that
 * goes on on the next line. */
static bool quote_open(const char *text)
{
    bool open = false;
    for (; *text; text++)
        open ^= *text == '"';
    return open;
}

bool rs_plotdata_next(rs_plotdata_csv *c)
{
    if (!c->f || getline(&c->row, &c->row_size, c->f) < 0)
        return false;
    /* a line break inside quotes is part of the cell: the row goes on */
    char *more = NULL;
    size_t more_size = 0;
    bool ok = true;
    while (ok && quote_open(c->row) && getline(&more, &more_size, c->f) >= 0) {
        size_t have = strlen(c->row), add = strlen(more), need = have + add + 1;
        if (need > c->row_size) {
            char *row = realloc(c->row, need);
            if (!(ok = row != NULL))
                break;
            c->row = row;
            c->row_size = need;
        }
        memcpy(c->row + have, more, add + 1);
    }
    free(more);
    return ok;
}

bool rs_plotdata_defined(const rs_plotdata_csv *c, int at)
{
    const char *cell = c->row ? cell_at(c->row, at) : NULL;
    return cell && !cell_end(cell);
}

double rs_plotdata_number(const rs_plotdata_csv *c, int at)
{
    return rs_plotdata_defined(c, at) ? strtod(cell_at(c->row, at), NULL) : NAN;
}

bool rs_plotdata_real(const rs_plotdata_csv *c, int at, double *x)
{
    if (!rs_plotdata_defined(c, at))
        return false;
    const char *cell = cell_at(c->row, at);
    char *end;
    double value = strtod(cell, &end);
    if (end == cell || !cell_end(end) || !isfinite(value))
        return false;
    *x = value;
    return true;
}

bool rs_plotdata_is(const rs_plotdata_csv *c, int at, const char *value)
{
    const char *cell = c->row ? cell_at(c->row, at) : NULL;
    size_t n = strlen(value);
    return cell && strncmp(cell, value, n) == 0 && cell_end(cell + n);
}

void rs_plotdata_text(const rs_plotdata_csv *c, int at, char *buf, size_t size)
{
    const char *cell = c->row ? cell_at(c->row, at) : NULL, *stop = cell ? cell_stop(cell) : NULL;
    size_t n = 0;
    if (cell && *cell == '"') {
        for (const char *p = cell + 1; p < stop && n + 1 < size; p++) {
            if (*p == '"' && p[1] != '"')
                break; /* the closing quote */
            buf[n++] = *p;
            p += *p == '"'; /* "" is one quote */
        }
    } else if (cell) {
        size_t len = strcspn(cell, ",\r\n");
        n = len < size - 1 ? len : size - 1;
        memcpy(buf, cell, n);
    }
    buf[n] = '\0';
}

int rs_plotdata_rows(const char *dir, const char *file)
{
    rs_plotdata_csv c;
    int rows = -1;
    if (rs_plotdata_open(&c, dir, file))
        for (rows = 0; rs_plotdata_next(&c);)
            rows++;
    rs_plotdata_close(&c);
    return rows;
}

rs_status rs_plotdata_defined_rows(const char *dir, const char *file, const char *column, int *rows, char *err)
{
    rs_plotdata_csv c;
    int at = -1;
    rs_status st = RS_OK;
    *rows = 0;
    if (!rs_plotdata_open(&c, dir, file))
        st = rs_fail(err, RS_ERR_INPUT, "%s is not a complete rampsim result directory (cannot read %s)", dir, file);
    else
        st = rs_plotdata_require(&c, column, &at, err);
    while (st == RS_OK && rs_plotdata_next(&c))
        *rows += rs_plotdata_defined(&c, at);
    rs_plotdata_close(&c);
    return st;
}
