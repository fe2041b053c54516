/* textfile.h: a text input file (a roster, a CRM export) read whole, as
 * the readers of such files want it: opened without blocking, refused
 * unless it is a regular file within a size, with messages naming it.
 * Private to the library. */
#ifndef RS_TEXTFILE_H
#define RS_TEXTFILE_H

#include <stddef.h>

#include "rampsim/status.h"

typedef struct rs_text_limit {
    long max_bytes;   /* a larger file is the wrong file */
    const char *what; /* "a roster": "... is a directory, not a roster file" */
} rs_text_limit;

/* Reads the file at path whole into *text (malloc'd, not terminated; the
 * caller frees it) and *len. RS_ERR_INPUT with a message naming `shown`
 * (cannot be opened, a directory, not a regular file, too large),
 * RS_ERR_NOMEM. */
rs_status rs_text_file_read(const char *path, const char *shown, const rs_text_limit *limit, char **text,
                            size_t *len, char *err);

#endif
