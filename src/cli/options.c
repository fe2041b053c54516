/* cli/options.c: the option parser every command goes through (getopt_long
 * underneath), the checks of the shared options' values, and the scenario
 * a command line describes. */
#include "cli/options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "rampsim/evidence.h"

#define MAX_THREADS 256
#define MAX_OWN 8
#define OWN_CODE 256 /* getopt's code of a command's own option i: OWN_CODE + i */

/* The shared options; their getopt codes are the short names where they
 * have one. Every command's table holds them all, so that one it does not
 * take is refused as such and not as unknown. */
static const struct shared_option {
    const char *name;
    int has_arg, code;
    unsigned bit;
} shared_options[] = {
    {"output", required_argument, 'o', RS_OPT_OUTPUT},
    {"plot", no_argument, 'p', RS_OPT_PLOT},
    {"replications", required_argument, 'n', RS_OPT_REPLICATIONS},
    {"seed", required_argument, 's', RS_OPT_SEED},
    {"threads", required_argument, 'j', RS_OPT_THREADS},
    {"set", required_argument, 'S', RS_OPT_SET},
    {"quiet", no_argument, 'q', RS_OPT_QUIET},
};
#define N_SHARED (int)(sizeof shared_options / sizeof shared_options[0])
#define SHORT_OPTIONS ":o:n:j:qh"

rs_status rs_cli_usage_error(char *err, const char *command, const char *what)
{
    return rs_fail(err, RS_ERR_INPUT, "%s; see 'rampsim %s --help'", what, command);
}

rs_status rs_cli_name_option(rs_status st, const char *option, char *err)
{
    if (st != RS_ERR_INPUT)
        return st;
    char msg[RS_ERRMSG_SIZE];
    snprintf(msg, sizeof msg, "%s", err);
    return rs_fail(err, st, "%s %s", option, msg);
}

/* The entries of longopts that the long option `typed` ("--s", "--plot=1")
 * names, as getopt_long finds them: the option of that exact name alone,
 * or every option whose name begins with it. Returns how many (found holds
 * the first max), sorted by name. */
static int long_matches(const char *typed, const struct option *longopts, const struct option **found, int max)
{
    size_t len = strcspn(typed + 2, "=");
    int n = 0;
    for (const struct option *o = longopts; o->name; o++) {
        if (strncmp(o->name, typed + 2, len) != 0)
            continue;
        if (strlen(o->name) == len) {
            found[0] = o;
            return 1;
        }
        if (n < max)
            found[n] = o;
        n++;
    }
    for (int i = 1; i < n && i < max; i++)
        for (int j = i; j > 0 && strcmp(found[j - 1]->name, found[j]->name) > 0; j--) {
            const struct option *t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    return n;
}

/* A getopt_long failure (c is ':' or '?'), naming the option as the user
 * typed it: a value missing, a value given to an option that takes none,
 * an abbreviation that could mean several options (which, so that the user
 * can pick), or no such option. */
static rs_status option_error(int c, char **argv, const struct option *longopts, const char *command, char *err)
{
    const char *typed = argv[optind - 1];
    const struct option *found[16];
    bool is_long = strncmp(typed, "--", 2) == 0 && typed[2];
    int n = is_long ? long_matches(typed, longopts, found, 16) : 0;
    /* A short option failing inside a group ("-xq") leaves optind on the
     * argument before; getopt names the option in optopt but for an unknown
     * or ambiguous long one. */
    if (is_long && optopt && !(n == 1 && found[0]->val == optopt))
        is_long = false;
    char option[64], what[512];
    if (is_long)
        snprintf(option, sizeof option, "%.*s", (int)strcspn(typed, "="), typed);
    else
        snprintf(option, sizeof option, "-%c", optopt);
    if (c == ':') {
        snprintf(what, sizeof what, "is missing its value");
    } else if (is_long && n == 1 && found[0]->has_arg == no_argument && strchr(typed, '=')) {
        snprintf(what, sizeof what, "takes no value, got %s", typed);
    } else if (is_long && n > 1) {
        size_t len = (size_t)snprintf(what, sizeof what, "is ambiguous:");
        for (int i = 0; i < n && i < 16 && len < sizeof what; i++)
            len += (size_t)snprintf(what + len, sizeof what - len, "%s --%s", i ? "," : "", found[i]->name);
    } else {
        snprintf(what, sizeof what, "is not an option of this command");
    }
    return rs_fail(err, RS_ERR_INPUT, "%s %s; see 'rampsim %s --help'", option, what, command);
}

/* The option getopt_long has just returned, with its value, as the user
 * typed it: "-n 0", "-n0", "--seed abc", "--seed=abc", "--se abc". */
static void typed_option(char **argv, int short_name, char *buf, size_t size)
{
    const char *last = argv[optind - 1];
    bool separate = optarg == last; /* the value is an argument of its own */
    const char *option = separate ? argv[optind - 2] : last;
    if (strncmp(option, "--", 2) != 0)
        snprintf(buf, size, "-%c%s%s", short_name, separate ? " " : "", optarg);
    else if (separate)
        snprintf(buf, size, "%s %s", option, optarg);
    else
        snprintf(buf, size, "%s", option);
}

/* The option getopt_long has just returned, without its value, as typed:
 * "-o", "--out". long_index is what getopt_long set, -1 for a short one. */
static void typed_name(char **argv, int long_index, int code, bool has_value, char *buf, size_t size)
{
    if (long_index < 0) {
        snprintf(buf, size, "-%c", code);
        return;
    }
    const char *option = has_value && optarg == argv[optind - 1] ? argv[optind - 2] : argv[optind - 1];
    snprintf(buf, size, "%.*s", (int)strcspn(option, "="), option);
}

/* Checks the value of an option that overrides a scenario key (-n, --seed)
 * as that key takes it, before any file is read, so that the message names
 * the option as typed ("-n 0: run.replications must be a whole number from
 * 1 to 10000000, got 0") and not the --set it becomes. replications, when
 * not NULL, receives the value run.replications took. */
static rs_status check_key_option(char **argv, int short_name, const char *key, long long *replications, char *err)
{
    char typed[128];
    typed_option(argv, short_name, typed, sizeof typed);
    /* blanks around the value are dropped, as --set drops them */
    const char *value = optarg + strspn(optarg, " ");
    size_t n = strlen(value);
    while (n > 0 && value[n - 1] == ' ')
        n--;
    if (n > RS_LINE_MAX)
        return rs_fail(err, RS_ERR_INPUT, "%.40s...: the value is longer than %d characters; shorten it", typed,
                       RS_LINE_MAX);
    char text[RS_LINE_MAX + 1], msg[RS_ERRMSG_SIZE];
    memcpy(text, value, n);
    text[n] = '\0';
    rs_scenario *probe = rs_scenario_new();
    if (!probe)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_param_parse(&rs_params[rs_param_find("run", key)], probe, text, msg);
    if (replications)
        *replications = probe->run.replications;
    rs_scenario_free(probe);
    return st == RS_OK ? RS_OK : rs_fail(err, st, "%s: %s", typed, msg);
}

static rs_status parse_threads(const char *text, int *threads, char *err)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < 1 || n > MAX_THREADS)
        return rs_fail(err, RS_ERR_INPUT, "--threads must be a whole number from 1 to %d, got %s", MAX_THREADS,
                       text);
    *threads = (int)n;
    return RS_OK;
}

/* Takes the shared option of getopt code `code` into o. */
static rs_status take_shared(const rs_cli_command *c, int code, char **argv, rs_cli_options *o, char *err)
{
    switch (code) {
    case 'o': o->output = optarg; return RS_OK;
    case 'p': o->plot = true; return RS_OK;
    case 'q': o->quiet = true; return RS_OK;
    case 'n':
        o->replications = optarg;
        return check_key_option(argv, 'n', "replications", &o->replications_value, err);
    case 's': o->seed = optarg; return check_key_option(argv, 0, "seed", NULL, err);
    case 'j': return parse_threads(optarg, &o->threads, err);
    default: /* 'S' */
        if (o->n_sets == RS_CLI_MAX_SETS)
            return rs_cli_usage_error(err, c->name, "too many --set options");
        o->sets[o->n_sets++] = optarg;
        return RS_OK;
    }
}

/* Takes the command's own option i. */
static rs_status take_own(const rs_cli_command *c, int i, char *err)
{
    const rs_cli_option *own = &c->own[i];
    if (!own->count) {
        *own->value = optarg;
        return RS_OK;
    }
    if (*own->count == own->max)
        return rs_cli_usage_error(err, c->name, own->too_many);
    own->value[(*own->count)++] = optarg;
    return RS_OK;
}

/* Takes the option getopt_long returned as code. */
static rs_status take_option(const rs_cli_command *c, int code, int long_index, char **argv, rs_cli_options *o,
                             char *err)
{
    if (code >= OWN_CODE)
        return take_own(c, code - OWN_CODE, err);
    for (int i = 0; i < N_SHARED; i++) {
        const struct shared_option *s = &shared_options[i];
        if (s->code != code)
            continue;
        if (c->shared & s->bit)
            return take_shared(c, code, argv, o, err);
        char typed[64];
        typed_name(argv, long_index, code, s->has_arg == required_argument, typed, sizeof typed);
        return rs_fail(err, RS_ERR_INPUT, "%s does not apply to rampsim %s; see 'rampsim %s --help'", typed, c->name,
                       c->name);
    }
    return rs_fail(err, RS_ERR_RUNTIME, "internal error: option code %d", code);
}

/* The long options of command c: the shared ones, its own and --help. */
static void long_options(const rs_cli_command *c, struct option *longopts)
{
    int n = 0;
    for (int i = 0; i < N_SHARED; i++)
        longopts[n++] = (struct option){shared_options[i].name, shared_options[i].has_arg, NULL,
                                        shared_options[i].code};
    for (int i = 0; c->own && c->own[i].name && i < MAX_OWN; i++)
        longopts[n++] = (struct option){c->own[i].name, required_argument, NULL, OWN_CODE + i};
    longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[n] = (struct option){NULL, 0, NULL, 0};
}

/* The arguments that are no option, as many as c takes. */
static rs_status check_arguments(const rs_cli_command *c, const rs_cli_options *o, char *err)
{
    if (o->n_args < c->min_args)
        return rs_cli_usage_error(err, c->name, c->missing);
    if (c->max_args >= 0 && o->n_args > c->max_args)
        return rs_cli_usage_error(err, c->name,
                                  c->max_args == 0 ? "this command takes no arguments" : "too many arguments");
    return RS_OK;
}

rs_status rs_cli_parse(const rs_cli_command *c, int argc, char **argv, rs_cli_options *o, char *err)
{
    memset(o, 0, sizeof *o);
    struct option longopts[N_SHARED + MAX_OWN + 2];
    long_options(c, longopts);
    optind = 1;
    opterr = 0;
    for (;;) {
        int long_index = -1;
        int code = getopt_long(argc, argv, SHORT_OPTIONS, longopts, &long_index);
        if (code == -1)
            break;
        if (code == ':' || code == '?')
            return option_error(code, argv, longopts, c->name, err);
        if (code == 'h') {
            fputs(c->help, stdout);
            o->help = true;
            return RS_OK;
        }
        rs_status st = take_option(c, code, long_index, argv, o, err);
        if (st != RS_OK)
            return st;
    }
    o->args = argv + optind;
    o->n_args = argc - optind;
    return check_arguments(c, o, err);
}

rs_status rs_cli_load_scenario(const char *path, const rs_cli_options *o, rs_scenario **out, char *err)
{
    *out = NULL;
    rs_scenario *sc = rs_scenario_new();
    if (!sc)
        return rs_fail(err, RS_ERR_NOMEM, "out of memory");
    rs_status st = rs_scenario_load(sc, path, err);
    if (st == RS_OK)
        st = rs_scenario_override(sc, o->replications, o->seed, (char *const *)o->sets, o->n_sets, err);
    if (st != RS_OK) {
        rs_scenario_free(sc);
        return st;
    }
    *out = sc;
    return RS_OK;
}

void rs_cli_note_evidence(const rs_scenario *sc, const char *label, const char *const *varied)
{
    char note[RS_EVIDENCE_NOTE_MAX];
    if (rs_evidence_note(sc, label, varied, note, sizeof note) > 0)
        fprintf(stderr, "rampsim: %s\n", note);
}

rs_status rs_cli_parse_scenario(const rs_cli_command *c, int argc, char **argv, rs_cli_options *o, rs_scenario **sc,
                                char *err)
{
    *sc = NULL;
    rs_status st = rs_cli_parse(c, argc, argv, o, err);
    if (st != RS_OK || o->help)
        return st;
    st = rs_cli_load_scenario(o->args[0], o, sc, err);
    if (st == RS_OK)
        rs_cli_note_evidence(*sc, (*sc)->run.name, NULL);
    return st;
}
