/* memory.c: see memory.h. */
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Address space glibc reserves for each thread: its stack (8 MiB by
 * default) and, for threads beyond the first, a malloc arena (64 MiB). */
#define THREAD_RESERVE ((size_t)72 << 20)

/* A field of /proc/meminfo in bytes, or SIZE_MAX. */
static size_t meminfo(const char *field)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return SIZE_MAX;
    char line[256];
    size_t bytes = SIZE_MAX, len = strlen(field);
    unsigned long long kb;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, len) == 0 && line[len] == ':' && sscanf(line + len + 1, "%llu", &kb) == 1) {
            bytes = (size_t)kb * 1024;
            break;
        }
    }
    fclose(f);
    return bytes;
}

/* The process's address-space size and data size now, from /proc/self/statm. */
static void usage_now(size_t *address_space, size_t *data)
{
    *address_space = *data = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return;
    unsigned long long size, resident, shared, text, lib, data_pages;
    if (fscanf(f, "%llu %llu %llu %llu %llu %llu", &size, &resident, &shared, &text, &lib, &data_pages) == 6) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        *address_space = (size_t)size * page;
        *data = (size_t)data_pages * page;
    }
    fclose(f);
}

/* What remains under a limit, or SIZE_MAX without one. */
static size_t headroom(int resource, size_t used)
{
    struct rlimit limit;
    if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return SIZE_MAX;
    return (size_t)limit.rlim_cur > used ? (size_t)limit.rlim_cur - used : 0;
}

size_t rs_memory_available(int threads, const char **limited_by)
{
    size_t available = meminfo("MemAvailable");
    *limited_by = "the memory the system has free";
    size_t address_space, data;
    usage_now(&address_space, &data);
    size_t reserve = (size_t)(threads > 0 ? threads : 1) * THREAD_RESERVE;
    size_t as = headroom(RLIMIT_AS, address_space);
    if (as != SIZE_MAX)
        as = as > reserve ? as - reserve : 0;
    if (as < available) {
        available = as;
        *limited_by = "under ulimit -v, after 72 MB a thread for its stack and malloc arena";
    }
    size_t ds = headroom(RLIMIT_DATA, data);
    if (ds < available) {
        available = ds;
        *limited_by = "under ulimit -d";
    }
    return available;
}

void rs_memory_format(size_t bytes, char *buf, size_t size)
{
    if (bytes == SIZE_MAX) {
        snprintf(buf, size, "an unknown amount");
        return;
    }
    double mb = (double)bytes / (1024.0 * 1024.0);
    if (mb < 1024)
        snprintf(buf, size, "%.0f MB", mb < 1 ? 1 : mb);
    else
        snprintf(buf, size, "%.1f GB", mb / 1024.0);
}
