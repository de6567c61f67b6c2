/* htmldate.h - the dates Meta's HTML exports print, as Unix times.
 *
 * HTML exports show local wall-clock strings, localised and without a time
 * zone (export-formats.md §10):
 *
 *   May 17, 2026 2:05:15 pm      Facebook H3 (seconds, lower-case am/pm)
 *   Sep 22, 2017 6:33 am         Instagram H2
 *   Sep 22, 2017, 6:33 AM        H2 legacy, H1
 *   Oct 19, 2019 at 2:37 PM      H1
 *   19 Oct 2019, 14:37           H1
 *   17 mai 2026 14:05            French
 *   17. Mai 2026 14:05           German
 *   jun. 07, 2024 5:44 am        Spanish-style abbreviation
 *   7 de junio de 2024 17:44     Spanish
 *   15 lug 2025, 10:03           Italian
 *   15 jul. 2025 om 10:03        Dutch
 *   15 de jul. de 2025 10:03     Portuguese (pt-PT and pt-BR)
 *   7月 01, 2026 6:25:04 PM      Japanese month
 *
 * The parser is word based, not a list of formats: it finds at most one
 * clock time (H:MM or H:MM:SS, with an optional am/pm: "pm", "p.m.",
 * "p. m."), one month (an English, French, German, Spanish, Italian, Dutch
 * or Portuguese month name or abbreviation in any case, or a number
 * followed by 月), and the day and year numbers around them; connecting
 * words ("at", "à", "um", "de", "Uhr", "alle", "om", "às", weekday names,
 * ordinal suffixes such as "er" and "º") are skipped. Numeric dates are read when
 * they are unambiguous: YYYY-MM-DD (or with / or .), DD.MM.YYYY, and D/M/Y
 * or M/D/Y only when one of the two is above 12. Any other word, a second
 * clock or a second month makes the string "not a date": the caller then
 * records an unknown time, it never guesses.
 *
 * The zone is unknown, so the wall-clock time is taken as UTC. No locale,
 * no global state: safe from any thread.
 */
#ifndef TR_HTMLDATE_H
#define TR_HTMLDATE_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* What tr_htmldate_parse found. */
enum {
    TR_HTMLDATE_NONE = 0, /* not a date this parser can read */
    TR_HTMLDATE_DAY = 1,  /* a calendar date without a clock time */
    TR_HTMLDATE_TIME = 2  /* a date with a clock time */
};

/* Parse s[0..len) (UTF-8, need not be NUL-terminated). On TR_HTMLDATE_DAY
 * or TR_HTMLDATE_TIME, *day (may be NULL) is the calendar date and *secs
 * (may be NULL) the Unix time of that wall-clock time taken as UTC (midnight
 * for a date alone). Returns TR_HTMLDATE_NONE and leaves the outputs alone
 * otherwise. Strings longer than 200 bytes are never dates. */
int tr_htmldate_parse(const char *s, size_t len, tr_date *day, int64_t *secs);

#endif
