/* json.c - the JSON report, a stable contract (schema_version 2).
 * Documented in README.md ("The JSON report"). Built with jansson and
 * written with sorted keys, so the output is the same on every run. */
#include <string.h>

#include <jansson.h>

#include "reporter.h"

static json_t *verdict_counts(const uint64_t c[TR_VERDICT__COUNT])
{
    return json_pack("{s:I,s:I,s:I}", "eligible", (json_int_t)c[TR_ELIGIBLE], "uncertain",
                     (json_int_t)c[TR_UNCERTAIN], "private", (json_int_t)c[TR_PRIVATE]);
}

static json_t *opt_date(int has, tr_date d)
{
    char buf[16];
    if (!has) return json_null();
    tr_date_format(d, buf);
    return json_string(buf);
}

static json_t *tri(int v) { return v < 0 ? json_null() : json_boolean(v); }

static json_t *notes(const tr_note *n, size_t count)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < count; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "path", n[i].path, "message", n[i].message));
    return a;
}

static json_t *platform_list(unsigned p)
{
    json_t *a = json_array();
    for (int b = 0; b < TR_PLAT__BITS; b++)
        if (p & (1u << b)) json_array_append_new(a, json_string(tr_platform_name(1u << b)));
    return a;
}

static json_t *totals(const uint64_t items[TR_VERDICT__COUNT], const uint64_t files[TR_VERDICT__COUNT],
                      const uint64_t bytes[TR_VERDICT__COUNT])
{
    json_t *t = json_object(), *m = json_object();
    json_object_set_new(t, "items", verdict_counts(items));
    for (int v = 0; v < TR_VERDICT__COUNT; v++)
        json_object_set_new(m, tr_verdict_name((tr_verdict)v),
                            json_pack("{s:I,s:I}", "files", (json_int_t)files[v], "bytes", (json_int_t)bytes[v]));
    json_object_set_new(t, "media", m);
    return t;
}

/* One account (one export): its name, platforms, dates, facts and totals. */
static json_t *account(const tr_account *ac)
{
    json_t *j = json_object(), *a, *f;
    const tr_fact *email = tr_account_fact(ac, "email");

    json_object_set_new(j, "name", json_string(ac->name));
    json_object_set_new(j, "platforms", platform_list(ac->platforms));
    a = json_array();
    for (size_t i = 0; i < ac->nlayouts; i++) json_array_append_new(a, json_string(ac->layouts[i]));
    json_object_set_new(j, "layouts", a);
    json_object_set_new(j, "as_of", opt_date(ac->has_as_of, ac->as_of));
    json_object_set_new(j, "as_of_source", ac->has_as_of ? json_string(ac->as_of_source) : json_null());
    f = json_pack("{s:o,s:o,s:o,s:o,s:b}", "birth_date", opt_date(ac->has_birth_date, ac->birth_date),
                  "birth_date_source", ac->birth_date_source ? json_string(ac->birth_date_source) : json_null(),
                  "private_account", tri(ac->private_account), "minor", tri(ac->minor), "email",
                  email && email->text && *email->text);
    if (ac->nunreadable) {
        a = json_array();
        for (size_t i = 0; i < ac->nunreadable; i++) json_array_append_new(a, json_string(ac->unreadable[i].fact));
        json_object_set_new(f, "unreadable", a);
    }
    json_object_set_new(j, "facts", f);
    json_object_set_new(j, "totals", totals(ac->items, ac->media_files, ac->media_bytes));
    json_object_set_new(j, "future_items", json_integer((json_int_t)ac->future_items));
    a = json_array();
    for (size_t i = 0; i < ac->nmissing; i++) json_array_append_new(a, json_string(ac->missing[i]));
    json_object_set_new(j, "missing", a);
    return j;
}

static int show_text_of(const tr_report_opts *o, const tr_item *it)
{
    return o->show_text && it->text && (it->verdict != TR_PRIVATE || o->show_private_text);
}

static json_t *build(const tr_report *r, const tr_report_opts *o)
{
    char buf[64];
    json_t *root = json_object(), *e, *a;
    if (!root) return NULL;

    json_object_set_new(root, "schema_version", json_integer(2));
    json_object_set_new(root, "tool", json_pack("{s:s,s:s}", "name", "trainable", "version", o->tool_version));
    json_object_set_new(root, "rules", json_pack("{s:s,s:s,s:I,s:s}", "name", r->rules->name ? r->rules->name : "",
                                                 "version", r->rules->version ? r->rules->version : "",
                                                 "count", (json_int_t)r->rules->nrules, "source",
                                                 r->rules->origin ? r->rules->origin : "built-in"));
    e = json_object();
    json_object_set_new(e, "platforms", platform_list(r->platforms));
    a = json_array();
    for (size_t i = 0; i < r->nlayouts; i++) json_array_append_new(a, json_string(r->layouts[i]));
    json_object_set_new(e, "layouts", a);
    json_object_set_new(e, "format", json_string(r->format));
    a = json_array();
    for (size_t i = 0; i < tr_tree_parts(r->tree); i++) json_array_append_new(a, json_string(tr_tree_part_name(r->tree, i)));
    json_object_set_new(e, "parts", a);
    json_object_set_new(e, "as_of", opt_date(r->has_as_of, r->as_of));
    json_object_set_new(root, "export", e);

    json_t *acct = json_pack("{s:o,s:o,s:o}", "birth_date", opt_date(r->has_birth_date, r->birth_date),
                             "private_account", tri(r->private_account), "minor", tri(r->minor));
    if (r->nunreadable) { /* facts an HTML page holds in a form not read: not known, maybe recorded */
        json_t *u = json_array();
        for (size_t i = 0; i < r->nunreadable; i++) json_array_append_new(u, json_string(r->unreadable[i].fact));
        json_object_set_new(acct, "unreadable", u);
    }
    json_object_set_new(root, "account", acct);
    a = json_array();
    for (size_t i = 0; i < r->naccounts; i++) json_array_append_new(a, account(&r->accounts[i]));
    json_object_set_new(root, "accounts", a);
    json_object_set_new(root, "totals", totals(r->items, r->media_files, r->media_bytes));

    json_t *c = json_object();
    for (int k = 0; k < TR_CAT__COUNT; k++) {
        const uint64_t *cv = r->categories[k];
        if (cv[0] + cv[1] + cv[2]) json_object_set_new(c, tr_category_name((tr_category)k), verdict_counts(cv));
    }
    json_object_set_new(root, "categories", c);

    if (r->has_eligible_time) {
        char last[32];
        tr_time_iso(r->eligible_first, buf);
        tr_time_iso(r->eligible_last, last);
        json_object_set_new(root, "eligible_time", json_pack("{s:s,s:s}", "first", buf, "last", last));
    } else {
        json_object_set_new(root, "eligible_time", json_null());
    }

    a = json_array();
    for (size_t i = 0; i < r->nunmatched; i++) {
        const tr_member *mem = tr_tree_member(r->tree, r->unmatched[i]);
        json_array_append_new(a, json_pack("{s:s,s:I}", "path", mem->path, "bytes", (json_int_t)mem->size));
    }
    json_object_set_new(root, "unmatched", a);
    json_object_set_new(root, "errors", notes(r->errors, r->nerrors));
    json_object_set_new(root, "warnings", notes(r->warnings, r->nwarnings));
    json_object_set_new(root, "complete", json_boolean(r->complete));
    json_object_set_new(root, "assume_public", json_boolean(r->assume_public));

    if (o->items) {
        a = json_array();
        for (size_t i = 0; i < r->nitems; i++) {
            const tr_item *it = &r->item[i];
            if (!tr_report_verdict_listed(o, it->verdict)) continue; /* --verdict */
            json_t *j = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}", "path", tr_tree_member(r->tree, it->member)->path,
                                  "index", (json_int_t)it->index, "category", tr_category_name((tr_category)it->category),
                                  "verdict", tr_verdict_name((tr_verdict)it->verdict), "rule", tr_item_rule_id(r, it),
                                  "reason", tr_item_reason(r, it));
            if (it->has_time) {
                tr_time_iso(it->time, buf);
                json_object_set_new(j, "time", json_string(buf));
            } else {
                json_object_set_new(j, "time", json_null());
            }
            if (show_text_of(o, it)) json_object_set_new(j, "text", json_string(it->text));
            json_array_append_new(a, j);
        }
        json_object_set_new(root, "items", a);
        a = json_array();
        for (size_t i = 0; i < r->nmedia; i++) {
            const tr_media *md = &r->media[i];
            const tr_member *mem = tr_tree_member(r->tree, md->member);
            json_array_append_new(a, json_pack("{s:s,s:I,s:s,s:s,s:s,s:b}", "path", mem->path, "bytes", (json_int_t)mem->size,
                                               "verdict", tr_verdict_name((tr_verdict)md->verdict), "rule",
                                               tr_media_rule_id(r, md), "reason", tr_media_reason(r, md),
                                               "referenced", md->item >= 0));
        }
        json_object_set_new(root, "media", a);
    }
    return root;
}

int tr_write_json(FILE *out, const tr_report *r, const tr_report_opts *o)
{
    json_t *root = build(r, o);
    if (!root) return -1;
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF) return -1;
    return 0;
}
