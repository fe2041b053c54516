/* model_summary.c: what a replication reports, from the totals its weeks
 * left in the workspace: attainment by fiscal year and quarter, the weekly
 * series, rates and counts (docs/model.md, "Choices where the reference is
 * silent": quota, fiscal years and quarters, rates). */
#include "model_summary.h"

#include <math.h>

#include "rampsim/calendar.h"

void rs_model_start_fiscal_year(rs_model *m)
{
    for (int i = 0; i < m->seat_count; i++) {
        seat *s = &m->seats[i];
        s->fy_bookings = s->fy_quota = 0.0;
        s->fy_present = s->active;
        s->life.fy_bookings = s->life.fy_quota = 0.0;
    }
}

void rs_model_end_fiscal_year(rs_model *m, rs_outcome *out)
{
    const rs_layout *l = m->layout;
    int present = 0, at_quota = 0, fy = m->fiscal_year;
    for (int i = 0; i < m->seat_count; i++) {
        const seat *s = &m->seats[i];
        if (s->active && s->fy_present && s->fy_quota > 0.0) {
            present++;
            at_quota += s->fy_bookings >= s->fy_quota;
        }
        if (fy < l->fiscal_years && s->life.fy_quota > 0.0) {
            out->values[rs_layout_seat_fy_slot(l, l->seat_attainment, i, fy)] =
                100.0 * s->life.fy_bookings / s->life.fy_quota;
            out->values[rs_layout_seat_fy_slot(l, l->seat_at_quota, i, fy)] =
                s->life.fy_bookings >= s->life.fy_quota ? 100.0 : 0.0;
        }
    }
    if (fy < l->fiscal_years)
        out->values[rs_layout_fy_slot(l, fy, RS_FY_REPS_AT_QUOTA)] = present > 0 ? 100.0 * at_quota / present : NAN;
    m->fiscal_year++;
}

/* The quota of the fiscal weeks before week 0 (run.start_week of them) at
 * week 0's team quota, each week weighed by its quarter's season. */
static double quota_gone(const rs_model *m, int gone)
{
    if (gone == 0)
        return 0.0;
    double weeks = 0.0;
    for (int w = 0; w < gone; w++)
        weeks += m->quota_season[w / RS_WEEKS_PER_QUARTER];
    return m->week_quota[0] / m->quota_season[m->sc->run.start_week / RS_WEEKS_PER_QUARTER] * weeks;
}

/* Attainment in percent of a span of weeks, with the quota q_gone of the
 * weeks before week 0 counted at the year-to-date attainment. */
static double attainment(const rs_model *m, int first, int weeks, double q_gone, double *bookings, double *quota)
{
    double b = 0.0, q = 0.0;
    for (int w = first; w < first + weeks; w++) {
        b += m->week_bookings[w];
        q += m->week_quota[w];
    }
    *bookings = b;
    *quota = q;
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
        double q_gone = k == 0 ? quota_gone(m, m->sc->run.start_week) : 0.0;
        v[rs_layout_fy_slot(l, k, RS_FY_TEAM_ATTAINMENT)] = attainment(m, first, weeks, q_gone, &b, &q);
        v[rs_layout_fy_slot(l, k, RS_FY_BOOKINGS)] = b;
        v[rs_layout_fy_slot(l, k, RS_FY_QUOTA)] = q;
        if (k < l->plan_years) {
            const rs_scenario *sc = m->sc;
            double plan = sc->plan.bookings[k < sc->plan.years ? k : sc->plan.years - 1];
            double year = sc->run.ytd_attainment * q_gone + b;
            v[rs_layout_plan_slot(l, k, RS_PLAN_MADE)] = year >= plan ? 100.0 : 0.0;
            v[rs_layout_plan_slot(l, k, RS_PLAN_SHORTFALL)] = year >= plan ? 0.0 : plan - year;
        }
    }
    for (int k = 0; k < l->quarters; k++) {
        const rs_quarter_span *span = &l->quarter_spans[k];
        /* the weeks gone are of this quarter, at its season */
        v[l->quarter + (size_t)k] =
            attainment(m, span->first_week, span->weeks, span->gone_weeks * m->week_quota[0], &b, &q);
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
    out->luck[RS_LUCK_DEPARTURES] = (double)m->departures;
    out->luck[RS_LUCK_RAMP_FACTOR] = m->hires > 0 ? m->ramp_factor_sum / (double)m->hires : NAN;
    out->luck[RS_LUCK_SKILL] = m->rep_weeks > 0 ? m->skill_sum / (double)m->rep_weeks : NAN;
    out->luck[RS_LUCK_DEAL_SIZE] = m->opportunities > 0 ? m->deal_factor_sum / (double)m->opportunities : NAN;
    out->luck[RS_LUCK_LEADS] = m->rep_weeks > 0 ? m->lead_luck_sum / (double)m->rep_weeks : NAN;
    out->luck[RS_LUCK_WINS] = m->closed > 0 ? m->win_luck_sum / (double)m->closed : NAN;
    for (int i = 0; i < m->seat_count; i++) {
        const seat_life *life = &m->seats[i].life;
        if (life->first_rep_hired)
            v[l->seat_left + (size_t)i] = life->first_rep_left ? 100.0 : 0.0;
    }
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
