/* report.h - the result of a scan: one model that every reporter reads.
 *
 * tr_scan fills it; the reporters (src/report/) only read it. Counts are
 * final: adjusts (account facts, under-18), --assume-public and media
 * inheritance have been applied.
 *
 * Ownership: the report owns its tree, items, notes and strings. It borrows
 * the rule set, which must outlive it. Free with tr_report_free.
 */
#ifndef TR_REPORT_H
#define TR_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "tree.h"
#include "rules.h"
#include "text.h"
#include "vocab.h"

typedef struct tr_item {
    uint32_t member;  /* index into the tree */
    uint32_t index;   /* position of the record within its member */
    int64_t time;     /* Unix seconds, valid when has_time */
    uint16_t rule;    /* index into rules->rules of the rule that decided it */
    int16_t adjust;   /* index into rules->adjusts of the last adjust applied, or -1 */
    uint8_t has_time;
    uint8_t category; /* tr_category */
    uint8_t verdict;  /* tr_verdict, final */
    uint8_t assumed : 1; /* made eligible by --assume-public */
    uint8_t future : 1;  /* dated after its export's date or the scanning clock: not in dated tallies */
    char *text;       /* the item's own text, only when texts are kept; owned */
} tr_item;

typedef struct tr_media {
    uint32_t member;  /* index into the tree */
    uint8_t verdict;  /* final */
    int32_t item;     /* the referencing item that gave the verdict, or -1 */
    int16_t unref;    /* index into rules->unrefs when no item references it, else -1 */
    int16_t adjust;   /* last adjust applied to an unreferenced file, or -1 */
} tr_media;

/* One media reference that resolved to a file of the export: item[item]
 * points to media[media]. An item can hold several; a file can be pointed to
 * by several items. */
typedef struct tr_ref {
    uint32_t media;   /* index into media[] */
    uint32_t item;    /* index into item[] */
} tr_ref;

typedef struct tr_note {
    char *path;    /* member path or input name; owned */
    char *message; /* owned */
} tr_note;

typedef struct tr_fact {
    const char *name; /* borrowed from the rules, or a static name */
    tr_fact_type type;
    char *text;       /* the value as text: "true"/"false", "YYYY-MM-DD", the string; owned */
    tr_date date;     /* TR_FACT_DATE */
    int boolean;      /* TR_FACT_BOOL */
} tr_fact;

/* An account fact that an HTML page should hold but that no fact block could
 * read (HTML labels are localised): not known, but maybe recorded. */
typedef struct tr_unreadable {
    const char *fact; /* fact name, borrowed from the rules */
    uint32_t member;  /* the page */
} tr_unreadable;

/* One account: one export (tr_export) of the inputs, with its own facts,
 * as-of date and totals. Account facts of one export never decide items of
 * another. */
typedef struct tr_account {
    uint32_t exp;          /* index of the export in the tree (tr_tree_export) */
    const char *name;      /* the export's name, borrowed from the tree */
    unsigned platforms;    /* TR_PLAT_* bits */
    const char **layouts;  /* names borrowed from the rules, in rule order; owned array */
    size_t nlayouts;
    int has_date;          /* the export's own date (never --as-of), see as_of_source */
    tr_date date;
    const char *date_source; /* "file name", "archive entries", "newest item" */
    int has_as_of;         /* the date verdicts are judged on: --as-of, else the export's date */
    tr_date as_of;
    const char *as_of_source; /* "option", or date_source */

    tr_fact *facts;        /* owned */
    size_t nfacts;
    int has_birth_date;
    tr_date birth_date;
    const char *birth_date_source; /* "export" or "option" (--birth-date), NULL when none */
    int private_account;   /* -1 unknown, 0, 1 */
    int minor;             /* -1 unknown, 0, 1 */
    tr_unreadable *unreadable; /* owned */
    size_t nunreadable;

    char **missing;        /* what looks missing from this export, human text; owned */
    size_t nmissing;
    int has_fact_doc;      /* some member is a document a fact block reads (a profile file) */
    uint64_t media_refs, media_refs_found; /* media references in items, and how many resolved */

    uint64_t items[TR_VERDICT__COUNT];
    uint64_t media_files[TR_VERDICT__COUNT];
    uint64_t media_bytes[TR_VERDICT__COUNT];
    uint64_t future_items; /* items dated after the export's date or the scanning clock */
} tr_account;

typedef struct tr_report {
    const tr_rules *rules; /* borrowed */
    tr_tree *tree;         /* owned */

    unsigned platforms;    /* TR_PLAT_* bits */
    const char **layouts;  /* names borrowed from the rules, in rule order */
    size_t nlayouts;
    const char *format;    /* "json", "html", "mixed" or "none" */

    /* One account per export given. The fields below sum them (totals) or,
     * for facts and dates, hold the value every account shares: with one
     * account they are that account's; with several, a value the accounts
     * do not share is unknown (has_... 0, -1, absent). */
    tr_account *accounts;  /* owned */
    size_t naccounts;

    int has_as_of;
    tr_date as_of;
    const char *as_of_source; /* "option", "file name", "archive entries", "newest item" */

    tr_fact *facts;        /* owned copies */
    size_t nfacts;
    int has_birth_date;
    tr_date birth_date;
    int private_account; /* -1 unknown, 0, 1 */
    int minor;           /* -1 unknown, 0, 1 */
    tr_unreadable *unreadable; /* owned; of every account */
    size_t nunreadable;
    uint64_t future_items; /* sum over the accounts */
    size_t nmissing;       /* sum over the accounts: something looks missing */

    uint64_t items[TR_VERDICT__COUNT];
    uint64_t media_files[TR_VERDICT__COUNT];
    uint64_t media_bytes[TR_VERDICT__COUNT];
    uint64_t categories[TR_CAT__COUNT][TR_VERDICT__COUNT];
    int has_eligible_time;
    int64_t eligible_first, eligible_last;

    uint32_t *unmatched; /* member indexes, by path */
    size_t nunmatched;
    tr_note *errors;     /* something was not scanned: the scan is incomplete */
    size_t nerrors;
    tr_note *warnings;   /* worth knowing, nothing was missed */
    size_t nwarnings;

    tr_item *item;       /* every item, in member order then record order */
    size_t nitems;
    tr_media *media;     /* every media file, by path */
    size_t nmedia;
    tr_ref *refs;        /* every resolved media reference, in item order */
    size_t nrefs;

    int assume_public;
    int texts_kept;
    int complete;        /* no errors */
} tr_report;

typedef struct tr_scan_options {
    const tr_rules *rules; /* required */
    tr_limits limits;
    int assume_public;     /* treat uncertain as eligible */
    int has_as_of;         /* as_of below overrides the export's date */
    tr_date as_of;
    int has_birth_date;    /* birth_date below is the holder's birth date for every export that records none */
    tr_date birth_date;
    int keep_text;         /* keep each item's text in the report */
    int skip_private_text; /* with keep_text: not the texts of items their rule decides private when no
                              adjust of the rules can change a private verdict (the texts reports show
                              only with show_private_text); saves a third of a scan's time */
    unsigned threads;      /* threads reading and parsing members; 0: one per CPU; 1: no threads */
    /* Progress, NULL for none. Called after each document member is read
     * and parsed, from whichever scanning thread did it, but never from two
     * at once (calls are serialised under a lock, in no particular member
     * order): bytes_done of total (the sizes of the members the scan reads,
     * from the zip directories), items merged so far, and the member's path
     * (borrowed for the call). */
    void (*progress)(uint64_t bytes_done, uint64_t total, size_t items, const char *member, void *user);
    void *progress_user;
} tr_scan_options;

/* Scan the inputs (zip parts, or one folder). Returns TR_OK and a report
 * (which may be incomplete: see report->complete), or a fatal error with
 * *errmsg set to a malloc'd message (caller frees): TR_ERR_IO / ARCHIVE for
 * unreadable inputs, TR_ERR_NOT_EXPORT when no layout of the rule set fits. */
tr_err tr_scan(const char *const *inputs, size_t n, const tr_scan_options *o, tr_report **out,
               char **errmsg);
void tr_report_free(tr_report *r);

/* The page that should have held a fact the scan could not read, or NULL. */
const char *tr_report_unreadable(const tr_report *r, const char *fact);

/* The value of a fact by name, or NULL when the export does not record it
 * (with several accounts: when they do not all record the same value). */
const tr_fact *tr_report_fact(const tr_report *r, const char *name);
/* The same for one account. */
const tr_fact *tr_account_fact(const tr_account *a, const char *name);
/* The page of account a that should have held a fact the scan could not read, or NULL. */
const char *tr_account_unreadable(const tr_report *r, const tr_account *a, const char *fact);
/* The account the item at index i of r->item belongs to. */
const tr_account *tr_item_account(const tr_report *r, const tr_item *it);
/* Reason and id of what decided an item / a media file (borrowed). */
const char *tr_item_reason(const tr_report *r, const tr_item *it);
const char *tr_item_rule_id(const tr_report *r, const tr_item *it);
const char *tr_media_reason(const tr_report *r, const tr_media *m);
const char *tr_media_rule_id(const tr_report *r, const tr_media *m);

#endif
