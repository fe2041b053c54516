/* history.c: see history.h. */
#include "history.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rs_history_init(rs_history *h)
{
    memset(h, 0, sizeof *h);
    h->export_day = RS_DAY_NONE;
}

void rs_history_free(rs_history *h)
{
    if (!h)
        return;
    free(h->reps);
    free(h->opportunities);
    rs_history_init(h);
}

void rs_history_clear(rs_history *h)
{
    h->rep_count = h->opportunity_count = 0;
    h->has_roster = false;
    h->export_day = RS_DAY_NONE;
}

/* Room for one more of `size` bytes each in *items (count, *capacity). */
static bool grow(void **items, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return true;
    size_t wanted = *capacity ? 2 * *capacity : 64;
    void *grown = realloc(*items, wanted * size);
    if (!grown)
        return false;
    *items = grown;
    *capacity = wanted;
    return true;
}

int rs_history_add_rep(rs_history *h, const char *name, rs_day hired, rs_day left)
{
    if (h->rep_count >= (size_t)INT32_MAX ||
        !grow((void **)&h->reps, h->rep_count, &h->rep_capacity, sizeof *h->reps))
        return -1;
    rs_history_rep *r = &h->reps[h->rep_count];
    memset(r, 0, sizeof *r);
    size_t len = strlen(name);
    if (len > RS_HISTORY_NAME_MAX - 1)
        len = RS_HISTORY_NAME_MAX - 1;
    memcpy(r->name, name, len);
    r->hired = hired;
    r->left = left;
    return (int)h->rep_count++;
}

/* name[0 .. len) without its surrounding blanks. */
static void trimmed(const char *name, const char **start, size_t *len)
{
    size_t n = strlen(name);
    while (n > 0 && isspace((unsigned char)*name)) {
        name++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)name[n - 1]))
        n--;
    *start = name;
    *len = n;
}

int rs_history_find_rep(const rs_history *h, const char *name)
{
    const char *want;
    size_t want_len;
    trimmed(name, &want, &want_len);
    for (size_t i = 0; i < h->rep_count; i++) {
        const char *have;
        size_t have_len;
        trimmed(h->reps[i].name, &have, &have_len);
        if (have_len == want_len && strncasecmp(have, want, want_len) == 0)
            return (int)i;
    }
    return -1;
}

long rs_history_add_opportunity(rs_history *h, const rs_history_opportunity *o)
{
    if (!grow((void **)&h->opportunities, h->opportunity_count, &h->opportunity_capacity,
              sizeof *h->opportunities))
        return -1;
    h->opportunities[h->opportunity_count] = *o;
    return (long)h->opportunity_count++;
}

bool rs_history_append(rs_history *dst, const rs_history *src)
{
    int offset = (int)dst->rep_count;
    for (size_t i = 0; i < src->rep_count; i++) {
        const rs_history_rep *r = &src->reps[i];
        int k = rs_history_add_rep(dst, r->name, r->hired, r->left);
        if (k < 0)
            return false;
        dst->reps[k].in_roster = r->in_roster;
    }
    for (size_t i = 0; i < src->opportunity_count; i++) {
        rs_history_opportunity o = src->opportunities[i];
        o.owner += offset;
        if (rs_history_add_opportunity(dst, &o) < 0)
            return false;
    }
    dst->has_roster = src->has_roster;
    return true;
}

rs_day rs_history_first_day(const rs_history *h)
{
    rs_day first = RS_DAY_NONE;
    for (size_t i = 0; i < h->opportunity_count; i++)
        if (first == RS_DAY_NONE || h->opportunities[i].created < first)
            first = h->opportunities[i].created;
    return first;
}

rs_day rs_history_last_day(const rs_history *h)
{
    rs_day last = RS_DAY_NONE;
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        rs_day d = o->closed != RS_DAY_NONE && o->closed > o->created ? o->closed : o->created;
        if (last == RS_DAY_NONE || d > last)
            last = d;
    }
    return last;
}

size_t rs_history_outside_tenure(const rs_history *h, size_t *first)
{
    size_t n = 0;
    for (size_t i = 0; i < h->opportunity_count; i++) {
        const rs_history_opportunity *o = &h->opportunities[i];
        const rs_history_rep *r = &h->reps[o->owner];
        if (!r->in_roster || r->hired == RS_DAY_NONE)
            continue;
        if (o->created < r->hired || (r->left != RS_DAY_NONE && o->created > r->left)) {
            if (n == 0)
                *first = i;
            n++;
        }
    }
    return n;
}
