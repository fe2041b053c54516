/* cli/precision.h: the options run, compare and sweep share for precision
 * control and the metric it watches: --precision H (run until the 95 %
 * half-width of the metric's mean, or of the paired difference, is at most
 * H), --max-replications N (the most it may take) and --metric NAME. */
#ifndef RS_CLI_PRECISION_H
#define RS_CLI_PRECISION_H

#include <stddef.h>

#include "cli/options.h"
#include "rampsim/engine.h"

#define RS_CLI_PRECISION_MAX_DEFAULT "100000"

typedef struct rs_cli_precision {
    const char *precision, *max_replications, *metric; /* as typed; NULL when not given */
    double target;   /* 0: no precision control */
    size_t slot;     /* the metric's slot once the scenario is read */
} rs_cli_precision;

/* Its three entries of a command's own options. */
#define RS_CLI_PRECISION_OPTIONS(p)                                                                            \
    {.name = "precision", .value = &(p)->precision}, {.name = "max-replications", .value = &(p)->max_replications}, \
        {.name = "metric", .value = &(p)->metric}

/* The options' help lines, the same for every command that takes them. */
#define RS_CLI_PRECISION_HELP                                                                                  \
    "      --metric NAME       the metric the uncertain inputs' share and --precision\n"                       \
    "                          report on (default team_attainment_fy1, or\n"                                 \
    "                          team_bookings_total within a fiscal year)\n"                                  \
    "      --precision H       run until the 95% interval of the metric's mean is\n"                           \
    "                          within +-H (for compare: of the difference); prints\n"                          \
    "                          how many replications it took\n"                                                \
    "      --max-replications N\n"                                                                             \
    "                          the most --precision may run (default " RS_CLI_PRECISION_MAX_DEFAULT ")\n"

/* Checks the options as typed, before any scenario is read, and with
 * --precision makes the replications the most allowed (o->replications):
 * RS_ERR_INPUT for a bad number, for -n beside --precision, or for
 * --max-replications without it. */
rs_status rs_cli_precision_check(rs_cli_precision *p, const char *command, rs_cli_options *o, char *err);

/* Finds --metric in sc, a metric with one value a replication; without
 * --metric, the engine's default (rs_engine_options.tracked_slot 0). */
rs_status rs_cli_precision_metric(rs_cli_precision *p, const rs_scenario *sc, char *err);

/* engine with the precision target, its rule and the metric's slot. */
rs_engine_options rs_cli_precision_engine(const rs_cli_precision *p, const rs_engine_options *engine, int rule);

#endif
