/* manifest.h: the list of the files rampsim wrote in a result directory,
 * RS_FS_MANIFEST, as fsutil.h uses it to decide what a replacement may
 * remove. It knows no file a command writes: the callers name them. */
#ifndef RS_MANIFEST_H
#define RS_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rampsim/status.h"

#define RS_FS_MANIFEST ".rampsim-manifest"
#define RS_FS_MANIFEST_PART RS_FS_MANIFEST ".part" /* the next manifest, while it is written */
#define RS_FS_NAME_MAX 255                         /* the longest file name a manifest lists */

/* A path as a message shows it: a control byte in it is written \xNN. */
typedef struct rs_shown_path {
    char text[512];
} rs_shown_path;
rs_shown_path rs_fs_shown(const char *path);

/* Creates path, a new file (never through a link, never an existing one),
 * for writing; NULL with an RS_ERR_IO message naming `named` otherwise. */
FILE *rs_fs_create_new(const char *path, const char *named, char *err);

/* The names a manifest lists, each once; {0} is an empty one. */
typedef struct rs_manifest {
    char **names;
    int n, cap;
} rs_manifest;

/* Frees the names and empties m. */
void rs_manifest_free(rs_manifest *m);

bool rs_manifest_has(const rs_manifest *m, const char *name);

/* Adds name unless m lists it already; RS_ERR_NOMEM when out of memory. */
rs_status rs_manifest_add(rs_manifest *m, const char *name, char *err);

/* Whether name can be a file a manifest lists: one plain name of at most
 * RS_FS_NAME_MAX bytes, no control byte, and not the manifest's own. */
bool rs_manifest_listable(const char *name);

/* Reads the manifest of the directory open as dirfd into m (never through
 * a link, never waiting on a FIFO): 1 when read, 0 when there is none, -1
 * when it is damaged, with problem (size bytes) saying how, such as "line
 * 3 is not a file name". m is empty unless 1 is returned. */
int rs_manifest_read_at(int dirfd, rs_manifest *m, char *problem, size_t size);

/* Reads dir's manifest, as rs_manifest_read_at. */
int rs_manifest_read(const char *dir, rs_manifest *m, char *problem, size_t size);

/* Writes m as dir's manifest, replacing the old in one step: a reader sees
 * the old list or the new, whole. RS_ERR_IO naming the manifest when it
 * cannot be written; the old one then stays. */
rs_status rs_manifest_write(const char *dir, const rs_manifest *m, char *err);

#endif
