/* test_shapes.c: the mean-1 quantile tables are shared between the
 * workspaces whose scenarios have the same shape, each counted and freed by
 * its last holder (the sanitizers' and valgrind's runs of this test see a
 * table freed early or never), and sharing changes no number. */
#include "testutil.h"

#include <math.h>

#include "model.h"
#include "model_state.h"
#include "shapes.h"

static int holders(const rs_shape *s)
{
    return atomic_load(&s->holders);
}

/* Kept when it is the shape asked for, shared when `like` is, else built;
 * what is not returned is released. */
static void test_take_keeps_shares_or_builds(void **state)
{
    (void)state;
    rs_shape *a = rs_shape_take(NULL, RS_QUANTILE_LOGNORMAL, 0.5, NULL);
    assert_non_null(a);
    assert_int_equal(holders(a), 1);
    assert_true(rs_shape_is(a, RS_QUANTILE_LOGNORMAL, 0.5));
    assert_false(rs_shape_is(a, RS_QUANTILE_LOGNORMAL, 0.25));
    assert_false(rs_shape_is(a, RS_QUANTILE_GAMMA, 0.5));
    assert_false(rs_shape_is(NULL, RS_QUANTILE_GAMMA, 0.5));
    assert_ptr_equal(rs_shape_take(a, RS_QUANTILE_LOGNORMAL, 0.5, NULL), a);
    assert_int_equal(holders(a), 1);

    rs_shape *b = rs_shape_take(NULL, RS_QUANTILE_LOGNORMAL, 0.5, a);
    assert_ptr_equal(b, a);
    assert_int_equal(holders(a), 2);

    /* b's holder moves to another shape: a new one, and a loses a holder */
    rs_shape *c = rs_shape_take(b, RS_QUANTILE_GAMMA, 4.0, a);
    assert_non_null(c);
    assert_ptr_not_equal(c, a);
    assert_int_equal(holders(a), 1);
    assert_int_equal(holders(c), 1);
    rs_quantile_table reference;
    rs_quantile_table_gamma(&reference, 4.0);
    assert_memory_equal(c->table.centre, reference.centre, sizeof reference.centre);
    rs_shape_release(c);
    rs_shape_release(a);
    rs_shape_release(NULL);
}

static const char *const team = "[run]\nreplications = 64\nhorizon_weeks = 26\nwarmup_weeks = 13\n"
                                "[team]\nreps = 6\nnew_hires = 2\n";

/* Workspaces made like another share every shape they have in common and
 * build the one they do not; freed in either order. */
static void test_workspaces_share_their_shapes(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario(team), *b = tu_scenario(team);
    tu_set(b, "pipeline.deal_size_cv=0.9", NULL);
    rs_layout la, lb;
    assert_int_equal(rs_layout_init(&la, a), RS_OK);
    assert_int_equal(rs_layout_init(&lb, b), RS_OK);
    rs_model *first = rs_model_new(a, &la, NULL);
    rs_model *same = rs_model_new(a, &la, first);
    rs_model *other = rs_model_new(b, &lb, same);
    assert_true(first && same && other);
    assert_ptr_equal(same->deal_value, first->deal_value);
    assert_ptr_equal(same->cycle, first->cycle);
    assert_ptr_equal(other->skill, first->skill);
    assert_ptr_equal(other->ramp_factor, first->ramp_factor);
    assert_ptr_equal(other->cycle, first->cycle);
    assert_ptr_not_equal(other->deal_value, first->deal_value);
    assert_int_equal(holders(first->skill), 3);
    assert_int_equal(holders(first->deal_value), 2);
    rs_model_free(first);
    assert_int_equal(holders(same->skill), 2);
    rs_model_free(other);
    rs_model_free(same);
    rs_layout_free(&la);
    rs_layout_free(&lb);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

/* A workspace whose deal sizes' CV is uncertain takes a shape of its own
 * for each draw; the workspace it shared with keeps its own, and draws
 * what a workspace made alone draws. */
static void test_a_draw_leaves_the_shared_shape_alone(void **state)
{
    (void)state;
    rs_scenario *a = tu_scenario(team), *b = tu_scenario(team);
    tu_set(b, "pipeline.deal_size_cv=uniform(0.3, 0.9)", NULL);
    tu_pair p;
    tu_pair_init(&p, a, b); /* b's workspace made like a's: it shares the shapes but the value's */
    rs_shape *shared = p.model_a->deal_value;
    assert_ptr_equal(p.model_b->skill, p.model_a->skill);
    rs_layout l;
    assert_int_equal(rs_layout_init(&l, a), RS_OK);
    rs_model *alone = rs_model_new(a, &l, NULL);
    rs_outcome *out = rs_outcome_new(&l);
    assert_true(alone && out);
    for (uint32_t r = 0; r < 40; r++) {
        tu_pair_run(&p, r);
        assert_ptr_not_equal(p.model_b->deal_value, shared);
        assert_ptr_equal(p.model_a->deal_value, shared);
        assert_int_equal(rs_model_run(alone, r, out), RS_OK);
        for (size_t i = 0; i < l.slots; i++)
            assert_true(out->values[i] == p.a->values[i] || (isnan(out->values[i]) && isnan(p.a->values[i])));
    }
    assert_int_equal(holders(shared), 1);
    rs_outcome_free(out);
    rs_model_free(alone);
    rs_layout_free(&l);
    tu_pair_free(&p);
    rs_scenario_free(a);
    rs_scenario_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_take_keeps_shares_or_builds),
        cmocka_unit_test(test_workspaces_share_their_shapes),
        cmocka_unit_test(test_a_draw_leaves_the_shared_shape_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
