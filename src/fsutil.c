/* fsutil.c: write results into a temporary directory and rename it into
 * place, so that a failed or interrupted run leaves no half-written
 * results, and never delete a directory that holds anything else. */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rampsim/calibrate.h"
#include "rampsim/compare.h"
#include "rampsim/sweep.h"
#include "rampsim/tornado.h"
#include "rampsim/output.h"
#include "rampsim/plot.h"
#include "rampsim/scenario.h"

static int listed(const char *name, const char *const *list, size_t len)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == len && strncmp(name, list[i], len) == 0)
            return 1;
    return 0;
}

int rs_fs_is_result_file(const char *name)
{
    size_t n = strlen(name);
    /* a chart part that a killed `rampsim plot` left: .fan.png.part */
    if (name[0] == '.' && n > 6 && n < 256 && strcmp(name + n - 5, ".part") == 0) {
        char chart[256];
        snprintf(chart, sizeof chart, "%.*s", (int)(n - 6), name + 1);
        return chart[0] != '.' && rs_fs_is_result_file(chart);
    }
    /* compare writes each scenario as scenario-<label>.ini */
    if (n > 13 && strncmp(name, "scenario-", 9) == 0 && strcmp(name + n - 4, ".ini") == 0)
        return 1;
    if (listed(name, rs_output_files, n) || listed(name, rs_calibration_files, n) || listed(name, rs_compare_files, n) ||
        listed(name, rs_sweep_files, n) || listed(name, rs_tornado_files, n))
        return 1;
    const char *dot = strrchr(name, '.');
    if (!dot || (strcmp(dot, ".png") != 0 && strcmp(dot, ".svg") != 0))
        return 0;
    size_t stem = (size_t)(dot - name);
    return listed(name, rs_plot_charts, stem) || listed(name, rs_plot_calibration_charts, stem) ||
           listed(name, rs_plot_compare_charts, stem) || listed(name, rs_plot_sweep_charts, stem) ||
           listed(name, rs_plot_tornado_charts, stem);
}

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
            return rs_fail(err, RS_ERR_IO, "cannot create directory %s: %s", buf, strerror(errno));
        *p = '/';
    }
    return RS_OK;
}

/* Splits "a/b/name" into parent "a/b" (or ".") and base "name". */
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

/* Whether every entry of dir is a regular file rampsim writes. */
static int holds_only_results(const char *dir, char *stray, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int ok = 1;
    while (ok && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!rs_fs_is_result_file(e->d_name)) {
            snprintf(stray, size, "%s", e->d_name);
            ok = 0;
        }
    }
    closedir(d);
    return ok;
}

rs_status rs_fs_prepare(const char *dir, char *tmp, char *err)
{
    if (!dir[0])
        return rs_fail(err, RS_ERR_INPUT, "the output directory name is empty");
    if (strlen(dir) > RS_PATH_MAX - 64)
        return rs_fail(err, RS_ERR_INPUT, "the output directory path is too long");
    struct stat info;
    if (stat(dir, &info) == 0) {
        char stray[256];
        if (!S_ISDIR(info.st_mode))
            return rs_fail(err, RS_ERR_INPUT, "%s exists and is not a directory; choose another -o", dir);
        if (!holds_only_results(dir, stray, sizeof stray))
            return rs_fail(err, RS_ERR_INPUT,
                           "%s exists and holds %s, which rampsim did not write; choose another -o", dir, stray);
    }
    char parent[RS_PATH_MAX], base[RS_PATH_MAX];
    split_path(dir, parent, base);
    if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(base, "/") == 0)
        return rs_fail(err, RS_ERR_INPUT, "%s cannot be an output directory; name a new one", dir);
    rs_status st = make_parents(dir, err);
    if (st != RS_OK)
        return st;
    snprintf(tmp, RS_PATH_MAX, "%.3800s/.%.200s.tmp-XXXXXX", parent, base);
    if (!mkdtemp(tmp))
        return rs_fail(err, RS_ERR_IO, "cannot write in %s: %s", parent, strerror(errno));
    return RS_OK;
}

void rs_fs_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[RS_PATH_MAX + 256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

rs_status rs_fs_publish(const char *tmp, const char *dir, char *err)
{
    struct stat info;
    char old[RS_PATH_MAX] = "";
    if (stat(dir, &info) == 0) {
        /* Move the earlier results aside first: rename cannot replace a
         * non-empty directory, and this way dir is never half old, half new. */
        char parent[RS_PATH_MAX], base[RS_PATH_MAX];
        split_path(dir, parent, base);
        snprintf(old, sizeof old, "%.3800s/.%.200s.old-XXXXXX", parent, base);
        if (!mkdtemp(old) || rmdir(old) != 0 || rename(dir, old) != 0)
            return rs_fail(err, RS_ERR_IO, "cannot replace %s: %s", dir, strerror(errno));
    }
    if (rename(tmp, dir) != 0) {
        int e = errno;
        if (old[0])
            rename(old, dir);
        return rs_fail(err, RS_ERR_IO, "cannot move results into %s: %s", dir, strerror(e));
    }
    if (old[0])
        rs_fs_remove(old);
    return RS_OK;
}

rs_status rs_fs_write_file(const char *dir, const char *name, rs_fs_writer write, const void *ctx, char *err)
{
    char path[RS_PATH_MAX + 128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return rs_fail(err, RS_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    rs_status st = write(f, ctx);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return rs_fail(err, RS_ERR_IO, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
    return st == RS_OK ? RS_OK : rs_fail(err, st, "cannot write %s", path);
}
