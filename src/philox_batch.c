/* philox_batch.c: Philox4x32-10 on many blocks at once (philox_batch.h),
 * with the AVX2 and AVX-512 paths chosen at run time.
 *
 * The vector paths are Random123's philox.h transcribed lane by lane: the
 * same multipliers (PHILOX_M4x32_0/1), the same key bumps
 * (PHILOX_W32_0/1) before rounds 2 to 10, the same word order. Each is
 * compiled for its instruction set through a target attribute, so the rest
 * of the project keeps the default flags and a CPU without AVX2 never
 * runs an instruction it lacks. */
#include "philox_batch.h"

#include <pthread.h>

#if defined(__x86_64__) || defined(__i386__)
#define RS_PHILOX_X86 1
#include <immintrin.h>
#else
#define RS_PHILOX_X86 0
#endif

/* Random123's own code, block by block: the reference every path equals. */
static void rs_philox_scalar(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2,
                             uint32_t *w3)
{
    for (size_t j = 0; j < n; j++) {
        philox4x32_ctr_t ctr = {{w0[j], w1[j], w2[j], w3[j]}};
        philox4x32_ctr_t out = philox4x32(ctr, key);
        w0[j] = out.v[0];
        w1[j] = out.v[1];
        w2[j] = out.v[2];
        w3[j] = out.v[3];
    }
}

#if RS_PHILOX_X86

#define RS_AVX2 __attribute__((target("avx2")))
#define RS_AVX512 __attribute__((target("avx512f")))

/* The multiply of mulhilo32 in 8 lanes: _mm256_mul_epu32 multiplies the
 * even lanes into 64-bit products, so the odd lanes are shifted down to be
 * multiplied too; the halves of the products are then blended back into
 * lanes (m holds the multiplier in every lane). */
RS_AVX2 static inline __m256i rs_mulhilo8(__m256i a, __m256i m, __m256i *lo)
{
    __m256i even = _mm256_mul_epu32(a, m);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
    *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xaa);
    return _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xaa);
}

/* One round of _philox4x32round in 8 lanes. */
RS_AVX2 static inline void rs_round8(__m256i x[4], __m256i k0, __m256i k1)
{
    const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M4x32_0), m1 = _mm256_set1_epi32((int)PHILOX_M4x32_1);
    __m256i lo0, lo1;
    __m256i hi0 = rs_mulhilo8(x[0], m0, &lo0);
    __m256i hi1 = rs_mulhilo8(x[2], m1, &lo1);
    x[0] = _mm256_xor_si256(_mm256_xor_si256(hi1, x[1]), k0);
    x[1] = lo1;
    x[2] = _mm256_xor_si256(_mm256_xor_si256(hi0, x[3]), k1);
    x[3] = lo0;
}

/* philox4x32_R(10, ...) on 8 counters, word i of each in x[i]. */
RS_AVX2 static inline void rs_philox8(__m256i x[4], philox4x32_key_t key)
{
    const __m256i bump0 = _mm256_set1_epi32((int)PHILOX_W32_0), bump1 = _mm256_set1_epi32((int)PHILOX_W32_1);
    __m256i k0 = _mm256_set1_epi32((int)key.v[0]), k1 = _mm256_set1_epi32((int)key.v[1]);
    rs_round8(x, k0, k1);
    for (int r = 1; r < philox4x32_rounds; r++) {
        k0 = _mm256_add_epi32(k0, bump0);
        k1 = _mm256_add_epi32(k1, bump1);
        rs_round8(x, k0, k1);
    }
}

/* Whole vectors of 8, then the last 1 to 7 blocks with masked loads and
 * stores, which neither read nor write (nor fault on) the lanes left out. */
RS_AVX2 static void rs_philox_avx2(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2,
                                   uint32_t *w3)
{
    uint32_t *w[4] = {w0, w1, w2, w3};
    size_t j = 0;
    __m256i x[4];
    for (; j + 8 <= n; j += 8) {
        for (int i = 0; i < 4; i++)
            x[i] = _mm256_loadu_si256((const __m256i *)(w[i] + j));
        rs_philox8(x, key);
        for (int i = 0; i < 4; i++)
            _mm256_storeu_si256((__m256i *)(w[i] + j), x[i]);
    }
    if (j == n)
        return;
    __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - j)), lanes);
    for (int i = 0; i < 4; i++)
        x[i] = _mm256_maskload_epi32((const int *)(w[i] + j), mask);
    rs_philox8(x, key);
    for (int i = 0; i < 4; i++)
        _mm256_maskstore_epi32((int *)(w[i] + j), mask, x[i]);
}

/* The same multiply in 16 lanes (mask 0xaaaa: the odd lanes). */
RS_AVX512 static inline __m512i rs_mulhilo16(__m512i a, __m512i m, __m512i *lo)
{
    __m512i even = _mm512_mul_epu32(a, m);
    __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);
    *lo = _mm512_mask_blend_epi32(0xaaaa, even, _mm512_slli_epi64(odd, 32));
    return _mm512_mask_blend_epi32(0xaaaa, _mm512_srli_epi64(even, 32), odd);
}

/* rs_round8 and rs_philox8 in 16 lanes. */
RS_AVX512 static inline void rs_round16(__m512i x[4], __m512i k0, __m512i k1)
{
    const __m512i m0 = _mm512_set1_epi32((int)PHILOX_M4x32_0), m1 = _mm512_set1_epi32((int)PHILOX_M4x32_1);
    __m512i lo0, lo1;
    __m512i hi0 = rs_mulhilo16(x[0], m0, &lo0);
    __m512i hi1 = rs_mulhilo16(x[2], m1, &lo1);
    x[0] = _mm512_xor_si512(_mm512_xor_si512(hi1, x[1]), k0);
    x[1] = lo1;
    x[2] = _mm512_xor_si512(_mm512_xor_si512(hi0, x[3]), k1);
    x[3] = lo0;
}

RS_AVX512 static inline void rs_philox16(__m512i x[4], philox4x32_key_t key)
{
    const __m512i bump0 = _mm512_set1_epi32((int)PHILOX_W32_0), bump1 = _mm512_set1_epi32((int)PHILOX_W32_1);
    __m512i k0 = _mm512_set1_epi32((int)key.v[0]), k1 = _mm512_set1_epi32((int)key.v[1]);
    rs_round16(x, k0, k1);
    for (int r = 1; r < philox4x32_rounds; r++) {
        k0 = _mm512_add_epi32(k0, bump0);
        k1 = _mm512_add_epi32(k1, bump1);
        rs_round16(x, k0, k1);
    }
}

/* Whole vectors of 16, then the last 1 to 15 blocks: up to 8 of them on
 * the AVX2 path (every CPU with AVX-512 has AVX2), whose 8 lanes cost half
 * a vector of 16 (a team of 8 draws 8 seat-weeks a week), the rest under a
 * lane mask. */
RS_AVX512 static void rs_philox_avx512(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2,
                                       uint32_t *w3)
{
    uint32_t *w[4] = {w0, w1, w2, w3};
    size_t j = 0;
    __m512i x[4];
    for (; j + 16 <= n; j += 16) {
        for (int i = 0; i < 4; i++)
            x[i] = _mm512_loadu_si512(w[i] + j);
        rs_philox16(x, key);
        for (int i = 0; i < 4; i++)
            _mm512_storeu_si512(w[i] + j, x[i]);
    }
    if (j == n)
        return;
    if (n - j <= 8) {
        rs_philox_avx2(key, n - j, w0 + j, w1 + j, w2 + j, w3 + j);
        return;
    }
    __mmask16 mask = (__mmask16)((1u << (n - j)) - 1);
    for (int i = 0; i < 4; i++)
        x[i] = _mm512_maskz_loadu_epi32(mask, w[i] + j);
    rs_philox16(x, key);
    for (int i = 0; i < 4; i++)
        _mm512_mask_storeu_epi32(w[i] + j, mask, x[i]);
}

#endif /* RS_PHILOX_X86 */

bool rs_philox_path_supported(rs_philox_path path)
{
    switch (path) {
    case RS_PHILOX_SCALAR:
        return true;
#if RS_PHILOX_X86
    /* libgcc's answers include the operating system's (XGETBV): a CPU
     * with AVX-512 under a system that does not save its registers
     * reports no avx512f. */
    case RS_PHILOX_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2");
    case RS_PHILOX_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f");
#endif
    default:
        return false;
    }
}

static pthread_once_t rs_philox_once = PTHREAD_ONCE_INIT;
static rs_philox_path rs_philox_best = RS_PHILOX_SCALAR;

static void rs_philox_choose(void)
{
    if (rs_philox_path_supported(RS_PHILOX_AVX512))
        rs_philox_best = RS_PHILOX_AVX512;
    else if (rs_philox_path_supported(RS_PHILOX_AVX2))
        rs_philox_best = RS_PHILOX_AVX2;
    else
        rs_philox_best = RS_PHILOX_SCALAR;
}

rs_philox_path rs_philox_path_in_use(void)
{
    pthread_once(&rs_philox_once, rs_philox_choose);
    return rs_philox_best;
}

const char *rs_philox_path_name(rs_philox_path path)
{
    switch (path) {
    case RS_PHILOX_SCALAR:
        return "scalar";
    case RS_PHILOX_AVX2:
        return "avx2";
    case RS_PHILOX_AVX512:
        return "avx512";
    }
    return "unknown";
}

void rs_philox_blocks_on(rs_philox_path path, philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1,
                         uint32_t *w2, uint32_t *w3)
{
    switch (path) {
#if RS_PHILOX_X86
    case RS_PHILOX_AVX2:
        rs_philox_avx2(key, n, w0, w1, w2, w3);
        return;
    case RS_PHILOX_AVX512:
        rs_philox_avx512(key, n, w0, w1, w2, w3);
        return;
#endif
    default:
        rs_philox_scalar(key, n, w0, w1, w2, w3);
        return;
    }
}

void rs_philox_blocks_padded_on(rs_philox_path path, philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1,
                                uint32_t *w2, uint32_t *w3)
{
    /* whole vectors of 8 on both vector paths: the AVX-512 path hands a
     * tail of 8 to the AVX2 kernel, which takes it unmasked */
    size_t whole = path == RS_PHILOX_SCALAR ? n : rs_philox_padded(n);
    rs_philox_blocks_on(path, key, whole, w0, w1, w2, w3);
}

void rs_philox_blocks_padded(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2,
                             uint32_t *w3)
{
    rs_philox_blocks_padded_on(rs_philox_path_in_use(), key, n, w0, w1, w2, w3);
}

void rs_philox_blocks(philox4x32_key_t key, size_t n, uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3)
{
    rs_philox_blocks_on(rs_philox_path_in_use(), key, n, w0, w1, w2, w3);
}
