/* status.c: the one function of status.h, kept apart so that every module
 * that reports an error depends on status alone. */
#include "rampsim/status.h"

#include <stdarg.h>
#include <stdio.h>

rs_status rs_fail(char *buf, rs_status status, const char *fmt, ...)
{
    if (buf) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, RS_ERRMSG_SIZE, fmt, ap);
        va_end(ap);
    }
    return status;
}
