/* rampsim/sweep.h: a scenario run across the values of one or two keys on
 * common random numbers, each point paired with its neighbour. */
#ifndef RAMPSIM_SWEEP_H
#define RAMPSIM_SWEEP_H

#include <stdio.h>

#include "rampsim/engine.h"

#define RS_SWEEP_MAX_AXES 2
#define RS_SWEEP_MAX_VALUES 201
#define RS_SWEEP_MAX_POINTS 1000

/* One varied key and its values, as text a scenario file would hold. */
typedef struct rs_sweep_axis {
    char key[96]; /* section.key */
    int n;
    char values[RS_SWEEP_MAX_VALUES][32];
} rs_sweep_axis;

/* Parses "section.key=FROM:TO:STEP" or "section.key=v1,v2,..." and checks
 * every value against `base` as --set would. The key is read as --set
 * reads it, without the blanks around it; a range is exactly three numbers
 * (blanks around each aside), a list has no empty value. RS_ERR_INPUT with
 * a message that starts "<argument>: " (the caller names the option that
 * carried it). */
rs_status rs_sweep_axis_parse(rs_sweep_axis *axis, const char *argument, const rs_scenario *base, char *err);

/* Parses the n (1 or 2) --vary arguments of a sweep into axes, as
 * rs_sweep_axis_parse, and refuses two that name one key however it is
 * written. RS_ERR_INPUT with a message that starts "<argument>: ". */
rs_status rs_sweep_axes_parse(rs_sweep_axis *axes, const char *const *arguments, int n, const rs_scenario *base,
                              char *err);

/* What a sweep keeps of each point, for every metric of summary.csv except
 * the weekly series: mean, P10, P50, P90, and the mean of the paired
 * differences from the previous point along the first axis with its 95 %
 * interval (rs_pair_difference_interval; NAN at the first). */
typedef struct rs_sweep_value {
    double mean, p10, p50, p90;
    double difference, low, high;
} rs_sweep_value;

typedef struct rs_sweep {
    int n_axes;
    rs_sweep_axis axes[RS_SWEEP_MAX_AXES];
    int points;              /* product of the axes' sizes; axis 0 varies fastest */
    int metrics;             /* reported metrics */
    char (*metric_names)[64];
    const char **metric_units;
    bool *metric_chances;      /* the metric is a chance: 0 or 100 in each replication */
    rs_sweep_value *values;  /* points x metrics */
    long long replications;
    unsigned long long seed;
    /* precision control: the target (0: none), and the widest 95 %
     * half-width of the tracked metric's mean over the points */
    double precision, half_width;
} rs_sweep;

/* Runs base at every point. On RS_OK *out holds the sweep (free with
 * rs_sweep_free). */
rs_status rs_sweep_run(const rs_scenario *base, const rs_sweep_axis *axes, int n_axes,
                       const rs_engine_options *options, rs_sweep **out, char *err);
void rs_sweep_free(rs_sweep *s);

/* The metric's index in the sweep, or -1. */
int rs_sweep_metric(const rs_sweep *s, const char *name);
static inline const rs_sweep_value *rs_sweep_at(const rs_sweep *s, int point, int metric)
{
    return &s->values[(size_t)point * (size_t)s->metrics + (size_t)metric];
}

/* The table for one metric; sweep.csv (every metric at every point) and
 * sweep-chart.csv (the chosen metric, for the charts). */
void rs_sweep_print(FILE *out, const rs_sweep *s, int metric);
rs_status rs_sweep_write(const rs_sweep *s, int metric, const char *dir, char *err);

#endif
