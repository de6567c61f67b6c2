/* extract.h - from one parsed JSON member to its records and their fields.
 *
 * Internal to libtrainable. Given a rule and a parsed document, find the
 * records (auto or by selector), test conditions, and read an item's time,
 * text and media references. Free text is repaired for Meta's mojibake
 * before it is compared or kept.
 */
#ifndef TR_EXTRACT_H
#define TR_EXTRACT_H

#include <stdint.h>

#include "jdoc.h"
#include "regex.h"
#include "report.h"
#include "rules.h"

/* Call fn for each record of doc as the rule says (records auto when sel is
 * NULL). Returns what tr_jpath_each returns. */
int tr_records_each(const tr_jpath *sel, tr_jv *doc, tr_jpath_fn fn, void *user);

/* Evaluate one file or record condition on root. Returns 1 holds, 0 does
 * not, -1 a regular expression hit its limit (treated as not holding). */
int tr_cond_eval_json(const tr_cond *c, tr_jv *root, tr_matcher *m);

/* Evaluate a fact condition against the facts known so far. */
int tr_cond_eval_fact(const tr_cond *c, const tr_fact *facts, size_t nfacts);

/* The item time: first positive number the selectors yield (ms converted).
 * Returns 1 and *out, or 0 when there is none. */
int tr_item_time(const tr_rule *r, tr_jv *rec, int64_t *out);

/* The item text: every string the text selectors yield, joined with
 * newlines, repaired for mojibake when `repair` is set (JSON, not HTML);
 * when they yield none, the longest string (in bytes, the first of equal
 * ones) that the rule's `text SEL longest` selectors yield.
 * Returns a malloc'd string, or NULL when there is none or out of memory
 * (*oom set). */
char *tr_item_text(const tr_rule *r, tr_jv *rec, int repair, int *oom);

/* Convert a JSON value to a fact of the given type. Returns 0 and fills f
 * (f->text malloc'd), or -1 when the value does not fit the type. */
int tr_fact_from_json(tr_jv *v, tr_fact_type type, tr_fact *f);

/* The fact a selector finds in doc: the first value it yields that fits the
 * type (a page can hold a label twice, the first time as a group heading).
 * Returns 0 and fills f as tr_fact_from_json, or -1 when no value fits. */
int tr_fact_read(const tr_jpath *sel, tr_jv *doc, tr_fact_type type, tr_fact *f);

/* As tr_fact_read with the fact rule's selector and type; a bool also
 * takes the rule's `true` / `false` words (a whole string equal to one,
 * ignoring ASCII case, after mojibake repair). */
int tr_fact_read_rule(const tr_factrule *fr, tr_jv *doc, tr_fact *f);

/* The first e-mail address in s (local@domain.tld; ASCII, or UTF-8 bytes in
 * either half), as a malloc'd string; NULL when there is none or out of
 * memory (*oom set then, when oom is not NULL). */
char *tr_first_email(const char *s, int *oom);

/* A JSON scalar as repaired text (strings) or its literal form (numbers,
 * booleans). Returns malloc'd text, or NULL for objects, arrays, null. */
char *tr_json_text(tr_jv *v);

/* Length of a document path without its .json/.html/.htm extension: the
 * part that rule paths are matched against. */
size_t tr_doc_stem_len(const char *path);

/* 1 when one of the n patterns matches s[0..len), 0 when none does, -1 when
 * one hit its match limit and none matched. */
int tr_any_match(const tr_regex *re, size_t n, const char *s, size_t len, tr_matcher *m);

/* What a `greatest` condition compares a record with: the records of its
 * file (doc, as the selector `records` picks them; NULL: auto) and, per
 * condition, the greatest value found, computed once. Set up with
 * tr_rank_init for each document; it holds no memory of its own. */
#define TR_RANK_CACHE 8
typedef struct tr_rank {
    tr_jv *doc;
    const tr_jpath *records;
    size_t n;
    struct { const tr_cond *c; int has; double max; } cache[TR_RANK_CACHE];
} tr_rank;

void tr_rank_init(tr_rank *rk, tr_jv *doc, const tr_jpath *records);

/* The greatest value that c's selector finds in any record of rk's file.
 * Returns 1 and *max, or 0 when no record has a comparable value (a number,
 * a string of digits or an ISO 8601 date). */
int tr_rank_max(tr_rank *rk, const tr_cond *c, double *max);

/* Whether the rule's conditions of the given scope hold: file and record
 * scopes on doc / rec, fact scope on facts. 1 yes, 0 no, -1 a regex limit.
 * `greatest` conditions compare rec with the records of doc as the rule's
 * own `records` selector picks them. */
int tr_rule_conds(const tr_rule *r, tr_scope scope, tr_jv *doc, tr_jv *rec, const tr_fact *facts, size_t nfacts,
                  tr_matcher *m);

/* The same, with `greatest` conditions compared within rk (may be NULL). */
int tr_rule_conds_ranked(const tr_rule *r, tr_scope scope, tr_jv *doc, tr_jv *rec, const tr_fact *facts,
                         size_t nfacts, tr_matcher *m, tr_rank *rk);

/* The export date in a zip or folder name, facebook-<user>-YYYY-MM-DD-<token>
 * (1-2 digit month and day; -partN and Drive suffixes allowed), or the old
 * Instagram <user>_<YYYYMMDD> (export-formats.md §1). Returns 1 and
 * *out, or 0 when the name holds no valid date. */
int tr_export_name_date(const char *name, tr_date *out);

#endif
