/* test_rules.c - rule file parsing and its diagnostics. */
#include <stdlib.h>
#include <string.h>

#include "jdoc.h"
#include "rules.h"
#include "ruletest.h"
#include "tt.h"

typedef struct seen {
    int n;
    char text[32][256];
} seen;

static void collect(const tr_diag *d, void *user)
{
    seen *s = user;
    if (s->n < 32)
        snprintf(s->text[s->n++], sizeof s->text[0], "%s:%u:%u: %s: %s", d->file, d->line, d->col,
                 d->level == TR_DIAG_ERROR ? "error" : "warning", d->message);
}

static tr_err load(const char *text, seen *s, tr_rules **out)
{
    tr_rule_source src = {"t.rules", text, strlen(text), 0};
    memset(s, 0, sizeof *s);
    return tr_rules_load(&src, 1, collect, s, out, NULL, NULL);
}

static int has(const seen *s, const char *want)
{
    for (int i = 0; i < s->n; i++)
        if (strstr(s->text[i], want)) return 1;
    return 0;
}

static void dump(const seen *s)
{
    for (int i = 0; i < s->n; i++) fprintf(stderr, "  %s\n", s->text[i]);
}

#define HEADER "version 1\nlayout fb\n  platform facebook\n  marker ^your_facebook_activity/\n"

TT_TEST(loads_a_valid_rule)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER
        "# comment\n"
        "rule fb.posts\n"
        "  platform  facebook\n"
        "  path      (^|/)posts/your_posts(_\\d+)?$\n"
        "  records   [*]\n"
        "  category  post\n"
        "  verdict   uncertain\n"
        "  reason    Public posts are used.\n"
        "  source    meta-ai-policy 1.4\n"
        "  text      data[*].post\n"
        "  time      timestamp_ms ms\n"
        "  when      file name ~ ^Profile pictures$\n"
        "  tags      account public\n"
        "  match     posts/your_posts_1.json facts private_account=false with {\"name\": \"x\"}\n";
    tr_err rc = load(text, &s, &r);
    if (rc != TR_OK) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    TT_INT_EQ(r->nrules, 1);
    const tr_rule *ru = &r->rules[0];
    TT_STR_EQ(ru->id, "fb.posts");
    TT_INT_EQ(ru->platforms, TR_PLAT_FACEBOOK);
    TT_INT_EQ(ru->category, TR_CAT_POST);
    TT_INT_EQ(ru->verdict, TR_UNCERTAIN);
    TT_INT_EQ(ru->ntime, 1);
    TT_INT_EQ(ru->time[0].ms, 1);
    TT_INT_EQ(ru->nconds, 1);
    TT_INT_EQ(ru->has_file_conds, 1);
    TT_INT_EQ(ru->ntags, 2);
    TT_STR_EQ(ru->tags[1], "public");
    TT_INT_EQ(ru->nmedia, 1); /* default **.uri */
    TT_INT_EQ(ru->nexamples, 1);
    TT_STR_EQ(ru->examples[0].json, "{\"name\": \"x\"}");
    TT_STR_EQ(ru->examples[0].facts[0], "private_account=false");
    TT_INT_EQ(ru->line, 6);
    tr_rules_free(r);
}

TT_TEST(reports_every_error_with_line_and_column)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER
        "rule fb.a\n"                          /* 5 */
        "  platform  facebok\n"                /* 6: col 13 */
        "  path      (^|/)posts/(x$\n"         /* 7: regex error inside */
        "  category  posts\n"                  /* 8 */
        "  verdict   maybe\n"                  /* 9 */
        "  reason    r\n"
        "  source    s\n"
        "  colour    red\n"                    /* 12: unknown key */
        "rule fb.a\n"                          /* 13: duplicate id; missing keys */
        "  platform  facebook\n"
        "  records   [*\n";                    /* 15: selector error */
    tr_err rc = load(text, &s, &r);
    TT_INT_EQ(rc, TR_ERR_RULES);
    TT_ASSERT(r == NULL);
    if (!has(&s, "t.rules:6:13: error: unknown platform 'facebok'")) { dump(&s); TT_ASSERT(0); }
    if (!has(&s, "t.rules:7:")) { dump(&s); TT_ASSERT(0); }
    TT_ASSERT(has(&s, "invalid regular expression: missing closing parenthesis"));
    TT_ASSERT(has(&s, "t.rules:8:13: error: unknown category 'posts'"));
    TT_ASSERT(has(&s, "t.rules:9:13: error: unknown verdict 'maybe'"));
    TT_ASSERT(has(&s, "t.rules:12:3: error: unknown key 'colour' in a rule"));
    TT_ASSERT(has(&s, "t.rules:13:1: error: duplicate id 'fb.a'"));
    TT_ASSERT(has(&s, "t.rules:13:1: error: rule 'fb.a' has no 'path'"));
    TT_ASSERT(has(&s, "t.rules:15:"));
    TT_ASSERT(has(&s, "invalid selector"));
}

TT_TEST(regex_error_column_points_inside_the_pattern)
{
    seen s;
    tr_rules *r = NULL;
    /* "  path      " is 12 characters, so the pattern starts at column 13;
     * PCRE2 reports "missing closing parenthesis" at the end (offset 9). */
    const char *text = HEADER "rule x\n  path      (abc|def$\n";
    load(text, &s, &r);
    TT_ASSERT(has(&s, "t.rules:6:22: error: invalid regular expression"));
}

TT_TEST(refuses_a_rule_set_needing_a_newer_trainable)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = "requires 99.0\n" HEADER "rule x\n  platform any\n  path a$\n  category post\n"
                       "  verdict private\n  reason r\n  source s\n";
    TT_INT_EQ(load(text, &s, &r), TR_ERR_RULES);
    TT_ASSERT(has(&s, "requires trainable 99.0 or newer"));
}

TT_TEST(defaults_apply_to_rules_that_do_not_set_the_key)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER "defaults\n  time timestamp\n  time creation_timestamp\n  media attachments[*].uri\n"
                       "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason r\n  source s\n"
                       "rule b\n  platform any\n  path b$\n  category post\n  verdict private\n  reason r\n  source s\n"
                       "  time t2 ms\n";
    tr_err rc = load(text, &s, &r);
    if (rc) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    TT_INT_EQ(r->rules[0].ntime, 2);
    TT_INT_EQ(r->rules[0].nmedia, 1);
    TT_STR_EQ(tr_jpath_source(r->rules[0].media[0]), "attachments[*].uri");
    TT_INT_EQ(r->rules[1].ntime, 1);
    TT_INT_EQ(r->rules[1].time[0].ms, 1);
    tr_rules_free(r);
}

/* `text SEL longest` is kept apart from the other text selectors; defaults
 * carry it like any text line; any other word after a selector is an error. */
TT_TEST(text_longest_fallback)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER "defaults\n  text title\n  text string_map_data.*.value longest\n"
                       "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason r\n  source s\n"
                       "rule b\n  platform any\n  path b$\n  category post\n  verdict private\n  reason r\n  source s\n"
                       "  text string_map_data.\"Comment|Opmerking\".value\n"
                       "  text \"a b\".longest\n"
                       "  text string_map_data.*.value   longest  \n";
    tr_err rc = load(text, &s, &r);
    if (rc) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    TT_INT_EQ(r->rules[0].ntext, 1);
    TT_INT_EQ(r->rules[0].ntext_longest, 1);
    TT_STR_EQ(tr_jpath_source(r->rules[0].text_longest[0]), "string_map_data.*.value");
    TT_INT_EQ(r->rules[1].ntext, 2);
    TT_STR_EQ(tr_jpath_source(r->rules[1].text[0]), "string_map_data.\"Comment|Opmerking\".value");
    TT_STR_EQ(tr_jpath_source(r->rules[1].text[1]), "\"a b\".longest");
    TT_INT_EQ(r->rules[1].ntext_longest, 1);
    tr_rules_free(r);

    seen s2;
    text = HEADER "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason r\n  source s\n"
                  "  text string_map_data.*.value shortest\n";  /* 12 */
    rc = load(text, &s2, &r);
    TT_INT_EQ(rc, TR_ERR_RULES);
    if (!has(&s2, "t.rules:12:32: error: expected nothing or 'longest' after the text selector")) { dump(&s2); TT_ASSERT(0); }
}

/* `true` / `false` words belong to bool facts only */
TT_TEST(fact_bool_words_need_type_bool)
{
    seen s, s2;
    tr_rules *r = NULL;
    const char *text = HEADER
        "fact f.priv\n  platform instagram\n  path (^|/)personal_information$\n  sets private_account\n"
        "  value \"Private Account|Privates Konto\".value\n  type bool\n  true Wahr Ja\n  false Falsch\n  false Nein\n"
        "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason r\n  source s\n"
        "  match a.json\n";
    tr_err rc = load(text, &s, &r);
    if (rc) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    TT_INT_EQ(r->facts[0].nyes, 2);
    TT_STR_EQ(r->facts[0].yes[1], "Ja");
    TT_INT_EQ(r->facts[0].nno, 2);
    TT_STR_EQ(r->facts[0].no[1], "Nein");
    tr_rules_free(r);
    r = NULL;
    text = HEADER
        "fact f.dob\n  platform instagram\n  path (^|/)personal_information$\n  sets birth_date\n"
        "  value v\n  type date\n  true Ja\n";
    TT_INT_EQ(load(text, &s2, &r), TR_ERR_RULES);
    if (!has(&s2, "t.rules:5:1: error: fact 'f.dob' has 'true' or 'false' words but is not of type bool")) {
        dump(&s2);
        TT_ASSERT(0);
    }
}

TT_TEST(adjust_and_fact_blocks)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER
        "fact f.dob\n  platform facebook\n  path (^|/)profile_information$\n  sets birth_date\n"
        "  value profile_v2.birthday\n  type date\n"
        "adjust minor\n  when fact minor = true\n  from eligible uncertain\n  to private\n  except ai_chat\n"
        "  reason under 18\n  source s\n"
        "adjust bad\n  when file x exists\n  from nope\n  to private\n  reason r\n  source s\n"
        "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason r\n  source s\n";
    TT_INT_EQ(load(text, &s, &r), TR_ERR_RULES);
    TT_ASSERT(has(&s, "only 'fact' conditions are allowed here"));
    TT_ASSERT(has(&s, "unknown verdict 'nope'"));
    int errors = 0;
    for (int i = 0; i < s.n; i++) errors += strstr(s.text[i], ": error: ") != NULL;
    TT_INT_EQ(errors, 2);
    TT_ASSERT(has(&s, "warning: rule 'a' has no 'match' example"));
}

TT_TEST(warns_about_missing_anchor_and_nested_quantifiers)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER "rule a\n  platform any\n  path (^|/)posts/(a+)+\n  category post\n  verdict private\n"
                       "  reason r\n  source s\n  match posts/aaa.json\n";
    TT_INT_EQ(load(text, &s, &r), TR_OK);
    TT_ASSERT(has(&s, "t.rules:7:23: warning: path pattern is not anchored at the end"));
    TT_ASSERT(has(&s, "t.rules:7:8: warning: nested unbounded quantifiers"));
    tr_rules_free(r);
}

TT_TEST(example_json_ends_where_the_value_ends)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n"
                       "  reason r\n  source s\n"
                       "  match     x/a.json with [1, {\"k\": \"v w\"}] facts f=1 g=2\n"
                       "  match     x/a.json with 5 facts f=1\n"
                       "  nomatch   x/b.json facts f=1 with \"s\"\n";
    tr_err rc = load(text, &s, &r);
    if (rc != TR_OK) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    const tr_rule *ru = &r->rules[0];
    TT_INT_EQ(ru->nexamples, 3);
    TT_STR_EQ(ru->examples[0].json, "[1, {\"k\": \"v w\"}]");
    TT_STR_EQ(ru->examples[0].facts[1], "g=2");
    TT_STR_EQ(ru->examples[1].json, "5");
    TT_STR_EQ(ru->examples[1].facts[0], "f=1");
    TT_STR_EQ(ru->examples[2].json, "\"s\"");
    tr_rules_free(r);
}

TT_TEST(example_json_error_column_points_inside_the_json)
{
    seen s;
    tr_rules *r = NULL;
    /* "  match     x/a.json with " is 26 characters: the JSON starts at
     * column 27 and its bad literal 6 bytes later */
    const char *text = HEADER "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n"
                       "  reason r\n  source s\n"
                       "  match     x/a.json with {\"a\": tru}\n"    /* 12 */
                       "  match     x/a.json with [1, 2\n"             /* 13: cut short */
                       "  match     x/a.json with\n";                  /* 14: nothing */
    TT_INT_EQ(load(text, &s, &r), TR_ERR_RULES);
    if (!has(&s, "t.rules:12:33: error: invalid example JSON: ")) { dump(&s); TT_ASSERT(0); }
    if (!has(&s, "t.rules:13:32: error: invalid example JSON: ")) { dump(&s); TT_ASSERT(0); }
    if (!has(&s, "t.rules:14:26: error: invalid example JSON: ")) { dump(&s); TT_ASSERT(0); }
}

typedef struct failures {
    int n;
    int quiet; /* failures are expected: do not print them */
} failures;

static void count_failure(const char *file, unsigned line, const char *id, const char *message, void *user)
{
    failures *f = user;
    (void)file;
    (void)id;
    if (!f->quiet) fprintf(stderr, "  example at line %u: %s\n", line, message);
    f->n++;
}

TT_TEST(examples_run_against_their_json)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER
        "fact f.dob\n  platform facebook\n  path (^|/)profile$\n  sets birth_date\n"
        "  value profile_v2.birthday\n  type date\n"
        "  match   p/profile.json with {\"profile_v2\": {\"birthday\": {\"year\": 1990, \"month\": 1, \"day\": 15}}}\n"
        "  nomatch p/profile.json with {\"profile_v2\": {\"birthday\": {\"year\": 0, \"month\": 0, \"day\": 0}}}\n"
        "rule ai\n  platform facebook\n  path (^|/)inbox/[^/]+/message_\\d+$\n  category ai_chat\n  verdict eligible\n"
        "  reason r\n  source s\n  when file participants[*].name ~ ^Meta AI$\n"
        "  match   inbox/x/message_1.json with {\"participants\": [{\"name\": \"Jane\"}, {\"name\": \"Meta AI\"}]}\n"
        "  nomatch inbox/x/message_1.json with {\"participants\": [{\"name\": \"Jane\"}]}\n"
        "  nomatch inbox/x/message_1.json\n" /* no JSON: {} */
        "rule dm\n  platform facebook\n  path (^|/)inbox/[^/]+/message_\\d+$\n  category message\n"
        "  verdict private\n  reason r\n  source s\n"
        "  match   inbox/x/message_1.json with {\"participants\": []}\n";
    tr_err rc = load(text, &s, &r);
    if (rc != TR_OK) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    failures f = {0, 0};
    size_t n = 0;
    TT_INT_EQ(tr_rules_test(r, count_failure, &f, &n), 0);
    TT_INT_EQ(f.n, 0);
    TT_INT_EQ(n, 6);

    /* the same decision by hand: the first rule whose file conditions hold */
    tr_matcher m;
    TT_INT_EQ(tr_matcher_init(&m, 100000, 1000), 0);
    char buf[] = "{\"participants\": [{\"name\": \"Meta AI\"}]}";
    tr_jdoc *d = tr_jdoc_new();
    tr_jerror err;
    tr_jv *doc = tr_jdoc_parse(d, buf, strlen(buf), 0, NULL, NULL, &err);
    TT_ASSERT(doc != NULL);
    long ai = tr_rules_decide(r, TR_PLAT_FACEBOOK, "inbox/x/message_1.json", doc, NULL, 0, &m);
    long none = tr_rules_decide(r, TR_PLAT_FACEBOOK, "inbox/x/message_1.json", NULL, NULL, 0, &m);
    tr_jdoc_free(d);
    tr_matcher_free(&m);
    TT_ASSERT(ai >= 0 && none >= 0);
    TT_STR_EQ(r->rules[ai].id, "ai");
    TT_STR_EQ(r->rules[none].id, "dm");
    tr_rules_free(r);
}

TT_TEST(greatest_is_a_record_condition_and_examples_are_decided_per_record)
{
    seen s;
    tr_rules *r = NULL;
    /* not for a file or a fact, and it takes no value */
    TT_INT_EQ(load(HEADER "rule a\n  platform facebook\n  path x$\n  category photo\n  verdict eligible\n"
                          "  reason r\n  source s\n  when file t greatest\n", &s, &r), TR_ERR_RULES);
    TT_ASSERT(has(&s, "t.rules:12:15: error: 'greatest' compares the records of a file"));
    TT_INT_EQ(load(HEADER "rule a\n  platform facebook\n  path x$\n  category photo\n  verdict eligible\n"
                          "  reason r\n  source s\n  when record t greatest 3\n", &s, &r), TR_ERR_RULES);
    TT_ASSERT(has(&s, "'greatest' takes no value"));

    /* the newest photo by one rule, the older ones by the next */
    const char *text = HEADER
        "rule newest\n  platform facebook\n  path (^|/)album/\\d+$\n  records photos[*]\n  category photo\n"
        "  verdict eligible\n  reason r\n  source s\n  when record creation_timestamp greatest\n"
        "  match   album/0.json with {\"photos\": [{\"creation_timestamp\": 1}, {\"creation_timestamp\": 2}]}\n"
        "  nomatch album/0.json with {\"photos\": [{\"uri\": \"a\"}]}\n"
        "rule older\n  platform facebook\n  path (^|/)album/\\d+$\n  records photos[*]\n  category photo\n"
        "  verdict uncertain\n  reason r\n  source s\n"
        "  match   album/0.json with {\"photos\": [{\"creation_timestamp\": 1}, {\"creation_timestamp\": 2}]}\n"
        "  match   album/0.json with {\"photos\": [{\"uri\": \"a\"}]}\n"
        "  nomatch album/0.json with {\"photos\": [{\"creation_timestamp\": 2}]}\n";
    tr_err rc = load(text, &s, &r);
    if (rc != TR_OK) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    TT_INT_EQ(r->rules[0].has_rank_conds, 1);
    TT_INT_EQ(r->rules[1].has_rank_conds, 0);
    failures f = {0, 0};
    size_t n = 0;
    TT_INT_EQ(tr_rules_test(r, count_failure, &f, &n), 0);
    TT_INT_EQ(n, 5);
    tr_rules_free(r);

    /* an example that no record of its JSON gives to its rule fails */
    text = HEADER
        "rule newest\n  platform facebook\n  path (^|/)album/\\d+$\n  records photos[*]\n  category photo\n"
        "  verdict eligible\n  reason r\n  source s\n  when record creation_timestamp greatest\n"
        "  match   album/0.json with {\"photos\": [{\"uri\": \"a\"}]}\n"
        "rule older\n  platform facebook\n  path (^|/)album/\\d+$\n  records photos[*]\n  category photo\n"
        "  verdict uncertain\n  reason r\n  source s\n"
        "  nomatch album/0.json with {\"photos\": [{\"creation_timestamp\": 1}, {\"creation_timestamp\": 2}]}\n";
    rc = load(text, &s, &r);
    TT_INT_EQ(rc, TR_OK);
    f.n = 0;
    f.quiet = 1;
    TT_INT_EQ(tr_rules_test(r, count_failure, &f, &n), 2);
    tr_rules_free(r);
}

TT_TEST(failing_examples_are_reported)
{
    seen s;
    tr_rules *r = NULL;
    const char *text = HEADER
        "rule ai\n  platform facebook\n  path (^|/)inbox/[^/]+/message_\\d+$\n  category ai_chat\n  verdict eligible\n"
        "  reason r\n  source s\n  when file participants.** ~ ^Meta AI$\n"
        "  match   inbox/x/message_1.json with {\"participants\": [{\"name\": \"Jane\"}]}\n"
        "  nomatch inbox/x/message_1.json with {\"participants\": [\"Meta AI\"]}\n";
    tr_err rc = load(text, &s, &r);
    if (rc != TR_OK) dump(&s);
    TT_INT_EQ(rc, TR_OK);
    failures f = {0, 1};
    size_t n = 0;
    TT_INT_EQ(tr_rules_test(r, count_failure, &f, &n), 2);
    TT_INT_EQ(f.n, 2);
    TT_INT_EQ(n, 2);
    tr_rules_free(r);
}

static tr_rules *load_layers(const char *base, const char *extra)
{
    tr_rule_source src[2] = {{"base.rules", base, strlen(base), 0}, {"extra.rules", extra, strlen(extra), 1}};
    tr_rules *r = NULL;
    tr_rules_load(src, 2, NULL, NULL, &r, NULL, NULL);
    return r;
}

TT_TEST(extra_layer_overrides_by_id_and_goes_first)
{
    const char *base = HEADER "rule a\n  platform any\n  path a$\n  category post\n  verdict private\n  reason old\n  source s\n"
                              "rule b\n  platform any\n  path b$\n  category post\n  verdict private\n  reason r\n  source s\n";
    const char *extra = "rule b\n  platform any\n  path b2$\n  category photo\n  verdict eligible\n  reason new\n  source s\n"
                        "rule c\n  platform any\n  path c$\n  category post\n  verdict private\n  reason r\n  source s\n";
    tr_rules *r = load_layers(base, extra);
    TT_ASSERT(r != NULL);
    TT_INT_EQ(r->nrules, 3);
    TT_STR_EQ(r->rules[0].id, "c");
    TT_STR_EQ(r->rules[1].id, "a");
    TT_STR_EQ(r->rules[2].id, "b");
    TT_STR_EQ(r->rules[2].reason, "new");
    TT_INT_EQ(r->rules[2].verdict, TR_ELIGIBLE);
    tr_rules_free(r);
}

TT_TEST(version_compare)
{
    TT_ASSERT(tr_version_cmp("0.1.0", "0.1.0") == 0);
    TT_ASSERT(tr_version_cmp("0.2", "0.1.9") > 0);
    TT_ASSERT(tr_version_cmp("0.1", "0.1.1") < 0);
    TT_ASSERT(tr_version_cmp("1.10.0", "1.9.0") > 0);
}

int main(void)
{
    TT_RUN(loads_a_valid_rule);
    TT_RUN(fact_bool_words_need_type_bool);
    TT_RUN(text_longest_fallback);
    TT_RUN(reports_every_error_with_line_and_column);
    TT_RUN(regex_error_column_points_inside_the_pattern);
    TT_RUN(refuses_a_rule_set_needing_a_newer_trainable);
    TT_RUN(defaults_apply_to_rules_that_do_not_set_the_key);
    TT_RUN(adjust_and_fact_blocks);
    TT_RUN(warns_about_missing_anchor_and_nested_quantifiers);
    TT_RUN(example_json_ends_where_the_value_ends);
    TT_RUN(example_json_error_column_points_inside_the_json);
    TT_RUN(examples_run_against_their_json);
    TT_RUN(greatest_is_a_record_condition_and_examples_are_decided_per_record);
    TT_RUN(failing_examples_are_reported);
    TT_RUN(extra_layer_overrides_by_id_and_goes_first);
    TT_RUN(version_compare);
    return tt_done();
}
