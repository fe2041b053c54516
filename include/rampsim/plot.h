/* rampsim/plot.h: charts of a result directory, drawn by gnuplot from the
 * scripts in plots/ (compiled into the program). */
#ifndef RAMPSIM_PLOT_H
#define RAMPSIM_PLOT_H

#include <signal.h>
#include <stdbool.h>

#include "rampsim/scenario.h"

/* Whether a gnuplot program is on PATH. */
bool rs_plot_available(void);

/* Every drawing function below draws into dir, whatever its name: gnuplot
 * runs inside it and sees no byte of the path or of a string as script. A
 * chart with nothing to show (a one-week line, a metric undefined at every
 * point) is left out with a note on standard error, "rampsim: note: no fan
 * chart: ...", and the others drawn. The new charts replace the earlier
 * ones all together, and only when every one is drawn whole; otherwise
 * RS_ERR_RUNTIME with gnuplot's complaint when it fails, or RS_ERR_IO when
 * a chart it wrote is cut short (a full disk: gnuplot exits 0). */

/* Draws every chart of the results in dir (which holds the CSV files and
 * scenario.ini of one run) into dir, only if *stop (when stop is not NULL)
 * is still 0 at the end; RS_ERR_INTERRUPTED otherwise. RS_ERR_INPUT when
 * dir is not a result directory, or when a file the charts read is not a
 * regular file (a FIFO, a link, a device), before any is read. */
rs_status rs_plot_dir(const char *dir, const volatile sig_atomic_t *stop, char *err);

/* Whether dir holds the results of rampsim fit rather than of a run: it
 * has a fit-report.csv or a fit-deal-sizes.csv, of whatever kind. */
bool rs_plot_is_fit_dir(const char *dir);

/* Draws the charts of a fit's result directory dir (rampsim fit) into dir,
 * each whose CSV file is there: fit_deal_sizes (fit-deal-sizes.csv),
 * fit_cycles (fit-cycles.csv), fit_ramp (fit-ramp.csv, written only with a
 * roster) and fit_win_rate (fit-win-rate.csv); one whose file is missing or
 * has nothing to draw (no observed or fitted figure) is left out with a
 * note. Stops as rs_plot_dir does. Every
 * file there is checked before gnuplot reads any: RS_ERR_INPUT when one is
 * not a regular file, lacks a column, or has a cell that is not what its
 * column holds ("DIR/fit-cycles.csv:7: observed must be a number, got
 * abc"), and when dir holds none of the four. */
rs_status rs_plot_fit_dir(const char *dir, const volatile sig_atomic_t *stop, char *err);

/* Draws the calibration charts of a directory written by rampsim calibrate
 * (calibrate.csv, calibrate-c6.csv, calibrate-practices.csv); replications
 * goes into the titles, quarters is the number of quarters in
 * calibrate-c6.csv, claims and bounds the rows of each in calibrate.csv. */
rs_status rs_plot_calibration(const char *dir, long long replications, int quarters, int claims, int bounds,
                              char *err);

/* Draws the comparison charts of a directory written by rampsim compare,
 * for k scenarios of which the first `years` fiscal years are covered. */
rs_status rs_plot_comparison(const char *dir, int k, int years, char *err);

/* Which values of a sweep's keys lie beyond the evidence (rampsim/evidence.h):
 * x[i] for the i-th of the nx values of the first key, y for the second;
 * NULL where nothing is beyond. */
typedef struct rs_plot_beyond {
    const bool *x, *y;
    int nx, ny;
} rs_plot_beyond;

/* Draws a sweep's chart: the response curve of `metric` against xkey, or
 * with ykey (not NULL) its heat map, with the values in `beyond` (NULL:
 * none) marked as beyond the evidence: shaded on the curve, hatched and
 * bounded on the heat map. */
rs_status rs_plot_sweep(const char *dir, const char *metric, const char *unit, const char *xkey, const char *ykey,
                        const rs_plot_beyond *beyond, char *err);

/* Draws the tornado of the keys in tornado.csv (the first `bars` of them;
 * none is a note: no key was ranked). */
rs_status rs_plot_tornado(const char *dir, const char *metric, const char *unit, double base, double swing, int bars,
                          char *err);

/* Draws the drivers' chart (the significance of each of the `bars`
 * drivers in drivers.csv) and the spider chart of the first `lines`
 * drivers of spider.csv, named by labels: `upper` and `tail_share` say
 * which tail. */
rs_status rs_plot_drivers(const char *dir, const char *metric, const char *unit, bool upper, double tail_share,
                          int bars, const char *const *labels, int lines, char *err);

#endif
