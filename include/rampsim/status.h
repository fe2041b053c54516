/* rampsim/status.h: the status codes every fallible rampsim function returns.
 * The human message goes into an error buffer the caller owns. */
#ifndef RAMPSIM_STATUS_H
#define RAMPSIM_STATUS_H

#include <stddef.h>

typedef enum rs_status {
    RS_OK = 0,          /* success */
    RS_ERR_INPUT,       /* bad scenario file, bad option or value: exit 2 */
    RS_ERR_IO,          /* a file could not be read or written: exit 1 */
    RS_ERR_NOMEM,       /* out of memory: exit 1 */
    RS_ERR_INTERRUPTED, /* stopped by SIGINT or SIGTERM: exit 130 */
    RS_ERR_RUNTIME      /* any other failure at run time (gnuplot...): exit 1 */
} rs_status;

/* Size of the error buffers passed around: long enough for a path, a line
 * number, a key and an offending value. */
#define RS_ERRMSG_SIZE 1024
/* Size of the path buffers: files named in messages and results. */
#define RS_PATH_MAX 4096

/* Formats an error message into buf (printf-style) and returns status, so
 * that callers can write `return rs_fail(err, RS_ERR_INPUT, "...")`. */
rs_status rs_fail(char *buf, rs_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
