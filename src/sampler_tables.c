/* sampler_tables.c: the Poisson table, and why it gives what
 * rs_poisson_quantile gives (see sampler_tables.h). */
#include "sampler_tables.h"

#include <math.h>
#include <pthread.h>

/* ---- Poisson counts ------------------------------------------------------
 *
 * Why a cell's answer is rs_poisson_quantile's.
 *
 * For 0 < mu < 30, rs_poisson_quantile (search_from_zero in samplers.c)
 * computes c_0 = p_0 = exp(-mu), p_k = p_{k-1} (mu (1/k)), c_k = c_{k-1} +
 * p_k, and returns the first k with u <= c_k. (It would also stop where
 * p_k underflows to 0, but that needs 1 - F < 1e-300, while u <= 1 - 2^-33.)
 * Adding a positive term never lowers a sum, so the c_k never decrease in
 * k and the draw is k exactly when u > c_{k-1} (or k = 0) and u <= c_k.
 * mu = 0 and -0 return 0 before the search, as the search would (c_0 = 1).
 *
 * 1. The true F(k; mu) = P(X <= k) decreases in mu: dF/dmu = -P(X = k).
 * 2. The computed c_k(mu) is within E = (4k + 2) eps (1.02) of F(k; mu),
 *    eps = 2^-53: p_0 is exp's (glibc's bound: 1 ulp, 2 eps); each step
 *    rounds 1/k, mu (1/k) and the product, so p_k is within (3k + 2) eps
 *    (1.01) of P(X = k) relatively; a recursive sum of k + 1 positive terms
 *    adds at most k eps (1.01) of itself (Higham, "Accuracy and Stability
 *    of Numerical Algorithms", 4.2). Cells answer k < 64 only: E < 3e-14.
 * 3. A cell [a, b) takes its thresholds from g_k(a) and g_k(b), the same
 *    recurrence at its ends (each within E of F, however it rounds), moved
 *    by one word, 2^-32 = 2.3e-10, more than 2E by a factor of 3,000 (it
 *    would still hold if exp erred by 1,000 ulps):
 *    above = 1 + the first word whose uniform exceeds g_k(a), so for w >=
 *      above, u(w) > g_k(a) + 2^-32 >= F(k; a) + E >= F(k; mu) + E >=
 *      c_k(mu) for every mu in [a, b];
 *    below = the number of words whose uniform is at most g_k(b), minus 1,
 *      so for w < below, u(w) <= g_k(b) - 2^-32 <= F(k; b) - E <= F(k; mu)
 *      - E <= c_k(mu).
 * So the exact search passes every k whose `above` w reaches and stops at
 * the first k whose `below` w stays under. A threshold beyond the last
 * word is stored as 2^32 - 1, which sends that word to the fallback (it
 * is never below a `below`). The cost of the margin is 2 words in 2^32 per
 * threshold; the rest of the fallbacks are the band between a cell's ends,
 * F(k; a) - F(k; b) summed over k, which is b - a = 1/64 (the sum over k
 * of 1 - F(k; mu) is mu), and counts outside the cell's window. */

_Alignas(128) rs_poisson_cell rs_poisson_cells[RS_POISSON_TABLE_CELLS];
_Static_assert(sizeof(rs_poisson_cell) == 128, "a cell is two cache lines");

/* Cumulative probabilities a cell's build computes: its window reaches
 * k0 + 14, at most 37 (at means near 30). */
#define POISSON_MAX_K 64

#define WORDS 4294967296.0
#define WORD_COUNT ((int64_t)1 << 32)

/* c[k] for k < n at mean mu, by search_from_zero's recurrence. */
static void poisson_cumulative(double mu, double *c, unsigned n)
{
    double p = exp(-mu), sum = p;
    c[0] = sum;
    for (unsigned k = 1; k < n; k++) {
        p *= mu * (1.0 / k);
        sum += p;
        c[k] = sum;
    }
}

/* The first word whose uniform exceeds x, or 2^32 when none does: a guess,
 * then exact comparisons with the uniforms themselves. */
static int64_t first_word_above(double x)
{
    double guess = x * WORDS - 0.5;
    int64_t w = guess < 0.0 ? 0 : guess >= WORDS ? WORD_COUNT : (int64_t)guess;
    while (w > 0 && rs_uniform((uint32_t)(w - 1)) > x)
        w--;
    while (w < WORD_COUNT && !(rs_uniform((uint32_t)w) > x))
        w++;
    return w;
}

static uint32_t word_clamp(int64_t w)
{
    return w < 0 ? 0 : w > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)w;
}

/* The first count of the window of counts most likely at mean mu. */
static unsigned poisson_window(double mu)
{
    double c[POISSON_MAX_K];
    poisson_cumulative(mu, c, POISSON_MAX_K);
    unsigned best = 0;
    double best_mass = -1.0;
    for (unsigned k0 = 0; k0 + RS_POISSON_TABLE_WINDOW < POISSON_MAX_K; k0++) {
        double mass = c[k0 + RS_POISSON_TABLE_WINDOW - 1] - (k0 > 0 ? c[k0 - 1] : 0.0);
        if (mass > best_mass) {
            best_mass = mass;
            best = k0;
        }
    }
    return best;
}

static void poisson_cell_build(rs_poisson_cell *cell, int i)
{
    double a = i / RS_POISSON_TABLE_SCALE, b = (i + 1) / RS_POISSON_TABLE_SCALE;
    unsigned k0 = poisson_window((i + 0.5) / RS_POISSON_TABLE_SCALE);
    double at_a[POISSON_MAX_K], at_b[POISSON_MAX_K];
    poisson_cumulative(a, at_a, k0 + RS_POISSON_TABLE_WINDOW);
    poisson_cumulative(b, at_b, k0 + RS_POISSON_TABLE_WINDOW);
    cell->k0 = k0;
    /* above[j] is for k0 + j - 1, below[j] for k0 + j */
    cell->above_flipped[0] = rs_poisson_flip(k0 > 0 ? word_clamp(first_word_above(at_a[k0 - 1]) + 1) : 0);
    for (unsigned j = 1; j <= RS_POISSON_TABLE_WINDOW; j++)
        cell->above_flipped[j] = rs_poisson_flip(word_clamp(first_word_above(at_a[k0 + j - 1]) + 1));
    for (unsigned j = 0; j < RS_POISSON_TABLE_WINDOW; j++)
        cell->below[j] = word_clamp(first_word_above(at_b[k0 + j]) - 1);
}

static void poisson_build(void)
{
    for (int i = 0; i < RS_POISSON_TABLE_CELLS; i++)
        poisson_cell_build(&rs_poisson_cells[i], i);
}

static pthread_once_t poisson_once = PTHREAD_ONCE_INIT;

void rs_poisson_table_init(void)
{
    pthread_once(&poisson_once, poisson_build);
}

unsigned rs_poisson_draw_exact(double mu, uint32_t word)
{
    return rs_poisson_quantile(mu, rs_uniform(word));
}
