/* fsutil.h: result directories that appear complete or not at all. */
#ifndef RS_FSUTIL_H
#define RS_FSUTIL_H

#include <stdio.h>

#include "rampsim/status.h"

/* Checks that `dir` can receive results: it does not exist, or it is a
 * directory holding only files rampsim writes. Creates missing parents.
 * Then makes an empty temporary directory beside it, whose path goes to
 * tmp (size RS_PATH_MAX). RS_ERR_INPUT or RS_ERR_IO with a message. */
rs_status rs_fs_prepare(const char *dir, char *tmp, char *err);

/* Moves tmp into place as dir, replacing an earlier result directory. */
rs_status rs_fs_publish(const char *tmp, const char *dir, char *err);

/* Removes a directory rampsim made (its files, then itself); quiet. */
void rs_fs_remove(const char *dir);

/* Whether a file name is one rampsim writes into a result directory. */
int rs_fs_is_result_file(const char *name);

/* Writes one result file: dir/name filled by write(f, ctx). RS_ERR_IO
 * naming the file when it cannot be opened, written or closed; a writer's
 * own failure is returned as it is. */
typedef rs_status (*rs_fs_writer)(FILE *f, const void *ctx);
rs_status rs_fs_write_file(const char *dir, const char *name, rs_fs_writer write, const void *ctx, char *err);

#endif
