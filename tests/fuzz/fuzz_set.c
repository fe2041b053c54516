/* fuzz_set.c: libFuzzer target over command-line overrides. The input is a
 * list of lines: the first is the -n value, the second the --seed value (an
 * empty line means "not given"), and each further line one --set argument,
 * applied over the defaults as the CLI applies them. Accepted results are
 * written out and read back (fuzz_check.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SETS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Arguments are C strings: the command line cannot carry a NUL. */
    if (memchr(data, '\0', size))
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    char *fields[MAX_SETS + 2];
    int n = 0;
    for (char *line = text; line && n < MAX_SETS + 2; n++) {
        fields[n] = line;
        line = strchr(line, '\n');
        if (line)
            *line++ = '\0';
    }
    const char *replications = n > 0 && fields[0][0] ? fields[0] : NULL;
    const char *seed = n > 1 && fields[1][0] ? fields[1] : NULL;
    int n_sets = n > 2 ? n - 2 : 0;

    char err[RS_ERRMSG_SIZE] = "";
    rs_scenario *sc = rs_scenario_new();
    if (sc) {
        rs_status st = rs_scenario_override(sc, replications, seed, fields + 2, n_sets, err);
        if (st == RS_OK)
            fuzz_check_round_trip(sc);
        else
            fuzz_check_rejection(st, err, "--set ");
    }
    rs_scenario_free(sc);
    free(text);
    return 0;
}
