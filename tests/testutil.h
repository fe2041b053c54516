/* testutil.h: helpers shared by the test programs. */
#ifndef RS_TESTUTIL_H
#define RS_TESTUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* cmocka 1.1.5's assert_float_equal casts both sides to float, so it
 * compares doubles to about 1e-7 whatever tolerance is written: the build
 * fails where it comes back. Use tu_assert_near. */
#undef assert_float_equal
#define assert_float_equal(...) _Static_assert(0, "assert_float_equal compares as float: use tu_assert_near")

#include "rampsim/engine.h"
#include "rampsim/scenario.h"

/* Writes text to a fresh temporary .ini file; returns its path (static). */
const char *tu_write_ini(const char *text);
/* The same for a .csv file, in a path of its own (static). */
const char *tu_write_csv(const char *text);

/* A validated scenario from INI text; fails the test on error. */
rs_scenario *tu_scenario(const char *text);

/* Applies "section.key=value" overrides (NULL-terminated) as --set
 * would, then validates; fails the test on error. */
void tu_set(rs_scenario *sc, ...);

/* Loads INI text, expecting failure; returns the message (static). */
const char *tu_load_error(const char *text, rs_status expected);

/* Runs sc with `threads` threads; fails the test on error. */
rs_results *tu_run(const rs_scenario *sc, int threads);

/* Two scenarios run by the model directly, replication by replication on
 * the same draws (the second model shares the first's tables), for tests
 * of what pairs on common random numbers. tu_pair_run runs replication r of
 * both; a and b hold its outcomes. */
typedef struct tu_pair {
    rs_layout layout_a, layout_b;
    struct rs_model *model_a, *model_b;
    rs_outcome *a, *b;
} tu_pair;
void tu_pair_init(tu_pair *p, const rs_scenario *a, const rs_scenario *b);
void tu_pair_run(tu_pair *p, uint32_t r);
void tu_pair_free(tu_pair *p);

/* Makes an empty result directory, as a command does before writing into
 * it (a temporary directory with its manifest); its path goes to dir (size
 * RS_PATH_MAX). Fails the test on error. */
void tu_result_dir(char *dir);

/* True when s holds a figure that is a signed zero: "-0", "+0.00", ... */
bool tu_signed_zero(const char *s);

/* Asserts |actual - expected| <= tolerance, printing all three. */
#define tu_assert_near(actual, expected, tolerance)                                                    \
    tu_assert_near_impl((actual), (expected), (tolerance), #actual, __FILE__, __LINE__)
void tu_assert_near_impl(double actual, double expected, double tolerance, const char *what, const char *file,
                         int line);

#endif
