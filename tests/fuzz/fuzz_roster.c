/* fuzz_roster.c: libFuzzer target over roster files. The input is the
 * file's bytes, NULs and all; it is read as a roster twice, for a run of 104
 * weeks from 2026-07-06 and for one without a start date. An accepted
 * roster must hold sensible seats (below); a refused one must say so in one
 * line that starts with the file's name (fuzz_check.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz_check.h"
#include "roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HORIZON 104
#define MAX_SEATS 50 /* fewer than RS_MAX_REPS, so that "more than max reps" is reached */

static void broken(const char *what, const rs_seat_spec *seat)
{
    fprintf(stderr, "fuzz property broken: %s (seat \"%s\", line %d)\n", what, seat ? seat->name : "",
            seat ? seat->line : 0);
    abort();
}

static bool unset_or(double x, double low, double high, bool low_open)
{
    return isnan(x) || ((low_open ? x > low : x >= low) && x <= high);
}

static void check_seat(const rs_seat_spec *s, int previous_line)
{
    size_t n = strnlen(s->name, RS_NAME_MAX);
    if (n == 0 || n >= RS_NAME_MAX)
        broken("a seat's name must be non-empty and terminated", s);
    if (s->kind != RS_SEAT_TENURE && s->kind != RS_SEAT_OPEN && s->kind != RS_SEAT_STARTS)
        broken("a roster's seat has a tenure, is open or starts later", s);
    if (s->kind == RS_SEAT_TENURE && (s->tenure_weeks < 0 || s->tenure_weeks > 2600))
        broken("a tenure is 0 to 2600 weeks", s);
    if (s->kind == RS_SEAT_STARTS && (s->start_week < 0 || s->start_week >= HORIZON))
        broken("a planned start is a week of the run", s);
    if (!unset_or(s->skill, 0, 10, true) || !unset_or(s->quota_annual, 0, 1e13, true) ||
        !unset_or(s->coaching_hours_per_month, 0, 100, false))
        broken("skill, quota and coaching hours are unset or within their limits", s);
    if (s->line <= previous_line)
        broken("seats come in the order of their lines", s);
}

static void check(const char *text, size_t size, const rs_roster_frame *frame)
{
    static rs_seat_spec seats[MAX_SEATS];
    char err[RS_ERRMSG_SIZE] = "";
    int count = -1;
    rs_status st = rs_roster_parse(text, size, "fuzz.csv", frame, seats, MAX_SEATS, &count, err);
    if (st != RS_OK) {
        if (count != 0)
            broken("a refused roster has no seats", NULL);
        fuzz_check_rejection(st, err, "fuzz.csv");
        if (strncmp(err, "fuzz.csv:", 9) != 0)
            broken("the name is followed by the place or a colon", NULL);
        return;
    }
    if (count < 1 || count > MAX_SEATS)
        broken("an accepted roster has 1 to max seats", NULL);
    for (int i = 0; i < count; i++) {
        check_seat(&seats[i], i ? seats[i - 1].line : 1);
        for (int j = 0; j < i; j++)
            if (strcasecmp(seats[i].name, seats[j].name) == 0)
                broken("names are unique, whatever their case", &seats[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader must not need a terminator: give it exactly the bytes */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    rs_roster_frame frame = {.horizon_weeks = HORIZON, .has_start_date = true};
    if (!rs_date_parse("2026-07-06", &frame.start_date))
        abort();
    check(text, size, &frame);
    frame.has_start_date = false;
    check(text, size, &frame);
    free(text);
    return 0;
}
