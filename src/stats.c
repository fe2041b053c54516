/* stats.c: streaming moments of one metric and of pairs of metrics, and
 * the interval of a paired mean difference; the percentile sketches are in
 * sketches.c. */
#include "rampsim/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

void rs_moments_merge(rs_moments *into, const rs_moments *from)
{
    if (from->n == 0.0)
        return;
    if (into->n == 0.0) {
        *into = *from;
        return;
    }
    double n = into->n + from->n;
    double delta = from->mean - into->mean;
    into->mean += delta * from->n / n;
    into->m2 += from->m2 + delta * delta * into->n * from->n / n;
    into->n = n;
}

double rs_moments_variance(const rs_moments *a)
{
    return a->n >= 2.0 ? a->m2 / (a->n - 1.0) : NAN;
}

double rs_moments_stderr(const rs_moments *a)
{
    return a->n >= 2.0 ? sqrt(rs_moments_variance(a) / a->n) : NAN;
}

void rs_pair_merge(rs_pair_moments *into, const rs_pair_moments *from)
{
    if (from->n == 0.0)
        return;
    if (into->n == 0.0) {
        *into = *from;
        return;
    }
    double n = into->n + from->n, w = into->n * from->n / n;
    double da = from->mean_a - into->mean_a, db = from->mean_b - into->mean_b;
    into->mean_a += da * from->n / n;
    into->mean_b += db * from->n / n;
    into->m2_a += from->m2_a + da * da * w;
    into->m2_b += from->m2_b + db * db * w;
    into->c_ab += from->c_ab + da * db * w;
    into->b_above += from->b_above;
    into->b_below += from->b_below;
    into->d_min = from->d_min < into->d_min ? from->d_min : into->d_min;
    into->d_max = from->d_max > into->d_max ? from->d_max : into->d_max;
    into->above_sum += from->above_sum;
    into->above_sq += from->above_sq;
    into->below_sum += from->below_sum;
    into->below_sq += from->below_sq;
    into->n = n;
}

double rs_pair_difference_stderr(const rs_pair_moments *p)
{
    if (p->n < 2.0)
        return NAN;
    double var = (p->m2_a + p->m2_b - 2.0 * p->c_ab) / (p->n - 1.0);
    return sqrt(fmax(var, 0.0) / p->n);
}

/* Why the interval of a mean difference is not always the normal one.
 *
 * Common random numbers make most pairs of a small change identical: 1.01
 * coaching hours a month instead of 1 moves reps-at-quota in 2 of 2,000
 * replications. The mean difference is then a sum of a handful of events
 * whose count is close to Poisson, and skewed, and mean +- 1.96 SE is too
 * narrow: it covered the true mean in as few as 86 % of simulated data
 * sets with a handful of differing pairs leaning one way, 75 % when their
 * sizes vary. It can also claim a direction the sign test would not: two pairs,
 * both up, have a two-sided sign-test p of 0.5.
 *
 * With k differing pairs, 0 < k < RS_PAIR_NORMAL_MIN_DIFFERING and at most
 * 1 pair in 20 differing (where the Poisson law approximates the binomial
 * count), the differences above zero and those below are taken as two
 * independent compound Poisson totals S+ and S-, the sums of |d| of k+ and
 * k- pairs. Each gets Fay and Feuer's gamma interval for a weighted sum of
 * Poisson counts (Fay & Feuer 1997, Statistics in Medicine 16:791), from
 * its sum y, its sum of squares v and its largest |d|, w:
 *
 *   low  = gamma quantile 0.025 of shape y^2/v and mean y
 *   high = gamma quantile 0.975 of shape (y+w)^2/(v+w^2) and mean y+w
 *
 * which for k pairs of one size is the exact Poisson interval of k, times
 * that size. A direction no pair took has low = 0 and high = 3.69 w (the
 * Poisson bound when nothing is seen) with w the largest |d| of the other
 * direction: a few pairs that moved one way do not show that the other way
 * is impossible. MOVER (Zou & Donner 2008, Statistics in Medicine 27:1693)
 * combines the two into an interval for the mean, (S+ - S-) / n:
 *
 *   low  = mean - sqrt((S+ - low+)^2 + (high- - S-)^2) / n
 *   high = mean + sqrt((high+ - S+)^2 + (S- - low-)^2) / n
 *
 * The result takes the outer ends of that and of the normal interval: the
 * count-based one is the better when the pairs lean one way, the normal one
 * when they split evenly both ways with sizes that vary. In simulations of
 * 2,000 pairs with 1 to 50 differing pairs expected (tests/test_stats.c
 * checks one case), the union covered the true mean in at least 95 % of
 * data sets when the sizes are of one or two kinds, as for reps at quota,
 * in any mix of directions; with sizes from an exponential or log-normal
 * law, in 88 to 97 % when 1 to 6 pairs lean one way (the largest size seen
 * then understates the sizes) and at least 92 % otherwise. From 50
 * differing pairs on, the normal interval covered 94 to 96 % with sizes of
 * a few kinds (91 to 96 % with the skewed ones) and is used alone. */

/* Fay and Feuer's interval for one direction's total: `count` pairs with
 * |d| summing to `sum`, squares to `sq`, the largest `largest`. */
static void direction_interval(double count, double sum, double sq, double largest, double *low, double *high)
{
    /* The shapes lie in [1, count] and [1, count + 1] (Cauchy-Schwarz, and
     * sum >= largest); clamping keeps rounding, or squares that underflow,
     * from leaving that range. */
    *low = 0.0;
    if (count > 0) {
        double shape = fmin(fmax(sum * sum / sq, 1.0), count);
        *low = gsl_cdf_gamma_Pinv(0.025, shape, sum / shape);
    }
    double y = sum + largest, v = sq + largest * largest;
    double shape = fmin(fmax(y * y / v, 1.0), count + 1.0);
    *high = gsl_cdf_gamma_Pinv(0.975, shape, y / shape);
}

double rs_pair_difference_interval(const rs_pair_moments *p, double *low, double *high)
{
    if (p->n < 2.0) {
        *low = *high = NAN;
        return NAN;
    }
    if (p->d_min == p->d_max) {
        *low = *high = p->d_min;
        return p->d_min;
    }
    double mean = p->mean_b - p->mean_a, se = rs_pair_difference_stderr(p);
    *low = mean - RS_Z95 * se;
    *high = mean + RS_Z95 * se;
    double differing = p->b_above + p->b_below;
    if (differing < RS_PAIR_NORMAL_MIN_DIFFERING && 20.0 * differing <= p->n) {
        double up = p->d_max > 0 ? p->d_max : 0.0, down = p->d_min < 0 ? -p->d_min : 0.0;
        double lo_a, hi_a, lo_b, hi_b;
        direction_interval(p->b_above, p->above_sum, p->above_sq, p->b_above > 0 ? up : down, &lo_a, &hi_a);
        direction_interval(p->b_below, p->below_sum, p->below_sq, p->b_below > 0 ? down : up, &lo_b, &hi_b);
        double below = hypot(p->above_sum - lo_a, hi_b - p->below_sum) / p->n;
        double above = hypot(hi_a - p->above_sum, p->below_sum - lo_b) / p->n;
        *low = fmin(*low, mean - below);
        *high = fmax(*high, mean + above);
    }
    /* differences that vary by a rounding error only: their range */
    if (!(*high > *low)) {
        *low = fmin(*low, p->d_min);
        *high = fmax(*high, p->d_max);
    }
    return mean;
}

double rs_pair_ratio(const rs_pair_moments *p)
{
    return p->n > 0.0 ? p->mean_b / p->mean_a : NAN;
}

double rs_pair_ratio_stderr(const rs_pair_moments *p)
{
    if (p->n < 2.0)
        return NAN;
    double va = p->m2_a / (p->n - 1.0), vb = p->m2_b / (p->n - 1.0), c = p->c_ab / (p->n - 1.0);
    double r = p->mean_b / p->mean_a;
    /* Var(b/a) ~ (Var b - 2 r Cov + r^2 Var a) / a^2, each over n */
    double var = (vb - 2.0 * r * c + r * r * va) / (p->mean_a * p->mean_a);
    return sqrt(fmax(var, 0.0) / p->n);
}
