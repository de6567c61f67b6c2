/* test_jdoc.c - unit tests for src/parse/jdoc.c, the in-place JSON reader.
 *
 * jdoc.h promises to accept exactly what jansson accepts with
 * JSON_DECODE_ANY | JSON_ALLOW_NUL and to build the same values. So besides
 * the precise assertions on every value type, escape, number form, limit
 * and error position, every input of every table is also checked against
 * jansson itself (a table entry jansson disagrees with is a bug in the test
 * and is reported as such), and a differential test runs a few thousand
 * handwritten, generated and mutated documents through both parsers.
 *
 * Every input is copied into a malloc'd buffer of exactly its length (no
 * NUL after it), so AddressSanitizer sees any read past the end. The
 * buffers and the document of a test are released by the fixture after the
 * test, even when an assertion returned early.
 */
#include "tt.h"
#include "jdoc.h"
#include "../jdoc_oracle.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>


/* ---- fixture --------------------------------------------------------------- */

static tr_jdoc *fx_doc;
static char **fx_bufs;
static size_t fx_nbufs, fx_capbufs;

static tr_jerror last_err;
static size_t last_used;
static char *last_buf;

static tr_jdoc *doc(void)
{
    if (!fx_doc) fx_doc = tr_jdoc_new();
    if (!fx_doc) abort();
    return fx_doc;
}

/* A malloc'd copy of exactly n bytes, freed after the test. */
static char *keep(const char *s, size_t n)
{
    char *b = malloc(n ? n : 1);
    if (!b) abort();
    if (n) memcpy(b, s, n);
    if (fx_nbufs == fx_capbufs) {
        fx_capbufs = fx_capbufs ? 2 * fx_capbufs : 64;
        fx_bufs = realloc(fx_bufs, fx_capbufs * sizeof *fx_bufs);
        if (!fx_bufs) abort();
    }
    fx_bufs[fx_nbufs++] = b;
    return b;
}

static void fx_reset(void)
{
    for (size_t i = 0; i < fx_nbufs; i++) free(fx_bufs[i]);
    free(fx_bufs);
    fx_bufs = NULL;
    fx_nbufs = fx_capbufs = 0;
    tr_jdoc_free(fx_doc);
    fx_doc = NULL;
}

/* Parses a copy of s[0..n) into the fixture's document. */
static tr_jv *parsen(const char *s, size_t n, unsigned flags, tr_jlimits *lim)
{
    last_buf = keep(s, n);
    memset(&last_err, 0x5a, sizeof last_err);
    last_used = (size_t)-1;
    return tr_jdoc_parse(doc(), last_buf, n, flags, lim, &last_used, &last_err);
}

static tr_jv *ps(const char *s) { return parsen(s, strlen(s), 0, NULL); }

/* A literal that may hold NUL bytes. */
#define PL(lit) parsen((lit), sizeof(lit) - 1, 0, NULL)

typedef struct lit {
    const char *s;
    size_t n;
} lit;
#define L(x) {(x), sizeof(x) - 1}
#define NLIT(a) (sizeof(a) / sizeof((a)[0]))

/* Printable form of bytes, for messages (rotating static buffers). */
static const char *show(const char *s, size_t n)
{
    static char out[4][700];
    static int k;
    char *o = out[k = (k + 1) % 4];
    size_t j = 0, i;
    for (i = 0; i < n && j < sizeof out[0] - 12; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            o[j++] = '\\';
            o[j++] = '\\';
        } else if (c >= 0x20 && c < 0x7f) {
            o[j++] = (char)c;
        } else {
            j += (size_t)snprintf(o + j, 8, "\\x%02x", c);
        }
    }
    if (i < n) {
        memcpy(o + j, "...", 3);
        j += 3;
    }
    o[j] = '\0';
    return o;
}

static const char *kind_name(int k)
{
    switch (k) {
    case TR_JERR_NONE: return "NONE";
    case TR_JERR_SYNTAX: return "SYNTAX";
    case TR_JERR_DEPTH: return "DEPTH";
    case TR_JERR_STRING: return "STRING";
    case TR_JERR_VALUES: return "VALUES";
    case TR_JERR_NOMEM: return "NOMEM";
    }
    return "?";
}

static int jansson_accepts(const char *s, size_t n)
{
    json_error_t je;
    json_t *j = json_loadb(s, n, FLAGS_JANSSON, &je);
    json_decref(j);
    return j != NULL;
}


/* ---- tr_jv vs json_t ------------------------------------------------------- */


/* ---- precise expectations -------------------------------------------------- */

/* Each returns 0 when the expectation holds, else prints why and returns 1.
 * They also check that jansson agrees with the expectation (else the test
 * itself is wrong). */

static int expect_reject_(const char *s, size_t n, tr_jerr_kind kind, unsigned flags, tr_jlimits *lim,
                          const char *file, int line)
{
    tr_jv *v;
    if (kind == TR_JERR_SYNTAX && !flags && !lim && jansson_accepts(s, n)) {
        fprintf(stderr, "%s:%d: TEST BUG: jansson accepts %s\n", file, line, show(s, n));
        return 1;
    }
    v = parsen(s, n, flags, lim);
    if (v) {
        fprintf(stderr, "%s:%d: accepted \"%s\" (type %d), want error %s\n", file, line, show(s, n), v->type,
                kind_name(kind));
        return 1;
    }
    if (last_err.kind != kind) {
        fprintf(stderr, "%s:%d: \"%s\": error %s (%s), want %s\n", file, line, show(s, n), kind_name(last_err.kind),
                last_err.text, kind_name(kind));
        return 1;
    }
    if (last_err.offset > n || last_err.line < 1 || last_err.column < 1 || !memchr(last_err.text, 0, 96) ||
        !last_err.text[0]) {
        fprintf(stderr, "%s:%d: \"%s\": bad error report offset %zu line %lu column %lu\n", file, line, show(s, n),
                last_err.offset, last_err.line, last_err.column);
        return 1;
    }
    return 0;
}
#define expect_reject(s, n, kind, flags, lim) expect_reject_((s), (n), (kind), (flags), (lim), __FILE__, __LINE__)

static tr_jv *expect_accept_(const char *s, size_t n, const char *file, int line)
{
    tr_jv *v;
    if (!jansson_accepts(s, n)) {
        fprintf(stderr, "%s:%d: TEST BUG: jansson rejects %s\n", file, line, show(s, n));
        return NULL;
    }
    v = parsen(s, n, 0, NULL);
    if (!v)
        fprintf(stderr, "%s:%d: rejected \"%s\": %s %s at %zu\n", file, line, show(s, n), kind_name(last_err.kind),
                last_err.text, last_err.offset);
    return v;
}

static int expect_int_(const char *s, size_t n, int64_t want, const char *file, int line)
{
    tr_jv *v = expect_accept_(s, n, file, line);
    if (!v) return 1;
    if (v->type != TR_JINT || v->u.i != want) {
        fprintf(stderr, "%s:%d: \"%s\": type %d value %lld, want int %lld\n", file, line, show(s, n), v->type,
                v->type == TR_JINT ? (long long)v->u.i : 0LL, (long long)want);
        return 1;
    }
    return 0;
}
#define expect_int(lit, want) expect_int_((lit), sizeof(lit) - 1, (want), __FILE__, __LINE__)

static int expect_real_(const char *s, size_t n, double want, const char *file, int line)
{
    tr_jv *v = expect_accept_(s, n, file, line);
    if (!v) return 1;
    if (v->type != TR_JREAL || !same_bits(v->u.d, want)) {
        fprintf(stderr, "%s:%d: \"%s\": type %d value %.17g, want real %.17g\n", file, line, show(s, n), v->type,
                v->type == TR_JREAL ? v->u.d : 0.0, want);
        return 1;
    }
    return 0;
}
#define expect_real(lit, want) expect_real_((lit), sizeof(lit) - 1, (want), __FILE__, __LINE__)

/* A real whose expected value is strtod's (glibc rounds correctly). */
static int expect_strtod_(const char *s, const char *file, int line)
{
    return expect_real_(s, strlen(s), strtod(s, NULL), file, line);
}
#define expect_strtod(s) expect_strtod_((s), __FILE__, __LINE__)

static int str_is(const tr_jv *v, const char *bytes, size_t n)
{
    return v && v->type == TR_JSTRING && v->n == n && tr_jv_len(v) == n && tr_jv_str(v) == v->u.s &&
           memcmp(v->u.s, bytes, n) == 0 && v->u.s[n] == '\0';
}

/* The JSON text s must parse to a string of exactly the bytes want[0..wn),
 * decoded inside the parsed buffer. */
static int expect_str_(const char *s, size_t n, const char *want, size_t wn, const char *file, int line)
{
    tr_jv *v = expect_accept_(s, n, file, line);
    if (!v) return 1;
    if (!str_is(v, want, wn)) {
        fprintf(stderr, "%s:%d: \"%s\": got type %d \"%s\" (%u bytes), want \"%s\" (%zu bytes)\n", file, line,
                show(s, n), v->type, v->type == TR_JSTRING ? show(v->u.s, v->n) : "", v->n, show(want, wn), wn);
        return 1;
    }
    if (v->u.s < last_buf || v->u.s + v->n >= last_buf + n) {
        fprintf(stderr, "%s:%d: \"%s\": string not decoded in place\n", file, line, show(s, n));
        return 1;
    }
    return 0;
}
#define expect_str(lit, want) expect_str_((lit), sizeof(lit) - 1, (want), sizeof(want) - 1, __FILE__, __LINE__)

/* ---- value types and access ------------------------------------------------ */

TT_TEST(types_and_access)
{
    tr_jv *root = ps("{\"n\":null,\"f\":false,\"t\":true,\"i\":-42,\"r\":2.5,\"s\":\"hi\","
                     "\"a\":[1,[2,[]],{}],\"o\":{\"x\":{\"y\":\"z\"}},\"Key\":7,"
                     "\"\\u00c4\":8,\"q\\\"k\":9,\"\":10}");
    tr_jv *v, *a, *o;

    TT_ASSERT(root != NULL);
    TT_ASSERT(tr_jv_is_object(root));
    TT_INT_EQ(root->type, TR_JOBJECT);
    TT_INT_EQ(tr_jv_size(root), 12);
    TT_ASSERT(str_is(tr_jv_key(root, 0), "n", 1));
    TT_INT_EQ(tr_jv_val(root, 0)->type, TR_JNULL);
    TT_ASSERT(root->u.kids[0].type == TR_JSTRING && root->u.kids[1].type == TR_JNULL); /* key, value, ... */
    TT_ASSERT(str_is(tr_jv_key(root, 11), "", 0));
    TT_INT_EQ(tr_jv_int(tr_jv_val(root, 11)), 10);
    TT_ASSERT(tr_jv_key(root, 12) == NULL);
    TT_ASSERT(tr_jv_val(root, 12) == NULL);

    v = tr_jv_get(root, "f");
    TT_ASSERT(v && v->type == TR_JFALSE && tr_jv_is_bool(v) && !tr_jv_is_true(v));
    v = tr_jv_get(root, "t");
    TT_ASSERT(v && v->type == TR_JTRUE && tr_jv_is_bool(v) && tr_jv_is_true(v));
    v = tr_jv_get(root, "n");
    TT_ASSERT(tr_jv_is(v, TR_JNULL) && !tr_jv_is_bool(v) && !tr_jv_is_number(v));

    v = tr_jv_get(root, "i");
    TT_ASSERT(tr_jv_is_int(v) && tr_jv_is_number(v) && !tr_jv_is_real(v));
    TT_INT_EQ(tr_jv_int(v), -42);
    TT_ASSERT(tr_jv_number(v) == -42.0);
    v = tr_jv_get(root, "r");
    TT_ASSERT(tr_jv_is_real(v) && tr_jv_is_number(v));
    TT_ASSERT(tr_jv_number(v) == 2.5);
    TT_INT_EQ(tr_jv_int(v), 0); /* not an integer */
    v = tr_jv_get(root, "s");
    TT_ASSERT(str_is(v, "hi", 2));
    TT_STR_EQ(tr_jv_str(v), "hi");
    TT_INT_EQ(tr_jv_len(v), 2);
    TT_ASSERT(tr_jv_number(v) == 0.0);
    TT_INT_EQ(tr_jv_int(v), 0);
    TT_INT_EQ(tr_jv_size(v), 0);

    a = tr_jv_get(root, "a");
    TT_ASSERT(tr_jv_is_array(a));
    TT_INT_EQ(tr_jv_size(a), 3);
    TT_INT_EQ(tr_jv_int(tr_jv_at(a, 0)), 1);
    TT_ASSERT(tr_jv_at(a, 0) == &a->u.kids[0]);
    TT_INT_EQ(tr_jv_size(tr_jv_at(a, 1)), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_at(tr_jv_at(a, 1), 0)), 2);
    TT_ASSERT(tr_jv_is_array(tr_jv_at(tr_jv_at(a, 1), 1)));
    TT_INT_EQ(tr_jv_size(tr_jv_at(tr_jv_at(a, 1), 1)), 0);
    TT_ASSERT(tr_jv_at(tr_jv_at(tr_jv_at(a, 1), 1), 0) == NULL);
    TT_ASSERT(tr_jv_is_object(tr_jv_at(a, 2)));
    TT_INT_EQ(tr_jv_size(tr_jv_at(a, 2)), 0);
    TT_ASSERT(tr_jv_get(tr_jv_at(a, 2), "") == NULL);
    TT_ASSERT(tr_jv_at(a, 3) == NULL);
    TT_ASSERT(tr_jv_at(a, (size_t)-1) == NULL);
    TT_ASSERT(tr_jv_get(a, "a") == NULL);     /* not an object */
    TT_ASSERT(tr_jv_key(a, 0) == NULL);       /* not an object */
    TT_ASSERT(tr_jv_val(a, 0) == NULL);
    TT_ASSERT(tr_jv_at(root, 0) == NULL);     /* not an array */
    TT_ASSERT(tr_jv_str(a) == NULL);
    TT_INT_EQ(tr_jv_len(a), 0);

    o = tr_jv_get(root, "o");
    TT_STR_EQ(tr_jv_str(tr_jv_get(tr_jv_get(o, "x"), "y")), "z");

    TT_ASSERT(tr_jv_get(root, "missing") == NULL);
    TT_ASSERT(tr_jv_get(root, "key") == NULL); /* exact bytes */
    TT_ASSERT(tr_jv_get(root, "Ke") == NULL);  /* no prefix match */
    TT_ASSERT(tr_jv_get(root, "Keys") == NULL);
    TT_INT_EQ(tr_jv_int(tr_jv_get(root, "Key")), 7);
    TT_INT_EQ(tr_jv_int(tr_jv_get_nocase(root, "key")), 7);
    TT_INT_EQ(tr_jv_int(tr_jv_get_nocase(root, "KEY")), 7);
    TT_INT_EQ(tr_jv_int(tr_jv_get_nocase(root, "I")), -42);
    TT_ASSERT(tr_jv_get_nocase(root, "ke") == NULL);
    TT_INT_EQ(tr_jv_int(tr_jv_get(root, "\xc3\x84")), 8);         /* U+00C4 from \u00c4 */
    TT_INT_EQ(tr_jv_int(tr_jv_get_nocase(root, "\xc3\x84")), 8);
    TT_ASSERT(tr_jv_get_nocase(root, "\xc3\xa4") == NULL);         /* only ASCII case is ignored */
    TT_INT_EQ(tr_jv_int(tr_jv_get(root, "q\"k")), 9);
    TT_INT_EQ(tr_jv_int(tr_jv_get(root, "")), 10);
    TT_INT_EQ(tr_jv_int(tr_jv_get_nocase(root, "")), 10);

    /* NULL and wrong types answer "no" */
    TT_ASSERT(tr_jv_get(NULL, "a") == NULL);
    TT_ASSERT(tr_jv_get_nocase(NULL, "a") == NULL);
    TT_ASSERT(tr_jv_get(v, "a") == NULL);
    TT_INT_EQ(tr_jv_size(NULL), 0);
    TT_ASSERT(tr_jv_at(NULL, 0) == NULL);
    TT_ASSERT(tr_jv_key(NULL, 0) == NULL);
    TT_ASSERT(tr_jv_val(NULL, 0) == NULL);
    TT_ASSERT(tr_jv_str(NULL) == NULL);
    TT_INT_EQ(tr_jv_len(NULL), 0);
    TT_INT_EQ(tr_jv_int(NULL), 0);
    TT_ASSERT(tr_jv_number(NULL) == 0.0);
    TT_ASSERT(!tr_jv_is(NULL, TR_JNULL));
    TT_ASSERT(!tr_jv_is_bool(NULL) && !tr_jv_is_number(NULL) && !tr_jv_is_object(NULL));
}

TT_TEST(find_exact_first)
{
    /* the exact key wins even after a case-blind one; else the first
     * case-blind one; only ASCII letters fold */
    tr_jv *root = ps("{\"Name\": 1, \"name\": 2, \"NAME\": 3, \"\u00e9\": 4, \"a@\": 5}");
    TT_ASSERT(root != NULL);
    TT_INT_EQ(tr_jv_int(tr_jv_find(root, "name", 4)), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_find(root, "NAME", 4)), 3);
    TT_INT_EQ(tr_jv_int(tr_jv_find(root, "nAmE", 4)), 1);
    TT_ASSERT(tr_jv_find(root, "nam", 3) == NULL);
    TT_ASSERT(tr_jv_find(root, "\xc3\x89", 2) == NULL); /* É is not é */
    TT_INT_EQ(tr_jv_int(tr_jv_find(root, "\xc3\xa9", 2)), 4);
    TT_ASSERT(tr_jv_find(root, "a`", 2) == NULL); /* '@' | 0x20 is '`', not a letter */
    TT_ASSERT(tr_jv_find(tr_jv_val(root, 0), "name", 4) == NULL);
    TT_ASSERT(tr_jv_find(NULL, "name", 4) == NULL);
}

TT_TEST(top_level_values)
{
    tr_jv *v;
    int bad = 0;

    v = ps("null");
    TT_ASSERT(v && v->type == TR_JNULL);
    v = ps(" true ");
    TT_ASSERT(v && v->type == TR_JTRUE);
    v = ps("\t\r\nfalse\n\r\t ");
    TT_ASSERT(v && v->type == TR_JFALSE);
    v = ps("\"\"");
    TT_ASSERT(str_is(v, "", 0));
    v = ps("[]");
    TT_ASSERT(tr_jv_is_array(v) && v->n == 0);
    v = ps(" [ \n ] ");
    TT_ASSERT(tr_jv_is_array(v) && v->n == 0);
    v = ps("{}");
    TT_ASSERT(tr_jv_is_object(v) && v->n == 0);
    v = ps("{ \t}");
    TT_ASSERT(tr_jv_is_object(v) && v->n == 0);
    v = ps("[null,true,false,0,\"\",[],{}]");
    TT_ASSERT(v && v->n == 7);
    TT_INT_EQ(v->u.kids[0].type, TR_JNULL);
    TT_INT_EQ(v->u.kids[1].type, TR_JTRUE);
    TT_INT_EQ(v->u.kids[2].type, TR_JFALSE);
    TT_INT_EQ(v->u.kids[3].type, TR_JINT);
    TT_INT_EQ(v->u.kids[4].type, TR_JSTRING);
    TT_INT_EQ(v->u.kids[5].type, TR_JARRAY);
    TT_INT_EQ(v->u.kids[6].type, TR_JOBJECT);
    bad += expect_int("7", 7);
    bad += expect_int(" \n-3\t", -3);
    TT_INT_EQ(bad, 0);
}

TT_TEST(nested_structures)
{
    tr_jv *v = ps("{\"a\":[{\"b\":[[1,2],[3]],\"c\":{\"d\":[{\"e\":null}]}},[]],\"f\":{}}");
    tr_jv *a0, *b;
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 2);
    a0 = tr_jv_at(tr_jv_get(v, "a"), 0);
    TT_INT_EQ(tr_jv_size(tr_jv_get(v, "a")), 2);
    b = tr_jv_get(a0, "b");
    TT_INT_EQ(tr_jv_size(b), 2);
    TT_INT_EQ(tr_jv_size(tr_jv_at(b, 0)), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_at(tr_jv_at(b, 0), 1)), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_at(tr_jv_at(b, 1), 0)), 3);
    TT_ASSERT(tr_jv_is(tr_jv_get(tr_jv_at(tr_jv_get(tr_jv_get(a0, "c"), "d"), 0), "e"), TR_JNULL));
    TT_INT_EQ(tr_jv_size(tr_jv_at(tr_jv_get(v, "a"), 1)), 0);
    TT_ASSERT(tr_jv_is_object(tr_jv_get(v, "f")));
    TT_ASSERT(str_is(tr_jv_key(v, 1), "f", 1));
}

/* ---- strings --------------------------------------------------------------- */

TT_TEST(string_escapes)
{
    int bad = 0;
    tr_jv *v;

    bad += expect_str("\"abc\"", "abc");
    bad += expect_str("\"\\\"\"", "\"");
    bad += expect_str("\"\\\\\"", "\\");
    bad += expect_str("\"\\/\"", "/");
    bad += expect_str("\"/\"", "/");
    bad += expect_str("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t");
    bad += expect_str("\"x\\\"y\\\\z\\/w\\bv\\fu\\nt\\rs\\tr\"", "x\"y\\z/w\bv\fu\nt\rs\tr");
    bad += expect_str("\"\\u0041\\u0062\"", "Ab");
    bad += expect_str("\"\\u007f\"", "\x7f");
    bad += expect_str("\"\\u0080\"", "\xc2\x80");
    bad += expect_str("\"\\u00e9\\u00E9\"", "\xc3\xa9\xc3\xa9");
    bad += expect_str("\"\\u07ff\"", "\xdf\xbf");
    bad += expect_str("\"\\u0800\"", "\xe0\xa0\x80");
    bad += expect_str("\"\\u20ac\\u20AC\"", "\xe2\x82\xac\xe2\x82\xac");
    bad += expect_str("\"\\ud7ff\"", "\xed\x9f\xbf");
    bad += expect_str("\"\\ue000\"", "\xee\x80\x80");
    bad += expect_str("\"\\ufeff\"", "\xef\xbb\xbf");
    bad += expect_str("\"\\uffff\"", "\xef\xbf\xbf");
    /* surrogate pairs */
    bad += expect_str("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");
    bad += expect_str("\"\\uD83D\\uDE00\"", "\xf0\x9f\x98\x80");
    bad += expect_str("\"\\ud800\\udc00\"", "\xf0\x90\x80\x80");
    bad += expect_str("\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf");
    bad += expect_str("\"a\\ud83d\\ude00b\\ud83d\\ude01\"", "a\xf0\x9f\x98\x80" "b\xf0\x9f\x98\x81");
    /* \u0000 is kept and counted */
    bad += expect_str("\"a\\u0000b\"", "a\0b");
    bad += expect_str("\"\\u0000\"", "\0");
    bad += expect_str("\"\\u0000\\u0000\"", "\0\0");
    /* Meta's mojibake escapes are just code points */
    bad += expect_str("\"\\u00c3\\u00a9\"", "\xc3\x83\xc2\xa9");
    /* escapes mixed with raw UTF-8 and ASCII past the 8-byte fast path */
    bad += expect_str("\"0123456789abcdef\\n\xc3\xa9 0123456789abcdef\\u0041\"",
                      "0123456789abcdef\n\xc3\xa9 0123456789abcdefA");
    bad += expect_str("\"\x7f\"", "\x7f"); /* DEL is not a control character for JSON */
    TT_INT_EQ(bad, 0);

    /* decoded in place: an unescaped string is the buffer itself, the closing
     * quote becomes the NUL */
    v = ps("\"abc\"");
    TT_ASSERT(v && v->u.s == last_buf + 1 && last_buf[4] == '\0');
    v = ps("[\"a\\nb\", \"xyz\"]");
    TT_ASSERT(v && v->n == 2);
    TT_ASSERT(v->u.kids[0].u.s == last_buf + 2);
    TT_ASSERT(str_is(&v->u.kids[0], "a\nb", 3));
    TT_ASSERT(v->u.kids[1].u.s == last_buf + 10 && last_buf[13] == '\0');
    v = ps("{\"k\\tey\":\"v\"}");
    TT_ASSERT(v && str_is(tr_jv_key(v, 0), "k\tey", 4) && tr_jv_key(v, 0)->u.s == last_buf + 2);
}

TT_TEST(string_rejects)
{
    static const lit rejects[] = {
        /* surrogate escapes */
        L("\"\\ud83d\""), L("\"\\ude00\""), L("\"\\udc00\\ud800\""), L("\"\\ud83d\\ud83d\""),
        L("\"\\ud83dx\""), L("\"\\ud83d\\n\""), L("\"\\ud83d\\u0041\""), L("\"\\ud83d\\u\""),
        L("\"\\ud83d\\ude0\""), L("\"\\ud83d\\uzzzz\""), L("\"\\udbff\\ue000\""), L("\"\\ud800"),
        L("\"\\ud800\\"), L("\"\\ud800\\udc0"), L("\"\\uDFFF\""), L("[\"\\ud83d\"]"), L("{\"\\ud83d\":1}"),
        /* bad escapes */
        L("\"\\u\""), L("\"\\u1\""), L("\"\\u12\""), L("\"\\u123\""), L("\"\\u12G4\""), L("\"\\u-123\""),
        L("\"\\u 123\""), L("\"\\U0041\""), L("\"\\x41\""), L("\"\\a\""), L("\"\\'\""), L("\"\\0\""),
        L("\"\\v\""), L("\"\\e\""), L("\"\\N\""), L("\"\\\xc3\xa9\""), L("\"\\\""), L("\"\\"), L("\"abc\\"),
        /* raw control characters */
        L("\"\x01\""), L("\"\x1f\""), L("\"a\nb\""), L("\"\t\""), L("\"\r\""), L("\"a\0b\""), L("\"\0\""),
        L("\"0123456789\x10" "0123456789\""), L("{\"a\x01\":1}"),
        /* unterminated */
        L("\""), L("\"abc"), L("\"abcdefghijklmnopqrstuvwxyz"), L("[\"a]"), L("{\"a:1}"),
        /* a key holding NUL: jansson refuses it even with JSON_ALLOW_NUL */
        L("{\"a\\u0000\":1}"), L("{\"\\u0000\":1}"), L("[{\"x\":1,\"a\\u0000b\":2}]"),
        /* not a string */
        L("'abc'"), L("abc"),
    };
    int bad = 0;
    for (size_t i = 0; i < NLIT(rejects); i++)
        bad += expect_reject(rejects[i].s, rejects[i].n, TR_JERR_SYNTAX, 0, NULL);
    TT_INT_EQ(bad, 0);
}

TT_TEST(utf8)
{
    static const lit rejects[] = {
        L("\"\x80\""),                 /* stray continuation bytes */
        L("\"\xbf\""),
        L("\"a\x80" "b\""),
        L("\"\xc3\xa9\x80\""),
        L("\"\xc0\x80\""),             /* overlong */
        L("\"\xc1\xbf\""),
        L("\"\xe0\x80\x80\""),
        L("\"\xe0\x9f\xbf\""),
        L("\"\xf0\x80\x80\x80\""),
        L("\"\xf0\x8f\xbf\xbf\""),
        L("\"\xed\xa0\x80\""),         /* surrogates encoded in UTF-8 */
        L("\"\xed\xbf\xbf\""),
        L("\"\xed\xa0\xbd\xed\xb8\x80\""), /* CESU-8 pair */
        L("\"\xf4\x90\x80\x80\""),     /* past U+10FFFF */
        L("\"\xf5\x80\x80\x80\""),
        L("\"\xf7\xbf\xbf\xbf\""),
        L("\"\xf8\x88\x80\x80\x80\""),
        L("\"\xfc\x84\x80\x80\x80\x80\""),
        L("\"\xfe\""),
        L("\"\xff\""),
        L("\"\xc3\""),                 /* truncated sequences */
        L("\"\xc3"),
        L("\"\xe2\x82\""),
        L("\"\xe2\x82"),
        L("\"\xe2\""),
        L("\"\xf0\x9f\x98\""),
        L("\"\xf0\x9f\x98"),
        L("\"\xf0\x9f\""),
        L("\"\xc3\x28\""),             /* bad continuation */
        L("\"\xe2\x28\xa1\""),
        L("\"\xe2\x82\x28\""),
        L("\"\xf0\x28\x8c\xbc\""),
        L("\"\xf0\x9f\x98\x28\""),
        L("\"\xc3\xc3\xa9\""),
        L("\"\xc3\x7f\""),
        L("\"\\n\x80\""),              /* after an escape (the slow path) */
        L("\"\\n\xc0\xaf\""),
        L("\"\\n\xed\xa0\x80\""),
        L("\"\\n\xf4\x90\x80\x80\""),
        L("\"\\n\xe2\x82\""),
        L("\"\\n\xe2\x82"),
        L("\"0123456789abcdef\xff\""), /* after the 8-byte fast path */
        L("{\"\xff\":1}"),             /* in a key */
        L("{\"k\\n\xc0\x80\":1}"),
        L("\xc3\xa9"),                 /* outside a string */
        L("\xef\xbb\xbf[]"),           /* no BOM */
    };
    int bad = 0;

    bad += expect_str("\"\xc2\x80\"", "\xc2\x80");
    bad += expect_str("\"\xc3\xa9\"", "\xc3\xa9");
    bad += expect_str("\"\xdf\xbf\"", "\xdf\xbf");
    bad += expect_str("\"\xe0\xa0\x80\"", "\xe0\xa0\x80");
    bad += expect_str("\"\xe2\x82\xac\"", "\xe2\x82\xac");
    bad += expect_str("\"\xed\x9f\xbf\"", "\xed\x9f\xbf");
    bad += expect_str("\"\xee\x80\x80\"", "\xee\x80\x80");
    bad += expect_str("\"\xef\xbf\xbf\"", "\xef\xbf\xbf");
    bad += expect_str("\"\xf0\x90\x80\x80\"", "\xf0\x90\x80\x80");
    bad += expect_str("\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80");
    bad += expect_str("\"\xf4\x8f\xbf\xbf\"", "\xf4\x8f\xbf\xbf");
    bad += expect_str("\"a\xc3\xa9z\xe2\x82\xac\xf0\x9f\x98\x80.\"", "a\xc3\xa9z\xe2\x82\xac\xf0\x9f\x98\x80.");
    bad += expect_str("\"\\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"", "\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    bad += expect_str("\"Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\"",
                      "Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
    for (size_t i = 0; i < NLIT(rejects); i++)
        bad += expect_reject(rejects[i].s, rejects[i].n, TR_JERR_SYNTAX, 0, NULL);
    TT_INT_EQ(bad, 0);
}

/* ---- numbers --------------------------------------------------------------- */

TT_TEST(numbers)
{
    static const lit rejects[] = {
        L("01"), L("-01"), L("00"), L("000"), L("-00"), L("0123"), L("[01]"), L("{\"a\":01}"), L("00.5"),
        L("1."), L("-1."), L("1.e5"), L("0.e1"), L("[1.]"), L("1.]"),
        L(".5"), L("-.5"), L("."), L("+1"), L("+0"), L("-"), L("--1"), L("- 1"), L("-a"), L("[-]"),
        L("1e"), L("1E"), L("1e+"), L("1e-"), L("1E+-1"), L("1ee5"), L("1e5.5"), L("1.5.5"), L("1.5e"),
        L("0x10"), L("0X1"), L("1_000"), L("1,000"), L("Infinity"), L("-Infinity"), L("NaN"), L("nan"),
        L("inf"), L("-inf"), L("1e5e5"), L("1f"), L("1d"), L("0.5f"), L("\xef\xbc\x91"),
        /* integers out of int64_t */
        L("9223372036854775808"), L("-9223372036854775809"), L("18446744073709551615"),
        L("18446744073709551616"), L("99999999999999999999"), L("-99999999999999999999"),
        L("[9223372036854775808]"), L("{\"a\":-9223372036854775809}"),
        L("100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        /* reals that overflow a double */
        L("1e400"), L("-1e400"), L("1e309"), L("1.8e308"), L("-1.8e308"), L("1.7976931348623159e308"),
        L("1e99999999999999999999"), L("123456789e301"), L("[1,1e999]"), L("0.1e310"),
        L("1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
          "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
          "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
          "00000000000000000000000000000000000.0"),
    };
    int bad = 0;

    bad += expect_int("0", 0);
    bad += expect_int("-0", 0); /* an integer, as jansson */
    bad += expect_int("1", 1);
    bad += expect_int("-1", -1);
    bad += expect_int("123456789", 123456789);
    bad += expect_int("9007199254740993", 9007199254740993LL); /* not through a double */
    bad += expect_int("9223372036854775807", INT64_MAX);
    bad += expect_int("-9223372036854775807", -INT64_MAX);
    bad += expect_int("-9223372036854775808", INT64_MIN);
    {
        tr_jv *v = ps("[9223372036854775807,-9223372036854775808,0,-0]");
        TT_ASSERT(v && v->n == 4);
        TT_ASSERT(tr_jv_int(tr_jv_at(v, 0)) == INT64_MAX);
        TT_ASSERT(tr_jv_int(tr_jv_at(v, 1)) == INT64_MIN);
        TT_ASSERT(tr_jv_is_int(tr_jv_at(v, 3)) && tr_jv_int(tr_jv_at(v, 3)) == 0);
    }

    bad += expect_real("0.0", 0.0);
    bad += expect_real("-0.0", -0.0); /* the sign is kept */
    bad += expect_real("0e0", 0.0);
    bad += expect_real("-0e0", -0.0);
    bad += expect_real("1.5", 1.5);
    bad += expect_real("-1.5e3", -1500.0);
    bad += expect_real("1e5", 100000.0); /* an exponent makes a real */
    bad += expect_real("1E5", 100000.0);
    bad += expect_real("1e+5", 100000.0);
    bad += expect_real("1E-2", 0.01);
    bad += expect_real("2.5E-3", 0.0025);
    bad += expect_real("1e007", 1e7);
    bad += expect_real("1.0", 1.0);
    bad += expect_real("0.5", 0.5);
    bad += expect_real("9223372036854775808.0", 9223372036854775808.0);
    bad += expect_real("9223372036854775808e0", 9223372036854775808.0);
    bad += expect_real("1e308", 1e308);
    bad += expect_real("1.7976931348623157e308", DBL_MAX);
    bad += expect_real("1.7976931348623158e308", DBL_MAX); /* rounds down to DBL_MAX */
    bad += expect_real("-1.7976931348623157e308", -DBL_MAX);
    bad += expect_real("2.2250738585072014e-308", DBL_MIN);
    bad += expect_real("4.9e-324", 4.9406564584124654e-324); /* the least subnormal */
    /* underflow is accepted, as jansson (strtod's ERANGE without HUGE_VAL) */
    bad += expect_real("1e-400", 0.0);
    bad += expect_real("-1e-400", -0.0);
    bad += expect_real("1e-324", 0.0);
    bad += expect_real("2.4703282292062327e-324", 0.0);
    bad += expect_real("2.4703282292062328e-324", 4.9406564584124654e-324);
    bad += expect_real("1e-99999999999999999999", 0.0);
    bad += expect_real("0e99999999999", 0.0);
    bad += expect_real("123.456e-789", 0.0);
    bad += expect_strtod("1e-320");
    /* correct rounding */
    bad += expect_strtod("0.1");
    bad += expect_strtod("0.30000000000000004");
    bad += expect_strtod("9007199254740993.0");
    bad += expect_strtod("9007199254740993e0");
    bad += expect_strtod("1.00000000000000011102230246251565404236316680908203125");
    bad += expect_strtod("1.00000000000000011102230246251565404236316680908203126");
    bad += expect_strtod("2.2250738585072011e-308");
    bad += expect_strtod("7.2057594037927933e16");
    bad += expect_strtod("123456789012345678901234567890e-10");
    bad += expect_strtod("-123456789012345678901234567890.123456789e-300");
    bad += expect_strtod("3.141592653589793238462643383279502884197169399375105820974944592307816406286");
    bad += expect_strtod(
        "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001e400");
    bad += expect_strtod(
        "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e-400");

    for (size_t i = 0; i < NLIT(rejects); i++)
        bad += expect_reject(rejects[i].s, rejects[i].n, TR_JERR_SYNTAX, 0, NULL);
    TT_INT_EQ(bad, 0);
}

/* ---- literals, empty input, trailing garbage, structure --------------------- */

TT_TEST(literals_and_structure)
{
    static const lit rejects[] = {
        /* literals */
        L("t"), L("tr"), L("tru"), L("nul"), L("n"), L("fals"), L("f"), L("True"), L("TRUE"), L("NULL"),
        L("Null"), L("False"), L("nulll"), L("truex"), L("truefalse"), L("true false"), L("nil"), L("none"),
        L("undefined"), L("[tru]"), L("[tru"), L("{\"a\":nul}"), L("{\"a\":nul"), L("truE"), L("fAlse"),
        L("nUll"), L("true1"), L("null_"), L("t rue"), L("[true false]"),
        /* empty input, white space only, white space JSON does not have */
        L(""), L(" "), L("   "), L("\n\t\r "), L("\f1"), L("\v1"), L("1\f"), L("\xc2\xa0" "1"), L("\0"),
        L("\0" "1"), L("[1,\f2]"), L("\x1c" "1"),
        /* trailing garbage */
        L("1 2"), L("[] []"), L("{}x"), L("\"a\"\"b\""), L("1,"), L("[1]]"), L("{}}"), L("null null"),
        L("[1],"), L("\"a\" x"), L("0 0"), L("1 /* c */"), L("1 //"), L("[] \xff"),
        /* structure */
        L("["), L("]"), L("{"), L("}"), L("[1"), L("[1,"), L("[1,]"), L("[,1]"), L("[,]"), L("[1 2]"),
        L("[1,,2]"), L("{\"a\"}"), L("{\"a\":}"), L("{\"a\":1,}"), L("{,}"), L("{1:2}"), L("{a:1}"),
        L("{'a':1}"), L("['a']"), L("{\"a\":1 \"b\":2}"), L("{\"a\"::1}"), L("[1;2]"), L("{\"a\",1}"),
        L("[}"), L("{]"), L("/*c*/1"), L("{\"a\":1}}"), L("{\"a\" 1}"), L("{\"a\":1,\"b\"}"), L("{\"a\""),
        L("{\"a\":"), L("{\"a\":1"), L("{\"a\":1,"), L("[[]"), L("[[],"), L("{\"a\":[}"), L("{[]:1}"),
        L("{{}:1}"), L("{null:1}"), L("{1}"), L(":"), L(","), L("[:]"), L("{:}"), L("{\"a\":1:2}"),
        L("[\"a\":1]"), L("(1)"), L("<a/>"),
    };
    int bad = 0;
    for (size_t i = 0; i < NLIT(rejects); i++)
        bad += expect_reject(rejects[i].s, rejects[i].n, TR_JERR_SYNTAX, 0, NULL);
    TT_INT_EQ(bad, 0);
}

/* Stricter than jansson: a NUL byte after a number or literal is an error
 * (jansson 2.14 drops it, see jansson_nul_quirk). */
TT_TEST(nul_after_token)
{
    static const lit rejects[] = {L("1\0"), L("[1\0]"), L("[1\0,2]"), L("[true\0]"), L("{\"a\":null\0}"),
                                  L("[1.5e3\0]"), L("false\0")};
    for (size_t i = 0; i < NLIT(rejects); i++) {
        TT_ASSERT(jansson_accepts(rejects[i].s, rejects[i].n)); /* the quirk is still there */
        TT_ASSERT(parsen(rejects[i].s, rejects[i].n, 0, NULL) == NULL);
        TT_INT_EQ(last_err.kind, TR_JERR_SYNTAX);
        TT_ASSERT(rejects[i].s[last_err.offset] == '\0');
    }
}

/* ---- TR_JPREFIX --------------------------------------------------------------- */

TT_TEST(prefix_elements)
{
    /* record-at-a-time reading: the caller steps over '[' and ',' itself and
     * parses each element with TR_JPREFIX, in one document */
    static const char text[] = "[1, {\"a\":2}, \"x\"]";
    char *buf = keep(text, sizeof text - 1);
    size_t len = sizeof text - 1, pos = 1, used = 999;
    tr_jerror err;
    tr_jv *v1, *v2, *v3;

    v1 = tr_jdoc_parse(doc(), buf + pos, len - pos, TR_JPREFIX, NULL, &used, &err);
    TT_ASSERT(v1 != NULL);
    TT_INT_EQ(used, 1);
    pos += used;
    TT_INT_EQ(buf[pos], ',');
    pos++;
    v2 = tr_jdoc_parse(doc(), buf + pos, len - pos, TR_JPREFIX, NULL, &used, &err);
    TT_ASSERT(v2 != NULL);
    TT_INT_EQ(used, 8); /* " {\"a\":2}": leading space, not the comma after */
    pos += used;
    TT_INT_EQ(buf[pos], ',');
    pos++;
    v3 = tr_jdoc_parse(doc(), buf + pos, len - pos, TR_JPREFIX, NULL, &used, &err);
    TT_ASSERT(v3 != NULL);
    TT_INT_EQ(used, 4);
    pos += used;
    TT_INT_EQ(buf[pos], ']');
    TT_INT_EQ(pos, len - 1);
    /* all three values are still valid */
    TT_ASSERT(tr_jv_is_int(v1) && v1->u.i == 1);
    TT_ASSERT(tr_jv_is_object(v2) && v2->n == 1 && tr_jv_int(tr_jv_get(v2, "a")) == 2);
    TT_ASSERT(str_is(v3, "x", 1));
    TT_ASSERT(v1 != v2 && v2 != v3 && v1 != v3);
}

TT_TEST(prefix_cases)
{
    static const struct {
        const char *s;
        size_t n, used;
        int type;
    } ok[] = {
        {"  7", 3, 3, TR_JINT},           {"12]", 3, 2, TR_JINT},         {"12", 2, 2, TR_JINT},
        {"-0x", 3, 2, TR_JINT},           {"1.5,", 4, 3, TR_JREAL},       {"1e5}", 4, 3, TR_JREAL},
        {"1.5.3", 5, 3, TR_JREAL},        {"\"ab\"cd", 6, 4, TR_JSTRING}, {"{}{}", 4, 2, TR_JOBJECT},
        {"[1] garbage{", 12, 3, TR_JARRAY}, {"1 \xff\xfe", 4, 1, TR_JINT}, {"true1", 5, 4, TR_JTRUE},
        {"null,", 5, 4, TR_JNULL},         {"false ", 6, 5, TR_JFALSE},    {"\n [\n]\n", 6, 5, TR_JARRAY},
        {"1x", 2, 1, TR_JINT},            {"\"\"\"", 3, 2, TR_JSTRING},   {"{\"a\":[]}]]", 10, 8, TR_JOBJECT},
    };
    static const lit bad_prefix[] = {L(""), L("   "), L("tru"), L("truex"), L("-"), L("01"), L("1."), L("1e"),
                                     L("[1,"), L("\"ab"), L(","), L("]"), L("1.5e")};
    int bad = 0;

    for (size_t i = 0; i < NLIT(ok); i++) {
        tr_jv *v = parsen(ok[i].s, ok[i].n, TR_JPREFIX, NULL);
        if (!v || v->type != ok[i].type || last_used != ok[i].used) {
            fprintf(stderr, "%s:%d: prefix \"%s\": %s type %d used %zu, want type %d used %zu\n", __FILE__, __LINE__,
                    show(ok[i].s, ok[i].n), v ? "ok" : last_err.text, v ? v->type : -1, last_used, ok[i].type,
                    ok[i].used);
            bad++;
        } else if (memcmp(last_buf + ok[i].used, ok[i].s + ok[i].used, ok[i].n - ok[i].used) != 0) {
            fprintf(stderr, "%s:%d: prefix \"%s\" changed bytes after the value\n", __FILE__, __LINE__,
                    show(ok[i].s, ok[i].n));
            bad++;
        }
    }
    for (size_t i = 0; i < NLIT(bad_prefix); i++)
        bad += expect_reject(bad_prefix[i].s, bad_prefix[i].n, TR_JERR_SYNTAX, TR_JPREFIX, NULL);
    TT_INT_EQ(bad, 0);

    /* several values in one buffer, one after another */
    {
        static const char text[] = "1 \"two\" [3] {\"four\":4} null  ";
        char *buf = keep(text, sizeof text - 1);
        size_t len = sizeof text - 1, pos = 0, used;
        tr_jv *vals[6];
        int n = 0;
        tr_jerror err;
        for (;;) {
            tr_jv *v = tr_jdoc_parse(doc(), buf + pos, len - pos, TR_JPREFIX, NULL, &used, &err);
            if (!v) break;
            TT_ASSERT(n < 6);
            vals[n++] = v;
            pos += used;
        }
        TT_INT_EQ(n, 5);
        TT_INT_EQ(err.kind, TR_JERR_SYNTAX); /* only white space left */
        TT_INT_EQ(pos, len - 2);
        TT_INT_EQ(tr_jv_int(vals[0]), 1);
        TT_ASSERT(str_is(vals[1], "two", 3));
        TT_INT_EQ(tr_jv_int(tr_jv_at(vals[2], 0)), 3);
        TT_INT_EQ(tr_jv_int(tr_jv_get(vals[3], "four")), 4);
        TT_ASSERT(tr_jv_is(vals[4], TR_JNULL));
    }
}

/* ---- duplicate keys ------------------------------------------------------------ */

TT_TEST(duplicate_keys)
{
    tr_jv *v;

    v = ps("{\"a\":1,\"b\":2,\"a\":3}");
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 2);
    TT_ASSERT(str_is(tr_jv_key(v, 0), "a", 1));
    TT_ASSERT(str_is(tr_jv_key(v, 1), "b", 1));
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 0)), 3);
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 1)), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_get(v, "a")), 3);

    v = ps("{\"a\":1,\"a\":2,\"a\":3}");
    TT_ASSERT(v && v->n == 1 && tr_jv_int(tr_jv_val(v, 0)) == 3);
    v = ps("{\"a\":[1,2],\"b\":0,\"a\":{\"x\":1}}");
    TT_ASSERT(v && v->n == 2 && tr_jv_is_object(tr_jv_val(v, 0)) && tr_jv_int(tr_jv_get(tr_jv_val(v, 0), "x")) == 1);
    v = ps("{\"\\u0061\":1,\"a\":2}"); /* same key once decoded */
    TT_ASSERT(v && v->n == 1 && tr_jv_int(tr_jv_get(v, "a")) == 2);
    v = ps("{\"\":1,\"\":2}");
    TT_ASSERT(v && v->n == 1 && tr_jv_int(tr_jv_get(v, "")) == 2);
    v = ps("{\"a\":1,\"A\":2,\"ab\":3,\"a \":4,\"\\u00e9\":5,\"\xc3\xa9\":6}");
    TT_ASSERT(v && v->n == 5);
    TT_INT_EQ(tr_jv_int(tr_jv_get(v, "a")), 1);
    TT_INT_EQ(tr_jv_int(tr_jv_get(v, "A")), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_get(v, "\xc3\xa9")), 6);
    TT_ASSERT(str_is(tr_jv_key(v, 4), "\xc3\xa9", 2));
    v = ps("[{\"a\":1},{\"a\":2}]"); /* sibling objects are not merged */
    TT_ASSERT(v && tr_jv_int(tr_jv_get(tr_jv_at(v, 0), "a")) == 1 && tr_jv_int(tr_jv_get(tr_jv_at(v, 1), "a")) == 2);
    v = ps("{\"a\":{\"a\":1,\"a\":2},\"a\":{\"a\":3,\"b\":4,\"a\":5}}");
    TT_ASSERT(v && v->n == 1);
    TT_INT_EQ(tr_jv_size(tr_jv_get(v, "a")), 2);
    TT_INT_EQ(tr_jv_int(tr_jv_get(tr_jv_get(v, "a"), "a")), 5);
    TT_ASSERT(str_is(tr_jv_key(tr_jv_get(v, "a"), 1), "b", 1));
}

/* Objects of more than a few dozen keys (any hash path), with duplicates. */
TT_TEST(duplicate_keys_many)
{
    char *text = malloc(1 << 20);
    size_t n = 0;
    tr_jv *v;
    int i;

    TT_ASSERT(text != NULL);
    /* 40 keys, then k39, k0, k20, k5 twice again */
    n += (size_t)sprintf(text + n, "{");
    for (i = 0; i < 40; i++) n += (size_t)sprintf(text + n, "%s\"k%d\":%d", i ? "," : "", i, i);
    n += (size_t)sprintf(text + n, ",\"k39\":139,\"k0\":100,\"k20\":120,\"k5\":105,\"k5\":205}");
    v = parsen(text, n, 0, NULL);
    if (!v) free(text);
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 40);
    for (i = 0; i < 40; i++) {
        char key[16];
        int want = i == 0 ? 100 : i == 20 ? 120 : i == 39 ? 139 : i == 5 ? 205 : i;
        snprintf(key, sizeof key, "k%d", i);
        if (!str_is(tr_jv_key(v, (size_t)i), key, strlen(key)) || tr_jv_int(tr_jv_val(v, (size_t)i)) != want ||
            tr_jv_get(v, key) != tr_jv_val(v, (size_t)i)) {
            free(text);
            TT_FAIL_("member %d: key \"%s\" value %lld, want \"%s\" %d", i,
                     tr_jv_key(v, (size_t)i) ? tr_jv_key(v, (size_t)i)->u.s : "(none)",
                     (long long)tr_jv_int(tr_jv_val(v, (size_t)i)), key, want);
        }
    }

    /* 5000 keys, then all of them again in reverse order with new values,
     * plus long keys that differ only at one end */
    n = 0;
    n += (size_t)sprintf(text + n, "{");
    for (i = 0; i < 5000; i++) n += (size_t)sprintf(text + n, "%s\"k%d\":%d", i ? "," : "", i, i);
    for (i = 4999; i >= 0; i--) n += (size_t)sprintf(text + n, ",\"k%d\":%d", i, -i);
    for (i = 0; i < 3; i++) {
        n += (size_t)sprintf(text + n, ",\"%c%0200d\":%d", 'x' + i, 0, i);
        n += (size_t)sprintf(text + n, ",\"%0200d%c\":%d", 0, 'x' + i, 10 + i);
    }
    n += (size_t)sprintf(text + n, ",\"x%0200d\":%d,\"%0200dz\":%d}", 0, 7, 0, 17);
    v = parsen(text, n, 0, NULL);
    if (!v) free(text);
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 5006);
    for (i = 0; i < 5000; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        if (!str_is(tr_jv_key(v, (size_t)i), key, strlen(key)) || tr_jv_int(tr_jv_val(v, (size_t)i)) != -i) {
            free(text);
            TT_FAIL_("member %d: want \"%s\": %d", i, key, -i);
        }
    }
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 5000)), 7);  /* x000..., first position, last value */
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 5001)), 10); /* 000...x */
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 5002)), 1);  /* y000... */
    TT_INT_EQ(tr_jv_int(tr_jv_val(v, 5005)), 17); /* 000...z */
    TT_INT_EQ(tr_jv_key(v, 5000)->n, 201);

    /* the same through jansson */
    {
        json_error_t je;
        json_t *j = json_loadb(text, n, FLAGS_JANSSON, &je);
        const char *why = "";
        int eq = j && jv_equal(v, j, &why);
        json_decref(j);
        free(text);
        if (!eq) TT_FAIL_("differs from jansson: %s", why);
    }
}

/* ---- limits ---------------------------------------------------------------- */

TT_TEST(limit_depth)
{
    tr_jlimits lim = {0};
    tr_jv *v;
    int bad = 0;

    lim.max_depth = 3;
    v = parsen("[[[1]]]", 7, 0, &lim);
    TT_ASSERT(v != NULL);
    v = parsen("[[[]],[[]],{\"a\":{}}]", 20, 0, &lim);
    TT_ASSERT(v != NULL);
    v = parsen("{\"a\":{\"b\":[]}}", 14, 0, &lim);
    TT_ASSERT(v != NULL);
    v = parsen("1", 1, 0, &lim);
    TT_ASSERT(v != NULL);
    bad += expect_reject("[[[[1]]]]", 9, TR_JERR_DEPTH, 0, &lim);
    TT_INT_EQ(last_err.offset, 3); /* the fourth '[' */
    TT_INT_EQ(last_err.column, 4);
    bad += expect_reject("{\"a\":{\"b\":[{}]}}", 16, TR_JERR_DEPTH, 0, &lim);
    TT_INT_EQ(last_err.offset, 11);
    bad += expect_reject("[[[]],[[[]]]]", 13, TR_JERR_DEPTH, 0, &lim);
    TT_INT_EQ(last_err.offset, 8);
    lim.max_depth = 1;
    TT_ASSERT(parsen("[1,2,\"x\"]", 9, 0, &lim) != NULL);
    TT_ASSERT(parsen("{\"a\":1}", 7, 0, &lim) != NULL);
    bad += expect_reject("[[]]", 4, TR_JERR_DEPTH, 0, &lim);
    bad += expect_reject("{\"a\":[]}", 8, TR_JERR_DEPTH, 0, &lim);
    /* with TR_JPREFIX too */
    bad += expect_reject("[[]] ", 5, TR_JERR_DEPTH, TR_JPREFIX, &lim);
    /* 0: no limit */
    lim.max_depth = 0;
    TT_ASSERT(parsen("[[[[[[[[[[[[1]]]]]]]]]]]]", 25, 0, &lim) != NULL);
    TT_INT_EQ(bad, 0);
}

TT_TEST(limit_string)
{
    tr_jlimits lim = {0};
    int bad = 0;

    lim.max_string_bytes = 5;
    TT_ASSERT(str_is(parsen("\"abcde\"", 7, 0, &lim), "abcde", 5));
    TT_ASSERT(str_is(parsen("\"\\n\\n\\n\\n\\n\"", 12, 0, &lim), "\n\n\n\n\n", 5)); /* unescaped length */
    TT_ASSERT(str_is(parsen("\"\\u00e9\\u00e9\"", 14, 0, &lim), "\xc3\xa9\xc3\xa9", 4));
    TT_ASSERT(parsen("{\"abcde\":\"vwxyz\"}", 17, 0, &lim) != NULL);
    bad += expect_reject("\"abcdef\"", 8, TR_JERR_STRING, 0, &lim);
    TT_INT_EQ(last_err.offset, 0);
    bad += expect_reject("\"\\u00e9\\u00e9\\u00e9\"", 20, TR_JERR_STRING, 0, &lim);
    bad += expect_reject("[\"ok\",\"toolong\"]", 16, TR_JERR_STRING, 0, &lim);
    TT_INT_EQ(last_err.offset, 6);
    bad += expect_reject("{\"abcdef\":1}", 12, TR_JERR_STRING, 0, &lim); /* keys too */
    TT_INT_EQ(last_err.offset, 1);
    bad += expect_reject("{\"a\":{\"abcdef\":1}}", 18, TR_JERR_STRING, 0, &lim);
    bad += expect_reject("\"0123456789abcdef0123456789\"", 28, TR_JERR_STRING, 0, &lim);
    lim.max_string_bytes = 4;
    TT_ASSERT(str_is(parsen("\"\\ud83d\\ude00\"", 14, 0, &lim), "\xf0\x9f\x98\x80", 4));
    TT_ASSERT(str_is(parsen("\"\xf0\x9f\x98\x80\"", 6, 0, &lim), "\xf0\x9f\x98\x80", 4));
    lim.max_string_bytes = 3;
    bad += expect_reject("\"\\ud83d\\ude00\"", 14, TR_JERR_STRING, 0, &lim);
    bad += expect_reject("\"\xf0\x9f\x98\x80\"", 6, TR_JERR_STRING, 0, &lim);
    TT_ASSERT(str_is(parsen("\"a\\u0000b\"", 10, 0, &lim), "a\0b", 3));
    bad += expect_reject("\"a\\u0000b\\u0000\"", 16, TR_JERR_STRING, 0, &lim);
    lim.max_string_bytes = 0; /* no limit */
    TT_ASSERT(parsen("\"0123456789abcdef0123456789\"", 28, 0, &lim) != NULL);
    TT_INT_EQ(bad, 0);
}

TT_TEST(limit_values)
{
    tr_jlimits lim = {0};
    int bad = 0;

    lim.values_limited = 1;
    lim.values_left = 5;
    TT_ASSERT(parsen("[1,2]", 5, 0, &lim) != NULL); /* 3 values: the array and two numbers */
    TT_INT_EQ(lim.values_left, 2);
    bad += expect_reject("[1,2]", 5, TR_JERR_VALUES, 0, &lim); /* needs 3, 2 left */
    TT_INT_EQ(last_err.offset, 3);                              /* the value over the budget */

    lim.values_left = 3;
    TT_ASSERT(parsen("{\"a\":1,\"b\":[]}", 14, 0, &lim) != NULL); /* keys do not count */
    TT_INT_EQ(lim.values_left, 0);
    bad += expect_reject("1", 1, TR_JERR_VALUES, 0, &lim); /* 0 with values_limited: none */

    lim.values_left = 1;
    TT_ASSERT(parsen("\"x\"", 3, 0, &lim) != NULL);
    TT_INT_EQ(lim.values_left, 0);

    /* one budget across several TR_JPREFIX parses */
    lim.values_left = 4;
    TT_ASSERT(parsen("[1] x", 5, TR_JPREFIX, &lim) != NULL);
    TT_INT_EQ(lim.values_left, 2);
    TT_ASSERT(parsen("null", 4, TR_JPREFIX, &lim) != NULL);
    TT_INT_EQ(lim.values_left, 1);
    bad += expect_reject("[0]", 3, TR_JERR_VALUES, TR_JPREFIX, &lim);

    /* not enforced without values_limited */
    lim.values_limited = 0;
    lim.values_left = 0;
    TT_ASSERT(parsen("[1,2,3,4,5,6]", 13, 0, &lim) != NULL);
    TT_INT_EQ(bad, 0);
}

/* ---- error reports ------------------------------------------------------------- */

TT_TEST(error_positions)
{
    static const struct {
        const char *s;
        size_t offset;
        unsigned long line, column;
    } cases[] = {
        {"[1,\n  2,\n  x]", 11, 3, 3},  /* an unexpected byte */
        {"{\"a\" 1}", 5, 1, 6},         /* ':' expected */
        {"[1,2] x", 6, 1, 7},           /* trailing garbage */
        {"[1,2]\n\n  x", 9, 3, 3},
        {"\"ab\x01\"", 3, 1, 4},        /* the control character */
        {"[1,2", 4, 1, 5},              /* end of input */
        {"[1,2\n", 5, 2, 1},
        {"{\n\"a\":\n\"\\q\"}", 8, 3, 2},  /* the backslash of a bad escape */
        {"[\"\xc3\x28\"]", 2, 1, 3},    /* the lead byte of bad UTF-8 */
        {"[\r\n\"\xe2\x82\xac\x80\"]", 7, 2, 5},
        {"[01]", 2, 1, 3},              /* the digit after a leading zero */
        {"\n\n\ntrux", 3, 4, 1},        /* the literal */
        {"[1,\n-]", 5, 2, 2},           /* the byte after a lone '-' */
        {"  \n", 3, 2, 1},              /* only white space: at the end */
        {"", 0, 1, 1},
        {"[\n\"abc", 2, 2, 1},          /* unterminated: the opening quote */
        {"[\"\\ud800\"]", 2, 1, 3},     /* a lone surrogate escape */
    };
    int bad = 0;
    for (size_t i = 0; i < NLIT(cases); i++) {
        size_t n = strlen(cases[i].s);
        bad += expect_reject(cases[i].s, n, TR_JERR_SYNTAX, 0, NULL);
        if (last_err.offset != cases[i].offset || last_err.line != cases[i].line ||
            last_err.column != cases[i].column) {
            fprintf(stderr, "%s:%d: \"%s\": error at %zu %lu:%lu (%s), want %zu %lu:%lu\n", __FILE__, __LINE__,
                    show(cases[i].s, n), last_err.offset, last_err.line, last_err.column, last_err.text,
                    cases[i].offset, cases[i].line, cases[i].column);
            bad++;
        }
    }
    TT_INT_EQ(bad, 0);

    /* err may be NULL */
    {
        char *b = keep("[x]", 3);
        TT_ASSERT(tr_jdoc_parse(doc(), b, 3, 0, NULL, NULL, NULL) == NULL);
    }
    /* a success leaves kind NONE */
    TT_ASSERT(ps("[1]") != NULL);
    TT_INT_EQ(last_err.kind, TR_JERR_NONE);
}

/* ---- document lifetime ------------------------------------------------------------ */

TT_TEST(clear_and_reuse)
{
    tr_jv *v;
    int round;

    v = ps("{\"a\":[1,2,3],\"b\":\"x\"}");
    TT_ASSERT(v && tr_jv_size(tr_jv_get(v, "a")) == 3);
    tr_jdoc_clear(doc());
    v = ps("[\"y\",{\"b\":null}]");
    TT_ASSERT(v && str_is(tr_jv_at(v, 0), "y", 1) && tr_jv_is(tr_jv_get(tr_jv_at(v, 1), "b"), TR_JNULL));

    /* many parse/clear rounds of documents bigger than one arena chunk */
    for (round = 0; round < 30; round++) {
        size_t cap = 400000, n = 0;
        char *text = malloc(cap);
        int i, count = 1000 + round * 700;
        TT_ASSERT(text != NULL);
        tr_jdoc_clear(doc());
        text[n++] = '[';
        for (i = 0; i < count; i++) n += (size_t)snprintf(text + n, cap - n, "%s{\"i\":%d}", i ? "," : "", i);
        text[n++] = ']';
        v = parsen(text, n, 0, NULL);
        free(text);
        TT_ASSERT(v != NULL);
        TT_INT_EQ(tr_jv_size(v), count);
        TT_INT_EQ(tr_jv_int(tr_jv_get(tr_jv_at(v, (size_t)count - 1), "i")), count - 1);
        TT_INT_EQ(tr_jv_int(tr_jv_get(tr_jv_at(v, 0), "i")), 0);
    }
    /* a failed parse leaves the document usable */
    TT_ASSERT(ps("[1,2,{\"a\":[") == NULL);
    v = ps("[7]");
    TT_ASSERT(v && tr_jv_int(tr_jv_at(v, 0)) == 7);
    tr_jdoc_clear(doc());
    tr_jdoc_clear(doc());
    v = ps("{\"z\":{}}");
    TT_ASSERT(v && tr_jv_is_object(tr_jv_get(v, "z")));
}

TT_TEST(kids_and_strdup)
{
    tr_jv *kids, obj;
    const char *s;
    char src[] = "a\0b";

    s = tr_jdoc_strdup(doc(), src, 3);
    TT_ASSERT(s && s != src && memcmp(s, "a\0b", 3) == 0 && s[3] == '\0');
    src[0] = 'z';
    TT_ASSERT(s[0] == 'a');
    s = tr_jdoc_strdup(doc(), "", 0);
    TT_ASSERT(s && s[0] == '\0');

    kids = tr_jdoc_kids(doc(), 4);
    TT_ASSERT(kids != NULL);
    kids[0].type = TR_JSTRING;
    kids[0].u.s = tr_jdoc_strdup(doc(), "key", 3);
    kids[0].n = 3;
    kids[1].type = TR_JINT;
    kids[1].u.i = 5;
    kids[2].type = TR_JSTRING;
    kids[2].u.s = tr_jdoc_strdup(doc(), "Other", 5);
    kids[2].n = 5;
    kids[3].type = TR_JTRUE;
    obj.type = TR_JOBJECT;
    obj.n = 2;
    obj.u.kids = kids;
    TT_INT_EQ(tr_jv_int(tr_jv_get(&obj, "key")), 5);
    TT_ASSERT(tr_jv_is_true(tr_jv_get_nocase(&obj, "OTHER")));
    TT_ASSERT(tr_jv_get(&obj, "other") == NULL);
    (void)tr_jdoc_kids(doc(), 0); /* n == 0: any answer, no crash */

    /* they live alongside parsed values */
    {
        tr_jv *v = ps("[1,2]");
        TT_ASSERT(v && v->n == 2);
        TT_INT_EQ(tr_jv_int(tr_jv_get(&obj, "key")), 5);
        TT_STR_EQ(kids[2].u.s, "Other");
    }
}

/* ---- size --------------------------------------------------------------------- */

TT_TEST(large_document)
{
    size_t cap = 4000000, n = 0;
    char *text = malloc(cap);
    tr_jv *v;
    int i, wrong = -1;

    TT_ASSERT(text != NULL);
    text[n++] = '[';
    for (i = 0; i < 200000; i++) n += (size_t)snprintf(text + n, cap - n, "%s%d", i ? "," : "", i);
    text[n++] = ']';
    v = parsen(text, n, 0, NULL);
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 200000);
    for (i = 0; i < 200000; i++)
        if (tr_jv_int(tr_jv_at(v, (size_t)i)) != i) {
            wrong = i;
            break;
        }
    TT_INT_EQ(wrong, -1);

    /* an object of 200k members of mixed values */
    n = 0;
    text[n++] = '{';
    for (i = 0; i < 200000; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s\"%d\":%s", i ? "," : "", i,
                              i % 3 == 0 ? "[]" : i % 3 == 1 ? "\"s\"" : "1.5");
    text[n++] = '}';
    TT_ASSERT(n < cap);
    v = parsen(text, n, 0, NULL);
    TT_ASSERT(v != NULL);
    TT_INT_EQ(tr_jv_size(v), 200000);
    TT_ASSERT(str_is(tr_jv_get(v, "199999"), "s", 1));
    TT_ASSERT(tr_jv_is_array(tr_jv_get(v, "0")));
    TT_ASSERT(str_is(tr_jv_key(v, 123456), "123456", 6));

    /* one 1 MB string with escapes every 1000 bytes */
    n = 0;
    text[n++] = '"';
    for (i = 0; i < 1000000; i++) text[n++] = (i % 1000 == 999) ? '\\' : (i % 1000 == 0 && i) ? 'n' : 'a';
    text[n++] = 'n';
    text[n++] = '"';
    v = parsen(text, n, 0, NULL);
    free(text);
    TT_ASSERT(v != NULL && v->type == TR_JSTRING);
    TT_INT_EQ(v->n, 1000000 - 1000 + 1); /* 1000 escapes "\\n", the last one closed by the final n */
    TT_ASSERT(v->u.s[998] == 'a' && v->u.s[999] == '\n' && v->u.s[1000] == 'a' && v->u.s[v->n] == '\0');
}

/* The reader uses no recursion: 10000 and 300000 levels parse with no
 * depth limit (jansson itself stops at 2048), and fail cleanly with one. */
TT_TEST(deep_nesting)
{
    size_t depth, n, i;
    char *text;
    tr_jv *v;
    tr_jlimits lim = {0};

    for (depth = 10000; depth <= 300000; depth += 290000) {
        text = malloc(6 * depth + 16);
        TT_ASSERT(text != NULL);
        n = 0;
        for (i = 0; i < depth; i++) text[n++] = '[';
        text[n++] = '1';
        for (i = 0; i < depth; i++) text[n++] = ']';
        v = parsen(text, n, 0, NULL);
        if (!v) free(text);
        TT_ASSERT(v != NULL);
        for (i = 1; i < depth && v && v->type == TR_JARRAY && v->n == 1; i++) v = &v->u.kids[0];
        if (!(i == depth && v->type == TR_JARRAY && v->n == 1 && tr_jv_int(&v->u.kids[0]) == 1)) {
            free(text);
            TT_FAIL_("nesting of %zu levels not built", depth);
        }

        /* objects */
        n = 0;
        for (i = 0; i < depth; i++) {
            memcpy(text + n, "{\"a\":", 5);
            n += 5;
        }
        text[n++] = '0';
        for (i = 0; i < depth; i++) text[n++] = '}';
        v = parsen(text, n, 0, NULL);
        if (!v) free(text);
        TT_ASSERT(v != NULL);
        lim.max_depth = 100;
        v = parsen(text, n, 0, &lim);
        TT_ASSERT(v == NULL && last_err.kind == TR_JERR_DEPTH && last_err.offset == 500);
        lim.max_depth = 0;

        /* unclosed */
        v = parsen(text, n - depth, 0, NULL);
        free(text);
        TT_ASSERT(v == NULL && last_err.kind == TR_JERR_SYNTAX);
    }
}

/* ---- differential test against jansson -------------------------------------------- */



/* An error's offset, line and column fit the input; 0 when they do. */
static int error_misplaced(const tr_jerror *e, const char *text, size_t len)
{
    unsigned long line = 1;
    size_t line_start = 0;
    if (e->offset > len) return 1;
    for (size_t i = 0; i < e->offset; i++)
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    return e->line != line || e->column != e->offset - line_start + 1;
}




/* Small limits derived from the text: a document jansson accepts parses
 * exactly when it is within them, else fails with a limit it is over. */
static int limits_wrong(const char *text, size_t len, json_t *j, char *why, size_t whylen)
{
    jstats st;
    uint32_t h = 2166136261u;
    tr_jlimits lim;
    tr_jerror e;
    tr_jv *v;
    tr_jdoc *d = tr_jdoc_new();
    char *buf = malloc(len ? len : 1);
    unsigned violated = 0;
    uint64_t left;
    const char *w = "";
    int bad = 0;

    if (!d || !buf) abort();
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
    scan_stats(text, len, &st);
    lim.max_depth = h % 5;
    lim.max_string_bytes = (h >> 3) % 9;
    lim.values_left = left = (h >> 7) % 24;
    lim.values_limited = (h >> 12) % 4 != 0;
    if (lim.max_depth && st.depth > lim.max_depth) violated |= 1u << TR_JERR_DEPTH;
    if (lim.max_string_bytes && st.maxstr > lim.max_string_bytes) violated |= 1u << TR_JERR_STRING;
    if (lim.values_limited && st.values > lim.values_left) violated |= 1u << TR_JERR_VALUES;
    memcpy(buf, text, len);
    v = tr_jdoc_parse(d, buf, len, 0, &lim, NULL, &e);
    if (!violated && !v) {
        snprintf(why, whylen, "limits depth %u string %u values %u: fails (%s) within them", lim.max_depth,
                 (unsigned)lim.max_string_bytes, (unsigned)left, e.text);
        bad = 1;
    } else if (!violated && !jv_equal(v, j, &w)) {
        snprintf(why, whylen, "with limits, values differ: %s", w);
        bad = 1;
    } else if (!violated && lim.values_limited && lim.values_left != left - st.values) {
        snprintf(why, whylen, "value budget %u, %u values: %u left", (unsigned)left, (unsigned)st.values,
                 (unsigned)lim.values_left);
        bad = 1;
    } else if (violated && v) {
        snprintf(why, whylen, "limits depth %u string %u values %u: parses over them", lim.max_depth,
                 (unsigned)lim.max_string_bytes, (unsigned)left);
        bad = 1;
    } else if (violated && (e.kind >= 32 || !(violated & (1u << e.kind)))) {
        snprintf(why, whylen, "limits depth %u string %u values %u: error %s (%s), not a limit it is over",
                 lim.max_depth, (unsigned)lim.max_string_bytes, (unsigned)left, kind_name(e.kind), e.text);
        bad = 1;
    } else if (violated && error_misplaced(&e, text, len)) {
        snprintf(why, whylen, "limit error at %zu %lu:%lu: line or column wrong", e.offset, e.line, e.column);
        bad = 1;
    }
    tr_jdoc_free(d);
    free(buf);
    return bad;
}

static int diff_check(const char *text, size_t len, char *why, size_t whylen);

/* Checks one input against jansson; 0 when they agree, else 1 with *why.
 *  - the full parse: accept/reject as jansson, the same value;
 *  - TR_JPREFIX on a document jansson accepts: accepted, used = the end of
 *    the value before trailing white space;
 *  - TR_JPREFIX on any input: a value it accepts ending at u is what
 *    jansson reads from the first u bytes, nothing after u is changed, and
 *    when jansson (JSON_DISABLE_EOF_CHECK) reads a value ending at p whose
 *    first p bytes are a document for it, TR_JPREFIX reads it too, to p.
 * Depth over jansson's JSON_PARSER_MAX_DEPTH is left out. */
static int diff_check(const char *text, size_t len, char *why, size_t whylen)
{
    json_error_t je;
    json_t *j = json_loadb(text, len, FLAGS_JANSSON, &je), *jp = NULL;
    tr_jdoc *d = tr_jdoc_new();
    char *buf = malloc(len ? len : 1);
    tr_jerror e;
    tr_jv *v;
    size_t used = (size_t)-1;
    const char *w = "";
    int bad = 0;

    if (!d || !buf) abort();
    if (!j && json_error_code(&je) == json_error_stack_overflow) goto out;
    memcpy(buf, text, len);
    v = tr_jdoc_parse(d, buf, len, 0, NULL, NULL, &e);
    if (j && !v && jansson_nul_quirk(text, len, &e)) {
        /* compare without the NUL jansson skipped */
        char *t = malloc(len);
        if (!t) abort();
        memcpy(t, text, e.offset);
        memcpy(t + e.offset, text + e.offset + 1, len - e.offset - 1);
        bad = diff_check(t, len - 1, why, whylen);
        free(t);
        goto out;
    }
    if (!j && v) {
        snprintf(why, whylen, "jdoc accepts (type %d), jansson rejects: %s", v->type, je.text);
        bad = 1;
        goto out;
    }
    if (j && !v) {
        snprintf(why, whylen, "jdoc rejects (%s at %zu: %s), jansson accepts", kind_name(e.kind), e.offset, e.text);
        bad = 1;
        goto out;
    }
    if (!j && e.kind != TR_JERR_SYNTAX) {
        snprintf(why, whylen, "error kind %s, want SYNTAX", kind_name(e.kind));
        bad = 1;
        goto out;
    }
    if (!j && error_misplaced(&e, text, len)) {
        snprintf(why, whylen, "error at %zu %lu:%lu: line or column wrong", e.offset, e.line, e.column);
        bad = 1;
        goto out;
    }
    if (j && !jv_equal(v, j, &w)) {
        snprintf(why, whylen, "values differ: %s", w);
        bad = 1;
        goto out;
    }

    /* TR_JCOPY: the same outcome, and the buffer untouched */
    {
        size_t in_place_offset = v ? 0 : e.offset;
        tr_jdoc_clear(d);
        memcpy(buf, text, len);
        v = tr_jdoc_parse(d, buf, len, TR_JCOPY, NULL, NULL, &e);
        if (memcmp(buf, text, len) != 0) {
            snprintf(why, whylen, "TR_JCOPY changed the buffer");
            bad = 1;
            goto out;
        }
        if (!j != !v || (!v && e.offset != in_place_offset)) {
            snprintf(why, whylen, "TR_JCOPY %s where the parse in place %s", v ? "accepts" : "rejects",
                     j ? "accepts" : "rejects");
            bad = 1;
            goto out;
        }
        memset(buf, 'x', len); /* the values must not point into the buffer */
        if (j && !jv_equal(v, j, &w)) {
            snprintf(why, whylen, "TR_JCOPY values differ: %s", w);
            bad = 1;
            goto out;
        }
    }

    /* TR_JPREFIX */
    tr_jdoc_clear(d);
    memcpy(buf, text, len);
    v = tr_jdoc_parse(d, buf, len, TR_JPREFIX, NULL, &used, &e);
    if (j) {
        size_t end = len;
        while (end > 0 && is_ws(text[end - 1])) end--;
        if (!v || used != end) {
            snprintf(why, whylen, "TR_JPREFIX on a document: %s, used %zu, want %zu", v ? "ok" : e.text,
                     v ? used : 0, end);
            bad = 1;
            goto out;
        }
    }
    if (v) {
        if (used == 0 || used > len) {
            snprintf(why, whylen, "TR_JPREFIX used %zu of %zu", used, len);
            bad = 1;
            goto out;
        }
        if (memcmp(buf + used, text + used, len - used) != 0) {
            snprintf(why, whylen, "TR_JPREFIX changed bytes after the value (used %zu)", used);
            bad = 1;
            goto out;
        }
        jp = json_loadb(text, used, FLAGS_JANSSON, &je);
        if (!jp && json_error_code(&je) != json_error_stack_overflow) {
            snprintf(why, whylen, "TR_JPREFIX read %zu bytes that jansson rejects: %s", used, je.text);
            bad = 1;
            goto out;
        }
        if (jp && !jv_equal(v, jp, &w)) {
            snprintf(why, whylen, "TR_JPREFIX value differs from jansson's of the first %zu bytes: %s", used, w);
            bad = 1;
            goto out;
        }
        json_decref(jp);
        jp = NULL;
    }
    jp = json_loadb(text, len, FLAGS_JANSSON | JSON_DISABLE_EOF_CHECK, &je);
    if (jp && je.position >= 0 && (size_t)je.position <= len) {
        size_t p = (size_t)je.position;
        json_t *jq = json_loadb(text, p, FLAGS_JANSSON, &je);
        if (jq && (!v || used != p)) {
            snprintf(why, whylen, "TR_JPREFIX: %s, used %zu; jansson reads a value of %zu bytes", v ? "ok" : e.text,
                     v ? used : 0, p);
            bad = 1;
        }
        json_decref(jq);
        if (bad) goto out;
    }
    if (j) bad = limits_wrong(text, len, j, why, whylen);
out:
    json_decref(j);
    json_decref(jp);
    tr_jdoc_free(d);
    free(buf);
    return bad;
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) b->cap = b->cap ? 2 * b->cap : 256;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}
static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }
static void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }
static void sb_utf8(sbuf *b, unsigned cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80) {
        o[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xc0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xe0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        o[0] = (char)(0xf0 | cp >> 18);
        o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        o[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    sb_put(b, o, n);
}

static void gen_ws(sbuf *b)
{
    static const char ws[] = " \t\n\r";
    if (rn(4) == 0)
        for (unsigned k = rn(3) + 1; k > 0; k--) sb_putc(b, ws[rn(4)]);
}

static void gen_digits(sbuf *b, unsigned n, int first_nonzero)
{
    for (unsigned i = 0; i < n; i++) sb_putc(b, (char)('0' + (i == 0 && first_nonzero ? 1 + rn(9) : rn(10))));
}

static void gen_number(sbuf *b)
{
    static const char *const special[] = {
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "4.9e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072011e-308", "-0", "-0.0",
        "0.1", "1e-400", "1e400", "0e0", "1E+2", "1e-2"};
    char tmp[32];
    switch (rn(6)) {
    case 0:
        snprintf(tmp, sizeof tmp, "%d", (int)rn(2001) - 1000);
        sb_puts(b, tmp);
        break;
    case 1: /* integers of up to 20 digits: some overflow */
        if (rn(2)) sb_putc(b, '-');
        if (rn(8) == 0)
            sb_putc(b, '0');
        else
            gen_digits(b, 1 + rn(20), 1);
        break;
    case 2:
        sb_puts(b, special[rn(sizeof special / sizeof special[0])]);
        break;
    default: /* reals: some digits, a fraction, an exponent up to +-400 */
        if (rn(2)) sb_putc(b, '-');
        if (rn(4) == 0)
            sb_putc(b, '0');
        else
            gen_digits(b, 1 + rn(rn(4) ? 6 : 30), 1);
        if (rn(3)) {
            sb_putc(b, '.');
            gen_digits(b, 1 + rn(rn(4) ? 6 : 30), 0);
        }
        if (rn(2)) {
            sb_putc(b, rn(2) ? 'e' : 'E');
            if (rn(2)) sb_putc(b, rn(2) ? '+' : '-');
            snprintf(tmp, sizeof tmp, "%u", rn(4) ? rn(30) : rn(420));
            sb_puts(b, tmp);
        }
    }
}

/* A string, valid but for rare pieces that are not. */
static void gen_string(sbuf *b)
{
    static const char *const esc[] = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
    static const char *const badp[] = {"\\ud800", "\\udfff", "\x01", "\xc0\x80", "\xed\xa0\x80", "\\x", "\xff",
                                       "\xf4\x90\x80\x80", "\\u12", "\xe2\x82"};
    char tmp[16];
    unsigned k = rn(8);
    sb_putc(b, '"');
    while (k-- > 0) {
        unsigned cp;
        switch (rn(11)) {
        case 0:
        case 1:
            for (unsigned m = 1 + rn(12); m > 0; m--) sb_putc(b, (char)('a' + rn(26)));
            break;
        case 2:
            sb_puts(b, esc[rn(8)]);
            break;
        case 3: /* \u, no surrogate */
            do cp = rn(0x10000);
            while (cp >= 0xd800 && cp <= 0xdfff);
            snprintf(tmp, sizeof tmp, rn(2) ? "\\u%04x" : "\\u%04X", cp);
            sb_puts(b, tmp);
            break;
        case 4: /* a surrogate pair */
            cp = rn(0x100000);
            snprintf(tmp, sizeof tmp, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
            sb_puts(b, tmp);
            break;
        case 5:
            sb_utf8(b, 0x80 + rn(0x780));
            break;
        case 6:
            do cp = 0x800 + rn(0x10000 - 0x800);
            while (cp >= 0xd800 && cp <= 0xdfff);
            sb_utf8(b, cp);
            break;
        case 7:
            sb_utf8(b, 0x10000 + rn(0x100000));
            break;
        case 8:
            sb_puts(b, "\\u0000");
            break;
        case 9:
            sb_putc(b, " ~\x7f{}[],:"[rn(10)]);
            break;
        default:
            if (rn(12) == 0) sb_puts(b, badp[rn(sizeof badp / sizeof badp[0])]);
        }
    }
    sb_putc(b, '"');
}

static void gen_value(sbuf *b, int depth)
{
    static const char *const keys[] = {"\"a\"", "\"b\"", "\"c\"", "\"A\"", "\"ab\"", "\"\"", "\"\\u0061\"",
                                       "\"\xc3\xa9\"", "\"\\u00e9\"", "\"timestamp\"", "\"data\""};
    unsigned r = depth < 6 ? rn(12) : rn(7);
    unsigned k;
    switch (r) {
    case 0:
        sb_puts(b, rn(3) == 0 ? "null" : rn(2) ? "true" : "false");
        break;
    case 1:
    case 2:
    case 3:
        gen_number(b);
        break;
    case 4:
    case 5:
    case 6:
        gen_string(b);
        break;
    case 7:
    case 8:
        sb_putc(b, '[');
        gen_ws(b);
        k = rn(6);
        for (unsigned i = 0; i < k; i++) {
            if (i) sb_putc(b, ',');
            gen_ws(b);
            gen_value(b, depth + 1);
            gen_ws(b);
        }
        sb_putc(b, ']');
        break;
    default:
        sb_putc(b, '{');
        gen_ws(b);
        k = rn(4) == 0 ? rn(40) : rn(6);
        for (unsigned i = 0; i < k; i++) {
            if (i) sb_putc(b, ',');
            gen_ws(b);
            if (rn(3))
                sb_puts(b, keys[rn(sizeof keys / sizeof keys[0])]);
            else
                gen_string(b);
            gen_ws(b);
            sb_putc(b, ':');
            gen_ws(b);
            gen_value(b, depth + 1);
            gen_ws(b);
        }
        sb_putc(b, '}');
    }
}

/* Mutates b in place: one to four edits. */
static void mutate(sbuf *b)
{
    static const char interesting[] = {'"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', '{', '}', '[',
                                       ']', ',', ':', ' ', '\n', '\t', '\0', '\x1f', '\x7f', 'a', 't', 'n',
                                       (char)0x80, (char)0xbf, (char)0xc0, (char)0xc3, (char)0xe2, (char)0xed,
                                       (char)0xf0, (char)0xf4, (char)0xf5, (char)0xff};
    static const char *const tokens[] = {
        "\\u0000", "\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\uD800\\u0041", "\\u", "\\", "\"",
        "\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80", "\xc3", "\xe2\x82", "\xc3\xa9", "\xf0\x9f\x98\x80",
        "1e999", "-1e-999", "9223372036854775808", "-9223372036854775808", "-0", "0.", ".0", "01", "e", "E+",
        "true", "fals", "null", "[", "]", "{", "}", ",", ":", "\"a\":", "\"a\":1,", ",\"a\":2", "[[[[", "]]]]",
        "1.7976931348623159e308", "4.9e-324", "0.1", "\"\\u0000\":", "{\"a\\u0000\":0}", "\"\\u0061\":"};
    unsigned ops = 1 + rn(4);
    while (ops-- > 0) {
        size_t n = b->n, pos = n ? rn((unsigned)n + 1) : 0;
        switch (rn(9)) {
        case 0: /* flip a bit */
            if (pos < n) b->p[pos] ^= (char)(1u << rn(8));
            break;
        case 1: /* replace a byte */
            if (pos < n) b->p[pos] = interesting[rn(sizeof interesting)];
            break;
        case 2: { /* insert a byte */
            char c = interesting[rn(sizeof interesting)];
            sb_putc(b, 0);
            memmove(b->p + pos + 1, b->p + pos, n - pos);
            b->p[pos] = c;
            break;
        }
        case 3: /* delete a byte */
            if (pos < n) {
                memmove(b->p + pos, b->p + pos + 1, n - pos - 1);
                b->n--;
            }
            break;
        case 4: { /* delete a span */
            size_t k = pos < n ? 1 + rn((unsigned)(n - pos < 8 ? n - pos : 8)) : 0;
            memmove(b->p + pos, b->p + pos + k, n - pos - k);
            b->n -= k;
            break;
        }
        case 5: { /* copy a span elsewhere */
            size_t from = n ? rn((unsigned)n) : 0, k = n ? 1 + rn((unsigned)(n - from < 16 ? n - from : 16)) : 0;
            char tmp[16];
            if (!k) break;
            memcpy(tmp, b->p + from, k);
            sb_put(b, tmp, k);
            memmove(b->p + pos + k, b->p + pos, n - pos);
            memcpy(b->p + pos, tmp, k);
            break;
        }
        case 6: { /* insert a token */
            const char *t = tokens[rn(sizeof tokens / sizeof tokens[0])];
            size_t k = strlen(t);
            sb_put(b, t, k);
            memmove(b->p + pos + k, b->p + pos, n - pos);
            memcpy(b->p + pos, t, k);
            break;
        }
        case 7: /* truncate */
            b->n = pos;
            break;
        default: /* swap two bytes */
            if (n >= 2) {
                size_t q = rn((unsigned)n);
                char c;
                if (pos >= n) pos = n - 1;
                c = b->p[pos];
                b->p[pos] = b->p[q];
                b->p[q] = c;
            }
        }
    }
}

/* Shortest input (by removing bytes) that still disagrees. */
static size_t minimize(char *s, size_t n)
{
    char why[256];
    for (size_t chunk = n / 2 ? n / 2 : 1; chunk >= 1; chunk /= 2) {
        int again = 1;
        while (again) {
            again = 0;
            for (size_t at = 0; at + chunk <= n;) {
                char *t = malloc(n);
                if (!t) abort();
                memcpy(t, s, at);
                memcpy(t + at, s + at + chunk, n - at - chunk);
                if (diff_check(t, n - chunk, why, sizeof why)) {
                    memcpy(s, t, n - chunk);
                    n -= chunk;
                    again = 1;
                } else {
                    at++;
                }
                free(t);
            }
        }
        if (chunk == 1) break;
    }
    return n;
}

static int diff_failures, diff_runs;

static void diff_one(const char *text, size_t len, const char *origin)
{
    char why[256];
    diff_runs++;
    if (!diff_check(text, len, why, sizeof why)) return;
    if (++diff_failures <= 15) {
        char *m = malloc(len ? len : 1), why2[256];
        size_t mn;
        if (!m) abort();
        memcpy(m, text, len);
        mn = minimize(m, len);
        diff_check(m, mn, why2, sizeof why2);
        fprintf(stderr, "%s:%d: %s input \"%s\": %s\n    minimal: \"%s\": %s\n", __FILE__, __LINE__, origin,
                show(text, len), why, show(m, mn), why2);
        free(m);
    }
}

/* Seed documents for the mutations: export-like records and corner cases. */
static const lit SEEDS[] = {
    L("{\"timestamp\":1704067200,\"data\":[{\"post\":\"Sunset \\u00f0\\u009f\\u008c\\u0085\"}],"
      "\"attachments\":[{\"data\":[{\"media\":{\"uri\":\"posts/media/a.jpg\",\"creation_timestamp\":1}}]}],"
      "\"title\":\"Jane Doe added a new photo.\"}"),
    L("{\"messages\":[{\"sender_name\":\"Jane\",\"timestamp_ms\":1700000000123,\"content\":\"Hi \\ud83d\\ude00\","
      "\"reactions\":[{\"reaction\":\"\\u00e2\\u009d\\u00a4\",\"actor\":\"Bob\"}]}],"
      "\"participants\":[{\"name\":\"Jane\"},{\"name\":\"Bob\"}],\"is_still_participant\":true}"),
    L("{\"profile_user\":[{\"string_map_data\":{\"Name\":{\"value\":\"J\\u00c3\\u00a9r\\u00c3\\u00b4me\"},"
      "\"Date of birth\":{\"value\":\"1990-06-15\",\"timestamp\":0},\"a\":1,\"a\":2}}]}"),
    L("[1,-1,0,-0,0.5,-0.0,1e5,1E-5,2.5e+300,1e-320,9223372036854775807,-9223372036854775808]"),
    L("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\\u0000a\\u0000\",\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\",\"\\uffff\"]"),
    L("{\"a\":{\"b\":{\"c\":[[[{\"d\":null}]]]}},\"e\":[true,false,null],\"\":\"\"}"),
    L(" \n\t{ \"k\" : [ 1 , 2 ] , \"k\" : { } }\r\n "),
    L("\"just a string\""),
    L("123456789"),
    L("-1.5e-7"),
    L("null"),
    L("[[],{},[[]],[{}],{\"x\":[]}]"),
    L("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,"
      "\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k3\":33,\"k17\":177}"),
    L("{\"label_values\":[{\"label\":\"URL\",\"value\":\"https://example.org/a?b=c&d=\\u0026\"},"
      "{\"label\":\"Time\",\"timestamp_value\":1700000001}],\"fbid\":\"10\"}"),
};

/* Handwritten tricky inputs, checked against jansson (besides the tables
 * above, which check jansson agrees with their expectations). */
static const lit TRICKY[] = {
    L("{\"a\\u0000\":1}"), L("{\"a\":\"\\u0000\"}"), L("{\"\\u0000\":1,\"\\u0000\":2}"),
    L("[\"\\ud83d\\ude00\\ud83d\"]"), L("\"\\uDBFF\\uDFFF\""), L("\"\\uD800\\uDBFF\""), L("\"\\u0000\\ud800\""),
    L("\"\\ud800\\u0000\""), L("\"\\uE000\\uDC00\""), L("\"\\/\\/\""), L("\"\\u002F\""), L("\"\\u005C\""),
    L("\"\\u0022\""), L("\"\\\\u0041\""), L("\"\\\\\\u0041\""), L("{\"\\\\\":1,\"\\u005c\":2}"),
    L("[-0,-0.0,0e-0,0E+0,-0e0,0.0e0]"), L("[1e-0,1e+0,1e00000000000000000001]"),
    L("[0.00000000000000000000000000000000000001e38]"), L("[123456789012345678901234567890e-29]"),
    L("[1.0e-5,100e-7,0.000001]"), L("[2e-1074,3e-1074,5e-1075,2.5e-324]"), L("[1.7976931348623157e+308]"),
    L("[9999999999999999999999e286]"), L("[17976931348623157e292]"), L("[17976931348623159e292]"),
    L("[-9223372036854775808,-9223372036854775807,9223372036854775806]"), L("[-9223372036854775808.0]"),
    L("[9223372036854775807e0]"), L("[1E400]"), L("[1E-400]"), L("[-1E-400]"), L("[0.0E-999999999999]"),
    L("{\"a\":1,\"a\":2,\"b\":3,\"a\":4,\"b\":5,\"c\":6}"),
    L("{\"a\":{\"x\":1},\"a\":[1],\"a\":\"s\",\"a\":null}"), L("[{\"a\":1,\"a\":2},{\"a\":3}]"),
    L("{\"\":0,\"\":1}"), L("{\"a\":1,\"\\u0061\":2,\"\\u0041\":3,\"A\":4}"),
    L("[\"\x7f\",\"\xc2\x80\",\"\xdf\xbf\",\"\xe0\xa0\x80\",\"\xef\xbf\xbf\",\"\xf0\x90\x80\x80\",\"\xf4\x8f\xbf\xbf\"]"),
    L("[\"\xed\x9f\xbf\",\"\xee\x80\x80\"]"), L("[\"\xed\xa0\x80\"]"), L("[\"\xf4\x90\x80\x80\"]"),
    L("[\"\xc3\"]"), L("[\"\xc3]"), L("\"\xe2\x82\xac"), L("\"\xe2\x82\xac\\"), L("[\"\x80\"]"),
    L("\"0123456\xc3\xa9\""), L("\"01234567\xc3\xa9\""), L("\"012345678\xc3\xa9\""), L("\"0123456\xc3\""),
    L("\"0123456\\n\""), L("\"01234567\\\"\""), L("\"0123456\x01\""), L("\"0123456789abcde\""),
    L("\"0123456789abcdef\""), L("\"0123456789abcdef\\u0041\""), L("\"\\u0041\\u0041\\u0041\\u0041\\u00"),
    L("\"\\u004"), L("\"\\u00"), L("\"\\ud83d\\ude0"), L("\"\\ud83d\\u"), L("\"\\ud83d\\"), L("\"\\ud83d"),
    L("[true,false,null]"), L("[true ,false ,null ]"), L("[truefalse]"), L("[nulltrue]"), L("[null1]"),
    L("[-]"), L("[-1-1]"), L("[1-1]"), L("[1+1]"), L("[1e1e1]"), L("[0.0.0]"), L("[00]"), L("[-0.]"),
    L("{\"a\":1}\n"), L("{\"a\":1}\r\n\t "), L("\r\n\t {\"a\":1}"), L("{\"a\"\n:\n1\n}"), L("{\"a\":1}\x00"),
    L("\x00{\"a\":1}"), L("[\"a\",]"), L("{\"a\":1,,\"b\":2}"), L("{\"a\":1}{\"b\":2}"), L("[][]"),
    L("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"), L("[[[[[[[[[[[[[[]]]]]]]]]]]]]"),
    L("{\"a\":[{\"b\":[{\"c\":[{\"d\":[]}]}]}]}"), L("[\"\\u00e9\xc3\xa9\\u00E9\"]"),
    L("[\"a\\u0000\\u0000\\u0000b\"]"), L("\"\\u0000\""), L("\"\\u0080\\u0800\\u8000\\uFFFD\""),
    L("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33]"),
    L("{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8,\"9\":9,\"10\":10,\"11\":11,\"12\":12,"
      "\"13\":13,\"14\":14,\"15\":15,\"16\":16,\"17\":17,\"1\":-1,\"17\":-17,\"9\":-9}"),
    L("{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8,\"9\":9,\"10\":10,\"11\":11,\"12\":12,"
      "\"13\":13,\"14\":14,\"15\":15,\"16\":16,\"16\":-16}"),
    L(" "), L(""), L("\t"), L("1 "), L(" 1"), L("-"), L("--"), L("\"\"\"\""), L("[\"\"\"]"),
    L("{\"a\":\"\\u00\"}"), L("{\"a\":\"\\g\"}"), L("[1\n,\n2\n]"), L("[1,\n\n\n 2 x]"),
};

TT_TEST(differential_handwritten)
{
    static const lit *tables[] = {TRICKY, SEEDS};
    static const size_t sizes[] = {NLIT(TRICKY), NLIT(SEEDS)};
    diff_failures = diff_runs = 0;
    for (size_t t = 0; t < 2; t++)
        for (size_t i = 0; i < sizes[t]; i++) diff_one(tables[t][i].s, tables[t][i].n, "handwritten");
    TT_INT_EQ(diff_failures, 0);
    TT_ASSERT(diff_runs > 100);
}

TT_TEST(differential_mutations)
{
    sbuf b = {0};
    diff_failures = diff_runs = 0;
    rng = 0x243f6a8885a308d3ull;
    for (int i = 0; i < 10000; i++) {
        const lit *s = &SEEDS[(size_t)i % NLIT(SEEDS)];
        b.n = 0;
        sb_put(&b, s->s, s->n);
        mutate(&b);
        if (rn(3) == 0) mutate(&b);
        diff_one(b.p, b.n, "mutated");
    }
    free(b.p);
    TT_INT_EQ(diff_failures, 0);
}

TT_TEST(differential_generated)
{
    sbuf b = {0};
    int accepted = 0;
    diff_failures = diff_runs = 0;
    rng = 0x13198a2e03707344ull;
    for (int i = 0; i < 5000; i++) {
        b.n = 0;
        gen_ws(&b);
        gen_value(&b, 0);
        gen_ws(&b);
        accepted += jansson_accepts(b.p, b.n);
        diff_one(b.p, b.n, "generated");
        mutate(&b);
        diff_one(b.p, b.n, "generated+mutated");
    }
    free(b.p);
    TT_INT_EQ(diff_failures, 0);
    TT_ASSERT(accepted > 1500); /* the generator makes mostly valid JSON */
}

#define RUN(name)                                                              \
    do {                                                                       \
        TT_RUN(name);                                                          \
        fx_reset();                                                            \
    } while (0)

int main(void)
{
    RUN(types_and_access);
    RUN(find_exact_first);
    RUN(top_level_values);
    RUN(nested_structures);
    RUN(string_escapes);
    RUN(string_rejects);
    RUN(utf8);
    RUN(numbers);
    RUN(literals_and_structure);
    RUN(nul_after_token);
    RUN(prefix_elements);
    RUN(prefix_cases);
    RUN(duplicate_keys);
    RUN(duplicate_keys_many);
    RUN(limit_depth);
    RUN(limit_string);
    RUN(limit_values);
    RUN(error_positions);
    RUN(clear_and_reuse);
    RUN(kids_and_strdup);
    RUN(large_document);
    RUN(deep_nesting);
    RUN(differential_handwritten);
    RUN(differential_mutations);
    RUN(differential_generated);
    return tt_done();
}
