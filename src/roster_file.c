/* roster_file.c: rs_roster_read (roster.h): the roster file read whole
 * (textfile.h), then parsed. */
#include "roster.h"

#include <stdlib.h>

#include "textfile.h"

/* 4 MiB: 500 rows of 8 KiB each, far more than an export of a team needs;
 * anything larger is the wrong file. */
static const rs_text_limit roster_limit = {4L << 20, "a roster"};

rs_status rs_roster_read(const char *path, const char *shown, const rs_roster_frame *frame, rs_seat_spec *seats,
                         int max, int *count, char *err)
{
    *count = 0;
    char *text;
    size_t len;
    rs_status st = rs_text_file_read(path, shown, &roster_limit, &text, &len, err);
    if (st == RS_OK)
        st = rs_roster_parse(text, len, shown, frame, seats, max, count, err);
    free(text);
    return st;
}
