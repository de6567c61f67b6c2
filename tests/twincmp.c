/* twincmp.c - compare the reports of the JSON and the HTML export of one
 * account (tests/twins.sh, tests/golden/TWINS).
 *
 * Usage: twincmp JSON_REPORT HTML_REPORT
 * Both reports are `trainable scan --format json --items`. They must agree
 * on what the format does not change: export platforms, layouts and as-of
 * date, the account facts (and, per account, the facts - e-mail recorded,
 * birth date, privacy, under 18 -, as-of date and its source, totals, items
 * in the future and what looks missing), the totals per verdict (items, media files and
 * bytes), the categories, the eligible time span (to the minute: the dates
 * of Instagram's pages have no seconds), completeness; every item
 * (by its member path without extension, an apostrophe read as "_", and its
 * index) must have the same category, verdict and rule, and an item that
 * has a time in the JSON export the same time to the minute in the HTML
 * export (its page's date, read in the page's language); every media file
 * the same verdict, rule and referenced flag. Not compared, because they
 * differ legitimately: export.format and export.parts, unmatched (file names
 * and sizes), the seconds of item times, a time only the HTML export has (a
 * row value with a clock), texts, tool, rules, warnings. Prints each difference; exit 0 equal, 1 not, 2 bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int diffs;

static void differ(const char *what, json_t *a, json_t *b)
{
    char *sa = a ? json_dumps(a, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *sb = b ? json_dumps(b, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    printf("%s: JSON export %s, HTML export %s\n", what, sa ? sa : "(absent)", sb ? sb : "(absent)");
    free(sa);
    free(sb);
    diffs++;
}

/* Compare the value at a "/"-separated path of both reports. */
static void same(json_t *a, json_t *b, const char *path)
{
    char buf[256], *save = NULL;
    json_t *x = a, *y = b;
    snprintf(buf, sizeof buf, "%s", path);
    for (char *k = strtok_r(buf, "/", &save); k; k = strtok_r(NULL, "/", &save)) {
        x = json_object_get(x, k);
        y = json_object_get(y, k);
    }
    if (!x || !y || !json_equal(x, y)) differ(path, x, y);
}

/* Compare the eligible time spans to the minute: "YYYY-MM-DDTHH:MM" of
 * first and last, or both null. */
static void same_span(json_t *a, json_t *b)
{
    json_t *x = json_object_get(a, "eligible_time"), *y = json_object_get(b, "eligible_time");
    int equal = json_is_null(x) && json_is_null(y);
    if (json_is_object(x) && json_is_object(y)) {
        equal = 1;
        for (const char *const *k = (const char *const[]){"first", "last", NULL}; *k; k++) {
            const char *s = json_string_value(json_object_get(x, *k)), *t = json_string_value(json_object_get(y, *k));
            if (!s || !t || strlen(s) < 16 || strlen(t) < 16 || strncmp(s, t, 16)) equal = 0;
        }
    }
    if (!equal) differ("eligible_time", x, y);
}

/* The item key: path without .json/.html, "'" as "_", then "#index". */
static char *item_key(json_t *it)
{
    const char *p = json_string_value(json_object_get(it, "path"));
    json_int_t index = json_integer_value(json_object_get(it, "index"));
    char *k;
    size_t len;
    if (!p) return NULL;
    len = strlen(p);
    if (len > 5 && (!strcmp(p + len - 5, ".json") || !strcmp(p + len - 5, ".html"))) len -= 5;
    if (asprintf(&k, "%.*s#%lld", (int)len, p, (long long)index) < 0) return NULL;
    for (char *c = k; *c; c++)
        if (*c == '\'') *c = '_';
    return k;
}

/* An object: key -> the listed members of each element of arr. */
static json_t *index_by(json_t *arr, int items, const char *const *fields)
{
    json_t *out = json_object(), *v;
    size_t i;
    json_array_foreach(arr, i, v) {
        char *k = items ? item_key(v) : strdup(json_string_value(json_object_get(v, "path")) ?
                                               json_string_value(json_object_get(v, "path")) : "");
        json_t *o = json_object();
        for (const char *const *f = fields; *f; f++) {
            json_t *x = json_object_get(v, *f);
            json_object_set(o, *f, x ? x : json_null());
        }
        if (k && json_object_get(out, k)) {
            printf("%s: listed twice\n", k);
            diffs++;
        }
        if (k) json_object_set_new(out, k, o);
        else json_decref(o);
        free(k);
    }
    return out;
}

static void same_lists(json_t *a, json_t *b, const char *name, int items, const char *const *fields)
{
    json_t *ia = index_by(json_object_get(a, name), items, fields);
    json_t *ib = index_by(json_object_get(b, name), items, fields);
    const char *k;
    json_t *v;
    char what[1024];
    json_object_foreach(ia, k, v) {
        json_t *w = json_object_get(ib, k);
        if (!w || !json_equal(v, w)) {
            snprintf(what, sizeof what, "%s %s", name, k);
            differ(what, v, w);
        }
    }
    json_object_foreach(ib, k, v) {
        if (!json_object_get(ia, k)) {
            snprintf(what, sizeof what, "%s %s", name, k);
            differ(what, NULL, v);
        }
    }
    if (!json_object_size(ia)) {
        printf("%s: none listed (run the scans with --items)\n", name);
        diffs++;
    }
    json_decref(ia);
    json_decref(ib);
}

/* Every item with a time in the JSON report has the same time to the
 * minute ("YYYY-MM-DDTHH:MM") in the HTML report. */
static void same_times(json_t *a, json_t *b)
{
    json_t *times = json_object(), *v;
    size_t i;
    json_array_foreach(json_object_get(b, "items"), i, v) {
        char *k = item_key(v);
        if (k) json_object_set(times, k, json_object_get(v, "time") ? json_object_get(v, "time") : json_null());
        free(k);
    }
    json_array_foreach(json_object_get(a, "items"), i, v) {
        const char *t = json_string_value(json_object_get(v, "time"));
        char *k = item_key(v);
        json_t *h = k ? json_object_get(times, k) : NULL;
        const char *u = json_string_value(h);
        if (k && h && t && (!u || strlen(t) < 16 || strlen(u) < 16 || strncmp(t, u, 16))) {
            char what[1024];
            snprintf(what, sizeof what, "time of items %s", k);
            differ(what, json_object_get(v, "time"), h);
        }
        free(k);
    }
    json_decref(times);
}

int main(int argc, char **argv)
{
    static const char *const checked[] = {"export/platforms", "export/layouts", "export/as_of", "account",
                                          "totals", "categories", "complete", "assume_public",
                                          "errors", NULL};
    static const char *const account_checked[] = {"platforms", "layouts", "as_of", "as_of_source", "facts", "totals",
                                                  "future_items", "missing", NULL};
    static const char *const item_fields[] = {"category", "verdict", "rule", NULL};
    static const char *const media_fields[] = {"verdict", "rule", "referenced", "bytes", NULL};
    json_error_t err;
    if (argc != 3) {
        fprintf(stderr, "usage: twincmp JSON_REPORT HTML_REPORT\n");
        return 2;
    }
    json_t *a = json_load_file(argv[1], 0, &err);
    if (!a) {
        fprintf(stderr, "%s:%d: %s\n", argv[1], err.line, err.text);
        return 2;
    }
    json_t *b = json_load_file(argv[2], 0, &err);
    if (!b) {
        fprintf(stderr, "%s:%d: %s\n", argv[2], err.line, err.text);
        json_decref(a);
        return 2;
    }
    for (const char *const *p = checked; *p; p++) same(a, b, *p);
    same_span(a, b);
    json_t *aa = json_object_get(a, "accounts"), *ab = json_object_get(b, "accounts");
    if (!json_is_array(aa) || !json_is_array(ab) || json_array_size(aa) != json_array_size(ab) || !json_array_size(aa))
        differ("accounts", aa, ab);
    else
        for (size_t i = 0; i < json_array_size(aa); i++)
            for (const char *const *p = account_checked; *p; p++) same(json_array_get(aa, i), json_array_get(ab, i), *p);
    same_lists(a, b, "items", 1, item_fields);
    same_times(a, b);
    same_lists(a, b, "media", 0, media_fields);
    json_decref(a);
    json_decref(b);
    if (diffs) printf("%d difference%s between the JSON and the HTML export\n", diffs, diffs == 1 ? "" : "s");
    return diffs ? 1 : 0;
}
