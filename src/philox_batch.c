#include "philox_batch.h"
void rs_philox_blocks(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3)
{
    for (size_t j = 0; j < n; j++) {
        philox4x32_ctr_t c = {{w0[j], w1[j], w2[j], w3[j]}};
        philox4x32_ctr_t r = philox4x32(c, key);
        w0[j] = r.v[0]; w1[j] = r.v[1]; w2[j] = r.v[2]; w3[j] = r.v[3];
    }
}
