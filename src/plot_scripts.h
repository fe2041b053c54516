/* plot_scripts.h: the gnuplot scripts of plots/, embedded at build time by
 * cmake/embed_plots.cmake. */
#ifndef RS_PLOT_SCRIPTS_H
#define RS_PLOT_SCRIPTS_H

typedef struct rs_plot_script {
    const char *name;
    const char *text;
} rs_plot_script;

/* Terminated by an entry whose name is NULL. */
extern const rs_plot_script rs_plot_scripts[];

#endif
