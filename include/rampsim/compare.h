/* rampsim/compare.h: the report of scenarios run together on common random
 * numbers (rs_engine_compare): each scenario's median with its interval,
 * and against the first scenario the mean of the paired differences with
 * its interval (rs_pair_difference_interval) and the share of replications
 * in which it did better. */
#ifndef RAMPSIM_COMPARE_H
#define RAMPSIM_COMPARE_H

#include <stdio.h>

#include "rampsim/engine.h"

/* A set of compared scenarios: k results, their pairs, their labels. */
typedef struct rs_compare_set {
    int k;
    rs_results **results;
    const rs_comparison *comparison;
    const char *const *labels; /* one per scenario, for tables and columns */
} rs_compare_set;

/* The table a person reads at a glance. */
void rs_compare_print(FILE *out, const rs_compare_set *set);

/* compare.csv (every scalar and fiscal-year metric), compare-attainment.csv,
 * compare-quarters.csv and compare-manager.csv, for the charts (see
 * docs/outputs.md). RS_ERR_IO with the file's name on failure. */
rs_status rs_compare_write(const rs_compare_set *set, const char *dir, char *err);

#endif
