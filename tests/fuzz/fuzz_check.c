/* fuzz_check.c: see fuzz_check.h. */
#include "fuzz_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz property broken: %s\n%s\n", what, detail ? detail : "");
    abort();
}

void fuzz_check_rejection(rs_status status, const char *err, const char *prefix)
{
    if (status != RS_ERR_INPUT && status != RS_ERR_NOMEM)
        fail("a rejected input must report RS_ERR_INPUT", err);
    if (strncmp(err, prefix, strlen(prefix)) != 0 || strlen(err) <= strlen(prefix))
        fail("the message must start with the input's name and say something", err);
    if (strchr(err, '\n'))
        fail("the message must be one line", err);
}

/* The scenario as the plain writer prints it; the caller frees it. */
static char *written(const rs_scenario *sc, bool document)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        abort();
    rs_scenario_write(f, sc, document);
    fclose(f);
    return text;
}

void fuzz_check_round_trip(const rs_scenario *sc)
{
    char err[RS_ERRMSG_SIZE];
    for (int document = 0; document < 2; document++) {
        char *first = written(sc, document);
        rs_scenario *again = rs_scenario_new();
        if (!again)
            abort();
        rs_status st = rs_scenario_load_text(again, "written.ini", first, err);
        if (st == RS_OK)
            st = rs_scenario_validate(again, err);
        if (st != RS_OK)
            fail("a valid scenario, written out, must load again", err);
        char *second = written(again, document);
        if (strcmp(first, second) != 0)
            fail("a scenario written and read back must write the same text", first);
        free(second);
        free(first);
        rs_scenario_free(again);
    }
}
