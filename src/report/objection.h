/* objection.h - "what you can do": per region what applies, and a
 * ready-to-paste objection text.
 *
 * The facts come from shared/docs/meta-ai-policy.md and are kept as data in
 * objection.c (a table of regions, in English, translated through the
 * message catalogs of i18n.h), each region with the date its facts were
 * checked. The objection text names the law of the
 * region, the account's e-mail address found in the export (fact "email")
 * or a placeholder, and evidence counts: numbers only, never content.
 *
 * Ownership: everything returned as const is static data; tr_objection_letter
 * returns a malloc'd string the caller frees.
 */
#ifndef TR_OBJECTION_H
#define TR_OBJECTION_H

#include <stdint.h>
#include <stdio.h>

#include "i18n.h"
#include "report.h"
#include "reporter.h"

/* The one line that sends a reader to the sources and dates of every fact
 * the reports state about Meta's policy (docs/facts.md). The text and HTML
 * reports' "what you can do", `trainable objection` and --help print it
 * through _() (i18n.h): change it here only. */
#define TR_FACTS_NOTE                                                                                         \
    N_("Sources and dates of these facts: docs/facts.md in trainable's source (installed as "                \
       "share/doc/trainable/facts.md).")

/* A form or route to file an objection. The texts are English, marked for
 * translation (N_): write them through _(). */
typedef struct tr_form {
    const char *label;     /* "Facebook objection form (2025)" */
    const char *url;       /* NULL for a route inside the app */
    const char *how;       /* NULL, or the steps of an in-app route */
    const char *published; /* when the address was published and last seen linked */
} tr_form;

#define TR_REGION_POINTS 11
#define TR_REGION_FORMS 3

/* What applies in one region. Texts as in tr_form. */
typedef struct tr_region {
    const char *code;      /* "eu", "ch", "uk", "br", "kr", "us", "other" */
    const char *name;      /* "EU/EEA (...)" */
    int objection;         /* an objection (opt-out) exists there */
    const char *summary;   /* one line */
    const char *points[TR_REGION_POINTS]; /* what applies; NULL-terminated */
    const tr_form *forms[TR_REGION_FORMS]; /* NULL-terminated */
    tr_date checked;       /* the day these facts were last checked */
    const char *sources;   /* the newest sources behind them, with their dates */
    const char *where;     /* where to check them again (an authority) */
} tr_region;

/* The regions in display order, and lookup by code (NULL if unknown). */
size_t tr_region_count(void);
const tr_region *tr_region_at(size_t i);
const tr_region *tr_region_find(const char *code);
/* Lookup by what a person types for --region: a region's code, or the code
 * or English name of one of its countries, in any case ("FR", "germany",
 * "gb", "South Korea"). NULL if unknown. */
const char *tr_region_codes(void); /* "eu, ch, uk, br, kr, us or other" */
const tr_region *tr_region_lookup(const char *name);

/* "facts checked on 2 December 2026 (...)" for the region, in the current
 * language, into buf. Returns buf. */
char *tr_region_checked(const tr_region *rg, char *buf, size_t n);

/* When the newest check date of the regions is more than 12 months before
 * `today`: the warning that the facts may have changed and where to check
 * (rg's authority, or any region's when rg is NULL), into buf, and 1.
 * Otherwise 0 and buf is empty. */
int tr_objection_stale(const tr_region *rg, tr_date today, char *buf, size_t n);

/* Evidence counted from the report: eligible and uncertain items (public
 * or possibly public), per category, and their media files and years. */
typedef struct tr_evidence {
    uint64_t cat[TR_CAT__COUNT];
    uint64_t items;
    uint64_t media_files, media_bytes;
    int has_years, first_year, last_year;
} tr_evidence;

void tr_evidence_count(const tr_report *r, tr_evidence *ev);

/* Eligible and uncertain items split at an objection date: dated before it
 * (could already have been used), on or after it (the objection protects
 * them), and without a date. Indexed by verdict. */
typedef struct tr_split {
    uint64_t before[TR_VERDICT__COUNT], after[TR_VERDICT__COUNT], undated[TR_VERDICT__COUNT];
} tr_split;

void tr_objection_split(const tr_report *r, tr_date on, tr_split *out);

/* What a split at an objection date can say in a region (NULL: any region):
 * nothing where there is no objection; in the EU and Switzerland, that an
 * objection filed before training began on 27 May 2025 covers every item;
 * otherwise items before and after the date. */
typedef enum tr_split_kind { TR_SPLIT_NONE, TR_SPLIT_ALL_COVERED, TR_SPLIT_DATES } tr_split_kind;
tr_split_kind tr_objection_split_kind(const char *region, tr_date on);

/* The note on the split for the region, in the current language. Static
 * text; never NULL. */
const char *tr_objection_split_note(const char *region, tr_date on);

/* A note for an account holder under 18 (report->minor == 1). Static text. */
const char *tr_objection_minor_note(void);

/* The objection text in the current language (i18n.h) for `region` (NULL: "eu"):
 * its first line is the title, then the body; the account's e-mail address
 * is filled in only when with_email is set (else a placeholder). Returns a malloc'd string
 * (caller frees), or NULL when the region has no objection or out of
 * memory. */
char *tr_objection_letter(const tr_report *r, const char *region, int with_email);

/* The whole "what you can do" section as plain text, used by the text
 * report and by `trainable objection`: the region's facts (or an overview
 * of all regions when o->region is NULL), the split when o->has_objected_on,
 * and the objection text. Strings from the export pass through
 * tr_fputs_safe. Returns 0, or -1 on a write error or out of memory. */
int tr_write_objection(FILE *out, const tr_report *r, const tr_report_opts *o);

#endif
