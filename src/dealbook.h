/* dealbook.h: a team's open opportunities, filed by close week on a timing
 * wheel, so that a week's closing deals are found without looking at the
 * others. Private to the model. */
#ifndef RS_DEALBOOK_H
#define RS_DEALBOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "rampsim/scenario_types.h"
#include "rampsim/status.h"

/* 32 bytes, two deals a cache line: a week opens a deal a rep or so and
 * closes as many, each at a random place in the pool, so a deal that
 * straddled two lines would cost a miss more. The seat and its rep's
 * generation fit 16 bits: a team has at most RS_MAX_REPS seats, and a
 * seat at most one rep a week. */
typedef struct rs_deal {
    double value;
    uint32_t win_word;     /* the word whose uniform decides the deal at close */
    int created, close;    /* weeks */
    int32_t next;          /* next deal in the same list, or -1 */
    int32_t history_index; /* its opportunity in the history the model records, -1 for
                            * none; set only while one is recorded (model_history.h) */
    uint16_t seat;
    uint16_t generation;   /* the seat's rep when the deal was created */
} rs_deal;

_Static_assert(sizeof(rs_deal) == 32, "two deals a cache line");
_Static_assert(RS_MAX_REPS <= UINT16_MAX + 1, "a deal's seat fits 16 bits");
_Static_assert(RS_MAX_WARMUP + RS_MAX_HORIZON <= UINT16_MAX, "a seat's reps, one a week at most, fit 16 bits");

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
