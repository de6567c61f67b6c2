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
} tr_report_opts;

/* The JSON report (schema_version 1). Returns 0, or -1 on a write error or
 * out of memory. */
int tr_write_json(FILE *out, const tr_report *r, const tr_report_opts *o);

/* The readable summary. Returns 0, or -1 on a write error. */
int tr_write_text(FILE *out, const tr_report *r, const tr_report_opts *o);

/* Copy s to out with control characters and terminal escape sequences
 * replaced, so text from an export cannot drive the terminal. */
void tr_fputs_safe(FILE *out, const char *s);

#endif
