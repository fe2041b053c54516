/* test_nested.c: the one-way random-effects analysis of variance of
 * replications in groups (rs_nested) against the textbook's, worked by hand
 * on three unequal groups and the same however the groups come in parts;
 * on simulated data sets (fixed seeds) the share of the variance between
 * groups and its 95 % interval behave as the theory says, with and without
 * a difference between groups; constant data have no share; the counts of
 * groups above and below 0. */
#include "testutil.h"

#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rampsim/stats.h"

/* Three groups of 2, 3 and 4. Worked in exact fractions: group means
 * 2.7425, 1.19123, 3.7075, grand mean 2.6543; between-group sum of squares
 * 10.87417 on 2 degrees of freedom, within 2.76772 on 6: MSB 5.437086, MSW
 * 0.4612874, F 11.78676; n0 = (9 - 29/9) / 2 = 26/9; between (MSB - MSW) /
 * n0 = 1.722392; share 0.7887568; stderr sqrt(MSB / 9) = 0.7772520. */
static const double G0[] = {2.385, 3.1}, G1[] = {1.26, 0.4137, 1.9}, G2[] = {4.05, 3.33, 4.48, 2.97};
static const double *const GROUPS[] = {G0, G1, G2};
static const size_t SIZES[] = {2, 3, 4};
enum { K = 3 };

typedef struct anova {
    double n, mean, msb, msw, n0, between, share, low, high, stderr;
} anova;

/* F(2, d) has the distribution function 1 - (1 + 2x/d)^(-d/2), so its p
 * quantile is (d/2) ((1 - p)^(-2/d) - 1). */
static double f2_quantile(double p, double d)
{
    return 0.5 * d * (pow(1.0 - p, -2.0 / d) - 1.0);
}

/* The textbook's one-way analysis of variance of the three groups, in two
 * passes (Searle 1971: n0 for unequal groups, the interval from F). */
static anova textbook(void)
{
    anova t = {0};
    double means[K], sum_n2 = 0.0, ssb = 0.0, ssw = 0.0;
    for (int g = 0; g < K; g++) {
        means[g] = 0.0;
        for (size_t i = 0; i < SIZES[g]; i++)
            means[g] += GROUPS[g][i] / (double)SIZES[g];
        t.n += (double)SIZES[g];
        sum_n2 += (double)(SIZES[g] * SIZES[g]);
        t.mean += means[g] * (double)SIZES[g];
    }
    t.mean /= t.n;
    for (int g = 0; g < K; g++) {
        ssb += (double)SIZES[g] * (means[g] - t.mean) * (means[g] - t.mean);
        for (size_t i = 0; i < SIZES[g]; i++)
            ssw += (GROUPS[g][i] - means[g]) * (GROUPS[g][i] - means[g]);
    }
    double df1 = K - 1, df2 = t.n - K;
    t.msb = ssb / df1;
    t.msw = ssw / df2;
    t.n0 = (t.n - sum_n2 / t.n) / df1;
    t.between = (t.msb - t.msw) / t.n0;
    t.share = t.between / (t.between + t.msw);
    double f = t.msb / t.msw, fl = f / f2_quantile(0.975, df2), fu = f / f2_quantile(0.025, df2);
    t.low = (fl - 1.0) / (fl + t.n0 - 1.0);
    t.high = (fu - 1.0) / (fu + t.n0 - 1.0);
    t.stderr = sqrt(t.msb / t.n);
    return t;
}

/* The hand example fed as `split` says, in replication order: a digit is a
 * part of that many values of the current group (0: an empty part), '|'
 * moves on to the next draw, 'e' is a draw none of whose replications
 * holds a value (an empty part), spaces are for reading. */
static rs_nested fed(const char *split)
{
    rs_nested a = rs_nested_empty();
    long long draw = 0;
    size_t g = 0, at = 0;
    for (const char *c = split; *c; c++) {
        if (*c == '|')
            draw++;
        if (*c == '|' || *c == ' ')
            continue;
        rs_moments part = {0};
        for (int i = 0; *c != 'e' && i < *c - '0'; i++)
            rs_moments_add(&part, GROUPS[g][at++]);
        rs_nested_add(&a, draw, &part);
        if (g < K && at == SIZES[g]) {
            g++;
            at = 0;
        }
    }
    assert_int_equal(g, K);
    rs_nested_finish(&a);
    return a;
}

/* Every way of cutting the groups into parts gives the textbook's figures,
 * to rounding (1e-12 relative). */
static void test_hand_example(void **state)
{
    (void)state;
    anova t = textbook();
    tu_assert_near(t.msb, 5.437085826666666, 1e-14);
    tu_assert_near(t.msw, 0.46128743777777775, 1e-15);
    tu_assert_near(t.n0, 26.0 / 9.0, 1e-15);
    tu_assert_near(t.share, 0.7887567732661284, 1e-14);
    tu_assert_near(t.stderr, 0.7772519844988545, 1e-14);
    /* F(2, 6) quantiles 7.259856 and 0.02542494: 0.1775270 to 0.9937937 */
    tu_assert_near(t.low, 0.17752701300320847, 1e-13);
    tu_assert_near(t.high, 0.9937937351533015, 1e-13);
    static const char *const splits[] = {"2|3|4", "11|111|1111", "1 1|0 2 1|e|3 1", "2|1 2|e|e|2 2", "0 2|3 0|4"};
    for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
        rs_nested a = fed(splits[i]);
        rs_nested_summary s = rs_nested_summarise(&a);
        tu_assert_near(s.groups, K, 0);
        tu_assert_near(s.n, t.n, 0);
        tu_assert_near(s.mean, t.mean, 1e-12 * t.mean);
        tu_assert_near(s.stderr, t.stderr, 1e-12 * t.stderr);
        tu_assert_near(s.within, t.msw, 1e-12 * t.msw);
        tu_assert_near(s.between, t.between, 1e-12 * t.between);
        tu_assert_near(s.share, t.share, 1e-12);
        tu_assert_near(s.share_low, t.low, 1e-12);
        tu_assert_near(s.share_high, t.high, 1e-12);
        tu_assert_near(a.above, K, 0);
        tu_assert_near(a.below, 0, 0);
    }
}

/* A simulated data set: `groups` groups of `size`, value 4.137 + b + e
 * with b ~ N(0, sb^2) shared by a group and e ~ N(0, sw^2) its own, each
 * group fed in parts of 5 replications (as blocks of the engine are). */
static rs_nested simulated(gsl_rng *rng, int groups, int size, double sb, double sw)
{
    rs_nested a = rs_nested_empty();
    for (int g = 0; g < groups; g++) {
        double b = gsl_ran_gaussian(rng, sb);
        rs_moments part = {0};
        for (int i = 0; i < size; i++) {
            rs_moments_add(&part, 4.137 + b + gsl_ran_gaussian(rng, sw));
            if (i % 5 == 4 || i == size - 1) {
                rs_nested_add(&a, g, &part);
                part = (rs_moments){0};
            }
        }
    }
    rs_nested_finish(&a);
    return a;
}

/* The large-sample standard error of the intraclass correlation rho of
 * `groups` groups of `size` (Fisher 1925; Donner 1986, eq. 4):
 * sqrt(2 (1 - rho)^2 (1 + (m - 1) rho)^2 / (m (m - 1) (k - 1))). */
static double share_se(double rho, int groups, int size)
{
    double m = size, k = groups;
    return sqrt(2.0 * (1.0 - rho) * (1.0 - rho) * (1.0 + (m - 1.0) * rho) * (1.0 + (m - 1.0) * rho) /
                (m * (m - 1.0) * (k - 1.0)));
}

enum { SETS = 100, GK = 400, GM = 16 };
#define RHO 0.3
#define SCALE 2.385

/* The relative standard error of a sample sd of SETS values, sqrt(1 /
 * (2 (SETS - 1))), for spreads compared with their theory. */
#define SD_REL_SE (1.0 / sqrt(2.0 * (SETS - 1)))

/* 100 data sets of 400 groups of 16 with a share of 0.3 (SE 0.0176 by
 * the large-sample formula): one set's share within 4 SE of 0.3, the
 * sets' shares averaging 0.3 within 4 SE / 10 and spreading as the
 * formula says (within 4 relative SEs of a sample sd); the interval
 * covering 0.3 in at least 90 (95 expected, binomial sd 2.2); the variance
 * components and the grand mean's standard error unbiased. */
static void test_simulated_share(void **state)
{
    (void)state;
    const double sb2 = RHO * SCALE * SCALE, sw2 = (1.0 - RHO) * SCALE * SCALE;
    const double se = share_se(RHO, GK, GM), n = (double)GK * GM;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(rng);
    gsl_rng_set(rng, 2385);
    rs_moments share = {0}, between = {0}, within = {0}, var_mean = {0}, grand = {0};
    int covered = 0;
    for (int set = 0; set < SETS; set++) {
        rs_nested a = simulated(rng, GK, GM, sqrt(sb2), sqrt(sw2));
        rs_nested_summary s = rs_nested_summarise(&a);
        tu_assert_near(s.groups, GK, 0);
        tu_assert_near(s.n, n, 0);
        if (set == 0)
            tu_assert_near(s.share, RHO, 4.0 * se);
        assert_true(s.share_low <= s.share && s.share <= s.share_high);
        covered += s.share_low <= RHO && RHO <= s.share_high;
        rs_moments_add(&share, s.share);
        rs_moments_add(&between, s.between);
        rs_moments_add(&within, s.within);
        rs_moments_add(&var_mean, s.stderr * s.stderr);
        rs_moments_add(&grand, s.mean);
    }
    gsl_rng_free(rng);
    assert_true(covered >= 90);
    tu_assert_near(share.mean, RHO, 4.0 * se / sqrt(SETS));
    tu_assert_near(sqrt(rs_moments_variance(&share)) / se, 1.0, 4.0 * SD_REL_SE);
    /* MSB ~ E[MSB] chi2(k-1) / (k-1) with E[MSB] = sw^2 + m sb^2, MSW ~
     * sw^2 chi2(n-k) / (n-k); between = (MSB - MSW) / m */
    double msb = sw2 + GM * sb2, var_msb = 2.0 * msb * msb / (GK - 1), var_msw = 2.0 * sw2 * sw2 / (n - GK);
    tu_assert_near(between.mean, sb2, 4.0 * sqrt((var_msb + var_msw) / (GM * GM) / SETS));
    tu_assert_near(within.mean, sw2, 4.0 * sqrt(var_msw / SETS));
    /* the grand mean's variance is (sb^2 + sw^2 / m) / k = E[MSB] / n:
     * stderr^2 estimates it without bias, and the grand means spread so */
    tu_assert_near(var_mean.mean, msb / n, 4.0 * sqrt(var_msb / SETS) / n);
    tu_assert_near(sqrt(rs_moments_variance(&grand)) / sqrt(msb / n), 1.0, 4.0 * SD_REL_SE);
    tu_assert_near(grand.mean, 4.137, 4.0 * sqrt(msb / n / SETS));
}

/* No difference between groups: the share is 0 or a little above (within
 * 4 SE, SE sqrt(2 / (m (m - 1) (k - 1))) = 0.0046 at rho = 0), and exactly
 * 0 when MSB <= MSW (about half the sets); the interval starts at 0
 * whenever F is below its 97.5 % quantile, in at least 90 of 100 sets (97.5
 * expected, binomial sd 1.6), and its upper end is above 0. */
static void test_no_between_variance(void **state)
{
    (void)state;
    const double se0 = share_se(0.0, GK, GM);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(rng);
    gsl_rng_set(rng, 4137);
    int starts_at_0 = 0, zero = 0;
    for (int set = 0; set < SETS; set++) {
        rs_nested a = simulated(rng, GK, GM, 0.0, SCALE);
        rs_nested_summary s = rs_nested_summarise(&a);
        assert_true(s.share >= 0.0 && s.between >= 0.0);
        tu_assert_near(s.share, 0.0, 4.0 * se0);
        assert_true(s.share_high > 0.0 && s.share_low <= s.share);
        starts_at_0 += s.share_low == 0.0;
        zero += s.share == 0.0;
    }
    gsl_rng_free(rng);
    assert_true(starts_at_0 >= 90);
    assert_true(zero > 0);
}

/* Constant data tell no share; groups constant within but apart from each
 * other are all share; too few groups or groups of one tell nothing. */
static void test_no_spread(void **state)
{
    (void)state;
    rs_nested same = rs_nested_empty(), apart = rs_nested_empty();
    for (int g = 0; g < 5; g++) {
        rs_moments flat = {0}, own = {0};
        for (int i = 0; i < 4; i++) {
            rs_moments_add(&flat, 2.385);
            rs_moments_add(&own, 2.385 * (g + 1));
        }
        rs_nested_add(&same, g, &flat);
        rs_nested_add(&apart, g, &own);
    }
    rs_nested_finish(&same);
    rs_nested_finish(&apart);
    rs_nested_summary s = rs_nested_summarise(&same);
    tu_assert_near(s.mean, 2.385, 1e-15);
    tu_assert_near(s.stderr, 0.0, 0);
    tu_assert_near(s.between, 0.0, 0);
    tu_assert_near(s.within, 0.0, 0);
    assert_true(isnan(s.share) && isnan(s.share_low) && isnan(s.share_high));
    /* group means 2.385 (g + 1): MSB = 4 x 2.385^2 x 2.5, n0 = 4 */
    s = rs_nested_summarise(&apart);
    tu_assert_near(s.within, 0.0, 0);
    tu_assert_near(s.between, 2.385 * 2.385 * 2.5, 1e-12);
    tu_assert_near(s.share, 1.0, 0);
    tu_assert_near(s.share_low, 1.0, 0);
    tu_assert_near(s.share_high, 1.0, 0);

    rs_nested one = rs_nested_empty(), singles = rs_nested_empty(), none = rs_nested_empty();
    rs_moments part = {0};
    rs_moments_add(&part, 2.385);
    rs_moments_add(&part, 0.4137);
    rs_nested_add(&one, 0, &part);
    for (int g = 0; g < 3; g++) {
        rs_moments single = {0};
        rs_moments_add(&single, 0.4137 * g);
        rs_nested_add(&singles, g, &single);
    }
    rs_nested_finish(&one);
    rs_nested_finish(&singles);
    rs_nested_finish(&none);
    s = rs_nested_summarise(&one);
    tu_assert_near(s.groups, 1, 0);
    tu_assert_near(s.mean, (2.385 + 0.4137) / 2, 1e-15);
    assert_true(isnan(s.stderr) && isnan(s.share) && isnan(s.share_low) && isnan(s.within));
    s = rs_nested_summarise(&singles);
    tu_assert_near(s.groups, 3, 0);
    assert_true(isnan(s.stderr) && isnan(s.share) && isnan(s.between));
    s = rs_nested_summarise(&none);
    tu_assert_near(s.groups, 0, 0);
    assert_true(isnan(s.mean) && isnan(s.share));
}

/* The groups whose mean is above 0 and below 0 (a group's mean, not its
 * parts': one of parts -1 and +3 is above), a mean of exactly 0 in
 * neither, a draw without values in neither. */
static void test_above_below(void **state)
{
    (void)state;
    static const double values[][2] = {{1.3, 1.3}, {-0.4137, -0.4137}, {-2.385, 2.385}, {-1.0, 3.0}, {-7.0, 0.0}};
    rs_nested a = rs_nested_empty();
    for (int g = 0; g < 5; g++)
        for (int i = 0; i < 2; i++) {
            rs_moments part = {0};
            rs_moments_add(&part, values[g][i]);
            rs_nested_add(&a, g, &part);
        }
    rs_moments empty = {0};
    rs_nested_add(&a, 5, &empty);
    rs_nested_finish(&a);
    tu_assert_near(a.groups, 5, 0);
    tu_assert_near(a.above, 2, 0);
    tu_assert_near(a.below, 2, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_example),
        cmocka_unit_test(test_simulated_share),
        cmocka_unit_test(test_no_between_variance),
        cmocka_unit_test(test_no_spread),
        cmocka_unit_test(test_above_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
