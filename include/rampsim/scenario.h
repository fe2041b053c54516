/* rampsim/scenario.h: a validated scenario, the input of every run.
 *
 * A scenario holds every parameter of the model (docs/model.md); its
 * defaults and limits live in one table (src/params.h) that the loader,
 * the --set overrides and the writers share. Once rs_scenario_load (and any
 * rs_scenario_set) has returned RS_OK the scenario is complete and valid. */
#ifndef RAMPSIM_SCENARIO_H
#define RAMPSIM_SCENARIO_H

#include <stdbool.h>
#include <stdio.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

/* Allocates a scenario holding every default. Returns NULL when out of
 * memory. Free with rs_scenario_free. */
rs_scenario *rs_scenario_new(void);
void rs_scenario_free(rs_scenario *sc);
/* Deep copy; NULL when out of memory. */
rs_scenario *rs_scenario_clone(const rs_scenario *sc);

/* Reads `path` over the defaults already in sc. On error returns
 * RS_ERR_INPUT (or RS_ERR_IO for an unreadable file), fills err with
 * "path:line: message" and leaves sc partly updated: discard it. Does not
 * run the cross-field checks: call rs_scenario_validate after any --set. */
rs_status rs_scenario_load(rs_scenario *sc, const char *path, char *err);

/* Like rs_scenario_load, from text in memory; `name` stands for the file
 * in messages and in run.name's default. */
rs_status rs_scenario_load_text(rs_scenario *sc, const char *name, const char *text, char *err);

/* Like rs_scenario_load, from an open stream (read to its end, not closed). */
rs_status rs_scenario_load_stream(rs_scenario *sc, FILE *f, const char *name, char *err);

/* Applies one "section.key=value" override, validated like a file line.
 * RS_ERR_INPUT with a message that starts "--set <assignment>: ". */
rs_status rs_scenario_set(rs_scenario *sc, const char *assignment, char *err);

/* rs_scenario_set and rs_scenario_validate for a caller that names the
 * place of the value itself (a sweep's --vary): the message says only what
 * is wrong ("unknown key team.rep; did you mean team.reps?", "team.new_hires
 * (5) must not exceed team.reps (4)"), without the "--set ...: " or
 * "file:line: " in front. */
rs_status rs_scenario_set_bare(rs_scenario *sc, const char *assignment, char *err);
rs_status rs_scenario_validate_bare(rs_scenario *sc, char *err);

/* The overrides of a command line, in order: run.replications and run.seed
 * when given (as typed, NULL when not), then each "section.key=value" of
 * sets; then rs_scenario_validate. The first failure is returned. */
rs_status rs_scenario_override(rs_scenario *sc, const char *replications, const char *seed, char *const *sets,
                               int n_sets, char *err);

/* Cross-field checks (new hires within the team, a ramp table that reaches
 * ramped_at, a plan that fits when overbooked = error) and the derived
 * defaults (run.name from the file name). RS_ERR_INPUT with a message
 * naming the key and its origin. */
rs_status rs_scenario_validate(rs_scenario *sc, char *err);

/* Writes the scenario as an INI file that rs_scenario_load reads back to the
 * same values. With `document`, every key is preceded by comments giving its
 * meaning, unit, range, default and source (the `rampsim defaults` output). */
void rs_scenario_write(FILE *out, const rs_scenario *sc, bool document);

/* What coaching.prior_hours_per_month is for sc, auto resolved: the
 * coaching stock (hours a month) a veteran starts with, the explicit value
 * or the plan's steady state (planned coaching plus ride-along
 * equivalents). The model's own arithmetic is in src/manager.c. */
double rs_scenario_prior_stock(const rs_scenario *sc);

#endif
