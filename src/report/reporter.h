/* reporter.h - writers that turn a tr_report into text for people or tools.
 *
 * Each writer reads the report model only (report.h) and writes to a FILE.
 * None of them exits or prints anywhere else. Texts from the export are only
 * written when the report kept them (--show-text), and never for private
 * items unless show_private_text is set.
 */
#ifndef TR_REPORTER_H
#define TR_REPORTER_H

#include <stdio.h>

#include "report.h"

typedef struct tr_report_opts {
    int items;             /* list every item */
    int show_text;         /* include item texts (kept by the scan) */
    int show_private_text; /* also for private items */
    int color;             /* terminal colours in the text summary */
    const char *tool_version;
    /* The "what you can do" section (objection.h). region: "eu", "ch",
     * "uk", "br", "kr", "us", "other", or NULL for an overview of all
     * regions; lang: the reader's language, as set with tr_i18n_set (i18n.h),
     * which is what every writer follows ("en" when NULL). */
    const char *region;
    const char *lang;
    int has_objected_on;   /* split items at the date of an objection */
    tr_date objected_on;
    /* Today's date, for the warning that the facts are over 12 months old
     * (none when has_today is 0). */
    int has_today;
    tr_date today;
    /* Show the account's e-mail address (the objection command, or
     * --show-email): off by default, so reports are safe to share. */
    int show_email;
    /* The text report: "what you can do" names `trainable objection`
     * instead of holding the objection text. */
    int letter_elsewhere;
    /* Columns of the text report (lines are wrapped to fit); 0: 80. */
    int width;
    /* The verdicts whose items are listed (--verdict): a mask of
     * TR_VERDICT_BIT(v); 0 lists every verdict. Counts are never filtered. */
    unsigned verdicts;
} tr_report_opts;

#define TR_VERDICT_BIT(v) (1u << (unsigned)(v))

/* Nonzero when items of verdict v are listed under o (--verdict). */
int tr_report_verdict_listed(const tr_report_opts *o, unsigned v);

/* The JSON report (schema_version 1). Returns 0, or -1 on a write error or
 * out of memory. */
int tr_write_json(FILE *out, const tr_report *r, const tr_report_opts *o);

/* The readable summary. Returns 0, or -1 on a write error. */
int tr_write_text(FILE *out, const tr_report *r, const tr_report_opts *o);

/* Copy s to out with control characters and terminal escape sequences
 * replaced, so text from an export cannot drive the terminal (util.c). */
void tr_fputs_safe(FILE *out, const char *s);

/* The self-contained HTML report (html_report.c): inline CSS and SVG, no
 * script, nothing fetched. Returns 0, or -1 on a write error or out of
 * memory. */
int tr_write_html(FILE *out, const tr_report *r, const tr_report_opts *o);

/* Copy s to out as HTML text or attribute value: & < > " ' become
 * entities, C0 controls other than tab/LF/CR, DEL and invalid UTF-8 become
 * U+FFFD. The one escaping function for everything the HTML report writes
 * from an export. NULL writes nothing. */
void tr_html_escape(FILE *out, const char *s);

/* One item per row (csv.c): path,index,category,verdict,rule,time and, with
 * show_text, text. RFC 4180: CRLF line ends, fields quoted when needed.
 * Returns 0, or -1 on a write error. */
int tr_write_csv(FILE *out, const tr_report *r, const tr_report_opts *o);

/* Write s as one CSV field (no separator): quoted when it holds a comma,
 * quote, CR or LF, quotes doubled; a field starting with = + - @ tab or CR
 * gets a leading ' so that spreadsheets do not run it as a formula. NULL
 * writes an empty field. */
void tr_csv_field(FILE *out, const char *s);

/* One JSON object per item, one per line (jsonl.c), with the keys of the
 * JSON report's "items". Returns 0, or -1 on a write error or out of memory. */
int tr_write_jsonl(FILE *out, const tr_report *r, const tr_report_opts *o);

/* Nonzero when the text of item `it` may be written under o: show_text is
 * set, the scan kept the text, and the item is not private unless
 * show_private_text is set too. */
int tr_report_text_shown(const tr_report_opts *o, const tr_item *it);

#endif
