/* embed.c: a program that embeds rampsim through its installed headers and
 * pkg-config file alone: it loads a scenario, runs it and prints the median
 * first-year team attainment. tests/test_install.sh builds and runs it. */
#include <stdio.h>

#include <rampsim/engine.h>
#include <rampsim/version.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: embed SCENARIO.ini\n");
        return 2;
    }
    char err[RS_ERRMSG_SIZE];
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return 1;
    rs_status st = rs_scenario_load(sc, argv[1], err);
    if (st == RS_OK)
        st = rs_scenario_set(sc, "run.replications=200", err);
    rs_results *results = NULL;
    if (st == RS_OK) {
        rs_engine_options options = {.threads = 2};
        st = rs_engine_run(sc, &options, &results, err);
    }
    if (st != RS_OK) {
        fprintf(stderr, "embed: %s\n", err);
        rs_scenario_free(sc);
        return st == RS_ERR_INPUT ? 2 : 1;
    }
    double median, low, high;
    rs_results_median(results, rs_layout_fy_slot(&results->layout, 0, RS_FY_TEAM_ATTAINMENT), &median, &low, &high);
    printf("rampsim %s: %lld replications, median first-year attainment %.1f%%\n", RAMPSIM_VERSION,
           results->replications, median);
    rs_results_free(results);
    rs_scenario_free(sc);
    return 0;
}
