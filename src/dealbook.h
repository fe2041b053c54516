/* dealbook.h: a team's open opportunities, filed by close week on a timing
 * wheel, so that a week's closing deals are found without looking at the
 * others. Private to the model. */
#ifndef RS_DEALBOOK_H
#define RS_DEALBOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "rampsim/status.h"

typedef struct rs_deal {
    double value;
    double win_u;          /* the uniform that decides the deal at close */
    int created, close;    /* weeks */
    int seat;
    uint32_t generation;   /* the seat's rep when the deal was created */
    int32_t next;          /* next deal in the same list, or -1 */
    int32_t history_index; /* its opportunity in the history the model records, -1 for
                            * none; set only while one is recorded (model_history.h) */
} rs_deal;

/* Weeks the wheel spans; deals closing further ahead wait in a list that
 * is looked at every week (cycles that long are rare). */
#define RS_DEALBOOK_WHEEL 1024

typedef struct rs_deal_book {
    rs_deal *deals;        /* the pool; indices stay valid when it grows */
    int32_t capacity;
    int32_t free_list;
    int32_t overflow;
    int32_t wheel[RS_DEALBOOK_WHEEL];
} rs_deal_book;

/* An empty book with room for `capacity` deals. RS_ERR_NOMEM on failure. */
rs_status rs_deal_book_init(rs_deal_book *b, int32_t capacity);
void rs_deal_book_free(rs_deal_book *b);
/* Empties the book, keeping its memory. */
void rs_deal_book_clear(rs_deal_book *b);

/* Doubles the pool when its free list is empty; false when it cannot grow. */
bool rs_deal_book_grow(rs_deal_book *b);

/* Files a new deal closing in week `close`, created in week `week`, and
 * returns its index, or -1 when the pool cannot grow. Pointers into
 * b->deals are invalid after this call. Inline: a week files one deal a
 * rep or so. */
static inline int32_t rs_deal_book_add(rs_deal_book *b, int week, int close)
{
    if (b->free_list < 0 && !rs_deal_book_grow(b))
        return -1;
    int32_t i = b->free_list;
    rs_deal *d = &b->deals[i];
    b->free_list = d->next;
    d->created = week;
    d->close = close;
    int32_t *list = close - week < RS_DEALBOOK_WHEEL ? &b->wheel[close & (RS_DEALBOOK_WHEEL - 1)] : &b->overflow;
    d->next = *list;
    *list = i;
    return i;
}

/* Detaches the deals closing in `week` and returns the first of their list
 * (-1 if none); walk it with .next, then give it back with
 * rs_deal_book_release. */
int32_t rs_deal_book_take(rs_deal_book *b, int week);
void rs_deal_book_release(rs_deal_book *b, int32_t list);

#endif
