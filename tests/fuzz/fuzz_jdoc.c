/* fuzz_jdoc.c - the JSON reader of src/parse/jdoc.h against jansson, which it
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
#include "../jdoc_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


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
