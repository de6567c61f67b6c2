/* csv.c - one row per item, for spreadsheets (RFC 4180, UTF-8).
 *
 * Columns: path, index, category, verdict, rule, time (ISO 8601 UTC, empty
 * when the item has no date) and, with --show-text, text (empty for private
 * items unless --show-private-text). Lines end with CRLF; a field is quoted
 * when it holds a comma, quote, CR or LF. Every text field from the export
 * goes through tr_csv_field, which also neutralises spreadsheet formulas:
 * a cell starting with = + - @ tab or CR gets a leading single quote, so
 * that "=HYPERLINK(...)" in a post is shown, never run.
 *
 * With --verdict, only the items of those verdicts are written.
 *
 * Ownership: borrows the report; nothing allocated outlives a call.
 */
#include <inttypes.h>
#include <string.h>

#include "reporter.h"

void tr_csv_field(FILE *out, const char *s)
{
    if (!s) return;
    int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;

    if (quote) fputc('"', out);
    if (formula) fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    if (quote) fputc('"', out);
}

int tr_write_csv(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    char buf[32];

    fputs("path,index,category,verdict,rule,time", out);
    if (o->show_text) fputs(",text", out);
    fputs("\r\n", out);
    for (size_t i = 0; i < r->nitems; i++) {
        const tr_item *it = &r->item[i];
        if (!tr_report_verdict_listed(o, it->verdict)) continue;
        tr_csv_field(out, tr_tree_member(r->tree, it->member)->path);
        fprintf(out, ",%" PRIu32 ",", it->index);
        tr_csv_field(out, tr_category_name((tr_category)it->category));
        fputc(',', out);
        tr_csv_field(out, tr_verdict_name((tr_verdict)it->verdict));
        fputc(',', out);
        tr_csv_field(out, tr_item_rule_id(r, it));
        fputc(',', out);
        if (it->has_time) {
            tr_time_iso(it->time, buf);
            fputs(buf, out);
        }
        if (o->show_text) {
            fputc(',', out);
            if (tr_report_text_shown(o, it)) tr_csv_field(out, it->text);
        }
        fputs("\r\n", out);
        if (ferror(out)) return -1;
    }
    return ferror(out) ? -1 : 0;
}
