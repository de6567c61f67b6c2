/* jdoc_oracle.h - jansson as the oracle of tr_jdoc_parse, shared by the unit
 * test (tests/unit/test_jdoc.c) and the fuzz harness (tests/fuzz/fuzz_jdoc.c):
 * deep equality of the two readers' values, jansson's one known quirk, and
 * what a parse of valid JSON meets (for the limit checks). Header-only. */
#ifndef TR_JDOC_ORACLE_H
#define TR_JDOC_ORACLE_H

#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "jdoc.h"

#define FLAGS_JANSSON (JSON_DECODE_ANY | JSON_ALLOW_NUL)

static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* Deep equality: types, integers, reals bitwise, string bytes (NULs too)
 * and the NUL after them, array order, object members in order, and
 * tr_jv_get finding each member's value. On a difference, *why says what. */
static int jv_equal(const tr_jv *a, json_t *b, const char **why)
{
    size_t i;
    if (!a) {
        *why = "missing value";
        return 0;
    }
    switch (json_typeof(b)) {
    case JSON_NULL:
        if (a->type != TR_JNULL) goto type;
        return 1;
    case JSON_TRUE:
        if (a->type != TR_JTRUE) goto type;
        return 1;
    case JSON_FALSE:
        if (a->type != TR_JFALSE) goto type;
        return 1;
    case JSON_INTEGER:
        if (a->type != TR_JINT) goto type;
        if (a->u.i != json_integer_value(b)) {
            *why = "integer differs";
            return 0;
        }
        return 1;
    case JSON_REAL:
        if (a->type != TR_JREAL) goto type;
        if (!same_bits(a->u.d, json_real_value(b))) {
            *why = "real differs";
            return 0;
        }
        return 1;
    case JSON_STRING:
        if (a->type != TR_JSTRING) goto type;
        if (a->n != json_string_length(b) || memcmp(a->u.s, json_string_value(b), a->n) != 0) {
            *why = "string differs";
            return 0;
        }
        if (a->u.s[a->n] != '\0') {
            *why = "string not NUL-terminated";
            return 0;
        }
        return 1;
    case JSON_ARRAY:
        if (a->type != TR_JARRAY) goto type;
        if (a->n != json_array_size(b)) {
            *why = "array size differs";
            return 0;
        }
        for (i = 0; i < a->n; i++)
            if (!jv_equal(&a->u.kids[i], json_array_get(b, i), why)) return 0;
        return 1;
    case JSON_OBJECT: {
        void *it;
        if (a->type != TR_JOBJECT) goto type;
        if (a->n != json_object_size(b)) {
            *why = "object size differs";
            return 0;
        }
        for (i = 0, it = json_object_iter(b); it; i++, it = json_object_iter_next(b, it)) {
            const char *key = json_object_iter_key(it);
            const tr_jv *k = tr_jv_key(a, i);
            if (!k || k->type != TR_JSTRING || k->n != strlen(key) || memcmp(k->u.s, key, k->n) != 0 ||
                k->u.s[k->n] != '\0') {
                *why = "object key differs (or member order)";
                return 0;
            }
            if (tr_jv_get(a, key) != tr_jv_val(a, i)) {
                *why = "tr_jv_get does not find the member";
                return 0;
            }
            if (!jv_equal(tr_jv_val(a, i), json_object_iter_value(it), why)) return 0;
        }
        return 1;
    }
    }
type:
    *why = "type differs";
    return 0;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* jansson 2.14 skips one NUL byte that directly follows a number or a
 * literal ("[1\0]" is [1] for it: its lexer reads the NUL as lookahead, and
 * ungetting it loses it), which jdoc rightly rejects. True when jdoc's
 * error *e is at such a NUL. */
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
            for (k = j + 1; k < n && is_ws(s[k]); k++) continue;
            if (!(k < n && s[k] == ':' && depth > 0)) st->values++;
            i = j + 1;
        } else if (is_ws(c) || c == ',' || c == ':') {
            i++;
        } else {
            st->values++;
            do i++;
            while (i < n && !strchr(" \t\n\r,]}", s[i]));
        }
    }
}

#endif
