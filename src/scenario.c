/* scenario.c: a scenario's life apart from reading its file
 * (scenario_load.c): its defaults, --set overrides, cross-field validation
 * and writing it back. Every value goes through rs_param_parse; this file
 * adds the places (file, line, --set argument) that make a message
 * actionable. */
#include "rampsim/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "rampsim/calendar.h"

#include "manager.h"
#include "params.h"
#include "params_uncertain.h"
#include "scenario_names.h"
#include "team.h"
#include "uncertain.h"
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
    rs_team_refresh(sc);
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

void rs_scenario_place(const rs_scenario *sc, const char *section, const char *key, char *buf, size_t size)
{
    origin_prefix(sc, rs_param_find(section, key), buf, size);
}

/* rs_scenario_set's work. On failure err says what is wrong, without the
 * place, and quoted (quoted_size bytes) receives the assignment as
 * rs_scenario_set's message names it after "--set ". */
static rs_status set_assignment(rs_scenario *sc, const char *assignment, char *quoted, size_t quoted_size, char *err)
{
    snprintf(quoted, quoted_size, "%s", assignment);
    char key[128];
    const char *eq = strchr(assignment, '=');
    const char *dot = strchr(assignment, '.');
    size_t key_len = eq ? (size_t)(eq - assignment) : 0;
    if (!eq || !dot || dot > eq || key_len >= sizeof key)
        return rs_fail(err, RS_ERR_INPUT, "expected section.key=value, such as coaching.hours_per_month=3");
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
    if (strlen(name) + 1 >= RS_LINE_MAX || value_len > room) {
        snprintf(quoted, quoted_size, "%s.%s=...", section, name);
        return rs_fail(err, RS_ERR_INPUT,
                       "the value is longer than %zu characters (a scenario file's line, \"%s=\" included, holds %d); "
                       "shorten it",
                       room, name, RS_LINE_MAX);
    }
    char val[RS_LINE_MAX + 1];
    snprintf(val, sizeof val, "%.*s", (int)value_len, value);

    int i = rs_param_find(section, name);
    if (i < 0) {
        char shown_section[4 * sizeof key], shown_key[4 * sizeof key];
        rs_escape(assignment, false, quoted, quoted_size);
        shown_name(section, shown_section, sizeof shown_section);
        shown_name(name, shown_key, sizeof shown_key);
        const char *hint = rs_param_section_exists(section) ? suggest_key(section, name) : NULL;
        if (!rs_param_section_exists(section) && !hint) {
            const char *s = suggest_section(section);
            return rs_fail(err, RS_ERR_INPUT, "unknown section %s%s%s%s", shown_section, s ? "; did you mean " : "",
                           s ? s : "", s ? "?" : "");
        }
        return rs_fail(err, RS_ERR_INPUT, "unknown key %s.%s%s%s%s", shown_section, shown_key,
                       hint ? "; did you mean " : "", hint ? hint : "", hint ? "?" : "");
    }
    if (rs_param_parse(&rs_params[i], sc, val, err) != RS_OK)
        return RS_ERR_INPUT;
    sc->origins[i].kind = RS_FROM_SET;
    sc->origins[i].sequence = ++sc->settings;
    snprintf(sc->origins[i].text, sizeof sc->origins[i].text, "%s", assignment);
    rs_team_refresh(sc);
    return RS_OK;
}

rs_status rs_scenario_set(rs_scenario *sc, const char *assignment, char *err)
{
    char quoted[4 * RS_ERRMSG_SIZE], msg[RS_ERRMSG_SIZE];
    rs_status st = set_assignment(sc, assignment, quoted, sizeof quoted, msg);
    return st == RS_OK ? RS_OK : rs_fail(err, st, "--set %s: %s", quoted, msg);
}

rs_status rs_scenario_set_bare(rs_scenario *sc, const char *assignment, char *err)
{
    char quoted[4 * RS_ERRMSG_SIZE];
    return set_assignment(sc, assignment, quoted, sizeof quoted, err);
}

rs_status rs_scenario_validate_bare(rs_scenario *sc, char *err)
{
    /* rs_scenario_validate names the place of the key a message is about;
     * a copy that comes from no file and no --set has none to name */
    rs_scenario *unplaced = rs_scenario_clone(sc);
    if (!unplaced)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    memset(unplaced->origins, 0, rs_param_count * sizeof *unplaced->origins);
    unplaced->source[0] = '\0';
    rs_status st = rs_scenario_validate(unplaced, err);
    rs_scenario_free(unplaced);
    return st == RS_OK ? rs_scenario_validate(sc, err) : st;
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

/* The cross-field checks at the values the fields hold now. */
static rs_status check_fields(rs_scenario *sc, char *err)
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
    int scale = param_index("effects", "scale");
    if (sc->effects.uncertainty == RS_UNCERTAINTY_RESEARCH && rs_uncertain_find(sc, scale)) {
        origin_prefix(sc, scale, where, sizeof where);
        return rs_fail(err, RS_ERR_INPUT,
                       "%seffects.scale cannot be a range with effects.uncertainty = research: the research's ranges "
                       "are made around the figures at that scale; give it a single value, or give the effects "
                       "ranges of your own", where);
    }
    rs_status team = rs_team_resolve(sc, err);
    if (team != RS_OK)
        return team;
    if (sc->manager.overbooked == RS_OVERBOOKED_ERROR) {
        /* The heaviest week the plan can have: every seat filled and every
         * rep in onboarding (new hires arrive through attrition too). */
        int seats = sc->team.seat_count;
        int onboarding = sc->onboarding.extra_hours_per_week > 0 && sc->onboarding.weeks > 0 ? seats : 0;
        rs_planned_hours h = rs_manager_plan(sc, seats, onboarding);
        if (rs_team_has_own_coaching(sc)) {
            double month = 0.0;
            for (int i = 0; i < seats; i++)
                month += rs_team_coaching_hours_per_month(sc, i);
            h.coaching = month * RS_MONTHS_PER_YEAR / RS_WEEKS_PER_YEAR;
        }
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
    return RS_OK;
}

/* The cross-field checks where the uncertain keys can take them: at the
 * corners of their ranges (docs/uncertainty.md). The checks are monotone
 * in each key (a larger plan, a higher ramped_at), so the corners are the
 * worst cases. */
static rs_status check_corners(const rs_scenario *sc, char *err)
{
    rs_status st = RS_OK;
    for (int c = 0; st == RS_OK && c < RS_CORNERS; c++) {
        rs_scenario *corner = rs_scenario_clone(sc);
        if (!corner)
            return rs_fail(err, RS_ERR_NOMEM, "out of memory");
        rs_uncertain_corner(corner, (rs_corner)c);
        char msg[RS_ERRMSG_SIZE];
        st = check_fields(corner, msg);
        if (st != RS_OK)
            rs_fail(err, st, "%s (with %s)", msg, rs_uncertain_corner_name((rs_corner)c));
        rs_scenario_free(corner);
    }
    return st;
}

rs_status rs_scenario_validate(rs_scenario *sc, char *err)
{
    rs_uncertain_refresh_research(sc);
    rs_status st = check_fields(sc, err);
    if (st == RS_OK && sc->uncertain.count > 0)
        st = check_corners(sc, err);
    if (st != RS_OK)
        return st;
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
        if (sc->team.roster[0] && strcmp(p->section, "team") == 0 &&
            (strcmp(p->key, "reps") == 0 || strcmp(p->key, "new_hires") == 0)) {
            fprintf(out, "# %s: the roster gives the team\n", p->key);
            continue;
        }
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
