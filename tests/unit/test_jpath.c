/* test_jpath.c - unit tests for src/parse/jpath.c: every selector form,
 * alternatives, case-insensitive member lookup, document order, early stop
 * and syntax errors with their columns. */
#include "tt.h"
#include "jpath.h"

#include <stdlib.h>
#include <string.h>

/* A Facebook post record (export-formats.md §4.1) with two media URIs. */
static const char POST_JSON[] =
    "{ \"timestamp\": 1704067200,"
    "  \"data\": [ { \"post\": \"Sunset\" }, { \"update_timestamp\": 1704067300 } ],"
    "  \"attachments\": [ { \"data\": ["
    "      { \"media\": { \"uri\": \"posts/media/a.jpg\", \"creation_timestamp\": 1,"
    "                   \"title\": \"Mobile uploads\" } },"
    "      { \"media\": { \"uri\": \"posts/media/b.mp4\","
    "                   \"thumbnail\": { \"uri\": \"posts/media/b_thumb.jpg\" } } },"
    "      { \"external_context\": { \"url\": \"https://example.org/a\" } } ] } ],"
    "  \"title\": \"Jane Doe added a new photo.\" }";

/* A label_values record (export-formats.md §4.1). */
static const char LABEL_JSON[] =
    "{ \"timestamp\": 1700000000, \"fbid\": \"1\","
    "  \"label_values\": [ { \"label\": \"Message\", \"value\": \"Happy birthday!\" },"
    "                      { \"label\": \"Time\", \"timestamp_value\": 1700000001 },"
    "                      { \"label\": \"URL\", \"value\": \"https://x\" },"
    "                      { \"label\": \"Later\", \"timestamp_value\": 1700000002 } ] }";

static const char PROFILE_JSON[] =
    "{ \"profile_user\": [ { \"title\": \"janedoe\", \"string_map_data\": {"
    "    \"Private account\": { \"value\": \"True\" },"
    "    \"Date of birth\": { \"value\": \"1990-06-15\" },"
    "    \"Zeit\": { \"timestamp\": 5 },"
    "    \"a.b\": 1, \"say \\\"hi\\\"\": 2, \"back\\\\slash\": 3 } } ] }";

/* A parsed fixture: the document and the copy of the text its values point
 * into; both live until unload. */
typedef struct fixture {
    tr_jdoc *d;
    char *buf;
} fixture;

static tr_jv *load(fixture *f, const char *text)
{
    tr_jerror err;
    tr_jv *v = NULL;

    f->d = tr_jdoc_new();
    f->buf = strdup(text);
    if (!f->d || !f->buf)
        return NULL;
    v = tr_jdoc_parse(f->d, f->buf, strlen(text), 0, NULL, NULL, &err);
    if (!v)
        fprintf(stderr, "fixture JSON: %s at %lu:%lu\n", err.text, err.line, err.column);
    return v;
}

static void unload(fixture *f)
{
    tr_jdoc_free(f->d);
    free(f->buf);
}

/* Append v as compact JSON (as jansson's JSON_COMPACT writes it) to
 * out[*len..cap), cut at the end of out. */
static void put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= cap)
        return;
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

static void dump_string(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
    char esc[8];

    put(out, cap, len, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(out, cap, len, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(out, cap, len, esc, 6);
        } else {
            put(out, cap, len, s + i, 1);
        }
    }
    put(out, cap, len, "\"", 1);
}

static void dump(const tr_jv *v, char *out, size_t cap, size_t *len)
{
    char num[64];

    switch (v->type) {
    case TR_JNULL:
        put(out, cap, len, "null", 4);
        break;
    case TR_JTRUE:
        put(out, cap, len, "true", 4);
        break;
    case TR_JFALSE:
        put(out, cap, len, "false", 5);
        break;
    case TR_JINT:
        put(out, cap, len, num, (size_t)snprintf(num, sizeof num, "%" PRId64, v->u.i));
        break;
    case TR_JREAL:
        put(out, cap, len, num, (size_t)snprintf(num, sizeof num, "%.17g", v->u.d));
        break;
    case TR_JSTRING:
        dump_string(v->u.s, v->n, out, cap, len);
        break;
    case TR_JARRAY:
        put(out, cap, len, "[", 1);
        for (size_t i = 0; i < tr_jv_size(v); i++) {
            if (i)
                put(out, cap, len, ",", 1);
            dump(tr_jv_at(v, i), out, cap, len);
        }
        put(out, cap, len, "]", 1);
        break;
    case TR_JOBJECT:
        put(out, cap, len, "{", 1);
        for (size_t i = 0; i < tr_jv_size(v); i++) {
            const tr_jv *k = tr_jv_key(v, i);
            if (i)
                put(out, cap, len, ",", 1);
            dump_string(k->u.s, k->n, out, cap, len);
            put(out, cap, len, ":", 1);
            dump(tr_jv_val(v, i), out, cap, len);
        }
        put(out, cap, len, "}", 1);
        break;
    }
}

/* Collects what a selector yields, as compact JSON joined by ' '. */
typedef struct collect {
    char buf[2048];
    int count;
    int stop_after; /* 0: never stop */
} collect;

static int collect_fn(tr_jv *value, void *user)
{
    collect *c = user;
    size_t used = strlen(c->buf);

    if (c->count)
        put(c->buf, sizeof c->buf, &used, " ", 1);
    dump(value, c->buf, sizeof c->buf, &used);
    c->count++;
    if (c->stop_after && c->count >= c->stop_after)
        return 42;
    return 0;
}

/* Run selector sel over the JSON text doc; the values as a string in *c.
 * Returns tr_jpath_each's result, or -99 on a compile or fixture error. */
static int run(const char *sel, const char *doc, collect *c)
{
    tr_jpath *p = NULL;
    fixture f;
    tr_jv *root = load(&f, doc);
    size_t col = 0;
    const char *msg = NULL;
    int rc = -99;

    memset(c->buf, 0, sizeof c->buf);
    c->count = 0;
    if (!root)
        goto out;
    if (tr_jpath_compile(sel, &p, &col, &msg) != 0) {
        fprintf(stderr, "compile \"%s\": %s at %zu\n", sel, msg, col);
        goto out;
    }
    rc = tr_jpath_each(p, root, collect_fn, c);
out:
    tr_jpath_free(p);
    unload(&f);
    return rc;
}

/* Assert that sel over doc yields exactly want (see collect). */
#define YIELDS(sel, doc, want)                                                 \
    do {                                                                       \
        collect c_ = {{0}, 0, 0};                                              \
        TT_INT_EQ(run((sel), (doc), &c_), 0);                                  \
        TT_STR_EQ(c_.buf, (want));                                             \
    } while (0)

/* Assert that compiling sel fails at column col with message msg. */
#define SYNTAX_ERROR(sel, col, msg)                                            \
    do {                                                                       \
        tr_jpath *p_ = NULL;                                                   \
        size_t col_ = 12345;                                                   \
        const char *msg_ = NULL;                                               \
        int rc_ = tr_jpath_compile((sel), &p_, &col_, &msg_);                  \
        tr_jpath_free(p_);                                                     \
        TT_INT_EQ(rc_, -1);                                                    \
        TT_ASSERT(p_ == NULL);                                                 \
        TT_INT_EQ(col_, (col));                                                \
        TT_STR_EQ(msg_, (msg));                                                \
    } while (0)

TT_TEST(identity)
{
    YIELDS(".", "{\"a\":1}", "{\"a\":1}");
    YIELDS(" . ", "[1,2]", "[1,2]");
    YIELDS(".", "3", "3");
}

TT_TEST(names)
{
    YIELDS("a", "{\"a\":1,\"b\":2}", "1");
    YIELDS("a.b.c", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "\"deep\"");
    YIELDS("title", POST_JSON, "\"Jane Doe added a new photo.\"");
    YIELDS("who_you've_followed", "{\"who_you've_followed\":[]}", "[]");
    YIELDS("a-b:c$", "{\"a-b:c$\":true}", "true");
    YIELDS("caf\xc3\xa9", "{\"caf\xc3\xa9\":1}", "1");
    YIELDS("a", "{\"a\":null}", "null"); /* present, even if null */
}

TT_TEST(quoted_names)
{
    YIELDS("profile_user[0].string_map_data.\"Date of birth\".value", PROFILE_JSON,
           "\"1990-06-15\"");
    YIELDS("profile_user[0].string_map_data.\"a.b\"", PROFILE_JSON, "1");
    YIELDS("profile_user[0].string_map_data.\"say \\\"hi\\\"\"", PROFILE_JSON, "2");
    YIELDS("profile_user[0].string_map_data.\"back\\\\slash\"", PROFILE_JSON, "3");
    YIELDS("\"a\"", "{\"a\":1}", "1");
    YIELDS("\"*\"", "{\"*\":1,\"x\":2}", "1");
    YIELDS("\"[0]\"", "{\"[0]\":1}", "1");
    YIELDS("\"x\"[1]", "{\"x\":[1,2]}", "2");
}

TT_TEST(alternatives)
{
    YIELDS("profile_user[*].string_map_data.\"Time|Zeit|Tijd\".timestamp", PROFILE_JSON, "5");
    /* the first alternative present wins, whatever the document order */
    YIELDS("\"b|a\"", "{\"a\":1,\"b\":2}", "2");
    YIELDS("\"c|a|b\"", "{\"a\":1,\"b\":2}", "1");
    YIELDS("\"x|y\"", "{\"a\":1}", "");
    /* an escaped quote inside an alternative */
    YIELDS("\"q\\\"|p\"", "{\"p\":1,\"q\\\"\":2}", "2");
}

TT_TEST(case_insensitive)
{
    YIELDS("profile_user[0].string_map_data.\"Private Account\".value", PROFILE_JSON,
           "\"True\"");
    YIELDS("TITLE", POST_JSON, "\"Jane Doe added a new photo.\"");
    /* exact match is preferred over an earlier case-insensitive one */
    YIELDS("Time", "{\"time\":1,\"TIME\":2,\"Time\":3}", "3");
    /* otherwise the first case-insensitive member in document order */
    YIELDS("Time", "{\"TIME\":2,\"time\":1}", "2");
    /* an exact match of a later alternative loses to a case-insensitive
       match of an earlier one */
    YIELDS("\"Time|Zeit\"", "{\"Zeit\":1,\"time\":2}", "2");
    /* only ASCII letters fold: É does not match é */
    YIELDS("caf\xc3\xa9", "{\"CAF\xc3\x89\":1}", "");
    YIELDS("cafe", "{\"CAFE\":1}", "1");
    /* not a prefix match */
    YIELDS("tim", "{\"time\":1}", "");
    YIELDS("times", "{\"time\":1}", "");
}

/* A name with non-ASCII characters also finds its mojibake spelling: a
 * JSON export writes each UTF-8 byte of a key as one \u00XX escape. */
TT_TEST(mojibake_names)
{
    /* "Compte priv\u00c3\u00a9" as a JSON export writes it */
    YIELDS("\"Compte priv\xc3\xa9\".value",
           "{\"Compte priv\\u00c3\\u00a9\":{\"value\":\"False\"}}", "\"False\"");
    /* and the proper UTF-8 spelling (an HTML export's labels) */
    YIELDS("\"Compte priv\xc3\xa9\"", "{\"Compte priv\xc3\xa9\":1}", "1");
    /* the proper spelling first, whatever the document order */
    YIELDS("caf\xc3\xa9", "{\"caf\\u00c3\\u00a9\":1,\"caf\xc3\xa9\":2}", "2");
    /* before the next alternative */
    YIELDS("\"caf\xc3\xa9|cafe\"", "{\"cafe\":1,\"caf\\u00c3\\u00a9\":2}", "2");
    /* ASCII case still folds around the non-ASCII bytes; they do not */
    YIELDS("\"Data de nascimento|Fecha de nacimiento\"", "{\"data de NASCIMENTO\":1}", "1");
    YIELDS("\"Cumplea\xc3\xb1os\"", "{\"CUMPLEA\\u00c3\\u00b1OS\":3}", "3");
    YIELDS("\"Cumplea\xc3\xb1os\"", "{\"Cumplea\\u00c3\\u0091os\":3}", "");
    /* Cyrillic ("Время"): every byte of each character is escaped */
    YIELDS("\"\xd0\x92\xd1\x80\xd0\xb5\xd0\xbc\xd1\x8f\".timestamp",
           "{\"\\u00d0\\u0092\\u00d1\\u0080\\u00d0\\u00b5\\u00d0\\u00bc\\u00d1\\u008f\":"
           "{\"timestamp\":7}}", "7");
    /* an ASCII name has no other spelling */
    YIELDS("Zeit", "{\"Zeit\\u00c2\\u00a0\":1}", "");
    /* a mojibake spelling in the selector is taken as written, not repaired */
    YIELDS("\"caf\xc3\x83\xc2\xa9\"", "{\"caf\xc3\xa9\":1}", "");
}

TT_TEST(star)
{
    YIELDS("*", "{\"a\":1,\"b\":[2],\"c\":{\"d\":3}}", "1 [2] {\"d\":3}");
    YIELDS("*.d", "{\"a\":1,\"b\":[2],\"c\":{\"d\":3}}", "3");
    YIELDS("*", "[1,2]", ""); /* '*' is for objects only */
    YIELDS("*", "{}", "");
    YIELDS("string_map_data.*.timestamp",
           "{\"string_map_data\":{\"Comment\":{\"value\":\"x\",\"timestamp\":0},"
           "\"Time\":{\"value\":\"\",\"timestamp\":1713572580}}}",
           "0 1713572580");
}

TT_TEST(array_all_and_index)
{
    YIELDS("[*]", "[1,\"two\",{\"three\":3}]", "1 \"two\" {\"three\":3}");
    YIELDS("[0]", "[1,2,3]", "1");
    YIELDS("[2]", "[1,2,3]", "3");
    YIELDS("[3]", "[1,2,3]", "");
    YIELDS("[007]", "[0,1,2,3,4,5,6,7]", "7");
    YIELDS("[*]", "{\"a\":1}", ""); /* '[*]' is for arrays only */
    YIELDS("[0]", "{\"0\":1}", "");
    YIELDS("[*][*]", "[[1,2],[3],[]]", "1 2 3");
    YIELDS("[1][0]", "[[1,2],[3]]", "3");
    YIELDS("messages[*].content",
           "{\"messages\":[{\"content\":\"hi\"},{\"photos\":[]},{\"content\":\"yo\"}]}",
           "\"hi\" \"yo\"");
    YIELDS("data[1].update_timestamp", POST_JSON, "1704067300");
}

TT_TEST(media_uris_nested)
{
    YIELDS("attachments[*].data[*].media.uri", POST_JSON,
           "\"posts/media/a.jpg\" \"posts/media/b.mp4\"");
    YIELDS("**.uri", POST_JSON,
           "\"posts/media/a.jpg\" \"posts/media/b.mp4\" \"posts/media/b_thumb.jpg\"");
    YIELDS("[*].**.uri", "[" "{\"uri\":\"x\",\"a\":[{\"uri\":\"y\"}]}" ",{\"uri\":\"z\"}]",
           "\"x\" \"y\" \"z\"");
}

TT_TEST(double_star)
{
    /* the value itself, then descendants depth-first in pre-order */
    YIELDS("**", "{\"a\":{\"b\":1},\"c\":[2,{\"d\":3}]}",
           "{\"a\":{\"b\":1},\"c\":[2,{\"d\":3}]} {\"b\":1} 1 [2,{\"d\":3}] 2 {\"d\":3} 3");
    YIELDS("**", "7", "7");
    YIELDS("**.d", "{\"d\":{\"d\":1}}", "{\"d\":1} 1");
    YIELDS("a.**", "{\"a\":[1]}", "[1] 1");
    YIELDS("**[0]", "[[1],2]", "[1] 1");
    YIELDS("**.uri", "{\"a\":[{\"b\":{\"c\":{\"uri\":\"deep\"}}}]}", "\"deep\"");
}

TT_TEST(label_values)
{
    YIELDS("label_values[*].timestamp_value", LABEL_JSON, "1700000001 1700000002");
    YIELDS("label_values[*].value", LABEL_JSON, "\"Happy birthday!\" \"https://x\"");
    YIELDS("label_values[1].label", LABEL_JSON, "\"Time\"");
}

TT_TEST(finds_nothing)
{
    YIELDS("nope", POST_JSON, "");
    YIELDS("title.x", POST_JSON, "");       /* a string has no members */
    YIELDS("timestamp[0]", POST_JSON, "");  /* a number is no array */
    YIELDS("data[9].post", POST_JSON, "");
    YIELDS("**.nothing_here", POST_JSON, "");
    YIELDS("a", "[]", "");
    YIELDS("a", "null", "");

    tr_jpath *p = NULL;
    fixture f;
    tr_jv *root = load(&f, POST_JSON);
    TT_ASSERT(root != NULL);
    TT_INT_EQ(tr_jpath_compile("nope", &p, NULL, NULL), 0);
    TT_ASSERT(tr_jpath_first(p, root) == NULL);
    TT_INT_EQ(tr_jpath_each(p, NULL, collect_fn, NULL), 0);
    tr_jpath_free(p);
    unload(&f);
}

TT_TEST(first_and_source)
{
    tr_jpath *p = NULL;
    fixture f;
    tr_jv *root = load(&f, POST_JSON), *v;
    const char *src = "  **.uri ";

    TT_ASSERT(root != NULL);
    TT_INT_EQ(tr_jpath_compile(src, &p, NULL, NULL), 0);
    TT_STR_EQ(tr_jpath_source(p), src);
    TT_ASSERT(tr_jpath_source(p) != src); /* owned copy */
    v = tr_jpath_first(p, root);
    TT_ASSERT(tr_jv_is_string(v));
    TT_STR_EQ(tr_jv_str(v), "posts/media/a.jpg");
    tr_jpath_free(p);
    unload(&f);

    TT_ASSERT(tr_jpath_source(NULL) == NULL);
    TT_ASSERT(tr_jpath_first(NULL, NULL) == NULL);
    tr_jpath_free(NULL);
}

TT_TEST(early_stop)
{
    collect c = {{0}, 0, 2};

    TT_INT_EQ(run("**.uri", POST_JSON, &c), 42);
    TT_INT_EQ(c.count, 2);
    TT_STR_EQ(c.buf, "\"posts/media/a.jpg\" \"posts/media/b.mp4\"");

    c.stop_after = 1;
    TT_INT_EQ(run("[*]", "[1,2,3]", &c), 42);
    TT_STR_EQ(c.buf, "1");

    c.stop_after = 3;
    TT_INT_EQ(run("*", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", &c), 42);
    TT_STR_EQ(c.buf, "1 2 3");

    c.stop_after = 1;
    TT_INT_EQ(run(".", "5", &c), 42);
}

TT_TEST(deep_json)
{
    /* deep nesting (the parser here has no depth limit): "**" walks it
     * without trouble */
    enum { DEPTH = 2000 };
    char *doc = malloc(DEPTH * 7 + 16);
    size_t n = 0;
    collect c = {{0}, 0, 0};

    TT_ASSERT(doc != NULL);
    for (int i = 0; i < DEPTH; i++) {
        memcpy(doc + n, "{\"a\":", 5);
        n += 5;
    }
    memcpy(doc + n, "{\"uri\":1}", 9);
    n += 9;
    memset(doc + n, '}', DEPTH);
    n += DEPTH;
    doc[n] = '\0';
    int rc = run("**.uri", doc, &c);
    free(doc);
    TT_INT_EQ(rc, 0);
    TT_STR_EQ(c.buf, "1");
}

TT_TEST(whitespace_trimmed)
{
    YIELDS("\t a.b \n", "{\"a\":{\"b\":1}}", "1");
    YIELDS("  \"x y\"  ", "{\"x y\":1}", "1");
}

TT_TEST(syntax_errors)
{
    SYNTAX_ERROR("", 0, "empty selector");
    SYNTAX_ERROR("   ", 0, "empty selector");
    SYNTAX_ERROR("a..b", 2, "empty step");
    SYNTAX_ERROR("a.", 2, "empty step");
    SYNTAX_ERROR("a. ", 2, "empty step");
    SYNTAX_ERROR(".a", 0, "empty step");
    SYNTAX_ERROR("..", 0, "empty step");
    SYNTAX_ERROR("a.[0]", 2, "empty step");
    SYNTAX_ERROR("\"abc", 0, "unterminated quoted name");
    SYNTAX_ERROR("a.\"b|c", 2, "unterminated quoted name");
    SYNTAX_ERROR("\"abc\\\"", 0, "unterminated quoted name");  /* "abc\" */
    SYNTAX_ERROR("\"abc\\", 0, "unterminated quoted name");    /* "abc\ */
    SYNTAX_ERROR("\"a\\nb\"", 2, "invalid escape in quoted name (only \\\" and \\\\)");
    SYNTAX_ERROR("\"\"", 1, "empty name in quotes");
    SYNTAX_ERROR("\"a||b\"", 3, "empty name in quotes");
    SYNTAX_ERROR("\"a|\"", 3, "empty name in quotes");
    SYNTAX_ERROR("\"|a\"", 1, "empty name in quotes");
    SYNTAX_ERROR("a[0", 3, "expected ']'");
    SYNTAX_ERROR("a[*", 3, "expected ']'");
    SYNTAX_ERROR("a[*x]", 3, "expected ']'");
    SYNTAX_ERROR("a[12 ]", 4, "expected ']'");
    SYNTAX_ERROR("a[]", 2, "expected '*' or an index after '['");
    SYNTAX_ERROR("a[-1]", 2, "expected '*' or an index after '['");
    SYNTAX_ERROR("[", 1, "expected '*' or an index after '['");
    SYNTAX_ERROR("a[99999999999999999999999]", 2, "index too large");
    SYNTAX_ERROR("a b", 1, "unexpected character");
    SYNTAX_ERROR("  a b", 3, "unexpected character"); /* column in the source */
    SYNTAX_ERROR("a[0]b", 4, "unexpected character");
    SYNTAX_ERROR("\"a\"b", 3, "unexpected character");
    SYNTAX_ERROR("a|b", 1, "unexpected character");
    SYNTAX_ERROR("***", 2, "unexpected character");
    SYNTAX_ERROR("**uri", 2, "unexpected character");
    SYNTAX_ERROR("*a", 1, "unexpected character");
    SYNTAX_ERROR("a*", 1, "unexpected character");
    SYNTAX_ERROR("]", 0, "unexpected character");
    SYNTAX_ERROR("a]", 1, "unexpected character");
    SYNTAX_ERROR("a.b\\c", 3, "unexpected character");
    SYNTAX_ERROR("a.|", 2, "unexpected character");
}

TT_TEST(too_many_steps)
{
    char sel[256];
    size_t n = 0;
    tr_jpath *p = NULL;

    /* 64 steps compile; the 65th is rejected at its column */
    for (int i = 0; i < 64; i++) {
        if (i)
            sel[n++] = '.';
        sel[n++] = 'a';
    }
    sel[n] = '\0';
    TT_INT_EQ(tr_jpath_compile(sel, &p, NULL, NULL), 0);
    tr_jpath_free(p);
    p = NULL;
    memcpy(sel + n, "[0]", 4);
    SYNTAX_ERROR(sel, n, "too many steps");
}

TT_TEST(bad_arguments)
{
    tr_jpath *p = (tr_jpath *)&p;
    size_t col = 7;
    const char *msg = NULL;

    TT_INT_EQ(tr_jpath_compile(NULL, &p, &col, &msg), -1);
    TT_ASSERT(p == NULL);
    TT_ASSERT(msg != NULL);
    TT_INT_EQ(tr_jpath_compile("a", NULL, &col, &msg), -1);
    /* errors without err_col / err_msg */
    TT_INT_EQ(tr_jpath_compile("a..", &p, NULL, NULL), -1);
}

int main(void)
{
    TT_RUN(identity);
    TT_RUN(names);
    TT_RUN(quoted_names);
    TT_RUN(alternatives);
    TT_RUN(case_insensitive);
    TT_RUN(mojibake_names);
    TT_RUN(star);
    TT_RUN(array_all_and_index);
    TT_RUN(media_uris_nested);
    TT_RUN(double_star);
    TT_RUN(label_values);
    TT_RUN(finds_nothing);
    TT_RUN(first_and_source);
    TT_RUN(early_stop);
    TT_RUN(deep_json);
    TT_RUN(whitespace_trimmed);
    TT_RUN(syntax_errors);
    TT_RUN(too_many_steps);
    TT_RUN(bad_arguments);
    return tt_done();
}
