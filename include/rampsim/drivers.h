/* rampsim/drivers.h: what drives the bad (or good) years: for each
 * uncertain input and each random component of the year's luck, how far
 * its median moves in the metric's tail, in standard deviations (@RISK's
 * significance), and its rank correlation with the metric and share of the
 * squared correlations (a contribution to variance); with, for the spider
 * chart, the metric's mean in each tenth of every driver's distribution
 * (docs/uncertainty.md, "What drives the tail"). */
#ifndef RAMPSIM_DRIVERS_H
#define RAMPSIM_DRIVERS_H

#include <stdbool.h>
#include <stdio.h>

#include "rampsim/engine.h"

#define RS_DRIVERS_MAX_REPLICATIONS 1000000LL
#define RS_DRIVERS_SPIDER_BINS 10
#define RS_DRIVERS_MAX (RS_UNCERTAIN_MAX + RS_LUCK_COUNT)

typedef enum { RS_DRIVER_INPUT, RS_DRIVER_LUCK } rs_driver_kind;

typedef struct rs_driver {
    char name[96];      /* the key ("coaching.max_uplift") or "luck.<component>" */
    char label[96];     /* as tables and charts name it */
    int kind;           /* rs_driver_kind */
    double median, sd, tail_median;
    double significance;     /* (tail_median - median) / sd; NAN when it does not vary */
    double rank_correlation; /* Spearman's, with the metric */
    double contribution;     /* rho^2 / sum of rho^2, signed by rho */
    /* the spider: in each tenth of the driver's distribution, its centre's
     * percentile, the driver's mean and the metric's mean */
    double spider_percentile[RS_DRIVERS_SPIDER_BINS], spider_x[RS_DRIVERS_SPIDER_BINS],
        spider_y[RS_DRIVERS_SPIDER_BINS];
} rs_driver;

typedef struct rs_drivers {
    const rs_scenario *scenario; /* borrowed */
    char metric[64];
    const char *unit;
    double tail_share; /* q: the tail is the worst (or best) q of the replications */
    bool upper;        /* the tail is the best years (higher values), not the worst */
    long long replications;
    size_t rows, tail_rows;         /* replications with the metric defined, and in the tail */
    double metric_median, tail_edge, tail_metric_median;
    int count;                      /* drivers, by |significance| descending */
    rs_driver drivers[RS_DRIVERS_MAX];
} rs_drivers;

/* Runs sc (at most RS_DRIVERS_MAX_REPLICATIONS replications) keeping each
 * replication's metric (one of summary.csv with a value a replication),
 * inputs and luck, and ranks the drivers of its tail of share q (0 < q <=
 * 0.5; upper: the best years). RS_ERR_INPUT for a metric or tail that
 * cannot be, with a message that names no option. */
rs_status rs_drivers_run(const rs_scenario *sc, const char *metric, double q, bool upper,
                         const rs_engine_options *options, rs_drivers **out, char *err);
void rs_drivers_free(rs_drivers *d);

void rs_drivers_print(FILE *out, const rs_drivers *d);
/* The drivers the spider chart draws, in spider.csv's order: the
 * uncertain inputs, most significant first, or the luck when no key is
 * uncertain; at most RS_DRIVERS_SPIDER_LINES. Fills `of` with their
 * indices in d->drivers and returns how many. */
#define RS_DRIVERS_SPIDER_LINES 8
int rs_drivers_spider_lines(const rs_drivers *d, int *of);

/* drivers.csv and spider.csv (docs/outputs.md). */
rs_status rs_drivers_write(const rs_drivers *d, const char *dir, char *err);

#endif
