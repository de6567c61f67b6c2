/* jsonl.c - one JSON object per item, one per line, for pipelines.
 *
 * Each line has the keys of an element of the JSON report's "items" array
 * (README.md): path, index, category, verdict, rule, reason, time and, only
 * with --show-text (and for private items only with --show-private-text),
 * text. Keys are sorted; each object is built, written and freed in turn, so
 * memory does not grow with the number of items.
 *
 * With --verdict, only the items of those verdicts are written.
 *
 * Ownership: borrows the report; each line's object is freed once written.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "reporter.h"
#include "util.h"

/* The item as an object, or NULL when out of memory. A member path that is
 * not UTF-8 (a zip name in a legacy code page) is written with U+FFFD for
 * its bad bytes rather than dropping the item. */
static json_t *item_object(const tr_report *r, const tr_report_opts *o, const tr_item *it)
{
    char buf[32];
    const char *path = tr_tree_member(r->tree, it->member)->path;
    char *fixed = tr_utf8_valid(path, strlen(path)) ? NULL : tr_utf8_sanitize(path);
    json_t *j = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}", "path", fixed ? fixed : path, "index",
                          (json_int_t)it->index, "category", tr_category_name((tr_category)it->category), "verdict",
                          tr_verdict_name((tr_verdict)it->verdict), "rule", tr_item_rule_id(r, it), "reason",
                          tr_item_reason(r, it));
    free(fixed);
    if (!j) return NULL;
    if (it->has_time) {
        tr_time_iso(it->time, buf);
        json_object_set_new(j, "time", json_string(buf));
    } else {
        json_object_set_new(j, "time", json_null());
    }
    if (tr_report_text_shown(o, it)) {
        json_t *t = json_string(it->text);
        if (!t) { /* not UTF-8 */
            char *fixed_text = tr_utf8_sanitize(it->text);
            t = fixed_text ? json_string(fixed_text) : NULL;
            free(fixed_text);
        }
        if (!t || json_object_set_new(j, "text", t) != 0) {
            json_decref(j);
            return NULL;
        }
    }
    return j;
}

int tr_write_jsonl(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    for (size_t i = 0; i < r->nitems; i++) {
        if (!tr_report_verdict_listed(o, r->item[i].verdict)) continue;
        json_t *j = item_object(r, o, &r->item[i]);
        int rc = j ? json_dumpf(j, out, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : -1;
        json_decref(j);
        if (rc != 0 || fputc('\n', out) == EOF) return -1;
    }
    return ferror(out) ? -1 : 0;
}
