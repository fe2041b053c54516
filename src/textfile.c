/* textfile.c: see textfile.h. */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static rs_status too_large(const char *shown, const rs_text_limit *limit, char *err)
{
    return rs_fail(err, RS_ERR_INPUT, "%s: cannot read: larger than %ld MiB, more than %s needs", shown,
                   limit->max_bytes >> 20, limit->what);
}

/* Reads the whole of fd into a new buffer, refusing more than
 * limit->max_bytes (the file may have grown since fstat). */
static rs_status read_all(int fd, const char *shown, const rs_text_limit *limit, char **text, size_t *len,
                          char *err)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap) {
            size_t bigger = cap ? 2 * cap : 64 * 1024;
            char *more = cap > (size_t)limit->max_bytes ? NULL : realloc(buf, bigger);
            if (!more) {
                free(buf);
                return cap > (size_t)limit->max_bytes ? too_large(shown, limit, err)
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
    if (n > (size_t)limit->max_bytes) {
        free(buf);
        return too_large(shown, limit, err);
    }
    *text = buf;
    *len = n;
    return RS_OK;
}

rs_status rs_text_file_read(const char *path, const char *shown, const rs_text_limit *limit, char **text,
                            size_t *len, char *err)
{
    *text = NULL;
    *len = 0;
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
        st = rs_fail(err, RS_ERR_INPUT, "%s: is a directory, not %s file", shown, limit->what);
    else if (!S_ISREG(info.st_mode))
        st = rs_fail(err, RS_ERR_INPUT, "%s: cannot read: not a regular file (a FIFO, a device or a socket)", shown);
    else if (info.st_size > limit->max_bytes)
        st = too_large(shown, limit, err);
    if (st == RS_OK)
        st = read_all(fd, shown, limit, text, len, err);
    close(fd);
    return st;
}
