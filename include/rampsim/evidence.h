/* rampsim/evidence.h: how far the research behind the defaults reaches for
 * each lever a manager pulls, and the one-line notes that say when a
 * scenario goes further. Beyond that range the model still gives an answer,
 * but it is the curve's extrapolation, not something a survey observed
 * (docs/model.md, "Beyond the evidence"). */
#ifndef RAMPSIM_EVIDENCE_H
#define RAMPSIM_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "rampsim/scenario.h"

/* One lever and the values of it the evidence covers. Keys are those of
 * the parameter table (src/params.h), which says where each value
 * lives; enumerations and switches are compared by their index (for
 * one_on_one.cadence none = 0 ... weekly = 3, for a switch no = 0, yes = 1). */
typedef struct rs_evidence {
    const char *key;    /* section.key of the lever */
    double low, high;   /* the values the evidence covers, both included */
    const char *when;   /* NULL, or a key: the range applies only while that key is above 0 */
    const char *unit;   /* of low and high, for "above 4 hours a month"; "" when none */
    const char *covers; /* what the research covers, as the notes say it; NULL
                           for "the research covers <low> to <high> <unit>" */
    const char *source; /* where the range comes from */
} rs_evidence;

/* One row per lever, in the order of the parameter table. */
extern const rs_evidence rs_evidence_table[];
extern const size_t rs_evidence_count;

/* Enough for any note below. */
#define RS_EVIDENCE_NOTE_MAX 1024

/* Whether row's lever in the validated scenario sc lies outside the range
 * its evidence covers (never while its `when` key is 0). */
bool rs_evidence_beyond(const rs_evidence *row, const rs_scenario *sc);

/* Writes into buf (size bytes; RS_EVIDENCE_NOTE_MAX is enough, a longer
 * note is cut) the one-line note for the validated scenario sc, named
 * `label` in it, listing every lever beyond its evidence with its value and
 * what the research covers:
 *   note: default: beyond the evidence: coaching.hours_per_month = 6 (the
 *   research covers 0 to 4 hours a month); the model extrapolates there, ...
 * Levers whose key, or `when` key, is in `varied` (NULL-terminated, or
 * NULL) are left to rs_evidence_axis: a sweep replaces their value. Returns
 * the number of levers listed; with 0, buf is "". Cannot fail. */
int rs_evidence_note(const rs_scenario *sc, const char *label, const char *const *varied, char *buf, size_t size);

/* For a sweep axis: the n values of `key` (as a scenario file writes them),
 * each set on the validated scenario base. Sets beyond[i] when value i takes
 * a lever beyond its evidence (the key's own range, or a range that applies
 * because of it). When note is not NULL, writes into it (note_size bytes,
 * RS_EVIDENCE_NOTE_MAX is enough) the one-line note saying which values
 * those are, ending "the chart shades them" when `charted`, or "" when none
 * is beyond:
 *   note: beyond the evidence: coaching.hours_per_month above 4 hours a
 *   month (points 4.5 to 10); the chart shades them
 * RS_ERR_INPUT with a message in err for an unknown key or a value that
 * key does not take; RS_ERR_NOMEM when out of memory. beyond and note are
 * then undefined. */
rs_status rs_evidence_axis(const rs_scenario *base, const char *key, const char *const *values, int n, bool charted,
                           bool *beyond, char *note, size_t note_size, char *err);

#endif
