/* roster_file.c: rs_roster_read (roster.h): the roster file opened
 * without blocking, refused unless it is a regular file of a sensible
 * size, read whole, then parsed. */
#include "roster.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 4 MiB: 500 rows of 8 KiB each, far more than an export of a team needs;
 * anything larger is the wrong file. */
#define ROSTER_BYTES_MAX (4L << 20)

static rs_status too_large(const char *shown, char *err)
{
    return rs_fail(err, RS_ERR_INPUT, "%s: cannot read: larger than 4 MiB, more than a roster needs", shown);
}

/* Reads the whole of fd into a new buffer, refusing more than
 * ROSTER_BYTES_MAX (the file may have grown since fstat). */
static rs_status read_all(int fd, const char *shown, char **text, size_t *len, char *err)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap) {
            size_t bigger = cap ? 2 * cap : 64 * 1024;
            char *more = cap > (size_t)ROSTER_BYTES_MAX ? NULL : realloc(buf, bigger);
            if (!more) {
                free(buf);
                return cap > (size_t)ROSTER_BYTES_MAX ? too_large(shown, err)
                                                      : rs_fail(err, RS_ERR_NOMEM, "%s: out of memory", shown);
            }
            buf = more;
            cap = bigger;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got == 0)
            break;
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            return rs_fail(err, RS_ERR_INPUT, "%s: cannot read: %s", shown, strerror(e));
        }
        n += (size_t)got;
    }
    if (n > (size_t)ROSTER_BYTES_MAX) {
        free(buf);
        return too_large(shown, err);
    }
    *text = buf;
    *len = n;
    return RS_OK;
}

rs_status rs_roster_read(const char *path, const char *shown, const rs_roster_frame *frame, rs_seat_spec *seats,
                         int max, int *count, char *err)
{
    *count = 0;
    /* open(2), not fopen: O_NONBLOCK lets a FIFO be opened, and refused,
     * without waiting for a writer that may never come */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s: cannot read: %s", shown, strerror(errno));
    struct stat info;
    rs_status st = RS_OK;
    if (fstat(fd, &info) != 0)
        st = rs_fail(err, RS_ERR_INPUT, "%s: cannot read: %s", shown, strerror(errno));
    else if (S_ISDIR(info.st_mode))
        st = rs_fail(err, RS_ERR_INPUT, "%s: is a directory, not a roster file", shown);
    else if (!S_ISREG(info.st_mode))
        st = rs_fail(err, RS_ERR_INPUT, "%s: cannot read: not a regular file (a FIFO, a device or a socket)", shown);
    else if (info.st_size > ROSTER_BYTES_MAX)
        st = too_large(shown, err);
    char *text = NULL;
    size_t len = 0;
    if (st == RS_OK)
        st = read_all(fd, shown, &text, &len, err);
    close(fd);
    if (st == RS_OK)
        st = rs_roster_parse(text, len, shown, frame, seats, max, count, err);
    free(text);
    return st;
}
