/* fuzzentry.h - the scan's JSON steps as one entry point for the fuzz harnesses.
 *
 * A scan reads JSON members inside an archive; fuzzing that path through
 * whole archives wastes most inputs on the zip layer. tr_fuzz_json_member
 * runs the bytes of one member through the same steps the scan takes for a
 * JSON member (scan.c: process_job, extract_items, record_visit, read_facts):
 * parse with tr_jdoc_parse (jdoc.h) within the limits' nesting depth, string
 * length and value count, then for every rule of the set: its file and fact
 * conditions, its records (selector or auto), each record's conditions,
 * time, text (mojibake-repaired) and media selectors; and every fact block's
 * value read as its type. Nothing is printed and nothing is kept.
 */
#ifndef TR_FUZZENTRY_H
#define TR_FUZZENTRY_H

#include <stddef.h>

#include "regex.h"
#include "rules.h"
#include "tr_limits.h"

/* What one run saw (for the harness's own checks). */
typedef struct tr_fuzz_stats {
    int parsed;        /* the bytes were JSON within the limits */
    size_t records;    /* records visited over all rules */
    size_t times;      /* records with a time */
    size_t texts;      /* records with a text */
    size_t media;      /* media references (strings) yielded */
    size_t facts;      /* fact values read */
    size_t limit_hits; /* conditions that hit a regex limit */
    size_t invalid_texts; /* texts that are not valid UTF-8 (a bug: the harness aborts) */
} tr_fuzz_stats;

/* Run data[0..len) as one JSON member through every rule of `rules`.
 * `m` is a matcher made with tr_matcher_init (the limits of the caller).
 * Returns 0, or -1 when out of memory. */
int tr_fuzz_json_member(const tr_rules *rules, const tr_limits *limits, tr_matcher *m, const char *data,
                        size_t len, tr_fuzz_stats *stats);

#endif
