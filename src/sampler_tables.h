/* sampler_tables.h: a seat-week's Poisson counts from a table that gives,
 * for every 32-bit word, what rs_poisson_quantile gives, bit for bit; and
 * an opportunity's cycle in weeks as the model computes it.
 *
 * The table answers most words from thresholds on the word and proves its
 * answer (the proof is in sampler_tables.c); every word it cannot prove
 * goes to the exact function. tests/test_sampler_tables.c compares the two. */
#ifndef RAMPSIM_SAMPLER_TABLES_H
#define RAMPSIM_SAMPLER_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "rng.h"
#include "samplers.h"

/* ---- Poisson counts ------------------------------------------------------ */

/* Means [0, 30) in cells of 1/64, the range rs_poisson_quantile serves by
 * its recurrence (from 30 on it walks from the mode with GSL's CDF, and so
 * does rs_poisson_draw). A word falls back with probability 1/64 (the means'
 * spread within a cell) plus that of a count outside the cell's window. */
#define RS_POISSON_TABLE_SCALE 64.0
#define RS_POISSON_TABLE_END 30.0
#define RS_POISSON_TABLE_CELLS 1920
#define RS_POISSON_TABLE_WINDOW 15 /* counts a cell answers: k0 .. k0 + 14 */

/* One cell, two cache lines (128 bytes; the table is aligned on them).
 * For every mean of the cell, a word w >= above(j) has a uniform above the
 * cumulative probability of k0 + j - 1 (above(0) = 0 when k0 = 0), and a
 * word w < below[j] has one at or below that of k0 + j. So w with exactly
 * n thresholds of `above` at or below it, 1 <= n <= 15, and w < below[n -
 * 1] draws k0 + n - 1.
 *
 * The thresholds of `above` are kept with their top bit flipped, as signed
 * numbers: SSE2 compares only signed lanes, and an unsigned comparison
 * costs a flip of both sides, four of the table's a draw, where flipped
 * thresholds need only the word's (rs_poisson_cell_above undoes it). */
typedef struct rs_poisson_cell {
    union {
        int32_t above_flipped[RS_POISSON_TABLE_WINDOW + 1]; /* non-decreasing, as unsigned before the flip */
        rs_i32x4 above4[(RS_POISSON_TABLE_WINDOW + 1) / 4]; /* compared four at once */
    };
    uint32_t below[RS_POISSON_TABLE_WINDOW];
    uint32_t k0;
} rs_poisson_cell;

/* Unsigned and signed 32-bit numbers in the same order: the top bit
 * flipped. */
static inline int32_t rs_poisson_flip(uint32_t word)
{
    return (int32_t)(word ^ 0x80000000u);
}

/* Threshold j of a cell's `above`, as an unsigned word. */
static inline uint32_t rs_poisson_cell_above(const rs_poisson_cell *c, int j)
{
    return (uint32_t)c->above_flipped[j] ^ 0x80000000u;
}

/* The table, 1920 cells, 240 KiB, shared by the process: it depends on
 * the mean alone. Read-only once rs_poisson_table_init has returned; all
 * zero before, which sends every draw to the exact fallback. */
extern rs_poisson_cell rs_poisson_cells[RS_POISSON_TABLE_CELLS];

/* Builds the table (about a millisecond) the first time it is called; any
 * later call returns at once. Thread-safe (pthread_once): call it before
 * starting the threads that draw, or in each thread before its first draw.
 * A draw that runs while another thread's first call is building the table
 * is a data race. Cannot fail. */
void rs_poisson_table_init(void);

/* rs_poisson_quantile(mu, rs_uniform(word)), out of line: the fallback. */
unsigned rs_poisson_draw_exact(double mu, uint32_t word) __attribute__((cold));

/* The fast path alone: true, with the count in *k, when the table decides
 * the draw; false when the word is in an ambiguous band, the count is
 * outside the cell's window, or mu is not in [0, 30) (NaN included). */
static inline bool rs_poisson_table_lookup(double mu, uint32_t word, unsigned *k)
{
    if (!(mu >= 0.0 && mu < RS_POISSON_TABLE_END))
        return false;
    /* mu * 64 is exact and truncation is its floor: cell i holds the
     * means [i / 64, (i + 1) / 64) */
    const rs_poisson_cell *c = &rs_poisson_cells[(int)(mu * RS_POISSON_TABLE_SCALE)];
    /* n = 16 - the thresholds above the word (each comparison gives -1),
     * counted without branches: a search stopping at a random place would
     * mispredict about every other draw */
    int32_t flipped = rs_poisson_flip(word);
    rs_i32x4 w = {flipped, flipped, flipped, flipped};
    rs_i32x4 over = (c->above4[0] > w) + (c->above4[1] > w) + (c->above4[2] > w) + (c->above4[3] > w);
#ifdef __clang__
    over += __builtin_shufflevector(over, over, 2, 3, 0, 1);
    over += __builtin_shufflevector(over, over, 1, 0, 3, 2);
#else
    over += __builtin_shuffle(over, (rs_i32x4){2, 3, 0, 1});
    over += __builtin_shuffle(over, (rs_i32x4){1, 0, 3, 2});
#endif
    unsigned n = (unsigned)(RS_POISSON_TABLE_WINDOW + 1 + over[0]);
    if (n - 1u >= RS_POISSON_TABLE_WINDOW || word >= c->below[n - 1])
        return false;
    *k = c->k0 + n - 1;
    return true;
}

/* A Poisson count of mean mu drawn by the word: exactly
 * rs_poisson_quantile(mu, rs_uniform(word)) for every mu and word: mu <= 0
 * (including -0 and -infinity) gives 0; NaN, +infinity and means from 2^32
 * on go to rs_poisson_quantile, which is undefined for them (it converts
 * floor(mu) to unsigned), and the model never passes them. */
static inline unsigned rs_poisson_draw(double mu, uint32_t word)
{
    unsigned k;
    return rs_poisson_table_lookup(mu, word, &k) ? k : rs_poisson_draw_exact(mu, word);
}

/* ---- Cycle weeks ------------------------------------------------------- */

/* Weeks from an opportunity's creation to its close, as the model computes
 * them: ceil(mean_weeks * rs_quantile(t, rs_uniform(word))) when the cycle
 * has a shape (pipeline.cycle_cv > 0), ceil(mean_weeks) when not, at least
 * 1 (while mean_weeks * Q is below 2^31: the int conversion).
 *
 * There is no table for it. The mean is continuous and a rep's changes
 * between draws, so a table would have to cover a range of means, and the
 * words such a table leaves undecided are as many as the range is wide in
 * weeks (the sum over n of P(ceil(a Q) <= n < ceil(b Q)) is about b - a):
 * 1 in 50 needs cells of 0.02 weeks, 300 of them with dozens of thresholds
 * each for a 10-week cycle (over 100 KB against 64), and cells of
 * thousands at 260 weeks. What is left is the tails (1 draw in 16, ~20 ns against ~4 in
 * the centre): an estimate of them that proves its rounding (log(1 - u)
 * for log1p(-u), a polynomial for exp, a margin of 2^-30), exact on all
 * 2^32 words of the case tried, saved only 0.4 ns of a 7 ns draw, as
 * glibc's exp and log are as fast as the polynomial. So this is the
 * model's own computation, for the model to call where it draws a cycle. */
static inline int rs_cycle_weeks_round(double cycle_weeks)
{
    int weeks = (int)cycle_weeks;
    weeks += (double)weeks < cycle_weeks;
    return weeks > 1 ? weeks : 1;
}

static inline int rs_cycle_weeks_exact(const rs_quantile_table *t, bool shape_positive, double mean_weeks,
                                       uint32_t word)
{
    return rs_cycle_weeks_round(shape_positive ? mean_weeks * rs_quantile(t, rs_uniform(word)) : mean_weeks);
}

#endif
