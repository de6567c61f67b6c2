/* extract.c - records, conditions, times, texts and facts from JSON. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "extract.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <strings.h>

#include "text.h"

int tr_records_each(const tr_jpath *sel, tr_jv *doc, tr_jpath_fn fn, void *user)
{
    if (sel) return tr_jpath_each(sel, doc, fn, user);
    /* auto: bare array, or one key wrapping an array, else one record */
    tr_jv *arr = NULL;
    if (tr_jv_is_array(doc)) arr = doc;
    else if (tr_jv_is_object(doc) && doc->n == 1 && tr_jv_is_array(tr_jv_val(doc, 0))) arr = tr_jv_val(doc, 0);
    if (!arr) return fn(doc, user);
    for (size_t i = 0; i < arr->n; i++) {
        int rc = fn(&arr->u.kids[i], user);
        if (rc) return rc;
    }
    return 0;
}

/* A number or boolean in its literal form into buf (64 bytes); its length,
 * or -1 for any other value. */
static int scalar_literal(const tr_jv *v, char *buf)
{
    switch (v ? v->type : TR_JNULL) {
    case TR_JINT: return snprintf(buf, 64, "%" PRId64, v->u.i);
    case TR_JREAL: return snprintf(buf, 64, "%.17g", v->u.d);
    case TR_JTRUE: memcpy(buf, "true", 5); return 4;
    case TR_JFALSE: memcpy(buf, "false", 6); return 5;
    default: return -1;
    }
}

/* Whether s[0..n) is all ASCII (and, unless nul_ok, holds no NUL): text
 * that tr_mojibake_repair would return unchanged, so it is used in place,
 * without a copy. */
static int plain_ascii(const char *s, size_t n, int nul_ok)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c == 0 && !nul_ok)) return 0;
    }
    return 1;
}

char *tr_json_text(tr_jv *v)
{
    char buf[64];
    if (tr_jv_is_string(v)) return tr_mojibake_repair(v->u.s, v->n, NULL);
    return scalar_literal(v, buf) < 0 ? NULL : strdup(buf);
}

typedef struct cond_ctx {
    const tr_cond *c;
    tr_matcher *m;
    int found;   /* some value yielded */
    int hit;     /* some value satisfied the positive form */
    int limit;   /* a regex hit its limit */
} cond_ctx;

static int cond_visit(tr_jv *v, void *user)
{
    cond_ctx *x = user;
    x->found = 1;
    if (x->c->op == TR_OP_EXISTS || x->c->op == TR_OP_MISSING) return 1;
    /* the value as tr_json_text gives it (a string up to its first NUL),
     * copied only when the repair may change it */
    char lit[64], *owned = NULL;
    const char *s;
    size_t len;
    if (v->type == TR_JSTRING && plain_ascii(v->u.s, v->n, 0)) {
        s = v->u.s;
        len = v->n;
    } else if (v->type == TR_JSTRING) {
        owned = tr_mojibake_repair(v->u.s, v->n, NULL);
        if (!owned) return 0;
        s = owned;
        len = strlen(owned);
    } else {
        int n = scalar_literal(v, lit);
        if (n < 0) return 0;
        s = lit;
        len = (size_t)n;
    }
    int ok = 0;
    if (x->c->op == TR_OP_MATCH || x->c->op == TR_OP_NOMATCH) {
        int rc = tr_regex_match(&x->c->re, x->m, s, len);
        if (rc < 0) x->limit = 1;
        ok = rc > 0;
    } else {
        ok = strcasecmp(s, x->c->value) == 0;
    }
    free(owned);
    if (ok) {
        x->hit = 1;
        return 1;
    }
    return 0;
}

int tr_cond_eval_json(const tr_cond *c, tr_jv *root, tr_matcher *m)
{
    cond_ctx x = {c, m, 0, 0, 0};
    tr_jpath_each(c->sel, root, cond_visit, &x);
    if (x.limit && !x.hit) return -1;
    switch (c->op) {
    case TR_OP_EXISTS: return x.found;
    case TR_OP_MISSING: return !x.found;
    case TR_OP_MATCH:
    case TR_OP_EQ: return x.hit;
    case TR_OP_NOMATCH:
    case TR_OP_NE: return !x.hit;
    case TR_OP_GREATEST: return 0; /* needs the file: tr_rule_conds_ranked */
    }
    return 0;
}

int tr_cond_eval_fact(const tr_cond *c, const tr_fact *facts, size_t nfacts)
{
    const tr_fact *f = NULL;
    for (size_t i = 0; i < nfacts; i++)
        if (strcmp(facts[i].name, c->fact) == 0) {
            f = &facts[i];
            break;
        }
    switch (c->op) {
    case TR_OP_EXISTS: return f != NULL;
    case TR_OP_MISSING: return f == NULL;
    case TR_OP_EQ: return f && strcasecmp(f->text, c->value) == 0;
    case TR_OP_NE: return !f || strcasecmp(f->text, c->value) != 0;
    case TR_OP_MATCH:
    case TR_OP_NOMATCH: {
        if (!f) return c->op == TR_OP_NOMATCH;
        /* under the default limits: a runaway pattern must not hang */
        tr_matcher m;
        if (tr_matcher_init(&m, TR_DEFAULT_MATCH_LIMIT, TR_DEFAULT_DEPTH_LIMIT) != 0) return 0;
        int rc = tr_regex_match(&c->re, &m, f->text, strlen(f->text));
        tr_matcher_free(&m);
        if (rc < 0) return 0; /* a limit: the condition does not hold either way */
        return (rc > 0) == (c->op == TR_OP_MATCH);
    }
    case TR_OP_GREATEST: return 0; /* not a fact condition (refused when loading) */
    }
    return 0;
}

/* Seconds from a JSON time value: a number, a string of digits, or an ISO
 * 8601 date-time string. */
static int time_value(const tr_jv *v, int ms, int64_t *out)
{
    int64_t t = 0;
    if (v->type == TR_JINT) t = v->u.i;
    else if (v->type == TR_JREAL) {
        double d = v->u.d;
        if (!(d >= 1 && d < 9.0e18)) return 0; /* converting a double out of range is undefined */
        t = (int64_t)d;
    } else if (v->type == TR_JSTRING) {
        const char *s = v->u.s;
        int y, mo, d, h = 0, mi = 0, se = 0;
        char *end;
        long long n = strtoll(s, &end, 10);
        if (*s && !*end) t = (int64_t)n;
        else if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) >= 3) {
            tr_date dt = {y, mo, d};
            if (!tr_date_valid(dt)) return 0;
            t = tr_date_to_days(dt) * 86400 + h * 3600 + mi * 60 + se;
            ms = 0;
        } else return 0;
    } else return 0;
    if (t <= 0) return 0; /* before the division: -INT64_MIN would overflow */
    if (ms) t /= 1000;
    if (t <= 0) return 0;
    *out = t;
    return 1;
}

typedef struct time_ctx { int ms; int found; int64_t t; } time_ctx;

static int time_visit(tr_jv *v, void *user)
{
    time_ctx *x = user;
    if (time_value(v, x->ms, &x->t)) {
        x->found = 1;
        return 1;
    }
    return 0;
}

int tr_item_time(const tr_rule *r, tr_jv *rec, int64_t *out)
{
    for (size_t i = 0; i < r->ntime; i++) {
        time_ctx x = {r->time[i].ms, 0, 0};
        if (!r->time[i].sel) continue;
        tr_jpath_each(r->time[i].sel, rec, time_visit, &x);
        if (x.found) {
            *out = x.t;
            return 1;
        }
    }
    return 0;
}

typedef struct text_ctx { char *buf; size_t len, cap; int oom; int repair; } text_ctx;

static int text_visit(tr_jv *v, void *user)
{
    text_ctx *x = user;
    if (v->type != TR_JSTRING || v->n == 0) return 0;
    size_t n = v->n;
    const char *s = v->u.s;
    char *owned = NULL;
    if (x->repair && !plain_ascii(s, n, 1)) {
        owned = tr_mojibake_repair(s, n, &n);
        if (!owned) {
            x->oom = 1;
            return 1;
        }
        s = owned;
    }
    if (x->len + n + 2 > x->cap) {
        size_t cap = x->cap ? x->cap : 64;
        while (cap < x->len + n + 2) cap *= 2;
        char *nb = realloc(x->buf, cap);
        if (!nb) {
            free(owned);
            x->oom = 1;
            return 1;
        }
        x->buf = nb;
        x->cap = cap;
    }
    if (x->len) x->buf[x->len++] = '\n';
    memcpy(x->buf + x->len, s, n);
    x->len += n;
    x->buf[x->len] = 0;
    free(owned);
    return 0;
}

/* Keeps the longest non-empty string visited (the first of equal ones). */
static int longest_visit(tr_jv *v, void *user)
{
    tr_jv **best = user;
    if (v->type == TR_JSTRING && v->n > 0 && (!*best || v->n > (*best)->n)) *best = v;
    return 0;
}

char *tr_item_text(const tr_rule *r, tr_jv *rec, int repair, int *oom)
{
    text_ctx x = {NULL, 0, 0, 0, repair};
    tr_jv *best = NULL;
    for (size_t i = 0; i < r->ntext && !x.oom; i++)
        if (r->text[i]) tr_jpath_each(r->text[i], rec, text_visit, &x);
    /* nothing found: the longest string of the `longest` selectors (the
     * label of the text is in a language no selector names) */
    if (!x.oom && x.len == 0) {
        for (size_t i = 0; i < r->ntext_longest; i++)
            if (r->text_longest[i]) tr_jpath_each(r->text_longest[i], rec, longest_visit, &best);
        if (best) text_visit(best, &x);
    }
    if (x.oom) {
        *oom = 1;
        free(x.buf);
        return NULL;
    }
    return x.buf;
}

/* Characters of an address's local part and of its domain. */
static int local_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || (c && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}
static int domain_char(unsigned char c) { return isalnum(c) || c >= 0x80 || c == '.' || c == '-'; }

char *tr_first_email(const char *s, int *oom)
{
    for (const char *at = strchr(s, '@'); at; at = strchr(at + 1, '@')) {
        const char *b = at, *e = at + 1;
        while (b > s && local_char((unsigned char)b[-1])) b--;
        while (b < at && *b == '.') b++;
        while (domain_char((unsigned char)*e)) e++;
        while (e > at + 1 && (e[-1] == '.' || e[-1] == '-')) e--;
        if (b == at || e == at + 1 || at[1] == '.' || at[1] == '-') continue;
        const char *dot = memchr(at + 1, '.', (size_t)(e - at - 1));
        if (!dot || dot + 1 >= e) continue; /* a domain has a dot, and something after it */
        char *out = strndup(b, (size_t)(e - b));
        if (!out && oom) *oom = 1;
        return out;
    }
    return NULL;
}

/* The words a fact rule reads as true and as false, besides "true" and
 * "false" (none for tr_fact_read). */
typedef struct bool_words { char *const *yes, *const *no; size_t nyes, nno; } bool_words;

static int fact_from_json(tr_jv *v, tr_fact_type type, const bool_words *w, tr_fact *f);

typedef struct fact_ctx { tr_fact_type type; const bool_words *w; tr_fact *f; int found; } fact_ctx;

static int fact_visit(tr_jv *v, void *user)
{
    fact_ctx *x = user;
    if (fact_from_json(v, x->type, x->w, x->f) != 0) return 0;
    x->found = 1;
    return 1;
}

static int fact_read(const tr_jpath *sel, tr_jv *doc, tr_fact_type type, const bool_words *w, tr_fact *f)
{
    fact_ctx x = {type, w, f, 0};
    f->type = type;
    f->text = NULL;
    if (!sel || !doc) return -1;
    tr_jpath_each(sel, doc, fact_visit, &x);
    return x.found ? 0 : -1;
}

int tr_fact_read(const tr_jpath *sel, tr_jv *doc, tr_fact_type type, tr_fact *f)
{
    return fact_read(sel, doc, type, NULL, f);
}

int tr_fact_read_rule(const tr_factrule *fr, tr_jv *doc, tr_fact *f)
{
    bool_words w = {fr->yes, fr->no, fr->nyes, fr->nno};
    return fact_read(fr->value, doc, fr->type, &w, f);
}

/* Whether the string s (as repaired text) equals one of the n words,
 * ignoring ASCII case: 1 yes, 0 no, -1 out of memory. */
static int is_word(const char *s, size_t len, char *const *words, size_t n)
{
    char *t = NULL;
    int hit = 0;
    if (n == 0 || memchr(s, 0, len)) return 0; /* a NUL: not one whole word */
    if (!plain_ascii(s, len, 0) && !(t = tr_mojibake_repair(s, len, NULL))) return -1;
    for (size_t i = 0; i < n && !hit; i++) hit = strcasecmp(t ? t : s, words[i]) == 0;
    free(t);
    return hit;
}

int tr_fact_from_json(tr_jv *v, tr_fact_type type, tr_fact *f)
{
    return fact_from_json(v, type, NULL, f);
}

static int fact_from_json(tr_jv *v, tr_fact_type type, const bool_words *w, tr_fact *f)
{
    char buf[16];
    f->type = type;
    f->text = NULL;
    switch (type) {
    case TR_FACT_EMAIL: {
        char *t = tr_json_text(v);
        f->text = t ? tr_first_email(t, NULL) : NULL;
        free(t);
        return f->text ? 0 : -1;
    }
    case TR_FACT_STRING:
        f->text = tr_json_text(v);
        if (!f->text || !*f->text) {
            free(f->text);
            f->text = NULL;
            return -1;
        }
        return 0;
    case TR_FACT_BOOL: {
        if (tr_jv_is_bool(v)) f->boolean = tr_jv_is_true(v);
        else if (tr_jv_is_string(v) && !strcasecmp(v->u.s, "true")) f->boolean = 1;
        else if (tr_jv_is_string(v) && !strcasecmp(v->u.s, "false")) f->boolean = 0;
        else if (w && tr_jv_is_string(v) && is_word(v->u.s, v->n, w->yes, w->nyes) == 1) f->boolean = 1;
        else if (w && tr_jv_is_string(v) && is_word(v->u.s, v->n, w->no, w->nno) == 1) f->boolean = 0;
        else return -1;
        f->text = strdup(f->boolean ? "true" : "false");
        return f->text ? 0 : -1;
    }
    case TR_FACT_DATE: {
        tr_date d = {0, 0, 0};
        if (tr_jv_is_object(v)) {
            d.year = (int)tr_jv_int(tr_jv_get(v, "year"));
            d.month = (int)tr_jv_int(tr_jv_get(v, "month"));
            d.day = (int)tr_jv_int(tr_jv_get(v, "day"));
        } else if (!tr_jv_is_string(v) || tr_date_parse(v->u.s, &d) != 0) {
            return -1;
        }
        if (!tr_date_valid(d)) return -1;
        f->date = d;
        tr_date_format(d, buf);
        f->text = strdup(buf);
        return f->text ? 0 : -1;
    }
    }
    return -1;
}

size_t tr_doc_stem_len(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base && (!strcasecmp(dot, ".json") || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")))
        return (size_t)(dot - path);
    return strlen(path);
}

int tr_any_match(const tr_regex *re, size_t n, const char *s, size_t len, tr_matcher *m)
{
    int limit = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = tr_regex_match(&re[i], m, s, len);
        if (rc > 0) return 1;
        if (rc < 0) limit = 1;
    }
    return limit ? -1 : 0;
}

/* ---- greatest: a record compared with the other records of its file ---------------- */

/* A value that can be ranked: a number, a string of digits, or an ISO 8601
 * date(-time) string (as seconds). */
static int rank_value(const tr_jv *v, double *out)
{
    int64_t t;
    if (v->type == TR_JINT) *out = (double)v->u.i;
    else if (v->type == TR_JREAL) *out = v->u.d;
    else if (v->type == TR_JSTRING && time_value(v, 0, &t)) *out = (double)t;
    else return 0;
    return *out == *out; /* not NaN */
}

typedef struct rank_ctx { int has; double max; } rank_ctx;

static int rank_visit(tr_jv *v, void *user)
{
    rank_ctx *x = user;
    double d;
    if (rank_value(v, &d) && (!x->has || d > x->max)) {
        x->max = d;
        x->has = 1;
    }
    return 0;
}

typedef struct rank_file_ctx { const tr_cond *c; rank_ctx best; } rank_file_ctx;

static int rank_record(tr_jv *rec, void *user)
{
    rank_file_ctx *x = user;
    tr_jpath_each(x->c->sel, rec, rank_visit, &x->best);
    return 0;
}

void tr_rank_init(tr_rank *rk, tr_jv *doc, const tr_jpath *records)
{
    rk->doc = doc;
    rk->records = records;
    rk->n = 0;
}

int tr_rank_max(tr_rank *rk, const tr_cond *c, double *max)
{
    for (size_t i = 0; i < rk->n; i++)
        if (rk->cache[i].c == c) {
            *max = rk->cache[i].max;
            return rk->cache[i].has;
        }
    rank_file_ctx x = {c, {0, 0}};
    if (rk->doc) tr_records_each(rk->records, rk->doc, rank_record, &x);
    if (rk->n < TR_RANK_CACHE) {
        rk->cache[rk->n].c = c;
        rk->cache[rk->n].has = x.best.has;
        rk->cache[rk->n].max = x.best.max;
        rk->n++;
    }
    *max = x.best.max;
    return x.best.has;
}

static int cond_greatest(const tr_cond *c, tr_jv *rec, tr_rank *rk)
{
    double max;
    rank_ctx mine = {0, 0};
    if (!rec || !tr_rank_max(rk, c, &max)) return 0;
    tr_jpath_each(c->sel, rec, rank_visit, &mine);
    return mine.has && mine.max >= max;
}

int tr_rule_conds_ranked(const tr_rule *r, tr_scope scope, tr_jv *doc, tr_jv *rec, const tr_fact *facts,
                         size_t nfacts, tr_matcher *m, tr_rank *rk)
{
    int limit = 0;
    tr_rank own;
    int own_ready = 0;
    for (size_t c = 0; c < r->nconds; c++) {
        const tr_cond *cd = &r->conds[c];
        int ok;
        if (cd->scope != scope) continue;
        if (scope == TR_SCOPE_FACT) ok = tr_cond_eval_fact(cd, facts, nfacts);
        else if (cd->op == TR_OP_GREATEST) {
            if (!rk) {
                if (!own_ready) tr_rank_init(&own, doc, r->records);
                own_ready = 1;
            }
            ok = cond_greatest(cd, rec, rk ? rk : &own);
        } else ok = tr_cond_eval_json(cd, scope == TR_SCOPE_FILE ? doc : rec, m);
        if (ok < 0) limit = 1;
        if (ok <= 0) return limit ? -1 : 0;
    }
    return 1;
}

int tr_rule_conds(const tr_rule *r, tr_scope scope, tr_jv *doc, tr_jv *rec, const tr_fact *facts, size_t nfacts,
                  tr_matcher *m)
{
    return tr_rule_conds_ranked(r, scope, doc, rec, facts, nfacts, m, NULL);
}

int tr_export_name_date(const char *name, tr_date *out)
{
    for (const char *p = name; *p; p++) {
        int y, m, d, n = 0;
        if (*p == '_' && strspn(p + 1, "0123456789") == 8 && strchr(".- ", p[9])) {
            /* Instagram's first exports: <user>_<YYYYMMDD> */
            tr_date dt = {(p[1] - '0') * 1000 + (p[2] - '0') * 100 + (p[3] - '0') * 10 + (p[4] - '0'),
                          (p[5] - '0') * 10 + (p[6] - '0'), (p[7] - '0') * 10 + (p[8] - '0')};
            if (tr_date_valid(dt)) {
                *out = dt;
                return 1;
            }
            continue;
        }
        if (*p != '-' || !isdigit((unsigned char)p[1])) continue;
        if (sscanf(p, "-%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n < 9) continue;
        if (p[n] != '-' && p[n] != '.' && p[n] != '_' && p[n] != 0) continue;
        if (!isdigit((unsigned char)p[4]) || p[5] != '-') continue; /* exactly four year digits */
        tr_date dt = {y, m, d};
        if (tr_date_valid(dt)) {
            *out = dt;
            return 1;
        }
    }
    return 0;
}
