/* drivers_stats.h: which inputs of a run go with the outcomes in a tail of
 * a metric, as `rampsim drivers` reports them: each column's shift in the
 * tail (@RISK's significance), its Spearman correlation with the metric and
 * its share of the squared correlations, and the spider chart's bins. Pure
 * functions of arrays, one value a replication; private to the library. */
#ifndef RS_DRIVERS_STATS_H
#define RS_DRIVERS_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/status.h"

/* Fewest replications with a defined metric the figures are computed from:
 * below it a median, let alone a tail's, says nothing. */
#define RS_DRIVERS_MIN_ROWS 10
/* Fewest replications a tail may hold: one has no median to speak of. */
#define RS_DRIVERS_MIN_TAIL 2

/* What one column (an uncertain input or a random component) shows. */
typedef struct rs_driver_stat {
    double median, sd;       /* of the column over all rows (sd: the sample one, n - 1) */
    double tail_median;      /* of the column over the tail's rows */
    double significance;     /* (tail_median - median) / sd, as @RISK's; NAN when sd == 0 */
    double rank_correlation; /* Spearman's rho with y, ties at their average rank; NAN when either is constant */
    double contribution;     /* rho^2 / sum of every column's rho^2, with rho's sign; 0 for a NAN rho */
} rs_driver_stat;

/* Rows are replications: y[i] is the metric of replication i, columns[j][i]
 * column j's value in it. Rows whose y is NAN (a metric the replication
 * does not define) are left out of everything, as if absent; a NAN or
 * infinite column value in a row that is kept is refused.
 *
 * The tail: with m rows kept and k = ceil(q m), the rows whose y is at or
 * below the k-th smallest y (`upper` false), or at or above the k-th
 * largest (`upper` true): the order statistic, not an interpolated
 * quantile, so the tail holds at least k rows, more when y ties at its
 * edge. The two tails of a metric are mirror images. (q m is read as the
 * share was written: 0.07 of 100 rows is 7, not the 8 that ceil of its
 * binary product, 7.000000000000001, would give.)
 *
 * Fills out[0..p-1] and *tail_count and returns RS_OK. When no column has
 * a nonzero rho the contributions are NAN (there is nothing to share out).
 * Returns RS_ERR_INPUT, with the message in err (RS_ERRMSG_SIZE), when
 * fewer than RS_DRIVERS_MIN_ROWS rows have a defined y, when the tail holds
 * fewer than RS_DRIVERS_MIN_TAIL, when q is not in (0, 1), or for a value
 * refused above (columns counted from 0); RS_ERR_NOMEM when its work arrays
 * cannot be allocated. On error out and *tail_count are not written. The
 * work arrays are allocated and freed within the call. */
rs_status rs_drivers_compute(const double *y, size_t n, const double *const *columns, size_t p, double q,
                             bool upper, rs_driver_stat *out, size_t *tail_count, char *err);

/* The spider chart of one column: its m rows with a defined y (NAN y rows
 * left out, as above) in ascending order of the column, cut into `bins`
 * bins of consecutive ranks, bin b holding ranks floor(b m / bins) up to
 * floor((b + 1) m / bins) - 1, so counts differ by at most one. Rows of
 * equal value keep their row order, so that a column with few distinct
 * values still splits into bins of those counts. For each bin it writes
 * the percentile at its centre, 100 (b + 1/2) / bins (5, 15, ..., 95 for
 * 10 bins), and the means of the column and of y over its rows.
 *
 * Returns RS_OK, or RS_ERR_INPUT with the message in err when fewer than
 * RS_DRIVERS_MIN_ROWS rows have a defined y, when bins is below 1 or above
 * those rows, or for a NAN or infinite column value; RS_ERR_NOMEM when its
 * work arrays cannot be allocated. On error the outputs are not written. */
rs_status rs_drivers_spider(const double *y, size_t n, const double *column, int bins, double *percentile,
                            double *x_mean, double *y_mean, char *err);

#endif
