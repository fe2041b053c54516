/* embedded.h: text files compiled into the program by cmake/embed.cmake, so
 * that it works from any directory and after installation. */
#ifndef RS_EMBEDDED_H
#define RS_EMBEDDED_H

typedef struct rs_embedded_file {
    const char *name; /* file name without directory and extension */
    const char *text;
} rs_embedded_file;

/* The gnuplot scripts of plots/, each terminated by a NULL name. */
extern const rs_embedded_file rs_plot_scripts[];
/* The claim scenarios of scenarios/ that `rampsim calibrate` runs. */
extern const rs_embedded_file rs_claim_scenarios[];

#endif
