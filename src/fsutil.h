/* fsutil.h: result directories that appear complete or not at all, and
 * that are replaced only when rampsim wrote everything in them.
 *
 * Every result directory holds a manifest (manifest.h) listing the files
 * rampsim wrote there, each named by the command that writes it, and the
 * result directories it made inside it (one level deep: an export's
 * replications). A name is added to it before the file is created, so
 * that even a run killed outright leaves nothing unlisted.
 * Replacing a directory removes exactly what its manifest lists, and is
 * refused when anything else is there. */
#ifndef RS_FSUTIL_H
#define RS_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rampsim/status.h"

/* Whether dir can receive results, without touching anything: it does not
 * exist, is an empty directory, or is a result directory (its manifest
 * lists every entry, each a regular file). A symbolic link is refused, as
 * is anything else there (RS_ERR_INPUT); a location that cannot be
 * written is RS_ERR_IO. Called before a command does any work, so that a
 * refused command creates nothing. */
rs_status rs_fs_check_target(const char *dir, char *err);

/* Checks dir again, creates its missing parents and an empty temporary
 * directory with an empty manifest beside it, whose path goes to tmp (size
 * RS_PATH_MAX). */
rs_status rs_fs_prepare(const char *dir, char *tmp, char *err);

/* Moves tmp into place as dir, replacing an earlier result directory in
 * one step (the earlier one is then removed). Runs that publish into the
 * same parent directory take turns, so that each publishes whole. */
rs_status rs_fs_publish(const char *tmp, const char *dir, char *err);

/* Takes the lock rs_fs_publish takes on dir's parent, and waits for it:
 * whoever writes into an existing result directory (plot) holds it, so
 * that no run swaps the directory away meanwhile. The descriptor to close
 * to release it, or -1 with a message. */
int rs_fs_lock_parent(const char *dir, char *err);

/* Removes what rampsim wrote in dir (the files its manifest lists, the
 * manifest) and then dir itself if that left it empty; never through a
 * link. Whether dir is gone. */
bool rs_fs_remove(const char *dir);

/* Adds the NULL-terminated names to dir's manifest, before files of those
 * names are created in it. dir must be a result directory: RS_ERR_INPUT
 * when it has no manifest, a damaged one or anything it does not list. */
rs_status rs_fs_claim(const char *dir, const char *const *names, char *err);

/* Makes dir/name, a new directory inside the result directory dir, a
 * result directory of its own (with an empty manifest), claiming name in
 * dir's manifest first: replacing or removing dir takes it along. Not
 * inside one made so (one level deep). Its path goes to sub (size
 * RS_PATH_MAX). RS_ERR_IO when it cannot be made. */
rs_status rs_fs_make_subdir(const char *dir, const char *name, char *sub, char *err);

/* Whether the paths a and b name the same directory or one lies inside
 * the other, read as written (relative to the working directory, without
 * following links): two result directories of one command must be apart,
 * or publishing one would replace or refuse the other. */
bool rs_fs_nested(const char *a, const char *b);

/* Whether path is dir or lies inside it, read as rs_fs_nested reads: an
 * input inside a result directory would be replaced with it. */
bool rs_fs_within(const char *path, const char *dir);

/* Whether path names a regular file; otherwise a message saying what it
 * is (a FIFO, a device, a directory, missing), so that no read of it can
 * block or mislead. Symbolic links are not followed. */
rs_status rs_fs_check_regular(const char *path, char *err);

/* Writes one result file: claims name in dir's manifest, then fills
 * dir/name, a new file, by write(f, ctx). RS_ERR_IO naming the file when
 * it cannot be created, written or closed; a writer's own failure is
 * returned as it is. */
typedef rs_status (*rs_fs_writer)(FILE *f, const void *ctx);
rs_status rs_fs_write_file(const char *dir, const char *name, rs_fs_writer write, const void *ctx, char *err);

/* A file a command writes: its name, and what fills it. */
typedef struct rs_fs_file {
    const char *name;
    rs_fs_writer write;
} rs_fs_file;

/* Writes the n files in order, each as rs_fs_write_file does, all from
 * ctx; stops at the first failure and returns it. */
rs_status rs_fs_write_files(const char *dir, const rs_fs_file *files, size_t n, const void *ctx, char *err);

#endif
