/* util.h - small helpers shared by the report writers (src/report/ only).
 *
 * Formatting of counts and sizes, and the per-year tallies the HTML chart
 * and the objection split compute from report->item[]. Nothing here owns
 * memory except tr_years, freed with tr_years_free.
 */
#ifndef TR_REPORT_UTIL_H
#define TR_REPORT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* Length (1-4) of the valid UTF-8 sequence starting at p, or 0 when the
 * bytes there are not valid UTF-8 (or p is at the terminating NUL). */
size_t tr_utf8_seq(const char *p);
/* The code point of the valid sequence of length n at p. */
uint32_t tr_utf8_decode(const char *p, size_t n);
/* A malloc'd copy of s with every byte that is not valid UTF-8 replaced by
 * U+FFFD (caller frees), or NULL when out of memory. */
char *tr_utf8_sanitize(const char *s);

/* "1,204" with sep as the thousands separator (NULL or "" for none) into buf;
 * returns buf. n >= 32 always fits. */
char *tr_fmt_count(uint64_t v, const char *sep, char *buf, size_t n);

/* "24.9 KB": decimal units, one decimal above 1000 B. Returns buf. */
char *tr_fmt_bytes(uint64_t b, char *buf, size_t n);

/* The translation of one/many for n (tr_ngettext, i18n.h). Write both as
 * whole sentences with the same printf-style placeholders, never as a word
 * to glue into a sentence; scripts/update-po extracts them. */
const char *tr_plural(uint64_t n, const char *one, const char *many) __attribute__((format_arg(2), format_arg(3)));

/* The category as words for people ("Chats with Meta AI"), and the verdict
 * as the word the reports use ("eligible"), in the report's language
 * (i18n.h); static strings. */
const char *tr_category_label(tr_category c);
const char *tr_verdict_word(tr_verdict v);
/* The platforms of a TR_PLAT_* mask as words ("Facebook and Instagram"), in
 * the report's language. */
const char *tr_platform_label(unsigned platforms);
/* Where an as-of date comes from (the JSON report's as_of_source: "option",
 * "file name", ...) as words in the report's language ("the date in its
 * name"); static strings. */
const char *tr_as_of_words(const char *as_of_source);
/* What print (tr_fputs_safe, tr_html_escape) writes of s, as a new string
 * the caller frees; NULL when out of memory. */
char *tr_print_to_string(void (*print)(FILE *, const char *), const char *s);

/* Columns that the first len bytes of s take on a terminal: one per code
 * point, two for East Asian wide ones, none for combining marks and for the
 * ESC [ ... m colour sequences the text report writes itself. */
size_t tr_display_width(const char *s, size_t len);

/* The items to list, in the order the reports list them: by verdict (the
 * verdicts of o->verdicts, eligible first), then by reason, the reason whose
 * oldest item is oldest first, then by date (undated last), then by file and
 * position. Sets *out to a malloc'd array of indexes into r->item (caller
 * frees; NULL when there is nothing to list) and *n to its length. Returns
 * 0, or -1 when out of memory. */
struct tr_report_opts;
int tr_items_listed(const tr_report *r, const struct tr_report_opts *o, size_t **out, size_t *n);

/* Items per year and verdict, from the items that have a time. Years span
 * [first, first + n), never past the year of the export's date when it is
 * known (items dated after it are counted in `later`); items older than the
 * span (it is capped at TR_YEARS_MAX years, ending at the newest) are
 * counted in `older`. */
#define TR_YEARS_MAX 120
typedef struct tr_years {
    int first;                       /* first year of the span */
    size_t n;                        /* number of years; 0 when no item has a time */
    uint64_t (*count)[TR_VERDICT__COUNT]; /* n rows; owned */
    uint64_t older[TR_VERDICT__COUNT];
    uint64_t later[TR_VERDICT__COUNT];
    uint64_t undated[TR_VERDICT__COUNT];
    uint64_t future[TR_VERDICT__COUNT]; /* dated after the export's date (tr_item.future): not in the span */
} tr_years;

/* Fill y from r. Returns 0, or -1 when out of memory (y is then empty). */
int tr_years_count(const tr_report *r, tr_years *y);
void tr_years_free(tr_years *y);

#endif
