/* fit_testutil.c: see fit_testutil.h. */
#include "fit_testutil.h"

#include "model.h"

const char tu_fit_example[] =
    "[run]\nstart_date = 2025-01-06\nhorizon_weeks = 104\n[team]\nreps = 20\nnew_hires = 6\n";

void tu_fit_export(rs_scenario *sc, uint64_t seed, rs_history *h)
{
    sc->run.seed = seed;
    rs_layout layout;
    assert_int_equal(rs_layout_init(&layout, sc), RS_OK);
    rs_model *m = rs_model_new(sc, &layout, NULL);
    rs_outcome *out = rs_outcome_new(&layout);
    assert_non_null(m);
    assert_non_null(out);
    rs_history_init(h);
    assert_int_equal(rs_model_run_history(m, 0, out, h, sc->run.start_date), RS_OK);
    h->export_day = RS_DAY_NONE;
    rs_outcome_free(out);
    rs_model_free(m);
    rs_layout_free(&layout);
}

rs_fit_result *tu_fit(const rs_history *h, const rs_scenario *current, int histories, uint64_t seed)
{
    char err[RS_ERRMSG_SIZE];
    rs_fit_options o = {.replications = histories, .seed = seed};
    rs_fit_result *r = NULL;
    if (rs_fit_run(h, current, &o, &r, err) != RS_OK)
        fail_msg("fit: %s", err);
    return r;
}
