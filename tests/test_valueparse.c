/* test_valueparse.c: the value forms a scenario file accepts and refuses. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "valueparse.h"

static void test_reals(void **state)
{
    (void)state;
    double x;
    assert_true(rs_parse_real("2.385", &x));
    tu_assert_near(x, 2.385, 0);
    assert_true(rs_parse_real("-1e3", &x));
    tu_assert_near(x, -1000, 0);
    /* 1e999 overflows and 1e-400 underflows: neither is the number written */
    const char *bad[] = {"", "abc", "nan", "inf", "0x1p3", "1.2.3", "3 4", "1e999", "1e-400", "--1", "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(rs_parse_real(bad[i], &x));
}

static void test_integers(void **state)
{
    (void)state;
    long long n;
    uint64_t u;
    assert_true(rs_parse_integer("-17", &n));
    assert_int_equal(n, -17);
    assert_false(rs_parse_integer("1.5", &n));
    assert_false(rs_parse_integer("1e3", &n));
    assert_false(rs_parse_integer("99999999999999999999", &n));
    assert_true(rs_parse_uint64("18446744073709551615", &u));
    assert_true(u == UINT64_MAX);
    assert_false(rs_parse_uint64("-1", &u));
    assert_false(rs_parse_uint64("18446744073709551616", &u));
}

/* A share is the number written, or the percentage written over 100,
 * correctly rounded: exactly 23.85 / 100.0, so within one ulp of 0.2385
 * (2.8e-17: 23.85 is rounded once itself, the quotient again); an error of
 * 1e-9 is 36 million ulps. */
static void test_fractions_and_hours(void **state)
{
    (void)state;
    double x;
    assert_true(rs_parse_fraction("30%", &x));
    tu_assert_near(x, 0.30, 0); /* 30 / 100.0 rounds to the double nearest 0.3 */
    assert_true(rs_parse_fraction("23.85 %", &x));
    tu_assert_near(x, 23.85 / 100.0, 0);
    tu_assert_near(x, 0.2385, nextafter(0.2385, 1.0) - 0.2385);
    assert_true(rs_parse_fraction(" 2.385e1% ", &x));
    tu_assert_near(x, 23.85 / 100.0, 0);
    assert_true(rs_parse_fraction("0.2385", &x));
    tu_assert_near(x, 0.2385, 0);
    assert_true(rs_parse_fraction("1e-9%", &x));
    tu_assert_near(x, 1e-11, nextafter(1e-11, 1.0) - 1e-11);
    assert_false(rs_parse_fraction("%", &x));
    assert_false(rs_parse_fraction("30%%", &x));
    assert_true(rs_parse_hours("1.5h", &x));
    tu_assert_near(x, 1.5, 0);
    assert_true(rs_parse_hours("2.385 H", &x));
    tu_assert_near(x, 2.385, 0);
    assert_true(rs_parse_hours("2.385", &x));
    tu_assert_near(x, 2.385, 0);
    assert_false(rs_parse_hours("h", &x));
}

static void test_money(void **state)
{
    (void)state;
    struct {
        const char *text;
        double value;
    } good[] = {{"28000", 28000},     {"28,000", 28000},   {"$28,000", 28000},   {"$28K", 28000},
                {"28k", 28000},       {"1.2M", 1.2e6},     {"$1,234,567.5", 1234567.5},
                {"2bn", 2e9},         {"\xe2\x82\xac 418,000", 418000}, {"$1.125M", 1.125e6}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        double x = -1;
        assert_true(rs_parse_money(good[i].text, &x));
        tu_assert_near(x, good[i].value, 0); /* each is a whole number of units, exact */
    }
    /* "418.000" would be 418 thousand in much of the world: refused. */
    const char *bad[] = {"418.000", "41,80,00", "1,2345", ",123", "123,", "$", "28KK", "k", "28 000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double x;
        if (rs_parse_money(bad[i], &x))
            fail_msg("accepted %s as %g", bad[i], x);
    }
}

static void test_bools(void **state)
{
    (void)state;
    bool b = false;
    assert_true(rs_parse_bool("Yes", &b));
    assert_true(b);
    assert_true(rs_parse_bool("off", &b));
    assert_false(b);
    assert_false(rs_parse_bool("yep", &b));
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(rs_edit_distance("team", "team"), 0);
    assert_int_equal(rs_edit_distance("tema", "team"), 1); /* a swap */
    assert_int_equal(rs_edit_distance("coachng", "coaching"), 1);
    assert_int_equal(rs_edit_distance("abc", "xyz"), 3);
}

static void test_format_round_trip(void **state)
{
    (void)state;
    double values[] = {0.1, 2.385, 1.0 / 3.0, 418000, 1e-9, 123456789.123456789};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char buf[64];
        double back;
        rs_format_real(values[i], buf, sizeof buf);
        assert_true(rs_parse_real(buf, &back));
        assert_true(back == values[i]);
    }
}

/* What a message shows of bad bytes: \xNN for anything a reader could not
 * see or a terminal would act on; valid, visible UTF-8 as it is, except in
 * names (ASCII only). */
static void test_escape(void **state)
{
    (void)state;
    char buf[128];
    struct {
        const char *in;
        bool ascii_only;
        const char *out;
    } cases[] = {
        {"plain text", false, "plain text"},
        {"caf\xc3\xa9 \xe2\x82\xac", false, "caf\xc3\xa9 \xe2\x82\xac"},      /* UTF-8 stays */
        {"caf\xc3\xa9", true, "caf\\xc3\\xa9"},                           /* not in a name */
        {"caf\xe9", false, "caf\\xe9"},                                    /* Latin-1 */
        {"a\tb\nc\x1b[1m\x7f", false, "a\\x09b\\x0ac\\x1b[1m\\x7f"},          /* controls */
        {"\xef\xbb\xbf" "key", false, "\\xef\\xbb\\xbf" "key"},               /* BOM */
        {"a\xe2\x80\x8b" "b\xe2\x80\xae" "c", false, "a\\xe2\\x80\\x8b" "b\\xe2\\x80\\xae" "c"}, /* zero width, bidi */
        {"\xc2\x9b" "2J", false, "\\xc2\\x9b" "2J"},                         /* C1 CSI */
        {"\xc0\xaf\xed\xa0\x80", false, "\\xc0\\xaf\\xed\\xa0\\x80"},         /* overlong, surrogate */
        {"\xf0\x9f\x98\x80", false, "\xf0\x9f\x98\x80"},                   /* an emoji is visible */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_escape(cases[i].in, cases[i].ascii_only, buf, sizeof buf);
        if (strcmp(buf, cases[i].out) != 0)
            fail_msg("case %zu: got %s, expected %s", i, buf, cases[i].out);
    }
    /* cut between characters, never inside an escape or a sequence */
    assert_string_equal(rs_escape("ab\x01", false, buf, 6), "ab");
    assert_string_equal(rs_escape("ab\x01", false, buf, 7), "ab\\x01");
    assert_string_equal(rs_escape("a\xc3\xa9", false, buf, 3), "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reals),         cmocka_unit_test(test_integers),
        cmocka_unit_test(test_fractions_and_hours), cmocka_unit_test(test_money),
        cmocka_unit_test(test_bools),         cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_format_round_trip), cmocka_unit_test(test_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
