/* text.h - text helpers: Meta's mojibake, UTF-8 checks, dates.
 *
 * Meta writes every non-ASCII character of a JSON export as its UTF-8 bytes,
 * one \u00XX escape per byte, so a JSON decoder yields the Latin-1 reading
 * ("CafÃ©"). tr_mojibake_repair reverses that: when every code point of the
 * decoded string is <= U+00FF and those code points, taken as bytes, form
 * valid UTF-8, the bytes are the real text. Anything else (already-correct
 * text, CJK, invalid sequences) is left alone.
 */
#ifndef TR_TEXT_H
#define TR_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Nonzero if s[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int tr_utf8_valid(const char *s, size_t len);

/* A copy of s[0..len) that is valid UTF-8: every byte that does not start a
 * valid sequence becomes U+FFFD. Returns a new NUL-terminated string (caller
 * frees) and its length in *out_len (may be NULL), or NULL when out of
 * memory. Used for names from an archive, which may be any bytes. */
char *tr_utf8_scrub(const char *s, size_t len, size_t *out_len);

/* Repair mojibake. s is UTF-8 as decoded by jansson. Returns a new
 * NUL-terminated string (caller frees) and its length in *out_len (may be
 * NULL), or NULL when out of memory. When no repair applies the result is a
 * copy of s. */
char *tr_mojibake_repair(const char *s, size_t len, size_t *out_len);

/* Civil date helpers, proleptic Gregorian, UTC. */
typedef struct tr_date { int year, month, day; } tr_date;

/* Parse "YYYY-MM-DD" (1-2 digit month and day accepted). 0 on success, -1 if
 * not a valid calendar date. */
int tr_date_parse(const char *s, tr_date *out);
int tr_date_valid(tr_date d);
/* Days since 1970-01-01 for d, and back. */
int64_t tr_date_to_days(tr_date d);
tr_date tr_date_from_days(int64_t days);
/* The UTC date of a Unix time in seconds. */
tr_date tr_date_from_unix(int64_t secs);
/* Whole years of age on date `on` for someone born on `birth`. */
int tr_age_on(tr_date birth, tr_date on);
/* Write "YYYY-MM-DD" into buf (>= 11 bytes). */
void tr_date_format(tr_date d, char *buf);
/* Write "YYYY-MM-DDTHH:MM:SSZ" for a Unix time into buf (>= 32 bytes). */
void tr_time_iso(int64_t secs, char *buf);

#endif
