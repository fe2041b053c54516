/* manifest.c: the list of the files rampsim wrote in a result directory
 * (.rampsim-manifest), read, extended and rewritten whole; and the two file
 * helpers it shares with fsutil.c. */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "valueparse.h"
#include "rampsim/version.h"

rs_shown_path rs_fs_shown(const char *path)
{
    rs_shown_path s;
    rs_escape(path, false, s.text, sizeof s.text);
    return s;
}

FILE *rs_fs_create_new(const char *path, const char *named, char *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        rs_fail(err, RS_ERR_IO, "cannot write %s: %s", rs_fs_shown(named).text, strerror(e));
    }
    return f;
}

void rs_manifest_free(rs_manifest *m)
{
    for (int i = 0; i < m->n; i++)
        free(m->names[i]);
    free(m->names);
    *m = (rs_manifest){0};
}

bool rs_manifest_has(const rs_manifest *m, const char *name)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0)
            return true;
    return false;
}

rs_status rs_manifest_add(rs_manifest *m, const char *name, char *err)
{
    if (rs_manifest_has(m, name))
        return RS_OK;
    if (m->n == m->cap) {
        int cap = m->cap ? 2 * m->cap : 32;
        char **names = realloc(m->names, (size_t)cap * sizeof *names);
        if (!names)
            return rs_fail(err, RS_ERR_NOMEM, "out of memory");
        m->names = names;
        m->cap = cap;
    }
    if (!(m->names[m->n] = strdup(name)))
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    m->n++;
    return RS_OK;
}

bool rs_manifest_listable(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > RS_FS_NAME_MAX || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
        strncmp(name, RS_FS_MANIFEST, strlen(RS_FS_MANIFEST)) == 0)
        return false;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        if (*c == '/' || *c < 0x20 || *c == 0x7f)
            return false;
    return true;
}

static const char manifest_header[] = "# rampsim ";

/* More names than any command writes: a longer manifest is not rampsim's. */
#define MANIFEST_MAX_NAMES 4096

int rs_manifest_read_at(int dirfd, rs_manifest *m, char *problem, size_t size)
{
    *m = (rs_manifest){0};
    int fd = openat(dirfd, RS_FS_MANIFEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP) {
            snprintf(problem, size, "it is a symbolic link");
            return -1;
        }
        if (errno == ENOENT)
            return 0;
        snprintf(problem, size, "cannot read it: %s", strerror(errno));
        return -1;
    }
    struct stat info;
    FILE *f = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? fdopen(fd, "r") : NULL;
    if (!f) {
        close(fd);
        snprintf(problem, size, "it is not a regular file");
        return -1;
    }
    char line[RS_FS_NAME_MAX + 8], err[RS_ERRMSG_SIZE];
    int number = 0, result = 1;
    while (result == 1 && fgets(line, sizeof line, f)) {
        number++;
        size_t n = strcspn(line, "\n");
        if (line[n] != '\n' && !feof(f)) {
            snprintf(problem, size, "line %d is too long", number);
            result = -1;
            break;
        }
        line[n] = '\0';
        if (number == 1 && strncmp(line, manifest_header, strlen(manifest_header)) != 0) {
            snprintf(problem, size, "its first line is not \"%s...\"", manifest_header);
            result = -1;
        } else if (line[0] == '#') {
            continue;
        } else if (m->n == MANIFEST_MAX_NAMES) {
            snprintf(problem, size, "it lists more than %d files", MANIFEST_MAX_NAMES);
            result = -1;
        } else if (!rs_manifest_listable(line)) {
            snprintf(problem, size, "line %d is not a file name", number);
            result = -1;
        } else if (rs_manifest_add(m, line, err) != RS_OK) {
            snprintf(problem, size, "%.200s", err);
            result = -1;
        }
    }
    if (result == 1 && (ferror(f) || number == 0)) {
        snprintf(problem, size, number == 0 ? "it is empty" : "cannot read it");
        result = -1;
    }
    fclose(f);
    if (result != 1)
        rs_manifest_free(m);
    return result;
}

int rs_manifest_read(const char *dir, rs_manifest *m, char *problem, size_t size)
{
    *m = (rs_manifest){0};
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        snprintf(problem, size, "cannot read it: %s", strerror(errno));
        return -1;
    }
    int read = rs_manifest_read_at(dirfd, m, problem, size);
    close(dirfd);
    return read;
}

/* Into a part, then renamed over the old, so that a reader sees the old
 * list or the new, whole. */
rs_status rs_manifest_write(const char *dir, const rs_manifest *m, char *err)
{
    char part[RS_PATH_MAX + 64], path[RS_PATH_MAX + 64];
    snprintf(part, sizeof part, "%s/%s", dir, RS_FS_MANIFEST_PART);
    snprintf(path, sizeof path, "%s/%s", dir, RS_FS_MANIFEST);
    unlink(part); /* a part a killed run left: never write through a link */
    FILE *f = rs_fs_create_new(part, path, err);
    if (!f)
        return RS_ERR_IO;
    fprintf(f,
            "%s%s wrote this directory; these are the files it wrote here.\n"
            "# Replacing the directory removes exactly them, and is refused when\n"
            "# anything else is here. Do not edit.\n",
            manifest_header, RAMPSIM_VERSION);
    for (int i = 0; i < m->n; i++)
        fprintf(f, "%s\n", m->names[i]);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(part, path) != 0) {
        int e = errno ? errno : EIO;
        unlink(part);
        return rs_fail(err, RS_ERR_IO, "cannot write %s: %s", rs_fs_shown(path).text, strerror(e));
    }
    return RS_OK;
}
