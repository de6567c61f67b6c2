/* test_extract.c - finding records, times, texts and facts in JSON. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "jdoc.h"
#include "tt.h"

/* A parsed text: the values and the copy of the text they point into; both
 * live until unparse. */
typedef struct parsed {
    tr_jdoc *d;
    char *buf;
} parsed;

static tr_jv *parse(parsed *p, const char *json)
{
    tr_jerror err;
    tr_jv *v = NULL;
    p->d = tr_jdoc_new();
    p->buf = strdup(json);
    if (p->d && p->buf) v = tr_jdoc_parse(p->d, p->buf, strlen(json), 0, NULL, NULL, &err);
    if (!v) fprintf(stderr, "fixture JSON does not parse: %s\n", json);
    return v;
}

static void unparse(parsed *p)
{
    tr_jdoc_free(p->d);
    free(p->buf);
}

static int count_cb(tr_jv *v, void *user)
{
    (void)v;
    (*(int *)user)++;
    return 0;
}

static int records(const char *sel, const char *json)
{
    parsed p;
    tr_jv *doc = parse(&p, json);
    tr_jpath *jp = NULL;
    size_t col;
    const char *msg;
    int n = 0;
    if (!doc) {
        unparse(&p);
        return -1;
    }
    if (sel && tr_jpath_compile(sel, &jp, &col, &msg) != 0) {
        unparse(&p);
        return -2;
    }
    tr_records_each(jp, doc, count_cb, &n);
    tr_jpath_free(jp);
    unparse(&p);
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
    parsed p;
    tr_jv *rec = parse(&p, json);
    int64_t t = -1;
    int ok = tr_item_time(r, rec, &t);
    unparse(&p);
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
    parsed p;
    tr_jv *rec = parse(&p, "{\"title\": \"Caf\\u00c3\\u00a9\", \"data\": [{\"post\": \"Ol\\u00c3\\u00a1\"}, {\"post\": \"\"}]}");
    TT_ASSERT(rec != NULL);
    char *t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "Ol\xc3\xa1\nCaf\xc3\xa9");
    free(t);
    t = tr_item_text(&r, rec, 0, &oom); /* HTML: no repair */
    TT_STR_EQ(t, "Ol\xc3\x83\xc2\xa1\nCaf\xc3\x83\xc2\xa9");
    free(t);
    unparse(&p);
    /* plain ASCII next to repaired text, in selector order */
    rec = parse(&p, "{\"title\": \"plain ascii\", \"data\": [{\"post\": \"caf\\u00c3\\u00a9\"}, {\"post\": 7}]}");
    TT_ASSERT(rec != NULL);
    t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "caf\xc3\xa9\nplain ascii");
    free(t);
    unparse(&p);
    TT_INT_EQ(oom, 0);
    tr_jpath_free(sel[0]);
    tr_jpath_free(sel[1]);
}

/* `text SEL longest`: used only when the text selectors find nothing; then
 * the longest string it yields (the first of equal ones), repaired. */
TT_TEST(item_text_longest_fallback)
{
    tr_rule r;
    tr_jpath *sel[2], *fb[1];
    size_t col;
    const char *msg;
    int oom = 0;
    char *t;
    parsed p;
    tr_jv *rec;
    memset(&r, 0, sizeof r);
    TT_INT_EQ(tr_jpath_compile("string_map_data.\"Comment|Kommentar\".value", &sel[0], &col, &msg), 0);
    TT_INT_EQ(tr_jpath_compile("string_list_data[*].value", &sel[1], &col, &msg), 0);
    TT_INT_EQ(tr_jpath_compile("string_map_data.*.value", &fb[0], &col, &msg), 0);
    r.text = sel;
    r.ntext = 2;
    r.text_longest = fb;
    r.ntext_longest = 1;
    /* a label the text selectors name: the fallback is not used */
    rec = parse(&p, "{\"string_map_data\": {\"Kommentar\": {\"value\": \"ok\"},"
                    " \"Medieninhaber\": {\"value\": \"someone_with_a_long_name\"}}}");
    TT_ASSERT(rec != NULL);
    t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "ok");
    free(t);
    unparse(&p);
    /* a label no selector names ("Commentaire"): the longest value, repaired */
    rec = parse(&p, "{\"string_map_data\": {\"Commentaire\": {\"value\": \"Tr\\u00c3\\u00a8s beau !\", \"timestamp\": 0},"
                    " \"Propri\\u00c3\\u00a9taire\": {\"value\": \"emma_p\"},"
                    " \"Heure\": {\"value\": \"\", \"timestamp\": 1700000000}}}");
    TT_ASSERT(rec != NULL);
    t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "Tr\xc3\xa8s beau !");
    free(t);
    unparse(&p);
    /* equal lengths: the first in document order */
    rec = parse(&p, "{\"string_map_data\": {\"A\": {\"value\": \"abc\"}, \"B\": {\"value\": \"xyz\"}}}");
    TT_ASSERT(rec != NULL);
    t = tr_item_text(&r, rec, 1, &oom);
    TT_STR_EQ(t, "abc");
    free(t);
    unparse(&p);
    /* no string at all: no text */
    rec = parse(&p, "{\"string_map_data\": {\"Zeit\": {\"value\": \"\", \"timestamp\": 5}}}");
    TT_ASSERT(rec != NULL);
    t = tr_item_text(&r, rec, 1, &oom);
    TT_ASSERT(t == NULL);
    unparse(&p);
    TT_INT_EQ(oom, 0);
    tr_jpath_free(sel[0]);
    tr_jpath_free(sel[1]);
    tr_jpath_free(fb[0]);
}

static int fact(const char *json, tr_fact_type type, char *out, size_t n)
{
    parsed p;
    tr_jv *v = parse(&p, json);
    tr_fact f;
    memset(&f, 0, sizeof f);
    int rc = v ? tr_fact_from_json(v, type, &f) : -2;
    if (rc == 0) snprintf(out, n, "%s", f.text);
    free(f.text);
    unparse(&p);
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

/* The address an e-mail fact takes from a value, or "" when none. */
static const char *email_in(const char *s)
{
    static char buf[128];
    char *e = tr_first_email(s, NULL);
    snprintf(buf, sizeof buf, "%s", e ? e : "");
    free(e);
    return buf;
}

TT_TEST(email_facts_take_the_address_out_of_the_value)
{
    char buf[128];
    TT_STR_EQ(email_in("jane@example.com"), "jane@example.com");
    /* an HTML group row: the nested rows' labels and values as one text */
    TT_STR_EQ(email_in("Emails jane.doe+fb@mail.example.co.uk Previous emails old@example.org"),
              "jane.doe+fb@mail.example.co.uk");
    TT_STR_EQ(email_in("Adresse e-mail\n<jane@example.fr>."), "jane@example.fr");
    TT_STR_EQ(email_in("mailto:jos\xc3\xa9@exemple.fr"), "jos\xc3\xa9@exemple.fr"); /* a link's text, UTF-8 kept */
    TT_STR_EQ(email_in("@example.com jane@ @ jane@localhost a@.com a@b."), "");
    TT_STR_EQ(email_in("not recorded"), "");
    TT_STR_EQ(email_in("x @ y then real@example.net"), "real@example.net");
    TT_INT_EQ(fact("\"Emails jane@example.com\"", TR_FACT_EMAIL, buf, sizeof buf), 0);
    TT_STR_EQ(buf, "jane@example.com");
    TT_INT_EQ(fact("\"Emails\"", TR_FACT_EMAIL, buf, sizeof buf), -1);
    TT_INT_EQ(fact("[\"jane@example.com\"]", TR_FACT_EMAIL, buf, sizeof buf), -1); /* not a string */
}

TT_TEST(fact_read_takes_the_first_value_that_fits)
{
    parsed p;
    tr_jpath *sel = NULL;
    size_t col;
    const char *msg;
    tr_fact f;
    TT_INT_EQ(tr_jpath_compile("items[*].values.\"Emails|E-mail\"", &sel, &col, &msg), 0);
    /* a first item whose label holds no address, then one that does */
    tr_jv *doc = parse(&p, "{\"items\": [{\"values\": {\"Emails\": \"Emails\"}}, {\"values\": {\"Name\": \"x\"}},"
                           " {\"values\": {\"e-mail\": \"jane@example.com\"}}]}");
    TT_ASSERT(doc != NULL);
    memset(&f, 0, sizeof f);
    TT_INT_EQ(tr_fact_read(sel, doc, TR_FACT_EMAIL, &f), 0);
    TT_STR_EQ(f.text, "jane@example.com");
    free(f.text);
    memset(&f, 0, sizeof f);
    TT_INT_EQ(tr_fact_read(sel, doc, TR_FACT_DATE, &f), -1);
    TT_ASSERT(f.text == NULL);
    unparse(&p);
    tr_jpath_free(sel);
}

/* A bool fact rule's `true` / `false` words: whole values only, ignoring
 * ASCII case, after mojibake repair; "true" / "false" always count. */
static int bool_words(const char *json, char *const *yes, size_t nyes, char *const *no, size_t nno)
{
    parsed p;
    tr_factrule fr;
    tr_fact f;
    size_t col;
    const char *msg;
    int rc = -2;
    memset(&fr, 0, sizeof fr);
    memset(&f, 0, sizeof f);
    fr.type = TR_FACT_BOOL;
    fr.yes = (char **)yes;
    fr.nyes = nyes;
    fr.no = (char **)no;
    fr.nno = nno;
    tr_jv *doc = parse(&p, json);
    if (doc && tr_jpath_compile("v", &fr.value, &col, &msg) == 0) {
        rc = tr_fact_read_rule(&fr, doc, &f);
        if (rc == 0) rc = f.boolean;
    }
    free(f.text);
    tr_jpath_free(fr.value);
    unparse(&p);
    return rc;
}

TT_TEST(fact_bool_words)
{
    char *const yes[] = {"Wahr", "Ja", "S\xc3\xad"};
    char *const no[] = {"Falsch", "Nein", "N\xc3\xa3o"};
    TT_INT_EQ(bool_words("{\"v\": \"True\"}", yes, 3, no, 3), 1);
    TT_INT_EQ(bool_words("{\"v\": \"FALSE\"}", NULL, 0, NULL, 0), 0);
    TT_INT_EQ(bool_words("{\"v\": \"ja\"}", yes, 3, no, 3), 1);
    TT_INT_EQ(bool_words("{\"v\": \"Falsch\"}", yes, 3, no, 3), 0);
    /* JSON exports escape every byte of a non-ASCII character */
    TT_INT_EQ(bool_words("{\"v\": \"N\\u00c3\\u00a3o\"}", yes, 3, no, 3), 0);
    TT_INT_EQ(bool_words("{\"v\": \"S\xc3\xad\"}", yes, 3, no, 3), 1);
    /* whole values only */
    TT_INT_EQ(bool_words("{\"v\": \"Ja!\"}", yes, 3, no, 3), -1);
    TT_INT_EQ(bool_words("{\"v\": \"Nein, nicht mehr\"}", yes, 3, no, 3), -1);
    TT_INT_EQ(bool_words("{\"v\": \" Ja\"}", yes, 3, no, 3), -1);
    TT_INT_EQ(bool_words("{\"v\": \"Ja\\u0000\"}", yes, 3, no, 3), -1);
    TT_INT_EQ(bool_words("{\"v\": \"\"}", yes, 3, no, 3), -1);
    /* without the rule's words, only true / false */
    TT_INT_EQ(bool_words("{\"v\": \"Ja\"}", NULL, 0, NULL, 0), -1);
    /* not a string */
    TT_INT_EQ(bool_words("{\"v\": [\"Ja\"]}", yes, 3, no, 3), -1);
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
    parsed pa, pb, pc;
    tr_jv *a = parse(&pa, "{\"participants\": [{\"name\": \"Jane\"}, {\"name\": \"Meta AI\"}]}");
    tr_jv *b = parse(&pb, "{\"participants\": [\"Jane\", \"Meta AI\"]}");
    tr_jv *c2 = parse(&pc, "{\"participants\": [{\"name\": \"Meta AIden\"}]}");
    TT_ASSERT(a && b && c2);
    TT_INT_EQ(tr_cond_eval_json(&c, a, &m), 1);
    TT_INT_EQ(tr_cond_eval_json(&c, b, &m), 1);
    TT_INT_EQ(tr_cond_eval_json(&c, c2, &m), 0);
    c.op = TR_OP_NOMATCH;
    TT_INT_EQ(tr_cond_eval_json(&c, c2, &m), 1);
    unparse(&pa);
    unparse(&pb);
    unparse(&pc);
    tr_jpath_free(c.sel);
    tr_regex_free(&c.re);
    tr_matcher_free(&m);
}

/* Which records of json (picked by records_sel) hold `record SEL greatest`:
 * a string of '1'/'0', one per record, through a shared tr_rank. */
typedef struct rank_run { tr_rule *r; tr_rank *rk; tr_jv *doc; char out[32]; size_t n; } rank_run;

static int rank_cb(tr_jv *rec, void *user)
{
    rank_run *x = user;
    int ok = tr_rule_conds_ranked(x->r, TR_SCOPE_RECORD, x->doc, rec, NULL, 0, NULL, x->rk);
    if (x->n + 1 < sizeof x->out) x->out[x->n++] = ok > 0 ? '1' : '0';
    x->out[x->n] = 0;
    return 0;
}

static const char *greatest(const char *sel, const char *records_sel, const char *json, char *out, size_t size)
{
    tr_rule r;
    tr_cond c;
    tr_rank rk;
    parsed p;
    size_t col;
    const char *msg;
    tr_jpath *recs = NULL;
    rank_run x;
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    memset(&x, 0, sizeof x);
    c.scope = TR_SCOPE_RECORD;
    c.op = TR_OP_GREATEST;
    tr_jv *doc = parse(&p, json);
    snprintf(out, size, "?");
    if (doc && tr_jpath_compile(sel, &c.sel, &col, &msg) == 0 &&
        (!records_sel || tr_jpath_compile(records_sel, &recs, &col, &msg) == 0)) {
        r.conds = &c;
        r.nconds = 1;
        r.records = recs;
        tr_rank_init(&rk, doc, recs);
        x.r = &r;
        x.rk = &rk;
        x.doc = doc;
        tr_records_each(recs, doc, rank_cb, &x);
        snprintf(out, size, "%s", x.out);
        /* without a shared rank, the rule's own records selector is used */
        x.rk = NULL;
        x.n = 0;
        x.out[0] = 0;
        tr_records_each(recs, doc, rank_cb, &x);
        if (strcmp(x.out, out) != 0) snprintf(out, size, "differs without a rank: %s", x.out);
    }
    tr_jpath_free(c.sel);
    tr_jpath_free(recs);
    unparse(&p);
    return out;
}

TT_TEST(greatest_holds_for_the_newest_record_of_the_file)
{
    char b[64];
    /* newest by creation_timestamp, whatever the order */
    TT_STR_EQ(greatest("creation_timestamp", "photos[*]",
                       "{\"name\": \"Profile pictures\", \"photos\": [{\"creation_timestamp\": 1500000000},"
                       " {\"creation_timestamp\": 1700000000}, {\"creation_timestamp\": 1600000000}]}", b, sizeof b),
              "010");
    /* ties all hold; a record without a value never does */
    TT_STR_EQ(greatest("t", NULL, "[{\"t\": 5}, {\"x\": 9}, {\"t\": 5}, {\"t\": 2}]", b, sizeof b), "1010");
    /* the first of alternative keys: an HTML item's time */
    TT_STR_EQ(greatest("\"creation_timestamp|time\"", "items[*]",
                       "{\"items\": [{\"time\": 100}, {\"time\": null}, {\"time\": 300}]}", b, sizeof b), "001");
    /* ISO dates and strings of digits rank too; other strings do not */
    TT_STR_EQ(greatest("taken_at", NULL,
                       "[{\"taken_at\": \"2018-05-01T10:00:00\"}, {\"taken_at\": \"2019-01-01T00:00:00\"},"
                       " {\"taken_at\": \"yesterday\"}]", b, sizeof b), "010");
    TT_STR_EQ(greatest("t", NULL, "[{\"t\": \"20\"}, {\"t\": 3}]", b, sizeof b), "10");
    /* no value anywhere: no record is the greatest */
    TT_STR_EQ(greatest("t", NULL, "[{\"a\": 1}, {\"b\": 2}]", b, sizeof b), "00");
    /* several values in one record: its greatest counts */
    TT_STR_EQ(greatest("t[*]", NULL, "[{\"t\": [1, 9]}, {\"t\": [8]}]", b, sizeof b), "10");
}

/* Condition `sel OP value` (= or ~) on the JSON text: 1, 0 or -1 as
 * tr_cond_eval_json, -9 when the fixture does not build. */
static int cond_on(const char *sel, tr_op op, const char *value, const char *json)
{
    tr_cond c;
    tr_matcher m;
    parsed p;
    size_t col, off;
    const char *msg;
    char err[128];
    int rc = -9;
    memset(&c, 0, sizeof c);
    c.scope = TR_SCOPE_RECORD;
    c.op = op;
    tr_jv *doc = parse(&p, json);
    if (tr_matcher_init(&m, 100000, 1000) != 0) goto out_doc;
    if (doc && tr_jpath_compile(sel, &c.sel, &col, &msg) == 0 &&
        (op == TR_OP_MATCH ? tr_regex_compile(&c.re, value, &off, err, sizeof err) == 0 : (c.value = strdup(value)) != NULL))
        rc = tr_cond_eval_json(&c, doc, &m);
    tr_jpath_free(c.sel);
    if (op == TR_OP_MATCH) tr_regex_free(&c.re);
    free(c.value);
    tr_matcher_free(&m);
out_doc:
    unparse(&p);
    return rc;
}

TT_TEST(conditions_on_scalars_and_repaired_text)
{
    /* strings: ASCII as is (ignoring case for =), mojibake repaired first */
    TT_INT_EQ(cond_on("name", TR_OP_EQ, "cafe", "{\"name\": \"CAFE\"}"), 1);
    TT_INT_EQ(cond_on("name", TR_OP_EQ, "caf\xc3\xa9", "{\"name\": \"caf\\u00c3\\u00a9\"}"), 1);
    TT_INT_EQ(cond_on("name", TR_OP_MATCH, "^Caf\xc3\xa9$", "{\"name\": \"Caf\\u00c3\\u00a9\"}"), 1);
    TT_INT_EQ(cond_on("name", TR_OP_MATCH, "^Caf\xc3\xa9$", "{\"name\": \"Caf\xc3\xa9\"}"), 1);
    TT_INT_EQ(cond_on("name", TR_OP_EQ, "caf", "{\"name\": \"caf\\u00c3\\u00a9\"}"), 0);
    /* a string is compared up to its first NUL, as C text */
    TT_INT_EQ(cond_on("name", TR_OP_MATCH, "^ab$", "{\"name\": \"ab\\u0000cd\"}"), 1);
    TT_INT_EQ(cond_on("name", TR_OP_EQ, "ab", "{\"name\": \"ab\\u0000cd\"}"), 1);
    /* numbers and booleans in their literal form */
    TT_INT_EQ(cond_on("n", TR_OP_EQ, "1700000000", "{\"n\": 1700000000}"), 1);
    TT_INT_EQ(cond_on("n", TR_OP_EQ, "-9223372036854775808", "{\"n\": -9223372036854775808}"), 1);
    TT_INT_EQ(cond_on("n", TR_OP_EQ, "2.5", "{\"n\": 2.5}"), 1);
    TT_INT_EQ(cond_on("n", TR_OP_MATCH, "^1000$", "{\"n\": 1e3}"), 1); /* a real, printed with %.17g */
    TT_INT_EQ(cond_on("b", TR_OP_EQ, "TRUE", "{\"b\": true}"), 1);
    TT_INT_EQ(cond_on("b", TR_OP_EQ, "false", "{\"b\": false}"), 1);
    TT_INT_EQ(cond_on("b", TR_OP_EQ, "true", "{\"b\": false}"), 0);
    /* objects, arrays and null have no text: never equal */
    TT_INT_EQ(cond_on("o", TR_OP_MATCH, ".*", "{\"o\": {}, \"x\": 1}"), 0);
    TT_INT_EQ(cond_on("o", TR_OP_MATCH, ".*", "{\"o\": null}"), 0);
}

/* tr_json_text: repaired strings, literal numbers and booleans, NULL for
 * the rest. */
static char *text_of(const char *json)
{
    parsed p;
    tr_jv *v = parse(&p, json);
    char *t = v ? tr_json_text(v) : strdup("(fixture)");
    unparse(&p);
    return t;
}

TT_TEST(json_text_of_every_type)
{
    char *t;
#define TEXT_IS(json, want)                                                                        \
    do {                                                                                           \
        t = text_of(json);                                                                         \
        int same_ = t && !strcmp(t, (want));                                                       \
        if (!same_) fprintf(stderr, "text of %s: got %s\n", (json), t ? t : "(null)");               \
        free(t);                                                                                   \
        TT_ASSERT(same_);                                                                          \
    } while (0)
    TEXT_IS("\"Caf\\u00c3\\u00a9\"", "Caf\xc3\xa9");
    TEXT_IS("\"plain\"", "plain");
    TEXT_IS("42", "42");
    TEXT_IS("-7", "-7");
    TEXT_IS("0.5", "0.5");
    TEXT_IS("true", "true");
    TEXT_IS("false", "false");
#undef TEXT_IS
    t = text_of("null");
    TT_ASSERT(t == NULL);
    t = text_of("[1]");
    TT_ASSERT(t == NULL);
    t = text_of("{}");
    TT_ASSERT(t == NULL);
    TT_ASSERT(tr_json_text(NULL) == NULL);
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
    TT_STR_EQ(name_date("noorhaddad_20220820.zip"), "2022-08-20"); /* Instagram's first exports */
    TT_STR_EQ(name_date("noorhaddad_20220820"), "2022-08-20");
    TT_STR_EQ(name_date("noorhaddad_20221320.zip"), "none");
    TT_STR_EQ(name_date("noorhaddad_2022082001.zip"), "none");
    TT_STR_EQ(name_date("facebook-x-2025-02-30-tok.zip"), "none");
    TT_STR_EQ(name_date("facebook-x-12025-02-03-tok.zip"), "none");
}

int main(void)
{
    TT_RUN(auto_records_follow_classification_md);
    TT_RUN(item_time_takes_the_first_positive_value);
    TT_RUN(item_text_is_repaired_and_joined);
    TT_RUN(item_text_longest_fallback);
    TT_RUN(facts_are_typed);
    TT_RUN(email_facts_take_the_address_out_of_the_value);
    TT_RUN(fact_read_takes_the_first_value_that_fits);
    TT_RUN(fact_bool_words);
    TT_RUN(doc_stem_drops_only_document_extensions);
    TT_RUN(conditions_on_json);
    TT_RUN(greatest_holds_for_the_newest_record_of_the_file);
    TT_RUN(conditions_on_scalars_and_repaired_text);
    TT_RUN(json_text_of_every_type);
    TT_RUN(export_date_from_names);
    return tt_done();
}
