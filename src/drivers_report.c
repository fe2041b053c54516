/* drivers_report.c: rampsim drivers' table and files. */
#include "rampsim/drivers.h"

#include <math.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"

/* "the worst 10% of years", "the best 5% of years". */
static void tail_words(const rs_drivers *d, char *buf, size_t size)
{
    snprintf(buf, size, "the %s %.0f%% of replications", d->upper ? "best" : "worst", 100.0 * d->tail_share);
}

static void cell(char *buf, size_t size, double x, const char *format)
{
    if (isnan(x))
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, format, x);
}

void rs_drivers_print(FILE *out, const rs_drivers *d)
{
    char tail[64];
    tail_words(d, tail, sizeof tail);
    fprintf(out, "drivers: %s, %lld replications; %s by %s (%s)\n", d->scenario->run.name, d->replications, tail,
            d->metric, d->unit);
    fprintf(out, "  the tail: %zu replications at or %s %.4g, median %.4g there against %.4g over all\n\n",
            d->tail_rows, d->upper ? "above" : "below", d->tail_edge, d->tail_metric_median, d->metric_median);
    if (d->scenario->uncertain.count == 0)
        fprintf(out, "  No key is uncertain: the drivers are the year's luck alone.\n\n");
    fprintf(out, "  %-34s %12s %12s %13s %11s %13s\n", "driver", "overall", "in the tail", "significance",
            "rank corr.", "contribution");
    for (int i = 0; i < d->count; i++) {
        const rs_driver *r = &d->drivers[i];
        char median[32], tail_median[32], sig[32], rho[32], share[32];
        cell(median, sizeof median, r->median, "%.4g");
        cell(tail_median, sizeof tail_median, r->tail_median, "%.4g");
        cell(sig, sizeof sig, r->significance, "%+.2f");
        cell(rho, sizeof rho, r->rank_correlation, "%+.2f");
        cell(share, sizeof share, 100.0 * r->contribution, "%+.0f%%");
        fprintf(out, "  %-34s %12s %12s %13s %11s %13s\n", r->label, median, tail_median, sig, rho, share);
    }
    fprintf(out, "\n  overall and in the tail: the driver's median. Significance: how far its median moves in\n"
                 "  the tail, in standard deviations of the driver (@RISK's measure). Contribution: its share\n"
                 "  of the squared rank correlations with %s, signed as the correlation.\n",
            d->metric);
}

static rs_status write_drivers(FILE *f, const void *ctx)
{
    const rs_drivers *d = ctx;
    fprintf(f, "driver,kind,label,median,sd,tail_median,significance,rank_correlation,contribution\n");
    for (int i = 0; i < d->count; i++) {
        const rs_driver *r = &d->drivers[i];
        fprintf(f, "%s,%s,", r->name, r->kind == RS_DRIVER_INPUT ? "input" : "luck");
        rs_csv_text(f, r->label);
        double cells[] = {r->median, r->sd, r->tail_median, r->significance, r->rank_correlation,
                          100.0 * r->contribution};
        rs_csv_row_end(f, cells, sizeof cells / sizeof cells[0]);
    }
    return RS_OK;
}

int rs_drivers_spider_lines(const rs_drivers *d, int *of)
{
    int lines = 0;
    int kind = d->scenario->uncertain.count > 0 ? RS_DRIVER_INPUT : RS_DRIVER_LUCK;
    for (int i = 0; i < d->count && lines < RS_DRIVERS_SPIDER_LINES; i++)
        if (d->drivers[i].kind == kind)
            of[lines++] = i;
    return lines;
}

static rs_status write_spider(FILE *f, const void *ctx)
{
    const rs_drivers *d = ctx;
    int of[RS_DRIVERS_MAX], lines = rs_drivers_spider_lines(d, of);
    fprintf(f, "driver,label,bin,percentile,driver_mean,metric_mean\n");
    for (int i = 0; i < lines; i++) {
        const rs_driver *r = &d->drivers[of[i]];
        for (int b = 0; b < RS_DRIVERS_SPIDER_BINS; b++) {
            fprintf(f, "%s,", r->name);
            rs_csv_text(f, r->label);
            fprintf(f, ",%d", b + 1);
            double cells[] = {r->spider_percentile[b], r->spider_x[b], r->spider_y[b]};
            rs_csv_row_end(f, cells, sizeof cells / sizeof cells[0]);
        }
    }
    return RS_OK;
}

rs_status rs_drivers_write(const rs_drivers *d, const char *dir, char *err)
{
    static const rs_fs_file files[] = {{"drivers.csv", write_drivers}, {"spider.csv", write_spider}};
    return rs_fs_write_files(dir, files, sizeof files / sizeof files[0], d, err);
}
