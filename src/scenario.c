/* scenario.c: reading, overriding, validating and writing scenarios. Every
 * value goes through rs_param_parse; this file adds the places (file, line,
 * --set argument) that make a message actionable. */
#include "rampsim/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manager.h"
#include "params.h"
#include "valueparse.h"

rs_scenario *rs_scenario_new(void)
{
    rs_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->origins = calloc(rs_param_count, sizeof *sc->origins);
    if (!sc->origins) {
        free(sc);
        return NULL;
    }
    char err[RS_ERRMSG_SIZE];
    for (size_t i = 0; i < rs_param_count; i++) {
        /* Defaults are part of the program: one that does not parse is a
         * bug caught by the first test that creates a scenario. */
        if (rs_params[i].def[0] && rs_param_parse(&rs_params[i], sc, rs_params[i].def, err) != RS_OK) {
            fprintf(stderr, "rampsim: internal error: default of %s\n", err);
            abort();
        }
    }
    return sc;
}

void rs_scenario_free(rs_scenario *sc)
{
    if (!sc)
        return;
    free(sc->origins);
    free(sc);
}

rs_scenario *rs_scenario_clone(const rs_scenario *sc)
{
    rs_scenario *copy = rs_scenario_new();
    if (!copy)
        return NULL;
    rs_origin *origins = copy->origins;
    *copy = *sc;
    copy->origins = origins;
    memcpy(origins, sc->origins, rs_param_count * sizeof *origins);
    return copy;
}

/* "file:line: " or "--set a.b=c: " or "file: " for a parameter's origin. */
static void origin_prefix(const rs_scenario *sc, int param, char *buf, size_t size)
{
    const rs_origin *o = param >= 0 ? &sc->origins[param] : NULL;
    if (o && o->kind == RS_FROM_FILE)
        snprintf(buf, size, "%s:%d: ", sc->source, o->line);
    else if (o && o->kind == RS_FROM_SET)
        snprintf(buf, size, "--set %s: ", o->text);
    else if (sc->source[0])
        snprintf(buf, size, "%s: ", sc->source);
    else
        buf[0] = '\0';
}

/* ---- loading ---------------------------------------------------------- */

typedef struct load_state {
    rs_scenario *sc;
    FILE *file;
    int line;          /* the line the reader handed to inih last */
    char text[RS_LINE_MAX + 2]; /* that line, for messages: a pipe cannot be read again */
    int pending[3];    /* bytes read ahead at the start (a BOM that was not one) */
    int n_pending;
    char *err;
    rs_status status;  /* first error; later handler calls do nothing */
} load_state;

/* The next byte of the file, after those read ahead; EOF at the end. */
static int next_byte(load_state *st)
{
    if (st->n_pending > 0) {
        int c = st->pending[0];
        memmove(st->pending, st->pending + 1, sizeof st->pending - sizeof st->pending[0]);
        st->n_pending--;
        return c;
    }
    return getc(st->file);
}

/* Skips a UTF-8 byte order mark at the very start of the file, as
 * spreadsheets and Windows editors write one; anything else read to find
 * out is kept for the first line. */
static void skip_bom(load_state *st)
{
    static const int bom[] = {0xef, 0xbb, 0xbf};
    for (int i = 0; i < 3; i++) {
        int c = getc(st->file);
        if (c == EOF)
            return;
        st->pending[st->n_pending++] = c;
        if (c != bom[i])
            return;
    }
    st->n_pending = 0;
}

/* The line as messages quote it: without its line break, every byte a
 * terminal would hide or act on written as \xNN. */
static const char *quoted_line(const load_state *st, char *buf, size_t size)
{
    char line[sizeof st->text];
    snprintf(line, sizeof line, "%s", st->text);
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return rs_escape(line, false, buf, size);
}

/* A section header with more on its line: inih keeps the section and drops
 * the rest without a word, so "[team] reps = 3" would set nothing. Only a
 * comment may follow the ']'. Returns false (and fails st) for such a line;
 * a header inih cannot read (no ']') is left to inih's syntax error. */
static bool header_alone(load_state *st, const char *line)
{
    const char *s = line;
    while (isspace((unsigned char)*s))
        s++;
    if (*s != '[')
        return true;
    /* inih ends the name at the first ']', or fails at a comment before it */
    const char *close = s + 1;
    while (*close && *close != ']' &&
           !(strchr(";#", *close) && isspace((unsigned char)close[-1])))
        close++;
    if (*close != ']')
        return true;
    const char *rest = close + 1;
    while (isspace((unsigned char)*rest))
        rest++;
    if (!*rest || *rest == ';' || *rest == '#')
        return true;
    char name[RS_LINE_MAX + 1], name_shown[4 * sizeof name], line_shown[4 * sizeof st->text];
    snprintf(name, sizeof name, "%.*s", (int)(close - s - 1), s + 1);
    st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: expected [%s] alone on its line, got %s", st->sc->source,
                         st->line, rs_escape(name, true, name_shown, sizeof name_shown),
                         quoted_line(st, line_shown, sizeof line_shown));
    return false;
}

/* inih's reader: counts lines, so that every handler call knows its line,
 * keeps the line's text for messages, and rejects what inih would
 * mishandle silently: lines longer than its buffer (it would cut them), NUL
 * bytes (it would end the line there) and section headers with more on
 * their line (it would drop the rest). */
static char *counting_reader(char *str, int num, void *stream)
{
    load_state *st = stream;
    if (st->status != RS_OK)
        return NULL;
    /* our documented limit, within inih's buffer */
    int max = num - 1 < RS_LINE_MAX ? num - 1 : RS_LINE_MAX;
    int n = 0, c = EOF;
    if (st->line == 0)
        skip_bom(st);
    while (n < max && (c = next_byte(st)) != EOF) {
        if (c == '\0') {
            st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: not a text file (found a NUL byte)",
                                 st->sc->source, st->line + 1);
            return NULL;
        }
        str[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    str[n] = '\0';
    st->line++;
    snprintf(st->text, sizeof st->text, "%s", str);
    if (str[n - 1] != '\n' && c != EOF) {
        int next = next_byte(st);
        if (next != '\n' && next != EOF) {
            st->status = rs_fail(st->err, RS_ERR_INPUT,
                                 "%s:%d: line is longer than %d characters; shorten it",
                                 st->sc->source, st->line, max);
            return NULL;
        }
    }
    return header_alone(st, str) ? str : NULL;
}

/* A key or section name as messages show it: names are ASCII, so every
 * other byte is written as \xNN (rs_escape). */
static const char *shown_name(const char *name, char *buf, size_t size)
{
    return rs_escape(name, true, buf, size);
}

/* The name without the bytes no name holds, for "did you mean": a key that
 * differs from a known one only by a byte order mark or a control
 * character is that key. */
static const char *printable_name(const char *name, char *buf, size_t size)
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
static const char *suggest_key(const char *section, const char *key)
{
    char s[128], k[128];
    const char *hint = rs_param_suggest_key(section, key);
    return hint ? hint : rs_param_suggest_key(printable_name(section, s, sizeof s), printable_name(key, k, sizeof k));
}

static const char *suggest_section(const char *section)
{
    char s[128];
    const char *hint = rs_param_suggest_section(section);
    return hint ? hint : rs_param_suggest_section(printable_name(section, s, sizeof s));
}

static int on_value(void *user, const char *section, const char *key, const char *value)
{
    load_state *st = user;
    rs_scenario *sc = st->sc;
    if (st->status != RS_OK)
        return 0;
    char msg[RS_ERRMSG_SIZE], shown_section[4 * 64], shown_key[4 * RS_LINE_MAX + 1];
    const char *hint;
    shown_name(section, shown_section, sizeof shown_section);
    shown_name(key, shown_key, sizeof shown_key);
    if (!section[0]) {
        st->status = rs_fail(st->err, RS_ERR_INPUT,
                             "%s:%d: %s is outside any section; put it under its [section] heading",
                             sc->source, st->line, shown_key);
        return 0;
    }
    if (!rs_param_section_exists(section)) {
        hint = suggest_section(section);
        st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: unknown section [%s]%s%s%s", sc->source,
                             st->line, shown_section, hint ? "; did you mean [" : "", hint ? hint : "",
                             hint ? "]?" : "");
        return 0;
    }
    int i = rs_param_find(section, key);
    if (i < 0) {
        hint = suggest_key(section, key);
        st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: unknown key %s.%s%s%s%s", sc->source,
                             st->line, shown_section, shown_key, hint ? "; did you mean " : "", hint ? hint : "",
                             hint ? "?" : "");
        return 0;
    }
    if (sc->origins[i].kind == RS_FROM_FILE) {
        st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: %s.%s is set twice (first on line %d)",
                             sc->source, st->line, section, key, sc->origins[i].line);
        return 0;
    }
    if (rs_param_parse(&rs_params[i], sc, value, msg) != RS_OK) {
        st->status = rs_fail(st->err, RS_ERR_INPUT, "%s:%d: %s", sc->source, st->line, msg);
        return 0;
    }
    sc->origins[i].kind = RS_FROM_FILE;
    sc->origins[i].line = st->line;
    sc->origins[i].sequence = ++sc->settings;
    return 1;
}

rs_status rs_scenario_load_stream(rs_scenario *sc, FILE *f, const char *name, char *err)
{
    snprintf(sc->source, sizeof sc->source, "%s", name);
    /* Debian's libinih exposes its options as variables: indented lines are
     * an error rather than a silent continuation, '#' starts an inline
     * comment as well as ';', and the first error stops the parse. The
     * reader skips a byte order mark itself, so that one anywhere else is
     * an error that shows it. */
    ini_allow_multiline = false;
    ini_inline_comment_prefixes = ";#";
    ini_stop_on_first_error = true;
    ini_allow_bom = false;

    load_state st = {.sc = sc, .file = f, .err = err, .status = RS_OK};
    int rc = ini_parse_stream(counting_reader, &st, on_value, &st);
    if (st.status != RS_OK)
        return st.status;
    if (ferror(f))
        return rs_fail(err, RS_ERR_INPUT, "%s: cannot read scenario file", name);
    if (rc > 0) {
        /* inih stops at its first error, the last line the reader gave it */
        char text[4 * sizeof st.text];
        if (rc == st.line)
            quoted_line(&st, text, sizeof text);
        else
            snprintf(text, sizeof text, "line %d", rc);
        return rs_fail(err, RS_ERR_INPUT, "%s:%d: expected [section] or key = value, got %s", name, rc, text);
    }
    if (rc < 0)
        return rs_fail(err, RS_ERR_NOMEM, "%s: out of memory while reading", name);
    return RS_OK;
}

rs_status rs_scenario_load(rs_scenario *sc, const char *path, char *err)
{
    if (!path[0])
        return rs_fail(err, RS_ERR_INPUT, "the scenario file name is empty");
    snprintf(sc->source, sizeof sc->source, "%s", path);
    struct stat info;
    if (stat(path, &info) != 0)
        return rs_fail(err, RS_ERR_INPUT, "%s: cannot read scenario file: %s", path, strerror(errno));
    if (S_ISDIR(info.st_mode))
        return rs_fail(err, RS_ERR_INPUT, "%s: is a directory, expected a scenario file (.ini)", path);
    FILE *f = fopen(path, "r");
    if (!f)
        return rs_fail(err, RS_ERR_INPUT, "%s: cannot read scenario file: %s", path, strerror(errno));
    rs_status st = rs_scenario_load_stream(sc, f, path, err);
    fclose(f);
    return st;
}

rs_status rs_scenario_load_text(rs_scenario *sc, const char *name, const char *text, char *err)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    if (!f)
        return rs_fail(err, RS_ERR_NOMEM, "%s: out of memory while reading", name);
    rs_status st = rs_scenario_load_stream(sc, f, name, err);
    fclose(f);
    return st;
}

rs_status rs_scenario_set(rs_scenario *sc, const char *assignment, char *err)
{
    char key[128];
    const char *eq = strchr(assignment, '=');
    const char *dot = strchr(assignment, '.');
    size_t key_len = eq ? (size_t)(eq - assignment) : 0;
    if (!eq || !dot || dot > eq || key_len >= sizeof key)
        return rs_fail(err, RS_ERR_INPUT, "--set %s: expected section.key=value, such as coaching.hours_per_month=3",
                       assignment);
    memcpy(key, assignment, key_len);
    key[key_len] = '\0';
    /* trim blanks around the key and the value, as in a file */
    while (key_len > 0 && key[key_len - 1] == ' ')
        key[--key_len] = '\0';
    char *k = key;
    while (*k == ' ')
        k++;
    char *kdot = strchr(k, '.');
    *kdot = '\0';
    const char *section = k, *name = kdot + 1;
    const char *value = eq + 1;
    while (*value == ' ')
        value++;
    size_t value_len = strlen(value);
    while (value_len > 0 && value[value_len - 1] == ' ')
        value_len--;
    /* what a scenario file's line can hold, "key=" included, so that the
     * resolved scenario.ini can always say it again */
    size_t room = RS_LINE_MAX - strlen(name) - 1;
    if (strlen(name) + 1 >= RS_LINE_MAX || value_len > room)
        return rs_fail(err, RS_ERR_INPUT,
                       "--set %s.%s=...: the value is longer than %zu characters (a scenario file's line, "
                       "\"%s=\" included, holds %d); shorten it",
                       section, name, room, name, RS_LINE_MAX);
    char val[RS_LINE_MAX + 1];
    snprintf(val, sizeof val, "%.*s", (int)value_len, value);

    int i = rs_param_find(section, name);
    if (i < 0) {
        char shown[4 * RS_ERRMSG_SIZE], shown_section[4 * sizeof key], shown_key[4 * sizeof key];
        rs_escape(assignment, false, shown, sizeof shown);
        shown_name(section, shown_section, sizeof shown_section);
        shown_name(name, shown_key, sizeof shown_key);
        const char *hint = rs_param_section_exists(section) ? suggest_key(section, name) : NULL;
        if (!rs_param_section_exists(section) && !hint) {
            const char *s = suggest_section(section);
            return rs_fail(err, RS_ERR_INPUT, "--set %s: unknown section %s%s%s%s", shown, shown_section,
                           s ? "; did you mean " : "", s ? s : "", s ? "?" : "");
        }
        return rs_fail(err, RS_ERR_INPUT, "--set %s: unknown key %s.%s%s%s%s", shown, shown_section, shown_key,
                       hint ? "; did you mean " : "", hint ? hint : "", hint ? "?" : "");
    }
    char msg[RS_ERRMSG_SIZE];
    if (rs_param_parse(&rs_params[i], sc, val, msg) != RS_OK)
        return rs_fail(err, RS_ERR_INPUT, "--set %s: %s", assignment, msg);
    sc->origins[i].kind = RS_FROM_SET;
    sc->origins[i].sequence = ++sc->settings;
    snprintf(sc->origins[i].text, sizeof sc->origins[i].text, "%s", assignment);
    return RS_OK;
}

rs_status rs_scenario_override(rs_scenario *sc, const char *replications, const char *seed, char *const *sets,
                               int n_sets, char *err)
{
    char assignment[512];
    rs_status st = RS_OK;
    if (replications) {
        snprintf(assignment, sizeof assignment, "run.replications=%s", replications);
        st = rs_scenario_set(sc, assignment, err);
    }
    if (st == RS_OK && seed) {
        snprintf(assignment, sizeof assignment, "run.seed=%s", seed);
        st = rs_scenario_set(sc, assignment, err);
    }
    for (int i = 0; st == RS_OK && i < n_sets; i++)
        st = rs_scenario_set(sc, sets[i], err);
    return st == RS_OK ? rs_scenario_validate(sc, err) : st;
}

/* ---- cross-field validation --------------------------------------------- */

static int param_index(const char *section, const char *key)
{
    return rs_param_find(section, key);
}

/* The later-set of two parameters: the one a message should point at. */
static int later_of(const rs_scenario *sc, int a, int b)
{
    return sc->origins[a].sequence >= sc->origins[b].sequence ? a : b;
}

/* Derives run.name from the scenario file name: "scenarios/my-team.ini"
 * gives "my-team", with characters a directory name should not carry
 * replaced by '_'. */
static void derive_name(rs_scenario *sc)
{
    const char *base = strrchr(sc->source, '/');
    base = base ? base + 1 : sc->source;
    char name[RS_NAME_MAX];
    size_t n = 0;
    for (const char *c = base; *c && n + 1 < sizeof name; c++)
        name[n++] = (strchr("._-", *c) || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                     (*c >= '0' && *c <= '9'))
                        ? *c
                        : '_';
    name[n] = '\0';
    char *ext = strrchr(name, '.');
    if (ext && strcmp(ext, ".ini") == 0)
        *ext = '\0';
    if (!name[0] || name[0] == '.' || name[0] == '-')
        snprintf(name, sizeof name, "scenario");
    snprintf(sc->run.name, sizeof sc->run.name, "%s", name);
}

rs_status rs_scenario_validate(rs_scenario *sc, char *err)
{
    char where[RS_PATH_MAX + 160];
    if (sc->team.new_hires > sc->team.reps) {
        int p = later_of(sc, param_index("team", "new_hires"), param_index("team", "reps"));
        origin_prefix(sc, p, where, sizeof where);
        return rs_fail(err, RS_ERR_INPUT, "%steam.new_hires (%d) must not exceed team.reps (%d)", where,
                       sc->team.new_hires, sc->team.reps);
    }
    if (sc->ramp.curve == RS_RAMP_TABLE && sc->ramp.table[sc->ramp.table_len - 1] < sc->ramp.ramped_at) {
        int p = later_of(sc, param_index("ramp", "table"), param_index("ramp", "ramped_at"));
        origin_prefix(sc, p, where, sizeof where);
        return rs_fail(err, RS_ERR_INPUT,
                       "%sramp.table must reach ramp.ramped_at (%g%%), but its highest value is %g%%", where,
                       sc->ramp.ramped_at * 100, sc->ramp.table[sc->ramp.table_len - 1] * 100);
    }
    if (sc->manager.overbooked == RS_OVERBOOKED_ERROR) {
        /* The heaviest week the plan can have: every seat filled and every
         * rep in onboarding (new hires arrive through attrition too). */
        int onboarding = sc->onboarding.extra_hours_per_week > 0 && sc->onboarding.weeks > 0 ? sc->team.reps : 0;
        rs_planned_hours h = rs_manager_plan(sc, sc->team.reps, onboarding);
        double need = h.coaching + h.onboarding + h.one_on_one + h.team_meeting + h.ride_along;
        double budget = rs_manager_budget(sc);
        if (need > budget + 1e-9) {
            origin_prefix(sc, param_index("manager", "overbooked"), where, sizeof where);
            return rs_fail(err, RS_ERR_INPUT,
                           "%sthe manager's plan needs up to %.1f hours a week but the budget "
                           "(manager.hours_per_week x manager.team_share) is %.1f; plan less or set "
                           "manager.overbooked = scale",
                           where, need, budget);
        }
    }
    if (!sc->run.name[0])
        derive_name(sc);
    return RS_OK;
}

/* ---- derived quantities -------------------------------------------------- */

double rs_scenario_prior_stock(const rs_scenario *sc)
{
    return rs_manager_prior_stock(sc);
}

/* ---- writing ----------------------------------------------------------- */

/* Writes text as comment lines of at most 78 columns, broken between words:
 * the first line starts with `first`, the others with `next`. */
static void put_comment(FILE *out, const char *first, const char *next, const char *text)
{
    const size_t width = 78;
    const char *prefix = first;
    while (*text) {
        size_t room = width - strlen(prefix), len = strlen(text);
        if (len > room) {
            size_t cut = room;
            while (cut > 0 && text[cut] != ' ')
                cut--;
            len = cut > 0 ? cut : strcspn(text, " "); /* a word longer than the line stays whole */
        }
        fprintf(out, "%s%.*s\n", prefix, (int)len, text);
        text += len;
        text += strspn(text, " ");
        prefix = next;
    }
}

void rs_scenario_write(FILE *out, const rs_scenario *sc, bool document)
{
    const char *section = "";
    rs_scenario *defaults = rs_scenario_new();
    for (size_t i = 0; i < rs_param_count; i++) {
        const rs_param *p = &rs_params[i];
        if (strcmp(p->section, section) != 0) {
            fprintf(out, "%s[%s]\n", i ? "\n" : "", p->section);
            section = p->section;
        }
        char value[512], def[512];
        rs_param_format(p, sc, value, sizeof value);
        if (document) {
            char expect[256];
            rs_param_expectation(p, expect, sizeof expect);
            char line[1024];
            put_comment(out, "# ", "# ", p->help);
            snprintf(line, sizeof line, "%s%s%s%s; default %s", expect, p->unit[0] ? " (" : "", p->unit,
                     p->unit[0] ? ")" : "", p->def[0] ? p->def : "(derived)");
            put_comment(out, "#   ", "#     ", line);
            if (p->source) {
                snprintf(line, sizeof line, "source: %s", p->source);
                put_comment(out, "#   ", "#     ", line);
            }
        } else if (defaults) {
            rs_param_format(p, defaults, def, sizeof def);
            if (strcmp(def, value) != 0)
                fprintf(out, "# default: %s\n", p->def[0] ? def : "(derived)");
        }
        if (p->type == RS_P_AUTO && strcmp(value, "auto") == 0 && !document)
            fprintf(out, "# auto is %g for this scenario\n", rs_scenario_prior_stock(sc));
        if (value[0] && strlen(p->key) + 3 + strlen(value) <= RS_LINE_MAX)
            fprintf(out, "%s = %s\n", p->key, value);
        else if (value[0]) /* the longest a line may be, as it was read */
            fprintf(out, "%s=%s\n", p->key, value);
        else
            fprintf(out, "# %s = (derived)\n", p->key);
    }
    rs_scenario_free(defaults);
}
