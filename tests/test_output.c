/* test_output.c: a mean difference and its interval print with enough
 * decimals that a nonzero interval never looks like a single value, and
 * never as "-0". */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rampsim/output.h"
#include "rng.h"

static const char *formatted(double difference, double low, double high, int decimals)
{
    static char buf[128];
    rs_format_difference(buf, sizeof buf, difference, low, high, decimals);
    return buf;
}

/* The cases `rampsim compare` printed as zero-width or "-0" (1 against
 * 1.01 coaching hours a month), at the table's own decimals. */
static void test_narrow_intervals_get_their_digits(void **state)
{
    (void)state;
    /* first-year attainment, once "+0.0 (+0.0 to +0.0)" */
    assert_string_equal(formatted(0.02017545849, 0.01060931512, 0.02974160186, 1), "+0.0202 (+0.0106 to +0.0297)");
    /* reps at quota, once "+0 (-0 to +0)" */
    assert_string_equal(formatted(0.01716001716, -0.02280000000, 0.06544321000, 0), "+0.017 (-0.023 to +0.065)");
    /* pipeline to quota, once "-0.00 (-0.00 to -0.00)" */
    assert_string_equal(formatted(-0.0001584057256, -0.0002061919738, -0.0001106194774, 2),
                        "-0.000158 (-0.000206 to -0.000111)");
    /* won-deal size, once "-0 (-2 to +1)" */
    assert_string_equal(formatted(-0.408652853, -1.752340306, 0.9350345998, 0), "-0.4 (-1.8 to +0.9)");
    /* wide intervals keep the table's decimals */
    assert_string_equal(formatted(805.3594522, 458.1563319, 1152.562573, 0), "+805 (+458 to +1153)");
    assert_string_equal(formatted(8.0385, 7.8271, 8.2419, 1), "+8.04 (+7.83 to +8.24)");
    assert_string_equal(formatted(-12.385, -31.2, 6.9, 1), "-12.4 (-31.2 to +6.9)");
}

static void test_zero_and_constant_differences(void **state)
{
    (void)state;
    assert_string_equal(formatted(0.0, 0.0, 0.0, 1), "0 (all replications equal)");
    assert_string_equal(formatted(-0.0, -0.0, -0.0, 2), "0 (all replications equal)");
    assert_string_equal(formatted(100.0, 100.0, 100.0, 0), "+100 (in every replication)");
    assert_string_equal(formatted(-2.385, -2.385, -2.385, 1), "-2.4 (in every replication)");
    /* a constant too small for the table's decimals still shows */
    assert_string_equal(formatted(0.0017, 0.0017, 0.0017, 1), "+0.0017 (in every replication)");
    /* an end that rounds to zero is 0, unsigned */
    assert_string_equal(formatted(0.3, -0.00004, 0.6, 0), "+0.30 (0.00 to +0.60)");
    assert_string_equal(formatted(-0.3, -0.6, 0.00004, 0), "-0.30 (-0.60 to 0.00)");
    /* no difference to show */
    assert_string_equal(formatted(NAN, NAN, NAN, 1), "");
    /* truncated like snprintf */
    char small[8];
    rs_format_difference(small, sizeof small, 805.3594522, 458.1563319, 1152.562573, 0);
    assert_string_equal(small, "+805 (+");
}

/* A figure without an interval (the extra hours of compare's return
 * table): two significant digits at least, 0 unsigned. */
static void test_signed_figures(void **state)
{
    (void)state;
    char buf[64];
    static const struct {
        double x;
        int decimals;
        const char *text;
    } cases[] = {
        {1.800891923, 0, "+1.8"}, {805.3594522, 0, "+805"}, {-0.4, 0, "-0.40"},
        {0.0, 0, "0"},           {-0.0, 1, "0.0"},         {-2385.2, 1, "-2385.2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_format_signed(buf, sizeof buf, cases[i].x, cases[i].decimals);
        assert_string_equal(buf, cases[i].text);
    }
    rs_format_signed(buf, sizeof buf, NAN, 0);
    assert_string_equal(buf, "");
    /* a difference with no interval prints as its figure alone */
    assert_string_equal(formatted(-0.4, NAN, NAN, 0), "-0.40");
}

/* Intervals of every scale and position, at every table's decimals: the
 * two ends of a nonzero interval always print differently, the figures
 * never as a signed zero, and each printed figure is the value rounded. */
static void test_nonzero_intervals_never_print_as_one_value(void **state)
{
    (void)state;
    rs_stream s;
    rs_stream_start(&s, rs_rng_key(2385), 0, RS_RNG_TEST, 2, 0, 0);
    for (int i = 0; i < 200000; i++) {
        double scale = pow(10.0, 12.0 * rs_stream_uniform(&s) - 8.0); /* 1e-8 to 1e4 */
        double centre = scale * (4.0 * rs_stream_uniform(&s) - 2.0);
        double below = scale * pow(10.0, -3.0 * rs_stream_uniform(&s)), above = scale * rs_stream_uniform(&s);
        int decimals = (int)(4 * rs_stream_uniform(&s));
        double low = centre - below, high = centre + above;
        char buf[128], d[48], a[48], b[48];
        rs_format_difference(buf, sizeof buf, centre, low, high, decimals);
        if (sscanf(buf, "%47s (%47s to %47[^)])", d, a, b) != 3)
            fail_msg("%s: not \"difference (low to high)\"", buf);
        if (strcmp(a, b) == 0)
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
        if (tu_signed_zero(buf))
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
        double shown_low = strtod(a, NULL), shown_high = strtod(b, NULL);
        if (fabs(shown_low - low) > 0.25 * (high - low) || fabs(shown_high - high) > 0.25 * (high - low))
            fail_msg("[%.10g, %.10g] printed as %s", low, high, buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_narrow_intervals_get_their_digits),
        cmocka_unit_test(test_zero_and_constant_differences),
        cmocka_unit_test(test_signed_figures),
        cmocka_unit_test(test_nonzero_intervals_never_print_as_one_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
