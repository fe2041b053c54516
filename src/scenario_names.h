/* scenario_names.h: section and key names as messages show them, and the
 * known name nearest to a misspelt one, for the two places a name is typed:
 * a scenario file (scenario_load.c) and --set (scenario.c). */
#ifndef RS_SCENARIO_NAMES_H
#define RS_SCENARIO_NAMES_H

#include <stddef.h>

#include "params.h"
#include "rampsim/scenario_types.h"
#include "valueparse.h"

/* A key or section name as messages show it: names are ASCII, so every
 * other byte is written as \xNN (rs_escape). */
static inline const char *shown_name(const char *name, char *buf, size_t size)
{
    return rs_escape(name, true, buf, size);
}

/* The name without the bytes no name holds, for "did you mean": a key that
 * differs from a known one only by a byte order mark or a control
 * character is that key. */
static inline const char *printable_name(const char *name, char *buf, size_t size)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)name; *c && n + 1 < size; c++)
        if (*c > 0x20 && *c < 0x7f)
            buf[n++] = (char)*c;
    buf[n] = '\0';
    return buf;
}

/* "did you mean" for an unknown key or section: the known name nearest to
 * what was typed, or, failing that, to its printable bytes. */
static inline const char *suggest_key(const char *section, const char *key)
{
    char s[128], k[128];
    const char *hint = rs_param_suggest_key(section, key);
    return hint ? hint : rs_param_suggest_key(printable_name(section, s, sizeof s), printable_name(key, k, sizeof k));
}

static inline const char *suggest_section(const char *section)
{
    char s[128];
    const char *hint = rs_param_suggest_section(section);
    return hint ? hint : rs_param_suggest_section(printable_name(section, s, sizeof s));
}

/* The place a key's value came from, as messages start: "FILE:LINE: ",
 * "--set A.B=C: ", "FILE: " when the file does not set it, or "" (scenario.c). */
void rs_scenario_place(const rs_scenario *sc, const char *section, const char *key, char *buf, size_t size);

#endif
