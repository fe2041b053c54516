/* fit.h: `rampsim fit`: a scenario whose pipeline, ramp and attrition keys
 * reproduce a team's own sales history, simulated with the practices the
 * history was made under (docs/fit.md). The history's statistics
 * (fit_stats.h) are matched by those of simulated histories of the same
 * team over the same weeks, on common random numbers: the method of
 * simulated moments, with each key moved in proportion to its figure's
 * miss until they agree, and standard errors from the spread of the
 * statistics over simulated histories and their slopes. Private to the
 * library. */
#ifndef RS_FIT_H
#define RS_FIT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "rampsim/scenario.h"
#include "rampsim/status.h"

#include "fit_types.h"
#include "history.h"

/* Fits `current` (the practices and every key not fitted; borrowed) to
 * the history h (borrowed; must outlive the result). On RS_OK *out holds
 * the result (free with rs_fit_result_free); RS_ERR_INPUT when the history
 * cannot be fitted at all (no opportunity; a team larger than a scenario
 * holds), RS_ERR_NOMEM, RS_ERR_INTERRUPTED, with a message in err. */
rs_status rs_fit_run(const rs_history *h, const rs_scenario *current, const rs_fit_options *o, rs_fit_result **out,
                     char *err);
void rs_fit_result_free(rs_fit_result *r);

/* The scenario key a fit key sets: "pipeline.deal_size". */
const char *rs_fit_key_name(rs_fit_key k);

/* Writes the result's files into dir: fitted.ini, fitted-roster.csv (with a
 * roster), fit-values.csv, fit-report.csv and the charts' data
 * (docs/fit.md, "What the fit writes"). RS_ERR_IO with a message. */
rs_status rs_fit_write(const rs_fit_result *r, const char *dir, char *err);

/* Prints the report: the history, each fitted value with its standard
 * error and observations, and each figure beside the fitted scenario's. */
void rs_fit_print(FILE *out, const rs_fit_result *r);

#endif
