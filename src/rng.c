/* rng.c: the out-of-line part of the streams of rng.h. */
#include "rng.h"

void rs_stream_refill(rs_stream *s)
{
    s->block = philox4x32(s->ctr, s->key);
    s->ctr.v[3]++;
    s->used = 0;
}
