/* minmax.h: the smaller and the larger of two doubles, for the model's
 * arithmetic, where no value is ever NaN. */
#ifndef RS_MINMAX_H
#define RS_MINMAX_H

/* fmax and fmin without their NaN rules, which keep the compiler from
 * inlining them. */
static inline double rs_max2(double a, double b)
{
    return a > b ? a : b;
}

static inline double rs_min2(double a, double b)
{
    return a < b ? a : b;
}

#endif
