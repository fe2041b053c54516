/* test_philox_batch.c: every path of the batched Philox gives Random123's
 * philox4x32 word for word, for every batch length, touching only the
 * words of the batch; the dispatch takes a supported path. A path this CPU
 * lacks is reported as skipped. */
#include "testutil.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "philox_batch.h"
#include "rng.h"

/* The lengths: empty, below, at and around one and two vectors of 8 and of
 * 16 lanes, and long batches with a tail. */
static const size_t lengths[] = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000};
#define N_LENGTHS (sizeof lengths / sizeof lengths[0])
#define MAX_N 1000
/* Guard words either side of an array: wider than a vector of 16 lanes. */
#define GUARD 32

static const rs_philox_path paths[] = {RS_PHILOX_SCALAR, RS_PHILOX_AVX2, RS_PHILOX_AVX512};

/* A well-mixed 32-bit hash (lowbias32), for counters without pattern. */
static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

/* Counters of high entropy, among them, at every lane position in turn:
 * all ones, all zeros, words with the top bit set, and counters equal to
 * the one before except in one word. */
static void fill_counters(size_t n, uint32_t salt, uint32_t *w[4])
{
    for (size_t j = 0; j < n; j++) {
        for (int i = 0; i < 4; i++)
            w[i][j] = mix((uint32_t)(4 * j + (size_t)i) ^ salt);
        switch ((j + salt) % 7) {
        case 1:
            for (int i = 0; i < 4; i++)
                w[i][j] = 0xffffffffu;
            break;
        case 2:
            for (int i = 0; i < 4; i++)
                w[i][j] = 0;
            break;
        case 3:
            for (int i = 0; i < 4; i++)
                w[i][j] |= 0x80000000u;
            break;
        case 5:
            if (j > 0) {
                for (int i = 0; i < 4; i++)
                    w[i][j] = w[i][j - 1];
                w[j % 4][j] ^= 1u << (j % 32);
            }
            break;
        }
    }
}

/* The keys: a seed of the model's, zero, all ones, and two halves with
 * their top bits apart. */
static philox4x32_key_t key_number(int k)
{
    philox4x32_key_t odd = {{0x80000001u, 0x7fffffffu}};
    switch (k) {
    case 0:
        return rs_rng_key(2385);
    case 1:
        return rs_rng_key(0);
    case 2:
        return rs_rng_key(UINT64_MAX);
    default:
        return odd;
    }
}
#define N_KEYS 4

/* Asserts that out (computed in place from in) holds philox4x32 of each
 * of its n counters, naming the first word that differs. */
static void assert_random123(rs_philox_path path, philox4x32_key_t key, size_t n, uint32_t *const in[4],
                             uint32_t *const out[4])
{
    for (size_t j = 0; j < n; j++) {
        philox4x32_ctr_t ctr = {{in[0][j], in[1][j], in[2][j], in[3][j]}};
        philox4x32_ctr_t want = philox4x32(ctr, key);
        for (int i = 0; i < 4; i++) {
            if (out[i][j] != want.v[i])
                fail_msg("%s, n = %zu: block %zu word %d is %#x, Random123 gives %#x", rs_philox_path_name(path),
                         n, j, i, out[i][j], want.v[i]);
        }
    }
}

/* The state of a test of one path: that path. Skips it, saying so, where
 * this CPU lacks it. */
static rs_philox_path path_of(void **state)
{
    rs_philox_path path = *(const rs_philox_path *)*state;
    if (!rs_philox_path_supported(path)) {
        print_message("%s is not supported here: skipped\n", rs_philox_path_name(path));
        skip();
    }
    return path;
}

/* Random123's published known answers (tests/kat_vectors, the three
 * "philox4x32 10" lines), each at every lane position of a batch of 33
 * so that the first vector, the second and the tail all carry it. */
static void test_known_answers(void **state)
{
    rs_philox_path path = path_of(state);
    static const struct {
        uint32_t ctr[4], key[2], out[4];
    } kat[] = {
        {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
         {0xffffffff, 0xffffffff},
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
         {0xa4093822, 0x299f31d0},
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    enum { BATCH = 33 };
    for (size_t k = 0; k < sizeof kat / sizeof kat[0]; k++) {
        philox4x32_key_t key = {{kat[k].key[0], kat[k].key[1]}};
        philox4x32_ctr_t ctr = {{kat[k].ctr[0], kat[k].ctr[1], kat[k].ctr[2], kat[k].ctr[3]}};
        /* Random123 itself, the reference of the other tests */
        assert_memory_equal(philox4x32(ctr, key).v, kat[k].out, sizeof kat[k].out);
        uint32_t w[4][BATCH];
        for (size_t j = 0; j < BATCH; j++)
            for (int i = 0; i < 4; i++)
                w[i][j] = kat[k].ctr[i];
        rs_philox_blocks_on(path, key, BATCH, w[0], w[1], w[2], w[3]);
        for (size_t j = 0; j < BATCH; j++)
            for (int i = 0; i < 4; i++)
                assert_int_equal(w[i][j], kat[k].out[i]);
        uint32_t one[4] = {kat[k].ctr[0], kat[k].ctr[1], kat[k].ctr[2], kat[k].ctr[3]};
        rs_philox_blocks_on(path, key, 1, &one[0], &one[1], &one[2], &one[3]);
        assert_memory_equal(one, kat[k].out, sizeof one);
    }
}

/* Every length and every key, on counters of every kind. */
static void test_equals_random123(void **state)
{
    rs_philox_path path = path_of(state);
    static uint32_t in[4][MAX_N], out[4][MAX_N];
    uint32_t *inp[4] = {in[0], in[1], in[2], in[3]}, *outp[4] = {out[0], out[1], out[2], out[3]};
    for (int k = 0; k < N_KEYS; k++) {
        for (size_t l = 0; l < N_LENGTHS; l++) {
            size_t n = lengths[l];
            fill_counters(n, (uint32_t)(k * 7919 + (int)l), inp);
            memcpy(out, in, sizeof in);
            rs_philox_blocks_on(path, key_number(k), n, out[0], out[1], out[2], out[3]);
            assert_random123(path, key_number(k), n, inp, outp);
        }
    }
}

/* Fills the guard words around the batch of each array with a pattern
 * that depends on seed. */
static void fill_guards(uint32_t (*buf)[GUARD + MAX_N + GUARD], size_t n, uint32_t seed)
{
    for (int i = 0; i < 4; i++) {
        for (size_t g = 0; g < GUARD; g++) {
            buf[i][g] = mix(seed + (uint32_t)(i * 1000 + (int)g));
            buf[i][GUARD + n + g] = mix(~seed - (uint32_t)(i * 1000 + (int)g));
        }
    }
}

/* Only the words of the batch are written, and the words around them,
 * whatever they hold, change nothing in it. */
static void test_touches_only_the_batch(void **state)
{
    rs_philox_path path = path_of(state);
    static uint32_t buf[4][GUARD + MAX_N + GUARD], in[4][MAX_N], first[4][MAX_N];
    uint32_t *inp[4] = {in[0], in[1], in[2], in[3]};
    philox4x32_key_t key = rs_rng_key(2385);
    for (size_t l = 0; l < N_LENGTHS; l++) {
        size_t n = lengths[l];
        fill_counters(n, (uint32_t)l, inp);
        for (uint32_t seed = 1; seed <= 2; seed++) {
            fill_guards(buf, n, seed);
            for (int i = 0; i < 4; i++)
                memcpy(buf[i] + GUARD, in[i], n * sizeof in[i][0]);
            rs_philox_blocks_on(path, key, n, buf[0] + GUARD, buf[1] + GUARD, buf[2] + GUARD, buf[3] + GUARD);
            uint32_t *outp[4] = {buf[0] + GUARD, buf[1] + GUARD, buf[2] + GUARD, buf[3] + GUARD};
            assert_random123(path, key, n, inp, outp);
            static uint32_t want[4][GUARD + MAX_N + GUARD];
            memcpy(want, buf, sizeof buf);
            fill_guards(want, n, seed);
            assert_memory_equal(buf, want, sizeof buf);
            for (int i = 0; seed == 1 && i < 4; i++)
                memcpy(first[i], outp[i], n * sizeof first[i][0]);
            for (int i = 0; seed == 2 && i < 4; i++)
                assert_memory_equal(first[i], outp[i], n * sizeof first[i][0]);
        }
    }
}

/* The padded call: blocks [0, n) are Random123's, on heap arrays of
 * exactly n rounded up to RS_PHILOX_PAD (so that a write past the room
 * shows under the sanitizers or valgrind), and the scalar path writes
 * nothing past n. */
static void test_padded(void **state)
{
    rs_philox_path path = path_of(state);
    philox4x32_key_t key = rs_rng_key(0x5eed);
    for (size_t n = 0; n <= 3 * 16 + 1; n++) {
        size_t room = (n + RS_PHILOX_PAD - 1) / RS_PHILOX_PAD * RS_PHILOX_PAD;
        uint32_t *in[4], *out[4];
        for (int i = 0; i < 4; i++) {
            in[i] = calloc(room > 0 ? room : 1, sizeof *in[i]);
            out[i] = calloc(room > 0 ? room : 1, sizeof *out[i]);
            assert_non_null(in[i]);
            assert_non_null(out[i]);
        }
        fill_counters(n, (uint32_t)n, in);
        for (int i = 0; i < 4; i++)
            for (size_t j = 0; j < room; j++)
                out[i][j] = j < n ? in[i][j] : 0xdeadbeefu;
        rs_philox_blocks_padded_on(path, key, n, out[0], out[1], out[2], out[3]);
        assert_random123(path, key, n, in, out);
        for (int i = 0; path == RS_PHILOX_SCALAR && i < 4; i++)
            for (size_t j = n; j < room; j++)
                assert_int_equal(out[i][j], 0xdeadbeefu);
        for (int i = 0; i < 4; i++) {
            free(in[i]);
            free(out[i]);
        }
    }
}

/* Arrays of exactly n words on the heap, so that a read or write past
 * either end shows under the sanitizers or valgrind. */
static void test_exact_heap_arrays(void **state)
{
    rs_philox_path path = path_of(state);
    philox4x32_key_t key = rs_rng_key(UINT64_MAX);
    for (size_t l = 0; l < N_LENGTHS; l++) {
        size_t n = lengths[l];
        if (n == 0)
            continue;
        uint32_t *in[4], *out[4];
        for (int i = 0; i < 4; i++) {
            in[i] = malloc(n * sizeof *in[i]);
            out[i] = malloc(n * sizeof *out[i]);
            assert_non_null(in[i]);
            assert_non_null(out[i]);
        }
        fill_counters(n, (uint32_t)(l + 99), in);
        for (int i = 0; i < 4; i++)
            memcpy(out[i], in[i], n * sizeof *in[i]);
        rs_philox_blocks_on(path, key, n, out[0], out[1], out[2], out[3]);
        assert_random123(path, key, n, in, out);
        for (int i = 0; i < 4; i++) {
            free(in[i]);
            free(out[i]);
        }
    }
    /* an empty batch reads nothing, not even its pointers */
    rs_philox_blocks_on(path, key, 0, NULL, NULL, NULL, NULL);
}

/* Reports which paths this CPU has and which one is in use (a run under
 * valgrind, which hides AVX-512, shows avx2 here); the one in use is
 * supported and gives what it gives when asked by name. */
static void test_dispatch(void **state)
{
    (void)state;
    rs_philox_path in_use = rs_philox_path_in_use();
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++)
        print_message("%s: %s\n", rs_philox_path_name(paths[p]),
                      rs_philox_path_supported(paths[p]) ? "supported" : "not supported");
    print_message("in use: %s\n", rs_philox_path_name(in_use));
    assert_true(rs_philox_path_supported(in_use));
    assert_true(rs_philox_path_supported(RS_PHILOX_SCALAR));
    assert_false(rs_philox_path_supported((rs_philox_path)99));
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++)
        if (rs_philox_path_supported(paths[p]))
            assert_true(paths[p] <= in_use);
    assert_string_equal(rs_philox_path_name(RS_PHILOX_SCALAR), "scalar");
    assert_string_equal(rs_philox_path_name(RS_PHILOX_AVX2), "avx2");
    assert_string_equal(rs_philox_path_name(RS_PHILOX_AVX512), "avx512");
    assert_string_equal(rs_philox_path_name((rs_philox_path)99), "unknown");

    static uint32_t a[4][MAX_N], b[4][MAX_N];
    uint32_t *ap[4] = {a[0], a[1], a[2], a[3]};
    fill_counters(MAX_N - 3, 5, ap);
    memcpy(b, a, sizeof a);
    philox4x32_key_t key = rs_rng_key(2385);
    rs_philox_blocks(key, MAX_N - 3, a[0], a[1], a[2], a[3]);
    rs_philox_blocks_on(in_use, key, MAX_N - 3, b[0], b[1], b[2], b[3]);
    assert_memory_equal(a, b, sizeof a);
}

/* Threads computing batches at once, each its own, all get Random123's
 * numbers: the path is chosen once and nothing else is shared. */
typedef struct thread_job {
    uint32_t salt;
    bool ok;
} thread_job;

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    uint32_t in[4][MAX_N / 4], out[4][MAX_N / 4];
    uint32_t *inp[4] = {in[0], in[1], in[2], in[3]};
    philox4x32_key_t key = rs_rng_key(2385 + job->salt);
    job->ok = true;
    for (int round = 0; round < 20; round++) {
        fill_counters(MAX_N / 4, job->salt * 100 + (uint32_t)round, inp);
        memcpy(out, in, sizeof in);
        rs_philox_blocks(key, MAX_N / 4, out[0], out[1], out[2], out[3]);
        for (size_t j = 0; j < MAX_N / 4; j++) {
            philox4x32_ctr_t ctr = {{in[0][j], in[1][j], in[2][j], in[3][j]}};
            philox4x32_ctr_t want = philox4x32(ctr, key);
            for (int i = 0; i < 4; i++)
                job->ok = job->ok && out[i][j] == want.v[i];
        }
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    pthread_t threads[THREADS];
    thread_job jobs[THREADS];
    /* the threads started are joined before any assertion, which would
     * leave the test while they still write to jobs */
    int started = 0;
    for (; started < THREADS; started++) {
        jobs[started].salt = (uint32_t)started;
        if (pthread_create(&threads[started], NULL, thread_main, &jobs[started]) != 0)
            break;
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    assert_int_equal(started, THREADS);
    for (int t = 0; t < THREADS; t++)
        assert_true(jobs[t].ok);
}

/* One test per path, named after it: "test_known_answers/avx2". */
#define ON_PATH(f, p, label)                                                                                \
    {.name = #f "/" label, .test_func = f, .initial_state = (void *)&paths[p]}
#define ON_EVERY_PATH(f) ON_PATH(f, 0, "scalar"), ON_PATH(f, 1, "avx2"), ON_PATH(f, 2, "avx512")

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first, so that the threads race to choose the path */
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_dispatch),
        ON_EVERY_PATH(test_known_answers),
        ON_EVERY_PATH(test_equals_random123),
        ON_EVERY_PATH(test_touches_only_the_batch),
        ON_EVERY_PATH(test_exact_heap_arrays),
        ON_EVERY_PATH(test_padded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
