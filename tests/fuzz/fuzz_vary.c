/* fuzz_vary.c: libFuzzer target over sweep axes. The input is one or two
 * lines, each a --vary argument ("section.key=FROM:TO:STEP" or
 * "section.key=v1,v2,..."), parsed against the default scenario as
 * `rampsim sweep` parses them. An accepted axis has 1 to 201 values, each
 * of which the scenario takes; a rejected one says so in one line that
 * names the argument, then what is wrong with it ("ARG: reason": the
 * command line puts the option's name in front). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "rampsim/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size))
        return 0; /* arguments cannot carry a NUL */
    char *text = malloc(size + 1);
    rs_scenario *base = rs_scenario_new();
    rs_sweep_axis *axis = malloc(sizeof *axis);
    if (!text || !base || !axis)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    char *line = text;
    for (int n = 0; line && n < RS_SWEEP_MAX_AXES; n++) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char err[RS_ERRMSG_SIZE] = "";
        rs_status st = rs_sweep_axis_parse(axis, line, base, err);
        if (st != RS_OK) {
            fuzz_check_rejection(st, err, "");
            if (!strstr(err, ": "))
                abort(); /* "ARG: reason" */
        } else {
            if (axis->n < 1 || axis->n > RS_SWEEP_MAX_VALUES || !axis->key[0])
                abort();
            rs_scenario *point = rs_scenario_clone(base);
            for (int i = 0; point && i < axis->n; i++) {
                char assignment[256];
                snprintf(assignment, sizeof assignment, "%s=%s", axis->key, axis->values[i]);
                if (rs_scenario_set(point, assignment, err) != RS_OK)
                    abort(); /* the parser promised every value fits */
            }
            rs_scenario_free(point);
        }
        line = next;
    }
    free(axis);
    rs_scenario_free(base);
    free(text);
    return 0;
}
