/* shapes.h: the mean-1 quantile tables a model workspace draws with (a
 * deal's value and cycle, a hire's skill and ramp factor), shared by every
 * workspace whose scenario has the same shape.
 *
 * A table is 49 KB and read at random, a lookup or two an opportunity. A
 * tornado or a calibration runs every replication in a hundred workspaces
 * in turn, one a scenario (engine_blocks.c); with a copy each, their tables
 * were 20 MB, far past the caches, and the lookups' misses were a quarter
 * of the run. Shared, the scenarios that differ in other keys read one set.
 *
 * A shape is immutable once built and counts its holders: a workspace that
 * needs another shape (a new draw of uncertain inputs) takes or builds
 * another, and the last holder frees it. The counts are atomic, as the
 * workspaces of a job's threads hold the same shapes. Private to the
 * model. */
#ifndef RS_SHAPES_H
#define RS_SHAPES_H

#include <stdatomic.h>
#include <stdbool.h>

#include "samplers.h"

typedef struct rs_shape {
    atomic_int holders;
    rs_quantile_table table;
} rs_shape;

/* The shape of `family` at `param` (a gamma's shape, a lognormal's sigma)
 * for a holder of `current` (NULL: none): current itself when it is that
 * shape, else `like` (NULL: none) with one more holder when it is, else a
 * new one. current is released when not returned. NULL when out of memory,
 * current then kept. */
rs_shape *rs_shape_take(rs_shape *current, rs_quantile_family family, double param, rs_shape *like);

/* Whether s is the shape of `family` at `param`. */
bool rs_shape_is(const rs_shape *s, rs_quantile_family family, double param);

/* One holder fewer; the last frees it. NULL is ignored. */
void rs_shape_release(rs_shape *s);

#endif
