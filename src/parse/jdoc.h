/* jdoc.h - libtrainable's JSON reader: strict, fast, one arena per document.
 *
 * Exports hold hundreds of megabytes of JSON, so reading it is most of a
 * scan. This reader parses RFC 8259 JSON in place: strings are unescaped
 * inside the caller's buffer and NUL-terminated there (an unescaped string is
 * never longer than its escaped form), and the values are small fixed-size
 * nodes in one arena, so a document costs a few large allocations, not one
 * per value. It accepts what jansson accepts with JSON_DECODE_ANY |
 * JSON_ALLOW_NUL: any value at the top, "\u0000" inside strings (not keys), strict
 * UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), no lone
 * surrogate escapes, integers that fit int64_t, finite reals. A key seen twice
 * in one object keeps its first position and its last value (as jansson).
 *
 * The limits of a scan are enforced while parsing, so nothing over them is
 * ever built: nesting depth, string and key length, number of values.
 *
 * Ownership: the values belong to the tr_jdoc that parsed them and point into
 * the buffer that was parsed. Both must outlive every use of a value.
 * tr_jdoc_clear drops the values and keeps the arena's memory for the next
 * parse. A tr_jdoc is used by one thread at a time.
 */
#ifndef TR_JDOC_H
#define TR_JDOC_H

#include <stddef.h>
#include <stdint.h>

typedef enum tr_jtype {
    TR_JNULL,
    TR_JFALSE,
    TR_JTRUE,
    TR_JINT,
    TR_JREAL,
    TR_JSTRING,
    TR_JARRAY,
    TR_JOBJECT
} tr_jtype;

/* One value: 16 bytes. An array's kids are its n elements; an object's kids
 * are 2n values, key (a string) then value, for each of its n members. */
typedef struct tr_jv {
    uint8_t type; /* tr_jtype */
    uint32_t n;   /* string: length in bytes; array, object: members */
    union {
        int64_t i;          /* TR_JINT */
        double d;           /* TR_JREAL */
        const char *s;      /* TR_JSTRING: NUL-terminated, may hold NULs */
        struct tr_jv *kids; /* TR_JARRAY, TR_JOBJECT */
    } u;
} tr_jv;

typedef struct tr_jdoc tr_jdoc;

/* Limits of one parse; 0 means no limit. values_left is decremented by
 * every value parsed (keys do not count), so one budget can span several
 * parses of the same member. */
typedef struct tr_jlimits {
    unsigned max_depth;        /* open arrays and objects at once */
    uint64_t max_string_bytes; /* a string or key longer than this (unescaped) */
    uint64_t values_left;      /* values still allowed; 0 with values_limited: none */
    int values_limited;        /* nonzero: enforce values_left */
} tr_jlimits;

typedef enum tr_jerr_kind {
    TR_JERR_NONE,
    TR_JERR_SYNTAX, /* not JSON */
    TR_JERR_DEPTH,  /* nested deeper than max_depth */
    TR_JERR_STRING, /* a string longer than max_string_bytes */
    TR_JERR_VALUES, /* more values than values_left */
    TR_JERR_NOMEM
} tr_jerr_kind;

typedef struct tr_jerror {
    tr_jerr_kind kind;
    size_t offset;      /* byte offset of the error in the buffer */
    unsigned long line; /* 1-based line and byte column of offset */
    unsigned long column;
    char text[96]; /* what is wrong, one line */
} tr_jerror;

/* Parse flags. */
#define TR_JPREFIX 1u /* one value, then stop: *used tells where it ended;
                       * whatever follows is not looked at */
#define TR_JCOPY 2u   /* leave buf unchanged: strings are decoded into the
                       * arena instead (the values need only d, not buf) */

tr_jdoc *tr_jdoc_new(void); /* NULL when out of memory */
void tr_jdoc_free(tr_jdoc *d);
/* Drop every value parsed so far; the arena's memory is kept. */
void tr_jdoc_clear(tr_jdoc *d);

/* Parse buf[0..len), which is modified (see above) unless TR_JCOPY is
 * given. Leading and trailing white space is allowed; without TR_JPREFIX
 * anything else after the value is an error. lim may be NULL. Returns the value (owned by d), or NULL with *err
 * filled. With TR_JPREFIX, *used (may be NULL) is set to the offset just past
 * the value. */
tr_jv *tr_jdoc_parse(tr_jdoc *d, char *buf, size_t len, unsigned flags, tr_jlimits *lim, size_t *used,
                     tr_jerror *err);

/* Copies a value from outside (a builder, another document) into d: an
 * arena copy of n kids, or of a string's bytes (NUL added). NULL when out of
 * memory. */
tr_jv *tr_jdoc_kids(tr_jdoc *d, size_t n);
const char *tr_jdoc_strdup(tr_jdoc *d, const char *s, size_t len);

/* ---- reading values (all accept NULL and then answer "no") ---- */

static inline int tr_jv_is(const tr_jv *v, tr_jtype t) { return v && v->type == t; }
#define tr_jv_is_object(v) tr_jv_is((v), TR_JOBJECT)
#define tr_jv_is_array(v) tr_jv_is((v), TR_JARRAY)
#define tr_jv_is_string(v) tr_jv_is((v), TR_JSTRING)
#define tr_jv_is_int(v) tr_jv_is((v), TR_JINT)
#define tr_jv_is_real(v) tr_jv_is((v), TR_JREAL)
#define tr_jv_is_true(v) tr_jv_is((v), TR_JTRUE)
static inline int tr_jv_is_bool(const tr_jv *v) { return v && (v->type == TR_JTRUE || v->type == TR_JFALSE); }
static inline int tr_jv_is_number(const tr_jv *v) { return v && (v->type == TR_JINT || v->type == TR_JREAL); }

/* Elements and members: count, element i, key i, value i (NULL / 0 when
 * out of range or of another type). */
static inline size_t tr_jv_size(const tr_jv *v)
{
    return v && (v->type == TR_JARRAY || v->type == TR_JOBJECT) ? v->n : 0;
}
static inline tr_jv *tr_jv_at(const tr_jv *v, size_t i)
{
    return tr_jv_is_array(v) && i < v->n ? &v->u.kids[i] : NULL;
}
static inline const tr_jv *tr_jv_key(const tr_jv *v, size_t i)
{
    return tr_jv_is_object(v) && i < v->n ? &v->u.kids[2 * i] : NULL;
}
static inline tr_jv *tr_jv_val(const tr_jv *v, size_t i)
{
    return tr_jv_is_object(v) && i < v->n ? &v->u.kids[2 * i + 1] : NULL;
}
static inline const char *tr_jv_str(const tr_jv *v) { return tr_jv_is_string(v) ? v->u.s : NULL; }
static inline size_t tr_jv_len(const tr_jv *v) { return tr_jv_is_string(v) ? v->n : 0; }
static inline int64_t tr_jv_int(const tr_jv *v) { return tr_jv_is_int(v) ? v->u.i : 0; }
static inline double tr_jv_number(const tr_jv *v)
{
    return tr_jv_is_int(v) ? (double)v->u.i : tr_jv_is_real(v) ? v->u.d : 0.0;
}

/* Member `key` (exact bytes, NUL-terminated) of an object, or NULL. */
tr_jv *tr_jv_get(const tr_jv *obj, const char *key);
/* The same, ignoring ASCII case. */
tr_jv *tr_jv_get_nocase(const tr_jv *obj, const char *key);
/* Member key[0..len): the exact one wherever it is, else the first equal to
 * it ignoring ASCII case; one pass over the keys. */
tr_jv *tr_jv_find(const tr_jv *obj, const char *key, size_t len);

#endif
