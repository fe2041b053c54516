/* crm_write.c: a history written as a CRM's export (see crm_write.h). */
#include "crm_write.h"

#include <math.h>
#include <stdio.h>

#include "rampsim/outcome.h"

#include "csv.h"
#include "dates.h"
#include "fsutil.h"
#include "model.h"

static const char *const stage_names[] = {
    [RS_OPP_OPEN] = "Open", [RS_OPP_WON] = "Closed Won", [RS_OPP_LOST] = "Closed Lost"};

/* A cell holding a date, or nothing for RS_DAY_NONE. */
static void date_cell(FILE *f, rs_day day)
{
    char text[16];
    if (day == RS_DAY_NONE)
        return;
    rs_date_format(day, text, sizeof text);
    fputs(text, f);
}

rs_status rs_crm_write_opportunities(FILE *f, const rs_history *h)
{
    fputs("Opportunity Owner,Created Date,Close Date,Amount,Stage\n", f);
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        if (o->owner >= 0 && (size_t)o->owner < h->rep_count)
            rs_csv_text(f, h->reps[o->owner].name);
        fputc(',', f);
        date_cell(f, o->created);
        fputc(',', f);
        date_cell(f, o->outcome == RS_OPP_OPEN ? RS_DAY_NONE : o->closed);
        fputc(',', f);
        /* as a CRM's report writes money: two decimals, no separators */
        if (isfinite(o->amount))
            fprintf(f, "%.2f", o->amount);
        fprintf(f, ",%s\n", stage_names[o->outcome]);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_crm_write_roster(FILE *f, const rs_history *h)
{
    fputs("name,hired,left\n", f);
    for (size_t i = 0; i < h->rep_count; i++) {
        const rs_history_rep *r = &h->reps[i];
        rs_csv_text(f, r->name);
        fputc(',', f);
        date_cell(f, r->hired);
        fputc(',', f);
        date_cell(f, r->left);
        fputc('\n', f);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status write_opportunities(FILE *f, const void *h)
{
    return rs_crm_write_opportunities(f, h);
}

static rs_status write_roster(FILE *f, const void *h)
{
    return rs_crm_write_roster(f, h);
}

rs_status rs_crm_write(const rs_history *h, const char *dir, char *err)
{
    static const rs_fs_file files[] = {{RS_CRM_OPPORTUNITIES, write_opportunities}, {RS_CRM_ROSTER, write_roster}};
    return rs_fs_write_files(dir, files, sizeof files / sizeof files[0], h, err);
}

/* The export's own workspace: a model, its layout and an outcome. */
typedef struct export_run {
    rs_layout layout;
    rs_model *model;
    rs_outcome *outcome;
    rs_history history;
} export_run;

/* Replication r's history, written into dir (n = 1) or its folder there. */
static rs_status export_one(export_run *x, const rs_scenario *sc, int n, int r, const char *dir, char *err)
{
    rs_status st = rs_model_run_history(x->model, (uint32_t)r, x->outcome, &x->history, sc->run.start_date);
    if (st != RS_OK)
        return rs_fail(err, st, "out of memory while recording replication %d for the CRM export", r + 1);
    if (n == 1)
        return rs_crm_write(&x->history, dir, err);
    char name[32], sub[RS_PATH_MAX];
    snprintf(name, sizeof name, "replication-%d", r + 1);
    st = rs_fs_make_subdir(dir, name, sub, err);
    return st == RS_OK ? rs_crm_write(&x->history, sub, err) : st;
}

rs_status rs_crm_export(const rs_scenario *sc, int n, const char *dir, volatile sig_atomic_t *interrupted,
                        char *err)
{
    if (!sc->run.has_start_date)
        return rs_fail(err, RS_ERR_INPUT, "a CRM export needs run.start_date, the date of week 0");
    if (n < 1 || n > RS_CRM_MAX_REPLICATIONS)
        return rs_fail(err, RS_ERR_INPUT, "a CRM export takes 1 to %d replications, got %d",
                       RS_CRM_MAX_REPLICATIONS, n);
    export_run x = {0};
    rs_history_init(&x.history);
    rs_status st = rs_layout_init(&x.layout, sc);
    if (st == RS_OK) {
        x.model = rs_model_new(sc, &x.layout, NULL);
        x.outcome = rs_outcome_new(&x.layout);
        if (!x.model || !x.outcome)
            st = rs_fail(err, RS_ERR_NOMEM, "out of memory for the CRM export's workspace");
    } else {
        st = rs_fail(err, st, "out of memory for the CRM export's workspace");
    }
    for (int r = 0; st == RS_OK && r < n; r++)
        st = interrupted && *interrupted ? RS_ERR_INTERRUPTED : export_one(&x, sc, n, r, dir, err);
    rs_history_free(&x.history);
    rs_outcome_free(x.outcome);
    rs_model_free(x.model);
    rs_layout_free(&x.layout);
    return st;
}
