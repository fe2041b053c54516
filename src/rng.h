/* rng.h: counter-based random streams (docs/model.md, "Randomness").
 *
 * Every draw of the model comes from a Philox4x32-10 stream (Random123) keyed
 * by the master seed and counted by (replication, purpose, seat, week,
 * index). A stream is a sequence of 32-bit words, four per Philox block; the
 * model reads each quantity at a fixed position of the stream that its
 * meaning selects, so:
 * - results depend only on (seed, replication), never on threads;
 * - two scenarios draw the same numbers for the same thing (common random
 *   numbers), however differently they use them.
 * The functions are inline: they are the innermost code of the simulation. */
#ifndef RAMPSIM_RNG_H
#define RAMPSIM_RNG_H

#include <Random123/philox.h>
#include <stdint.h>

/* What a stream is for; part of the counter, so never renumber these:
 * doing so changes every result for a given seed. */
typedef enum rs_purpose {
    RS_RNG_SEAT_WEEK = 1, /* a seat's week: departure, opportunities, lost leads */
    RS_RNG_SKILL = 2,     /* skill of the rep hired into this seat this week */
    RS_RNG_DEAL = 3,      /* opportunity `index` of a seat's week: win, value, cycle */
    RS_RNG_RAMP_FACTOR = 4, /* ramp-time factor of the rep hired into this seat this week */
    RS_RNG_REVIEW = 5,    /* the exit draw of a seat's early review this week */
    RS_RNG_INPUT = 6,     /* an uncertain key's value: replication = the draw of the inputs, seat = the key */
    RS_RNG_TEST = 15      /* reserved for tests and benchmarks */
} rs_purpose;

/* Positions in a seat's weekly stream: one Philox block. */
enum {
    RS_WORD_DEPARTURE = 0,     /* does the rep leave this week? */
    RS_WORD_OPPORTUNITIES = 1, /* how many leads become opportunities */
    RS_WORD_LOST_LEADS = 2     /* how many do not */
};

/* Positions in an opportunity's block. */
enum { RS_WORD_WIN = 0, RS_WORD_VALUE = 1, RS_WORD_CYCLE = 2 };

/* The week coordinate of the draws made for the veterans a replication
 * starts with, outside any simulated week. */
#define RS_RNG_INITIAL_WEEK (-32768)

/* The high index bits in the last counter word; the block count below. */
#define RS_STREAM_INDEX_HIGH 0xffff0000u

typedef struct rs_stream {
    philox4x32_ctr_t ctr;   /* the last word counts blocks within the stream */
    philox4x32_key_t key;
    philox4x32_ctr_t block; /* the current block's four words */
    unsigned used;          /* words of `block` already read */
} rs_stream;

/* The key every stream of a run shares: the 64-bit seed. */
static inline philox4x32_key_t rs_rng_key(uint64_t seed)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    return key;
}

/* Four words as one vector (GCC's and Clang's vector extension; SSE2 on
 * x86-64), for code that handles words four at a time. */
typedef uint32_t rs_u32x4 __attribute__((vector_size(16)));
typedef int32_t rs_i32x4 __attribute__((vector_size(16)));

/* The counter of a stream's first block: rs_stream_start positions a
 * stream there, and the week's batches (week_draws.h) compute first
 * blocks from it. week >= RS_RNG_INITIAL_WEEK,
 * seat < 4096, any 32-bit index. The index's low 16 bits share a word
 * with the week; its high 16 bits sit above the block count in the last
 * word (a stream never needs 65,536 blocks), so that indices below 65,536
 * keep the counters, and the numbers, they have always had. */
static inline philox4x32_ctr_t rs_stream_counter(uint32_t replication, rs_purpose purpose, unsigned seat, int week,
                                                 uint32_t index)
{
    philox4x32_ctr_t ctr = {{replication, ((uint32_t)purpose << 28) | ((uint32_t)seat & 0x0fffffffu),
                             ((uint32_t)(week - RS_RNG_INITIAL_WEEK) & 0xffffu) | (index << 16),
                             index & RS_STREAM_INDEX_HIGH}};
    return ctr;
}

static inline void rs_stream_start(rs_stream *s, philox4x32_key_t key, uint32_t replication, rs_purpose purpose,
                                   unsigned seat, int week, uint32_t index)
{
    s->ctr = rs_stream_counter(replication, purpose, seat, week, index);
    s->key = key;
    s->used = 4;
}

/* Computes the stream's next block (kept out of line, so that the common
 * case below stays small enough to inline). */
void rs_stream_refill(rs_stream *s);

/* The next 32-bit word of the stream. */
static inline uint32_t rs_stream_word(rs_stream *s)
{
    if (s->used == 4)
        rs_stream_refill(s);
    return s->block.v[s->used++];
}

/* Skips to word `position` of the stream (forward only). */
static inline void rs_stream_seek(rs_stream *s, uint32_t position)
{
    uint32_t block = position / 4, word = position % 4;
    uint32_t count = s->ctr.v[3] & ~RS_STREAM_INDEX_HIGH;
    uint32_t current = s->used == 4 ? count : count - 1;
    if (s->used == 4 || block != current) {
        s->ctr.v[3] = (s->ctr.v[3] & RS_STREAM_INDEX_HIGH) | block;
        rs_stream_refill(s);
    }
    s->used = word;
}

/* A word as a uniform on the open interval (0, 1): the centre of one of
 * 2^32 cells, never 0 and never 1. */
static inline double rs_uniform(uint32_t word)
{
    return ((double)word + 0.5) * (1.0 / 4294967296.0);
}

static inline double rs_stream_uniform(rs_stream *s)
{
    return rs_uniform(rs_stream_word(s));
}

#endif
