/* fuzz_check.h: the properties both fuzz targets check on every input.
 *
 * Beyond "no crash, no leak, no hang" (the sanitizers' job), a rejected input
 * must come with a message that says where, and an accepted scenario must
 * survive being written out and read back: the resolved scenario.ini of a
 * run is how users reproduce it. A broken property aborts, which libFuzzer
 * and the replay driver both report as a failure. */
#ifndef RAMPSIM_FUZZ_CHECK_H
#define RAMPSIM_FUZZ_CHECK_H

#include "rampsim/scenario.h"

/* A failed load, --set or validation: a known status and a one-line message
 * that starts with `prefix`. */
void fuzz_check_rejection(rs_status status, const char *err, const char *prefix);

/* An accepted scenario: written (plain and documented) and read back, it
 * validates and writes the same text again. */
void fuzz_check_round_trip(const rs_scenario *sc);

#endif
