/* model_quota.c: step 7 of the week, the quota (docs/model.md, "One
 * replication, week by week"): what each seat carries and accrues, and the
 * pipeline-to-quota ratio at a quarter's first week. */
#include "model_quota.h"

#include "rampsim/calendar.h"

#include "model_staffing.h"

/* The quota a seat carries in `week`, before the quarter's season: its
 * rep's, ramped at their tenure, or an empty seat's when those count. */
static double seat_quota(const rs_model *m, const seat *s, int week)
{
    if (!s->active)
        return m->sc->quota.vacant_seats_count && rs_model_seat_exists(s, week) ? m->quota_a_week : 0.0;
    if (s->veteran || s->fully_ramped || !m->sc->quota.ramped)
        return s->quota_a_week;
    return s->quota_a_week * rs_ramp_rho(&m->ramp, week - s->hire_week);
}

/* The team quota of the quarter starting this week, projected with the
 * reps on the team now (CRM-style: who leaves later is not known yet). */
static double projected_quarter_quota(const rs_model *m, int week)
{
    double total = 0.0;
    for (int i = 0; i < m->seat_count; i++) {
        const seat *s = &m->seats[i];
        for (int k = 0; k < RS_WEEKS_PER_QUARTER; k++)
            total += seat_quota(m, s, week + k);
    }
    return total * m->quota_season[m->quarter];
}

static double open_pipeline(const rs_model *m)
{
    double total = 0.0;
    for (int i = 0; i < m->seat_count; i++)
        total += m->seats[i].open_value;
    return total;
}

double rs_model_accrue_quota(rs_model *m, seat *s, int week)
{
    double q = seat_quota(m, s, week) * m->quota_season[m->quarter];
    s->life.fy_quota += q;
    if (s->active) {
        s->qtd_quota += q;
        s->fy_quota += q;
        s->hire_quota += q;
    }
    return q;
}

void rs_model_take_pipeline_ratio(rs_model *m, int week)
{
    double quarter_quota = projected_quarter_quota(m, week);
    if (quarter_quota > 0.0) {
        m->pipeline_ratio_sum += open_pipeline(m) / quarter_quota;
        m->pipeline_ratio_n++;
    }
}
