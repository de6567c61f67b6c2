/* fuzz_jdoc.c - the JSON reader of src/core/jdoc.h against jansson, which it
 * must match (JSON_DECODE_ANY | JSON_ALLOW_NUL): input: any bytes. Aborts
 * when
 *
 *  - jdoc and jansson disagree on accepting the input, or on its value
 *    (types, integers, reals bitwise, string bytes, member order);
 *  - an error is not SYNTAX without limits, or its offset, line and column
 *    do not fit the input;
 *  - TR_JPREFIX does not read a document jansson accepts up to its end, reads
 *    a value jansson does not read from the same bytes, changes a byte past
 *    the value, or misses a value jansson (JSON_DISABLE_EOF_CHECK) reads;
 *  - with small limits (depth, string bytes, values) a document does not
 *    parse exactly when it is within them, or fails with a limit it is
 *    within, or the value budget is not spent exactly;
 *  - TR_JPREFIX run again and again over the input (after each value, or one
 *    byte past each error), all in one document, gives values that are not
 *    jansson's, once all of them are read (earlier values must survive).
 *
 * Nesting past jansson's JSON_PARSER_MAX_DEPTH is not compared (jdoc has no
 * such limit), nor is the NUL byte jansson 2.14 skips after a number or a
 * literal ("[1\0]": the input is compared without that byte).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FLAGS_JANSSON (JSON_DECODE_ANY | JSON_ALLOW_NUL)

static tr_jdoc *doc;

static void die(const char *what, const char *text, size_t len)
{
    fprintf(stderr, "fuzz_jdoc: %s\ninput (%zu bytes): \"", what, len);
    for (size_t i = 0; i < len && i < 2000; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\"\n");
    abort();
}

static char *copy(const char *text, size_t len)
{
    char *b = malloc(len ? len : 1);
    if (!b) abort();
    if (len) memcpy(b, text, len);
    return b;
}

static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* Deep equality of a jdoc value and jansson's; *why says what differs. */
static int jv_equal(const tr_jv *a, json_t *b, const char **why)
{
    size_t i;
    void *it;
    if (!a) {
        *why = "missing value";
        return 0;
    }
    switch (json_typeof(b)) {
    case JSON_NULL: return a->type == TR_JNULL || (*why = "type differs", 0);
    case JSON_TRUE: return a->type == TR_JTRUE || (*why = "type differs", 0);
    case JSON_FALSE: return a->type == TR_JFALSE || (*why = "type differs", 0);
    case JSON_INTEGER:
        if (a->type != TR_JINT || a->u.i != json_integer_value(b)) return *why = "integer differs", 0;
        return 1;
    case JSON_REAL:
        if (a->type != TR_JREAL || !same_bits(a->u.d, json_real_value(b))) return *why = "real differs", 0;
        return 1;
    case JSON_STRING:
        if (a->type != TR_JSTRING || a->n != json_string_length(b) ||
            memcmp(a->u.s, json_string_value(b), a->n) != 0)
            return *why = "string differs", 0;
        if (a->u.s[a->n] != '\0') return *why = "string not NUL-terminated", 0;
        return 1;
    case JSON_ARRAY:
        if (a->type != TR_JARRAY || a->n != json_array_size(b)) return *why = "array differs", 0;
        for (i = 0; i < a->n; i++)
            if (!jv_equal(&a->u.kids[i], json_array_get(b, i), why)) return 0;
        return 1;
    case JSON_OBJECT:
        if (a->type != TR_JOBJECT || a->n != json_object_size(b)) return *why = "object differs", 0;
        for (i = 0, it = json_object_iter(b); it; i++, it = json_object_iter_next(b, it)) {
            const char *key = json_object_iter_key(it);
            const tr_jv *k = tr_jv_key(a, i);
            if (!k || k->type != TR_JSTRING || k->n != strlen(key) || memcmp(k->u.s, key, k->n) != 0 ||
                k->u.s[k->n] != '\0')
                return *why = "object key differs (or member order)", 0;
            if (tr_jv_get(a, key) != tr_jv_val(a, i)) return *why = "tr_jv_get does not find a member", 0;
            if (!jv_equal(tr_jv_val(a, i), json_object_iter_value(it), why)) return 0;
        }
        return 1;
    }
    *why = "unknown jansson type";
    return 0;
}

/* An error's offset, line and column fit the input. */
static void check_error(const tr_jerror *e, const char *text, size_t len)
{
    unsigned long line = 1;
    size_t line_start = 0;
    if (e->kind == TR_JERR_NONE) die("failed without an error kind", text, len);
    if (e->offset > len) die("error offset past the input", text, len);
    for (size_t i = 0; i < e->offset; i++)
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    if (e->line != line || e->column != e->offset - line_start + 1) die("error line or column wrong", text, len);
    if (!memchr(e->text, '\0', sizeof e->text) || !e->text[0]) die("error text empty or not terminated", text, len);
}

/* jansson 2.14 skips one NUL byte right after a number or literal. */
static int jansson_nul_quirk(const char *text, size_t len, const tr_jerror *e)
{
    size_t o = e->offset;
    char c;
    if (e->kind != TR_JERR_SYNTAX || o == 0 || o >= len || text[o] != '\0') return 0;
    c = text[o - 1];
    return (c >= '0' && c <= '9') || c == 'e' || c == 'l';
}

/* What a parse of valid JSON meets: containers open at once, the longest
 * string or key (decoded), values (keys not counted). */
typedef struct jstats {
    unsigned depth;
    uint64_t maxstr, values;
} jstats;

static unsigned hexval(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static void scan_stats(const char *s, size_t n, jstats *st)
{
    unsigned depth = 0;
    size_t i = 0;
    memset(st, 0, sizeof *st);
    while (i < n) {
        char c = s[i];
        if (c == '[' || c == '{') {
            if (++depth > st->depth) st->depth = depth;
            st->values++;
            i++;
        } else if (c == ']' || c == '}') {
            depth--;
            i++;
        } else if (c == '"') {
            uint64_t len = 0;
            size_t j = i + 1, k;
            while (s[j] != '"') {
                if (s[j] == '\\' && s[j + 1] == 'u') {
                    unsigned cp = hexval(s + j + 2);
                    j += 6;
                    if (cp >= 0xd800 && cp <= 0xdbff) {
                        j += 6;
                        len += 4;
                    } else {
                        len += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                    }
                } else {
                    j += s[j] == '\\' ? 2 : 1;
                    len++;
                }
            }
            if (len > st->maxstr) st->maxstr = len;
            for (k = j + 1; k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'); k++) continue;
            if (!(k < n && s[k] == ':' && depth > 0)) st->values++;
            i = j + 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
            i++;
        } else {
            st->values++;
            do i++;
            while (i < n && !strchr(" \t\n\r,]}", s[i]));
        }
    }
}

static void check_one(const char *text, size_t len, int depth);

/* Small limits derived from the input: parses exactly when within them. */
static void check_limits(const char *text, size_t len, json_t *j)
{
    jstats st;
    uint32_t h = 2166136261u;
    tr_jlimits lim;
    tr_jerror e;
    tr_jv *v;
    char *buf;
    unsigned violated = 0, bit;
    const char *why = "";

    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
    scan_stats(text, len, &st);
    lim.max_depth = h % 5;              /* 0: no limit */
    lim.max_string_bytes = (h >> 3) % 9; /* 0: no limit */
    lim.values_left = (h >> 7) % 24;
    lim.values_limited = (h >> 12) % 4 != 0;
    if (lim.max_depth && st.depth > lim.max_depth) violated |= 1u << TR_JERR_DEPTH;
    if (lim.max_string_bytes && st.maxstr > lim.max_string_bytes) violated |= 1u << TR_JERR_STRING;
    if (lim.values_limited && st.values > lim.values_left) violated |= 1u << TR_JERR_VALUES;

    tr_jdoc_clear(doc);
    buf = copy(text, len);
    {
        uint64_t left = lim.values_left;
        v = tr_jdoc_parse(doc, buf, len, 0, &lim, NULL, &e);
        if (!violated) {
            if (!v) die("fails within its limits", text, len);
            if (!jv_equal(v, j, &why)) die("differs from jansson with limits", text, len);
            if (lim.values_limited && lim.values_left != left - st.values)
                die("value budget not spent exactly", text, len);
        } else {
            if (v) die("parses over its limits", text, len);
            check_error(&e, text, len);
            bit = e.kind < 32 ? 1u << e.kind : 0;
            if (!(violated & bit)) die("fails with a limit it is within", text, len);
        }
    }
    free(buf);
}

/* TR_JPREFIX again and again over the input, all values in one document. */
static void check_prefix_walk(const char *text, size_t len)
{
    enum { MAXV = 64 };
    tr_jv *vals[MAXV];
    json_t *js[MAXV];
    size_t n = 0, pos = 0, used;
    char *buf = copy(text, len);
    const char *why = "";
    tr_jerror e;

    tr_jdoc_clear(doc);
    for (int round = 0; pos < len && round < 256 && n < MAXV; round++) {
        tr_jv *v = tr_jdoc_parse(doc, buf + pos, len - pos, TR_JPREFIX, NULL, &used, &e);
        if (!v) {
            check_error(&e, text + pos, len - pos);
            memcpy(buf + pos, text + pos, len - pos); /* undo any decoding */
            pos += e.offset + 1;
            continue;
        }
        if (used == 0 || used > len - pos) die("walk: TR_JPREFIX used out of range", text, len);
        if (memcmp(buf + pos + used, text + pos + used, len - pos - used) != 0)
            die("walk: TR_JPREFIX changed bytes after the value", text, len);
        {
            json_error_t je;
            json_t *j = json_loadb(text + pos, used, FLAGS_JANSSON, &je);
            if (!j) {
                if (json_error_code(&je) != json_error_stack_overflow) die("walk: jansson rejects a value", text, len);
            } else {
                vals[n] = v;
                js[n++] = j;
            }
        }
        pos += used;
    }
    for (size_t i = 0; i < n; i++) {
        if (!jv_equal(vals[i], js[i], &why)) die("walk: a value differs from jansson's", text, len);
        json_decref(js[i]);
    }
    free(buf);
}

static void check_one(const char *text, size_t len, int depth)
{
    json_error_t je;
    json_t *j = json_loadb(text, len, FLAGS_JANSSON, &je), *jp;
    char *buf;
    tr_jerror e;
    tr_jv *v;
    size_t used = (size_t)-1;
    const char *why = "";

    if (!j && json_error_code(&je) == json_error_stack_overflow) return;

    /* the whole input */
    tr_jdoc_clear(doc);
    buf = copy(text, len);
    v = tr_jdoc_parse(doc, buf, len, 0, NULL, NULL, &e);
    if (j && !v && depth < 8 && jansson_nul_quirk(text, len, &e)) {
        char *t = copy(text, len);
        memmove(t + e.offset, t + e.offset + 1, len - e.offset - 1);
        check_one(t, len - 1, depth + 1);
        free(t);
        free(buf);
        json_decref(j);
        return;
    }
    if (!j && v) die("jdoc accepts what jansson rejects", text, len);
    if (j && !v) die("jdoc rejects what jansson accepts", text, len);
    if (!v) {
        check_error(&e, text, len);
        if (e.kind != TR_JERR_SYNTAX) die("error kind not SYNTAX without limits", text, len);
    } else if (!jv_equal(v, j, &why)) {
        fprintf(stderr, "fuzz_jdoc: %s\n", why);
        die("values differ", text, len);
    }

    /* TR_JCOPY: the same outcome and error offset, the buffer untouched,
     * values that do not point into it */
    {
        size_t in_place = v ? 0 : e.offset;
        tr_jdoc_clear(doc);
        memcpy(buf, text, len);
        v = tr_jdoc_parse(doc, buf, len, TR_JCOPY, NULL, NULL, &e);
        if (len && memcmp(buf, text, len) != 0) die("TR_JCOPY changed the buffer", text, len);
        if (!v != !j) die("TR_JCOPY and jansson disagree", text, len);
        if (!v && e.offset != in_place) die("TR_JCOPY reports another error offset", text, len);
        if (len) memset(buf, 'x', len);
        if (v && !jv_equal(v, j, &why)) {
            fprintf(stderr, "fuzz_jdoc: %s\n", why);
            die("TR_JCOPY values differ", text, len);
        }
    }

    /* TR_JPREFIX on the same bytes */
    tr_jdoc_clear(doc);
    memcpy(buf, text, len);
    v = tr_jdoc_parse(doc, buf, len, TR_JPREFIX, NULL, &used, &e);
    if (j) {
        size_t end = len;
        while (end > 0 && strchr(" \t\n\r", text[end - 1]) && text[end - 1]) end--;
        if (!v || used != end) die("TR_JPREFIX does not read a whole document", text, len);
    }
    if (v) {
        if (used == 0 || used > len) die("TR_JPREFIX used out of range", text, len);
        if (memcmp(buf + used, text + used, len - used) != 0) die("TR_JPREFIX changed bytes after the value", text, len);
        jp = json_loadb(text, used, FLAGS_JANSSON, &je);
        if (!jp && json_error_code(&je) != json_error_stack_overflow)
            die("TR_JPREFIX read a value jansson rejects", text, len);
        if (jp && !jv_equal(v, jp, &why)) die("TR_JPREFIX value differs from jansson's", text, len);
        json_decref(jp);
    } else {
        check_error(&e, text, len);
    }
    jp = json_loadb(text, len, FLAGS_JANSSON | JSON_DISABLE_EOF_CHECK, &je);
    if (jp && je.position >= 0 && (size_t)je.position <= len) {
        size_t p = (size_t)je.position;
        json_t *jq = json_loadb(text, p, FLAGS_JANSSON, &je);
        if (jq && (!v || used != p)) die("TR_JPREFIX misses the value jansson reads", text, len);
        json_decref(jq);
    }
    json_decref(jp);
    free(buf);

    if (j) check_limits(text, len, j);
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!doc && !(doc = tr_jdoc_new())) abort();
    check_one((const char *)data, size, 0);
    check_prefix_walk((const char *)data, size);
    return 0;
}
