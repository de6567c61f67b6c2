/* test_extract.c - finding records, times, texts and facts in JSON. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "tt.h"

static int count_cb(json_t *v, void *user)
{
    (void)v;
    (*(int *)user)++;
    return 0;
}

static int records(const char *sel, const char *json)
{
    json_error_t err;
    json_t *doc = json_loads(json, JSON_DECODE_ANY, &err);
    tr_jpath *jp = NULL;
    size_t col;
    const char *msg;
    int n = 0;
    if (!doc) return -1;
    if (sel && tr_jpath_compile(sel, &jp, &col, &msg) != 0) {
        json_decref(doc);
        return -2;
    }
    tr_records_each(jp, doc, count_cb, &n);
    tr_jpath_free(jp);
    json_decref(doc);
    return n;
}

TT_TEST(auto_records_follow_classification_md)
{
    TT_INT_EQ(records(NULL, "[{}, {}, {}]"), 3);                                  /* bare array */
    TT_INT_EQ(records(NULL, "[]"), 0);
    TT_INT_EQ(records(NULL, "{\"comments_v2\": [{}, {}]}"), 2);                   /* one key wrapping an array */
    TT_INT_EQ(records(NULL, "{\"deleted_friends_v2\": []}"), 0);
    TT_INT_EQ(records(NULL, "{\"profile_v2\": {\"name\": {}}}"), 1);              /* one key wrapping an object */
    TT_INT_EQ(records(NULL, "{\"event_responses_v2\": {\"events_joined\": [{}, {}]}}"), 1);
    TT_INT_EQ(records(NULL, "{\"a\": [1], \"b\": [2]}"), 1);                      /* two keys: one record */
    TT_INT_EQ(records(NULL, "{\"timestamp\": 1, \"label_values\": []}"), 1);      /* label_values object */
    TT_INT_EQ(records("messages[*]", "{\"participants\": [{}], \"messages\": [{}, {}, {}]}"), 3);
    TT_INT_EQ(records("photos[*]", "{\"name\": \"Album\", \"photos\": [{}, {}]}"), 2);
    TT_INT_EQ(records(".", "[1, 2]"), 1);
}

static tr_rule *rule_with_times(const char *const *sels, const int *ms, size_t n)
{
    tr_rule *r = calloc(1, sizeof *r);
    size_t col;
    const char *msg;
    r->time = calloc(n, sizeof *r->time);
    r->ntime = n;
    for (size_t i = 0; i < n; i++) {
        tr_jpath_compile(sels[i], &r->time[i].sel, &col, &msg);
        r->time[i].ms = ms[i];
    }
    return r;
}

static void free_rule(tr_rule *r)
{
    for (size_t i = 0; i < r->ntime; i++) tr_jpath_free(r->time[i].sel);
    free(r->time);
    free(r);
}

static long long item_time(tr_rule *r, const char *json)
{
    json_error_t err;
    json_t *rec = json_loads(json, JSON_DECODE_ANY, &err);
    int64_t t = -1;
    int ok = tr_item_time(r, rec, &t);
    json_decref(rec);
    return ok ? (long long)t : -1;
}

TT_TEST(item_time_takes_the_first_positive_value)
{
    const char *sels[] = {"timestamp", "timestamp_ms", "media[0].creation_timestamp", "string_map_data.*.timestamp",
                          "taken_at"};
    const int ms[] = {0, 1, 0, 0, 0};
    tr_rule *r = rule_with_times(sels, ms, 5);
    TT_INT_EQ(item_time(r, "{\"timestamp\": 1700000000}"), 1700000000);
    TT_INT_EQ(item_time(r, "{\"timestamp_ms\": 1718409600999}"), 1718409600); /* floored */
    TT_INT_EQ(item_time(r, "{\"timestamp\": 0, \"timestamp_ms\": 1000}"), 1); /* 0 is not a time */
    TT_INT_EQ(item_time(r, "{\"media\": [{\"creation_timestamp\": 1715566876}]}"), 1715566876);
    TT_INT_EQ(item_time(r, "{\"string_map_data\": {\"Comment\": {\"timestamp\": 0}, \"Time\": {\"timestamp\": 1713572580}}}"),
              1713572580);
    TT_INT_EQ(item_time(r, "{\"taken_at\": \"2018-03-04T10:11:12\"}"), 1520158272);
    TT_INT_EQ(item_time(r, "{\"title\": \"no time\"}"), -1);
    TT_INT_EQ(item_time(r, "{\"timestamp\": \"soon\"}"), -1);
    /* out of range: no time, and no undefined conversion or negation */
    TT_INT_EQ(item_time(r, "{\"timestamp\": 1e300}"), -1);
    TT_INT_EQ(item_time(r, "{\"timestamp\": -1e300}"), -1);
    TT_INT_EQ(item_time(r, "{\"timestamp_ms\": -9223372036854775808}"), -1);
    TT_INT_EQ(item_time(r, "{\"timestamp_ms\": \"-9223372036854775808\"}"), -1);
    TT_INT_EQ(item_time(r, "{\"timestamp\": 1700000000.5}"), 1700000000);
    free_rule(r);
}

TT_TEST(longest_json_string)
{
    json_t *doc = json_loads("{\"short\": [\"abc\", {\"k\": \"abcdefgh\"}], \"a_much_longer_key_name\": 1}", 0, NULL);
    TT_ASSERT(doc != NULL);
    TT_INT_EQ(tr_json_max_string(doc, 100), 22); /* the key */
    TT_ASSERT(tr_json_max_string(doc, 5) > 5);   /* stops early past the limit */
    json_decref(doc);
    doc = json_loads("[[], {}, 1, null]", 0, NULL);
    TT_INT_EQ(tr_json_max_string(doc, 100), 0);
    json_decref(doc);
}

TT_TEST(item_text_is_repaired_and_joined)
{
    tr_rule r;
    tr_jpath *sel[2];
    size_t col;
    const char *msg;
    int oom = 0;
    memset(&r, 0, sizeof r);
    tr_jpath_compile("data[*].post", &sel[0], &col, &msg);
    tr_jpath_compile("title", &sel[1], &col, &msg);
    r.text = sel;
    r.ntext = 2;
    json_t *rec = json_loads("{\"title\": \"Caf\\u00c3\\u00a9\", \"data\": [{\"post\": \"Ol\\u00c3\\u00a1\"}, {\"post\": \"\"}]}",
                             0, NULL);
    char *t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "Ol\xc3\xa1\nCaf\xc3\xa9");
    free(t);
    t = tr_item_text(&r, rec, 0, &oom); /* HTML: no repair */
    TT_STR_EQ(t, "Ol\xc3\x83\xc2\xa1\nCaf\xc3\x83\xc2\xa9");
    free(t);
    json_decref(rec);
    tr_jpath_free(sel[0]);
    tr_jpath_free(sel[1]);
}

static int fact(const char *json, tr_fact_type type, char *out, size_t n)
{
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    tr_fact f;
    memset(&f, 0, sizeof f);
    int rc = tr_fact_from_json(v, type, &f);
    if (rc == 0) snprintf(out, n, "%s", f.text);
    free(f.text);
    json_decref(v);
    return rc;
}

TT_TEST(facts_are_typed)
{
    char buf[64];
    TT_INT_EQ(fact("\"False\"", TR_FACT_BOOL, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "false");
    TT_INT_EQ(fact("\"TRUE\"", TR_FACT_BOOL, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "true");
    TT_INT_EQ(fact("true", TR_FACT_BOOL, buf, sizeof buf), 0);
    TT_INT_EQ(fact("\"maybe\"", TR_FACT_BOOL, buf, sizeof buf), -1);
    TT_INT_EQ(fact("{\"year\": 1990, \"month\": 1, \"day\": 15}", TR_FACT_DATE, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "1990-01-15");
    TT_INT_EQ(fact("{\"year\": 0, \"month\": 0, \"day\": 0}", TR_FACT_DATE, buf, sizeof buf), -1); /* not recorded */
    TT_INT_EQ(fact("\"2004-08-25\"", TR_FACT_DATE, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "2004-08-25");
    TT_INT_EQ(fact("\"25/08/2004\"", TR_FACT_DATE, buf, sizeof buf), -1);
    TT_INT_EQ(fact("\"jane\\u0040example.org\"", TR_FACT_STRING, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "jane@example.org");
    TT_INT_EQ(fact("\"\"", TR_FACT_STRING, buf, sizeof buf), -1);
}

TT_TEST(doc_stem_drops_only_document_extensions)
{
    TT_INT_EQ(tr_doc_stem_len("a/posts/your_posts_1.json"), strlen("a/posts/your_posts_1"));
    TT_INT_EQ(tr_doc_stem_len("a/posts/your_posts_1.HTML"), strlen("a/posts/your_posts_1"));
    TT_INT_EQ(tr_doc_stem_len("a/photo.jpg"), strlen("a/photo.jpg"));
    TT_INT_EQ(tr_doc_stem_len("a.json/file"), strlen("a.json/file"));
    TT_INT_EQ(tr_doc_stem_len(".json"), strlen(".json"));
}

TT_TEST(conditions_on_json)
{
    tr_cond c;
    tr_matcher m;
    size_t col, off;
    const char *msg;
    char err[128];
    memset(&c, 0, sizeof c);
    tr_matcher_init(&m, 100000, 1000);
    tr_jpath_compile("participants.**", &c.sel, &col, &msg);
    tr_regex_compile(&c.re, "^Meta AI$", &off, err, sizeof err);
    c.scope = TR_SCOPE_FILE;
    c.op = TR_OP_MATCH;
    json_t *a = json_loads("{\"participants\": [{\"name\": \"Jane\"}, {\"name\": \"Meta AI\"}]}", 0, NULL);
    json_t *b = json_loads("{\"participants\": [\"Jane\", \"Meta AI\"]}", 0, NULL);
    json_t *c2 = json_loads("{\"participants\": [{\"name\": \"Meta AIden\"}]}", 0, NULL);
    TT_INT_EQ(tr_cond_eval_json(&c, a, &m), 1);
    TT_INT_EQ(tr_cond_eval_json(&c, b, &m), 1);
    TT_INT_EQ(tr_cond_eval_json(&c, c2, &m), 0);
    c.op = TR_OP_NOMATCH;
    TT_INT_EQ(tr_cond_eval_json(&c, c2, &m), 1);
    json_decref(a);
    json_decref(b);
    json_decref(c2);
    tr_jpath_free(c.sel);
    tr_regex_free(&c.re);
    tr_matcher_free(&m);
}

static const char *name_date(const char *name)
{
    static char buf[16];
    tr_date d;
    if (!tr_export_name_date(name, &d)) return "none";
    tr_date_format(d, buf);
    return buf;
}

TT_TEST(export_date_from_names)
{
    TT_STR_EQ(name_date("facebook-jdoe-2025-06-01-Ab12Cd34.zip"), "2025-06-01");
    TT_STR_EQ(name_date("facebook-chendavis1-2026-3-11-Hl65Zstp"), "2026-03-11");
    TT_STR_EQ(name_date("instagram-jdoe-2025-09-01-part1.zip"), "2025-09-01");
    TT_STR_EQ(name_date("facebook-jdoe-2025-08-13-Ab12Cd34-20250813T130756Z-1-001.zip"), "2025-08-13");
    TT_STR_EQ(name_date("facebook-jane-1999-2025-06-01-X1.zip"), "2025-06-01"); /* digits in the user name */
    TT_STR_EQ(name_date("facebook-lenavogt.zip"), "none");
    TT_STR_EQ(name_date("noorhaddad_20220820.zip"), "none");
    TT_STR_EQ(name_date("facebook-x-2025-02-30-tok.zip"), "none");
    TT_STR_EQ(name_date("facebook-x-12025-02-03-tok.zip"), "none");
}

TT_TEST(json_values_are_counted_outside_strings)
{
    const char *a = "[1,2,3]";
    const char *b = "{\"a\": [1, {\"b\": 2}], \"c\": \"x,y:[{\\\"\"}";
    TT_INT_EQ(tr_json_count_values(a, strlen(a), 100), 4);
    /* {, :, [, ",", {, :, "," and : outside strings; the string's , : [ { are not counted */
    TT_INT_EQ(tr_json_count_values(b, strlen(b), 100), 9);
    TT_INT_EQ(tr_json_count_values("[1,1,1,1,1,1]", 13, 3), 4); /* stops past the limit */
    TT_INT_EQ(tr_json_count_values("", 0, 10), 1);
}

int main(void)
{
    TT_RUN(auto_records_follow_classification_md);
    TT_RUN(item_time_takes_the_first_positive_value);
    TT_RUN(longest_json_string);
    TT_RUN(item_text_is_repaired_and_joined);
    TT_RUN(facts_are_typed);
    TT_RUN(doc_stem_drops_only_document_extensions);
    TT_RUN(conditions_on_json);
    TT_RUN(export_date_from_names);
    TT_RUN(json_values_are_counted_outside_strings);
    return tt_done();
}
