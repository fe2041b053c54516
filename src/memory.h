/* memory.h: how much memory this process may still take, so that a run too
 * large for the machine is refused before it starts. */
#ifndef RS_MEMORY_H
#define RS_MEMORY_H

#include <stddef.h>

/* Bytes the process can still allocate for a job on `threads` threads: the
 * kernel's MemAvailable, within the limits of ulimit -v (address space,
 * less what the process and each thread's stack and malloc arena reserve)
 * and ulimit -d (data); SIZE_MAX when none of them is known. *limited_by
 * names the one that decided, for messages. */
size_t rs_memory_available(int threads, const char **limited_by);

/* "512 MB", "3.2 GB" ("an unknown amount" for SIZE_MAX): a size for a message. */
void rs_memory_format(size_t bytes, char *buf, size_t size);

#endif
