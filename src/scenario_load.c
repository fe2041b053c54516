/* scenario_load.c: reading a scenario file over a scenario's values with
 * libinih, every line counted so that each message names its file and
 * line, and every byte inih would mishandle silently refused. */
#include "rampsim/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "params.h"
#include "scenario_names.h"
#include "team.h"
#include "valueparse.h"

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
    rs_team_refresh(sc);
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
