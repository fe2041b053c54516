/* philox_batch.h: many Philox4x32-10 blocks at once, with SIMD.
 *
 * The model draws a week's blocks in batches: one block at a time costs
 * Philox's latency (about 11-17 ns a block), whereas 8 lanes (AVX2) or 16
 * lanes (AVX-512) computed side by side cost about 2-3 ns a block. Every
 * path gives exactly Random123's philox4x32 numbers, so which one a CPU
 * takes never changes a result. The vector code is compiled for its target
 * function by function, so the project needs no special compiler flags
 * and runs on a CPU without AVX2 (the scalar path). */
#ifndef RAMPSIM_PHILOX_BATCH_H
#define RAMPSIM_PHILOX_BATCH_H

#include <Random123/philox.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ways to compute a batch, slowest first. */
typedef enum rs_philox_path {
    RS_PHILOX_SCALAR, /* Random123's philox4x32, block by block: any CPU */
    RS_PHILOX_AVX2,   /* 8 blocks at once in 256-bit registers */
    RS_PHILOX_AVX512  /* 16 blocks at once in 512-bit registers (AVX-512F) */
} rs_philox_path;

/* Computes n blocks in place, as a structure of arrays: on entry w0[j],
 * w1[j], w2[j], w3[j] hold block j's counter words v[0..3]; on return they
 * hold philox4x32(ctr_j, key).v[0..3]. Any n >= 0 (with n == 0 the arrays
 * may be NULL); no alignment is required; the four arrays must not
 * overlap. Only words [0, n) of each array are read or written. Uses the
 * fastest path this CPU supports, chosen at the first call (thread-safe).
 * Cannot fail; allocates nothing. */
void rs_philox_blocks(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3);

/* Arrays given to rs_philox_blocks_padded hold n rounded up to a multiple
 * of this. */
#define RS_PHILOX_PAD 8

/* n rounded up to a multiple of RS_PHILOX_PAD: the room those arrays need. */
static inline size_t rs_philox_padded(size_t n)
{
    return (n + RS_PHILOX_PAD - 1) / RS_PHILOX_PAD * RS_PHILOX_PAD;
}

/* rs_philox_blocks for arrays with room past n: the vector paths compute
 * whole vectors, up to RS_PHILOX_PAD - 1 blocks past n, whose words are
 * left unspecified (they must hold initialised values on entry). A partial
 * vector's masked loads and stores cost about a quarter of a call, which a
 * team's batch of a few blocks pays every week. Words [0, n) are exactly
 * rs_philox_blocks's. */
void rs_philox_blocks_padded(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2,
                             uint32_t *w3);

/* The same on the given path, for the tests and the benchmark. The path
 * must be one rs_philox_path_supported accepts: an unsupported one stops
 * the program with an illegal instruction (a value outside the enum takes
 * the scalar path). */
void rs_philox_blocks_on(rs_philox_path path, philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1,
                         uint32_t *w2, uint32_t *w3);

/* True when this CPU, and the operating system (which must save the wider
 * registers), support the path; always true for RS_PHILOX_SCALAR, false
 * for a value outside the enum. */
bool rs_philox_path_supported(rs_philox_path path);

/* rs_philox_blocks_padded on the given path, as rs_philox_blocks_on. */
void rs_philox_blocks_padded_on(rs_philox_path path, philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1,
                                uint32_t *w2, uint32_t *w3);

/* The path rs_philox_blocks uses: the fastest supported one. */
rs_philox_path rs_philox_path_in_use(void);

/* "scalar", "avx2" or "avx512" (a static string); "unknown" for a value
 * outside the enum. */
const char *rs_philox_path_name(rs_philox_path path);

#endif
