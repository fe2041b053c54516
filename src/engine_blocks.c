/* engine_blocks.c: a block of replications run and accumulated, with
 * uncertain inputs by draw of the inputs too; blocks merged in order;
 * precision control's checkpoints; the results as the run ended. */
#include "engine_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Adds one replication's outcome, its first `slots` slots, to a block
 * accumulator, and keeps its first `sketched` in `row` for add_sketches
 * (none when row is NULL); its pooled ramp and first-win times go to the
 * thread's sketches at once (sk NULL: none). False when a sketch could not
 * grow. */
static bool accumulate(size_t slots, size_t sketched, const rs_outcome *o, rs_moments *block, rs_sketches *sk,
                       double *row)
{
    bool ok = true;
    for (size_t i = 0; i < slots; i++) {
        double x = o->values[i];
        if (!isnan(x))
            rs_moments_add(&block[i], x);
    }
    if (row)
        memcpy(row, o->values, sketched * sizeof *row);
    for (size_t k = 0; k < o->n_ramp_weeks; k++) {
        rs_moments_add(&block[RS_M_RAMP_WEEKS], o->ramp_weeks[k]);
        ok &= !sk || rs_sketches_add(sk, RS_M_RAMP_WEEKS, o->ramp_weeks[k]);
    }
    for (size_t k = 0; k < o->n_first_win_weeks; k++) {
        rs_moments_add(&block[RS_M_FIRST_WIN_WEEKS], o->first_win_weeks[k]);
        ok &= !sk || rs_sketches_add(sk, RS_M_FIRST_WIN_WEEKS, o->first_win_weeks[k]);
    }
    return ok;
}

/* Adds the block's kept rows, `width` slots each, to the sketches slot by
 * slot: a sketch's buckets are then at hand for the block's values, where
 * replication by replication each of hundreds of sketches missed the cache
 * (a sketch's content does not depend on the order of its values). False
 * when a sketch could not grow. */
static bool add_sketches(rs_sketches *sk, const double *rows, size_t n_rows, size_t width)
{
    bool ok = true;
    for (size_t i = 0; i < width; i++)
        for (size_t r = 0; r < n_rows; r++)
            ok &= rs_sketches_add(sk, i, rows[r * width + i]);
    return ok;
}

/* Adds the pairs (scenario pair_with[j], scenario j) of one replication. */
static void accumulate_pairs(const shared *sh, rs_outcome *const *o, rs_pair_moments *pairs)
{
    for (int j = 1; j < sh->k; j++) {
        rs_pair_moments *pj = &pairs[(size_t)(j - 1) * sh->paired];
        const rs_outcome *reference = o[sh->options->pair_with ? sh->options->pair_with[j] : 0];
        for (size_t i = 0; i < sh->paired; i++) {
            double a = reference->values[i], b = o[j]->values[i];
            if (!isnan(a) && !isnan(b))
                rs_pair_add(&pj[i], a, b);
        }
    }
}

/* Adds replication r's paired slots to the parts of its draw. */
static void accumulate_draw(const shared *sh, rs_outcome *const *o, long long r, block_acc *acc)
{
    size_t draw = (size_t)(r / sh->per_draw - acc->first_draw);
    for (int j = 0; j < sh->k; j++) {
        rs_moments *part = &acc->draws[((size_t)j * DRAWS_PER_BLOCK + draw) * sh->paired];
        for (size_t i = 0; i < sh->paired; i++)
            if (!isnan(o[j]->values[i]))
                rs_moments_add(&part[i], o[j]->values[i]);
    }
    for (int j = 1; j < sh->k; j++) {
        const rs_outcome *reference = o[sh->options->pair_with ? sh->options->pair_with[j] : 0];
        rs_moments *part = &acc->draw_differences[((size_t)(j - 1) * DRAWS_PER_BLOCK + draw) * sh->paired];
        for (size_t i = 0; i < sh->paired; i++) {
            double a = reference->values[i], b = o[j]->values[i];
            if (!isnan(a) && !isnan(b))
                rs_moments_add(&part[i], rs_pair_delta(a, b));
        }
    }
}

/* Clears a block's draw parts for replications [first, end). */
static void start_draws(const shared *sh, block_acc *acc, long long first, long long end)
{
    acc->first_draw = first / sh->per_draw;
    acc->n_draws = (int)((end - 1) / sh->per_draw - acc->first_draw + 1);
    memset(acc->draws, 0, (size_t)sh->k * DRAWS_PER_BLOCK * sh->paired * sizeof *acc->draws);
    if (acc->draw_differences)
        memset(acc->draw_differences, 0,
               (size_t)(sh->k - 1) * DRAWS_PER_BLOCK * sh->paired * sizeof *acc->draw_differences);
}

rs_status rs_engine_run_block(worker *w, long long block, block_acc *acc)
{
    shared *sh = w->sh;
    for (int j = 0; j < sh->k; j++)
        memset(&acc->moments[(size_t)j * sh->slots], 0,
               rs_engine_accumulated_slots(sh, &sh->results[j]->layout) * sizeof *acc->moments);
    if (acc->pairs)
        memset(acc->pairs, 0, (size_t)(sh->k - 1) * sh->paired * sizeof *acc->pairs);
    long long first = block * RS_ENGINE_BLOCK;
    long long end = first + RS_ENGINE_BLOCK < sh->replications ? first + RS_ENGINE_BLOCK : sh->replications;
    if (sh->nested)
        start_draws(sh, acc, first, end);
    bool sketching = !sh->options->no_percentiles;
    for (long long r = first; r < end; r++) {
        for (int j = 0; j < sh->k; j++) {
            rs_status st = rs_model_run(w->models[j], (uint32_t)r, w->outcomes[j]);
            if (st != RS_OK)
                return st;
            if (j == 0 && sh->options->record)
                sh->options->record(sh->options->record_ctx, r, w->outcomes[0]);
            const rs_layout *l = &sh->results[j]->layout;
            size_t sketched = rs_engine_sketched_slots(sh, l);
            double *row = sketching ? w->sketch_rows[j] + (size_t)(r - first) * sketched : NULL;
            if (!accumulate(rs_engine_accumulated_slots(sh, l), sketched, w->outcomes[j],
                            &acc->moments[(size_t)j * sh->slots], sketching ? w->sketches[j] : NULL, row))
                return RS_ERR_NOMEM;
        }
        if (acc->pairs)
            accumulate_pairs(sh, w->outcomes, acc->pairs);
        if (sh->nested)
            accumulate_draw(sh, w->outcomes, r, acc);
    }
    for (int j = 0; sketching && j < sh->k; j++) {
        const rs_layout *l = &sh->results[j]->layout;
        if (!add_sketches(w->sketches[j], w->sketch_rows[j], (size_t)(end - first), rs_engine_sketched_slots(sh, l)))
            return RS_ERR_NOMEM;
    }
    return RS_OK;
}

/* A block's draw parts into the nested accumulators, in draw order. */
static void merge_draws(shared *sh, const block_acc *acc)
{
    for (int d = 0; d < acc->n_draws; d++) {
        long long draw = acc->first_draw + d;
        for (int j = 0; j < sh->k; j++) {
            const rs_moments *part = &acc->draws[((size_t)j * DRAWS_PER_BLOCK + (size_t)d) * sh->paired];
            for (size_t i = 0; i < sh->paired; i++)
                rs_nested_add(&sh->results[j]->nested[i], draw, &part[i]);
        }
        for (int j = 1; j < sh->k; j++) {
            const rs_moments *part =
                &acc->draw_differences[((size_t)(j - 1) * DRAWS_PER_BLOCK + (size_t)d) * sh->paired];
            for (size_t i = 0; i < sh->paired; i++)
                rs_nested_add(&sh->comparison->nested[(size_t)(j - 1) * sh->paired + i], draw, &part[i]);
        }
    }
}

/* Thread 0, between the barriers: merges the window's blocks in order. */
void rs_engine_merge_window(shared *sh, long long first, long long end)
{
    for (long long b = first; b < end; b++) {
        const block_acc *acc = &sh->window[b - first];
        for (int j = 0; j < sh->k; j++)
            for (size_t i = 0; i < rs_engine_accumulated_slots(sh, &sh->results[j]->layout); i++)
                rs_moments_merge(&sh->results[j]->moments[i], &acc->moments[(size_t)j * sh->slots + i]);
        if (sh->comparison)
            for (size_t i = 0; i < (size_t)(sh->k - 1) * sh->paired; i++)
                rs_pair_merge(&sh->comparison->pairs[i], &acc->pairs[i]);
        if (sh->nested)
            merge_draws(sh, acc);
    }
}

/* The end of the window that starts at block `first`: window_blocks on,
 * but never past the next checkpoint when precision control may stop the
 * run there (every thread computes the same). */
long long rs_engine_window_end(const shared *sh, long long first)
{
    long long end = first + sh->window_blocks;
    if (sh->options->precision > 0) {
        long long checkpoint = (first / RS_ENGINE_CHECKPOINT_BLOCKS + 1) * RS_ENGINE_CHECKPOINT_BLOCKS;
        end = end < checkpoint ? end : checkpoint;
    }
    return end < sh->blocks ? end : sh->blocks;
}

/* The widest 95 % half-width the precision rule watches, over the
 * replications merged so far. */
static double widest_half_width(const shared *sh)
{
    double widest = 0.0;
    bool difference = sh->options->precision_rule == RS_PRECISION_DIFFERENCE && sh->comparison;
    for (int j = difference ? 1 : 0; j < sh->k; j++) {
        double h = difference ? rs_comparison_half_width(sh->comparison, j, sh->tracked)
                              : rs_results_half_width(sh->results[j], sh->tracked);
        widest = isnan(h) ? INFINITY : fmax(widest, h);
    }
    return widest;
}

/* Thread 0 after merging up to block `end`: whether precision control
 * stops the run here. */
/* Whether the tracked slot has had no value yet in any scenario (or pair)
 * the rule watches: a metric the scenarios do not define, whose precision
 * no number of replications would bring. */
static bool never_defined(const shared *sh)
{
    bool difference = sh->options->precision_rule == RS_PRECISION_DIFFERENCE && sh->comparison;
    for (int j = difference ? 1 : 0; j < sh->k; j++)
        if ((difference ? rs_comparison_pair(sh->comparison, j, sh->tracked)->n
                        : sh->results[j]->moments[sh->tracked].n) > 0)
            return false;
    return true;
}

bool rs_engine_precise_enough(shared *sh, long long end)
{
    if (!(sh->options->precision > 0) || end % RS_ENGINE_CHECKPOINT_BLOCKS != 0 || end >= sh->blocks)
        return false;
    if (never_defined(sh))
        return true; /* nothing to make precise: stop, the target not met */
    long long done = end * RS_ENGINE_BLOCK;
    if (sh->nested && done < (long long)sh->per_draw * RS_PRECISION_MIN_DRAWS)
        return false;
    return widest_half_width(sh) <= sh->options->precision;
}

/* The results as the run ended: the replications merged (fewer than asked
 * when precision control stopped it), the last groups of the nested
 * design closed, and the precision reached. */
void rs_engine_finish(shared *sh)
{
    long long done = sh->done_blocks * RS_ENGINE_BLOCK;
    done = done < sh->replications ? done : sh->replications;
    for (int j = 0; j < sh->k; j++) {
        sh->results[j]->replications = done;
        for (size_t i = 0; sh->nested && i < sh->paired; i++)
            rs_nested_finish(&sh->results[j]->nested[i]);
    }
    for (size_t i = 0; sh->nested && sh->comparison && i < (size_t)(sh->k - 1) * sh->paired; i++)
        rs_nested_finish(&sh->comparison->nested[i]);
    double widest = sh->options->precision > 0 ? widest_half_width(sh) : NAN;
    for (int j = 0; j < sh->k; j++) {
        sh->results[j]->precision_target = sh->options->precision > 0 ? sh->options->precision : 0.0;
        sh->results[j]->half_width = widest;
        sh->results[j]->precision_met = widest <= sh->options->precision;
        sh->results[j]->tracked_slot = sh->tracked;
    }
}

/* One block accumulator's bytes: every scenario's slots, every pair's,
 * and with uncertain inputs the paired slots of the draws it spans. */
size_t rs_engine_block_bytes(int k, size_t slots, size_t paired, bool nested)
{
    size_t draws = nested ? (size_t)(2 * k - 1) * DRAWS_PER_BLOCK * paired * sizeof(rs_moments) : 0;
    return (size_t)k * slots * sizeof(rs_moments) + (size_t)(k - 1) * paired * sizeof(rs_pair_moments) + draws;
}

bool rs_engine_block_alloc(const shared *sh, block_acc *b)
{
    size_t k = (size_t)sh->k;
    b->moments = malloc(k * sh->slots * sizeof *b->moments);
    b->pairs = k > 1 ? malloc((k - 1) * sh->paired * sizeof *b->pairs) : NULL;
    if (sh->nested) {
        b->draws = malloc(k * DRAWS_PER_BLOCK * sh->paired * sizeof *b->draws);
        b->draw_differences = k > 1 ? malloc((k - 1) * DRAWS_PER_BLOCK * sh->paired * sizeof *b->draws) : NULL;
    }
    return b->moments && (k == 1 || b->pairs) && (!sh->nested || (b->draws && (k == 1 || b->draw_differences)));
}

