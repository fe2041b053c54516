/* fuzz_scenario.c: libFuzzer target over scenario files. The input is the
 * file's bytes, NULs and all; it is loaded over the defaults, validated and,
 * when accepted, written out and read back (fuzz_check.h). */
#include <stdint.h>
#include <stdio.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[RS_ERRMSG_SIZE] = "";
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return 0;
    static char empty[1];
    FILE *f = fmemopen(size ? (void *)data : empty, size ? size : 1, "r");
    if (f) {
        if (!size)
            getc(f); /* an empty file: fmemopen wants a non-empty buffer */
        rs_status st = rs_scenario_load_stream(sc, f, "fuzz.ini", err);
        fclose(f);
        if (st == RS_OK)
            st = rs_scenario_validate(sc, err);
        if (st == RS_OK)
            fuzz_check_round_trip(sc);
        else
            fuzz_check_rejection(st, err, "fuzz.ini");
    }
    rs_scenario_free(sc);
    return 0;
}
