/* crm_write.h: a team's history (history.h) written as a CRM export looks,
 * in the form `rampsim fit` reads: opportunities.csv and roster.csv
 * (docs/outputs.md, "CRM export"); and `run --export-crm`, which writes
 * the histories of a scenario's first replications so. Private to the
 * library. */
#ifndef RS_CRM_WRITE_H
#define RS_CRM_WRITE_H

#include <signal.h>
#include <stdio.h>

#include "rampsim/scenario.h"
#include "rampsim/status.h"

#include "history.h"

#define RS_CRM_OPPORTUNITIES "opportunities.csv"
#define RS_CRM_ROSTER "roster.csv"
#define RS_CRM_MAX_REPLICATIONS 1000 /* --export-crm-replications */

/* Writes h's opportunities to f, a header row and a row each in h's order:
 * "Opportunity Owner,Created Date,Close Date,Amount,Stage", dates as
 * YYYY-MM-DD, the close date blank while open, the amount with two
 * decimals (blank when unknown), the stage "Closed Won", "Closed Lost" or
 * "Open"; an owner's name is quoted as RFC 4180 has it when it needs to
 * be. RS_ERR_IO when the stream has failed (ferror). */
rs_status rs_crm_write_opportunities(FILE *f, const rs_history *h);

/* Writes h's reps to f as "name,hired,left", a row each, a date blank
 * when unknown (left: still on the team). RS_ERR_IO as above. */
rs_status rs_crm_write_roster(FILE *f, const rs_history *h);

/* Writes both files of h into dir, a result directory (fsutil.h), each
 * claimed in its manifest before it is created. RS_ERR_IO naming the file
 * when one cannot be written. */
rs_status rs_crm_write(const rs_history *h, const char *dir, char *err);

/* Runs replications 0 .. n - 1 of sc (1 <= n <= RS_CRM_MAX_REPLICATIONS)
 * on a workspace of its own, one thread, with the draws rs_engine_run
 * gives them (rs_model_run_history), and writes each one's history into
 * the result directory dir: for n = 1 the two files in dir, otherwise in
 * dir/replication-K for K = 1 .. n (each a result directory of its own,
 * listed in dir's manifest). RS_ERR_INPUT when sc has no run.start_date;
 * RS_ERR_INTERRUPTED once *interrupted is set (looked at before each
 * replication; NULL: never); RS_ERR_NOMEM, RS_ERR_IO. What it wrote before
 * a failure stays in dir, for the caller to remove (rs_fs_remove). */
rs_status rs_crm_export(const rs_scenario *sc, int n, const char *dir, volatile sig_atomic_t *interrupted,
                        char *err);

#endif
