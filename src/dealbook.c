/* dealbook.c: open deals on a timing wheel (see dealbook.h). */
#include "dealbook.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MASK (RS_DEALBOOK_WHEEL - 1)

/* The pool on cache lines, so that its 32-byte deals fall two to a line
 * (malloc aligns only to 16 bytes: every other deal would straddle two). */
#define POOL_ALIGNMENT 64
_Static_assert(POOL_ALIGNMENT % sizeof(rs_deal) == 0, "deals tile a cache line");

static rs_deal *pool_new(int32_t capacity)
{
    size_t bytes = (size_t)capacity * sizeof(rs_deal);
    bytes = (bytes + POOL_ALIGNMENT - 1) / POOL_ALIGNMENT * POOL_ALIGNMENT; /* aligned_alloc needs a multiple */
    return aligned_alloc(POOL_ALIGNMENT, bytes > 0 ? bytes : POOL_ALIGNMENT);
}

/* Links deals [from, to) of the pool into the free list. */
static void free_range(rs_deal_book *b, int32_t from, int32_t to)
{
    for (int32_t i = to - 1; i >= from; i--) {
        b->deals[i].next = b->free_list;
        b->free_list = i;
    }
}

rs_status rs_deal_book_init(rs_deal_book *b, int32_t capacity)
{
    b->deals = pool_new(capacity);
    if (!b->deals)
        return RS_ERR_NOMEM;
    b->capacity = capacity;
    rs_deal_book_clear(b);
    return RS_OK;
}

void rs_deal_book_free(rs_deal_book *b)
{
    free(b->deals);
    b->deals = NULL;
}

void rs_deal_book_clear(rs_deal_book *b)
{
    for (int i = 0; i < RS_DEALBOOK_WHEEL; i++)
        b->wheel[i] = -1;
    b->overflow = -1;
    b->free_list = -1;
    free_range(b, 0, b->capacity);
}

bool rs_deal_book_grow(rs_deal_book *b)
{
    if (b->capacity > INT32_MAX / 2)
        return false; /* beyond any memory estimate the engine accepts */
    int32_t capacity = b->capacity * 2;
    rs_deal *deals = pool_new(capacity);
    if (!deals)
        return false;
    memcpy(deals, b->deals, (size_t)b->capacity * sizeof *deals);
    free(b->deals);
    b->deals = deals;
    free_range(b, b->capacity, capacity);
    b->capacity = capacity;
    return true;
}

int32_t rs_deal_book_take(rs_deal_book *b, int week)
{
    int32_t list = b->wheel[week & MASK];
    b->wheel[week & MASK] = -1;
    /* move this week's deals from the overflow list onto the taken list */
    for (int32_t *link = &b->overflow; *link >= 0;) {
        rs_deal *d = &b->deals[*link];
        if (d->close == week) {
            int32_t i = *link;
            *link = d->next;
            d->next = list;
            list = i;
        } else {
            link = &d->next;
        }
    }
    return list;
}

void rs_deal_book_release(rs_deal_book *b, int32_t list)
{
    while (list >= 0) {
        int32_t next = b->deals[list].next;
        b->deals[list].next = b->free_list;
        b->free_list = list;
        list = next;
    }
}
