/* philox_batch.h: many Philox4x32-10 blocks at once (temporary scalar stub). */
#ifndef RS_PHILOX_BATCH_H
#define RS_PHILOX_BATCH_H
#include <Random123/philox.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef enum rs_philox_path { RS_PHILOX_SCALAR, RS_PHILOX_AVX2, RS_PHILOX_AVX512 } rs_philox_path;
void rs_philox_blocks(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3);
#endif
