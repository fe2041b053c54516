/* fit_testutil.h: what the fit's test programs share: the worked
 * example's team, a history exported from a scenario as the fit reads one,
 * and a fit that fails the test on error. */
#ifndef RS_FIT_TESTUTIL_H
#define RS_FIT_TESTUTIL_H

#include "testutil.h"

#include "fit.h"
#include "history.h"

/* The command's default number of simulated histories a step. */
#define TU_FIT_HISTORIES 200

/* scenarios/fit-example.ini, the worked example's team (docs/fit.md). */
extern const char tu_fit_example[];

/* The history of replication 0 of sc at seed `seed`, as the fit reads an
 * export (its export day the latest date shown, as for a file). */
void tu_fit_export(rs_scenario *sc, uint64_t seed, rs_history *h);

/* rs_fit_run with `histories` simulated histories a step and `seed`;
 * fails the test on error. */
rs_fit_result *tu_fit(const rs_history *h, const rs_scenario *current, int histories, uint64_t seed);

#endif
