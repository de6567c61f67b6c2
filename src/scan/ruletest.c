/* ruletest.c - run the rule files' own examples. */
#include "ruletest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

long tr_rules_decide(const tr_rules *r, unsigned platforms, const char *path, tr_jv *doc, const tr_fact *facts,
                     size_t nfacts, tr_matcher *m)
{
    size_t len = tr_doc_stem_len(path);
    for (size_t k = 0; k < r->nrules; k++) {
        const tr_rule *ru = &r->rules[k];
        if (!(ru->platforms & platforms)) continue;
        if (tr_any_match(ru->paths, ru->npaths, path, len, m) <= 0) continue;
        if (tr_rule_conds(ru, TR_SCOPE_FILE, doc, NULL, facts, nfacts, m) <= 0) continue;
        if (tr_rule_conds(ru, TR_SCOPE_FACT, doc, NULL, facts, nfacts, m) <= 0) continue;
        return (long)k;
    }
    return -1;
}

/* A rule that fits the path, the platforms, and the file and fact
 * conditions. */
static int fits_file(const tr_rule *ru, unsigned platforms, const char *path, size_t len, tr_jv *doc,
                     const tr_fact *facts, size_t nfacts, tr_matcher *m)
{
    return (ru->platforms & platforms) && tr_any_match(ru->paths, ru->npaths, path, len, m) > 0 &&
           tr_rule_conds(ru, TR_SCOPE_FILE, doc, NULL, facts, nfacts, m) > 0 &&
           tr_rule_conds(ru, TR_SCOPE_FACT, doc, NULL, facts, nfacts, m) > 0;
}

typedef struct per_record {
    const tr_rules *r;
    unsigned platforms;
    const char *path;
    size_t len;
    tr_jv *doc;
    const tr_fact *facts;
    size_t nfacts;
    tr_matcher *m;
    long start, want, first;
    int records, hit;
    tr_rank rank;
} per_record;

/* One record of the example's file, decided as a scan decides it: the first
 * rule from the file's rule on whose conditions, record ones included, hold. */
static int decide_record(tr_jv *rec, void *user)
{
    per_record *x = user;
    x->records++;
    for (long k = x->start; k < (long)x->r->nrules; k++) {
        const tr_rule *ru = &x->r->rules[k];
        if (k > x->start && !fits_file(ru, x->platforms, x->path, x->len, x->doc, x->facts, x->nfacts, x->m)) continue;
        if (tr_rule_conds_ranked(ru, TR_SCOPE_RECORD, x->doc, rec, x->facts, x->nfacts, x->m, &x->rank) <= 0) continue;
        if (x->first < 0) x->first = k;
        if (k == x->want) x->hit = 1;
        break;
    }
    return 0;
}

/* Whether rule `want` decides the example (path, JSON, facts). Without
 * record conditions the file's rule decides it whole; when a rule that could
 * follow the file's rule looks at records, each record of the example's JSON
 * is decided on its own and `want` must decide at least one. *first gets
 * the first rule that decides something, or -1. */
static int example_decided_by(const tr_rules *r, unsigned platforms, const char *path, tr_jv *doc,
                              const tr_fact *facts, size_t nfacts, tr_matcher *m, long want, long *first,
                              const tr_jpath *html_records)
{
    per_record x;
    memset(&x, 0, sizeof x);
    x.start = tr_rules_decide(r, platforms, path, doc, facts, nfacts, m);
    *first = x.start;
    if (x.start < 0) return 0;
    x.len = tr_doc_stem_len(path);
    int records_matter = 0;
    for (long k = x.start; k < (long)r->nrules && !records_matter; k++)
        records_matter = r->rules[k].has_record_conds && (r->rules[k].platforms & platforms) &&
                         tr_any_match(r->rules[k].paths, r->rules[k].npaths, path, x.len, m) > 0;
    if (!records_matter || !doc) return x.start == want;
    x.r = r;
    x.platforms = platforms;
    x.path = path;
    x.doc = doc;
    x.facts = facts;
    x.nfacts = nfacts;
    x.m = m;
    x.want = want;
    x.first = -1;
    /* an HTML page's records are its items, whatever the rule says (rules/README.md) */
    const char *ext = strrchr(path, '.');
    int html = ext && (!strcasecmp(ext, ".html") || !strcasecmp(ext, ".htm"));
    const tr_jpath *sel = html ? html_records : r->rules[x.start].records;
    tr_rank_init(&x.rank, doc, sel);
    tr_records_each(sel, doc, decide_record, &x);
    if (!x.records) return x.start == want; /* no record: the file's rule claims it */
    *first = x.first;
    return x.hit;
}

/* Facts given as NAME=VALUE: booleans for true/false, dates for
 * YYYY-MM-DD, strings otherwise. */
static tr_fact *example_facts(const tr_example *ex, size_t *n)
{
    size_t count = 0;
    *n = 0;
    if (!ex->facts) return NULL;
    while (ex->facts[count]) count++;
    tr_fact *f = calloc(count ? count : 1, sizeof *f);
    if (!f) return NULL;
    for (size_t i = 0; i < count; i++) {
        const char *eq = strchr(ex->facts[i], '=');
        f[i].name = ex->facts[i]; /* compared up to '=' below */
        f[i].text = (char *)eq + 1;
        if (!strcmp(eq + 1, "true") || !strcmp(eq + 1, "false")) {
            f[i].type = TR_FACT_BOOL;
            f[i].boolean = eq[1] == 't';
        } else if (tr_date_parse(eq + 1, &f[i].date) == 0) {
            f[i].type = TR_FACT_DATE;
        } else {
            f[i].type = TR_FACT_STRING;
        }
    }
    *n = count;
    return f;
}

/* tr_fact names must be NUL-terminated: copy "name=value" names. */
static void name_facts(tr_fact *f, size_t n, char **names)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(f[i].name, '=');
        names[i] = strndup(f[i].name, (size_t)(eq - f[i].name));
        f[i].name = names[i] ? names[i] : "";
    }
}

typedef struct run {
    const tr_rules *r;
    tr_test_fail_fn fail;
    void *user;
    size_t failures, examples;
    tr_matcher m;
    tr_jpath *html_records; /* items[*] */
} run;

static void failf(run *x, const char *file, unsigned line, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void failf(run *x, const char *file, unsigned line, const char *id, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    x->failures++;
    if (x->fail) x->fail(file, line, id, msg, x->user);
}

/* An example's document: its parsed JSON, or {} when it has none. The
 * values live in d and buf (the parsed copy of the text) until
 * example_doc_free. */
typedef struct example_json {
    tr_jdoc *d;
    char *buf;
    tr_jv empty;
} example_json;

static tr_jv *example_doc(run *x, const tr_example *ex, const char *file, const char *id, example_json *ej)
{
    tr_jerror err;
    memset(ej, 0, sizeof *ej);
    if (!ex->json) {
        ej->empty.type = TR_JOBJECT;
        return &ej->empty;
    }
    size_t len = strlen(ex->json);
    ej->buf = malloc(len + 1);
    ej->d = tr_jdoc_new();
    if (!ej->buf || !ej->d) {
        failf(x, file, ex->line, id, "out of memory reading the example JSON");
        return NULL;
    }
    memcpy(ej->buf, ex->json, len + 1);
    tr_jv *doc = tr_jdoc_parse(ej->d, ej->buf, len, 0, NULL, NULL, &err);
    if (!doc) failf(x, file, ex->line, id, "example JSON does not parse: %s", err.text);
    return doc;
}

static void example_doc_free(example_json *ej)
{
    tr_jdoc_free(ej->d);
    free(ej->buf);
}

static void test_rule(run *x, size_t k)
{
    const tr_rule *ru = &x->r->rules[k];
    for (size_t e = 0; e < ru->nexamples; e++) {
        const tr_example *ex = &ru->examples[e];
        size_t nf = 0;
        tr_fact *facts = example_facts(ex, &nf);
        char *names[64] = {0};
        if (nf > 64) nf = 64;
        name_facts(facts, nf, names);
        example_json ej;
        tr_jv *doc = example_doc(x, ex, ru->file, ru->id, &ej);
        x->examples++;
        if (doc) {
            long w;
            int hit = example_decided_by(x->r, ru->platforms, ex->path, doc, facts, nf, &x->m, (long)k, &w,
                                         x->html_records);
            if (ex->must_match && !hit) {
                if (w < 0)
                    failf(x, ru->file, ex->line, ru->id, "'%s' should be decided by %s (%s, %s) but no rule decides it",
                          ex->path, ru->id, tr_category_name(ru->category), tr_verdict_name(ru->verdict));
                else if (w == (long)k)
                    failf(x, ru->file, ex->line, ru->id, "'%s' should be decided by %s, but its record conditions hold "
                          "for no record of the example's JSON", ex->path, ru->id);
                else
                    failf(x, ru->file, ex->line, ru->id,
                          "'%s' should be decided by %s (%s, %s) but %s (%s:%u) decides it first (%s, %s)", ex->path,
                          ru->id, tr_category_name(ru->category), tr_verdict_name(ru->verdict), x->r->rules[w].id,
                          x->r->rules[w].file, x->r->rules[w].line, tr_category_name(x->r->rules[w].category),
                          tr_verdict_name(x->r->rules[w].verdict));
            } else if (!ex->must_match && hit) {
                failf(x, ru->file, ex->line, ru->id, "'%s' must not be decided by %s, but it is", ex->path, ru->id);
            }
        }
        example_doc_free(&ej);
        for (size_t i = 0; i < nf; i++) free(names[i]);
        free(facts);
    }
}

static void test_fact(run *x, const tr_factrule *fr)
{
    for (size_t e = 0; e < fr->nexamples; e++) {
        const tr_example *ex = &fr->examples[e];
        size_t len = tr_doc_stem_len(ex->path);
        int fits = tr_any_match(fr->paths, fr->npaths, ex->path, len, &x->m) > 0;
        x->examples++;
        if (fits && ex->json) {
            example_json ej;
            tr_jv *doc = example_doc(x, ex, fr->file, fr->id, &ej);
            tr_fact f;
            memset(&f, 0, sizeof f);
            fits = doc && tr_fact_read_rule(fr, doc, &f) == 0;
            free(f.text);
            example_doc_free(&ej);
        }
        if (ex->must_match && !fits)
            failf(x, fr->file, ex->line, fr->id, "'%s' should give the fact %s, but it does not", ex->path, fr->sets);
        else if (!ex->must_match && fits)
            failf(x, fr->file, ex->line, fr->id, "'%s' must not give the fact %s, but it does", ex->path, fr->sets);
    }
}

size_t tr_rules_test(const tr_rules *r, tr_test_fail_fn fail, void *user, size_t *nexamples)
{
    run x;
    memset(&x, 0, sizeof x);
    x.r = r;
    x.fail = fail;
    x.user = user;
    size_t col;
    const char *msg;
    if (tr_jpath_compile("items[*]", &x.html_records, &col, &msg) != 0) {
        if (nexamples) *nexamples = 0;
        return 1;
    }
    if (tr_matcher_init(&x.m, TR_DEFAULT_MATCH_LIMIT, TR_DEFAULT_DEPTH_LIMIT) != 0) {
        tr_jpath_free(x.html_records);
        if (nexamples) *nexamples = 0;
        return 1;
    }
    for (size_t k = 0; k < r->nrules; k++) test_rule(&x, k);
    for (size_t k = 0; k < r->nfacts; k++) test_fact(&x, &r->facts[k]);
    tr_matcher_free(&x.m);
    tr_jpath_free(x.html_records);
    if (nexamples) *nexamples = x.examples;
    return x.failures;
}
