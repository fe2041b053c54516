/* shapes.c: shared, counted quantile tables (see shapes.h). */
#include "shapes.h"

#include <stdlib.h>

bool rs_shape_is(const rs_shape *s, rs_quantile_family family, double param)
{
    return s && s->table.family == family && s->table.params[0] == param;
}

rs_shape *rs_shape_take(rs_shape *current, rs_quantile_family family, double param, rs_shape *like)
{
    if (rs_shape_is(current, family, param))
        return current;
    rs_shape *taken = like;
    if (rs_shape_is(like, family, param)) {
        atomic_fetch_add_explicit(&like->holders, 1, memory_order_relaxed);
    } else {
        taken = malloc(sizeof *taken);
        if (!taken)
            return NULL;
        atomic_init(&taken->holders, 1);
        rs_quantile_table_build(&taken->table, family, param);
    }
    rs_shape_release(current);
    return taken;
}

void rs_shape_release(rs_shape *s)
{
    /* acquire-release: the holder that frees sees every other's last use */
    if (s && atomic_fetch_sub_explicit(&s->holders, 1, memory_order_acq_rel) == 1)
        free(s);
}
