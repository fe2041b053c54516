/* fit_errors.c: the standard errors of a fit's keys and the spread of
 * figures over simulated histories (fit_sim.h; docs/fit.md, "How the fit
 * works", step 4). */
#include "fit_sim.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The relative step of the slopes the standard errors are taken from. */
#define SLOPE_STEP 0.05

void rs_fit_spread(const rs_history_stats *each, int n, double (*get)(const rs_history_stats *, int), int which,
                   double *mean, double *low, double *high, double *scratch)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        double x = get(&each[i], which);
        if (isfinite(x))
            scratch[m++] = x;
    }
    *mean = *low = *high = NAN;
    if (m == 0)
        return;
    gsl_sort(scratch, 1, (size_t)m);
    *mean = gsl_stats_mean(scratch, 1, (size_t)m);
    *low = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)m, 0.025);
    *high = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)m, 0.975);
}

static double key_stat(const rs_history_stats *s, int k)
{
    return rs_fit_key_stat(s, (rs_fit_key)k);
}


/* The fitted keys' indices into idx; their number. */
static int fitted_keys(const rs_fit_result *r, int *idx)
{
    int n = 0;
    for (int k = 0; k < RS_FIT_KEYS; k++)
        if (r->values[k].fitted)
            idx[n++] = k;
    return n;
}

/* J[i][j]: how figure i moves with key j, each key moved by SLOPE_STEP of
 * itself in turn on the same random numbers. */
static rs_status slopes(rs_fit_sim *f, rs_fit_result *r, double *value, const rs_history_stats *at, const int *idx,
                        int n, gsl_matrix *J)
{
    rs_history_stats *moved = malloc(sizeof *moved);
    rs_status st = moved ? RS_OK : RS_ERR_NOMEM;
    for (int j = 0; j < n && st == RS_OK; j++) {
        double saved = value[idx[j]], step = saved * SLOPE_STEP;
        value[idx[j]] = saved + step;
        rs_fit_apply(f, r, value);
        st = rs_fit_simulate(f, moved, NULL);
        value[idx[j]] = saved;
        for (int i = 0; i < n && st == RS_OK; i++)
            gsl_matrix_set(J, (size_t)i, (size_t)j, (key_stat(moved, idx[i]) - key_stat(at, idx[i])) / step);
    }
    rs_fit_apply(f, r, value);
    free(moved);
    return st;
}

/* S: the figures' covariance over the histories that have every one,
 * brought to the history's own number of observations: a figure's
 * variance goes as one over its observations, and a simulated team whose
 * volume is not fitted (too few rep-weeks to fit leads_per_week) closes
 * more or fewer deals than the history did. False when fewer than two
 * histories have every figure. */
static bool covariance(const rs_history_stats *each, int histories, const rs_fit_result *r, const int *idx, int n,
                       gsl_matrix *S)
{
    double x[RS_FIT_KEYS], mean[RS_FIT_KEYS] = {0}, cross[RS_FIT_KEYS][RS_FIT_KEYS] = {{0}};
    double simulated_observations[RS_FIT_KEYS] = {0};
    int used = 0;
    for (int h = 0; h < histories; h++) {
        bool all = true;
        for (int i = 0; i < n; i++)
            all = all && isfinite(x[i] = key_stat(&each[h], idx[i]));
        if (!all)
            continue;
        used++;
        for (int i = 0; i < n; i++) {
            mean[i] += x[i];
            simulated_observations[i] += (double)rs_fit_key_observations(&each[h], (rs_fit_key)idx[i]);
            for (int j = 0; j < n; j++)
                cross[i][j] += x[i] * x[j];
        }
    }
    if (used < 2)
        return false;
    double scale[RS_FIT_KEYS];
    for (int i = 0; i < n; i++)
        scale[i] = sqrt(simulated_observations[i] / used / (double)r->values[idx[i]].observations);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            gsl_matrix_set(S, (size_t)i, (size_t)j,
                           (cross[i][j] - mean[i] * mean[j] / used) / (used - 1) * scale[i] * scale[j]);
    return true;
}

/* Whether an LU-decomposed J can be inverted: every pivot a number and
 * none negligible beside the largest (a key that moves no figure, such as
 * a win rate held at its cap, or a figure that moves with none). GSL's
 * inverse reports a singular matrix as an error, not a status. */
static bool invertible(const gsl_matrix *LU)
{
    double largest = 0.0;
    for (size_t i = 0; i < LU->size1; i++) {
        double u = fabs(gsl_matrix_get(LU, i, i));
        if (!isfinite(u))
            return false;
        largest = fmax(largest, u);
    }
    for (size_t i = 0; i < LU->size1; i++)
        if (!(fabs(gsl_matrix_get(LU, i, i)) > 1e-12 * largest))
            return false;
    return true;
}

/* The sandwich J^-1 S J^-T over the keys kept (keep[0..m-1], indices
 * into the n x n J and S) into V (m x m); false when their J cannot be
 * inverted. */
static bool sandwich(const gsl_matrix *J, const gsl_matrix *S, const int *keep, int m, gsl_matrix *V)
{
    double j[RS_FIT_KEYS * RS_FIT_KEYS], s[RS_FIT_KEYS * RS_FIT_KEYS], inv[RS_FIT_KEYS * RS_FIT_KEYS],
        t[RS_FIT_KEYS * RS_FIT_KEYS];
    size_t M = (size_t)m;
    for (int a = 0; a < m; a++)
        for (int b = 0; b < m; b++) {
            j[a * m + b] = gsl_matrix_get(J, (size_t)keep[a], (size_t)keep[b]);
            s[a * m + b] = gsl_matrix_get(S, (size_t)keep[a], (size_t)keep[b]);
        }
    gsl_matrix_view Jm = gsl_matrix_view_array(j, M, M), Sm = gsl_matrix_view_array(s, M, M);
    gsl_matrix_view Im = gsl_matrix_view_array(inv, M, M), Tm = gsl_matrix_view_array(t, M, M);
    size_t perm[RS_FIT_KEYS];
    gsl_permutation p = {M, perm};
    int sign;
    if (gsl_linalg_LU_decomp(&Jm.matrix, &p, &sign) != 0 || !invertible(&Jm.matrix) ||
        gsl_linalg_LU_invert(&Jm.matrix, &p, &Im.matrix) != 0)
        return false;
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Im.matrix, &Sm.matrix, 0.0, &Tm.matrix);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Tm.matrix, &Im.matrix, 0.0, V);
    return true;
}

/* How much a key moves its own figure, relative: |d ln figure / d ln key|. */
static double elasticity(const gsl_matrix *J, int i, const double *value, const rs_history_stats *at, int key)
{
    double e = fabs(gsl_matrix_get(J, (size_t)i, (size_t)i) * value[key] / key_stat(at, key));
    return isfinite(e) ? e : 0.0;
}

/* Standard errors: the covariance of the figures over simulated histories
 * of the team's size (S, at the history's observations), carried to the
 * keys by the inverse of their slopes (J), Var = J^-1 S J^-T (1 + 1/R):
 * the method of simulated moments' sandwich when there are as many figures
 * as keys. When J cannot be inverted (a key held at the end of its range
 * moves no figure), the key that moves its own figure least is left out,
 * with a NAN error, until the rest can be. */
rs_status rs_fit_standard_errors(rs_fit_sim *f, rs_fit_result *r, double *value, const rs_history_stats *each,
                                 const rs_history_stats *at)
{
    int idx[RS_FIT_KEYS], n = fitted_keys(r, idx);
    if (n == 0)
        return RS_OK;
    size_t N = (size_t)n;
    gsl_matrix *J = gsl_matrix_alloc(N, N), *S = gsl_matrix_alloc(N, N), *V = gsl_matrix_alloc(N, N);
    rs_status st = J && S && V ? RS_OK : RS_ERR_NOMEM;
    if (st == RS_OK)
        st = slopes(f, r, value, at, idx, n, J);
    int keep[RS_FIT_KEYS], m = n;
    for (int i = 0; i < n; i++)
        keep[i] = i;
    if (st == RS_OK && covariance(each, f->replications, r, idx, n, S)) {
        while (m > 0) {
            gsl_matrix_view Vm = gsl_matrix_submatrix(V, 0, 0, (size_t)m, (size_t)m);
            if (sandwich(J, S, keep, m, &Vm.matrix)) {
                for (int a = 0; a < m; a++)
                    r->values[idx[keep[a]]].se =
                        sqrt(fmax(0.0, gsl_matrix_get(&Vm.matrix, (size_t)a, (size_t)a)) *
                             (1.0 + 1.0 / f->replications));
                break;
            }
            int weakest = 0;
            for (int a = 1; a < m; a++)
                if (elasticity(J, keep[a], value, at, idx[keep[a]]) <
                    elasticity(J, keep[weakest], value, at, idx[keep[weakest]]))
                    weakest = a;
            keep[weakest] = keep[--m];
        }
    }
    gsl_matrix_free(J);
    gsl_matrix_free(S);
    gsl_matrix_free(V);
    return st;
}
