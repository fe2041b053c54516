/* rng.c: the out-of-line part of the streams of rampsim/rng.h. */
#include "rampsim/rng.h"

void rs_stream_refill(rs_stream *s)
{
    s->block = philox4x32(s->ctr, s->key);
    s->ctr.v[3]++;
    s->used = 0;
}
