/* valueparse.h: strict parsers for the value forms a scenario file accepts.
 * Each returns true only when the whole string is one valid value. */
#ifndef RS_VALUEPARSE_H
#define RS_VALUEPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A finite decimal number: "2.385", "-1", "1e3"; no hex, inf or nan. */
bool rs_parse_real(const char *s, double *out);
/* A whole decimal number (no fraction, no exponent). */
bool rs_parse_integer(const char *s, long long *out);
bool rs_parse_uint64(const char *s, uint64_t *out);
/* "0.3" or "30%" (a percentage is divided by 100). */
bool rs_parse_fraction(const char *s, double *out);
/* "28000", "28,000", "$28,000", "28k", "$28K", "1.2M", "2bn". */
bool rs_parse_money(const char *s, double *out);
/* "1.5" or "1.5h". */
bool rs_parse_hours(const char *s, double *out);
/* yes/no, true/false, on/off, 1/0, any case. */
bool rs_parse_bool(const char *s, bool *out);

/* Edit distance between two short strings (for "did you mean"). */
size_t rs_edit_distance(const char *a, const char *b);

/* Copies s into buf with the bytes a reader could not see, or a terminal
 * would act on, written as \xNN, so that a message quoting bad input stays
 * one readable line that shows what is there: control characters and DEL,
 * bytes that are not valid UTF-8 (a binary or Latin-1 file), and the
 * invisible code points that change how text reads (C1 controls, the byte
 * order mark U+FEFF, zero-width and bidirectional marks). With ascii_only,
 * every byte above 0x7e too: a key or a section name is ASCII, so anything
 * else in one is what the user needs to see. buf is always terminated; a
 * result longer than size is cut between two characters. Returns buf. */
const char *rs_escape(const char *s, bool ascii_only, char *buf, size_t size);

/* Writes the shortest decimal form of x that reads back exactly. */
void rs_format_real(double x, char *buf, size_t size);
/* An amount as rs_parse_money reads it back exactly. */
void rs_format_money(double x, char *buf, size_t size);
/* A fraction as the shortest percent that reads back, divided by 100, to
 * exactly that fraction (the ramp table, the seasons). */
void rs_format_percent(double fraction, char *buf, size_t size);

#endif
