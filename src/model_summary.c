/* model_summary.c: what a replication reports, from the totals its weeks
 * left in the workspace: attainment by fiscal year and quarter, the weekly
 * series, rates and counts (docs/model.md, "Choices where the reference is
 * silent": quota, fiscal years and quarters, rates). */
#include "model_summary.h"

#include <math.h>

#include "rampsim/calendar.h"

/* Attainment in percent of a span of weeks, with `gone` weeks before week
 * 0 counted at the year-to-date attainment. */
static double attainment(const rs_model *m, int first, int weeks, int gone, double *bookings, double *quota)
{
    double b = 0.0, q = 0.0;
    for (int w = first; w < first + weeks; w++) {
        b += m->week_bookings[w];
        q += m->week_quota[w];
    }
    *bookings = b;
    *quota = q;
    double q_gone = gone * m->week_quota[0];
    double denominator = q_gone + q;
    return denominator > 0.0 ? 100.0 * (m->sc->run.ytd_attainment * q_gone + b) / denominator : NAN;
}

/* The fiscal years', the quarters' and the weeks' slots. */
static void summarise_periods(const rs_model *m, rs_outcome *out)
{
    const rs_layout *l = m->layout;
    double *v = out->values;
    int H = l->horizon;
    double b, q;
    for (int k = 0; k < l->fiscal_years; k++) {
        int first = k == 0 ? 0 : l->fy1_weeks + RS_WEEKS_PER_YEAR * (k - 1);
        int weeks = k == 0 ? l->fy1_weeks : RS_WEEKS_PER_YEAR;
        int gone = k == 0 ? m->sc->run.start_week : 0;
        v[rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT)] = attainment(m, first, weeks, gone, &b, &q);
        v[rs_layout_fy_slot(l, k, RS_FY_BOOKINGS)] = b;
        v[rs_layout_fy_slot(l, k, RS_FY_QUOTA)] = q;
    }
    for (int k = 0; k < l->quarters; k++) {
        const rs_quarter_span *span = &l->quarter_spans[k];
        v[l->quarter + (size_t)k] = attainment(m, span->first_week, span->weeks, span->gone_weeks, &b, &q);
    }
    double cum_b = 0.0, cum_q = 0.0;
    for (int w = 0; w < H; w++) {
        cum_b += m->week_bookings[w];
        cum_q += m->week_quota[w];
        v[l->cum_bookings + (size_t)w] = cum_b;
        v[l->cum_quota + (size_t)w] = cum_q;
        if (m->observed[w] > 0) {
            v[l->productivity + (size_t)w] = m->productivity_sum[w] / m->observed[w];
            v[l->ramped_share + (size_t)w] = 100.0 * m->ramped_count[w] / m->observed[w];
        }
    }
}

void rs_model_summarise(const rs_model *m, rs_outcome *out)
{
    const rs_layout *l = m->layout;
    double *v = out->values;
    int H = l->horizon;
    summarise_periods(m, out);
    v[RS_M_WIN_RATE] = m->closed > 0 ? 100.0 * (double)m->won / (double)m->closed : NAN;
    v[RS_M_WON_CYCLE_WEEKS] = m->won > 0 ? m->won_cycle_sum / (double)m->won : NAN;
    v[RS_M_WON_DEAL_SIZE] = m->won > 0 ? m->won_value_sum / (double)m->won : NAN;
    v[RS_M_PIPELINE_TO_QUOTA] = m->pipeline_ratio_n > 0 ? m->pipeline_ratio_sum / m->pipeline_ratio_n : NAN;
    v[RS_M_SELLING_TIME_SHARE] = m->rep_weeks > 0 ? 100.0 * m->selling_share_sum / (double)m->rep_weeks : NAN;
    v[RS_M_LEAD_TO_CLOSE] = m->leads > 0 ? 100.0 * (double)m->won / (double)m->leads : NAN;
    v[RS_M_DEALS_WON] = (double)m->won;
    v[RS_M_COACHING_STOCK] = m->rep_weeks > 0 ? m->stock_hours_a_month_sum / (double)m->rep_weeks : NAN;
    v[RS_M_MANAGER_HOURS] = m->manager_total[RS_ACT_TOTAL] / H;
    v[RS_M_MANAGER_OVERTIME] = m->manager_total[RS_ACT_OVERTIME] / H;
    v[RS_M_COACHING_SHORTFALL] = m->manager_total[RS_ACT_SHORTFALL] / H;
    v[RS_M_DEAL_HELP_DEALS] = (double)m->helped_deals;
    v[RS_M_ATTENTION] = m->rep_weeks > 0 ? 100.0 * m->attention_sum / (double)m->rep_weeks : NAN;
    v[RS_M_DEPARTURES] = (double)m->departures;
    v[RS_M_REVIEW_EXITS] = (double)m->review_exits;
    if (m->first_year_hires > 0) {
        double share = 100.0 / (double)m->first_year_hires;
        long attrition = m->first_year_exits[EXIT_ATTRITION], review = m->first_year_exits[EXIT_REVIEW];
        v[RS_M_FIRST_YEAR_EXITS] = share * (double)(attrition + review);
        v[RS_M_FIRST_YEAR_EXITS_ATTRITION] = share * (double)attrition;
        v[RS_M_FIRST_YEAR_EXITS_REVIEW] = share * (double)review;
    }
    v[RS_M_HIRES] = (double)m->hires;
    double bookings = 0.0;
    for (int w = 0; w < H; w++)
        bookings += m->week_bookings[w];
    v[RS_M_BOOKINGS_TOTAL] = bookings;
    v[RS_M_MANAGER_HOURS_TOTAL] = m->manager_total[RS_ACT_TOTAL];
    /* the value of a plan: gross profit on its bookings less the price of
     * the manager's hours it takes (docs/model.md, "The return on the
     * manager's hours") */
    v[RS_M_NET_VALUE] = m->sc->pipeline.gross_margin * bookings -
                        m->sc->manager.hourly_cost * m->manager_total[RS_ACT_TOTAL];
}
