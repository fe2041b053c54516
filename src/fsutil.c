/* fsutil.c: write results into a temporary directory and swap it into
 * place, so that a failed or interrupted run leaves no half-written
 * results, and never delete anything rampsim did not write. */
#define _GNU_SOURCE /* renameat2 */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "rampsim/status.h"

/* The longest output path and last name: ".<name>.tmp-XXXXXX" beside it
 * must still be a path and a name. */
#define PARENT_MAX 3800
#define BASE_MAX 200

/* ---- what is at a path ----------------------------------------------------- */

/* Splits "a/b/name/" into parent "a/b" (or ".") and base "name". */
static void split_path(const char *path, char *parent, char *base)
{
    char buf[RS_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash) {
        strcpy(parent, ".");
        snprintf(base, RS_PATH_MAX, "%s", buf);
    } else {
        snprintf(base, RS_PATH_MAX, "%s", slash + 1);
        if (slash == buf)
            strcpy(parent, "/");
        else {
            *slash = '\0';
            snprintf(parent, RS_PATH_MAX, "%s", buf);
        }
    }
}

/* The kind of a file that is not a regular one, for messages. */
static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISLNK(mode))
        return "a symbolic link";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Whether path is a directory (not a link) with a manifest: a result
 * directory of its own, as rs_fs_make_subdir makes one. */
static bool is_result_subdir(const char *path)
{
    char manifest_path[RS_PATH_MAX + RS_FS_NAME_MAX + 64];
    struct stat info;
    snprintf(manifest_path, sizeof manifest_path, "%s/%s", path, RS_FS_MANIFEST);
    return lstat(path, &info) == 0 && S_ISDIR(info.st_mode) && lstat(manifest_path, &info) == 0 &&
           S_ISREG(info.st_mode);
}

/* Whether the directory dir can be replaced: it is empty, or its manifest
 * lists every entry and each is a regular file or, at the top (depth 0),
 * a result directory that can be replaced itself. With need_manifest, an
 * empty directory without one is refused too. advice ends a refusal. */
static rs_status inspect_dir(const char *dir, int depth, bool need_manifest, const char *advice, char *err)
{
    rs_manifest m;
    char problem[256];
    int read = rs_manifest_read(dir, &m, problem, sizeof problem);
    if (read < 0)
        return rs_fail(err, RS_ERR_INPUT, "%s has a damaged %s (%s); %s", rs_fs_shown(dir).text, RS_FS_MANIFEST,
                       problem, advice);
    DIR *d = opendir(dir);
    if (!d) {
        rs_manifest_free(&m);
        return rs_fail(err, RS_ERR_IO, "cannot read %s: %s", rs_fs_shown(dir).text, strerror(errno));
    }
    rs_status st = RS_OK;
    struct dirent *e;
    while (st == RS_OK && (e = readdir(d))) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char path[RS_PATH_MAX + RS_FS_NAME_MAX + 2];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        struct stat info;
        bool own = strcmp(name, RS_FS_MANIFEST) == 0 || strcmp(name, RS_FS_MANIFEST_PART) == 0;
        if (own && lstat(path, &info) == 0 && !S_ISREG(info.st_mode))
            st = rs_fail(err, RS_ERR_INPUT, "%s holds %s, which is %s where rampsim keeps its manifest; %s",
                         rs_fs_shown(dir).text, name, kind_of(info.st_mode), advice);
        else if (own)
            continue;
        else if (read == 0)
            st = rs_fail(err, RS_ERR_INPUT, "%s was not written by rampsim (it has no %s, as results from before "
                         "manifests have none either) and holds %s; %s",
                         rs_fs_shown(dir).text, RS_FS_MANIFEST, rs_fs_shown(name).text, advice);
        else if (!rs_manifest_has(&m, name))
            st = rs_fail(err, RS_ERR_INPUT, "%s holds %s, which rampsim did not write; %s", rs_fs_shown(dir).text,
                         rs_fs_shown(name).text, advice);
        else if (depth == 0 && is_result_subdir(path))
            st = inspect_dir(path, depth + 1, true, advice, err);
        else if (lstat(path, &info) == 0 && !S_ISREG(info.st_mode))
            st = rs_fail(err, RS_ERR_INPUT, "%s holds %s, which is %s where rampsim wrote a file; %s",
                         rs_fs_shown(dir).text, rs_fs_shown(name).text, kind_of(info.st_mode), advice);
    }
    closedir(d);
    rs_manifest_free(&m);
    if (st == RS_OK && read == 0 && need_manifest)
        st = rs_fail(err, RS_ERR_INPUT, "%s is not a rampsim result directory (it has no %s); %s",
                     rs_fs_shown(dir).text, RS_FS_MANIFEST, advice);
    return st;
}

static const char choose_another[] = "choose another -o";

/* Whether path can take a result directory; *exists says whether one (or
 * an empty directory) is there to be replaced. */
static rs_status inspect_target(const char *path, bool *exists, char *err)
{
    *exists = false;
    struct stat info;
    if (lstat(path, &info) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) /* the parents say why, if they cannot be made */
            return RS_OK;
        return rs_fail(err, errno == ENAMETOOLONG ? RS_ERR_INPUT : RS_ERR_IO, "cannot use %s: %s",
                       rs_fs_shown(path).text, strerror(errno));
    }
    if (S_ISLNK(info.st_mode))
        return rs_fail(err, RS_ERR_INPUT,
                       "%s is a symbolic link; rampsim replaces neither a link nor what it points to: name the "
                       "directory itself, or a new one",
                       rs_fs_shown(path).text);
    if (!S_ISDIR(info.st_mode))
        return rs_fail(err, RS_ERR_INPUT, "%s exists and is not a directory; %s", rs_fs_shown(path).text,
                       choose_another);
    *exists = true;
    /* replacing it removes its files: a directory that forbids that is
     * refused before the work, not left half-removed after it */
    if (access(path, W_OK | X_OK) != 0)
        return rs_fail(err, RS_ERR_IO, "cannot replace %s: %s", rs_fs_shown(path).text, strerror(errno));
    return inspect_dir(path, 0, false, choose_another, err);
}

/* The path without trailing slashes: lstat("link/") would follow the link. */
static void strip_slashes(const char *dir, char *out)
{
    snprintf(out, RS_PATH_MAX, "%s", dir);
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/')
        out[--n] = '\0';
}

/* The nearest existing ancestor of path must be a directory this user may
 * write in, or the results could not be written after all the work. */
static rs_status check_writable_ancestor(const char *path, char *err)
{
    char parent[RS_PATH_MAX], base[RS_PATH_MAX], at[RS_PATH_MAX];
    snprintf(at, sizeof at, "%s", path);
    for (;;) {
        split_path(at, parent, base);
        struct stat info;
        if (stat(parent, &info) == 0) {
            if (!S_ISDIR(info.st_mode))
                return rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(parent).text, strerror(ENOTDIR));
            if (access(parent, W_OK | X_OK) != 0)
                return rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(parent).text, strerror(errno));
            char manifest_path[RS_PATH_MAX + 64];
            snprintf(manifest_path, sizeof manifest_path, "%s/%s", parent, RS_FS_MANIFEST);
            if (lstat(manifest_path, &info) == 0)
                return rs_fail(err, RS_ERR_INPUT,
                               "%s is a rampsim result directory: results go beside it, not inside it; %s",
                               rs_fs_shown(parent).text, choose_another);
            return RS_OK;
        }
        if (errno != ENOENT || strcmp(parent, at) == 0 || strcmp(parent, ".") == 0 || strcmp(parent, "/") == 0)
            return rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(parent).text, strerror(errno));
        snprintf(at, sizeof at, "%s", parent);
    }
}

rs_status rs_fs_check_target(const char *dir, char *err)
{
    if (!dir[0])
        return rs_fail(err, RS_ERR_INPUT, "the output directory name is empty");
    char parent[RS_PATH_MAX], base[RS_PATH_MAX], path[RS_PATH_MAX];
    split_path(dir, parent, base);
    /* the temporary directory beside it must have room for its name */
    if (strlen(dir) > PARENT_MAX || strlen(base) > BASE_MAX)
        return rs_fail(err, RS_ERR_INPUT,
                       "the output directory path is too long: at most %d characters, the last name at most %d",
                       PARENT_MAX, BASE_MAX);
    if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(base, "/") == 0)
        return rs_fail(err, RS_ERR_INPUT, "%s cannot be an output directory; name a new one", rs_fs_shown(dir).text);
    strip_slashes(dir, path);
    bool exists;
    rs_status st = inspect_target(path, &exists, err);
    if (st == RS_OK)
        st = check_writable_ancestor(path, err);
    return st;
}

/* ---- creating, publishing, removing ---------------------------------------- */

/* mkdir -p of every parent of path. */
static rs_status make_parents(const char *path, char *err)
{
    char buf[RS_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return rs_fail(err, RS_ERR_IO, "cannot create directory %s: %s", rs_fs_shown(buf).text, strerror(errno));
        *p = '/';
    }
    return RS_OK;
}

rs_status rs_fs_prepare(const char *dir, char *tmp, char *err)
{
    rs_status st = rs_fs_check_target(dir, err);
    char path[RS_PATH_MAX], parent[RS_PATH_MAX], base[RS_PATH_MAX];
    strip_slashes(dir, path);
    split_path(path, parent, base);
    if (st == RS_OK)
        st = make_parents(path, err);
    if (st != RS_OK)
        return st;
    snprintf(tmp, RS_PATH_MAX, "%.*s/.%.*s.tmp-XXXXXX", PARENT_MAX, parent, BASE_MAX, base);
    if (!mkdtemp(tmp))
        return rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(parent).text, strerror(errno));
    /* mkdtemp makes it private; results are as readable as any new directory */
    mode_t mask = umask(0);
    umask(mask);
    rs_manifest none = {0};
    if (chmod(tmp, 0777 & ~mask) != 0 || (st = rs_manifest_write(tmp, &none, err)) != RS_OK) {
        if (st == RS_OK)
            st = rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(parent).text, strerror(errno));
        rmdir(tmp);
        return st;
    }
    return RS_OK;
}

/* rs_fs_remove of the directory `path` relative to the directory open as
 * at; at depth 0 a listed name that is a directory is removed the same
 * way (a result directory of its own: rs_fs_make_subdir). */
static bool remove_at(int at, const char *path, int depth)
{
    /* by descriptor, never through a link: not even one swapped in for dir */
    int dirfd = openat(at, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dirfd < 0)
        return errno == ENOENT;
    rs_manifest m;
    char problem[256];
    if (rs_manifest_read_at(dirfd, &m, problem, sizeof problem) == 1) {
        for (int i = 0; i < m.n; i++) {
            struct stat info;
            if (depth == 0 && fstatat(dirfd, m.names[i], &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode))
                remove_at(dirfd, m.names[i], depth + 1);
            else
                unlinkat(dirfd, m.names[i], 0);
        }
        rs_manifest_free(&m);
    }
    unlinkat(dirfd, RS_FS_MANIFEST_PART, 0);
    unlinkat(dirfd, RS_FS_MANIFEST, 0);
    close(dirfd);
    return unlinkat(at, path, AT_REMOVEDIR) == 0;
}

bool rs_fs_remove(const char *dir)
{
    return remove_at(AT_FDCWD, dir, 0);
}

/* The earlier results, swapped out to old, are removed; if anything kept
 * them (a file that may not be deleted), the new results stand and the
 * message says where the old ones are. */
static rs_status remove_earlier(const char *old, const char *dir, char *err)
{
    if (rs_fs_remove(old))
        return RS_OK;
    /* not RS_ERR_IO: the caller names dir for the temporary path in those */
    return rs_fail(err, RS_ERR_RUNTIME,
                   "the results are in %s, but the earlier ones could not all be removed: they are in %s",
                   rs_fs_shown(dir).text, rs_fs_shown(old).text);
}

/* Holds an exclusive lock on a directory while open: runs publishing into
 * the same parent take turns. */
static int lock_dir(const char *dir, char *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", rs_fs_shown(dir).text, strerror(errno));
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR) /* a caught signal: the publish goes on */
            break;
    return fd;
}

int rs_fs_lock_parent(const char *dir, char *err)
{
    char path[RS_PATH_MAX], parent[RS_PATH_MAX], base[RS_PATH_MAX];
    strip_slashes(dir, path);
    split_path(path, parent, base);
    return lock_dir(parent, err);
}

/* Replaces dir by tmp when the file system cannot swap them: dir is moved
 * aside, tmp into place, and the earlier results are then removed; on a
 * failure dir is put back. */
static rs_status replace_by_moving(const char *tmp, const char *dir, const char *parent, const char *base,
                                   char *err)
{
    char old[RS_PATH_MAX];
    snprintf(old, sizeof old, "%.*s/.%.*s.old-XXXXXX", PARENT_MAX, parent, BASE_MAX, base);
    if (!mkdtemp(old) || rmdir(old) != 0 || rename(dir, old) != 0)
        return rs_fail(err, RS_ERR_IO, "cannot replace %s: %s", rs_fs_shown(dir).text, strerror(errno));
    if (rename(tmp, dir) != 0) {
        int e = errno;
        rename(old, dir);
        return rs_fail(err, RS_ERR_IO, "cannot move results into %s: %s", rs_fs_shown(dir).text, strerror(e));
    }
    return remove_earlier(old, dir, err);
}

static bool cannot_swap(int e)
{
    return e == EINVAL || e == ENOSYS || e == ENOTSUP;
}

/* After the swap, tmp holds what was at dir. Should that no longer be the
 * directory looked at (a link put there meanwhile), the swap is undone. */
static rs_status swapped_out(const char *tmp, const char *dir, char *err)
{
    struct stat info;
    if (lstat(tmp, &info) == 0 && S_ISDIR(info.st_mode))
        return remove_earlier(tmp, dir, err);
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) != 0)
        return rs_fail(err, RS_ERR_RUNTIME,
                       "%s changed while the results were published, and they could not be swapped back: what "
                       "was there is now at %s",
                       rs_fs_shown(dir).text, rs_fs_shown(tmp).text);
    return rs_fail(err, RS_ERR_INPUT, "%s changed while the results were published (it is no longer a directory); "
                   "nothing replaced", rs_fs_shown(dir).text);
}

rs_status rs_fs_publish(const char *tmp, const char *dir, char *err)
{
    char path[RS_PATH_MAX], parent[RS_PATH_MAX], base[RS_PATH_MAX];
    strip_slashes(dir, path);
    split_path(path, parent, base);
    int lock = rs_fs_lock_parent(dir, err);
    if (lock < 0)
        return RS_ERR_IO;
    /* Another run may have published meanwhile: look again, in turn. */
    bool exists;
    rs_status st = inspect_target(path, &exists, err);
    if (st == RS_OK && !exists) {
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) != 0 &&
            (!cannot_swap(errno) || rename(tmp, path) != 0))
            st = rs_fail(err, RS_ERR_IO, "cannot move results into %s: %s", rs_fs_shown(dir).text, strerror(errno));
    } else if (st == RS_OK) {
        /* One step: dir is always either the earlier results or the new. */
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
            st = swapped_out(tmp, path, err);
        else if (cannot_swap(errno))
            st = replace_by_moving(tmp, path, parent, base, err);
        else
            st = rs_fail(err, RS_ERR_IO, "cannot replace %s: %s", rs_fs_shown(dir).text, strerror(errno));
    }
    close(lock);
    return st;
}

rs_status rs_fs_claim(const char *dir, const char *const *names, char *err)
{
    rs_status st = inspect_dir(dir, 0, true, "rampsim writes only into directories it wrote", err);
    if (st != RS_OK)
        return st;
    rs_manifest m;
    char problem[256];
    if (rs_manifest_read(dir, &m, problem, sizeof problem) != 1)
        return rs_fail(err, RS_ERR_INPUT, "%s has a damaged %s (%s)", rs_fs_shown(dir).text, RS_FS_MANIFEST, problem);
    for (int i = 0; st == RS_OK && names[i]; i++)
        st = rs_manifest_listable(names[i]) ? rs_manifest_add(&m, names[i], err)
                                : rs_fail(err, RS_ERR_RUNTIME, "internal error: %s is not a file name", names[i]);
    if (st == RS_OK)
        st = rs_manifest_write(dir, &m, err);
    rs_manifest_free(&m);
    return st;
}

rs_status rs_fs_check_regular(const char *path, char *err)
{
    struct stat info;
    if (lstat(path, &info) != 0)
        return rs_fail(err, RS_ERR_INPUT, "cannot read %s: %s", rs_fs_shown(path).text, strerror(errno));
    if (!S_ISREG(info.st_mode))
        return rs_fail(err, RS_ERR_INPUT, "%s is %s, not a regular file", rs_fs_shown(path).text,
                       kind_of(info.st_mode));
    return RS_OK;
}

rs_status rs_fs_write_file(const char *dir, const char *name, rs_fs_writer write, const void *ctx, char *err)
{
    const char *names[] = {name, NULL};
    rs_status st = rs_fs_claim(dir, names, err);
    if (st != RS_OK)
        return st;
    char path[RS_PATH_MAX + 128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = rs_fs_create_new(path, path, err);
    if (!f)
        return RS_ERR_IO;
    st = write(f, ctx);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return rs_fail(err, RS_ERR_IO, "cannot write %s: %s", rs_fs_shown(path).text, strerror(errno ? errno : EIO));
    return st == RS_OK ? RS_OK : rs_fail(err, st, "cannot write %s", rs_fs_shown(path).text);
}

rs_status rs_fs_write_files(const char *dir, const rs_fs_file *files, size_t n, const void *ctx, char *err)
{
    rs_status st = RS_OK;
    for (size_t i = 0; st == RS_OK && i < n; i++)
        st = rs_fs_write_file(dir, files[i].name, files[i].write, ctx, err);
    return st;
}

rs_status rs_fs_make_subdir(const char *dir, const char *name, char *sub, char *err)
{
    const char *names[] = {name, NULL};
    rs_status st = rs_fs_claim(dir, names, err);
    if (st != RS_OK)
        return st;
    if ((size_t)snprintf(sub, RS_PATH_MAX, "%s/%s", dir, name) >= RS_PATH_MAX)
        return rs_fail(err, RS_ERR_INPUT, "the output directory path is too long for %s", rs_fs_shown(name).text);
    if (mkdir(sub, 0777) != 0)
        return rs_fail(err, RS_ERR_IO, "cannot create directory %s: %s", rs_fs_shown(sub).text, strerror(errno));
    rs_manifest none = {0};
    return rs_manifest_write(sub, &none, err);
}
