/* vs.h: two builds of rampsim timed side by side (vs.c). */
#ifndef RS_BENCH_VS_H
#define RS_BENCH_VS_H

/* Runs the jobs named in `which` (typical, default1000, tornado,
 * calibrate) with the programs `old` and `new` in turn, `runs` times each,
 * from the source directory `source` (where scenarios/ is), and prints
 * their medians and paired ratios. Returns an exit status. */
int rs_bench_vs(const char *old, const char *new, const char *source, const char *which, int runs);

#endif
