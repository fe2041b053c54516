/* fspath.c: paths compared as written (fsutil.h): whether one lies inside
 * another, read lexically, without following links. */
#include "fsutil.h"

#include <string.h>
#include <unistd.h>

/* path made absolute and read lexically into out (size RS_PATH_MAX):
 * empty and "." parts dropped, ".." taking the part before it away. */
static void lexical_path(const char *path, char *out)
{
    char joined[2 * RS_PATH_MAX + 2], cwd[RS_PATH_MAX] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    snprintf(joined, sizeof joined, "%s/%s", cwd, path);
    size_t n = 0;
    out[0] = '\0';
    for (char *part = strtok(joined, "/"); part; part = strtok(NULL, "/")) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            while (n > 0 && out[--n] != '/')
                ;
            out[n] = '\0';
            continue;
        }
        n += (size_t)snprintf(out + n, n < RS_PATH_MAX ? RS_PATH_MAX - n : 0, "/%s", part);
        if (n >= RS_PATH_MAX)
            n = RS_PATH_MAX - 1;
    }
}

bool rs_fs_within(const char *path, const char *dir)
{
    char x[RS_PATH_MAX], y[RS_PATH_MAX];
    lexical_path(path, x);
    lexical_path(dir, y);
    size_t ny = strlen(y);
    return strncmp(x, y, ny) == 0 && (x[ny] == '/' || x[ny] == '\0');
}

bool rs_fs_nested(const char *a, const char *b)
{
    return rs_fs_within(a, b) || rs_fs_within(b, a);
}
