/* gnuplot.h: running gnuplot safely on the embedded scripts of plots/ for
 * one result directory: the script's variables, the process, the part files
 * and the check that each chart is whole before any is put in place. */
#ifndef RS_GNUPLOT_H
#define RS_GNUPLOT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "rampsim/status.h"

/* The most charts one call draws. */
#define RS_GNUPLOT_MAX_CHARTS 8

/* The variables a set of charts reads, written into memory through f
 * (datadir first) before any chart is drawn. */
typedef struct rs_gnuplot_vars {
    char *text;
    size_t len;
    FILE *f;
    const char *dir;                   /* where the charts go */
    const volatile sig_atomic_t *stop; /* set: keep the earlier charts; may be NULL */
} rs_gnuplot_vars;

/* Starts the variables of charts drawn into dir, stopped early when *stop
 * (stop not NULL) is set. RS_ERR_NOMEM when out of memory; otherwise the
 * caller ends them with rs_gnuplot_draw or rs_gnuplot_discard. */
rs_status rs_gnuplot_open(rs_gnuplot_vars *v, const char *dir, const volatile sig_atomic_t *stop, char *err);

/* Writes name = value as a gnuplot string in which every byte other than
 * letters, digits and " -_.,:/+%()" is an octal escape: whatever the value
 * holds, gnuplot reads it as text, never as commands. */
void rs_gnuplot_put_string(FILE *f, const char *name, const char *value);

/* Writes name = x, with 10 significant digits, or NaN when x is not finite
 * (an infinity would print as "inf", which gnuplot takes for a variable). */
void rs_gnuplot_put_number(FILE *f, const char *name, double x);

/* Frees variables that will not be drawn. */
void rs_gnuplot_discard(rs_gnuplot_vars *v);

/* Draws each of the NULL-terminated charts (names of plots/ scripts, at
 * most RS_GNUPLOT_MAX_CHARTS) as <name>.png and <name>.svg in v->dir, then
 * frees the variables. A chart whose entry in why_not (NULL: none) gives a
 * reason is left out with a note on standard error, "rampsim: note: no fan
 * chart: <reason>". The charts are listed in the directory's manifest, drawn
 * into part files under the parent's publish lock, and put in place all
 * together only when every one is whole and no stop was asked for: the
 * charts of the directory otherwise stay as they were. RS_ERR_RUNTIME with
 * gnuplot's complaint when it fails, RS_ERR_IO when a chart is cut short,
 * RS_ERR_INTERRUPTED when stopped, or the manifest's refusal. */
rs_status rs_gnuplot_draw(const char *const *charts, const char *const *why_not, rs_gnuplot_vars *v, char *err);

#endif
