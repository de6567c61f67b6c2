/* audience.h - "what to do about uncertain items": per platform, how to
 * check and change who can see what you posted, as data.
 *
 * One table (audience.c) of steps per platform, each a whole sentence in
 * plain English, and the date the steps were checked in the apps. The text
 * and HTML reports show the platforms of the export. Changing an audience or
 * deleting keeps an item out of later training only.
 *
 * Ownership: everything returned is static data.
 */
#ifndef TR_AUDIENCE_H
#define TR_AUDIENCE_H

#include <stddef.h>

#define TR_AUDIENCE_STEPS 8

typedef struct tr_audience {
    unsigned platform;                       /* one TR_PLAT_* bit */
    const char *title;                       /* "Facebook" */
    const char *steps[TR_AUDIENCE_STEPS];    /* NULL-terminated */
} tr_audience;

/* The platforms in display order. */
size_t tr_audience_count(void);
const tr_audience *tr_audience_at(size_t i);

/* When the steps were checked ("December 2026"), and the sentences that come
 * before and after the steps (static). */
const char *tr_audience_checked(void);
const char *tr_audience_intro(void);
const char *tr_audience_caveat(void);

#endif
