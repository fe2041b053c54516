/* valueparse.c: strict parsing of numbers, shares, amounts and switches as
 * people write them in scenario files, so that no typo becomes a value. */
#include "valueparse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool rs_parse_real(const char *s, double *out)
{
    bool digit = false;
    for (const char *c = s; *c; c++) {
        if (isdigit((unsigned char)*c))
            digit = true;
        else if (!strchr("+-.eE", *c))
            return false;
    }
    if (!digit)
        return false;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(x))
        return false;
    *out = x;
    return true;
}

bool rs_parse_integer(const char *s, long long *out)
{
    const char *c = s;
    if (*c == '+' || *c == '-')
        c++;
    if (!*c)
        return false;
    for (; *c; c++)
        if (!isdigit((unsigned char)*c))
            return false;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE)
        return false;
    *out = v;
    return true;
}

bool rs_parse_uint64(const char *s, uint64_t *out)
{
    if (!*s)
        return false;
    for (const char *c = s; *c; c++)
        if (!isdigit((unsigned char)*c))
            return false;
    errno = 0;
    unsigned long long v = strtoull(s, NULL, 10);
    if (errno == ERANGE)
        return false;
    *out = (uint64_t)v;
    return true;
}

/* Copies s without surrounding blanks into buf; false if it does not fit. */
static bool trimmed_copy(const char *s, char *buf, size_t size)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= size)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return true;
}

bool rs_parse_fraction(const char *s, double *out)
{
    char buf[64];
    if (!trimmed_copy(s, buf, sizeof buf))
        return false;
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == '%') {
        buf[n - 1] = '\0';
        char num[64];
        double pct;
        if (!trimmed_copy(buf, num, sizeof num) || !rs_parse_real(num, &pct))
            return false;
        *out = pct / 100.0;
        return true;
    }
    return rs_parse_real(buf, out);
}

bool rs_parse_hours(const char *s, double *out)
{
    char buf[64];
    if (!trimmed_copy(s, buf, sizeof buf))
        return false;
    size_t n = strlen(buf);
    if (n > 0 && (buf[n - 1] == 'h' || buf[n - 1] == 'H')) {
        buf[n - 1] = '\0';
        char num[64];
        return trimmed_copy(buf, num, sizeof num) && rs_parse_real(num, out);
    }
    return rs_parse_real(buf, out);
}

/* Digits grouped by commas in threes ("1,234,567.5"): true and the number
 * without commas in plain, or false when the commas are not thousands. */
static bool ungroup_thousands(const char *s, char *plain, size_t size)
{
    const char *dot = strchr(s, '.');
    size_t int_len = dot ? (size_t)(dot - s) : strlen(s);
    size_t group = 0, o = 0;
    bool first = true;
    for (size_t i = 0; i < int_len; i++) {
        char c = s[i];
        if (c == ',') {
            if (group == 0 || (!first && group != 3) || group > 3)
                return false;
            first = false;
            group = 0;
            continue;
        }
        if (!isdigit((unsigned char)c))
            return false;
        group++;
        if (o + 1 >= size)
            return false;
        plain[o++] = c;
    }
    if (!first && group != 3)
        return false;
    for (const char *c = s + int_len; *c; c++) {
        if (*c == ',' || o + 1 >= size)
            return false;
        plain[o++] = *c;
    }
    plain[o] = '\0';
    return true;
}

bool rs_parse_money(const char *s, double *out)
{
    char buf[64];
    if (!trimmed_copy(s, buf, sizeof buf))
        return false;
    char *p = buf;
    static const char *const currencies[] = {"$", "\xe2\x82\xac", "\xc2\xa3", NULL};
    for (int i = 0; currencies[i]; i++) {
        size_t n = strlen(currencies[i]);
        if (strncmp(p, currencies[i], n) == 0) {
            p += n;
            break;
        }
    }
    while (*p == ' ')
        p++;
    size_t n = strlen(p);
    double scale = 1.0;
    if (n >= 2 && strcasecmp(p + n - 2, "bn") == 0) {
        scale = 1e9;
        p[n - 2] = '\0';
    } else if (n >= 1 && (p[n - 1] == 'k' || p[n - 1] == 'K')) {
        scale = 1e3;
        p[n - 1] = '\0';
    } else if (n >= 1 && (p[n - 1] == 'm' || p[n - 1] == 'M')) {
        scale = 1e6;
        p[n - 1] = '\0';
    }
    /* "418.000" is 418 thousand to much of the world and 418 to C: refuse
     * to guess. */
    const char *dot = strchr(p, '.');
    if (scale == 1.0 && dot && strlen(dot + 1) == 3 && !strchr(p, ',') && isdigit((unsigned char)dot[1]) &&
        isdigit((unsigned char)dot[2]) && isdigit((unsigned char)dot[3]))
        return false;
    char plain[64];
    double x;
    if (strchr(p, ',')) {
        if (!ungroup_thousands(p, plain, sizeof plain))
            return false;
    } else if (!trimmed_copy(p, plain, sizeof plain)) {
        return false;
    }
    if (!rs_parse_real(plain, &x))
        return false;
    *out = x * scale;
    return isfinite(*out);
}

bool rs_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1", NULL};
    static const char *const no[] = {"no", "false", "off", "0", NULL};
    for (int i = 0; yes[i]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

size_t rs_edit_distance(const char *a, const char *b)
{
    /* Optimal string alignment: insertions, deletions, substitutions and
     * swaps of two neighbours ("tema" for "team") each count one. */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return (size_t)-1;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

void rs_format_real(double x, char *buf, size_t size)
{
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* Length of the valid UTF-8 sequence at s (1 to 4 bytes) and its code
 * point, or 0: overlong forms, surrogates and stray continuation bytes are
 * not valid. */
static int utf8_decode(const unsigned char *s, unsigned long *code)
{
    if (s[0] < 0x80) {
        *code = s[0];
        return 1;
    }
    int n = s[0] >= 0xf0 && s[0] <= 0xf4   ? 4
            : s[0] >= 0xe0 && s[0] < 0xf0 ? 3
            : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
                                           : 0;
    unsigned long c = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0fu : s[0] & 0x1fu;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3fu);
    }
    if (n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)))
        return 0;
    if (n == 4 && (c < 0x10000 || c > 0x10ffff))
        return 0;
    *code = c;
    return n;
}

/* Code points that show nothing, or change how the text around them
 * shows, in a terminal. */
static bool invisible(unsigned long c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xad || c == 0x61c || c == 0x180e ||
           (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
           c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb);
}

const char *rs_escape(const char *s, bool ascii_only, char *buf, size_t size)
{
    const unsigned char *c = (const unsigned char *)s;
    size_t o = 0;
    if (size == 0)
        return buf;
    while (*c) {
        unsigned long code = 0;
        int n = utf8_decode(c, &code);
        bool shown = n > 0 && !invisible(code) && !(ascii_only && code > 0x7e);
        size_t len = shown ? (size_t)n : 4;
        if (o + len >= size)
            break;
        if (shown)
            memcpy(buf + o, c, len);
        else
            snprintf(buf + o, 5, "\\x%02x", *c);
        o += len;
        c += shown ? n : 1;
    }
    buf[o] = '\0';
    return buf;
}

/* An amount as the parser reads it back: "43.903" would be refused as
 * ambiguous (43 thousand in much of the world), so it is written "43.9030". */
void rs_format_money(double x, char *buf, size_t size)
{
    rs_format_real(x, buf, size);
    const char *dot = strchr(buf, '.');
    size_t len = strlen(buf);
    if (dot && !strpbrk(buf, "eE") && strlen(dot + 1) == 3 && len + 1 < size) {
        buf[len] = '0';
        buf[len + 1] = '\0';
    }
}

/* A number written as compactly as the parser reads it: no leading zero
 * before the point (".5"), no plus sign or leading zeros in an exponent
 * ("1e-5"). */
static void compact(char *buf)
{
    if (strncmp(buf, "0.", 2) == 0)
        memmove(buf, buf + 1, strlen(buf));
    char *e = strchr(buf, 'e');
    if (!e)
        return;
    char *digits = e + 1;
    if (*digits == '+')
        memmove(digits, digits + 1, strlen(digits));
    else if (*digits == '-')
        digits++;
    size_t zeros = strspn(digits, "0");
    if (zeros > 0 && digits[zeros])
        memmove(digits, digits + zeros, strlen(digits + zeros) + 1);
}

/* A ramp-table fraction as the shortest percent that the parser, dividing
 * it by 100, reads back to exactly that fraction ("7" for 0.07, where
 * 0.07 x 100 is 7.000000000000001), in plain or exponent form, whichever is
 * shorter: so that a table written out is never longer than the shortest
 * way of typing it, and fits the line it was read from. */
void rs_format_percent(double fraction, char *buf, size_t size)
{
    double percent = fraction * 100.0;
    char plain[64] = "", exponent[64] = "";
    for (int decimals = 0; decimals <= 20 && !plain[0]; decimals++) {
        snprintf(plain, sizeof plain, "%.*f", decimals, percent);
        if (strtod(plain, NULL) / 100.0 != fraction)
            plain[0] = '\0';
    }
    for (int digits = 1; digits <= 17 && !exponent[0]; digits++) {
        snprintf(exponent, sizeof exponent, "%.*e", digits - 1, percent);
        if (strtod(exponent, NULL) / 100.0 != fraction)
            exponent[0] = '\0';
    }
    compact(plain);
    compact(exponent);
    bool use_plain = plain[0] && (!exponent[0] || strlen(plain) <= strlen(exponent));
    snprintf(buf, size, "%s", use_plain ? plain : exponent);
}
