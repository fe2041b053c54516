/* testutil.c: helpers shared by the test programs. */
#include "testutil.h"

#include "fsutil.h"
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes text to a fresh temporary file ending in `suffix` (4 characters). */
static void write_temporary(char *path, size_t size, const char *suffix, const char *text)
{
    snprintf(path, size, "/tmp/rampsim-test-XXXXXX%s", suffix);
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

const char *tu_write_ini(const char *text)
{
    static char path[64];
    write_temporary(path, sizeof path, ".ini", text);
    return path;
}

const char *tu_write_csv(const char *text)
{
    static char path[64];
    write_temporary(path, sizeof path, ".csv", text);
    return path;
}

/* Loads and validates INI text into sc through a temporary file. */
static rs_status load_text(rs_scenario *sc, const char *text, char *err)
{
    const char *path = tu_write_ini(text);
    rs_status st = rs_scenario_load(sc, path, err);
    if (st == RS_OK)
        st = rs_scenario_validate(sc, err);
    unlink(path);
    return st;
}

rs_scenario *tu_scenario(const char *text)
{
    char err[RS_ERRMSG_SIZE] = "";
    rs_scenario *sc = rs_scenario_new();
    assert_non_null(sc);
    rs_status st = load_text(sc, text, err);
    if (st != RS_OK)
        fail_msg("scenario rejected: %s", err);
    return sc;
}

void tu_set(rs_scenario *sc, ...)
{
    char err[RS_ERRMSG_SIZE] = "";
    va_list ap;
    va_start(ap, sc);
    const char *assignment;
    while ((assignment = va_arg(ap, const char *)))
        if (rs_scenario_set(sc, assignment, err) != RS_OK)
            fail_msg("override rejected: %s", err);
    va_end(ap);
    if (rs_scenario_validate(sc, err) != RS_OK)
        fail_msg("scenario rejected: %s", err);
}

const char *tu_load_error(const char *text, rs_status expected)
{
    static char err[RS_ERRMSG_SIZE];
    err[0] = '\0';
    rs_scenario *sc = rs_scenario_new();
    assert_non_null(sc);
    rs_status st = load_text(sc, text, err);
    rs_scenario_free(sc);
    assert_int_equal(st, expected);
    /* the message names the file (a temporary one here): drop that part */
    const char *rest = strstr(err, ".ini");
    return rest ? rest + 4 : err;
}

void tu_result_dir(char *dir)
{
    static int made;
    char err[RS_ERRMSG_SIZE] = "", out[64];
    snprintf(out, sizeof out, "/tmp/rampsim-test-%ld-%d", (long)getpid(), made++);
    if (rs_fs_prepare(out, dir, err) != RS_OK)
        fail_msg("%s", err);
}

rs_results *tu_run(const rs_scenario *sc, int threads)
{
    char err[RS_ERRMSG_SIZE] = "";
    rs_engine_options opt = {.threads = threads};
    rs_results *r = NULL;
    rs_status st = rs_engine_run(sc, &opt, &r, err);
    if (st != RS_OK)
        fail_msg("run failed: %s", err);
    return r;
}

void tu_assert_near_impl(double actual, double expected, double tolerance, const char *what, const char *file,
                         int line)
{
    if (!(fabs(actual - expected) <= tolerance)) {
        print_error("%s = %.10g, expected %.10g +- %.3g\n", what, actual, expected, tolerance);
        _fail(file, line);
    }
}

bool tu_signed_zero(const char *s)
{
    for (const char *c = s; *c; c++) {
        if (*c != '-' && *c != '+')
            continue;
        size_t zeros = strspn(c + 1, "0.");
        if (zeros > 0 && !(c[1 + zeros] >= '1' && c[1 + zeros] <= '9'))
            return true;
    }
    return false;
}

void tu_pair_init(tu_pair *p, const rs_scenario *a, const rs_scenario *b)
{
    assert_int_equal(rs_layout_init(&p->layout_a, a), RS_OK);
    assert_int_equal(rs_layout_init(&p->layout_b, b), RS_OK);
    p->model_a = rs_model_new(a, &p->layout_a, NULL);
    p->model_b = rs_model_new(b, &p->layout_b, p->model_a);
    p->a = rs_outcome_new(&p->layout_a);
    p->b = rs_outcome_new(&p->layout_b);
    assert_true(p->model_a && p->model_b && p->a && p->b);
}

void tu_pair_run(tu_pair *p, uint32_t r)
{
    assert_int_equal(rs_model_run(p->model_a, r, p->a), RS_OK);
    assert_int_equal(rs_model_run(p->model_b, r, p->b), RS_OK);
}

void tu_pair_free(tu_pair *p)
{
    rs_model_free(p->model_a);
    rs_model_free(p->model_b);
    rs_outcome_free(p->a);
    rs_outcome_free(p->b);
    rs_layout_free(&p->layout_a);
    rs_layout_free(&p->layout_b);
}
