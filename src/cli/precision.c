/* cli/precision.c: --precision, --max-replications and --metric
 * (docs/uncertainty.md, "Precision control"). */
#include "cli/precision.h"

#include <math.h>
#include <stdlib.h>

#include "rampsim/outcome.h"
#include "valueparse.h"

rs_status rs_cli_precision_check(rs_cli_precision *p, const char *command, rs_cli_options *o, char *err)
{
    p->target = 0.0;
    if (p->max_replications && !p->precision)
        return rs_cli_usage_error(err, command, "--max-replications needs --precision H");
    if (!p->precision)
        return RS_OK;
    double h;
    if (!rs_parse_real(p->precision, &h) || !(h > 0.0))
        return rs_fail(err, RS_ERR_INPUT, "--precision must be a number above 0 (such as 0.5: points of the "
                                          "metric's unit), got %s", p->precision);
    if (o->replications)
        return rs_cli_usage_error(err, command, "-n and --precision go apart: --precision runs as many "
                                                "replications as it needs, at most --max-replications");
    if (p->max_replications) {
        long long n;
        if (!rs_parse_integer(p->max_replications, &n) || n < RS_ENGINE_CHECKPOINT || n > RS_MAX_REPLICATIONS)
            return rs_fail(err, RS_ERR_INPUT, "--max-replications must be a whole number from %d to %lld, got %s",
                           RS_ENGINE_CHECKPOINT, RS_MAX_REPLICATIONS, p->max_replications);
    }
    p->target = h;
    /* the most allowed is run.replications, read as -n reads it */
    o->replications = p->max_replications ? p->max_replications : RS_CLI_PRECISION_MAX_DEFAULT;
    return RS_OK;
}

rs_status rs_cli_precision_metric(rs_cli_precision *p, const rs_scenario *sc, char *err)
{
    p->slot = 0; /* the engine's default: first-year attainment, or bookings without a whole year */
    long long fewest = (long long)RS_PRECISION_MIN_DRAWS * sc->run.replications_per_draw;
    if (p->target > 0 && sc->uncertain.count > 0 && fewest > sc->run.replications)
        return rs_fail(err, RS_ERR_INPUT, "--precision judges uncertain inputs from at least %d of their draws, "
                       "%lld replications at run.replications_per_draw = %d, more than the %lld allowed; raise "
                       "--max-replications or lower run.replications_per_draw", RS_PRECISION_MIN_DRAWS, fewest,
                       sc->run.replications_per_draw, sc->run.replications);
    if (!p->metric)
        return RS_OK;
    rs_reported_metric found;
    const char *name = p->metric;
    rs_status st = rs_reported_metric_find(sc, name, &found, err);
    if (st != RS_OK)
        return rs_cli_name_option(st, "--metric", err);
    if (!found.paired)
        return rs_fail(err, RS_ERR_INPUT, "--metric %s: pooled over the hires, not one value a replication; "
                                          "choose a team metric such as team_attainment_fy1", name);
    p->slot = found.slot;
    return RS_OK;
}

rs_engine_options rs_cli_precision_engine(const rs_cli_precision *p, const rs_engine_options *engine, int rule)
{
    rs_engine_options e = *engine;
    e.precision = p->target;
    e.precision_rule = rule;
    e.tracked_slot = p->slot;
    return e;
}
