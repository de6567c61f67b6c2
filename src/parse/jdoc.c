/* jdoc.c - the JSON reader of jdoc.h.
 *
 * One loop, no recursion: open arrays and objects are frames over a stack
 * of finished values; closing a container copies its values into the arena
 * in one block. Strings are scanned eight bytes at a time while they hold
 * nothing but printable ASCII; escapes and UTF-8 are handled byte by byte,
 * writing the decoded string over its own escaped form.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* newlocale, strtod_l */
#endif
#include "jdoc.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK_MIN (64u * 1024u)
#define CHUNK_MAX (8u * 1024u * 1024u)

typedef struct chunk {
    struct chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
} chunk;

typedef struct frame {
    size_t start; /* first kid on the value stack */
    uint8_t type; /* TR_JARRAY or TR_JOBJECT */
} frame;

struct tr_jdoc {
    chunk *first, *cur; /* chunks after cur are free */
    tr_jv *vs;          /* values of the open containers */
    size_t vn, vcap;
    frame *fs; /* open containers */
    size_t fn, fcap;
    uint32_t *slots; /* scratch hash table for duplicate keys */
    size_t nslots;
};

tr_jdoc *tr_jdoc_new(void)
{
    return calloc(1, sizeof(tr_jdoc));
}

void tr_jdoc_free(tr_jdoc *d)
{
    if (d == NULL)
        return;
    for (chunk *c = d->first, *n; c != NULL; c = n) {
        n = c->next;
        free(c);
    }
    free(d->vs);
    free(d->fs);
    free(d->slots);
    free(d);
}

void tr_jdoc_clear(tr_jdoc *d)
{
    if (d == NULL)
        return;
    d->cur = d->first;
    if (d->cur != NULL)
        d->cur->used = 0;
    d->vn = d->fn = 0;
}

static void *arena_grow(tr_jdoc *d, size_t bytes);

/* bytes (rounded up to 16) from the arena: a bump of the current chunk, or
 * arena_grow. NULL when out of memory. */
static inline void *arena_alloc(tr_jdoc *d, size_t bytes)
{
    chunk *c = d->cur;
    size_t r = (bytes + 15) & ~(size_t)15;
    if (c != NULL && r >= bytes && c->cap - c->used >= r) {
        c->used += r;
        return c->data + c->used - r;
    }
    return arena_grow(d, bytes);
}

static void *arena_grow(tr_jdoc *d, size_t bytes)
{
    chunk *c = d->cur, *nc;
    size_t cap;

    if (bytes > SIZE_MAX - 15)
        return NULL;
    bytes = (bytes + 15) & ~(size_t)15;
    if (c != NULL && c->cap - c->used >= bytes)
        goto take;
    /* the free chunks after cur, if one is big enough */
    while (c != NULL && c->next != NULL) {
        c = c->next;
        c->used = 0;
        d->cur = c;
        if (c->cap >= bytes)
            goto take;
    }
    cap = c != NULL ? c->cap * 2 : CHUNK_MIN;
    if (cap > CHUNK_MAX)
        cap = CHUNK_MAX;
    if (cap < bytes)
        cap = bytes;
    if (cap > SIZE_MAX - sizeof(chunk))
        return NULL;
    nc = malloc(sizeof(chunk) + cap);
    if (nc == NULL)
        return NULL;
    nc->next = NULL;
    nc->cap = cap;
    nc->used = 0;
    if (c != NULL)
        c->next = nc;
    else
        d->first = nc;
    d->cur = c = nc;
take:
    c->used += bytes;
    return c->data + c->used - bytes;
}

tr_jv *tr_jdoc_kids(tr_jdoc *d, size_t n)
{
    tr_jv *v;
    if (d == NULL || n > SIZE_MAX / sizeof(tr_jv))
        return NULL;
    v = arena_alloc(d, n ? n * sizeof(tr_jv) : 1);
    if (v != NULL && n)
        memset(v, 0, n * sizeof(tr_jv));
    return v;
}

const char *tr_jdoc_strdup(tr_jdoc *d, const char *s, size_t len)
{
    char *p;
    if (d == NULL || len == SIZE_MAX)
        return NULL;
    p = arena_alloc(d, len + 1);
    if (p == NULL)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* ---- lookup ---------------------------------------------------------------- */

tr_jv *tr_jv_get(const tr_jv *obj, const char *key)
{
    size_t len;
    if (!tr_jv_is_object(obj) || key == NULL)
        return NULL;
    len = strlen(key);
    for (size_t i = 0; i < obj->n; i++) {
        const tr_jv *k = &obj->u.kids[2 * i];
        if (k->n == len && memcmp(k->u.s, key, len) == 0)
            return &obj->u.kids[2 * i + 1];
    }
    return NULL;
}

/* Whether a[0..n) and b[0..n) are equal ignoring ASCII case. */
static int same_nocase(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z'))
            return 0;
    }
    return 1;
}

tr_jv *tr_jv_get_nocase(const tr_jv *obj, const char *key)
{
    size_t len;
    if (!tr_jv_is_object(obj) || key == NULL)
        return NULL;
    len = strlen(key);
    for (size_t i = 0; i < obj->n; i++) {
        const tr_jv *k = &obj->u.kids[2 * i];
        if (k->n == len && same_nocase(k->u.s, key, len))
            return &obj->u.kids[2 * i + 1];
    }
    return NULL;
}

tr_jv *tr_jv_find(const tr_jv *obj, const char *key, size_t len)
{
    tr_jv *nocase = NULL;
    if (!tr_jv_is_object(obj) || key == NULL)
        return NULL;
    for (size_t i = 0; i < obj->n; i++) {
        const tr_jv *k = &obj->u.kids[2 * i];
        if (k->n != len)
            continue;
        if (memcmp(k->u.s, key, len) == 0)
            return &obj->u.kids[2 * i + 1];
        if (!nocase && same_nocase(k->u.s, key, len))
            nocase = &obj->u.kids[2 * i + 1];
    }
    return nocase;
}

/* ---- the parser ------------------------------------------------------------ */

typedef struct parser {
    tr_jdoc *d;
    char *buf, *end;
    const char *line_start; /* first byte of the current line */
    unsigned long line;
    tr_jlimits *lim;
    tr_jerror *err;
    int copy;    /* TR_JCOPY: decoded strings go to the arena, buf stays as it is */
    int escaped; /* the last string had an escape */
} parser;

static void fail(parser *ps, const char *at, tr_jerr_kind kind, const char *f, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(parser *ps, const char *at, tr_jerr_kind kind, const char *f, ...)
{
    tr_jerror *e = ps->err;
    va_list ap;
    if (e->kind != TR_JERR_NONE)
        return;
    e->kind = kind;
    e->offset = (size_t)(at - ps->buf);
    e->line = ps->line;
    e->column = (unsigned long)(at - ps->line_start) + 1;
    va_start(ap, f);
    vsnprintf(e->text, sizeof e->text, f, ap);
    va_end(ap);
}

static void fail_char(parser *ps, const char *p, const char *expected)
{
    if (p >= ps->end)
        fail(ps, p, TR_JERR_SYNTAX, "unexpected end of input: %s expected", expected);
    else if ((unsigned char)*p >= 0x21 && (unsigned char)*p < 0x7f)
        fail(ps, p, TR_JERR_SYNTAX, "unexpected '%c': %s expected", *p, expected);
    else
        fail(ps, p, TR_JERR_SYNTAX, "unexpected byte 0x%02x: %s expected", (unsigned char)*p, expected);
}

static inline char *skip_ws(parser *ps, char *p)
{
    char *end = ps->end;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ') {
#ifdef __SSE2__
            if (end - p >= 16) { /* indentation: the run of spaces at once */
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
                unsigned m = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))) & 0xffffu;
                p += m ? (unsigned)__builtin_ctz(m) : 16u;
                continue;
            }
#else
            uint64_t v;
            if (end - p >= 8) {
                memcpy(&v, p, 8);
                if (v == 0x2020202020202020ull) {
                    p += 8;
                    continue;
                }
            }
#endif
            p++;
        } else if (c == '\n') {
            p++;
            ps->line++;
            ps->line_start = p;
        } else if (c == '\t' || c == '\r') {
            p++;
        } else {
            break;
        }
    }
    return p;
}

/* The first of the next 16 bytes (at least 16 must be there) that is not
 * printable ASCII other than '"' and '\\': its index, or 16 when none is.
 * One signed comparison finds both the control bytes and those >= 0x80. */
#ifdef __SSE2__
static inline unsigned special16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                             _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    return bits ? (unsigned)__builtin_ctz(bits) : 16u;
}
#endif

/* Nonzero when one of the 8 bytes is not printable ASCII other than '"'
 * and '\\' (a byte < 0x20, >= 0x80, '"' or '\\'). */
static inline uint64_t special8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (v | ((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
}

/* The value of a hex digit, or 16 and more when c is not one. */
static inline unsigned hexval(unsigned char c)
{
    unsigned d = (unsigned)c - '0', l = ((unsigned)c | 0x20) - 'a';
    return d < 10 ? d : l < 6 ? l + 10 : 16;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned a = hexval((unsigned char)p[0]), b = hexval((unsigned char)p[1]), c = hexval((unsigned char)p[2]),
             d = hexval((unsigned char)p[3]);
    if ((a | b | c | d) >= 16)
        return -1;
    *out = a << 12 | b << 8 | c << 4 | d;
    return 0;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static inline int utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xbf;
    int n;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (end - p < n || p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xc0 | cp >> 6);
        *w++ = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xe0 | cp >> 12);
        *w++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *w++ = (char)(0x80 | (cp & 0x3f));
    } else {
        *w++ = (char)(0xf0 | cp >> 18);
        *w++ = (char)(0x80 | (cp >> 12 & 0x3f));
        *w++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *w++ = (char)(0x80 | (cp & 0x3f));
    }
    return w;
}

/* p is just past the opening quote. Decodes the string in place into *out
 * and returns the byte after the closing quote, or NULL (error set). */
static char *parse_string(parser *ps, char *p, tr_jv *out)
{
    char *start = p, *end = ps->end, *w, *dst = start;
    size_t len;

    /* fast path: no escapes yet, nothing to move */
    for (;;) {
        uint64_t v;
#ifdef __SSE2__
        while (end - p >= 16) {
            unsigned i = special16(p);
            p += i;
            if (i < 16)
                break;
        }
#endif
        while (end - p >= 8) {
            memcpy(&v, p, 8);
            if (special8(v))
                break;
            p += 8;
        }
        if (p >= end)
            goto unterminated;
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            if (ps->copy) {
                if ((dst = arena_alloc(ps->d, (size_t)(p - start) + 1)) == NULL)
                    goto nomem;
                memcpy(dst, start, (size_t)(p - start));
                w = dst + (p - start);
            } else {
                w = p;
            }
            goto done;
        }
        if (c == '\\')
            break;
        if (c < 0x20)
            goto control;
        if (c >= 0x80) {
            int n = utf8_len((const unsigned char *)p, (const unsigned char *)end);
            if (n == 0)
                goto bad_utf8;
            p += n;
        } else {
            p++;
        }
    }
    /* slow path: from the first escape on, write the decoded bytes at w
     * (over the string itself, or into the arena: never more bytes than the
     * escaped form, which ends at the first quote not escaped) */
    ps->escaped = 1;
    w = p;
    int room16 = 0; /* w has 16 bytes of room past the decoded string's end */
    if (ps->copy) {
        const char *q = p;
        while (q < end && *q != '"')
            q += *q == '\\' ? 2 : 1;
        if (q > end) /* no closing quote: the loop below says what is wrong */
            q = end;
        if ((dst = arena_alloc(ps->d, (size_t)(q - start) + 1 + 16)) == NULL)
            goto nomem;
        memcpy(dst, start, (size_t)(p - start));
        w = dst + (p - start);
        room16 = 1;
    }
    while (p < end) {
        unsigned char c;
        uint64_t v;
#ifdef __SSE2__
        while (end - p >= 16) { /* plain runs move sixteen bytes at a time */
            unsigned i = special16(p);
            if (i < 16) {
                /* only the plain bytes count; all 16 may be stored when
                 * that cannot reach unread input (16 bytes behind it, or
                 * the arena copy, which has room for them) */
                if (room16 || p - w >= 16)
                    _mm_storeu_si128((__m128i *)(void *)w, _mm_loadu_si128((const __m128i *)(const void *)p));
                else
                    memmove(w, p, i);
                w += i;
                p += i;
                break;
            }
            _mm_storeu_si128((__m128i *)(void *)w, _mm_loadu_si128((const __m128i *)(const void *)p));
            w += 16;
            p += 16;
        }
#endif
        while (end - p >= 8) { /* plain runs move eight bytes at a time */
            memcpy(&v, p, 8);
            if (special8(v))
                break;
            memcpy(w, &v, 8);
            w += 8;
            p += 8;
        }
        if (p >= end)
            break;
        c = (unsigned char)*p;
        if (c == '"')
            goto done;
        if (c == '\\') {
            if (end - p < 2)
                goto unterminated;
            /* \u00XX first, without the switch's indirect jump: Meta writes
             * every byte of non-ASCII text this way */
            if (p[1] == 'u' && end - p >= 6 && p[2] == '0' && p[3] == '0') {
                const char *q = p;
                do { /* they come in runs: a mojibake character is 2 to 4 */
                    unsigned hi4 = hexval((unsigned char)q[4]), lo4 = hexval((unsigned char)q[5]), cp;
                    if ((hi4 | lo4) >= 16)
                        break;
                    cp = hi4 << 4 | lo4;
                    if (cp < 0x80) {
                        *w++ = (char)cp;
                    } else {
                        *w++ = (char)(0xc0 | cp >> 6);
                        *w++ = (char)(0x80 | (cp & 0x3f));
                    }
                    q += 6;
                } while (end - q >= 6 && q[0] == '\\' && q[1] == 'u' && q[2] == '0' && q[3] == '0');
                if (q != p) {
                    p = (char *)q;
                    continue;
                }
            }
            switch (p[1]) {
            case '"': *w++ = '"'; break;
            case '\\': *w++ = '\\'; break;
            case '/': *w++ = '/'; break;
            case 'b': *w++ = '\b'; break;
            case 'f': *w++ = '\f'; break;
            case 'n': *w++ = '\n'; break;
            case 'r': *w++ = '\r'; break;
            case 't': *w++ = '\t'; break;
            case 'u': {
                unsigned cp, lo;
                if (end - p < 6 || hex4(p + 2, &cp) != 0) {
                    fail(ps, p, TR_JERR_SYNTAX, "invalid \\u escape in a string");
                    return NULL;
                }
                if (cp >= 0xdc00 && cp <= 0xdfff) {
                    fail(ps, p, TR_JERR_SYNTAX, "invalid Unicode escape \\u%04X (a lone low surrogate)", cp);
                    return NULL;
                }
                if (cp >= 0xd800 && cp <= 0xdbff) {
                    if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) != 0 || lo < 0xdc00 ||
                        lo > 0xdfff) {
                        fail(ps, p, TR_JERR_SYNTAX, "invalid Unicode escape \\u%04X (a high surrogate without its pair)",
                             cp);
                        return NULL;
                    }
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    p += 6;
                }
                w = put_utf8(w, cp);
                p += 6;
                continue;
            }
            default:
                fail(ps, p, TR_JERR_SYNTAX, "invalid escape in a string");
                return NULL;
            }
            p += 2;
        } else if (c < 0x20) {
            goto control;
        } else if (c >= 0x80) {
            int n = utf8_len((const unsigned char *)p, (const unsigned char *)end);
            if (n == 0)
                goto bad_utf8;
            memmove(w, p, (size_t)n);
            w += n;
            p += n;
        } else {
            *w++ = (char)c;
            p++;
        }
    }
unterminated:
    fail(ps, start - 1, TR_JERR_SYNTAX, "unterminated string");
    return NULL;
control:
    fail(ps, p, TR_JERR_SYNTAX, "control character 0x%02x in a string", (unsigned char)*p);
    return NULL;
bad_utf8:
    fail(ps, p, TR_JERR_SYNTAX, "invalid UTF-8 in a string");
    return NULL;
nomem:
    fail(ps, p, TR_JERR_NOMEM, "out of memory");
    return NULL;
done:
    len = (size_t)(w - dst);
    if (ps->lim != NULL && ps->lim->max_string_bytes && len > ps->lim->max_string_bytes) {
        fail(ps, start - 1, TR_JERR_STRING, "string longer than %llu bytes",
             (unsigned long long)ps->lim->max_string_bytes);
        return NULL;
    }
    if (len > UINT32_MAX) {
        fail(ps, start - 1, TR_JERR_STRING, "string longer than 4 GiB");
        return NULL;
    }
    *w = '\0'; /* in place, w <= p, the closing quote */
    out->type = TR_JSTRING;
    out->n = (uint32_t)len;
    out->u.s = dst;
    return p + 1;
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void c_locale_init(void) { c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static char *parse_number(parser *ps, char *p, tr_jv *out)
{
    char *start = p, *end = ps->end;
    uint64_t mag = 0;
    int neg = 0, big = 0, real = 0;

    if (*p == '-') {
        neg = 1;
        p++;
    }
    if (p < end && *p == '0') {
        p++;
    } else if (p < end && *p >= '1' && *p <= '9') {
        const char *first = p;
        /* 19 digits always fit in 64 bits: check for overflow only after */
        for (; p < end && is_digit(*p) && p - first < 19; p++)
            mag = mag * 10 + (unsigned)(*p - '0');
        for (; p < end && is_digit(*p); p++) {
            unsigned dgt = (unsigned)(*p - '0');
            if (mag > (UINT64_MAX - dgt) / 10)
                big = 1;
            else
                mag = mag * 10 + dgt;
        }
    } else {
        fail_char(ps, p, "a digit");
        return NULL;
    }
    if (p < end && *p == '.') {
        real = 1;
        p++;
        if (p >= end || !is_digit(*p)) {
            fail_char(ps, p, "a digit after '.'");
            return NULL;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        real = 1;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || !is_digit(*p)) {
            fail_char(ps, p, "a digit in the exponent");
            return NULL;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && is_digit(*p)) { /* "01" */
        fail(ps, p, TR_JERR_SYNTAX, "invalid number (a leading zero)");
        return NULL;
    }
    if (!real) {
        if (big || mag > (uint64_t)INT64_MAX + (uint64_t)neg) {
            fail(ps, start, TR_JERR_SYNTAX, "integer out of range");
            return NULL;
        }
        out->type = TR_JINT;
        out->n = 0;
        out->u.i = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
        return p;
    }
    {
        char small[64], *tmp = small, *e;
        size_t n = (size_t)(p - start);
        double v;
        if (n >= sizeof small && (tmp = malloc(n + 1)) == NULL) {
            fail(ps, start, TR_JERR_NOMEM, "out of memory");
            return NULL;
        }
        memcpy(tmp, start, n);
        tmp[n] = '\0';
        pthread_once(&c_locale_once, c_locale_init);
        errno = 0;
        v = c_locale != (locale_t)0 ? strtod_l(tmp, &e, c_locale) : strtod(tmp, &e);
        if (tmp != small)
            free(tmp);
        if (isinf(v) && errno == ERANGE) {
            fail(ps, start, TR_JERR_SYNTAX, "real number overflow");
            return NULL;
        }
        out->type = TR_JREAL;
        out->n = 0;
        out->u.d = v;
    }
    return p;
}

/* Room for one more value on the stack. 0, or -1 (error set). */
static int grow_stack(parser *ps)
{
    tr_jdoc *d = ps->d;
    size_t cap = d->vcap ? d->vcap * 2 : 256;
    tr_jv *nv = cap <= SIZE_MAX / sizeof *nv ? realloc(d->vs, cap * sizeof *nv) : NULL;
    if (nv == NULL) {
        fail(ps, ps->buf, TR_JERR_NOMEM, "out of memory");
        return -1;
    }
    d->vs = nv;
    d->vcap = cap;
    return 0;
}

static inline int push(parser *ps, const tr_jv *v)
{
    tr_jdoc *d = ps->d;
    if (d->vn == d->vcap && grow_stack(ps) != 0)
        return -1;
    d->vs[d->vn++] = *v;
    return 0;
}

static size_t hash_key(const tr_jv *k)
{
    size_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < k->n; i++)
        h = (h ^ (unsigned char)k->u.s[i]) * 1099511628211ull;
    return h;
}

static int same_key(const tr_jv *a, const tr_jv *b)
{
    return a->n == b->n && (a->n == 0 || (a->u.s[0] == b->u.s[0] && memcmp(a->u.s, b->u.s, a->n) == 0));
}

#define DEAD 0xff

/* Keys seen twice in the n members kv[0..2n): the first keeps its place and
 * takes the last value. Returns the member count left, or (size_t)-1 when
 * out of memory. */
static size_t dedupe(parser *ps, tr_jv *kv, size_t n)
{
    tr_jdoc *d = ps->d;
    size_t dups = 0, keep = 0;

    if (n <= 16) {
        for (size_t j = 1; j < n; j++)
            for (size_t i = 0; i < j; i++)
                if (kv[2 * i].type != DEAD && same_key(&kv[2 * i], &kv[2 * j])) {
                    kv[2 * i + 1] = kv[2 * j + 1];
                    kv[2 * j].type = DEAD;
                    dups++;
                    break;
                }
    } else {
        size_t want = 64, mask;
        while (want < 2 * n)
            want *= 2;
        if (d->nslots < want) {
            uint32_t *ns = realloc(d->slots, want * sizeof *ns);
            if (ns == NULL)
                return (size_t)-1;
            d->slots = ns;
            d->nslots = want;
        }
        mask = want - 1;
        memset(d->slots, 0xff, want * sizeof *d->slots);
        for (size_t j = 0; j < n; j++) {
            size_t h = hash_key(&kv[2 * j]) & mask;
            for (;; h = (h + 1) & mask) {
                uint32_t s = d->slots[h];
                if (s == UINT32_MAX) {
                    d->slots[h] = (uint32_t)j;
                    break;
                }
                if (same_key(&kv[2 * s], &kv[2 * j])) {
                    kv[2 * s + 1] = kv[2 * j + 1];
                    kv[2 * j].type = DEAD;
                    dups++;
                    break;
                }
            }
        }
    }
    if (dups == 0)
        return n;
    for (size_t j = 0; j < n; j++) {
        if (kv[2 * j].type == DEAD)
            continue;
        kv[2 * keep] = kv[2 * j];
        kv[2 * keep + 1] = kv[2 * j + 1];
        keep++;
    }
    return keep;
}

/* Close the innermost container: its values move into the arena and the
 * container takes their place on the stack. */
static int close_frame(parser *ps, const char *at)
{
    tr_jdoc *d = ps->d;
    frame f = d->fs[--d->fn];
    size_t cnt = d->vn - f.start, members = cnt;
    tr_jv node;

    if (f.type == TR_JOBJECT) {
        members = cnt / 2;
        if (members > 1) {
            members = dedupe(ps, d->vs + f.start, members);
            if (members == (size_t)-1) {
                fail(ps, at, TR_JERR_NOMEM, "out of memory");
                return -1;
            }
        }
        cnt = 2 * members;
    }
    if (members > UINT32_MAX) {
        fail(ps, at, TR_JERR_VALUES, "more than %lu members in one array or object", (unsigned long)UINT32_MAX);
        return -1;
    }
    node.type = f.type;
    node.n = (uint32_t)members;
    node.u.kids = NULL;
    if (cnt) {
        node.u.kids = arena_alloc(d, cnt * sizeof(tr_jv));
        if (node.u.kids == NULL) {
            fail(ps, at, TR_JERR_NOMEM, "out of memory");
            return -1;
        }
        memcpy(node.u.kids, d->vs + f.start, cnt * sizeof(tr_jv));
    }
    d->vn = f.start;
    return push(ps, &node);
}

static int open_frame(parser *ps, const char *at, uint8_t type)
{
    tr_jdoc *d = ps->d;
    if (ps->lim != NULL && ps->lim->max_depth && d->fn >= ps->lim->max_depth) {
        fail(ps, at, TR_JERR_DEPTH, "nested deeper than %u levels", ps->lim->max_depth);
        return -1;
    }
    if (d->fn == d->fcap) {
        size_t cap = d->fcap ? d->fcap * 2 : 64;
        frame *nf = cap <= SIZE_MAX / sizeof *nf ? realloc(d->fs, cap * sizeof *nf) : NULL;
        if (nf == NULL) {
            fail(ps, at, TR_JERR_NOMEM, "out of memory");
            return -1;
        }
        d->fs = nf;
        d->fcap = cap;
    }
    d->fs[d->fn].start = d->vn;
    d->fs[d->fn].type = type;
    d->fn++;
    return 0;
}

/* An object key and its colon at p (white space skipped before). Returns
 * the first byte of the value, or NULL. */
static char *parse_key(parser *ps, char *p)
{
    tr_jdoc *d = ps->d;
    tr_jv *k;
    if (p >= ps->end || *p != '"') {
        fail_char(ps, p, "a string (an object key)");
        return NULL;
    }
    char *quote = p;
    /* decoded straight into the stack's next slot (no copy of the value) */
    if (d->vn == d->vcap && grow_stack(ps) != 0)
        return NULL;
    k = &d->vs[d->vn];
    ps->escaped = 0;
    p = parse_string(ps, p + 1, k);
    if (p == NULL)
        return NULL;
    if (ps->escaped && memchr(k->u.s, '\0', k->n) != NULL) { /* as jansson: keys are C strings */
        fail(ps, quote, TR_JERR_SYNTAX, "NUL character (\\u0000) in an object key");
        return NULL;
    }
    d->vn++;
    p = skip_ws(ps, p);
    if (p >= ps->end || *p != ':') {
        fail_char(ps, p, "':'");
        return NULL;
    }
    return skip_ws(ps, p + 1);
}

static char *parse_literal(parser *ps, char *p, tr_jv *out)
{
    static const struct { const char *word; size_t len; uint8_t type; } lit[] = {
        {"true", 4, TR_JTRUE}, {"false", 5, TR_JFALSE}, {"null", 4, TR_JNULL}};
    for (size_t i = 0; i < 3; i++) {
        if (*p != lit[i].word[0])
            continue;
        if ((size_t)(ps->end - p) >= lit[i].len && memcmp(p, lit[i].word, lit[i].len) == 0 &&
            (ps->end - p == (ptrdiff_t)lit[i].len || !is_alpha(p[lit[i].len]))) {
            out->type = lit[i].type;
            out->n = 0;
            out->u.i = 0;
            return p + lit[i].len;
        }
        break;
    }
    fail(ps, p, TR_JERR_SYNTAX, "invalid literal (true, false or null expected)");
    return NULL;
}

tr_jv *tr_jdoc_parse(tr_jdoc *d, char *buf, size_t len, unsigned flags, tr_jlimits *lim, size_t *used,
                     tr_jerror *err)
{
    tr_jerror scratch;
    parser ps;
    char *p;
    tr_jv *root = NULL;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof *err);
    if (d == NULL || (buf == NULL && len > 0)) {
        err->kind = TR_JERR_SYNTAX;
        snprintf(err->text, sizeof err->text, "no document");
        return NULL;
    }
    if (buf == NULL)
        buf = (char *)"";
    ps.d = d;
    ps.buf = buf;
    ps.end = buf + len;
    ps.line_start = buf;
    ps.line = 1;
    ps.lim = lim;
    ps.err = err;
    ps.copy = (flags & TR_JCOPY) != 0;
    ps.escaped = 0;
    d->vn = d->fn = 0;

    p = skip_ws(&ps, buf);
    if (p >= ps.end) {
        fail(&ps, p, TR_JERR_SYNTAX, len ? "no value, only white space" : "empty input");
        return NULL;
    }
    for (;;) {
        tr_jv *v;
        /* a value starts at p */
        if (lim != NULL && lim->values_limited) {
            if (lim->values_left == 0) {
                fail(&ps, p, TR_JERR_VALUES, "more values than the limit");
                return NULL;
            }
            lim->values_left--;
        }
        switch (*p) {
        case '{':
        case '[': {
            int obj = *p == '{';
            if (open_frame(&ps, p, obj ? TR_JOBJECT : TR_JARRAY) != 0)
                return NULL;
            p = skip_ws(&ps, p + 1);
            if (p < ps.end && *p == (obj ? '}' : ']')) { /* empty */
                if (close_frame(&ps, p) != 0)
                    return NULL;
                p++;
                goto after;
            }
            if (obj && (p = parse_key(&ps, p)) == NULL)
                return NULL;
            goto value;
        }
        default:
            break;
        }
        /* a scalar, written straight into the stack's next slot */
        if (d->vn == d->vcap && grow_stack(&ps) != 0)
            return NULL;
        v = &d->vs[d->vn];
        if (*p == '"')
            p = parse_string(&ps, p + 1, v);
        else if (*p == 't' || *p == 'f' || *p == 'n')
            p = parse_literal(&ps, p, v);
        else if (*p == '-' || is_digit(*p))
            p = parse_number(&ps, p, v);
        else {
            fail_char(&ps, p, "a value");
            return NULL;
        }
        if (p == NULL)
            return NULL;
        d->vn++;
    after:
        /* a value ended at p: a separator, a closing bracket, or the end */
        while (d->fn > 0) {
            frame *f = &d->fs[d->fn - 1];
            char close = f->type == TR_JOBJECT ? '}' : ']';
            p = skip_ws(&ps, p);
            if (p < ps.end && *p == ',') {
                p = skip_ws(&ps, p + 1);
                if (f->type == TR_JOBJECT && (p = parse_key(&ps, p)) == NULL)
                    return NULL;
                goto value;
            }
            if (p < ps.end && *p == close) {
                if (close_frame(&ps, p) != 0)
                    return NULL;
                p++;
                continue;
            }
            fail_char(&ps, p, f->type == TR_JOBJECT ? "',' or '}'" : "',' or ']'");
            return NULL;
        }
        break;
    value:
        if (p >= ps.end) {
            fail_char(&ps, p, "a value");
            return NULL;
        }
    }
    if (flags & TR_JPREFIX) {
        if (used != NULL)
            *used = (size_t)(p - buf);
    } else {
        char *q = skip_ws(&ps, p);
        if (q < ps.end) {
            fail(&ps, q, TR_JERR_SYNTAX, "end of input expected after the value");
            return NULL;
        }
    }
    root = arena_alloc(d, sizeof *root);
    if (root == NULL) {
        fail(&ps, p, TR_JERR_NOMEM, "out of memory");
        return NULL;
    }
    *root = d->vs[0];
    d->vn = 0;
    return root;
}
