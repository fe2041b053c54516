/* nested.c: the one-way random-effects analysis of variance of a nested
 * design, kept as the groups come (rampsim/stats.h, docs/uncertainty.md,
 * "Luck and ignorance told apart"). */
#include "rampsim/stats.h"

#include <math.h>
#include <stdlib.h>

#include "dist.h"

rs_nested rs_nested_empty(void)
{
    rs_nested a = {.group_index = -1};
    return a;
}

rs_nested *rs_nested_new(size_t count)
{
    rs_nested *a = malloc(count * sizeof *a);
    for (size_t i = 0; a && i < count; i++)
        a[i] = rs_nested_empty();
    return a;
}

void rs_nested_finish(rs_nested *a)
{
    const rs_moments *g = &a->group;
    if (g->n > 0.0) {
        a->groups += 1.0;
        a->n += g->n;
        a->sum_n2 += g->n * g->n;
        double delta = g->mean - a->mean;
        a->mean += delta * g->n / a->n;
        a->between_m2 += g->n * delta * (g->mean - a->mean);
        a->within_m2 += g->m2;
        a->above += g->mean > 0.0;
        a->below += g->mean < 0.0;
    }
    a->group = (rs_moments){0};
}

void rs_nested_add(rs_nested *a, long long group, const rs_moments *part)
{
    if (group != a->group_index) {
        rs_nested_finish(a);
        a->group_index = group;
    }
    rs_moments_merge(&a->group, part);
}

/* The intraclass correlation at variance ratio f = MSB / MSW with groups
 * of effective size n0: (f - 1) / (f + n0 - 1), within [0, 1]. */
static double share_at(double f, double n0)
{
    if (isinf(f))
        return 1.0;
    double r = (f - 1.0) / (f + n0 - 1.0);
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

/* The F(df1, df2) quantile at p, from the beta it is a transform of. */
static double f_quantile(double p, double df1, double df2)
{
    double x = rs_beta_quantile(p, 0.5 * df1, 0.5 * df2);
    return df2 * x / (df1 * (1.0 - x));
}

rs_nested_summary rs_nested_summarise(const rs_nested *open)
{
    rs_nested closed = *open;
    rs_nested_finish(&closed);
    const rs_nested *a = &closed;
    rs_nested_summary s = {.groups = a->groups, .n = a->n, .mean = a->n > 0.0 ? a->mean : NAN,
                           .above = a->above, .below = a->below};
    s.stderr = s.between = s.within = s.share = s.share_low = s.share_high = NAN;
    double k = a->groups, n = a->n;
    if (k < 2.0 || n - k < 1.0)
        return s;
    double msb = a->between_m2 / (k - 1.0), msw = a->within_m2 / (n - k);
    double n0 = (n - a->sum_n2 / n) / (k - 1.0); /* the group size, for unequal groups */
    s.stderr = sqrt(msb / n);
    s.within = msw;
    s.between = fmax(0.0, (msb - msw) / n0);
    /* no spread, or none beyond the last digits of a metric computed
     * alike (a share over different numbers of rep-weeks): no share to tell */
    double noise = 1e-9 * fabs(a->mean);
    if (msb <= noise * noise && msw <= noise * noise)
        return s;
    double f = msw > 0.0 ? msb / msw : INFINITY;
    s.share = s.between / (s.between + msw);
    double df1 = k - 1.0, df2 = n - k;
    s.share_low = share_at(f / f_quantile(0.975, df1, df2), n0);
    s.share_high = share_at(f / f_quantile(0.025, df1, df2), n0);
    return s;
}
